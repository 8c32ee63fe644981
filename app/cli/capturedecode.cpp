#include "capturedecode.h"

#include "breakdowntable.h"
#include "capture/captureengine.h"
#include "capture/capturestats.h"
#include "capture/connectionfilter.h"
#include "console.h"
#include "export/connectionjson.h"
#include "export/headerjson.h"
#include "export/packetexport.h"
#include "export/textcolumns.h"
#include "proxy/bytearrayspan.h"
#include "proxy/headersummary.h"
#include "proxy/headertext.h"
#include "terminalprogress.h"

#include <QFile>
#include <QJsonDocument>

#include <cstdio>

namespace pl::cli {

using namespace pl::capture;

namespace {

QString utf8(proxy::ByteSpan bytes)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(bytes.data()),
                             static_cast<qsizetype>(bytes.size()));
}

// The table's columns, in order.
enum Column
{
    ColFrame,
    ColClient,
    ColServer,
    ColHeader,
    ColCrc,
    ColIds,
    ColPayload,
    ColResponse,
    ColEnd,
    ColFindings,
    ColumnCount
};

} // namespace

// JSON Lines go straight to stdout: through QTextStream every line would be
// decoded from UTF-8 and encoded again (a second pass over ~1 KB per
// connection). out() is flushed first so the two never interleave.
void writeJsonLine(QByteArray line)
{
    out().flush();
    line.append('\n');
    writeStdout(line);
}

QStringList connectionTableCells(const Connection &c, proxy::VendorProfile vendor)
{
    QStringList cells(ColumnCount);
    cells[ColFrame] = QString::number(c.firstFrame);
    cells[ColClient] = endpointText(c.client);
    cells[ColServer] = endpointText(c.server);
    cells[ColEnd] = c.transport == TransportProtocol::Udp ? QStringLiteral("udp")
                                                          : QLatin1String(endStateName(c.end));
    cells[ColPayload] = c.payload.isEmpty() ? QStringLiteral("-") : c.payload.text();
    cells[ColResponse] = c.response.isEmpty() ? QStringLiteral("-") : c.response;
    QStringList findings;
    for (const Finding &f : c.findings)
        findings.append(QLatin1String(findingCodeName(f.code)));
    cells[ColFindings] = findings.isEmpty() ? QStringLiteral("-") : findings.join(QLatin1Char(','));
    cells[ColCrc] = QStringLiteral("-");
    cells[ColIds] = QStringLiteral("-");
    if (!c.headerPresent) {
        cells[ColHeader] = QStringLiteral("none");
        return cells;
    }
    const proxy::DecodeResult r = c.decodeHeader(vendor);
    const proxy::ProxyHeader &h = r.header;
    const proxy::HeaderSummary summary = proxy::summarizeHeader(r);
    QString header = QStringLiteral("v%1").arg(summary.versionNumber);
    if (summary.decoded) {
        header += QLatin1Char(' ') + QLatin1String(proxy::commandName(summary.command));
        if (summary.hasAddresses && summary.command == proxy::Command::Proxy)
            header +=
                QLatin1Char(' ') + summary.source + QStringLiteral("->") + summary.destination;
    }
    if (r.error)
        header += QStringLiteral(" INVALID ") + QLatin1String(proxy::errorCodeName(r.error.code));
    cells[ColHeader] = header;
    if (h.version == proxy::Version::V2 && h.fixedPartDecoded && !r.needsMoreData())
        cells[ColCrc] = QLatin1String(proxy::crcStateName(h.crcState));
    QStringList ids;
    const proxy::VendorIds &v = h.vendor;
    for (const proxy::ByteSpan id : {v.alibabaVpcId, v.alibabaEndpointId, v.awsVpceId})
        if (!id.empty())
            ids.append(utf8(id));
    if (v.azureLinkId)
        ids.append(QStringLiteral("azure:%1").arg(*v.azureLinkId));
    if (v.gcpPscId)
        ids.append(QStringLiteral("psc:%1").arg(*v.gcpPscId));
    if (!ids.isEmpty())
        cells[ColIds] = ids.join(QLatin1Char(','));
    return cells;
}

void ConnectionTablePrinter::print(const QList<Connection> &connections,
                                   proxy::VendorProfile vendor)
{
    QList<QStringList> rows;
    for (const Connection &c : connections)
        rows.append(connectionTableCells(c, vendor));
    printCells(rows);
}

void ConnectionTablePrinter::printCells(const QList<QStringList> &rawRows)
{
    // A request line or a Host header from the capture may hold any byte.
    QList<QStringList> rows = rawRows;
    for (QStringList &row : rows)
        for (QString &cell : row)
            cell = exporting::terminalSafe(std::move(cell));
    if (m_widths.isEmpty()) {
        const QStringList titles{QStringLiteral("FRAME"),   QStringLiteral("CLIENT"),
                                 QStringLiteral("SERVER"),  QStringLiteral("HEADER"),
                                 QStringLiteral("CRC32C"),  QStringLiteral("IDS"),
                                 QStringLiteral("PAYLOAD"), QStringLiteral("RESPONSE"),
                                 QStringLiteral("END"),     QStringLiteral("FINDINGS")};
        for (const QString &t : titles)
            m_widths.append(exporting::displayWidth(t));
        for (const QStringList &row : rows)
            for (int i = 0; i < ColumnCount; ++i)
                m_widths[i] =
                    std::max(m_widths[i], std::min<qsizetype>(exporting::displayWidth(row[i]), 60));
        printRow(titles);
    }
    for (const QStringList &row : rows)
        printRow(row);
}

void ConnectionTablePrinter::printRow(const QStringList &cells)
{
    QString line;
    for (int i = 0; i < ColumnCount; ++i) {
        line += i + 1 < ColumnCount
                    ? exporting::padRight(cells[i], m_widths[i]) + QStringLiteral("  ")
                    : cells[i];
    }
    out() << line << '\n';
}

int runCaptureDecode(CaptureDecodeRequest request)
{
    const QString command = QStringLiteral("decode");
    if (request.hexGiven)
        return usageError(command, QStringLiteral("--hex cannot be combined with capture files"));
    for (qsizetype i = 0; i < request.paths.size(); ++i)
        if (!io::isCaptureMagic(request.inputs[static_cast<std::size_t>(i)].head))
            return usageError(command,
                              QStringLiteral("%1 is not a pcap/pcapng capture; decode captures "
                                             "and raw header files separately")
                                  .arg(request.paths.at(i)));

    const ConnectionFilter filter(request.filter);
    if (!filter.problems().isEmpty())
        return usageError(command, QStringLiteral("--filter: not understood: %1")
                                       .arg(filter.problems().join(QLatin1String(", "))));
    if (!request.writePath.isEmpty()) {
        // The packets are read again once the chosen connections are known.
        if (request.paths.size() != 1)
            return usageError(command, QStringLiteral("-w takes exactly one capture FILE"));
        if (request.inputs.front().stream)
            return usageError(command,
                              QStringLiteral("-w needs a capture file that can be read twice, "
                                             "not a pipe or standard input"));
    }
    QList<exporting::ConnectionFrames> chosen;
    StringPool pool;

    int status = ExitOk;
    bool opened = false;
    CaptureStats stats(request.vendor);
    CaptureCounters totals;
    // On a terminal only: scripts and pipes never see it.
    TerminalProgress progress;
    for (qsizetype i = 0; i < request.paths.size(); ++i) {
        const QString &path = request.paths.at(i);
        CaptureEngine engine(CaptureOptions{request.vendor, 1024});
        io::InputStream &in = request.inputs[static_cast<std::size_t>(i)];
        if (!(in.stream ? engine.openStream(std::move(in), path) : engine.openFile(path))) {
            err() << "plinspect decode: " << path << ": " << engine.error().message << Qt::endl;
            status = ExitInvalidInput;
            continue;
        }
        opened = true;
        if (!request.json && !request.stats && request.paths.size() > 1)
            out() << "== " << path << '\n';
        ConnectionTablePrinter table;
        // Output covering several files names each record's file.
        const QString input = request.paths.size() > 1 ? path : QString();
        // One buffer for every batch's JSON lines: a fresh one a batch was
        // grown (and copied) from nothing each time, a tenth of the export.
        QByteArray jsonLines;
        engine.run([&](QList<Connection> &&batch) {
            QList<QStringList> rows;
            jsonLines.resize(0); // keeps its capacity
            for (const Connection &c : std::as_const(batch)) {
                if (!filter.isEmpty() &&
                    !filter.matches(makeConnectionRow(c, request.vendor, pool)))
                    continue;
                if (!request.writePath.isEmpty())
                    chosen.append(exporting::connectionFrames(c));
                stats.add(c);
                if (c.headerInvalid())
                    status = ExitInvalidInput;
                if (request.stats)
                    continue;
                if (request.json && !request.breakdown) {
                    // Written straight out (no QJsonObject), one write a batch.
                    exporting::writeConnectionJson(jsonLines, c, request.vendor, input);
                    jsonLines.append('\n');
                } else if (request.json) {
                    QJsonObject o = exporting::connectionJson(c, request.vendor);
                    if (!input.isEmpty())
                        o.insert(QStringLiteral("input"), input);
                    if (c.headerPresent) {
                        const proxy::DecodeResult r = c.decodeHeader(request.vendor);
                        o.insert(QStringLiteral("breakdown"),
                                 exporting::breakdownJson(proxy::breakdown(r, c.headerSpan()),
                                                          c.headerSpan()));
                    }
                    writeJsonLine(QJsonDocument(o).toJson(QJsonDocument::Compact));
                } else if (request.breakdown) {
                    table.printCells({connectionTableCells(c, request.vendor)});
                    if (c.headerPresent) {
                        const proxy::DecodeResult r = c.decodeHeader(request.vendor);
                        printBreakdownTable(out(), proxy::breakdown(r, c.headerSpan()),
                                            c.headerSpan());
                        out() << '\n';
                    }
                } else {
                    rows.append(connectionTableCells(c, request.vendor));
                }
            }
            if (!jsonLines.isEmpty()) {
                out().flush();
                writeStdout(jsonLines);
            }
            if (!rows.isEmpty())
                table.printCells(rows);
            progress.show(captureProgressText(engine.progress()));
        });
        progress.finish(captureProgressText(engine.progress()));
        totals += engine.counters();
        if (engine.error()) {
            // Everything read before the damage was printed above.
            out().flush();
            err() << "plinspect decode: " << path << ": " << engine.error().message << Qt::endl;
            status = ExitInvalidInput;
        }
    }
    // Invalid headers are what people hand to Wireshark: write them too.
    if (!request.writePath.isEmpty() && opened) {
        out().flush();
        const exporting::PacketExportResult written =
            exporting::writeConnectionPackets(request.paths.front(), chosen, request.writePath);
        if (!written.error.isEmpty()) {
            err() << "plinspect decode: " << written.error << Qt::endl;
            status = ExitInvalidInput;
        }
        if (written.written)
            err() << "plinspect decode: wrote " << written.packetsWritten << " packets of "
                  << chosen.size() << " connections to " << request.writePath << Qt::endl;
    }
    if (request.stats) {
        stats.setCounters(totals);
        if (request.json)
            out() << QJsonDocument(stats.toJson()).toJson(QJsonDocument::Compact) << '\n';
        else
            out() << stats.toText();
    }
    flushStdout();
    return status;
}

} // namespace pl::cli
