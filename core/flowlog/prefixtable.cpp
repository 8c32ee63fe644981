#include "prefixtable.h"

#include <algorithm>

namespace pl::flowlog {

void PrefixTable::add(const IpPrefix &prefix, std::int32_t value, int priority)
{
    m_pending.push_back({prefix.first(), prefix.last(), prefix.length, priority,
                         static_cast<std::uint32_t>(m_pending.size()), value});
}

void PrefixTable::appendInterval(Uint128 start, std::int32_t value)
{
    if (!m_starts.empty() && m_starts.back() == start) {
        m_values.back() = value;
        if (m_values.size() >= 2 && m_values[m_values.size() - 2] == value) {
            m_starts.pop_back();
            m_values.pop_back();
        }
        return;
    }
    if (!m_values.empty() && m_values.back() == value)
        return;
    m_starts.push_back(start);
    m_values.push_back(value);
}

void PrefixTable::build()
{
    // build() consumes the prefixes added so far: call it once, after all add().
    std::sort(m_pending.begin(), m_pending.end(), [](const Pending &a, const Pending &b) {
        if (a.first != b.first)
            return a.first < b.first;
        if (a.length != b.length)
            return a.length < b.length;
        if (a.priority != b.priority)
            return a.priority > b.priority;
        return a.order < b.order;
    });
    // Same prefix more than once: the first after sorting wins.
    m_pending.erase(std::unique(m_pending.begin(), m_pending.end(),
                                [](const Pending &a, const Pending &b) {
                                    return a.first == b.first && a.length == b.length;
                                }),
                    m_pending.end());
    m_prefixCount = m_pending.size();
    m_starts.clear();
    m_values.clear();
    appendInterval(0, -1);
    // CIDR prefixes are nested or disjoint: a stack of the open ones.
    std::vector<const Pending *> open;
    for (const Pending &p : m_pending) {
        while (!open.empty() && open.back()->last < p.first) {
            const Uint128 after = open.back()->last + 1;
            open.pop_back();
            appendInterval(after, open.empty() ? -1 : open.back()->value);
        }
        appendInterval(p.first, p.value);
        open.push_back(&p);
    }
    while (!open.empty()) {
        if (open.back()->last == ~Uint128(0))
            break; // everything after is covered up to the end of the space
        const Uint128 after = open.back()->last + 1;
        open.pop_back();
        appendInterval(after, open.empty() ? -1 : open.back()->value);
    }
    m_pending.clear();
    m_pending.shrink_to_fit();
}

std::int32_t PrefixTable::lookup(const IpAddress &address) const
{
    if (m_starts.empty())
        return -1;
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), address.value);
    return m_values[static_cast<std::size_t>(it - m_starts.begin()) - 1];
}

} // namespace pl::flowlog
