#include "tcpflowtable.h"

#include "perf/bytehash.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

namespace pl::capture {

namespace {

std::array<std::uint64_t, 2> words(const std::array<std::uint8_t, 16> &ip)
{
    std::array<std::uint64_t, 2> w;
    std::memcpy(w.data(), ip.data(), 16);
    return w;
}

// Four random words per run: the hash's keys (see FlowKeyHash).
std::array<std::uint64_t, 4> makeSeeds()
{
    std::random_device device;
    std::array<std::uint64_t, 4> seeds{};
    for (std::uint64_t &s : seeds)
        s = std::uint64_t{device()} << 32 ^ device();
    return seeds;
}

const std::array<std::uint64_t, 4> kSeeds = makeSeeds();

// The 128-bit product of two words, its halves folded: every bit of both
// reaches the middle of the product.
std::uint64_t foldedMultiply(std::uint64_t a, std::uint64_t b)
{
    __extension__ using Wide = unsigned __int128;
    const Wide product = static_cast<Wide>(a) * b;
    return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
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
    // Folded multiplies of the address words, each XORed with a per-run
    // random seed (two independent products), then the ports, then a fixed
    // finalizer (MurmurHash3's fmix64, a bijection whose every input bit
    // reaches the low bits the table indexes by). A fold of the words by
    // XOR alone let a crafted capture give thousands of flows one hash (the
    // addresses' bits cancel the ports'), and reading went quadratic;
    // products of words XORed with unknown seeds cannot be steered so.
    const std::uint64_t h = foldedMultiply(key.lowIp[0] ^ kSeeds[0], key.highIp[0] ^ kSeeds[1]) ^
                            foldedMultiply(key.lowIp[1] ^ kSeeds[2], key.highIp[1] ^ kSeeds[3]) ^
                            (std::uint64_t{key.lowPort} << 16 | key.highPort);
    return static_cast<std::size_t>(perf::fmix64(h));
}

TcpFlowTable::TcpFlowTable(TcpFlow::Options options, Sink sink)
    : m_options(options), m_sink(std::move(sink)), m_slots(kInitialSlots)
{}

TcpFlowTable::~TcpFlowTable() = default;

std::size_t TcpFlowTable::findSlot(const FlowKey &key, std::uint32_t hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.flow == kNoFlow)
            return kNotFound;
        if (slot.hash == hash && m_keys[slot.flow] == key)
            return i;
    }
}

std::size_t TcpFlowTable::place(Slot slot)
{
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = slot.hash & mask;
    while (m_slots[i].flow != kNoFlow)
        i = (i + 1) & mask;
    m_slots[i] = slot;
    return i;
}

std::size_t TcpFlowTable::insert(const FlowKey &key, std::uint32_t hash, const TcpSegment &first)
{
    if ((openFlows() + 1) * 2 > m_slots.size()) {
        std::vector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        for (const Slot &slot : old)
            if (slot.flow != kNoFlow)
                place(slot);
    }
    std::uint32_t flow;
    if (!m_freeFlows.empty()) {
        flow = m_freeFlows.back();
        m_freeFlows.pop_back();
        m_keys[flow] = key;
    } else {
        flow = static_cast<std::uint32_t>(m_flows.size());
        m_flows.emplace_back();
        m_keys.push_back(key);
    }
    m_flows[flow].emplace(m_options, first, m_caches);
    return place(Slot{hash, flow});
}

void TcpFlowTable::remove(std::size_t slot)
{
    const std::uint32_t flow = m_slots[slot].flow;
    m_flows[flow].reset();
    m_freeFlows.push_back(flow);
    // Backward-shift deletion: later slots of the same probe run move up,
    // so a lookup never stops early at the hole (no tombstones).
    const std::size_t mask = m_slots.size() - 1;
    std::size_t hole = slot;
    for (std::size_t j = (hole + 1) & mask; m_slots[j].flow != kNoFlow; j = (j + 1) & mask) {
        const std::size_t home = m_slots[j].hash & mask;
        // The entry may fill the hole only if the hole lies between its home and j.
        if (((j - home) & mask) >= ((j - hole) & mask)) {
            m_slots[hole] = m_slots[j];
            hole = j;
        }
    }
    m_slots[hole] = Slot{};
}

void TcpFlowTable::add(const TcpSegment &segment)
{
    const FlowKey key = FlowKey::of(segment.source, segment.destination);
    const auto hash = static_cast<std::uint32_t>(FlowKeyHash{}(key));
    std::size_t slot = findSlot(key, hash);
    if (slot != kNotFound && m_flows[m_slots[slot].flow]->isNewConnection(segment)) {
        finish(*m_flows[m_slots[slot].flow]);
        remove(slot);
        slot = kNotFound;
    }
    if (slot == kNotFound) {
        // A segment without SYN or payload opens nothing worth a record
        // (the last ACK after a close, a keep-alive at capture start); not
        // creating a flow for it keeps memory flat across closed connections.
        const bool opens = (segment.flags & tcpflag::Syn) || segment.payloadWireLength > 0;
        if (!opens) {
            ++m_straySegments;
            return;
        }
        slot = insert(key, hash, segment);
    }
    TcpFlow &flow = *m_flows[m_slots[slot].flow];
    flow.add(segment);
    if (flow.closed()) {
        finish(flow);
        remove(slot);
    }
}

void TcpFlowTable::flush()
{
    std::vector<TcpFlow *> flows;
    flows.reserve(openFlows());
    for (std::optional<TcpFlow> &flow : m_flows)
        if (flow)
            flows.push_back(&*flow);
    std::sort(flows.begin(), flows.end(),
              [](const TcpFlow *a, const TcpFlow *b) { return a->firstFrame() < b->firstFrame(); });
    for (TcpFlow *flow : flows)
        finish(*flow);
    m_flows.clear();
    m_keys.clear();
    m_freeFlows.clear();
    m_slots.assign(kInitialSlots, Slot{});
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
