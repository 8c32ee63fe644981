#include "jsonhighlighter.h"

#include <QRegularExpression>

namespace pl::gui {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

void JsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression string(QStringLiteral(R"("(?:[^"\\]|\\.)*")"));
    static const QRegularExpression number(QStringLiteral(R"(\b-?\d+(\.\d+)?\b)"));
    QTextCharFormat keyFormat;
    keyFormat.setForeground(QColor(0x1A, 0x4F, 0x9C));
    keyFormat.setFontWeight(QFont::DemiBold);
    QTextCharFormat valueFormat;
    valueFormat.setForeground(QColor(0x2E, 0x7D, 0x32));
    QTextCharFormat allowFormat;
    allowFormat.setForeground(QColor(0x1B, 0x8A, 0x2E));
    allowFormat.setFontWeight(QFont::Bold);
    QTextCharFormat denyFormat;
    denyFormat.setForeground(QColor(0xC6, 0x28, 0x28));
    denyFormat.setFontWeight(QFont::Bold);
    QTextCharFormat numberFormat;
    numberFormat.setForeground(QColor(0x8E, 0x24, 0xAA));

    for (auto it = number.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength()),
                  numberFormat);
    }
    for (auto it = string.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const auto start = m.capturedStart();
        const auto end = m.capturedEnd();
        qsizetype next = end;
        while (next < text.size() && text[next].isSpace())
            ++next;
        const bool isKey = next < text.size() && text[next] == QLatin1Char(':');
        const QString word = m.captured().mid(1, m.capturedLength() - 2);
        const QTextCharFormat &format = isKey                            ? keyFormat
                                        : word == QLatin1String("Allow") ? allowFormat
                                        : word == QLatin1String("Deny")  ? denyFormat
                                                                         : valueFormat;
        setFormat(static_cast<int>(start), static_cast<int>(end - start), format);
    }
}

} // namespace pl::gui
