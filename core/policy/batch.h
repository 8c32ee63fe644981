#pragma once

#include "evaluator.h"

#include <QJsonObject>

#include <array>
#include <vector>

namespace pl::policy {

// Judges many requests (a capture, a live listener) one by one and keeps
// counts: per decision and per statement, so coverage shows statements no
// request ever hit. Feed it from a worker thread; read results when done.
class BatchEvaluator
{
public:
    explicit BatchEvaluator(PolicySet policies);

    Verdict add(const PolicyRequest &request);

    const PolicySet &policies() const { return m_policies; }
    std::uint64_t total() const { return m_total; }
    std::uint64_t count(Decision decision) const
    {
        return m_decisions[static_cast<std::size_t>(decision)];
    }
    std::uint64_t hits(int layer, int statement) const;
    QList<StatementRef> neverHit() const;
    // {"total", "decisions": {Allow: n, ...}, "statements": [{sid, index, line, hits}],
    // "never_hit": [...]}
    QJsonObject summaryJson() const;

private:
    PolicySet m_policies;
    std::vector<std::uint64_t> m_hits;
    std::array<std::uint64_t, 3> m_decisions{};
    std::uint64_t m_total = 0;
};

} // namespace pl::policy
