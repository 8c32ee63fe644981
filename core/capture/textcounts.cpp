#include "textcounts.h"

#include <cstring>

namespace pl::capture {

std::uint64_t TextCounts::hashOf(std::string_view text)
{
    // IDs are short ASCII: 8 bytes at a time, one multiply each.
    std::uint64_t h = text.size() * 0x9E3779B97F4A7C15ull;
    std::size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + at, 8);
        h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    }
    std::uint64_t tail = 0;
    if (at < text.size())
        std::memcpy(&tail, text.data() + at, text.size() - at);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
}

void TextCounts::add(proxy::ByteSpan bytes)
{
    const std::string_view text(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    const std::uint64_t hash = hashOf(text);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Entry &e = m_slots[i];
        if (e.count == 0) {
            e = Entry{std::string(text), 1, hash};
            if (++m_used * 2 > m_slots.size())
                grow();
            return;
        }
        if (e.hash == hash && e.text == text) {
            ++e.count;
            return;
        }
    }
}

void TextCounts::grow()
{
    std::vector<Entry> old(m_slots.size() * 2);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (Entry &e : old) {
        if (e.count == 0)
            continue;
        std::size_t i = e.hash & mask;
        while (m_slots[i].count != 0)
            i = (i + 1) & mask;
        m_slots[i] = std::move(e);
    }
}

} // namespace pl::capture
