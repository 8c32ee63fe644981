#pragma once

#include <QString>

#include <cstdint>

namespace pl::policy {

// A RAM/IAM wildcard: `*` any run (also empty), `?` exactly one character.
// Compiled once: plain text, `*`, `prefix*` and `*suffix` skip the general
// matcher, which is what most policies use.
class WildcardPattern
{
public:
    WildcardPattern() = default;
    WildcardPattern(const QString &pattern, Qt::CaseSensitivity cs);

    bool matches(QStringView text) const;
    // For case-insensitive patterns: text already toCaseFolded() (done once
    // per request instead of once per comparison).
    bool matchesFolded(QStringView foldedText) const;
    const QString &pattern() const { return m_pattern; }
    bool hasWildcards() const { return m_kind != Kind::Exact; }
    bool matchesEverything() const { return m_kind == Kind::Any; }

private:
    enum class Kind : std::uint8_t
    {
        Any,
        Exact,
        Prefix,
        Suffix,
        Glob
    };
    QString m_pattern;
    QString m_fixed;  // the text without the `*` for Prefix and Suffix
    QString m_folded; // pattern, case-folded (case-insensitive patterns)
    QString m_foldedFixed;
    Kind m_kind = Kind::Exact;
    Qt::CaseSensitivity m_cs = Qt::CaseSensitive;
};

// True when text matches pattern (`*`, `?`).
bool wildcardMatch(QStringView pattern, QStringView text, Qt::CaseSensitivity cs);
bool hasWildcard(QStringView text);

} // namespace pl::policy
