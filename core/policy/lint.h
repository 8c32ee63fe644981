#pragma once

#include "policydocument.h"

#include <QJsonObject>
#include <QList>

namespace pl::policy {

enum class LintSeverity : std::uint8_t
{
    Info,
    Warning,
    Error // RAM/IAM would reject it, or it cannot work as written
};

struct LintFinding
{
    LintSeverity severity = LintSeverity::Warning;
    QString code; // stable: "unknown-key", "dialect-operator", ...
    QString message;
    SourcePos pos;
    int statement = -1;
};

// Checks a parsed document (policy-language.md, "Lint"): unknown keys,
// operators not valid in the dialect, misapplied operators and values that
// do not parse, Allow with a * principal and no condition, StringEquals with
// wildcards, statements that can never match, keys no traffic source
// provides, and the other dialect's keys or Version.
QList<LintFinding> lintPolicy(const PolicyDocument &document);

bool hasErrors(const QList<LintFinding> &findings);
const char *lintSeverityName(LintSeverity severity); // "info", "warning", "error"
QJsonObject lintFindingJson(const LintFinding &finding);

} // namespace pl::policy
