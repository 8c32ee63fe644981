#pragma once

#include "linklayer.h"

#include <array>

namespace pl::capture {

enum class IpStatus : std::uint8_t
{
    Ok,
    Malformed,       // header too short, bad version, lengths that contradict
    Fragment,        // a fragment: counted, never misread as TCP/UDP
    UnsupportedNext, // ESP, unknown extension header...
};

struct IpPacket
{
    // Addresses first and 16-byte aligned: they are read back as whole words.
    alignas(16) std::array<std::uint8_t, 16> source{};
    std::array<std::uint8_t, 16> destination{};
    IpStatus status = IpStatus::Malformed;
    bool ipv6 = false;
    bool firstFragment = false;          // offset 0 with more fragments (also not decoded)
    std::uint8_t protocol = 0;           // 6 TCP, 17 UDP, after IPv6 extension headers
    proxy::ByteSpan payload;             // captured transport bytes
    std::uint32_t payloadWireLength = 0; // what the IP header says (> payload.size(): snaplen cut)
};

// IPv4 with options, IPv6 with hop-by-hop, routing, destination-options and
// fragment headers. Lengths come from the IP header, so Ethernet padding is
// dropped and snaplen cuts are visible as payloadWireLength > payload.size().
IpPacket decodeIp(NetworkProtocol protocol, proxy::ByteSpan packet);

} // namespace pl::capture
