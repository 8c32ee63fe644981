#include "breakdowntable.h"

#include "proxy/headertext.h"

#include <QStringBuilder>
#include <QTextStream>

namespace pl::cli {

using namespace pl::proxy;

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
        w[0] = std::max(w[0], l.offset.size());
        w[1] = std::max(w[1], l.length.size());
        w[2] = std::max(w[2], l.bytes.size());
        w[3] = std::max(w[3], l.meaning.size());
        w[4] = std::max(w[4], std::min<qsizetype>(l.value.size(), 48));
    }
    for (const Line &l : std::as_const(lines)) {
        QString line = l.offset.rightJustified(w[0]) % QLatin1String("  ") %
                       l.length.rightJustified(w[1]) % QLatin1String("  ") %
                       l.bytes.leftJustified(w[2]) % QLatin1String("  ") %
                       l.meaning.leftJustified(w[3]) % QLatin1String("  ") %
                       l.value.leftJustified(w[4]) % QLatin1String("  ") % l.note;
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        stream << line << '\n';
    }
}

} // namespace pl::cli
