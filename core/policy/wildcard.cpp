#include "wildcard.h"

#include "asciicase.h"

namespace pl::policy {

namespace {

bool sameChar(QChar a, QChar b, Qt::CaseSensitivity cs)
{
    return a == b ||
           (cs == Qt::CaseInsensitive && asciiLower(a.unicode()) == asciiLower(b.unicode()));
}

// Units of the character at i: a `?` is one character, and a surrogate
// pair (an emoji, a rare CJK character) is one character in two units.
qsizetype charUnits(QStringView text, qsizetype i)
{
    return i + 1 < text.size() && text[i].isHighSurrogate() && text[i + 1].isLowSurrogate() ? 2 : 1;
}

} // namespace

bool hasWildcard(QStringView text)
{
    return text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?'));
}

// Greedy matching with one backtrack point (the last `*`): linear for the
// patterns people write, never exponential.
bool wildcardMatch(QStringView pattern, QStringView text, Qt::CaseSensitivity cs)
{
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == QLatin1Char('?')) {
            ++p;
            t += charUnits(text, t);
        } else if (p < pattern.size() && sameChar(pattern[p], text[t], cs)) {
            ++p;
            ++t;
        } else if (starP >= 0) {
            p = starP + 1;
            starT += charUnits(text, starT);
            t = starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

WildcardPattern::WildcardPattern(const QString &pattern, Qt::CaseSensitivity cs)
    : m_pattern(pattern), m_cs(cs)
{
    const qsizetype stars = pattern.count(QLatin1Char('*'));
    const bool questions = pattern.contains(QLatin1Char('?'));
    if (!questions && stars > 0 && pattern.count(QLatin1Char('*')) == pattern.size()) {
        m_kind = Kind::Any;
    } else if (questions || stars > 1) {
        m_kind = Kind::Glob;
    } else if (stars == 0) {
        m_kind = Kind::Exact;
    } else if (pattern.endsWith(QLatin1Char('*'))) {
        m_kind = Kind::Prefix;
        m_fixed = pattern.left(pattern.size() - 1);
    } else if (pattern.startsWith(QLatin1Char('*'))) {
        m_kind = Kind::Suffix;
        m_fixed = pattern.mid(1);
    } else {
        m_kind = Kind::Glob;
    }
    if (cs == Qt::CaseInsensitive) {
        m_folded = asciiLowered(m_pattern);
        m_foldedFixed = asciiLowered(m_fixed);
    }
}

bool WildcardPattern::matchesFolded(QStringView text) const
{
    if (m_cs == Qt::CaseSensitive)
        return matches(text);
    switch (m_kind) {
    case Kind::Any:
        return true;
    case Kind::Exact:
        return text == QStringView(m_folded);
    case Kind::Prefix:
        return text.size() >= m_foldedFixed.size() &&
               text.first(m_foldedFixed.size()) == QStringView(m_foldedFixed);
    case Kind::Suffix:
        return text.size() >= m_foldedFixed.size() &&
               text.last(m_foldedFixed.size()) == QStringView(m_foldedFixed);
    case Kind::Glob:
        return wildcardMatch(m_folded, text, Qt::CaseSensitive);
    }
    return false;
}

bool WildcardPattern::matches(QStringView text) const
{
    switch (m_kind) {
    case Kind::Any:
        return true;
    case Kind::Exact:
        return text.size() == m_pattern.size() && text.compare(m_pattern, m_cs) == 0;
    case Kind::Prefix:
        if (m_cs == Qt::CaseSensitive) // equal-length compare is a memcmp; startsWith is not
            return text.size() >= m_fixed.size() &&
                   text.first(m_fixed.size()) == QStringView(m_fixed);
        return text.startsWith(m_fixed, m_cs);
    case Kind::Suffix:
        if (m_cs == Qt::CaseSensitive)
            return text.size() >= m_fixed.size() &&
                   text.last(m_fixed.size()) == QStringView(m_fixed);
        return text.endsWith(m_fixed, m_cs);
    case Kind::Glob:
        return wildcardMatch(m_pattern, text, m_cs);
    }
    return false;
}

} // namespace pl::policy
