#include "tcpflowtable.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace pl::capture {

namespace {

std::array<std::uint64_t, 2> words(const std::array<std::uint8_t, 16> &ip)
{
    std::array<std::uint64_t, 2> w;
    std::memcpy(w.data(), ip.data(), 16);
    return w;
}

} // namespace

FlowKey FlowKey::of(const NetEndpoint &a, const NetEndpoint &b)
{
    // Any consistent order will do; it need not be the addresses' numeric one.
    const std::array<std::uint64_t, 2> ipA = words(a.ip);
    const std::array<std::uint64_t, 2> ipB = words(b.ip);
    const bool aLow = ipA[0] != ipB[0]   ? ipA[0] < ipB[0]
                      : ipA[1] != ipB[1] ? ipA[1] < ipB[1]
                                         : a.port <= b.port;
    return aLow ? FlowKey{ipA, ipB, a.port, b.port, a.ipv6}
                : FlowKey{ipB, ipA, b.port, a.port, a.ipv6};
}

std::size_t FlowKeyHash::operator()(const FlowKey &key) const noexcept
{
    // Words folded independently (no chain of multiplies per packet), then
    // one multiply to spread the bits; the table reduces modulo a prime.
    const auto rotl = [](std::uint64_t w, int n) {
        return (w << n) | (w >> (64 - n));
    };
    std::uint64_t h = key.lowIp[0] ^ rotl(key.lowIp[1], 13) ^ rotl(key.highIp[0], 29) ^
                      rotl(key.highIp[1], 43) ^
                      (std::uint64_t{key.lowPort} << 48 | std::uint64_t{key.highPort} << 32);
    h *= 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
}

TcpFlowTable::TcpFlowTable(TcpFlow::Options options, Sink sink)
    : m_options(options), m_sink(std::move(sink))
{}

TcpFlowTable::~TcpFlowTable() = default;

void TcpFlowTable::add(const TcpSegment &segment)
{
    const FlowKey key = FlowKey::of(segment.source, segment.destination);
    auto it = m_flows.find(key);
    if (it != m_flows.end() && it->second.isNewConnection(segment)) {
        finish(it->second);
        m_flows.erase(it);
        it = m_flows.end();
    }
    if (it == m_flows.end()) {
        // A segment without SYN or payload opens nothing worth a record
        // (the last ACK after a close, a keep-alive at capture start); not
        // creating a flow for it keeps memory flat across closed connections.
        const bool opens = (segment.flags & tcpflag::Syn) || segment.payloadWireLength > 0;
        if (!opens) {
            ++m_straySegments;
            return;
        }
        it = m_flows.try_emplace(key, m_options, segment).first;
    }
    TcpFlow &flow = it->second;
    flow.add(segment);
    if (flow.closed()) {
        finish(flow);
        m_flows.erase(it);
    }
}

void TcpFlowTable::flush()
{
    std::vector<TcpFlow *> flows;
    flows.reserve(m_flows.size());
    for (auto &entry : m_flows)
        flows.push_back(&entry.second);
    std::sort(flows.begin(), flows.end(),
              [](const TcpFlow *a, const TcpFlow *b) { return a->firstFrame() < b->firstFrame(); });
    for (TcpFlow *flow : flows)
        finish(*flow);
    m_flows.clear();
}

void TcpFlowTable::finish(TcpFlow &flow)
{
    if (!flow.reportable()) {
        m_straySegments += flow.segments();
        return;
    }
    m_sink(flow.finish());
}

} // namespace pl::capture
