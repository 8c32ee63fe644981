#include "policydiff.h"

#include "policytr.h"

#include <QJsonArray>

namespace pl::policy {

namespace {

// The first check that kept a statement from matching, in words.
QString firstFailure(const StatementCheck &s)
{
    for (const ElementCheck &e : s.elements) {
        if (!e.matched)
            return PolicyText::tr("%1 %2 does not match %3")
                .arg(e.element, e.expected.join(QLatin1Char(',')),
                     e.missing ? PolicyText::tr("(absent)") : e.actual);
    }
    for (const ConditionCheck &c : s.conditions) {
        if (!c.matched)
            return PolicyText::tr("%1 %2 expects %3, actual %4")
                .arg(c.operatorName, c.key, c.expected.join(QLatin1Char(',')),
                     c.present ? c.actual.join(QLatin1Char(',')) : PolicyText::tr("(absent)"));
    }
    return {};
}

const StatementCheck *findStatement(const Explanation &ex, const StatementRef &ref)
{
    if (ref.layer >= ex.layers.size())
        return nullptr;
    const QList<StatementCheck> &statements = ex.layers.at(ref.layer).statements;
    for (const StatementCheck &s : statements) {
        if (!ref.sid.isEmpty() ? s.ref.sid == ref.sid : s.ref.index == ref.index)
            return &s;
    }
    return nullptr;
}

} // namespace

QString changeReason(const Explanation &before, const Explanation &after)
{
    QStringList parts;
    parts << PolicyText::tr("before: %1").arg(before.summary())
          << PolicyText::tr("after: %1").arg(after.summary());
    // What made the old decision and does not hold any more.
    for (const StatementRef &r : before.decisive) {
        const StatementCheck *now = findStatement(after, r);
        if (!now)
            parts << PolicyText::tr("statement %1 is gone").arg(r.label());
        else if (!now->matched)
            parts << PolicyText::tr("statement %1 no longer matches: %2")
                         .arg(r.label(), firstFailure(*now));
    }
    // What makes the new decision and did not before.
    for (const StatementRef &r : after.decisive) {
        const StatementCheck *then = findStatement(before, r);
        if (!then)
            parts << PolicyText::tr("statement %1 is new").arg(r.label());
        else if (!then->matched)
            parts << PolicyText::tr("statement %1 now matches").arg(r.label());
    }
    return parts.join(QLatin1String("; "));
}

QJsonObject DecisionChange::toJson() const
{
    QJsonArray beforeStatements;
    for (const StatementRef &r : before.decisive)
        beforeStatements.append(statementRefJson(r));
    QJsonArray afterStatements;
    for (const StatementRef &r : after.decisive)
        afterStatements.append(statementRefJson(r));
    return {{QStringLiteral("request"), label},
            {QStringLiteral("before"), QLatin1String(decisionName(before.decision))},
            {QStringLiteral("after"), QLatin1String(decisionName(after.decision))},
            {QStringLiteral("before_statements"), beforeStatements},
            {QStringLiteral("after_statements"), afterStatements},
            {QStringLiteral("reason"), reason}};
}

PolicyDiff::PolicyDiff(PolicySet before, PolicySet after)
    : m_before(std::move(before)), m_after(std::move(after))
{}

bool PolicyDiff::add(const QString &label, const PolicyRequest &request)
{
    ++m_total;
    if (m_before.decide(request) == m_after.decide(request))
        return false;
    DecisionChange change{label, m_before.explain(request), m_after.explain(request), {}};
    change.reason = changeReason(change.before, change.after);
    m_changes.append(change);
    return true;
}

QJsonObject PolicyDiff::summaryJson() const
{
    QJsonArray changes;
    for (const DecisionChange &c : m_changes)
        changes.append(c.toJson());
    return {{QStringLiteral("total"), m_total},
            {QStringLiteral("changed"), static_cast<int>(m_changes.size())},
            {QStringLiteral("changes"), changes}};
}

} // namespace pl::policy
