#pragma once

#include "tcpflowtable.h"

#include <unordered_map>

namespace pl::capture {

struct UdpDatagram
{
    NetEndpoint source;
    NetEndpoint destination;
    proxy::ByteSpan payload;             // captured
    std::uint32_t payloadWireLength = 0; // > payload.size(): cut by the snaplen
    std::uint64_t frame = 0;
    std::int64_t timeNs = 0;
};

// UDP carries a header in every datagram (header and payload travel
// together), so each datagram with a PROXY signature is its own record. A
// datagram without one is a record ("header missing") only from the side
// that sent headers before on that flow; the other side's replies and other
// UDP traffic (DNS, NTP...) are only counted.
class UdpDatagrams
{
public:
    using Sink = std::function<void(Connection &&)>;

    UdpDatagrams(proxy::VendorProfile vendor, Sink sink);
    void add(const UdpDatagram &datagram);
    std::uint64_t ignored() const { return m_ignored; }

private:
    proxy::VendorProfile m_vendor;
    Sink m_sink;
    std::unordered_map<FlowKey, NetEndpoint, FlowKeyHash> m_clients; // who sent headers
    SummaryCaches m_caches;
    std::uint64_t m_ignored = 0;
};

} // namespace pl::capture
