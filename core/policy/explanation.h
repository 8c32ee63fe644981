#pragma once

#include "conditionoperators.h"
#include "policyrequest.h"
#include "policytypes.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace pl::policy {

// A statement that decided the outcome, with where it is in its document so
// an editor can highlight it.
struct StatementRef
{
    int layer = 0;
    int index = 0;
    QString sid;
    Effect effect = Effect::Allow;
    SourcePos pos;
    QString layerName;

    QString label() const; // "Sid" or "#2"
};

// Action/NotAction, Resource/NotResource or Principal against the request.
struct ElementCheck
{
    QString element; // "Action", "NotAction", ...
    QStringList expected;
    QString actual;
    Provenance provenance;
    bool matched = false;
    bool missing = false; // Principal wanted, none in the request
    SourcePos pos;
};

struct ConditionCheck
{
    QString operatorName;
    QString key;
    QStringList expected;
    QStringList actual; // empty when the key is absent
    Provenance provenance;
    bool present = false;
    bool matched = false;
    ConditionOutcome outcome = ConditionOutcome::NotMatched;
    SourcePos pos; // of the key inside the operator

    QString note() const; // why, in words ("key absent: a negated operator is true")
};

struct StatementCheck
{
    StatementRef ref;
    bool matched = false;
    bool decisive = false;
    QList<ElementCheck> elements;
    QList<ConditionCheck> conditions;
};

struct LayerCheck
{
    QString name;
    Decision decision = Decision::ImplicitDeny;
    QList<StatementCheck> statements;
};

// Why a request got its decision: every statement of every layer, each
// element and condition with expected and actual values and provenance.
struct Explanation
{
    Decision decision = Decision::ImplicitDeny;
    int denyingLayer = -1; // first layer that did not allow; -1 when allowed
    QList<StatementRef> decisive;
    QStringList missing; // keys a condition wanted but the request lacked
    QList<LayerCheck> layers;

    // One line: "ExplicitDeny by LoginOnlyThroughProdEndpoint (policy.json line 4)".
    QString summary() const;
    // The tree as indented text (CLI).
    QString text() const;
    QJsonObject toJson() const;
};

QJsonObject statementRefJson(const StatementRef &ref);
// The one-line summary from the decision alone (no explanation tree needed);
// denyingLayerName is named for an ImplicitDeny when several layers exist.
QString decisionSummary(Decision decision, const QList<StatementRef> &decisive,
                        const QString &denyingLayerName = {});

} // namespace pl::policy
