#include "flowreportformat.h"

#include "export/textcolumns.h"
#include "flowrecord.h"

#include <QDateTime>
#include <QStringList>

#include <algorithm>
#include <map>

namespace pl::flowlog {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString timeText(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString protocolName(int protocol)
{
    switch (protocol) {
    case 1:
        return QStringLiteral("ICMP");
    case 6:
        return QStringLiteral("TCP");
    case 17:
        return QStringLiteral("UDP");
    case 58:
        return QStringLiteral("ICMPv6");
    default:
        return QString::number(protocol);
    }
}

QString rulesText(const std::map<std::string, std::uint64_t> &rules)
{
    QStringList parts;
    for (const auto &[rule, count] : rules)
        parts << QStringLiteral("%1=%2").arg(qs(rule)).arg(count);
    return parts.join(QLatin1Char(' '));
}

// RFC 4180 quoting (a bare CR ends a row for many readers too). A text
// that a spreadsheet would run as a formula (=, +, -, @, tab, CR first: IDs
// and names come from the logs) gets a leading apostrophe, as OWASP advises.
QByteArray csvField(const QString &s)
{
    QByteArray bytes = s.toUtf8();
    if (!bytes.isEmpty() && QByteArrayView("=+-@\t\r").contains(bytes.front()))
        bytes.prepend('\'');
    // Any control character is quoted (an ESC or a tab from a log field is
    // text of that field, not something a reader should act on).
    const bool control = std::any_of(bytes.cbegin(), bytes.cend(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
    if (control || bytes.contains(',') || bytes.contains('"')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

// Text from the logs in Markdown: every character Markdown or HTML would
// act on is escaped (a vm-id holding "<img src=...>" or "[x](y)" must stay
// text), and a table cell stays one cell.
QString markdownText(const QString &s)
{
    QString out;
    out.reserve(s.size() + 8);
    for (const QChar c : s) {
        if (QStringView(u"\\`*_[]<>|~&").contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

// Records neither side of which is private, without a direction field
// (AWS v2-v4): which end is the instance cannot be told.
QString unknownDirectionText(std::uint64_t records)
{
    return QStringLiteral("%1 record(s) ignored: no direction field and both addresses public "
                          "(add flow-direction to the log format)")
        .arg(records);
}

} // namespace

// Text from the logs as a terminal or a Markdown viewer shows it: control
// characters (an escape sequence in a vm-id could rewrite the screen) as
// \xNN. CSV and JSON keep the text as it is, quoted.
QString printableText(const std::string &s)
{
    return exporting::terminalSafe(qs(s));
}

QString byteText(std::uint64_t bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 5) {
        value /= 1024;
        ++unit;
    }
    if (unit == 0)
        return QStringLiteral("%1 B").arg(bytes);
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

namespace {

// Empty when the input cannot say (a query's rows without their answers).
QByteArray inboundField(const Finding &f, std::uint64_t value)
{
    return f.inboundKnown ? QByteArray::number(value) : QByteArray();
}

QString inboundText(const Finding &f)
{
    return inboundByteText(f.bytesIn, f.inboundKnown);
}

} // namespace

QString inboundByteText(std::uint64_t bytes, bool known)
{
    return known ? byteText(bytes) : QStringLiteral("?");
}

void writeReportCsv(const FlowReport &report, const ReportSink &sink)
{
    sink("class,vm_id,eni_id,vpc_id,source_addr,provider,service,region,label,"
         "resource_id,destination_vpc_id,addrs,port,protocol,flows,records,packets,"
         "bytes,packets_in,bytes_in,first_seen,last_seen,confidence,rules,recommendation,"
         "samples\n");
    for (const Finding &f : report.findings) {
        const Owner &o = f.owner;
        QList<QByteArray> row{findingClassName(f.findingClass),
                              csvField(qs(f.vmId)),
                              csvField(qs(f.eniId)),
                              csvField(qs(f.vpcId)),
                              csvField(qs(f.sourceAddr)),
                              csvField(qs(o.provider)),
                              csvField(qs(o.service)),
                              csvField(qs(o.region)),
                              csvField(qs(o.label)),
                              csvField(qs(o.resourceId)),
                              csvField(qs(o.vpcId)),
                              QByteArray::number(f.addrs),
                              QByteArray::number(f.port),
                              QByteArray::number(f.protocol),
                              QByteArray::number(f.flows),
                              QByteArray::number(f.records),
                              QByteArray::number(f.packets),
                              QByteArray::number(f.bytes),
                              inboundField(f, f.packetsIn),
                              inboundField(f, f.bytesIn),
                              QByteArray::number(f.firstSeen),
                              QByteArray::number(f.lastSeen),
                              f.highConfidence ? "high" : "low",
                              csvField(rulesText(f.rules)),
                              csvField(qs(f.recommendation)),
                              csvField(QString::fromStdString([&f] {
                                  std::string s;
                                  for (const std::string &x : f.samples)
                                      s += (s.empty() ? "" : " ") + x;
                                  return s;
                              }()))};
        sink(row.join(',') + '\n');
    }
}

void writeReportMarkdown(const FlowReport &r, const ReportSink &sink)
{
    QString out = QStringLiteral("# Flow-log compliance check\n\n");
    out += QStringLiteral("%1 records in %2 files; %3 flows to public addresses; %4 out and %5 "
                          "in could move to private paths.\n\n")
               .arg(r.records)
               .arg(r.files.size())
               .arg(r.flows)
               .arg(byteText(r.privatePathBytes),
                    inboundByteText(r.privatePathBytesIn, r.privatePathInboundKnown));
    out += QStringLiteral("| class | source | VPC | destination | port | protocol | flows | "
                          "bytes out | bytes in | confidence | recommendation |\n");
    out += QStringLiteral("|---|---|---|---|---:|---|---:|---:|---:|---|---|\n");
    sink(out.toUtf8());
    for (const Finding &f : r.findings) {
        sink(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 |\n")
                 .arg(QLatin1String(findingClassName(f.findingClass)),
                      markdownText(printableText(f.sourceName())),
                      markdownText(printableText(f.vpcId)),
                      markdownText(printableText(f.destinationName())), QString::number(f.port),
                      protocolName(f.protocol), QString::number(f.flows), byteText(f.bytes),
                      inboundText(f))
                 .arg(f.highConfidence ? QStringLiteral("high") : QStringLiteral("low"),
                      markdownText(printableText(f.recommendation)))
                 .toUtf8());
    }
    out = QStringLiteral("\n## Input\n\n- OK records: %1; NODATA: %2; SKIPDATA (coverage gaps): "
                         "%3\n- malformed lines: %4\n")
              .arg(r.ok)
              .arg(r.noData)
              .arg(r.skipData)
              .arg(r.malformed);
    if (r.alreadyPrivateFlows > 0)
        out += QStringLiteral("- already through a gateway endpoint (traffic path), not counted: "
                              "%1 flow(s), %2\n")
                   .arg(r.alreadyPrivateFlows)
                   .arg(byteText(r.alreadyPrivateBytes));
    if (r.natCopyFlows > 0)
        out += QStringLiteral("- logged again by a NAT gateway, counted once: %1 flow(s), %2\n")
                   .arg(r.natCopyFlows)
                   .arg(byteText(r.natCopyBytes));
    if (r.unknownDirectionRecords > 0)
        out += QStringLiteral("- ") + unknownDirectionText(r.unknownDirectionRecords) +
               QLatin1Char('\n');
    for (const std::string &m : r.malformedSamples)
        out += QStringLiteral("  - %1\n").arg(markdownText(printableText(m)));
    for (const std::string &e : r.fileErrors)
        out += QStringLiteral("- error: %1\n").arg(markdownText(printableText(e)));
    for (const std::string &n : r.notes)
        out += QStringLiteral("- note: %1\n").arg(markdownText(printableText(n)));
    sink(out.toUtf8());
}

namespace {

QByteArray collected(void (*write)(const FlowReport &, const ReportSink &), const FlowReport &r)
{
    QByteArray out;
    write(r, [&out](const QByteArray &bytes) { out += bytes; });
    return out;
}

} // namespace

QByteArray reportJsonLines(const FlowReport &report)
{
    return collected(writeReportJsonLines, report);
}

QByteArray reportCsv(const FlowReport &report)
{
    return collected(writeReportCsv, report);
}

QByteArray reportMarkdown(const FlowReport &report)
{
    return collected(writeReportMarkdown, report);
}

QByteArray reportText(const FlowReport &r, int maxFindings)
{
    QString out;
    out += QStringLiteral("Flow-log compliance check: %1 records in %2 file(s), %3 flows to "
                          "public addresses (%4 requests, %5 responses dropped, %6 rejected)\n")
               .arg(r.records)
               .arg(r.files.size())
               .arg(r.flows)
               .arg(r.requestFlows)
               .arg(r.responseFlows)
               .arg(r.rejectedFlows);
    out += QStringLiteral("Could move to private paths: %1 out, %2 in (the answers)\n")
               .arg(byteText(r.privatePathBytes),
                    inboundByteText(r.privatePathBytesIn, r.privatePathInboundKnown));
    if (r.alreadyPrivateFlows > 0)
        out += QStringLiteral("Already through a gateway endpoint (traffic path): %1 flow(s), %2: "
                              "not counted\n")
                   .arg(r.alreadyPrivateFlows)
                   .arg(byteText(r.alreadyPrivateBytes));
    if (r.natCopyFlows > 0)
        out +=
            QStringLiteral("Logged again by a NAT gateway (its translated leg, or the instance's "
                           "connection its own ENI logged too): %1 flow(s), %2: counted once\n")
                .arg(r.natCopyFlows)
                .arg(byteText(r.natCopyBytes));
    out += QLatin1Char('\n');

    out += QStringLiteral("By class:\n");
    for (std::size_t i = 0; i < kFindingClassCount; ++i) {
        const ClassTotals &t = r.classes[i];
        if (t.findings == 0)
            continue;
        out += QStringLiteral("  %1 %2 finding(s), %3 flow(s), %4 out, %5 in\n")
                   .arg(QLatin1String(findingClassName(FindingClass(i))), -19)
                   .arg(t.findings, 4)
                   .arg(t.flows, 6)
                   .arg(byteText(t.bytes), inboundByteText(t.bytesIn, t.inboundKnown));
    }

    out += QStringLiteral("\nInstances by bytes that could move to private paths:\n");
    int listed = 0;
    for (const InstanceTotals &i : r.instances) {
        if (++listed > 10)
            break;
        out += QStringLiteral("  %1 %2  private %3 out, %4 in; internet %5 out, %6 in\n")
                   .arg(exporting::padRight(printableText(i.source), 28),
                        exporting::padRight(
                            printableText(i.vpcId.empty() ? std::string("-") : i.vpcId), 24),
                        exporting::padLeft(byteText(i.privatePathBytes), 10),
                        inboundByteText(i.privatePathBytesIn, i.privatePathInboundKnown),
                        byteText(i.internetBytes),
                        inboundByteText(i.internetBytesIn, i.internetInboundKnown));
    }

    struct ServiceBytes
    {
        std::uint64_t out = 0, in = 0;
        bool inKnown = true;
    };
    std::map<std::string, ServiceBytes> services;
    for (const Finding &f : r.findings) {
        if (!isPrivatePathClass(f.findingClass))
            continue;
        ServiceBytes &b = services[f.destinationName()];
        addSaturating(b.out, f.bytes);
        addSaturating(b.in, f.bytesIn);
        b.inKnown = b.inKnown && f.inboundKnown;
    }
    std::vector<std::pair<std::uint64_t, std::string>> ranked;
    for (const auto &[name, b] : services) {
        std::uint64_t both = b.out;
        addSaturating(both, b.in);
        ranked.emplace_back(both, name);
    }
    std::sort(ranked.rbegin(), ranked.rend());
    out += QStringLiteral("\nDestinations (services and own resources) by bytes both ways:\n");
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
        const ServiceBytes &b = services[ranked[i].second];
        out += QStringLiteral("  %1 %2 out, %3 in\n")
                   .arg(exporting::padRight(printableText(ranked[i].second), 40), byteText(b.out),
                        inboundByteText(b.in, b.inKnown));
    }

    out += QStringLiteral("\nFindings (largest first):\n");
    listed = 0;
    for (const Finding &f : r.findings) {
        if (++listed > maxFindings) {
            out += QStringLiteral("  ... %1 more (use --json, --csv or --markdown)\n")
                       .arg(r.findings.size() - std::size_t(maxFindings));
            break;
        }
        out += QStringLiteral("  [%1] %2 -> %3 port %4/%5: %6 flow(s), %7 out, %8 in, %9 to "
                              "%10 UTC, confidence %11\n      %12\n")
                   .arg(QLatin1String(findingClassName(f.findingClass)),
                        printableText(f.sourceName()), printableText(f.destinationName()),
                        QString::number(f.port), protocolName(f.protocol), QString::number(f.flows),
                        byteText(f.bytes), inboundText(f), timeText(f.firstSeen))
                   .arg(timeText(f.lastSeen),
                        f.highConfidence ? QStringLiteral("high") : QStringLiteral("low"),
                        printableText(f.recommendation));
    }

    out += QStringLiteral("\nInput: %1 OK, %2 NODATA, %3 SKIPDATA, %4 malformed line(s); %5 "
                          "record(s) to private addresses ignored\n")
               .arg(r.ok)
               .arg(r.noData)
               .arg(r.skipData)
               .arg(r.malformed)
               .arg(r.privateDestinationRecords);
    if (r.unknownDirectionRecords > 0)
        out += unknownDirectionText(r.unknownDirectionRecords) + QLatin1Char('\n');
    if (r.spilledBytes > 0)
        out += QStringLiteral("Flow state beyond the memory budget went through temporary files: "
                              "%1\n")
                   .arg(byteText(r.spilledBytes));
    if (r.skipData > 0)
        out += QStringLiteral("Coverage gap: %1 SKIPDATA window(s), records were skipped there "
                              "(first at %2)\n")
                   .arg(r.skipData)
                   .arg(printableText(r.gaps.empty() ? std::string() : r.gaps.front().location));
    for (const std::string &m : r.malformedSamples)
        out += QStringLiteral("  malformed: %1\n").arg(printableText(m));
    for (const std::string &e : r.fileErrors)
        out += QStringLiteral("  error: %1\n").arg(printableText(e));
    for (const std::string &n : r.notes)
        out += QStringLiteral("  note: %1\n").arg(printableText(n));
    return out.toUtf8();
}

} // namespace pl::flowlog
