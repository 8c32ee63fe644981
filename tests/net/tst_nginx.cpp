// Against a real nginx 1.22 on 127.0.0.1, started by the test: an http
// listener and a stream listener with proxy_protocol return the address
// they decoded; a v2 header over 107 bytes is refused by the stream
// listener (nginx < 1.23.3), and our sender says so in plain words.

#include "net/sender.h"
#include "nettestutil.h"
#include "proxy/headerbuilder.h"
#include "proxy/tlvtypes.h"

#include <QDir>
#include <QTemporaryDir>

using namespace pl::net;
using namespace pl::proxy;

namespace {

HeaderSpec specFrom(const QString &source, quint16 port, Version version = Version::V2)
{
    HeaderSpec spec;
    spec.version = version;
    spec.sourceAddress = QHostAddress(source);
    spec.destinationAddress =
        QHostAddress(spec.sourceAddress.protocol() == QAbstractSocket::IPv6Protocol
                         ? QStringLiteral("2001:db8::15")
                         : QStringLiteral("10.0.0.15"));
    spec.family = spec.sourceAddress.protocol() == QAbstractSocket::IPv6Protocol ? Family::Inet6
                                                                                 : Family::Inet;
    spec.sourcePort = port;
    spec.destinationPort = 80;
    spec.crc = version == Version::V2 ? CrcMode::Auto : CrcMode::None;
    return spec;
}

} // namespace

class TestNginx : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void httpListenerEchoesAddress_data();
    void httpListenerEchoesAddress();
    void streamListenerEchoesAddress();
    void streamListenerRefusesOver107Bytes();

private:
    QTemporaryDir m_dir;
    nettest::Daemon m_nginx;
    quint16 m_httpPort = 0;
    quint16 m_streamPort = 0;
};

void TestNginx::initTestCase()
{
    const QString nginx = nettest::findBinary(QStringLiteral("nginx"));
    if (nginx.isEmpty())
        QSKIP("nginx is not installed (scripts/deps test installs nginx 1.22)");
    const QString streamModule = QStringLiteral("/usr/lib/nginx/modules/ngx_stream_module.so");
    if (!QFile::exists(streamModule))
        QSKIP("ngx_stream_module.so is missing (Debian package libnginx-mod-stream)");
    QVERIFY(m_dir.isValid());
    m_httpPort = nettest::freePort();
    m_streamPort = nettest::freePort();
    const QString prefix = m_dir.path() + QLatin1Char('/');
    // One process, no daemon: it runs as the test's user and dies with it.
    const QString conf =
        QStringLiteral("load_module %1;\n"
                       "daemon off;\n"
                       "master_process off;\n"
                       "pid %2nginx.pid;\n"
                       "error_log %2error.log info;\n"
                       "events { worker_connections 64; }\n"
                       "http {\n"
                       "    access_log off;\n"
                       "    client_body_temp_path %2body;\n"
                       "    proxy_temp_path %2proxy;\n"
                       "    fastcgi_temp_path %2fastcgi;\n"
                       "    uwsgi_temp_path %2uwsgi;\n"
                       "    scgi_temp_path %2scgi;\n"
                       "    server {\n"
                       "        listen 127.0.0.1:%3 proxy_protocol;\n"
                       "        location / { return 200 "
                       "\"$proxy_protocol_addr:$proxy_protocol_port\"; }\n"
                       "    }\n"
                       "}\n"
                       "stream {\n"
                       "    server {\n"
                       "        listen 127.0.0.1:%4 proxy_protocol;\n"
                       "        return \"$proxy_protocol_addr:$proxy_protocol_port\";\n"
                       "    }\n"
                       "}\n")
            .arg(streamModule, prefix)
            .arg(m_httpPort)
            .arg(m_streamPort);
    const QString confPath = m_dir.filePath(QStringLiteral("nginx.conf"));
    QVERIFY(nettest::writeFile(confPath, conf.toUtf8()));
    const QStringList args{QStringLiteral("-p"), prefix,
                           QStringLiteral("-e"), prefix + QStringLiteral("error.log"),
                           QStringLiteral("-c"), confPath};
    QByteArray log;
    QVERIFY2(nettest::run(nginx, QStringList{QStringLiteral("-t")} + args, &log), log.constData());
    QVERIFY(m_nginx.start(nginx, args));
    QVERIFY2(nettest::waitForPort(m_httpPort), m_nginx.output().constData());
    QVERIFY(m_nginx.running());
}

void TestNginx::cleanupTestCase()
{
    m_nginx.stop();
}

void TestNginx::httpListenerEchoesAddress_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("v1");
    QTest::newRow("v2 inet") << QStringLiteral("198.51.100.20") << false;
    QTest::newRow("v2 inet6") << QStringLiteral("2001:db8::20") << false;
    QTest::newRow("v1 inet") << QStringLiteral("198.51.100.21") << true;
}

void TestNginx::httpListenerEchoesAddress()
{
    QFETCH(QString, source);
    QFETCH(bool, v1);
    SendRequest request;
    request.host = QStringLiteral("127.0.0.1");
    request.port = m_httpPort;
    request.header = specFrom(source, 40123, v1 ? Version::V1 : Version::V2);
    request.payload = buildHttpRequest({"GET", "/", "nginx.example", {}, {}});
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.status, 200);
    QCOMPARE(QString::fromLatin1(result.body), source + QStringLiteral(":40123"));
}

void TestNginx::streamListenerEchoesAddress()
{
    SendRequest request;
    request.host = QStringLiteral("127.0.0.1");
    request.port = m_streamPort;
    HeaderSpec spec = specFrom(QStringLiteral("203.0.113.30"), 50505);
    spec.tlvs = {awsVpceIdTlv("vpce-08d2bf15fac5001c9")}; // still well under 107 bytes
    request.header = spec;
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.headerSent.size() <= 107);
    QCOMPARE(result.response, QByteArray("203.0.113.30:50505"));
}

void TestNginx::streamListenerRefusesOver107Bytes()
{
    SendRequest request;
    request.host = QStringLiteral("127.0.0.1");
    request.port = m_streamPort;
    HeaderSpec spec = specFrom(QStringLiteral("203.0.113.31"), 50506);
    spec.tlvs = {{tlv::Authority, QByteArray(100, 'a')}};
    request.header = spec;
    const SendResult result = nettest::sendAndWait(request);
    QVERIFY(result.headerSent.size() > 107);
    QCOMPARE(result.failure, SendFailure::ClosedAfterHeader);
    QVERIFY(result.response.isEmpty());
    QVERIFY2(result.message.contains(QStringLiteral("refused the header")) &&
                 result.message.contains(QStringLiteral("over 107 bytes")),
             qPrintable(result.message));
}

QTEST_GUILESS_MAIN(TestNginx)
#include "tst_nginx.moc"
