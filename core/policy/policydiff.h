#pragma once

#include "evaluator.h"

#include <QJsonObject>
#include <QList>

namespace pl::policy {

// One request whose decision differs between two versions of a policy.
struct DecisionChange
{
    QString label; // test-case name, "frame 12 10.0.0.14:59074", ...
    Explanation before;
    Explanation after;
    QString reason; // in words: which statements decided, what no longer matches

    QJsonObject toJson() const;
};

// Two versions of a policy (set) judged over the same requests.
class PolicyDiff
{
public:
    PolicyDiff(PolicySet before, PolicySet after);

    // Compares one request; returns true (and records the change) when the
    // decision differs.
    bool add(const QString &label, const PolicyRequest &request);

    int total() const { return m_total; }
    const QList<DecisionChange> &changes() const { return m_changes; }
    QJsonObject summaryJson() const;

private:
    PolicySet m_before;
    PolicySet m_after;
    QList<DecisionChange> m_changes;
    int m_total = 0;
};

// Why a request's decision changed, from the two explanations.
QString changeReason(const Explanation &before, const Explanation &after);

} // namespace pl::policy
