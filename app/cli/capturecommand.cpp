#include "capturecommand.h"

#include "capture/captureengine.h"
#include "capture/capturestats.h"
#include "capturedecode.h"
#include "console.h"
#include "export/connectionjson.h"
#include "export/pcapngwriter.h"
#include "proxy/vendorprofile.h"
#include "stopsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

#include <memory>

namespace pl::cli {

using namespace pl::capture;

namespace {

const QString kCommand = QStringLiteral("capture");

QString totalsText(const QString &interfaceName, const CaptureCounters &n,
                   std::uint64_t connections, const LiveStats &live)
{
    QString text = QStringLiteral("%1 packets, %2 connections on %3")
                       .arg(n.packets)
                       .arg(connections)
                       .arg(interfaceName);
    if (live.valid)
        text += QStringLiteral("; libpcap received %1, dropped %2 (interface dropped %3)")
                    .arg(live.received)
                    .arg(live.dropped)
                    .arg(live.interfaceDropped);
    return text;
}

} // namespace

int runCapture(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Capture live on an interface and print each connection's PROXY header "
                       "as the connection completes. Ctrl-C stops and prints the totals.\n"
                       "Needs root, or: setcap cap_net_raw,cap_net_admin+eip on the binary."));
    parser.addHelpOption();
    parser.addOptions({
        {{QStringLiteral("i"), QStringLiteral("interface")},
         QStringLiteral("Interface to capture on (e.g. eth0, lo, any)."),
         QStringLiteral("IFACE")},
        {{QStringLiteral("f"), QStringLiteral("filter")},
         QStringLiteral("BPF capture filter, as for tcpdump (e.g. \"tcp port 443\")."),
         QStringLiteral("FILTER")},
        {{QStringLiteral("c"), QStringLiteral("count")},
         QStringLiteral("Stop after COUNT connections."),
         QStringLiteral("COUNT")},
        {QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")},
        {QStringLiteral("w"), QStringLiteral("Also write every captured packet to FILE as pcapng."),
         QStringLiteral("FILE")},
        {QStringLiteral("snaplen"), QStringLiteral("Bytes kept per packet (default 262144)."),
         QStringLiteral("BYTES"), QStringLiteral("262144")},
        {QStringLiteral("json"), QStringLiteral("Print JSON Lines (one object per connection).")},
        {QStringLiteral("stats"),
         QStringLiteral("Print totals (connections, versions, CRC, IDs) only, at the end.")},
        {QStringLiteral("vendor"),
         QStringLiteral("Vendor profile for custom TLVs: auto, alibaba, aws, azure, gcp, none."),
         QStringLiteral("profile"), QStringLiteral("auto")},
    });
    if (!parser.parse(arguments))
        return usageError(kCommand, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, kCommand);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(kCommand, QStringLiteral("unexpected argument '%1'")
                                        .arg(parser.positionalArguments().constFirst()));
    LiveOptions options;
    options.interfaceName = parser.value(QStringLiteral("interface"));
    if (options.interfaceName.isEmpty())
        return usageError(kCommand, QStringLiteral("give the interface: -i IFACE"));
    options.filter = parser.value(QStringLiteral("filter"));
    bool ok = true;
    options.snaplen = parser.value(QStringLiteral("snaplen")).toInt(&ok);
    if (!ok || options.snaplen < 64 || options.snaplen > 262144)
        return usageError(kCommand, QStringLiteral("--snaplen: a number from 64 to 262144"));
    qint64 count = 0;
    if (parser.isSet(QStringLiteral("count"))) {
        count = parser.value(QStringLiteral("count")).toLongLong(&ok);
        if (!ok || count <= 0)
            return usageError(kCommand, QStringLiteral("--count: a positive number"));
    }
    double duration = 0;
    if (parser.isSet(QStringLiteral("duration"))) {
        duration = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || duration <= 0 || duration > 1e7)
            return usageError(kCommand, QStringLiteral("--duration: a positive number of seconds"));
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool statsOnly = parser.isSet(QStringLiteral("stats"));
    const auto vendor =
        proxy::vendorProfileFromName(parser.value(QStringLiteral("vendor")).toStdString());
    if (!vendor)
        return usageError(kCommand, QStringLiteral("unknown vendor profile '%1'")
                                        .arg(parser.value(QStringLiteral("vendor"))));

    // One connection per batch: each is printed as soon as it completes.
    CaptureEngine engine(CaptureOptions{*vendor, 1});
    if (!engine.openLive(options)) {
        const CaptureError &e = engine.error();
        if (e.code == CaptureError::Code::BadFilter)
            return usageError(kCommand, e.message);
        err() << "plinspect capture: " << e.message << Qt::endl;
        if (e.code == CaptureError::Code::PermissionDenied)
            err() << "plinspect capture: run as root (sudo plinspect capture ...), or allow "
                     "this binary to capture once: sudo setcap cap_net_raw,cap_net_admin+eip "
                  << QCoreApplication::applicationFilePath() << Qt::endl;
        return ExitUsage;
    }

    std::unique_ptr<exporting::PcapngWriter> writer;
    const QString writePath = parser.value(QStringLiteral("w"));
    if (!writePath.isEmpty()) {
        writer = std::make_unique<exporting::PcapngWriter>(writePath);
        const QString error = writer->open();
        if (!error.isEmpty())
            return usageError(kCommand,
                              QStringLiteral("cannot write %1: %2").arg(writePath, error));
        const int linkType = engine.linkType();
        const std::uint32_t snaplen = engine.snaplen();
        engine.setPacketTap([w = writer.get(), linkType, snaplen](const Packet &p) {
            w->writePacket(linkType, snaplen, p.timeNs, p.wireLength, p.data);
        });
    }

    err() << "plinspect capture: capturing on " << options.interfaceName
          << (options.filter.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(options.filter))
          << "; Ctrl-C stops" << Qt::endl;

    CaptureStats stats(*vendor);
    std::uint64_t connections = 0;
    ConnectionTablePrinter table;
    // The engine reads on a worker; this thread waits for a stop signal,
    // the duration or the worker's end. Only the worker prints until then.
    QThread *worker = QThread::create([&] {
        engine.run([&](QList<Connection> &&batch) {
            for (const Connection &c : std::as_const(batch)) {
                if (count > 0 && connections >= static_cast<std::uint64_t>(count))
                    break;
                ++connections;
                stats.add(c);
                if (statsOnly)
                    continue;
                if (json) {
                    QByteArray line;
                    exporting::writeConnectionJson(line, c, *vendor, QString());
                    writeJsonLine(std::move(line));
                } else {
                    table.print({c}, *vendor);
                }
            }
            flushStdout();
            if (count > 0 && connections >= static_cast<std::uint64_t>(count))
                engine.cancel();
        });
    });
    QObject::connect(worker, &QThread::finished, QCoreApplication::instance(),
                     &QCoreApplication::quit);
    onStopSignal(worker, [&engine] { engine.cancel(); });
    if (duration > 0)
        QTimer::singleShot(static_cast<int>(duration * 1000), worker,
                           [&engine] { engine.cancel(); });
    worker->start();
    QCoreApplication::exec();
    worker->wait();
    delete worker;

    int status = ExitOk;
    if (engine.error()) {
        err() << "plinspect capture: " << engine.error().message << Qt::endl;
        status = ExitInvalidInput;
    }
    if (writer) {
        const QString error = writer->commit();
        if (!error.isEmpty()) {
            err() << "plinspect capture: cannot write " << writePath << ": " << error << Qt::endl;
            status = ExitInvalidInput;
        }
    }
    const CaptureCounters &n = engine.counters();
    const LiveStats &live = engine.liveStats();
    if (statsOnly) {
        stats.setCounters(n);
        if (json) {
            QJsonObject o = stats.toJson();
            o.insert(QStringLiteral("interface"), options.interfaceName);
            if (live.valid) {
                o.insert(QStringLiteral("received"), static_cast<qint64>(live.received));
                o.insert(QStringLiteral("dropped"), static_cast<qint64>(live.dropped));
                o.insert(QStringLiteral("interface_dropped"),
                         static_cast<qint64>(live.interfaceDropped));
            }
            out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        } else {
            out() << stats.toText() << totalsText(options.interfaceName, n, connections, live)
                  << '\n';
        }
    }
    err() << "plinspect capture: " << totalsText(options.interfaceName, n, connections, live)
          << Qt::endl;
    flushStdout();
    return status;
}

} // namespace pl::cli
