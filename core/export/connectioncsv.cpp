#include "connectioncsv.h"

#include "proxy/headertext.h"

#include <iterator>

namespace pl::exporting {

QByteArray csvField(const QString &text, bool fromWire)
{
    QString t = text;
    if (fromWire && !t.isEmpty() &&
        (t.front() == QLatin1Char('=') || t.front() == QLatin1Char('+') ||
         t.front() == QLatin1Char('-') || t.front() == QLatin1Char('@')))
        t.prepend(QLatin1Char('\''));
    if (t.contains(QLatin1Char(',')) || t.contains(QLatin1Char('"')) ||
        t.contains(QLatin1Char('\n')) || t.contains(QLatin1Char('\r'))) {
        t.replace(QLatin1Char('"'), QLatin1String("\"\""));
        t = QLatin1Char('"') + t + QLatin1Char('"');
    }
    return t.toUtf8();
}

QByteArray connectionCsvHeader()
{
    return "frame,first_time,client,server,proxy,pp_source,pp_destination,vpc_id,endpoint_id,"
           "crc32c,payload,response,findings,decision\r\n";
}

QByteArray connectionCsvRow(const capture::ConnectionRow &row, const QString &decision)
{
    const capture::Connection &c = row.connection;
    QString proxy;
    if (!row.versionRead())
        proxy = QLatin1String(c.headerPresent ? "broken" : "none");
    else
        proxy = QStringLiteral("v%1 %2")
                    .arg(row.version())
                    .arg(QLatin1String(proxy::commandName(row.command())));
    const QString findings =
        !row.hasError()
            ? row.findings
            : row.errorCode() +
                  (row.findings.isEmpty() ? QString() : QStringLiteral(", ") + row.findings);
    const QByteArray fields[] = {
        QByteArray::number(c.firstFrame),
        csvField(capture::timestampText(c.firstTimeNs)),
        csvField(capture::endpointText(c.client)),
        csvField(capture::endpointText(c.server)),
        csvField(proxy),
        csvField(row.ppSource()),
        csvField(row.ppDestination()),
        csvField(row.vpcId()),
        csvField(row.endpointId()),
        row.version() == 2 ? QByteArray(proxy::crcStateName(row.crc())) : QByteArray(),
        csvField(c.payload.text(), true),
        csvField(c.response, true),
        csvField(findings),
        csvField(decision),
    };
    QByteArray line = fields[0];
    for (std::size_t i = 1; i < std::size(fields); ++i)
        line += ',' + fields[i];
    return line + "\r\n";
}

} // namespace pl::exporting
