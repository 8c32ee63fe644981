#include "globregex.h"

namespace pl::enforce {

QString regexBody(const QString &value, bool glob)
{
    QString out;
    for (const QChar c : value) {
        if (glob && c == QLatin1Char('*'))
            out += QStringLiteral("[\\s\\S]*");
        else if (glob && c == QLatin1Char('?'))
            // A byte that starts a character, then its continuation bytes.
            out += QStringLiteral("[^\\x80-\\xbf][\\x80-\\xbf]*");
        else if (QStringLiteral("\\.^$|()[]{}+*?/").contains(c))
            out += QLatin1Char('\\') + c;
        else
            out += c;
    }
    return out;
}

} // namespace pl::enforce
