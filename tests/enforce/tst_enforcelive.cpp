// Issue 15, the proof: generate the enforcing configuration, start the real
// nginx 1.22 (+ njs 0.7.9) or HAProxy 2.6 with it on free ports in front of
// our listener, and run the policy's test cases plus 300 random requests
// derived from the policy through the backend check: zero mismatches. Then
// break the generated configuration on purpose (one ID or range swapped) and
// see the check fail.

#include "../net/nettestutil.h"
#include "enforcetestutil.h"
#include "net/backendcheck.h"
#include "net/listener.h"
#include "net/sender.h"
#include "policy/requestbuilder.h"
#include "proxy/header.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace pl;
using namespace enforcetest;

namespace {

const QString kStreamModule = QStringLiteral("/usr/lib/nginx/modules/ngx_stream_module.so");
const QString kNjsModule = QStringLiteral("/usr/lib/nginx/modules/ngx_stream_js_module.so");

QList<net::BackendCheckResult> runCheck(const policy::PolicyDocument &document,
                                        const QList<policy::TestCase> &cases, quint16 port)
{
    net::BackendCheck run(policy::PolicySet(document), cases, QStringLiteral("127.0.0.1"), port);
    QSignalSpy done(&run, &net::BackendCheck::finished);
    run.start();
    if (done.isEmpty() && !done.wait(600000))
        return {};
    return run.results();
}

QString mismatchReport(const QList<net::BackendCheckResult> &results)
{
    QStringList lines;
    for (const net::BackendCheckResult &r : results) {
        if (!r.match && lines.size() < 8)
            lines << QStringLiteral("%1: policy %2, backend %3 (%4) header %5")
                         .arg(r.name, QLatin1String(policy::decisionName(r.simulated)),
                              QLatin1String(net::backendAnswerName(r.answer)), r.observed,
                              QString::fromLatin1(r.headerSent.toHex()));
    }
    return lines.join(QLatin1Char('\n'));
}

int countMismatches(const QList<net::BackendCheckResult> &results)
{
    int n = 0;
    for (const net::BackendCheckResult &r : results)
        n += r.match ? 0 : 1;
    return n;
}

// The real server under test, started from the generated files.
class Server
{
public:
    bool start(const QString &target, const QString &dir, quint16 port, QByteArray *log)
    {
        if (target == QLatin1String("haproxy")) {
            const QString haproxy = nettest::findBinary(QStringLiteral("haproxy"));
            const QString cfg = dir + QStringLiteral("/haproxy.cfg");
            if (!nettest::run(haproxy, {QStringLiteral("-c"), QStringLiteral("-f"), cfg}, log))
                return false;
            m_daemon.start(haproxy, {QStringLiteral("-db"), QStringLiteral("-f"), cfg});
        } else {
            const QString nginx = nettest::findBinary(QStringLiteral("nginx"));
            const QString prefix = dir + QLatin1Char('/');
            const QStringList args{QStringLiteral("-p"),
                                   prefix,
                                   QStringLiteral("-e"),
                                   prefix + QStringLiteral("error.log"),
                                   QStringLiteral("-c"),
                                   prefix + QStringLiteral("nginx.conf"),
                                   QStringLiteral("-g"),
                                   QStringLiteral("pid %1nginx.pid; daemon off; master_process "
                                                  "off;")
                                       .arg(prefix)};
            if (!nettest::run(nginx, QStringList{QStringLiteral("-t")} + args, log))
                return false;
            m_daemon.start(nginx, args);
        }
        const bool up = nettest::waitForPort(port);
        if (!up && log)
            *log = m_daemon.output();
        return up;
    }
    void stop() { m_daemon.stop(); }

private:
    nettest::Daemon m_daemon;
};

bool writeFiles(const QString &dir, const enforce::EnforceResult &result)
{
    for (const enforce::GeneratedFile &f : result.files) {
        if (!nettest::writeFile(dir + QLatin1Char('/') + f.name, f.content))
            return false;
    }
    return true;
}

} // namespace

class TestEnforceLive : public QObject
{
    Q_OBJECT

private slots:
    void enforcesLikeTheSimulator_data();
    void enforcesLikeTheSimulator();
    void njsReadsHeadersAsTheDecoder();
};

void TestEnforceLive::enforcesLikeTheSimulator_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("policyPath");
    QTest::addColumn<QString>("casesPath");
    QTest::addColumn<bool>("httpOnly");   // --http-only, and only HTTP requests
    QTest::addColumn<int>("tcpRequests"); // random requests that may be tcp:Connect
    QTest::addColumn<QString>("brokenFile");
    QTest::addColumn<QString>("swapFrom");
    QTest::addColumn<QString>("swapTo");

    const QString js = QStringLiteral("plinspect-policy.js");
    QTest::newRow("nginx-njs, template login-only-through-endpoint")
        << "nginx-njs" << templatePath(QStringLiteral("login-only-through-endpoint.json"))
        << dataPath(QStringLiteral("login-only-through-endpoint.cases.json")) << true << 0 << js
        << "ep-bp1i288487e586152d4b"
        << "ep-bp1i288487e586152d4c";
    QTest::newRow("nginx-njs, template writes-only-from-vpc")
        << "nginx-njs" << templatePath(QStringLiteral("writes-only-from-vpc.json"))
        << dataPath(QStringLiteral("writes-only-from-vpc.cases.json")) << true << 0 << js
        << "vpc-bp179qeke0wzo1mr8bxhl"
        << "vpc-bp179qeke0wzo1mr8bxhm";
    QTest::newRow("nginx-njs, header keys (TCP and HTTP)")
        << "nginx-njs" << dataPath(QStringLiteral("header-keys.json"))
        << dataPath(QStringLiteral("header-keys.cases.json")) << false << 300 << js
        << "vpc-bp179qeke0wzo1mr8bxhl"
        << "vpc-bp179qeke0wzo1mr8bxhm";
    QTest::newRow("nginx-njs, 64-bit PSC IDs and numbers as text")
        << "nginx-njs" << dataPath(QStringLiteral("numeric-ids.json"))
        << dataPath(QStringLiteral("numeric-ids.cases.json")) << false << 300 << js
        << "18446744073709551615"
        << "18446744073709551614";
    QTest::newRow("nginx-njs, wildcards over non-ASCII authorities")
        << "nginx-njs" << dataPath(QStringLiteral("wildcards.json"))
        << dataPath(QStringLiteral("wildcards.cases.json")) << false << 100 << js << "?.example.com"
        << "??.example.com";
    QTest::newRow("nginx-njs, HTTP method, path and Host")
        << "nginx-njs" << dataPath(QStringLiteral("http-keys.json")) << QString() << false << 20
        << js << "ep-bp1i288487e586152d4b"
        << "ep-bp1i288487e586152d4c";
    QTest::newRow("nginx-njs, source address as text (IPv6 as Qt writes it)")
        << "nginx-njs" << dataPath(QStringLiteral("source-text.json")) << QString() << false << 0
        << js << "2001:db8::1:0:0:1"
        << "2001:db8::1:0:0:2";
    QTest::newRow("nginx-realip, address-only")
        << "nginx-realip" << dataPath(QStringLiteral("address-only.json")) << QString() << true << 0
        << "nginx.conf"
        << "10.0.0.0/8 1;"
        << "10.1.0.0/16 1;";
    QTest::newRow("haproxy, address-only")
        << "haproxy" << dataPath(QStringLiteral("address-only.json")) << QString() << false << 300
        << "haproxy.cfg"
        << "10.0.0.0/8"
        << "10.1.0.0/16";
    QTest::newRow("haproxy, IPv4 and IPv6 CIDRs apart (6to4, compatible, mapped, ::/0)")
        << "haproxy" << dataPath(QStringLiteral("address-families.json"))
        << dataPath(QStringLiteral("address-families.cases.json")) << false << 300 << "haproxy.cfg"
        << "10.0.0.0/8"
        << "10.1.0.0/16";
    // '?' is one character of a UTF-8 authority, not one byte.
    QTest::newRow("haproxy, wildcards over non-ASCII authorities")
        << "haproxy" << dataPath(QStringLiteral("wildcards.json"))
        << dataPath(QStringLiteral("wildcards.cases.json")) << false << 100 << "haproxy.cfg"
        << "api"
        << "apj";
    QTest::newRow("haproxy, addresses + authority + unique ID")
        << "haproxy" << dataPath(QStringLiteral("address-authority.json")) << QString() << false
        << 300 << "haproxy.cfg"
        << "api.example.com"
        << "api.example.org";
}

void TestEnforceLive::enforcesLikeTheSimulator()
{
    QFETCH(QString, target);
    QFETCH(QString, policyPath);
    QFETCH(QString, casesPath);
    QFETCH(bool, httpOnly);
    QFETCH(int, tcpRequests);
    QFETCH(QString, brokenFile);
    QFETCH(QString, swapFrom);
    QFETCH(QString, swapTo);

    if (target == QLatin1String("haproxy")) {
        if (nettest::findBinary(QStringLiteral("haproxy")).isEmpty())
            QSKIP("haproxy is not installed (scripts/deps test installs HAProxy 2.6)");
    } else {
        if (nettest::findBinary(QStringLiteral("nginx")).isEmpty())
            QSKIP("nginx is not installed (scripts/deps test installs nginx 1.22)");
        if (target == QLatin1String("nginx-njs") && !QFile::exists(kStreamModule))
            QSKIP("ngx_stream_module.so is missing (Debian package libnginx-mod-stream)");
        if (target == QLatin1String("nginx-njs") && !QFile::exists(kNjsModule))
            QSKIP("ngx_stream_js_module.so is missing (Debian package libnginx-mod-stream-js)");
    }

    // The upstream: our listener answers 200 for whatever is let through and
    // records the header it got (nginx-realip proxies plain HTTP).
    net::ListenerConfig upstreamConfig;
    upstreamConfig.udp = false;
    upstreamConfig.payloadWaitMs = 50;
    upstreamConfig.policy = target == QLatin1String("nginx-realip") ? net::HeaderPolicy::Optional
                                                                    : net::HeaderPolicy::RequireV2;
    net::Listener upstream;
    QVERIFY2(upstream.start(upstreamConfig), qPrintable(upstream.errorString()));
    QList<QByteArray> upstreamHeaders;
    connect(&upstream, &net::Listener::headerReceived, this,
            [&upstreamHeaders](const net::ListenerRecord &r) {
                upstreamHeaders << r.connection.headerBytes;
            });

    const policy::PolicyDocument document = loadPolicy(policyPath);
    QVERIFY(!document.statements.isEmpty());
    enforce::EnforceOptions options;
    options.listenAddress = QStringLiteral("127.0.0.1");
    options.listenPort = nettest::freePort();
    options.upstreamHost = QStringLiteral("127.0.0.1");
    options.upstreamPort = upstream.port();
    options.httpOnly = httpOnly;
    options.prereadTimeoutMs = 500;
    const auto generator = enforce::generatorFor(target);
    QVERIFY(generator);
    const enforce::EnforceResult result = generator->generate(document, options);
    QStringList refusals;
    for (const enforce::Refusal &r : result.refusals)
        refusals << r.text(document.name);
    QVERIFY2(result.ok(), qPrintable(refusals.join(QLatin1Char('\n'))));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFiles(dir.path(), result));

    QList<policy::TestCase> cases;
    if (!casesPath.isEmpty()) {
        cases = loadCases(casesPath);
        QVERIFY(!cases.isEmpty());
    }
    RandomRequests random(document, 15);
    cases += random.make(300, true);
    if (tcpRequests > 0)
        cases += random.make(tcpRequests, httpOnly);

    Server server;
    QByteArray log;
    QVERIFY2(server.start(target, dir.path(), options.listenPort, &log), log.constData());
    const QList<net::BackendCheckResult> results = runCheck(document, cases, options.listenPort);
    server.stop();
    QCOMPARE(results.size(), cases.size());
    int allowed = 0;
    int denied = 0;
    for (const net::BackendCheckResult &r : results)
        (r.simulated == policy::Decision::Allow ? allowed : denied) += 1;
    qInfo("%s: %lld requests (%d allowed, %d denied by the policy), %d mismatches",
          qPrintable(target), static_cast<long long>(results.size()), allowed, denied,
          countMismatches(results));
    QVERIFY2(countMismatches(results) == 0, qPrintable(mismatchReport(results)));
    // Both decisions occur, or zero mismatches would prove little.
    QVERIFY(allowed >= 30);
    QVERIFY(denied >= 30);
    if (target == QLatin1String("nginx-njs")) {
        // The upstream got the client's header byte for byte (TLVs included).
        for (const net::BackendCheckResult &r : results) {
            if (r.simulated == policy::Decision::Allow)
                QVERIFY2(upstreamHeaders.contains(r.headerSent), qPrintable(r.name));
        }
    }

    // Broken on purpose: one ID or range swapped in the generated file.
    const QString brokenPath = dir.filePath(brokenFile);
    QFile file(brokenPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray content = file.readAll();
    file.close();
    QVERIFY2(content.contains(swapFrom.toUtf8()), qPrintable(swapFrom));
    const qsizetype at = content.indexOf(swapFrom.toUtf8());
    content.replace(at, swapFrom.toUtf8().size(), swapTo.toUtf8());
    QVERIFY(nettest::writeFile(brokenPath, content));
    QVERIFY2(server.start(target, dir.path(), options.listenPort, &log), log.constData());
    const QList<net::BackendCheckResult> broken = runCheck(document, cases, options.listenPort);
    server.stop();
    QCOMPARE(broken.size(), cases.size());
    qInfo("%s broken (%s -> %s): %d mismatches", qPrintable(target), qPrintable(swapFrom),
          qPrintable(swapTo), countMismatches(broken));
    QVERIFY(countMismatches(broken) > 0);
}

void TestEnforceLive::njsReadsHeadersAsTheDecoder()
{
    // Raw headers the builder would not make: a TLV given twice (the first
    // counts: the decoder, nginx's lookup and HAProxy's fetches take it) and
    // v1 addresses with a leading zero (refused). nginx + njs decides each as
    // the simulator does on the decoded header.
    if (nettest::findBinary(QStringLiteral("nginx")).isEmpty() || !QFile::exists(kNjsModule) ||
        !QFile::exists(kStreamModule))
        QSKIP("nginx with the stream and njs modules is not installed (scripts/deps test)");
    net::ListenerConfig upstreamConfig;
    upstreamConfig.udp = false;
    upstreamConfig.payloadWaitMs = 50;
    upstreamConfig.policy = net::HeaderPolicy::Either;
    net::Listener upstream;
    QVERIFY2(upstream.start(upstreamConfig), qPrintable(upstream.errorString()));

    // Denies on an endpoint ID, an authority and an SSL version; else Allow.
    const policy::PolicyParse parse =
        policy::loadPolicy(dataPath(QStringLiteral("first-tlv.json")));
    QVERIFY(parse.ok());
    enforce::EnforceOptions options;
    options.listenAddress = QStringLiteral("127.0.0.1");
    options.listenPort = nettest::freePort();
    options.upstreamHost = QStringLiteral("127.0.0.1");
    options.upstreamPort = upstream.port();
    options.prereadTimeoutMs = 500;
    const enforce::EnforceResult result =
        enforce::generatorFor(u"nginx-njs")->generate(parse.document, options);
    QVERIFY(result.ok());
    QTemporaryDir dir;
    QVERIFY(writeFiles(dir.path(), result));
    Server server;
    QByteArray log;
    QVERIFY2(server.start(QStringLiteral("nginx-njs"), dir.path(), options.listenPort, &log),
             log.constData());

    const auto hex = [](const char *text) {
        return QByteArray::fromHex(text);
    };
    const auto tlv = [](int type, const QByteArray &value) -> QByteArray {
        return QByteArray(1, char(type)) + char(value.size() >> 8) + char(value.size() & 0xFF) +
               value;
    };
    const auto v2 = [&](const QByteArray &tlvs) -> QByteArray {
        const QByteArray body = hex("0a00000e0a00000fe6c20050") + tlvs;
        return hex("0d0a0d0a000d0a515549540a2111") + char(body.size() >> 8) +
               char(body.size() & 0xFF) + body;
    };
    const auto endpoint = [&](const char *id) -> QByteArray {
        return tlv(0xE1, "\x02" + QByteArray(id));
    };
    const QList<std::pair<QByteArray, bool>> vectors{
        {v2(endpoint("ep-bad") + endpoint("ep-good")), false},
        {v2(endpoint("ep-good") + endpoint("ep-bad")), true},
        {v2(tlv(0x02, "evil.example") + tlv(0x02, "ok.example")), false},
        {v2(tlv(0x02, "ok.example") + tlv(0x02, "evil.example")), true},
        {"PROXY TCP4 010.000.000.001 10.0.0.2 1234 80\r\n", false},
        {"PROXY TCP4 10.0.0.1 10.0.0.2 1234 80\r\n", true},
    };
    const policy::PolicySet set(parse.document);
    for (const auto &[header, allowed] : vectors) {
        const proxy::DecodeResult decoded = proxy::decode(
            proxy::ByteSpan(reinterpret_cast<const std::uint8_t *>(header.constData()),
                            static_cast<std::size_t>(header.size())));
        const bool simulated =
            decoded.ok() && set.evaluate(policy::requestFromConnection(decoded)).decision ==
                                policy::Decision::Allow;
        QCOMPARE(simulated, allowed);
        net::SendRequest request;
        request.host = QStringLiteral("127.0.0.1");
        request.port = options.listenPort;
        request.rawHeader = header;
        request.payload = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        request.timeoutMs = 3000;
        net::Sender sender;
        QSignalSpy done(&sender, &net::Sender::finished);
        sender.start(request);
        QVERIFY(!done.isEmpty() || done.wait(10000));
        const auto sent = done.first().first().value<net::SendResult>();
        const bool passed = sent.status >= 200 && sent.status < 400;
        QVERIFY2(passed == allowed,
                 qPrintable(QString::fromLatin1(header.toHex()) + ": " +
                            (sent.statusLine.isEmpty() ? sent.message : sent.statusLine)));
    }
    server.stop();
}

QTEST_GUILESS_MAIN(TestEnforceLive)
#include "tst_enforcelive.moc"
