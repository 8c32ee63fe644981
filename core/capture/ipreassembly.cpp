#include "ipreassembly.h"

#include "perf/bytehash.h"

#include <algorithm>
#include <cstring>

namespace pl::capture {

namespace {

constexpr std::uint32_t kMaxDatagram = 65535; // without IPv6 jumbograms
constexpr std::size_t kMaxPending = 4096;
constexpr std::size_t kMaxBuffered = std::size_t{64} << 20;
constexpr std::int64_t kTimeoutNs = std::int64_t{30} * 1000000000;

} // namespace

struct IpReassembler::Datagram
{
    std::uint64_t generation = 0;
    std::int64_t startNs = 0;
    std::vector<std::uint8_t> data;
    // The byte ranges received, [begin, end), sorted and merged.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> have;
    std::uint32_t total = 0; // known once the last fragment came
    bool totalKnown = false;
    bool lost = false; // given up: later fragments are lost too
    std::uint32_t fragments = 0;
    IpPacket first; // addresses; the protocol of the fragment at offset 0
};

std::size_t IpReassembler::KeyHash::operator()(const Key &key) const
{
    return perf::hashBytes(std::string_view(reinterpret_cast<const char *>(key.source.data()),
                                            key.source.size())) ^
           (perf::hashBytes(std::string_view(reinterpret_cast<const char *>(key.destination.data()),
                                             key.destination.size())) *
            31) ^
           (std::size_t{key.id} << 8 | key.protocol);
}

IpReassembler::IpReassembler() = default;
IpReassembler::~IpReassembler() = default;

void IpReassembler::giveUp(Datagram &datagram)
{
    m_lostFragments += datagram.fragments;
    datagram.fragments = 0;
    datagram.lost = true;
    m_bufferedBytes -= datagram.data.capacity();
    std::vector<std::uint8_t>().swap(datagram.data);
    datagram.have.clear();
}

void IpReassembler::expire(std::int64_t timeNs)
{
    while (!m_order.empty()) {
        const auto &[generation, key] = m_order.front();
        const auto it = m_pending.find(key);
        if (it != m_pending.end() && it->second->generation == generation) {
            if (timeNs - it->second->startNs <= kTimeoutNs)
                return;
            giveUp(*it->second);
            m_pending.erase(it);
        }
        m_order.pop_front();
    }
}

void IpReassembler::evictOldest()
{
    while (!m_order.empty()) {
        const auto [generation, key] = m_order.front();
        m_order.pop_front();
        const auto it = m_pending.find(key);
        if (it != m_pending.end() && it->second->generation == generation) {
            giveUp(*it->second);
            m_pending.erase(it);
            return;
        }
    }
}

IpReassembler::Result IpReassembler::add(const IpPacket &fragment, std::int64_t timeNs,
                                         IpPacket &whole)
{
    expire(timeNs);
    Key key;
    key.source = fragment.source;
    key.destination = fragment.destination;
    key.id = fragment.fragmentId;
    key.ipv6 = fragment.ipv6;
    key.protocol = fragment.ipv6 ? 0 : fragment.protocol;
    auto it = m_pending.find(key);
    if (it == m_pending.end()) {
        if (m_pending.size() >= kMaxPending)
            evictOldest();
        auto datagram = std::make_unique<Datagram>();
        datagram->generation = m_nextGeneration++;
        datagram->startNs = timeNs;
        datagram->first = fragment;
        m_order.emplace_back(datagram->generation, key);
        it = m_pending.emplace(key, std::move(datagram)).first;
    }
    Datagram &d = *it->second;
    ++d.fragments;
    if (d.lost) {
        giveUp(d); // counts this one
        return Result::Lost;
    }

    const std::uint32_t begin = fragment.fragmentOffset;
    const std::uint32_t end = begin + fragment.payloadWireLength;
    const bool cut = fragment.payload.size() < fragment.payloadWireLength;
    // Every fragment but the last carries a multiple of 8 bytes (offsets
    // are in 8-byte units); a last one must agree with any last one before.
    const bool misaligned = fragment.moreFragments && fragment.payloadWireLength % 8 != 0;
    const bool tooLong = end > kMaxDatagram;
    const bool lastDisagrees = !fragment.moreFragments && d.totalKnown && d.total != end;
    const bool pastLast =
        (d.totalKnown && end > d.total) ||
        (!fragment.moreFragments && !d.have.empty() && d.have.back().second > end);
    if (cut || misaligned || tooLong || lastDisagrees || pastLast) {
        giveUp(d);
        return Result::Lost;
    }
    // Bytes received twice must be the same bytes: overlapping fragments
    // that differ are how firewalls were once evaded (RFC 5722).
    for (const auto &[haveBegin, haveEnd] : d.have) {
        const std::uint32_t from = std::max(begin, haveBegin);
        const std::uint32_t to = std::min(end, haveEnd);
        if (from < to && std::memcmp(d.data.data() + from, fragment.payload.data() + (from - begin),
                                     to - from) != 0) {
            giveUp(d);
            return Result::Lost;
        }
    }
    if (end > d.data.size()) {
        const std::size_t before = d.data.capacity();
        d.data.resize(end);
        m_bufferedBytes += d.data.capacity() - before;
        if (m_bufferedBytes > kMaxBuffered) {
            giveUp(d);
            return Result::Lost;
        }
    }
    if (end > begin)
        std::memcpy(d.data.data() + begin, fragment.payload.data(), end - begin);
    if (begin == 0)
        d.first = fragment; // its protocol is the datagram's
    if (!fragment.moreFragments) {
        d.total = end;
        d.totalKnown = true;
    }
    // Merge [begin, end) into the sorted ranges.
    auto at = std::lower_bound(d.have.begin(), d.have.end(), std::make_pair(begin, end));
    at = d.have.insert(at, {begin, end});
    if (at != d.have.begin() && std::prev(at)->second >= at->first)
        --at;
    while (std::next(at) != d.have.end() && std::next(at)->first <= at->second) {
        at->second = std::max(at->second, std::next(at)->second);
        d.have.erase(std::next(at));
    }
    if (!d.totalKnown || d.have.size() != 1 || d.have.front().first != 0 ||
        d.have.front().second != d.total)
        return Result::Pending;

    // Whole: kept until the next call, then the buffer is reused.
    m_bufferedBytes -= d.data.capacity();
    m_whole.swap(d.data);
    whole = decodeReassembled(d.first, proxy::ByteSpan(m_whole.data(), d.total));
    ++m_reassembled;
    m_pending.erase(it);
    return Result::Complete;
}

void IpReassembler::finish()
{
    for (auto &[key, datagram] : m_pending)
        giveUp(*datagram);
    m_pending.clear();
    m_order.clear();
}

} // namespace pl::capture
