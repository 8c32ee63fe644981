// `plinspect capture` on loopback, as a user runs it: `plinspect send`
// sends crafted headers to `plinspect listen` while the capture prints one
// JSON line per connection; the connections equal what was sent, the -w
// file read by tshark shows the same connections, and SIGTERM/Ctrl-C end
// with libpcap's totals. Needs root or CAP_NET_RAW (CI runs as root).

#include "plinspectprocess.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using pl::test::jsonLines;
using pl::test::plinspect;
using pl::test::Run;
using pl::test::tsharkLines;

namespace {

// `plinspect listen --bind 127.0.0.1:0`, port read from its stderr.
struct Listener
{
    QProcess process;
    quint16 port = 0;
    bool start()
    {
        process.start(QStringLiteral(PL_PLINSPECT),
                      {QStringLiteral("listen"), QStringLiteral("--bind"),
                       QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")});
        QByteArray err;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 5000 && !err.contains('\n')) {
            process.waitForReadyRead(100);
            err += process.readAllStandardError();
        }
        const auto m = QRegularExpression(QStringLiteral("listening on 127.0.0.1:(\\d+)"))
                           .match(QString::fromUtf8(err));
        port = m.hasMatch() ? static_cast<quint16>(m.captured(1).toUInt()) : 0;
        return port != 0;
    }
    ~Listener()
    {
        process.kill();
        process.waitForFinished();
    }
};

// `plinspect capture ARGS`, started and past opening the interface.
struct Capture
{
    QProcess process;
    QByteArray err;
    // False when the capture did not start; err says why.
    bool start(const QStringList &args)
    {
        process.start(QStringLiteral(PL_PLINSPECT), QStringList{QStringLiteral("capture")} + args);
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 10000 && !err.contains("capturing on") &&
               process.state() != QProcess::NotRunning) {
            process.waitForReadyRead(100);
            err += process.readAllStandardError();
        }
        err += process.readAllStandardError();
        return err.contains("capturing on");
    }
    ~Capture()
    {
        process.kill();
        process.waitForFinished();
    }
};

// The crafted headers: what `send` is told, and what a capture must show.
struct Sent
{
    QStringList options;
    QString src;    // header.src
    QString vendor; // "key=value" of the vendor field it carries
};

QList<Sent> craftedHeaders()
{
    return {
        {{"--src", "10.1.0.1:1001", "--dst", "10.2.0.1:80", "--alibaba-vpc-id", "vpc-capture1",
          "--alibaba-endpoint-id", "ep-capture1"},
         "10.1.0.1:1001",
         "vpc_id=vpc-capture1"},
        {{"--src", "10.1.0.2:1002", "--dst", "10.2.0.1:80", "--aws-vpce-id", "vpce-0capture2"},
         "10.1.0.2:1002",
         "vpce_id=vpce-0capture2"},
        {{"--src", "10.1.0.3:1003", "--dst", "10.2.0.1:80", "--azure-link-id", "4242"},
         "10.1.0.3:1003",
         "azure_link_id=4242"},
        {{"--v1", "--src", "10.1.0.4:1004", "--dst", "10.2.0.1:80"}, "10.1.0.4:1004", "v1"},
    };
}

QString vendorText(const QJsonObject &header)
{
    if (header.value(QStringLiteral("version")).toInt() == 1)
        return QStringLiteral("v1");
    for (const char *key : {"vpc_id", "vpce_id", "azure_link_id"})
        if (header.contains(QLatin1String(key)))
            return QLatin1String(key) + QLatin1Char('=') +
                   header.value(QLatin1String(key)).toVariant().toString();
    return QStringLiteral("none");
}

QString connectionText(const QJsonObject &o)
{
    const QJsonObject header = o.value(QStringLiteral("header")).toObject();
    return o.value(QStringLiteral("client")).toString() + QLatin1Char(' ') +
           header.value(QStringLiteral("src")).toString() + QLatin1Char(' ') + vendorText(header);
}

// Sends one header with an HTTP request; returns the client endpoint used.
QString send(quint16 port, const Sent &sent)
{
    const Run r =
        plinspect(QStringList{QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(port)} +
                  sent.options +
                  QStringList{"--http", "GET", "/captured", "--host", "capture.test", "--json"});
    if (r.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(r.out.left(r.out.indexOf('\n')))
        .object()
        .value(QStringLiteral("local"))
        .toString();
}

bool waitForLines(QProcess &process, QByteArray &out, int lines, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (out.count('\n') < lines && clock.elapsed() < timeoutMs) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
    }
    return out.count('\n') >= lines;
}

} // namespace

class TestCaptureCommand : public QObject
{
    Q_OBJECT

private slots:
    void capturedConnectionsEqualWhatWasSent();
    void countStopsByItself();
    void badFilterIsAClearError();
    void unknownInterfaceIsNamed();
    void withoutPermissionSaysWhatToDo();
};

void TestCaptureCommand::capturedConnectionsEqualWhatWasSent()
{
    Listener listener;
    QVERIFY(listener.start());
    QTemporaryDir dir;
    const QString pcapng = dir.filePath(QStringLiteral("live.pcapng"));
    Capture capture;
    if (!capture.start({"-i", "lo", "-f", QStringLiteral("tcp port %1").arg(listener.port),
                        "--json", "-w", pcapng})) {
        if (capture.err.contains("permission"))
            QSKIP(capture.err.constData());
        QFAIL(capture.err.constData());
    }

    QStringList expected;
    for (const Sent &sent : craftedHeaders()) {
        const QString client = send(listener.port, sent);
        QVERIFY2(!client.isEmpty(), qPrintable(sent.options.join(QLatin1Char(' '))));
        expected << client + QLatin1Char(' ') + sent.src + QLatin1Char(' ') + sent.vendor;
    }
    QByteArray out;
    // Each line arrives while the capture runs, before any stop.
    QVERIFY2(waitForLines(capture.process, out, 4, 10000), out.constData());
    QCOMPARE(capture.process.state(), QProcess::Running);

    capture.process.terminate(); // SIGTERM, handled like Ctrl-C
    QVERIFY(capture.process.waitForFinished(10000));
    QCOMPARE(capture.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(capture.process.exitCode(), 0);
    out += capture.process.readAllStandardOutput();
    const QString err = QString::fromUtf8(capture.err + capture.process.readAllStandardError());
    QVERIFY2(QRegularExpression(QStringLiteral("\\d+ packets, 4 connections on lo; libpcap "
                                               "received \\d+, dropped 0"))
                 .match(err)
                 .hasMatch(),
             qPrintable(err));

    QStringList captured;
    QStringList clients;
    for (const QJsonObject &o : jsonLines(out)) {
        captured << connectionText(o);
        QCOMPARE(o.value(QStringLiteral("server")).toString(),
                 QStringLiteral("127.0.0.1:%1").arg(listener.port));
        QCOMPARE(o.value(QStringLiteral("payload")).toString(),
                 QStringLiteral("GET /captured HTTP/1.1 Host: capture.test"));
        clients << o.value(QStringLiteral("client")).toString();
    }
    expected.sort();
    captured.sort();
    QCOMPARE(captured, expected);

    // Our own reader agrees with what was printed live.
    const Run decoded = plinspect({QStringLiteral("decode"), QStringLiteral("--json"), pcapng});
    QCOMPARE(decoded.exitCode, 0);
    QStringList again;
    for (const QJsonObject &o : jsonLines(decoded.out))
        again << connectionText(o);
    again.sort();
    QCOMPARE(again, expected);

    // The saved packets, read by an independent reader: the same four
    // connections (one SYN from each client).
    if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
        QSKIP("tshark is not installed: cannot check the -w file independently");
    QStringList syns =
        tsharkLines({"-r", pcapng, "-Y", "tcp.flags.syn==1 && tcp.flags.ack==0", "-T", "fields",
                     "-E", "separator=:", "-e", "ip.src", "-e", "tcp.srcport"});
    syns.sort();
    clients.sort();
    QCOMPARE(syns, clients);
    const QStringList streams = tsharkLines({"-r", pcapng, "-T", "fields", "-e", "tcp.stream"});
    QCOMPARE(QSet<QString>(streams.begin(), streams.end()).size(), 4);
}

void TestCaptureCommand::countStopsByItself()
{
    Listener listener;
    QVERIFY(listener.start());
    Capture capture;
    if (!capture.start({"-i", "lo", "-f", QStringLiteral("tcp port %1").arg(listener.port),
                        "--json", "-c", "2", "--duration", "30"})) {
        if (capture.err.contains("permission"))
            QSKIP(capture.err.constData());
        QFAIL(capture.err.constData());
    }
    const QList<Sent> headers = craftedHeaders();
    QVERIFY(!send(listener.port, headers[0]).isEmpty());
    QVERIFY(!send(listener.port, headers[1]).isEmpty());
    QVERIFY2(capture.process.waitForFinished(10000), "-c 2 did not stop after two connections");
    QCOMPARE(capture.process.exitCode(), 0);
    QCOMPARE(jsonLines(capture.process.readAllStandardOutput()).size(), 2);
}

void TestCaptureCommand::badFilterIsAClearError()
{
    const Run r = plinspect({"capture", "-i", "lo", "-f", "tcp port"});
    if (r.err.contains("permission"))
        QSKIP(r.err.constData());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("plinspect capture: capture filter \"tcp port\""), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCaptureCommand::unknownInterfaceIsNamed()
{
    const Run r = plinspect({"capture", "-i", "pl-no-such-if0", "--duration", "1"});
    if (r.err.contains("permission"))
        QSKIP(r.err.constData());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no such interface: pl-no-such-if0"), r.err.constData());
}

void TestCaptureCommand::withoutPermissionSaysWhatToDo()
{
    QStringList command{QStringLiteral(PL_PLINSPECT), "capture", "-i", "lo", "--duration", "2"};
    if (::geteuid() == 0) {
        // Become nobody, without capabilities.
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("running as root and setpriv is missing: cannot drop the capture permission");
        command = QStringList{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              "--inh-caps=-all"} +
                  command;
    }
    QProcess p;
    p.start(command.takeFirst(), command);
    QVERIFY(p.waitForFinished(20000));
    const QByteArray err = p.readAllStandardError();
    if (p.exitCode() == 0)
        QSKIP("this user may capture on lo here (CAP_NET_RAW): nothing to refuse");
    if (p.exitCode() == 126 || p.exitCode() == 127 || err.contains("setpriv:"))
        QSKIP(qPrintable(QStringLiteral("cannot run the binary as an unprivileged user here: ") +
                         QString::fromUtf8(err)));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(err.contains("permission denied capturing on lo"), err.constData());
    QVERIFY2(err.contains("run as root"), err.constData());
    QVERIFY2(err.contains("setcap cap_net_raw,cap_net_admin+eip"), err.constData());
}

QTEST_GUILESS_MAIN(TestCaptureCommand)
#include "tst_capturecommand.moc"
