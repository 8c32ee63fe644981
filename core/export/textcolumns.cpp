#include "textcolumns.h"

namespace pl::exporting {

namespace {

// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, W and
// F), the ones terminals draw two cells wide.
bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F900 && c <= 0x1F9FF) ||
           (c >= 0x20000 && c <= 0x2FFFD) || (c >= 0x30000 && c <= 0x3FFFD);
}

bool isZeroWidth(char32_t c)
{
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF)
        return true;
    const QChar::Category category = QChar::category(c);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing;
}

} // namespace

qsizetype displayWidth(QStringView text)
{
    qsizetype width = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i].unicode(), text[i + 1].unicode());
            ++i;
        }
        width += isZeroWidth(c) ? 0 : isWide(c) ? 2 : 1;
    }
    return width;
}

QString padRight(const QString &text, qsizetype width)
{
    const qsizetype have = displayWidth(text);
    return have >= width ? text : text + QString(width - have, QLatin1Char(' '));
}

QString padLeft(const QString &text, qsizetype width)
{
    const qsizetype have = displayWidth(text);
    return have >= width ? text : QString(width - have, QLatin1Char(' ')) + text;
}

QString terminalSafe(QString text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        // Bidirectional controls reorder what a terminal shows after them
        // (an ID could read as another): escaped like the C0/C1 controls.
        const bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
                          c == 0x200E || c == 0x200F || c == 0x061C;
        QString escaped;
        if (bidi)
            escaped = QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0'));
        else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
            escaped = QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        else
            continue;
        text.replace(i, 1, escaped);
        i += escaped.size() - 1;
    }
    return text;
}

} // namespace pl::exporting
