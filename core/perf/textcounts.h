#pragma once

#include "proxy/bytes.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pl::perf {

// Counts by byte string (VPC and endpoint IDs in the capture totals).
// Looked up once per connection with a view into the header bytes; a key
// is copied only the first time it is seen. Open addressing over a
// power-of-two table: std::unordered_map's modulo by a prime and its node
// walk made these two lookups most of the totals' time.
class TextCounts
{
public:
    struct Entry
    {
        std::string text;
        std::uint64_t count = 0; // 0: a free slot
        std::uint64_t hash = 0;
    };

    void add(proxy::ByteSpan text);
    bool empty() const { return m_used == 0; }
    std::size_t size() const { return m_used; }
    // Every counted text, in no particular order (free slots have count 0).
    const std::vector<Entry> &entries() const { return m_slots; }

private:
    void grow();

    std::vector<Entry> m_slots = std::vector<Entry>(64);
    std::size_t m_used = 0;
};

} // namespace pl::perf
