#include "tcpflowtable.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace pl::capture {

FlowKey FlowKey::of(const NetEndpoint &a, const NetEndpoint &b)
{
    const bool aLow = a.ip < b.ip || (a.ip == b.ip && a.port <= b.port);
    const NetEndpoint &low = aLow ? a : b;
    const NetEndpoint &high = aLow ? b : a;
    return FlowKey{low.ip, high.ip, low.port, high.port, a.ipv6};
}

std::size_t FlowKeyHash::operator()(const FlowKey &key) const noexcept
{
    std::uint64_t words[4];
    std::memcpy(words, key.lowIp.data(), 16);
    std::memcpy(words + 2, key.highIp.data(), 16);
    std::uint64_t h = (std::uint64_t{key.lowPort} << 16 | key.highPort) ^ 0x9E3779B97F4A7C15ull;
    for (const std::uint64_t w : words) {
        h ^= w + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h *= 0xFF51AFD7ED558CCDull;
    }
    return static_cast<std::size_t>(h ^ (h >> 32));
}

TcpFlowTable::TcpFlowTable(TcpFlow::Options options, Sink sink)
    : m_options(options), m_sink(std::move(sink))
{}

TcpFlowTable::~TcpFlowTable() = default;

void TcpFlowTable::add(const TcpSegment &segment)
{
    const FlowKey key = FlowKey::of(segment.source, segment.destination);
    auto it = m_flows.find(key);
    if (it != m_flows.end() && it->second->isNewConnection(segment)) {
        finish(std::move(it->second));
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
        it = m_flows.emplace(key, std::make_unique<TcpFlow>(m_options, segment)).first;
    }
    TcpFlow &flow = *it->second;
    flow.add(segment);
    if (flow.closed()) {
        finish(std::move(it->second));
        m_flows.erase(it);
    }
}

void TcpFlowTable::flush()
{
    std::vector<std::unique_ptr<TcpFlow>> flows;
    flows.reserve(m_flows.size());
    for (auto &entry : m_flows)
        flows.push_back(std::move(entry.second));
    m_flows.clear();
    std::sort(flows.begin(), flows.end(),
              [](const auto &a, const auto &b) { return a->firstFrame() < b->firstFrame(); });
    for (auto &flow : flows)
        finish(std::move(flow));
}

void TcpFlowTable::finish(std::unique_ptr<TcpFlow> flow)
{
    if (!flow->reportable()) {
        m_straySegments += flow->segments();
        return;
    }
    m_sink(flow->finish());
}

} // namespace pl::capture
