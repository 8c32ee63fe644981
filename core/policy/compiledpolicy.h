#pragma once

#include "conditionoperators.h"
#include "policydocument.h"
#include "wildcard.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace pl::policy {

// Principal as written: "*", an account ("1234567890",
// "acs:ram::1234567890:root", "arn:aws:iam::123456789012:root") that covers
// every principal of the account, or a wildcard on the principal text.
struct PrincipalPattern
{
    WildcardPattern pattern;
    QString account; // set when the value names a whole account

    bool matches(QStringView principal) const;
};

// The account of "acs:ram::1234567890:user/alice", "arn:aws:iam::1:role/x"
// or of a bare account ID; empty when it names none.
QString principalAccount(QStringView principal);

// A statement with its patterns, CIDRs and numbers parsed once; conditions
// refer to the request's keys through keySlots bound once per request.
struct CompiledStatement
{
    int index = 0;
    Effect effect = Effect::Allow;
    bool actionNegated = false;
    QList<WildcardPattern> actions;
    bool hasResource = false;
    bool resourceNegated = false;
    QList<WildcardPattern> resources;
    bool hasPrincipal = false;
    QList<PrincipalPattern> principals;
    QList<CompiledCondition> conditions;
    QList<int> keySlots; // per condition
    // An operator the parser rejected: the statement never matches rather
    // than matching without that condition (an editor may evaluate a
    // document that still has errors).
    bool unusable = false;

    bool actionMatches(QStringView action) const; // folds action itself
    bool actionMatchesFolded(QStringView foldedAction) const;
    bool resourceMatches(QStringView resource) const;
    bool principalMatches(QStringView principal) const;
    // bound: the request's entry for each slot of the set (nullptr: absent).
    bool matches(QStringView foldedAction, const class PolicyRequest &request,
                 const ContextEntry *const *bound) const;
};

struct CompiledLayer
{
    QList<CompiledStatement> statements;
    QList<int> denyFirst; // statement indices, Deny before Allow
    int firstFlatIndex = 0;
};

// A policy set ready to judge many requests.
struct CompiledSet
{
    QList<CompiledLayer> layers;
    QStringList slotKeys;         // folded condition keys
    std::vector<int> slotOfKeyId; // contextKeyId -> slot, -1 when no condition uses it
    int statementCount = 0;
};

CompiledStatement compileStatement(const Statement &statement, QStringList &slotKeys);
CompiledSet compilePolicySet(const QList<PolicyDocument> &layers);

} // namespace pl::policy
