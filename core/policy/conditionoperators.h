#pragma once

#include "ipmatch.h"
#include "policyrequest.h"
#include "policytypes.h"
#include "wildcard.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace pl::policy {

// A Numeric operand. Integers compare exactly at any length: a
// gcp:PscConnectionId is a 64-bit ID, past the 2^53 a double holds, and two
// IDs one apart must not be equal. Other numbers compare as doubles. The njs
// and Lua runtimes of the exports compare the same way.
struct PolicyNumber
{
    QString integer; // canonical decimal ("-12", "0"); empty when not an integer
    double value = 0;
};
int compareNumbers(const PolicyNumber &a, const PolicyNumber &b); // <0, 0, >0

enum class OperatorFamily : std::uint8_t
{
    String,
    StringIgnoreCase,
    StringLike,
    Numeric,
    Date,
    Bool,
    IpAddress,
    Null
};

enum class Comparison : std::uint8_t
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual
};

// A parsed operator name: "StringNotEqualsIfExists" is String, Equal,
// negated, ifExists.
struct OperatorSpec
{
    OperatorFamily family = OperatorFamily::String;
    Comparison comparison = Comparison::Equal;
    bool negated = false;
    bool ifExists = false;

    // Valid only in the aws dialect (RAM has no IfExists and no Null).
    bool awsOnly() const { return ifExists || family == OperatorFamily::Null; }
};

std::optional<OperatorSpec> parseOperator(QStringView name);
// Every base operator name of policy-language.md, for completion and lint.
QStringList operatorNames();

// Why a condition came out as it did; Matched/NotMatched carry no surprise.
enum class ConditionOutcome : std::uint8_t
{
    Matched,
    NotMatched,
    MissingKey,        // absent key: positive operator false, negated true
    MissingIfExists,   // absent key under ...IfExists: true
    BadActualValue,    // the request value is not a number/date/IP/bool
    NoValidPolicyValue // none of the policy's values parse for this operator
};

// One condition (operator + key + values) with its values parsed once.
class CompiledCondition
{
public:
    CompiledCondition() = default;
    CompiledCondition(const OperatorSpec &spec, const QString &key, const QStringList &values);

    // entry == nullptr: the key is absent from the request.
    bool matches(const ContextEntry *entry) const { return evaluate(entry) <= 1; }
    // 0 matched, 1 matched because the key is absent (negated/IfExists/Null),
    // 2 not matched, 3 not matched because the key is absent.
    int evaluate(const ContextEntry *entry) const;
    ConditionOutcome outcome(const ContextEntry *entry) const;

    const OperatorSpec &spec() const { return m_spec; }
    const QString &key() const { return m_key; }
    const QString &foldedKey() const { return m_foldedKey; }
    const QStringList &values() const { return m_values; }
    // Policy values the operator cannot use ("10.0.0/8" for IpAddress).
    const QStringList &invalidValues() const { return m_invalid; }
    bool hostBitsSet() const { return m_hostBitsSet; }

private:
    bool valueMatches(const ContextEntry &entry, qsizetype index) const;
    bool anyValueMatches(const ContextEntry &entry) const;

    OperatorSpec m_spec;
    QString m_key;
    QString m_foldedKey;
    QStringList m_values;
    QStringList m_invalid;
    QList<WildcardPattern> m_patterns; // StringLike
    QList<PolicyNumber> m_numbers;     // Numeric, and Date as ms since epoch
    QList<IpRange> m_ranges;
    QList<bool> m_bools; // Bool, Null
    bool m_hostBitsSet = false;
};

// "123", "1.5e3" (Numeric); ISO 8601 or epoch seconds (Date); true/false.
std::optional<PolicyNumber> parseNumber(QStringView text);
std::optional<double> parseDate(QStringView text); // ms since epoch
std::optional<bool> parseBool(QStringView text);

} // namespace pl::policy
