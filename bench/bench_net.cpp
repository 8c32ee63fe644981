// Connections per second on loopback: our sender against our listener (full
// header decode, HTTP answer, one record per connection), then the same load
// against HAProxy 2.6 `accept-proxy` for comparison when it is installed.
// The listener runs in its own thread, as a real backend would.
//
//   bench_net [--connections N] [--concurrency C]

#include "net/listener.h"
#include "net/matrixrunner.h"
#include "proxy/headerbuilder.h"
#include "proxy/tlvtypes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace pl::net;
using namespace pl::proxy;

namespace {

QList<MatrixRow> rowsFor(quint16 port, int count)
{
    QList<MatrixRow> rows;
    rows.reserve(count);
    for (int i = 0; i < count; ++i) {
        HeaderSpec spec;
        spec.sourceAddress = QHostAddress(QStringLiteral("203.0.113.7"));
        spec.destinationAddress = QHostAddress(QStringLiteral("10.0.0.15"));
        spec.sourcePort = static_cast<quint16>(1024 + i % 60000);
        spec.destinationPort = 80;
        spec.crc = CrcMode::Auto;
        spec.tlvs = {{tlv::Authority, "bench.example"}, awsVpceIdTlv("vpce-08d2bf15fac5001c9")};
        SendRequest request;
        request.host = QStringLiteral("127.0.0.1");
        request.port = port;
        request.header = spec;
        request.payload = buildHttpRequest({"GET", "/", "bench.example", {}, {}});
        request.timeoutMs = 10000;
        rows.append({QString(), request});
    }
    return rows;
}

// Runs the load and prints one line; returns connections per second.
double runLoad(const char *label, quint16 port, int connections, int concurrency)
{
    MatrixRunner runner;
    int done = 0;
    QObject::connect(&runner, &MatrixRunner::finished, &runner, [&done] { done = 1; });
    runner.start(rowsFor(port, connections), concurrency);
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    int ok = 0;
    for (const SendResult &r : runner.results())
        ok += r.ok() && r.status == 200;
    const double perSecond = connections * 1000.0 / double(std::max<qint64>(1, runner.elapsedMs()));
    std::printf(
        "%-28s %6d connections, concurrency %3d: %6lld ms, %7.0f connections/s, %d failed\n", label,
        connections, concurrency, static_cast<long long>(runner.elapsedMs()), perSecond,
        connections - ok);
    return perSecond;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool waitForPort(quint16 port)
{
    for (int i = 0; i < 100; ++i) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (s.waitForConnected(100))
            return true;
        QThread::msleep(50);
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("connections"), QStringLiteral("Connections per run."),
                        QStringLiteral("N"), QStringLiteral("20000")},
                       {QStringLiteral("concurrency"), QStringLiteral("In flight at once."),
                        QStringLiteral("C"), QStringLiteral("100")}});
    parser.process(app);
    const int connections = std::max(1, parser.value(QStringLiteral("connections")).toInt());
    const int concurrency = std::max(1, parser.value(QStringLiteral("concurrency")).toInt());

    // Our listener, in its own thread.
    QThread thread;
    auto *listener = new Listener;
    listener->moveToThread(&thread);
    thread.start();
    bool started = false;
    ListenerConfig config;
    config.udp = false;
    config.maxConnections = concurrency * 2;
    QMetaObject::invokeMethod(
        listener, [&] { started = listener->start(config); }, Qt::BlockingQueuedConnection);
    if (!started) {
        std::fprintf(stderr, "cannot start the listener\n");
        return 1;
    }
    runLoad("plinspect listener", listener->port(), connections, concurrency);
    ListenerStats stats;
    QMetaObject::invokeMethod(
        listener,
        [&] {
            stats = listener->stats();
            delete listener;
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    std::printf("%-28s %llu headers decoded, %llu garbage, %llu over limit\n", "",
                static_cast<unsigned long long>(stats.headers),
                static_cast<unsigned long long>(stats.garbage),
                static_cast<unsigned long long>(stats.overLimit));

    // The same load against HAProxy accept-proxy.
    QString haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"));
    if (haproxy.isEmpty())
        haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"),
                                                 {QStringLiteral("/usr/sbin")});
    if (haproxy.isEmpty()) {
        std::printf("haproxy not installed: no comparison\n");
        return 0;
    }
    QTemporaryDir dir;
    const quint16 port = freePort();
    const QString cfg = QStringLiteral("global\n    nbthread 1\n    maxconn 4096\n"
                                       "defaults\n    mode http\n    timeout connect 2s\n"
                                       "    timeout client 5s\n    timeout server 5s\n"
                                       "frontend fe\n    bind 127.0.0.1:%1 accept-proxy\n"
                                       "    http-request return status 200 content-type "
                                       "text/plain lf-string \"%[src] %[fc_pp_authority]\"\n")
                            .arg(port);
    QFile file(dir.filePath(QStringLiteral("haproxy.cfg")));
    if (!file.open(QIODevice::WriteOnly) || file.write(cfg.toUtf8()) < 0)
        return 1;
    file.close();
    QProcess process;
    process.start(haproxy, {QStringLiteral("-db"), QStringLiteral("-f"), file.fileName()});
    if (!process.waitForStarted() || !waitForPort(port)) {
        std::fprintf(stderr, "haproxy did not start\n");
        return 1;
    }
    runLoad("haproxy 2.6 accept-proxy", port, connections, concurrency);
    process.terminate();
    process.waitForFinished(3000);
    return 0;
}
