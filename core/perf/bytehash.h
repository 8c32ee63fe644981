#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace pl::perf {

// MurmurHash3's 64-bit finalizer: a bijection whose every input bit
// reaches the low bits power-of-two tables index by. Its constants are
// fixed on purpose: a random multiplier can be a weak one (many low zero
// bits), and keys that differ only in a few bits then crowd into few slots.
inline std::uint64_t fmix64(std::uint64_t h)
{
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}

// A fast hash for short byte strings (IDs, summary texts): eight bytes at a
// time, one multiply each, and a final mix so that the low bits (which
// power-of-two tables use) depend on every byte. Not keyed: a capture
// crafted to collide only makes its totals slower, never wrong.
//
// Inline: the flow-log tables hash fixed-size keys for every record, and
// the compiler then drops the loop and the tail's branches.
inline std::uint64_t hashBytes(std::string_view bytes)
{
    const char *const data = bytes.data();
    const std::size_t size = bytes.size();
    std::uint64_t h = size * 0x9E3779B97F4A7C15ull;
    std::size_t at = 0;
    for (; at + 8 <= size; at += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + at, 8);
        h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    }
    // The last 1-7 bytes as a word, zero above them (what copying them into
    // a zeroed word gives on a little-endian machine), read in two
    // overlapping loads, the shared bytes OR-ed twice: a copy of variable
    // length read back as a word stalls on store forwarding.
    std::uint64_t tail = 0;
    const std::size_t rest = size - at;
    const char *const last = data + at;
    if (rest >= 4) {
        std::uint32_t low, high;
        std::memcpy(&low, last, 4);
        std::memcpy(&high, last + rest - 4, 4);
        tail = low | (std::uint64_t(high) << ((rest - 4) * 8));
    } else if (rest >= 2) {
        std::uint16_t low, high;
        std::memcpy(&low, last, 2);
        std::memcpy(&high, last + rest - 2, 2);
        tail = low | (std::uint64_t(high) << ((rest - 2) * 8));
    } else if (rest == 1) {
        tail = static_cast<unsigned char>(*last);
    }
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    // A product's low bits see only the low bits of its input: fold the
    // high half down and mix again, since tables take slots from the low bits.
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

} // namespace pl::perf
