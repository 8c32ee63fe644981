#pragma once

#include "ipdecode.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace pl::capture {

// Rebuilds IPv4 and IPv6 datagrams from their fragments (RFC 791, RFC
// 8200), in any order, as a receiving host would: a PROXY header in a UDP
// datagram larger than the path's MTU, or in a TCP segment a tunnel
// fragmented, is read whole. Bounded against hostile captures: datagrams of
// at most 65,535 bytes, 4,096 in progress and 64 MiB buffered at once, 30 s
// of capture time each (Linux's ipfrag_time). A datagram whose fragments
// overlap with other bytes (RFC 5722's attack), whose non-last fragment is
// not a multiple of 8 bytes, or one cut by the snapshot length is given up:
// its fragments are counted as lost, never guessed.
class IpReassembler
{
public:
    enum class Result : std::uint8_t
    {
        Pending,  // kept until the datagram is whole
        Complete, // `whole` is the datagram
        Lost      // this fragment's datagram was given up
    };

    IpReassembler();
    ~IpReassembler();
    IpReassembler(const IpReassembler &) = delete;
    IpReassembler &operator=(const IpReassembler &) = delete;

    // A fragment as decodeIp() gave it (IpStatus::Fragment). On Complete,
    // `whole` is decoded as if captured unfragmented; its payload stays valid
    // until the next call.
    Result add(const IpPacket &fragment, std::int64_t timeNs, IpPacket &whole);
    // The end of the capture: datagrams still incomplete are lost.
    void finish();

    std::uint64_t reassembled() const { return m_reassembled; }
    // Fragments of datagrams given up (incomplete, overlapping, too long,
    // cut, timed out).
    std::uint64_t lostFragments() const { return m_lostFragments; }

private:
    struct Key
    {
        std::array<std::uint8_t, 16> source{};
        std::array<std::uint8_t, 16> destination{};
        std::uint32_t id = 0;
        std::uint8_t protocol = 0; // IPv4 only: IPv6 keys on addresses and ID
        bool ipv6 = false;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        std::size_t operator()(const Key &key) const;
    };
    struct Datagram;

    void giveUp(Datagram &datagram);
    void expire(std::int64_t timeNs);
    void evictOldest();

    std::unordered_map<Key, std::unique_ptr<Datagram>, KeyHash> m_pending;
    // Keys in the order their datagrams started, for time-outs and eviction;
    // a key whose datagram is gone (or started again) is passed over.
    std::deque<std::pair<std::uint64_t, Key>> m_order;
    std::uint64_t m_nextGeneration = 0;
    std::size_t m_bufferedBytes = 0;
    std::vector<std::uint8_t> m_whole; // the last datagram completed
    std::uint64_t m_reassembled = 0;
    std::uint64_t m_lostFragments = 0;
};

} // namespace pl::capture
