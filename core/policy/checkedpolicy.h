#pragma once

#include "lint.h"
#include "policydocument.h"

#include <QStringList>

namespace pl::policy {

// How a policy fared on its way to being enforced.
enum class PolicyCheck : std::uint8_t
{
    Usable,
    Rejected,  // too large, does not parse, or lint finds errors
    Unreadable // cannot open or read: the CLI's usage error
};

// A policy as every enforcing path takes it: parsed, linted, and refused
// when lint finds an error (policy-language.md, "Lint"), since a policy the
// evaluator cannot read as written (a Deny on "10.0.0.0/33", an operator the
// dialect does not have) would otherwise fail open. Warnings do not refuse.
struct CheckedPolicy
{
    PolicyDocument document;
    QList<LintFinding> findings; // parse and read errors first (code "parse",
                                 // "read", "too-large"), then lint's
    PolicyCheck check = PolicyCheck::Usable;

    bool usable() const { return check == PolicyCheck::Usable; }
    // "file:line:column: error: message [code]" for each error.
    QStringList errorMessages() const;
};

// The one place that decides whether a policy may be enforced.
CheckedPolicy checkPolicy(const PolicyParse &parse);
CheckedPolicy checkPolicyText(const QByteArray &json, const QString &name = {},
                              std::optional<Dialect> dialect = std::nullopt);
CheckedPolicy loadCheckedPolicy(const QString &path, std::optional<Dialect> dialect = std::nullopt);

// Several files evaluated as layers, in order; documents holds them all only
// when every one is usable. check is the worst of them.
struct CheckedLayers
{
    QList<PolicyDocument> documents;
    QStringList errorMessages;
    PolicyCheck check = PolicyCheck::Usable;

    bool usable() const { return check == PolicyCheck::Usable; }
};
CheckedLayers loadCheckedLayers(const QStringList &paths,
                                std::optional<Dialect> dialect = std::nullopt);

// "file:12:5: error: message [code]" (or "file: error: message [code]").
QString formatFinding(const QString &name, const LintFinding &finding);

} // namespace pl::policy
