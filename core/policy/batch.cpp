#include "batch.h"

#include <QJsonArray>

namespace pl::policy {

BatchEvaluator::BatchEvaluator(PolicySet policies)
    : m_policies(std::move(policies)),
      m_hits(static_cast<std::size_t>(m_policies.statementCount()), 0)
{}

Verdict BatchEvaluator::add(const PolicyRequest &request)
{
    Verdict v = m_policies.evaluate(request, m_hits);
    ++m_decisions[static_cast<std::size_t>(v.decision)];
    ++m_total;
    return v;
}

std::uint64_t BatchEvaluator::hits(int layer, int statement) const
{
    return m_hits.at(static_cast<std::size_t>(m_policies.flatIndex(layer, statement)));
}

QList<StatementRef> BatchEvaluator::neverHit() const
{
    QList<StatementRef> refs;
    for (qsizetype l = 0; l < m_policies.layers().size(); ++l) {
        for (qsizetype s = 0; s < m_policies.layers().at(l).statements.size(); ++s) {
            if (hits(static_cast<int>(l), static_cast<int>(s)) == 0)
                refs.append(m_policies.statementRef(static_cast<int>(l), static_cast<int>(s)));
        }
    }
    return refs;
}

QJsonObject BatchEvaluator::summaryJson() const
{
    QJsonObject decisions;
    for (const Decision d : {Decision::Allow, Decision::ExplicitDeny, Decision::ImplicitDeny})
        decisions.insert(QLatin1String(decisionName(d)), static_cast<qint64>(count(d)));
    QJsonArray statements;
    for (qsizetype l = 0; l < m_policies.layers().size(); ++l) {
        for (qsizetype s = 0; s < m_policies.layers().at(l).statements.size(); ++s) {
            QJsonObject o =
                statementRefJson(m_policies.statementRef(static_cast<int>(l), static_cast<int>(s)));
            o.insert(QStringLiteral("hits"),
                     static_cast<qint64>(hits(static_cast<int>(l), static_cast<int>(s))));
            statements.append(o);
        }
    }
    QJsonArray never;
    for (const StatementRef &r : neverHit())
        never.append(statementRefJson(r));
    return {{QStringLiteral("total"), static_cast<qint64>(m_total)},
            {QStringLiteral("decisions"), decisions},
            {QStringLiteral("statements"), statements},
            {QStringLiteral("never_hit"), never}};
}

} // namespace pl::policy
