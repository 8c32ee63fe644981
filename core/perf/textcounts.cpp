#include "textcounts.h"

#include "bytehash.h"

namespace pl::perf {

void TextCounts::add(proxy::ByteSpan bytes)
{
    const std::string_view text(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    const std::uint64_t hash = hashBytes(text);
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

} // namespace pl::perf
