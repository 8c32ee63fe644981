#include "breakdowntable.h"

#include "export/textcolumns.h"
#include "proxy/headertext.h"

#include <QStringBuilder>
#include <QTextStream>

namespace pl::cli {

using namespace pl::proxy;
using exporting::displayWidth;
using exporting::padLeft;
using exporting::padRight;

namespace {

constexpr qsizetype kMaxBytesColumn = 26;

QString clipped(const QString &text, qsizetype width)
{
    return text.size() <= width ? text : text.left(width - 3) % QLatin1String("...");
}

QString severityMark(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("ERROR ");
    case Severity::Warning:
        return QStringLiteral("WARN ");
    case Severity::Info:
        break;
    }
    return {};
}

} // namespace

void printBreakdownTable(QTextStream &stream, const QList<BreakdownRow> &rows, ByteSpan input)
{
    struct Line
    {
        QString offset, length, bytes, meaning, value, note;
    };
    QList<Line> lines;
    lines.append({QStringLiteral("Offset"), QStringLiteral("Len"), QStringLiteral("Bytes"),
                  QStringLiteral("Field"), QStringLiteral("Value"), QStringLiteral("Note")});
    for (const BreakdownRow &row : rows) {
        const std::size_t end = std::min<std::size_t>(input.size(), row.offset + row.length);
        const ByteSpan bytes =
            row.offset < end ? input.subspan(row.offset, end - row.offset) : ByteSpan{};
        const QString indent(row.depth * 2, QLatin1Char(' '));
        lines.append({QString::number(row.offset), QString::number(row.length),
                      clipped(hexString(bytes), kMaxBytesColumn), indent % row.label, row.value,
                      severityMark(row.severity) % row.note});
    }
    qsizetype w[5] = {};
    for (const Line &l : std::as_const(lines)) {
        // In terminal cells: Chinese labels take two a character.
        w[0] = std::max(w[0], displayWidth(l.offset));
        w[1] = std::max(w[1], displayWidth(l.length));
        w[2] = std::max(w[2], displayWidth(l.bytes));
        w[3] = std::max(w[3], displayWidth(l.meaning));
        w[4] = std::max(w[4], std::min<qsizetype>(displayWidth(l.value), 48));
    }
    for (const Line &l : std::as_const(lines)) {
        QString line = padLeft(l.offset, w[0]) % QLatin1String("  ") % padLeft(l.length, w[1]) %
                       QLatin1String("  ") % padRight(l.bytes, w[2]) % QLatin1String("  ") %
                       padRight(l.meaning, w[3]) % QLatin1String("  ") % padRight(l.value, w[4]) %
                       QLatin1String("  ") % l.note;
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        stream << line << '\n';
    }
}

} // namespace pl::cli
