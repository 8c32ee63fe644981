#include "conditionoperators.h"

#include "asciicase.h"

#include <QDateTime>

#include <cmath>

namespace pl::policy {

namespace {

struct OperatorName
{
    const char *name;
    OperatorFamily family;
    Comparison comparison;
    bool negated;
};

constexpr OperatorName kOperators[] = {
    {"StringEquals", OperatorFamily::String, Comparison::Equal, false},
    {"StringNotEquals", OperatorFamily::String, Comparison::Equal, true},
    {"StringEqualsIgnoreCase", OperatorFamily::StringIgnoreCase, Comparison::Equal, false},
    {"StringNotEqualsIgnoreCase", OperatorFamily::StringIgnoreCase, Comparison::Equal, true},
    {"StringLike", OperatorFamily::StringLike, Comparison::Equal, false},
    {"StringNotLike", OperatorFamily::StringLike, Comparison::Equal, true},
    {"NumericEquals", OperatorFamily::Numeric, Comparison::Equal, false},
    {"NumericNotEquals", OperatorFamily::Numeric, Comparison::Equal, true},
    {"NumericLessThan", OperatorFamily::Numeric, Comparison::Less, false},
    {"NumericLessThanEquals", OperatorFamily::Numeric, Comparison::LessOrEqual, false},
    {"NumericGreaterThan", OperatorFamily::Numeric, Comparison::Greater, false},
    {"NumericGreaterThanEquals", OperatorFamily::Numeric, Comparison::GreaterOrEqual, false},
    {"DateEquals", OperatorFamily::Date, Comparison::Equal, false},
    {"DateNotEquals", OperatorFamily::Date, Comparison::Equal, true},
    {"DateLessThan", OperatorFamily::Date, Comparison::Less, false},
    {"DateLessThanEquals", OperatorFamily::Date, Comparison::LessOrEqual, false},
    {"DateGreaterThan", OperatorFamily::Date, Comparison::Greater, false},
    {"DateGreaterThanEquals", OperatorFamily::Date, Comparison::GreaterOrEqual, false},
    {"Bool", OperatorFamily::Bool, Comparison::Equal, false},
    {"IpAddress", OperatorFamily::IpAddress, Comparison::Equal, false},
    {"NotIpAddress", OperatorFamily::IpAddress, Comparison::Equal, true},
    {"Null", OperatorFamily::Null, Comparison::Equal, false},
};

bool compare(const PolicyNumber &actual, Comparison c, const PolicyNumber &expected)
{
    const int order = compareNumbers(actual, expected);
    switch (c) {
    case Comparison::Equal:
        return order == 0;
    case Comparison::Less:
        return order < 0;
    case Comparison::LessOrEqual:
        return order <= 0;
    case Comparison::Greater:
        return order > 0;
    case Comparison::GreaterOrEqual:
        return order >= 0;
    }
    return false;
}

// Dates compare as milliseconds since the epoch (exact in a double).
std::optional<PolicyNumber> operandOf(OperatorFamily family, QStringView text)
{
    if (family == OperatorFamily::Numeric)
        return parseNumber(text);
    const auto ms = parseDate(text);
    return ms ? std::optional<PolicyNumber>(PolicyNumber{QString(), *ms}) : std::nullopt;
}

// "+007" -> "7", "-0" -> "0"; empty when the text is no plain integer.
QString canonicalInteger(QStringView s)
{
    bool negative = false;
    if (!s.isEmpty() && (s.front() == u'+' || s.front() == u'-')) {
        negative = s.front() == u'-';
        s = s.mid(1);
    }
    if (s.isEmpty())
        return {};
    for (const QChar c : s) {
        if (c < u'0' || c > u'9')
            return {};
    }
    while (s.size() > 1 && s.front() == u'0')
        s = s.mid(1);
    if (s == u"0")
        negative = false;
    return negative ? QLatin1Char('-') + s.toString() : s.toString();
}

} // namespace

std::optional<OperatorSpec> parseOperator(QStringView name)
{
    OperatorSpec spec;
    const QLatin1String suffix("IfExists");
    if (name.endsWith(suffix)) {
        spec.ifExists = true;
        name.chop(suffix.size());
    }
    for (const OperatorName &op : kOperators) {
        if (name == QLatin1String(op.name)) {
            if (spec.ifExists && op.family == OperatorFamily::Null)
                return std::nullopt; // NullIfExists means nothing
            spec.family = op.family;
            spec.comparison = op.comparison;
            spec.negated = op.negated;
            return spec;
        }
    }
    return std::nullopt;
}

QStringList operatorNames()
{
    QStringList names;
    for (const OperatorName &op : kOperators)
        names << QLatin1String(op.name);
    return names;
}

int compareNumbers(const PolicyNumber &a, const PolicyNumber &b)
{
    if (a.integer.isEmpty() || b.integer.isEmpty())
        return a.value < b.value ? -1 : (a.value > b.value ? 1 : 0);
    const bool negA = a.integer.front() == u'-';
    const bool negB = b.integer.front() == u'-';
    if (negA != negB)
        return negA ? -1 : 1;
    // Same sign: the longer magnitude is the larger, else digit by digit.
    int order = a.integer.size() != b.integer.size()
                    ? (a.integer.size() < b.integer.size() ? -1 : 1)
                    : QString::compare(a.integer, b.integer);
    order = order < 0 ? -1 : (order > 0 ? 1 : 0);
    return negA ? -order : order;
}

std::optional<PolicyNumber> parseNumber(QStringView text)
{
    const QStringView s = text.trimmed();
    bool ok = false;
    const double d = s.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    return PolicyNumber{canonicalInteger(s), d};
}

std::optional<double> parseDate(QStringView text)
{
    const QString s = text.trimmed().toString();
    if (s.isEmpty())
        return std::nullopt;
    bool allDigits = true;
    for (const QChar c : s)
        allDigits = allDigits && c.isDigit();
    if (allDigits) {
        bool ok = false;
        const qint64 seconds = s.toLongLong(&ok);
        if (ok)
            return static_cast<double>(seconds) * 1000.0;
    }
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // no zone given: policies mean UTC
    return static_cast<double>(dt.toMSecsSinceEpoch());
}

std::optional<bool> parseBool(QStringView text)
{
    if (asciiEqualsIgnoreCase(text, u"true"))
        return true;
    if (asciiEqualsIgnoreCase(text, u"false"))
        return false;
    return std::nullopt;
}

CompiledCondition::CompiledCondition(const OperatorSpec &spec, const QString &key,
                                     const QStringList &values)
    : m_spec(spec), m_key(key), m_foldedKey(asciiLowered(key)), m_values(values)
{
    for (const QString &v : values) {
        switch (spec.family) {
        case OperatorFamily::String:
        case OperatorFamily::StringIgnoreCase:
            break;
        case OperatorFamily::StringLike:
            m_patterns.append(WildcardPattern(v, Qt::CaseSensitive));
            break;
        case OperatorFamily::Numeric:
        case OperatorFamily::Date: {
            const auto n = operandOf(spec.family, v);
            if (n)
                m_numbers.append(*n);
            else
                m_invalid.append(v);
            break;
        }
        case OperatorFamily::Bool:
        case OperatorFamily::Null: {
            const auto b = parseBool(v);
            if (b)
                m_bools.append(*b);
            else
                m_invalid.append(v);
            break;
        }
        case OperatorFamily::IpAddress: {
            const auto r = parseIpRange(v);
            if (r) {
                m_ranges.append(*r);
                m_hostBitsSet = m_hostBitsSet || r->hostBitsSet;
            } else {
                m_invalid.append(v);
            }
            break;
        }
        }
    }
}

bool CompiledCondition::valueMatches(const ContextEntry &entry, qsizetype index) const
{
    const QString &actual = entry.values.at(index);
    switch (m_spec.family) {
    case OperatorFamily::String:
        for (const QString &v : m_values) {
            if (v == actual)
                return true;
        }
        return false;
    case OperatorFamily::StringIgnoreCase:
        for (const QString &v : m_values) {
            if (asciiEqualsIgnoreCase(v, actual))
                return true;
        }
        return false;
    case OperatorFamily::StringLike:
        for (const WildcardPattern &p : m_patterns) {
            if (p.matches(actual))
                return true;
        }
        return false;
    case OperatorFamily::Numeric:
    case OperatorFamily::Date: {
        const auto n = operandOf(m_spec.family, actual);
        if (!n)
            return false;
        for (const PolicyNumber &expected : m_numbers) {
            if (compare(*n, m_spec.comparison, expected))
                return true;
        }
        return false;
    }
    case OperatorFamily::Bool: {
        const auto b = parseBool(actual);
        return b && m_bools.contains(*b);
    }
    case OperatorFamily::IpAddress: {
        const auto &ip = entry.ip(index);
        if (!ip)
            return false;
        for (const IpRange &r : m_ranges) {
            if (r.contains(*ip))
                return true;
        }
        return false;
    }
    case OperatorFamily::Null:
        return false;
    }
    return false;
}

bool CompiledCondition::anyValueMatches(const ContextEntry &entry) const
{
    for (qsizetype i = 0; i < entry.values.size(); ++i) {
        if (valueMatches(entry, i))
            return true;
    }
    return false;
}

int CompiledCondition::evaluate(const ContextEntry *entry) const
{
    if (m_spec.family == OperatorFamily::Null) {
        // Null: true asks "is the key absent?", false "is it present?".
        const bool absent = entry == nullptr || entry->values.isEmpty();
        return m_bools.contains(absent) ? 0 : 2;
    }
    if (entry == nullptr || entry->values.isEmpty())
        return (m_spec.negated || m_spec.ifExists) ? 1 : 3;
    // Several policy values OR; negated operators combine them as NOR.
    const bool any = anyValueMatches(*entry);
    return (m_spec.negated ? !any : any) ? 0 : 2;
}

ConditionOutcome CompiledCondition::outcome(const ContextEntry *entry) const
{
    const int r = evaluate(entry);
    if (r == 1)
        return m_spec.ifExists ? ConditionOutcome::MissingIfExists : ConditionOutcome::MissingKey;
    if (r == 3)
        return ConditionOutcome::MissingKey;
    if (m_spec.family != OperatorFamily::Null && m_values.size() == m_invalid.size() &&
        !m_values.isEmpty())
        return r == 0 ? ConditionOutcome::Matched : ConditionOutcome::NoValidPolicyValue;
    if (entry &&
        (m_spec.family == OperatorFamily::Numeric || m_spec.family == OperatorFamily::Date ||
         m_spec.family == OperatorFamily::IpAddress || m_spec.family == OperatorFamily::Bool)) {
        bool anyParses = false;
        for (qsizetype i = 0; i < entry->values.size(); ++i) {
            const QString &v = entry->values.at(i);
            switch (m_spec.family) {
            case OperatorFamily::Numeric:
                anyParses = anyParses || parseNumber(v).has_value();
                break;
            case OperatorFamily::Date:
                anyParses = anyParses || parseDate(v).has_value();
                break;
            case OperatorFamily::IpAddress:
                anyParses = anyParses || entry->ip(i).has_value();
                break;
            default:
                anyParses = anyParses || parseBool(v).has_value();
                break;
            }
        }
        if (!anyParses)
            return ConditionOutcome::BadActualValue;
    }
    return r == 0 ? ConditionOutcome::Matched : ConditionOutcome::NotMatched;
}

} // namespace pl::policy
