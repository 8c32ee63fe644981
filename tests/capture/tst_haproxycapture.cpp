// HAProxy 2.6 as a real sender: TLS frontend with a client certificate,
// backend send-proxy-v2 with crc32c, unique-id, authority, ssl, cert-cn, in
// front of a receiver in this test. tcpdump (pcap) and dumpcap (pcapng)
// capture the backend leg on loopback; the decoded capture must say exactly
// what HAProxy sent.

#include "capture/captureengine.h"
#include "proxy/headertext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace pl::capture;

namespace {

QString text(pl::proxy::ByteSpan b)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(b.data()),
                             static_cast<qsizetype>(b.size()));
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool run(const QString &program, const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestHaproxyCapture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void capturedHeaderEqualsWhatHaproxySent_data();
    void capturedHeaderEqualsWhatHaproxySent();
    void cleanupTestCase();

private:
    bool makeCertificates();
    bool startHaproxy();

    QTemporaryDir m_dir;
    QString m_openssl;
    QString m_haproxy;
    QProcess m_haproxyProcess;
    QTcpServer m_receiver;
    quint16 m_frontendPort = 0;
    QByteArray m_received; // what the receiver got on its latest connection
};

void TestHaproxyCapture::initTestCase()
{
    m_haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"));
    m_openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (m_haproxy.isEmpty())
        QSKIP("haproxy is not installed (scripts/deps test installs it)");
    if (m_openssl.isEmpty())
        QSKIP("openssl is not installed (scripts/deps test installs it)");
    QVERIFY(m_dir.isValid());
    QVERIFY2(makeCertificates(), "openssl could not make the test CA and certificates");

    // The receiver answers one HTTP request per connection, then closes.
    QVERIFY(m_receiver.listen(QHostAddress::LocalHost, 0));
    connect(&m_receiver, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_receiver.nextPendingConnection()) {
            m_received.clear();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_received += socket->readAll();
                if (m_received.contains("\r\n\r\n")) {
                    socket->write(
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                    socket->disconnectFromHost();
                }
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    QVERIFY2(startHaproxy(), "haproxy did not start");
}

bool TestHaproxyCapture::makeCertificates()
{
    const QString dir = m_dir.path();
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"),
                         QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                         QStringLiteral("-nodes")};
    const auto req = [&](const QString &name, const QString &subject) {
        return run(m_openssl,
                   QStringList{QStringLiteral("req")} + ec +
                       QStringList{QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                                   QStringLiteral("-out"), name + QStringLiteral(".csr"),
                                   QStringLiteral("-subj"), subject},
                   dir);
    };
    const auto sign = [&](const QString &name, const QString &extensions) {
        QStringList args{QStringLiteral("x509"),
                         QStringLiteral("-req"),
                         QStringLiteral("-in"),
                         name + QStringLiteral(".csr"),
                         QStringLiteral("-CA"),
                         QStringLiteral("ca.pem"),
                         QStringLiteral("-CAkey"),
                         QStringLiteral("ca.key"),
                         QStringLiteral("-CAcreateserial"),
                         QStringLiteral("-days"),
                         QStringLiteral("2"),
                         QStringLiteral("-out"),
                         name + QStringLiteral(".crt")};
        if (!extensions.isEmpty())
            args << QStringLiteral("-extfile") << extensions;
        return run(m_openssl, args, dir);
    };
    QFile ext(dir + QStringLiteral("/server.ext"));
    if (!ext.open(QIODevice::WriteOnly) || ext.write("subjectAltName=DNS:pl.test\n") < 0)
        return false;
    ext.close();
    if (!run(m_openssl,
             QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                 QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                             QStringLiteral("-out"), QStringLiteral("ca.pem"),
                             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                             QStringLiteral("/CN=PL Test CA")},
             dir))
        return false;
    if (!req(QStringLiteral("server"), QStringLiteral("/CN=pl.test")) ||
        !sign(QStringLiteral("server"), QStringLiteral("server.ext")) ||
        !req(QStringLiteral("client"), QStringLiteral("/CN=PL Test Client")) ||
        !sign(QStringLiteral("client"), QString()))
        return false;
    // HAProxy wants certificate and key in one file.
    QFile pem(dir + QStringLiteral("/server.pem"));
    QFile crt(dir + QStringLiteral("/server.crt"));
    QFile key(dir + QStringLiteral("/server.key"));
    if (!pem.open(QIODevice::WriteOnly) || !crt.open(QIODevice::ReadOnly) ||
        !key.open(QIODevice::ReadOnly))
        return false;
    pem.write(crt.readAll() + key.readAll());
    return true;
}

bool TestHaproxyCapture::startHaproxy()
{
    m_frontendPort = freePort();
    const QString dir = m_dir.path();
    const QString config =
        QStringLiteral("global\n"
                       "    maxconn 64\n"
                       "defaults\n"
                       "    mode tcp\n"
                       "    timeout connect 5s\n"
                       "    timeout client 10s\n"
                       "    timeout server 10s\n"
                       "frontend fe\n"
                       "    bind 127.0.0.1:%1 ssl crt %2/server.pem ca-file %2/ca.pem verify "
                       "optional\n"
                       "    unique-id-format pl-%[src_port]\n"
                       "    default_backend be\n"
                       "backend be\n"
                       "    server receiver 127.0.0.1:%3 send-proxy-v2 proxy-v2-options "
                       "crc32c,unique-id,authority,ssl,cert-cn\n")
            .arg(m_frontendPort)
            .arg(dir)
            .arg(m_receiver.serverPort());
    QFile file(dir + QStringLiteral("/haproxy.cfg"));
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0)
        return false;
    file.close();
    m_haproxyProcess.setProcessChannelMode(QProcess::MergedChannels);
    m_haproxyProcess.start(m_haproxy,
                           {QStringLiteral("-db"), QStringLiteral("-f"), file.fileName()});
    if (!m_haproxyProcess.waitForStarted(5000))
        return false;
    // Ready when the frontend accepts connections.
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_frontendPort);
        if (probe.waitForConnected(100))
            return true;
        if (m_haproxyProcess.state() == QProcess::NotRunning) {
            qWarning().noquote() << m_haproxyProcess.readAll();
            return false;
        }
        QTest::qWait(100);
    }
    return false;
}

void TestHaproxyCapture::cleanupTestCase()
{
    if (m_haproxyProcess.state() != QProcess::NotRunning) {
        m_haproxyProcess.terminate();
        if (!m_haproxyProcess.waitForFinished(5000))
            m_haproxyProcess.kill();
    }
}

void TestHaproxyCapture::capturedHeaderEqualsWhatHaproxySent_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("readyText"); // what the tool prints once it captures
    QTest::newRow("tcpdump pcap") << QStringLiteral("tcpdump") << QStringLiteral("lo.pcap")
                                  << QStringLiteral("listening on");
    QTest::newRow("dumpcap pcapng") << QStringLiteral("dumpcap") << QStringLiteral("lo.pcapng")
                                    << QStringLiteral("Capturing on");
}

void TestHaproxyCapture::capturedHeaderEqualsWhatHaproxySent()
{
    QFETCH(QString, tool);
    QFETCH(QString, fileName);
    QFETCH(QString, readyText);
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not installed")));
    const QString path = m_dir.filePath(fileName);
    // Both legs: client -> HAProxy (TLS) shows the real client port,
    // HAProxy -> receiver carries the header.
    const QString filter = QStringLiteral("tcp port %1 or tcp port %2")
                               .arg(m_frontendPort)
                               .arg(m_receiver.serverPort());
    QProcess capture;
    capture.setProcessChannelMode(QProcess::SeparateChannels);
    if (tool == QLatin1String("tcpdump"))
        // Debian's tcpdump drops to user "tcpdump" before writing, which
        // cannot write into our 0700 temporary directory: stay root if root.
        // Immediate mode: without it, packets still in the kernel ring when
        // tcpdump is stopped are lost ("received by filter", not captured).
        capture.start(program,
                      QStringList{QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-U"),
                                  QStringLiteral("--immediate-mode"), QStringLiteral("-w"), path}
                          << (::geteuid() == 0
                                  ? QStringList{QStringLiteral("-Z"), QStringLiteral("root")}
                                  : QStringList{})
                          << filter);
    else
        capture.start(program, {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-f"),
                                filter, QStringLiteral("-w"), path});
    QVERIFY(capture.waitForStarted(5000));
    // Stops the capture on every way out of this function, failures included.
    const auto stopCapture = qScopeGuard([&capture] {
        if (capture.state() != QProcess::NotRunning) {
            capture.terminate();
            if (!capture.waitForFinished(5000))
                capture.kill();
        }
    });
    QByteArray captureErr;
    for (int i = 0; i < 100 && !captureErr.contains(readyText.toUtf8()); ++i) {
        capture.waitForReadyRead(100);
        captureErr += capture.readAllStandardError();
        if (capture.state() == QProcess::NotRunning)
            break;
    }
    if (!captureErr.contains(readyText.toUtf8())) {
        capture.kill();
        capture.waitForFinished();
        const QString why = QString::fromLocal8Bit(captureErr).trimmed();
        if (why.contains(QLatin1String("ermission")) ||
            why.contains(QLatin1String("not permitted")))
            QSKIP(qPrintable(tool + QStringLiteral(" may not capture here: ") + why));
        QFAIL(qPrintable(tool + QStringLiteral(" did not start capturing: ") + why));
    }

    // openssl s_client is the TLS client: a client certificate, and SNI
    // pl.test, which HAProxy forwards as the AUTHORITY TLV.
    QProcess client;
    client.setWorkingDirectory(m_dir.path());
    client.start(m_openssl,
                 {QStringLiteral("s_client"), QStringLiteral("-connect"),
                  QStringLiteral("127.0.0.1:%1").arg(m_frontendPort), QStringLiteral("-servername"),
                  QStringLiteral("pl.test"), QStringLiteral("-cert"), QStringLiteral("client.crt"),
                  QStringLiteral("-key"), QStringLiteral("client.key"), QStringLiteral("-CAfile"),
                  QStringLiteral("ca.pem"), QStringLiteral("-quiet")});
    QVERIFY(client.waitForStarted(5000));
    client.write("GET /capture HTTP/1.1\r\nHost: pl.test\r\n\r\n");
    client.closeWriteChannel();
    // Not waitForFinished(): the receiver in this thread must keep answering.
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QProcess::NotRunning, 15000);
    const QByteArray response = client.readAllStandardOutput();
    QVERIFY2(response.contains("HTTP/1.1 200 OK"),
             QByteArray(response + client.readAllStandardError()).constData());
    QTest::qWait(300); // let the capture see the last segments
    capture.terminate();
    QVERIFY(capture.waitForFinished(10000));

    // What the receiver got is what HAProxy sent.
    const QByteArray received = m_received;
    const pl::proxy::ByteSpan receivedSpan{
        reinterpret_cast<const std::uint8_t *>(received.constData()),
        static_cast<std::size_t>(received.size())};
    const pl::proxy::DecodeResult sent = pl::proxy::decode(receivedSpan);
    QVERIFY2(sent.ok(), "the receiver did not get a valid header");

    CaptureEngine engine;
    QVERIFY2(engine.openFile(path), qPrintable(engine.error().message));
    QList<Connection> connections;
    engine.run([&](QList<Connection> &&batch) { connections.append(std::move(batch)); });
    QVERIFY2(!engine.error(), qPrintable(engine.error().message));
    QVERIFY2(connections.size() == 2,
             qPrintable(QStringLiteral("%1 connections in %2 (%3 bytes); %4: %5")
                            .arg(connections.size())
                            .arg(path)
                            .arg(QFileInfo(path).size())
                            .arg(tool, QString::fromLocal8Bit(captureErr +
                                                              capture.readAllStandardError()))));
    const auto leg = [&](quint16 serverPort) {
        for (const Connection &c : std::as_const(connections))
            if (c.server.port == serverPort)
                return c;
        return Connection{};
    };
    const Connection front = leg(m_frontendPort);
    const Connection c = leg(m_receiver.serverPort());
    // The client's leg: TLS straight from the client, no header.
    QVERIFY(!front.headerPresent);
    QVERIFY(front.hasFinding(FindingCode::HeaderMissing));
    QVERIFY2(front.payload.text().startsWith(QLatin1String("TLS ClientHello SNI=pl.test")),
             qPrintable(front.payload.text()));
    QCOMPARE(front.payload.fields().sni, QStringLiteral("pl.test"));
    const quint16 clientPort = front.client.port;
    QVERIFY(clientPort != 0);

    QVERIFY(c.headerPresent);
    QVERIFY(!c.hasFinding(FindingCode::MidStream));
    QCOMPARE(c.headerBytes, received.left(static_cast<qsizetype>(sent.header.totalLength)));

    const pl::proxy::DecodeResult r = c.decodeHeader();
    QVERIFY(r.ok());
    const pl::proxy::ProxyHeader &h = r.header;
    QCOMPARE(h.command, pl::proxy::Command::Proxy);
    QCOMPARE(h.crcState, pl::proxy::CrcState::Valid);
    QCOMPARE(h.source.port, clientPort);
    QCOMPARE(h.destination.port, m_frontendPort);
    QCOMPARE(pl::proxy::endpointText(h, h.source), QStringLiteral("127.0.0.1:%1").arg(clientPort));
    QVERIFY(h.hasUniqueId);
    QCOMPARE(text(h.uniqueId), QStringLiteral("pl-%1").arg(clientPort));
    QVERIFY(h.hasAuthority);
    QCOMPARE(text(h.authority), QStringLiteral("pl.test"));
    QVERIFY(h.ssl.present);
    QCOMPARE(text(h.ssl.cn), QStringLiteral("PL Test Client"));
    QVERIFY(h.ssl.certificateVerified());
    QCOMPARE(c.payload.text(), QStringLiteral("GET /capture HTTP/1.1 Host: pl.test"));
    QCOMPARE(c.payload.fields().path, QStringLiteral("/capture")); // what a policy judges
    QCOMPARE(c.response, QStringLiteral("HTTP/1.1 200 OK"));
    // The leg ended and the capture saw it; whether HAProxy closes it with a
    // FIN or a RST depends on timing (slower sanitizer builds see RST).
    QVERIFY2(c.end != EndState::Open, "the capture should show how the connection ended");
}

QTEST_GUILESS_MAIN(TestHaproxyCapture)
#include "tst_haproxycapture.moc"
