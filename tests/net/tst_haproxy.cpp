// Against a real HAProxy 2.6 on 127.0.0.1, started by the test:
// - HAProxy as the sender (TLS frontend, send-proxy-v2 with crc32c,
//   unique-id, authority, ssl, cert-cn) in front of our listener: the record
//   equals what HAProxy sent; its health checks arrive as LOCAL.
// - HAProxy as the receiver (accept-proxy, an http-request return echoing
//   what it decoded) behind our sender: equal for v1 and v2, and the headers
//   HAProxy must refuse are refused.

#include "net/listener.h"
#include "net/sender.h"
#include "nettestutil.h"
#include "proxy/headerbuilder.h"
#include "proxy/headertext.h"
#include "proxy/tlvtypes.h"
#include "testpki.h"

#include <QSslSocket>
#include <QTemporaryDir>

using namespace pl::net;
using namespace pl::proxy;

namespace {

QByteArray text(ByteSpan bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

struct Records
{
    explicit Records(Listener &listener)
    {
        QObject::connect(&listener, &Listener::connectionFinished, &listener,
                         [this](const ListenerRecord &r) { list.append(r); });
    }
    QList<ListenerRecord> list;
};

} // namespace

class TestHaproxy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listenerSeesWhatHaproxySends();
    void healthCheckArrivesAsLocal();
    void haproxyEchoesWhatWeSend_data();
    void haproxyEchoesWhatWeSend();
    void haproxyRefusesBadHeaders_data();
    void haproxyRefusesBadHeaders();

private:
    QTemporaryDir m_dir;
    nettest::TestPki m_pki;
    nettest::Daemon m_haproxy;
    Listener m_backend;       // behind the TLS frontend
    Listener m_checked;       // the health-checked server
    quint16 m_tlsPort = 0;    // HAProxy TLS frontend -> m_backend with send-proxy-v2
    quint16 m_acceptPort = 0; // HAProxy accept-proxy frontend with the echo
};

void TestHaproxy::initTestCase()
{
    const QString haproxy = nettest::findBinary(QStringLiteral("haproxy"));
    if (haproxy.isEmpty())
        QSKIP("haproxy is not installed (scripts/deps test installs HAProxy 2.6)");
    if (nettest::findBinary(QStringLiteral("openssl")).isEmpty())
        QSKIP("openssl is not installed (needed to make the test CA)");
    QVERIFY(QSslSocket::supportsSsl());
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.make(m_dir.path(), QStringLiteral("proxy.test"), QStringLiteral("test-client")),
             qPrintable(m_pki.error));

    QVERIFY(m_backend.start(ListenerConfig{}));
    QVERIFY(m_checked.start(ListenerConfig{}));
    m_tlsPort = nettest::freePort();
    m_acceptPort = nettest::freePort();
    const QString cfg =
        QStringLiteral("global\n"
                       "    nbthread 1\n"
                       "defaults\n"
                       "    mode http\n"
                       "    timeout connect 2s\n"
                       "    timeout client 5s\n"
                       "    timeout server 5s\n"
                       "frontend fe_tls\n"
                       "    bind 127.0.0.1:%1 ssl crt %3 ca-file %4 verify optional\n"
                       "    unique-id-format pl-%[src_port]\n"
                       "    default_backend be_listener\n"
                       "backend be_listener\n"
                       "    server listener 127.0.0.1:%5 send-proxy-v2 proxy-v2-options "
                       "crc32c,unique-id,authority,ssl,cert-cn\n"
                       "backend be_checked\n"
                       "    server checked 127.0.0.1:%6 send-proxy-v2 check inter 200ms\n"
                       "frontend fe_accept\n"
                       "    bind 127.0.0.1:%2 accept-proxy\n"
                       "    http-request return status 200 content-type text/plain lf-string "
                       "\"%[src] %[src_port] %[fc_pp_authority] %[fc_pp_unique_id]\"\n")
            .arg(m_tlsPort)
            .arg(m_acceptPort)
            .arg(m_pki.serverPem, m_pki.caCert)
            .arg(m_backend.port())
            .arg(m_checked.port());
    const QString cfgPath = m_dir.filePath(QStringLiteral("haproxy.cfg"));
    QVERIFY(nettest::writeFile(cfgPath, cfg.toUtf8()));
    QByteArray log;
    QVERIFY2(nettest::run(haproxy, {QStringLiteral("-c"), QStringLiteral("-f"), cfgPath}, &log),
             log.constData());
    QVERIFY(m_haproxy.start(haproxy, {QStringLiteral("-db"), QStringLiteral("-f"), cfgPath}));
    QVERIFY2(nettest::waitForPort(m_acceptPort), m_haproxy.output().constData());
    QVERIFY(m_haproxy.running());
}

void TestHaproxy::cleanupTestCase()
{
    m_haproxy.stop();
}

void TestHaproxy::listenerSeesWhatHaproxySends()
{
    Records records(m_backend);
    SendRequest request;
    request.host = QStringLiteral("127.0.0.1");
    request.port = m_tlsPort;
    request.tls.enabled = true;
    request.tls.serverName = QStringLiteral("proxy.test");
    request.tls.caCertificates = QSslCertificate::fromPath(m_pki.caCert);
    request.tls.clientCertificate = QSslCertificate::fromPath(m_pki.clientCert).value(0);
    QFile keyFile(m_pki.clientKey);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    request.tls.clientKey = QSslKey(keyFile.readAll(), QSsl::Ec);
    QVERIFY(!request.tls.clientKey.isNull());
    request.payload = buildHttpRequest({"GET", "/through-haproxy", "proxy.test", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.status, 200); // our listener's answer, relayed by HAProxy
    QVERIFY(result.tlsMs >= result.connectMs);

    QTRY_COMPARE(records.list.size(), 1);
    const ListenerRecord &r = records.list[0];
    QCOMPARE(r.outcome, RecordOutcome::Ok);
    const DecodeResult d = r.decodeHeader();
    QVERIFY2(d.ok(), qPrintable(errorMessage(d.error)));
    const ProxyHeader &h = d.header;
    QCOMPARE(h.version, Version::V2);
    QCOMPARE(h.command, Command::Proxy);
    QCOMPARE(h.family, Family::Inet);
    // HAProxy's client is our sender: its address and port, and the frontend's.
    QCOMPARE(endpointText(h, h.source), QStringLiteral("127.0.0.1:%1").arg(result.localPort));
    QCOMPARE(endpointText(h, h.destination), QStringLiteral("127.0.0.1:%1").arg(m_tlsPort));
    QCOMPARE(h.crcState, CrcState::Valid);
    QVERIFY(h.hasUniqueId);
    QCOMPARE(text(h.uniqueId), "pl-" + QByteArray::number(result.localPort));
    QVERIFY(h.hasAuthority);
    QCOMPARE(text(h.authority), QByteArray("proxy.test"));
    QVERIFY(h.ssl.present);
    QVERIFY(h.ssl.client & 0x01); // SSL
    QVERIFY(h.ssl.client & 0x06); // a client certificate was presented
    QCOMPARE(h.ssl.verify, 0u);   // and verified against the test CA
    QCOMPARE(text(h.ssl.cn), QByteArray("test-client"));
    QVERIFY(h.ssl.certificateVerified());
    QCOMPARE(r.connection.payload.text().left(27), QStringLiteral("GET /through-haproxy HTTP/1"));
}

void TestHaproxy::healthCheckArrivesAsLocal()
{
    Records records(m_checked);
    QTRY_VERIFY_WITH_TIMEOUT(!records.list.isEmpty(), 5000);
    const ListenerRecord &r = records.list[0];
    QCOMPARE(r.outcome, RecordOutcome::Ok);
    const DecodeResult d = r.decodeHeader();
    QVERIFY2(d.ok(), qPrintable(errorMessage(d.error)));
    QCOMPARE(d.header.version, Version::V2);
    QCOMPARE(d.header.command, Command::Local);
    QVERIFY(r.connection.payload.isEmpty()); // a TCP check: header, then close
}

void TestHaproxy::haproxyEchoesWhatWeSend_data()
{
    QTest::addColumn<bool>("v1");
    QTest::newRow("v2") << false;
    QTest::newRow("v1") << true;
}

void TestHaproxy::haproxyEchoesWhatWeSend()
{
    QFETCH(bool, v1);
    HeaderSpec spec;
    spec.version = v1 ? Version::V1 : Version::V2;
    spec.sourceAddress = QHostAddress(QStringLiteral("198.51.100.9"));
    spec.destinationAddress = QHostAddress(QStringLiteral("10.0.0.15"));
    spec.sourcePort = v1 ? 51001 : 51000;
    spec.destinationPort = 80;
    if (!v1) {
        spec.crc = CrcMode::Auto;
        spec.tlvs = {{tlv::Authority, "auth.example"}, {tlv::UniqueId, "uid-123"}};
    }
    SendRequest request;
    request.host = QStringLiteral("127.0.0.1");
    request.port = m_acceptPort;
    request.header = spec;
    request.payload = buildHttpRequest({"GET", "/", "echo.example", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.status, 200);
    const QList<QByteArray> fields = result.body.trimmed().split(' ');
    QVERIFY2(fields.size() >= 2, result.body.constData());
    QCOMPARE(fields[0], QByteArray("198.51.100.9"));
    QCOMPARE(fields[1], QByteArray::number(spec.sourcePort));
    if (!v1) {
        QCOMPARE(fields.value(2), QByteArray("auth.example"));
        QCOMPARE(fields.value(3), QByteArray("uid-123"));
    }
}

void TestHaproxy::haproxyRefusesBadHeaders_data()
{
    QTest::addColumn<QByteArray>("header");
    HeaderSpec base;
    base.sourceAddress = QHostAddress(QStringLiteral("198.51.100.9"));
    base.destinationAddress = QHostAddress(QStringLiteral("10.0.0.15"));
    base.sourcePort = 51000;
    base.destinationPort = 80;
    base.crc = CrcMode::Auto;
    HeaderSpec wrongCrc = base;
    wrongCrc.crc = CrcMode::Wrong;
    HeaderSpec longId = base;
    longId.tlvs = {{tlv::UniqueId, QByteArray(129, 'u')}};
    HeaderSpec pastEnd = base;
    pastEnd.crc = CrcMode::None;
    pastEnd.tlvs = {{tlv::Authority, "auth.example"}};
    pastEnd.fault = Fault::BadLength; // the TLV runs one byte past the declared end
    QTest::newRow("wrong crc") << encodeHeader(wrongCrc);
    QTest::newRow("unique id of 129 bytes") << encodeHeader(longId);
    QTest::newRow("tlv past the end") << encodeHeader(pastEnd);
}

void TestHaproxy::haproxyRefusesBadHeaders()
{
    QFETCH(QByteArray, header);
    SendRequest request;
    request.host = QStringLiteral("127.0.0.1");
    request.port = m_acceptPort;
    request.rawHeader = header;
    request.payload = buildHttpRequest({"GET", "/", "echo.example", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QCOMPARE(result.status, -1);
    QCOMPARE(result.failure, SendFailure::ClosedAfterHeader);
    QVERIFY2(result.message.contains(QStringLiteral("refused the header")),
             qPrintable(result.message));
}

QTEST_GUILESS_MAIN(TestHaproxy)
#include "tst_haproxy.moc"
