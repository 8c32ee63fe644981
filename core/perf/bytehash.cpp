#include "bytehash.h"

#include <cstring>

namespace pl::perf {

std::uint64_t hashBytes(std::string_view bytes)
{
    std::uint64_t h = bytes.size() * 0x9E3779B97F4A7C15ull;
    std::size_t at = 0;
    for (; at + 8 <= bytes.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + at, 8);
        h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    }
    std::uint64_t tail = 0;
    if (at < bytes.size())
        std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    // A product's low bits see only the low bits of its input: fold the
    // high half down and mix again, since tables take slots from the low bits.
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

} // namespace pl::perf
