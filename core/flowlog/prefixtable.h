#pragma once

#include "ipaddress.h"

#include <cstdint>
#include <vector>

namespace pl::flowlog {

// Longest-prefix match over IPv4 and IPv6 prefixes. Prefixes are flattened
// at build() into disjoint sorted intervals, each holding the value of the
// most specific prefix that covers it, so a lookup is one binary search
// (about 18 steps with 100k prefixes) whatever the nesting.
class PrefixTable
{
public:
    // value >= 0. For the same prefix added twice, the higher priority wins
    // (ties: the first added).
    void add(const IpPrefix &prefix, std::int32_t value, int priority = 0);
    void build();

    // The value of the longest matching prefix, or -1.
    std::int32_t lookup(const IpAddress &address) const;

    std::size_t prefixCount() const { return m_prefixCount; }
    std::size_t intervalCount() const { return m_starts.size(); }

private:
    struct Pending
    {
        Uint128 first;
        Uint128 last;
        int length;
        int priority;
        std::uint32_t order;
        std::int32_t value;
    };
    void appendInterval(Uint128 start, std::int32_t value);

    std::vector<Pending> m_pending;
    std::vector<Uint128> m_starts;
    std::vector<std::int32_t> m_values;
    std::size_t m_prefixCount = 0;
};

} // namespace pl::flowlog
