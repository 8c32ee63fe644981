#pragma once

#include "enforcement.h"
#include "policy/conditionoperators.h"

#include <functional>

namespace pl::enforce {

// A condition as the generators see it: operator parsed, values parsed for
// its family (invalid values dropped as the evaluator drops them).
struct PlannedCondition
{
    policy::OperatorSpec spec;
    QString operatorName;
    QString key;       // as written
    QString foldedKey; // lower case: how the runtimes look keys up
    QStringList values;
    QList<policy::IpRange> ranges;
    QList<bool> bools;
    policy::SourcePos pos; // of the operator
    policy::SourcePos keyPos;
};

struct PlannedStatement
{
    int index = 0;
    QString label; // Sid or #N
    policy::Effect effect = policy::Effect::Allow;
    int line = 0;
    bool actionNegated = false;
    QStringList actions;
    policy::SourcePos actionPos;
    bool hasResource = false;
    bool resourceNegated = false;
    QStringList resources;
    policy::SourcePos resourcePos;
    QList<PlannedCondition> conditions;
};

struct PolicyPlan
{
    QList<PlannedStatement> statements;
    QList<Refusal> refusals; // what no backend can see (principals, user-typed keys, dates)
};

// Parses the document once and refuses, for every target, what a backend
// never sees: a Principal other than "*", keys only a typed request
// provides (acs:CurrentTime, aws:PrincipalAccount...), Date operators.
PolicyPlan planPolicy(const policy::PolicyDocument &document);

// By line, then column: the order a reader goes through the policy.
void sortRefusals(QList<Refusal> &refusals);

Refusal refusalAt(const PlannedStatement &statement, const policy::SourcePos &pos,
                  const QString &reason);

// True when the patterns (not negated) contain one that matches anything.
bool matchesEverything(const QStringList &patterns);
// The decision logic needs to know the HTTP method or path.
bool needsHttp(const PolicyPlan &plan);
bool usesKey(const PolicyPlan &plan, QStringView foldedKey);
// Some Allow statement can match a client that never sends a byte
// (action tcp:Connect, resource "*").
const PlannedStatement *allowForSilentClient(const PolicyPlan &plan);

// Address-only targets (nginx-realip, haproxy) judge every connection
// alike: an Action that does not cover everything (httpActions: or all of
// http:*) or a Resource that narrows is refused, as are keys that target
// cannot see (keyOk returns why not, or an empty string).
void refuseForAddressOnly(const PolicyPlan &plan, bool httpActions,
                          const std::function<QString(const PlannedCondition &)> &keyOk,
                          QList<Refusal> &refusals);
// The start of every address-only generator: the plan, with what planning
// and the target refuse put in refusals, sorted by line.
PolicyPlan planAddressOnly(const policy::PolicyDocument &document, bool httpActions,
                           const std::function<QString(const PlannedCondition &)> &keyOk,
                           QList<Refusal> &refusals);
// Why a vendor or raw-TLV key is out of reach of nginx/HAProxy variables.
QString nativeTlvLimit(const QString &key);

// Text safe inside a one-line comment of any generated file: control
// characters (a Sid with a newline would end the comment) become '?'.
QString commentSafe(const QString &text);
// The policy's name for comments ("policy" when it has none), comment-safe.
QString policyName(const policy::PolicyDocument &document);

// "line 12, Deny LoginOnly" for comments (comment-safe).
QString statementSummary(const PlannedStatement &statement);

// String literal for JS and Lua (double quotes, escapes everything not
// printable ASCII as \xNN or \u{...}).
QByteArray jsString(const QString &text);
QByteArray luaString(const QString &text);

} // namespace pl::enforce
