// Our sender against our listener on 127.0.0.1: what arrives is recorded
// exactly, policies and limits hold, slow or hostile clients cannot hurt it,
// and 2,000 connections at concurrency 100 all come through.

#include "net/listener.h"
#include "net/matrixrunner.h"
#include "net/sender.h"
#include "nettestutil.h"
#include "proxy/headerbuilder.h"
#include "proxy/headertext.h"
#include "proxy/tlvtypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <QUdpSocket>

using namespace pl::net;
using namespace pl::proxy;

Q_DECLARE_METATYPE(pl::net::HeaderPolicy)
Q_DECLARE_METATYPE(pl::net::RecordOutcome)

namespace {

HeaderSpec inetSpec(Version version = Version::V2)
{
    HeaderSpec spec;
    spec.version = version;
    spec.sourceAddress = QHostAddress(QStringLiteral("203.0.113.7"));
    spec.destinationAddress = QHostAddress(QStringLiteral("10.0.0.15"));
    spec.sourcePort = 40000;
    spec.destinationPort = 443;
    spec.crc = version == Version::V2 ? CrcMode::Auto : CrcMode::None;
    return spec;
}

SendRequest requestTo(const Listener &listener, const HeaderSpec &spec)
{
    SendRequest r;
    r.host = QStringLiteral("127.0.0.1");
    r.port = listener.port();
    r.header = spec;
    r.timeoutMs = 3000;
    return r;
}

// Collects every record a listener emits.
struct Recorder
{
    explicit Recorder(Listener &listener)
    {
        QObject::connect(&listener, &Listener::connectionFinished, &listener,
                         [this](const ListenerRecord &r) { records.append(r); });
    }
    QList<ListenerRecord> records;
};

} // namespace

class TestListener : public QObject
{
    Q_OBJECT

private slots:
    void recordsWhatTheClientSent();
    void jsonSummaryOnRequest();
    void v1Header();
    void policies_data();
    void policies();
    void optionalPolicyWithoutHeader();
    void udpDatagram();
    void echoMode();
    void upstreamForwarding_data();
    void upstreamForwarding();
    void senderFailuresInPlainWords();
    void slowClientsTimeOut();
    void limits();
    void randomBytesNeverCrash();
    void load2000AtConcurrency100();
};

void TestListener::recordsWhatTheClientSent()
{
    Listener listener;
    QVERIFY(listener.start(ListenerConfig{}));
    Recorder rec(listener);
    HeaderSpec spec = inetSpec();
    spec.tlvs = {{tlv::Authority, "a.example"},
                 {tlv::UniqueId, "req-42"},
                 awsVpceIdTlv("vpce-08d2bf15fac5001c9")};
    SendRequest request = requestTo(listener, spec);
    request.payload = buildHttpRequest({"GET", "/login", "a.example", {"X-Test: 1"}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.status, 200);
    QVERIFY(result.connectMs >= 0 && result.firstByteMs >= result.connectMs &&
            result.totalMs >= result.firstByteMs);
    QVERIFY(result.body.contains("203.0.113.7:40000 -> 10.0.0.15:443"));
    QVERIFY(result.body.contains("authority: a.example"));
    QVERIFY(result.body.contains("vpce_id: vpce-08d2bf15fac5001c9"));

    QTRY_COMPARE(rec.records.size(), 1);
    const ListenerRecord &r = rec.records[0];
    QCOMPARE(r.outcome, RecordOutcome::Ok);
    QCOMPARE(r.connection.headerBytes, encodeHeader(spec));
    QCOMPARE(r.connection.client.port, result.localPort);
    QCOMPARE(r.connection.payload.text(), QStringLiteral("GET /login HTTP/1.1 Host: a.example"));
    const QJsonObject json = listenerRecordJson(r);
    const QJsonObject header = json[QStringLiteral("header")].toObject();
    QCOMPARE(header[QStringLiteral("src")].toString(), QStringLiteral("203.0.113.7:40000"));
    QCOMPARE(header[QStringLiteral("crc32c")].toString(), QStringLiteral("valid"));
    QCOMPARE(header[QStringLiteral("unique_id")].toString(), QStringLiteral("req-42"));
    QCOMPARE(json[QStringLiteral("client")].toString(),
             QStringLiteral("127.0.0.1:%1").arg(result.localPort));
    QVERIFY(!json.contains(QStringLiteral("error")));
    // The capture record's fields, written by the captures' writer: the
    // same header object (plus its hex), the end, last time and findings;
    // no frame fields (nothing was captured); the listener's own counts.
    QCOMPARE(json[QStringLiteral("header")].toObject().value(QStringLiteral("hex")).toString(),
             QString::fromLatin1(encodeHeader(spec).toHex()));
    QCOMPARE(json[QStringLiteral("end")].toString(), QStringLiteral("fin"));
    QCOMPARE(json[QStringLiteral("findings")].toArray().size(), 0);
    QCOMPARE(json[QStringLiteral("transport")].toString(), QStringLiteral("tcp"));
    QVERIFY(!json.contains(QStringLiteral("frame")) &&
            !json.contains(QStringLiteral("first_frame")) &&
            !json.contains(QStringLiteral("header_frame")));
    QVERIFY(json[QStringLiteral("last_time")].toString() >=
            json[QStringLiteral("time")].toString());
    QCOMPARE(json[QStringLiteral("client_bytes")].toInteger(), qint64(r.bytesIn));
    QVERIFY(r.bytesIn > quint64(r.connection.headerBytes.size()));
    QCOMPARE(json[QStringLiteral("response")].toString(), QStringLiteral("http 200"));
    QCOMPARE(r.connection.responseStatus, std::uint16_t(200));
    QCOMPARE(json[QStringLiteral("payload")].toString(),
             QStringLiteral("GET /login HTTP/1.1 Host: a.example"));
    QCOMPARE(listener.stats().headers, 1u);
}

void TestListener::jsonSummaryOnRequest()
{
    Listener listener;
    QVERIFY(listener.start(ListenerConfig{}));
    SendRequest request = requestTo(listener, inetSpec());
    request.payload = buildHttpRequest({"GET", "/", "b.example", {"Accept: application/json"}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    const QJsonObject json = QJsonDocument::fromJson(result.body).object();
    QCOMPARE(json[QStringLiteral("header")][QStringLiteral("dst")].toString(),
             QStringLiteral("10.0.0.15:443"));
    QCOMPARE(json[QStringLiteral("payload")].toString(),
             QStringLiteral("GET / HTTP/1.1 Host: b.example"));
}

void TestListener::v1Header()
{
    ListenerConfig config;
    config.policy = HeaderPolicy::RequireV1;
    Listener listener;
    QVERIFY(listener.start(config));
    Recorder rec(listener);
    SendRequest request = requestTo(listener, inetSpec(Version::V1));
    request.payload = buildHttpRequest({"GET", "/", "c.example", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QCOMPARE(result.status, 200);
    QTRY_COMPARE(rec.records.size(), 1);
    QCOMPARE(rec.records[0].connection.headerBytes,
             QByteArray("PROXY TCP4 203.0.113.7 10.0.0.15 40000 443\r\n"));
}

void TestListener::policies_data()
{
    QTest::addColumn<HeaderPolicy>("policy");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<RecordOutcome>("outcome");
    QTest::addColumn<int>("status");
    const QByteArray v2 = encodeHeader(inetSpec());
    const QByteArray v1 = encodeHeader(inetSpec(Version::V1));
    HeaderSpec wrongCrc = inetSpec();
    wrongCrc.crc = CrcMode::Wrong;
    HeaderSpec badFamily = inetSpec();
    badFamily.fault = Fault::BadFamily;
    QTest::newRow("v2 under v2") << HeaderPolicy::RequireV2 << v2 << RecordOutcome::Ok << 200;
    QTest::newRow("v1 under v2") << HeaderPolicy::RequireV2 << v1 << RecordOutcome::PolicyMismatch
                                 << 400;
    QTest::newRow("v2 under v1") << HeaderPolicy::RequireV1 << v2 << RecordOutcome::PolicyMismatch
                                 << 400;
    QTest::newRow("none under either")
        << HeaderPolicy::Either << QByteArray() << RecordOutcome::MissingHeader << 400;
    QTest::newRow("wrong crc") << HeaderPolicy::Either << encodeHeader(wrongCrc)
                               << RecordOutcome::InvalidHeader << 400;
    QTest::newRow("bad family") << HeaderPolicy::Either << encodeHeader(badFamily)
                                << RecordOutcome::InvalidHeader << 400;
}

void TestListener::policies()
{
    QFETCH(HeaderPolicy, policy);
    QFETCH(QByteArray, header);
    QFETCH(RecordOutcome, outcome);
    QFETCH(int, status);
    ListenerConfig config;
    config.policy = policy;
    Listener listener;
    QVERIFY(listener.start(config));
    Recorder rec(listener);
    SendRequest request = requestTo(listener, inetSpec());
    request.header.reset();
    request.rawHeader = header;
    request.payload = buildHttpRequest({"GET", "/", "d.example", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QCOMPARE(result.status, status);
    QTRY_COMPARE(rec.records.size(), 1);
    QCOMPARE(rec.records[0].outcome, outcome);
    // The record holds the status the client read (the capture's field).
    QCOMPARE(int(rec.records[0].connection.responseStatus), status);
    if (outcome != RecordOutcome::Ok) {
        QVERIFY(!rec.records[0].message.isEmpty());
        // The 400 tells the client why, in words.
        QVERIFY2(result.body.startsWith(rec.records[0].message.toUtf8()), result.body.constData());
        QVERIFY(listenerRecordJson(rec.records[0]).contains(QStringLiteral("error")));
    }
}

void TestListener::optionalPolicyWithoutHeader()
{
    ListenerConfig config;
    config.policy = HeaderPolicy::Optional;
    Listener listener;
    QVERIFY(listener.start(config));
    Recorder rec(listener);
    SendRequest request = requestTo(listener, inetSpec());
    request.header.reset();
    request.payload = buildHttpRequest({"GET", "/health", "e.example", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QCOMPARE(result.status, 200);
    QVERIFY(result.body.contains("header: none"));
    QTRY_COMPARE(rec.records.size(), 1);
    QCOMPARE(rec.records[0].outcome, RecordOutcome::Ok);
    QVERIFY(!rec.records[0].connection.headerPresent);
    const QJsonObject json = listenerRecordJson(rec.records[0]);
    QVERIFY(json[QStringLiteral("header")].isNull());
    // As a capture of it would say: the client sent no PROXY header.
    const QJsonArray findings = json[QStringLiteral("findings")].toArray();
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings[0][QStringLiteral("code")].toString(), QStringLiteral("header_missing"));
    QCOMPARE(listener.stats().withoutHeader, 1u);
}

void TestListener::udpDatagram()
{
    ListenerConfig config;
    config.respond = ResponseMode::Echo;
    Listener listener;
    QVERIFY(listener.start(config));
    Recorder rec(listener);
    HeaderSpec spec = inetSpec();
    spec.transport = Transport::Dgram;
    SendRequest request = requestTo(listener, spec);
    request.udp = true;
    request.payload = "dns-ish payload";
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.response, QByteArray("dns-ish payload"));
    QTRY_COMPARE(rec.records.size(), 1);
    QVERIFY(rec.records[0].connection.transport == pl::capture::TransportProtocol::Udp);
    QCOMPARE(rec.records[0].decodeHeader().header.transport, Transport::Dgram);
    const QJsonObject json = listenerRecordJson(rec.records[0]);
    QCOMPARE(json[QStringLiteral("transport")].toString(), QStringLiteral("udp"));
    QVERIFY(json[QStringLiteral("end")].isNull()); // a datagram has no connection end
    QCOMPARE(json[QStringLiteral("response")].toString(), QStringLiteral("echo"));
}

void TestListener::echoMode()
{
    ListenerConfig config;
    config.respond = ResponseMode::Echo;
    Listener listener;
    QVERIFY(listener.start(config));
    SendRequest request = requestTo(listener, inetSpec());
    request.payload = QByteArray::fromHex("00010203fffe");
    request.quietMs = 200;
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.response, request.payload);
}

void TestListener::upstreamForwarding_data()
{
    QTest::addColumn<bool>("passHeader");
    QTest::newRow("strip") << false;
    QTest::newRow("pass") << true;
}

void TestListener::upstreamForwarding()
{
    QFETCH(bool, passHeader);
    // front (reads the header) -> back (optional policy: shows what it got)
    ListenerConfig backConfig;
    backConfig.policy = HeaderPolicy::Optional;
    Listener back;
    QVERIFY(back.start(backConfig));
    Recorder backRec(back);
    ListenerConfig frontConfig;
    frontConfig.upstreamHost = QStringLiteral("127.0.0.1");
    frontConfig.upstreamPort = back.port();
    frontConfig.upstreamPassHeader = passHeader;
    Listener front;
    QVERIFY(front.start(frontConfig));
    Recorder frontRec(front);

    SendRequest request = requestTo(front, inetSpec());
    request.payload = buildHttpRequest({"GET", "/via", "f.example", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.status, 200); // the back end's answer, relayed
    QVERIFY(result.body.contains(passHeader ? "203.0.113.7:40000" : "header: none"));
    QTRY_COMPARE(backRec.records.size(), 1);
    QCOMPARE(backRec.records[0].connection.headerPresent, passHeader);
    QCOMPARE(backRec.records[0].connection.payload.text(),
             QStringLiteral("GET /via HTTP/1.1 Host: f.example"));
    QTRY_COMPARE(frontRec.records.size(), 1);
    QVERIFY(frontRec.records[0].action.startsWith(QStringLiteral("upstream")));
    QCOMPARE(frontRec.records[0].outcome, RecordOutcome::Ok);
}

void TestListener::senderFailuresInPlainWords()
{
    // Refused: nothing listens.
    SendRequest refused;
    refused.host = QStringLiteral("127.0.0.1");
    refused.port = nettest::freePort();
    refused.header = inetSpec();
    refused.timeoutMs = 2000;
    SendResult r = nettest::sendAndWait(refused);
    QCOMPARE(r.failure, SendFailure::Refused);
    QVERIFY(r.message.contains(QStringLiteral("refused")));

    // Closed right after the header: a v1-only listener that just closes.
    ListenerConfig config;
    config.policy = HeaderPolicy::RequireV1;
    config.respond = ResponseMode::Close;
    Listener listener;
    QVERIFY(listener.start(config));
    r = nettest::sendAndWait(requestTo(listener, inetSpec()));
    QCOMPARE(r.failure, SendFailure::ClosedAfterHeader);
    QVERIFY2(r.message.contains(QStringLiteral("right after the 35-byte PROXY header")),
             qPrintable(r.message));

    // Timeout: a server that accepts and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    SendRequest quiet = refused;
    quiet.port = silent.serverPort();
    quiet.timeoutMs = 300;
    r = nettest::sendAndWait(quiet);
    QCOMPARE(r.failure, SendFailure::Timeout);
    QVERIFY2(r.message.contains(QStringLiteral("no answer within 300 ms")), qPrintable(r.message));
    QVERIFY(sendResultJson(r)[QStringLiteral("error")][QStringLiteral("code")] ==
            QStringLiteral("timeout"));
}

void TestListener::slowClientsTimeOut()
{
    ListenerConfig config;
    config.headerTimeoutMs = 300;
    Listener listener;
    QVERIFY(listener.start(config));
    Recorder rec(listener);
    // One sends half a signature, one sends nothing, one trickles a byte at
    // a time: all are cut at the header timeout.
    QTcpSocket half, silent, trickle;
    for (QTcpSocket *s : {&half, &silent, &trickle}) {
        s->connectToHost(QHostAddress::LocalHost, listener.port());
        QVERIFY(s->waitForConnected(2000));
    }
    half.write(QByteArray(reinterpret_cast<const char *>(kV2Signature.data()), 6));
    const QByteArray header = encodeHeader(inetSpec());
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 8; ++i) {
        trickle.write(header.mid(i, 1));
        QTest::qWait(60);
    }
    QTRY_COMPARE_WITH_TIMEOUT(rec.records.size(), 3, 3000);
    QVERIFY(clock.elapsed() < 2000);
    for (const ListenerRecord &r : rec.records)
        QCOMPARE(r.outcome, RecordOutcome::HeaderTimeout);
    QCOMPARE(listener.stats().timedOut, 3u);
    QCOMPARE(listener.stats().active, 0u);
    QTRY_COMPARE(half.state(), QAbstractSocket::UnconnectedState);
}

void TestListener::limits()
{
    ListenerConfig config;
    config.maxConnections = 5;
    config.maxHeaderBytes = 64;
    Listener listener;
    QVERIFY(listener.start(config));
    Recorder rec(listener);
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 8; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, listener.port());
        QVERIFY(idle.back()->waitForConnected(2000));
    }
    QTRY_COMPARE(rec.records.size(), 3);
    for (const ListenerRecord &r : rec.records)
        QCOMPARE(r.outcome, RecordOutcome::TooManyConnections);
    QTRY_COMPARE(listener.stats().active, 5u);
    idle.clear();
    QTRY_COMPARE(listener.stats().active, 0u);

    // A v2 header announcing more than the limit is refused at once.
    rec.records.clear();
    HeaderSpec big = inetSpec();
    big.tlvs = {{tlv::Noop, QByteArray(200, '\0')}};
    const SendResult r = nettest::sendAndWait(requestTo(listener, big));
    QCOMPARE(r.status, 400);
    QTRY_COMPARE(rec.records.size(), 1);
    QCOMPARE(rec.records[0].outcome, RecordOutcome::HeaderTooLarge);
    QVERIFY(rec.records[0].durationMs < 1000);
}

void TestListener::randomBytesNeverCrash()
{
    ListenerConfig config;
    config.headerTimeoutMs = 500;
    config.payloadWaitMs = 50;
    Listener listener;
    QVERIFY(listener.start(config));
    auto *rng = QRandomGenerator::global();
    const QByteArray valid = encodeHeader(inetSpec());
    constexpr int kClients = 300;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < kClients; ++i) {
        QByteArray bytes;
        switch (i % 4) {
        case 0: // pure noise
            bytes.resize(1 + rng->bounded(600));
            break;
        case 1: // signature then noise
            bytes = valid.left(12);
            bytes.resize(12 + rng->bounded(300));
            break;
        case 2: // a valid header with random bytes flipped
            bytes = valid;
            break;
        case 3: // "PROXY " then noise
            bytes = "PROXY ";
            bytes.resize(6 + rng->bounded(200));
            break;
        }
        for (qsizetype k = (i % 4 == 2 ? 0 : (i % 4 == 0 ? 0 : 12)); k < bytes.size(); ++k)
            if (i % 4 != 2 || rng->bounded(8) == 0)
                bytes[k] = char(rng->bounded(256));
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, listener.port());
        s->write(bytes);
        if (i % 5 == 0) // some vanish mid-way
            QTimer::singleShot(rng->bounded(50), s.get(), [p = s.get()] { p->abort(); });
        sockets.push_back(std::move(s));
    }
    // Clients aborted before their connect went out never reach the listener;
    // every one that did is accounted for.
    QTRY_VERIFY_WITH_TIMEOUT(listener.stats().accepted >= quint64(kClients * 4 / 5), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(listener.stats().active == 0 &&
                                 listener.stats().finished == listener.stats().accepted,
                             10000);
    const ListenerStats s = listener.stats();
    QCOMPARE(s.garbage + s.truncated + s.noData + s.headers + s.overLimit, s.accepted);
    QVERIFY(s.garbage > 0);
    // Still serving afterwards.
    const SendResult after = nettest::sendAndWait(requestTo(listener, inetSpec()));
    QCOMPARE(after.status, 200);
}

void TestListener::load2000AtConcurrency100()
{
    ListenerConfig config;
    config.maxConnections = 200;
    Listener listener;
    QVERIFY(listener.start(config));
    QList<MatrixRow> rows;
    constexpr int kConnections = 2000;
    for (int i = 0; i < kConnections; ++i) {
        HeaderSpec spec = inetSpec();
        spec.sourcePort = static_cast<quint16>(10000 + i);
        spec.tlvs = {{tlv::UniqueId, QByteArray::number(i)}};
        SendRequest request = requestTo(listener, spec);
        request.payload = buildHttpRequest({"GET", "/load", "load.example", {}, {}});
        request.timeoutMs = 10000;
        rows.append({QString::number(i), request});
    }
    QSet<quint16> sourcePortsSeen;
    connect(&listener, &Listener::connectionFinished, this, [&](const ListenerRecord &r) {
        sourcePortsSeen.insert(r.decodeHeader().header.source.port);
    });
    MatrixRunner runner;
    QSignalSpy done(&runner, &MatrixRunner::finished);
    runner.start(rows, 100);
    QVERIFY(done.wait(60000));
    int ok = 0;
    for (const SendResult &r : runner.results())
        ok += r.ok() && r.status == 200;
    QCOMPARE(ok, kConnections);
    QTRY_COMPARE(listener.stats().headers, quint64(kConnections));
    QCOMPARE(sourcePortsSeen.size(), kConnections);
    QCOMPARE(listener.stats().overLimit, 0u);
    qInfo("%d connections at concurrency 100 in %lld ms: %.0f connections/s", kConnections,
          runner.elapsedMs(),
          kConnections * 1000.0 / double(std::max<qint64>(1, runner.elapsedMs())));
}

QTEST_GUILESS_MAIN(TestListener)
#include "tst_listener.moc"
