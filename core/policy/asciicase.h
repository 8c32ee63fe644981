#pragma once

// Case-insensitive, as every enforcement target compares: ASCII letters
// only. HAProxy's -i, nginx's PCRE without UTF, Lua's string.lower and the
// njs runtime fold A-Z alone; Unicode folding here took a long s (U+017F)
// for an "s" and a Kelvin sign (U+212A) for a "k" where they did not. Used
// for keys, actions and the IgnoreCase operators alike.

#include <QString>
#include <QStringView>

namespace pl::policy {

constexpr char16_t asciiLower(char16_t c)
{
    return c >= u'A' && c <= u'Z' ? char16_t(c + (u'a' - u'A')) : c;
}

inline QString asciiLowered(QStringView text)
{
    QString out(text.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i)
        out[i] = QChar(asciiLower(text[i].unicode()));
    return out;
}

inline bool asciiEqualsIgnoreCase(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i].unicode()) != asciiLower(b[i].unicode()))
            return false;
    }
    return true;
}

} // namespace pl::policy
