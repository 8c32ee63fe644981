#include "breakdownmarkdown.h"

#include "proxy/headertext.h"

#include <QStringBuilder>

namespace pl::exporting {

using namespace pl::proxy;

namespace {

// Pipes would end the cell; code spans keep hex readable.
QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QLatin1String("\\|"))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
}

} // namespace

QString breakdownMarkdown(const QList<BreakdownRow> &rows, ByteSpan input)
{
    QString out =
        QStringLiteral("| Offset | Bytes | Field | Value | Note |\n|---:|---|---|---|---|\n");
    for (const BreakdownRow &row : rows) {
        const std::size_t end = std::min<std::size_t>(input.size(), row.offset + row.length);
        const ByteSpan bytes =
            row.offset < end ? input.subspan(row.offset, end - row.offset) : ByteSpan{};
        const QString indent = QString(row.depth * 2, QChar(0x00A0)); // keeps nesting visible
        QString note = row.note;
        if (row.severity == Severity::Error)
            note = QLatin1String("**error:** ") % note;
        else if (row.severity == Severity::Warning)
            note = QLatin1String("**warning:** ") % note;
        out += QLatin1String("| ") % QString::number(row.offset) % QLatin1String(" | `") %
               hexString(bytes) % QLatin1String("` | ") % indent % cell(row.label) %
               QLatin1String(" | ") % cell(row.value) % QLatin1String(" | ") % cell(note) %
               QLatin1String(" |\n");
    }
    return out;
}

} // namespace pl::exporting
