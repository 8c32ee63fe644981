// Live capture on loopback through the engine: a connection made by this
// test arrives as a record while the capture runs on a worker thread, and
// cancel() stops it cleanly. Errors name the interface or the filter.

#include "capture/captureengine.h"

#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace pl::capture;

class TestLiveCapture : public QObject
{
    Q_OBJECT

private slots:
    void unknownInterfaceIsNamed();
    void badFilterIsReported();
    void loopbackConnectionArrivesAndCancelStops();
};

void TestLiveCapture::unknownInterfaceIsNamed()
{
    CaptureEngine engine;
    QVERIFY(!engine.openLive(LiveOptions{QStringLiteral("pl-no-such-if0"), {}}));
    if (engine.error().code == CaptureError::Code::PermissionDenied)
        QSKIP("no capture permission here (run as root or with CAP_NET_RAW)");
    QCOMPARE(engine.error().code, CaptureError::Code::NoSuchInterface);
    QVERIFY(engine.error().message.contains(QLatin1String("pl-no-such-if0")));
}

void TestLiveCapture::badFilterIsReported()
{
    CaptureEngine engine;
    const bool opened =
        engine.openLive(LiveOptions{QStringLiteral("lo"), QStringLiteral("tcp port")});
    if (engine.error().code == CaptureError::Code::PermissionDenied)
        QSKIP("no capture permission here (run as root or with CAP_NET_RAW)");
    QVERIFY(!opened);
    QCOMPARE(engine.error().code, CaptureError::Code::BadFilter);
    QVERIFY(engine.error().message.contains(QLatin1String("tcp port")));
}

void TestLiveCapture::loopbackConnectionArrivesAndCancelStops()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            if (socket->readAll().contains("\r\n\r\n")) {
                socket->write("HTTP/1.1 204 No Content\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });

    CaptureEngine engine;
    const LiveOptions options{QStringLiteral("lo"),
                              QStringLiteral("tcp port %1").arg(server.serverPort())};
    if (!engine.openLive(options)) {
        if (engine.error().code == CaptureError::Code::PermissionDenied)
            QSKIP(qPrintable(engine.error().message));
        QFAIL(qPrintable(engine.error().message));
    }
    QMutex mutex;
    QList<Connection> seen;
    QThread *worker = QThread::create([&] {
        engine.run([&](QList<Connection> &&batch) {
            const QMutexLocker lock(&mutex);
            seen.append(std::move(batch));
        });
    });
    worker->start();

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    const quint16 clientPort = client.localPort();
    // v1 keeps the test independent of the builder.
    client.write(
        QStringLiteral("PROXY TCP4 192.0.2.7 192.0.2.8 %1 80\r\n").arg(clientPort).toUtf8() +
        "GET /live HTTP/1.1\r\nHost: live.example\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, 5000);
    const auto delivered = [&] {
        const QMutexLocker lock(&mutex);
        return !seen.isEmpty();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(delivered(),
                              qPrintable(QStringLiteral("%1 packets, %2 connections")
                                             .arg(engine.progress().packets)
                                             .arg(engine.progress().connections)),
                              5000);

    engine.cancel();
    QVERIFY2(worker->wait(5000), "the live capture did not stop after cancel()");
    delete worker;
    QVERIFY(engine.cancelled());
    QCOMPARE(engine.progress().totalBytes, -1);

    const Connection &c = seen.first();
    QCOMPARE(c.client.port, clientPort);
    QCOMPARE(c.server.port, server.serverPort());
    QVERIFY(c.decodeHeader().ok());
    QCOMPARE(c.decodeHeader().header.source.port, clientPort);
    QCOMPARE(c.payload.text(), QStringLiteral("GET /live HTTP/1.1 Host: live.example"));
    QCOMPARE(c.response, QStringLiteral("HTTP/1.1 204 No Content"));
    QCOMPARE(c.end, EndState::Fin);
}

QTEST_GUILESS_MAIN(TestLiveCapture)
#include "tst_livecapture.moc"
