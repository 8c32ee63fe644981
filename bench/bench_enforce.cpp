// Connections per second through nginx 1.22 enforcing a policy with njs
// (the configuration `plinspect policy export --target nginx-njs` writes)
// against plain nginx with `listen ... proxy_protocol`, both proxying to the
// same upstream, in one run (issue 15). Two policies: one decided on the
// header alone, one that also reads the HTTP request line and Host.
//
//   bench_enforce [--connections N] [--concurrency C]

#include "enforce/enforcement.h"
#include "net/matrixrunner.h"
#include "policy/policydocument.h"
#include "proxy/headerbuilder.h"
#include "proxy/tlvtypes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <memory>

using namespace pl;
using namespace pl::net;
using namespace pl::proxy;

namespace {

constexpr char kHeaderPolicy[] = R"({"Version": "1", "Statement": [
  {"Sid": "OnlyOurEndpoint", "Effect": "Deny", "Action": "*", "Resource": "*",
   "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-08d2bf15fac5001c9"}}},
  {"Sid": "FromThePartner", "Effect": "Allow", "Action": "*", "Resource": "*",
   "Condition": {"IpAddress": {"pp:SourceIp": "203.0.113.0/24"}}}]})";

constexpr char kHttpPolicy[] = R"({"Version": "1", "Statement": [
  {"Sid": "AdminThroughEndpoint", "Effect": "Deny", "Action": "http:*", "Resource": "/admin*",
   "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-08d2bf15fac5001c9"}}},
  {"Sid": "OurSite", "Effect": "Allow", "Action": "http:GET", "Resource": "/*",
   "Condition": {"StringEquals": {"http:Host": "bench.example"}}}]})";

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

double runLoad(const char *label, quint16 port, int connections, int concurrency)
{
    MatrixRunner runner;
    bool done = false;
    QObject::connect(&runner, &MatrixRunner::finished, &runner, [&done] { done = true; });
    runner.start(rowsFor(port, connections), concurrency);
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    int ok = 0;
    for (const SendResult &r : runner.results())
        ok += r.ok() && r.status == 200;
    const double perSecond = connections * 1000.0 / double(std::max<qint64>(1, runner.elapsedMs()));
    std::printf("%-36s %6d connections, concurrency %3d: %6lld ms, %7.0f connections/s, "
                "%d failed\n",
                label, connections, concurrency, static_cast<long long>(runner.elapsedMs()),
                perSecond, connections - ok);
    std::fflush(stdout);
    return ok == connections ? perSecond : 0.0;
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

// One nginx (single process, one worker) from a configuration in dir.
std::unique_ptr<QProcess> startNginx(const QString &nginx, const QString &dir, quint16 port)
{
    auto p = std::make_unique<QProcess>();
    const QString prefix = dir + QLatin1Char('/');
    p->start(nginx, {QStringLiteral("-p"), prefix, QStringLiteral("-e"),
                     prefix + QStringLiteral("error.log"), QStringLiteral("-c"),
                     prefix + QStringLiteral("nginx.conf"), QStringLiteral("-g"),
                     QStringLiteral("pid %1nginx.pid; daemon off; master_process off; "
                                    "error_log %1error.log warn;")
                         .arg(prefix)});
    if (!p->waitForStarted(5000) || !waitForPort(port))
        return nullptr;
    return p;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("connections"), QStringLiteral("Connections per run."),
                        QStringLiteral("N"), QStringLiteral("10000")},
                       {QStringLiteral("concurrency"), QStringLiteral("In flight at once."),
                        QStringLiteral("C"), QStringLiteral("50")}});
    parser.process(app);
    const int connections = std::max(1, parser.value(QStringLiteral("connections")).toInt());
    const int concurrency = std::max(1, parser.value(QStringLiteral("concurrency")).toInt());
    QString nginx = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (nginx.isEmpty())
        nginx =
            QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
    if (nginx.isEmpty()) {
        std::fprintf(stderr, "nginx is not installed (scripts/deps test)\n");
        return 1;
    }
    const QByteArray modules = "load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n"
                               "events { worker_connections 4096; }\n";

    // The upstream both paths share: reads the PROXY header, answers 200.
    QTemporaryDir upDir;
    const quint16 upPort = freePort();
    writeFile(upDir.filePath(QStringLiteral("nginx.conf")),
              modules + "stream { server { listen 127.0.0.1:" + QByteArray::number(upPort) +
                  " proxy_protocol; return \"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n"
                  "Connection: close\\r\\n\\r\\nok\"; } }\n");
    const auto upstream = startNginx(nginx, upDir.path(), upPort);

    // Plain nginx: listen proxy_protocol, forward with a (v1) header.
    QTemporaryDir plainDir;
    const quint16 plainPort = freePort();
    writeFile(plainDir.filePath(QStringLiteral("nginx.conf")),
              modules + "stream { server { listen 127.0.0.1:" + QByteArray::number(plainPort) +
                  " proxy_protocol; proxy_protocol on; proxy_pass 127.0.0.1:" +
                  QByteArray::number(upPort) + "; } }\n");
    const auto plain = startNginx(nginx, plainDir.path(), plainPort);
    if (!upstream || !plain) {
        std::fprintf(stderr, "cannot start nginx\n");
        return 1;
    }
    const double base =
        runLoad("nginx proxy_protocol (plain)", plainPort, connections, concurrency);

    for (const auto &[label, json, httpOnly] :
         {std::tuple{"nginx + njs, header policy", kHeaderPolicy, false},
          std::tuple{"nginx + njs, HTTP policy", kHttpPolicy, true}}) {
        const policy::PolicyParse parse = policy::parsePolicy(QByteArray(json));
        enforce::EnforceOptions options;
        options.listenAddress = QStringLiteral("127.0.0.1");
        options.listenPort = freePort();
        options.upstreamPort = upPort;
        options.httpOnly = httpOnly;
        const enforce::EnforceResult result =
            enforce::generatorFor(u"nginx-njs")->generate(parse.document, options);
        if (!result.ok()) {
            std::fprintf(stderr, "policy refused\n");
            return 1;
        }
        QTemporaryDir dir;
        for (const enforce::GeneratedFile &f : result.files)
            writeFile(dir.filePath(f.name), f.content);
        const auto njs = startNginx(nginx, dir.path(), options.listenPort);
        if (!njs) {
            std::fprintf(stderr, "cannot start nginx with njs (libnginx-mod-stream-js)\n");
            return 1;
        }
        const double enforced = runLoad(label, options.listenPort, connections, concurrency);
        std::printf("%-36s ratio to plain: %.2f\n", "", base > 0 ? enforced / base : 0.0);
        njs->terminate();
        njs->waitForFinished(3000);
    }
    plain->terminate();
    plain->waitForFinished(3000);
    upstream->terminate();
    upstream->waitForFinished(3000);
    return 0;
}
