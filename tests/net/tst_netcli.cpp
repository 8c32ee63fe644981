// plinspect send and plinspect listen as a user runs them: real processes
// talking to each other on 127.0.0.1, exit statuses, JSON Lines.

#include "nettestutil.h"
#include "plinspectprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>

using pl::test::jsonLines;
using pl::test::plinspect;
using pl::test::Run;

namespace {

// Starts `plinspect listen --bind 127.0.0.1:0 ARGS` and reads its port.
struct ListenProcess
{
    QProcess process;
    quint16 port = 0;

    bool start(const QStringList &args)
    {
        process.start(QStringLiteral(PL_PLINSPECT),
                      QStringList{QStringLiteral("listen"), QStringLiteral("--bind"),
                                  QStringLiteral("127.0.0.1:0")} +
                          args);
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
    ~ListenProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
};

QJsonObject firstJsonLine(const QByteArray &out)
{
    return QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
}

} // namespace

class TestNetCli : public QObject
{
    Q_OBJECT

private slots:
    void sendToListen();
    void sendFailureExitsOne();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void payloadHexErrorsNameTheCharacter();
    void matrixRun();
    void faultMatrixRun();
    void listenStopsCleanlyOnSignal_data();
    void listenStopsCleanlyOnSignal();
    void sendJudgesTheAnswer_data();
    void sendJudgesTheAnswer();
    void sendTimeoutBeyondADayIsNamed();
};

void TestNetCli::sendToListen()
{
    ListenProcess listen;
    QVERIFY(listen.start({QStringLiteral("--json"), QStringLiteral("--count"), QStringLiteral("1"),
                          QStringLiteral("--require"), QStringLiteral("v2")}));
    const Run send = plinspect(
        {QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(listen.port),
         QStringLiteral("--src"), QStringLiteral("10.0.0.14:59074"), QStringLiteral("--dst"),
         QStringLiteral("10.0.0.15:80"), QStringLiteral("--alibaba-vpc-id"),
         QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"), QStringLiteral("--http"),
         QStringLiteral("GET"), QStringLiteral("/cli"), QStringLiteral("--host"),
         QStringLiteral("cli.example"), QStringLiteral("--json")});
    QCOMPARE(send.exitCode, 0);
    const QJsonObject result = firstJsonLine(send.out);
    QCOMPARE(result[QStringLiteral("status")].toInt(), 200);
    QVERIFY(result[QStringLiteral("timings")][QStringLiteral("total_ms")].toInt() >= 0);
    QVERIFY(result[QStringLiteral("body")].toString().contains(
        QStringLiteral("vpc_id: vpc-bp179qeke0wzo1mr8bxhl")));

    QVERIFY(listen.process.waitForFinished(5000));
    QCOMPARE(listen.process.exitCode(), 0);
    const QJsonObject record = firstJsonLine(listen.process.readAllStandardOutput());
    for (const char *key : {"client", "server", "header", "warnings", "payload"})
        QVERIFY2(record.contains(QLatin1String(key)), key);
    QCOMPARE(record[QStringLiteral("header")][QStringLiteral("src")].toString(),
             QStringLiteral("10.0.0.14:59074"));
    QCOMPARE(record[QStringLiteral("header")][QStringLiteral("vpc_id")].toString(),
             QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
    QCOMPARE(record[QStringLiteral("payload")].toString(),
             QStringLiteral("GET /cli HTTP/1.1 Host: cli.example"));
    QCOMPARE(record[QStringLiteral("client")].toString(),
             result[QStringLiteral("local")].toString());
}

void TestNetCli::sendFailureExitsOne()
{
    const Run r =
        plinspect({QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(nettest::freePort()),
                   QStringLiteral("--command"), QStringLiteral("local"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(firstJsonLine(r.out)[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("refused"));
    const Run text =
        plinspect({QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(nettest::freePort()),
                   QStringLiteral("--command"), QStringLiteral("local")});
    QCOMPARE(text.exitCode, 1);
    QVERIFY(text.out.contains("connection refused"));
}

void TestNetCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("send without target") << QStringList{"send", "--command", "local"};
    QTest::newRow("send bad target") << QStringList{"send", "nohost", "--command", "local"};
    QTest::newRow("send proxy without addresses") << QStringList{"send", "127.0.0.1:1"};
    QTest::newRow("send two payloads") << QStringList{
        "send", "127.0.0.1:1", "--command", "local", "--http", "GET", "/", "--payload-hex", "00"};
    QTest::newRow("send bad hex") << QStringList{"send",  "127.0.0.1:1",   "--command",
                                                 "local", "--payload-hex", "0z"};
    QTest::newRow("listen bad policy") << QStringList{"listen", "--require", "v3"};
    QTest::newRow("listen bad respond") << QStringList{"listen", "--respond", "smile"};
    QTest::newRow("listen bad bind") << QStringList{"listen", "--bind", "nowhere:port"};
}

void TestNetCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run r = plinspect(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
}

void TestNetCli::payloadHexErrorsNameTheCharacter()
{
    // Counted from 1, as decode --hex counts them.
    const Run bad = plinspect({QStringLiteral("send"), QStringLiteral("127.0.0.1:1"),
                               QStringLiteral("--command"), QStringLiteral("local"),
                               QStringLiteral("--payload-hex"), QStringLiteral("0z")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("--payload-hex: not hex at character 2"), bad.err.constData());
    const Run odd = plinspect({QStringLiteral("send"), QStringLiteral("127.0.0.1:1"),
                               QStringLiteral("--command"), QStringLiteral("local"),
                               QStringLiteral("--payload-hex"), QStringLiteral("0d0a 0")});
    QCOMPARE(odd.exitCode, 2);
    QVERIFY2(odd.err.contains("odd number of hex digits (the digit at character 6 has no pair)"),
             odd.err.constData());
}

void TestNetCli::matrixRun()
{
    ListenProcess listen;
    QVERIFY(listen.start({QStringLiteral("--count"), QStringLiteral("3")}));
    QTemporaryDir dir;
    const QString matrix = dir.filePath(QStringLiteral("matrix.csv"));
    QVERIFY(nettest::writeFile(matrix, "name,options\n"
                                       "valid v2,--authority a.example\n"
                                       "wrong crc,--crc32c wrong\n"
                                       "v1,--v1\n"));
    const QString exported = dir.filePath(QStringLiteral("results.csv"));
    const Run r = plinspect(
        {QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(listen.port),
         QStringLiteral("--src"), QStringLiteral("10.0.0.14:59074"), QStringLiteral("--dst"),
         QStringLiteral("10.0.0.15:80"), QStringLiteral("--payload-hex"),
         QStringLiteral("474554202f0d0a0d0a"), QStringLiteral("--matrix"), matrix,
         QStringLiteral("--concurrency"), QStringLiteral("2"), QStringLiteral("--json"),
         QStringLiteral("--export"), exported});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QHash<QString, int> statusByName;
    for (const QByteArray &line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        statusByName.insert(o[QStringLiteral("name")].toString(),
                            o[QStringLiteral("status")].toInt());
    }
    QCOMPARE(statusByName.value(QStringLiteral("valid v2")), 200);
    QCOMPARE(statusByName.value(QStringLiteral("wrong crc")), 400); // our listener refuses it
    QCOMPARE(statusByName.value(QStringLiteral("v1")), 200);
    QFile csv(exported);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csv.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 4);
    QVERIFY(rows[0].startsWith("row,name,target,outcome,status"));
}

// The standard matrix of the Client view, from the command line: our own
// listener as the backend accepts the valid variations and refuses each
// broken one with 400 (a truncated header: it waits, then times out).
void TestNetCli::faultMatrixRun()
{
    ListenProcess listen;
    QVERIFY(listen.start({QStringLiteral("--count"), QStringLiteral("9"),
                          QStringLiteral("--header-timeout"), QStringLiteral("500")}));
    const Run r = plinspect(
        {QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(listen.port),
         QStringLiteral("--src"), QStringLiteral("10.0.0.14:59074"), QStringLiteral("--dst"),
         QStringLiteral("10.0.0.15:80"), QStringLiteral("--alibaba-vpc-id"),
         QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"), QStringLiteral("--payload-hex"),
         QStringLiteral("474554202f0d0a0d0a"), QStringLiteral("--fault-matrix"),
         QStringLiteral("--timeout"), QStringLiteral("3000"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QHash<QString, QJsonObject> byName;
    for (const QByteArray &line : r.out.trimmed().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        byName.insert(o[QStringLiteral("name")].toString(), o);
    }
    QCOMPARE(byName.keys().size(), 9);
    for (const char *valid : {"as-given", "crc-absent", "v1"})
        QCOMPARE(byName.value(QLatin1String(valid))[QStringLiteral("status")].toInt(), 200);
    for (const char *broken :
         {"crc-wrong", "bad-signature", "bad-length", "bad-family", "bad-command"})
        QVERIFY2(byName.value(QLatin1String(broken))[QStringLiteral("status")].toInt() == 400,
                 broken);
    QVERIFY(byName.contains(QStringLiteral("truncate")));
    // --matrix and --fault-matrix exclude each other.
    QCOMPARE(plinspect({QStringLiteral("send"), QStringLiteral("127.0.0.1:9"),
                        QStringLiteral("--fault-matrix"), QStringLiteral("--matrix"),
                        QStringLiteral("x.csv")})
                 .exitCode,
             2);
}

void TestNetCli::listenStopsCleanlyOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGINT (Ctrl-C)") << SIGINT;
    QTest::newRow("SIGTERM") << SIGTERM;
}

void TestNetCli::listenStopsCleanlyOnSignal()
{
    // A connection in flight when the user stops the listener is recorded
    // and printed, and the exit is a clean 0 (it was 130 with nothing).
    QFETCH(int, signal);
    ListenProcess listen;
    QVERIFY(listen.start({QStringLiteral("--json")}));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, listen.port);
    QVERIFY(client.waitForConnected(5000));
    client.write(QByteArray::fromHex("0d0a0d0a000d")); // half a signature
    QVERIFY(client.waitForBytesWritten(5000));
    QTest::qWait(300);
    ::kill(static_cast<pid_t>(listen.process.processId()), signal);
    QVERIFY(listen.process.waitForFinished(5000));
    QCOMPARE(listen.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(listen.process.exitCode(), 0);
    const QList<QJsonObject> records = jsonLines(listen.process.readAllStandardOutput());
    QCOMPARE(records.size(), 1);
    QCOMPARE(records[0][QStringLiteral("outcome")].toString(), QStringLiteral("listener_stopped"));
}

void TestNetCli::sendJudgesTheAnswer_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("binary");
    QTest::newRow("garbage with terminal escapes")
        << QByteArray("\x1b]0;owned\x07\x1b[31mNOT HTTP\x1b[0m\r\n\xff\xfe") << "not_http" << true;
    QTest::newRow("body cut short")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this") << "body_cut_short"
        << false;
    QTest::newRow("whole answer") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                                  << "" << false;
}

void TestNetCli::sendJudgesTheAnswer()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, code);
    QFETCH(bool, binary);
    // A backend that answers `answer` to anything, then closes.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server, answer] {
        QTcpSocket *s = server.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [s, answer] {
            s->readAll();
            s->write(answer);
            s->disconnectFromHost();
        });
    });
    const auto run = [&](bool json) {
        QProcess p;
        QStringList args{
            QStringLiteral("send"),      QStringLiteral("127.0.0.1:%1").arg(server.serverPort()),
            QStringLiteral("--command"), QStringLiteral("local"),
            QStringLiteral("--http"),    QStringLiteral("GET"),
            QStringLiteral("/")};
        if (json)
            args << QStringLiteral("--json");
        p.start(QStringLiteral(PL_PLINSPECT), args);
        // The server lives on this thread: keep its event loop turning.
        QElapsedTimer clock;
        clock.start();
        while (p.state() != QProcess::NotRunning && clock.elapsed() < 10000)
            QTest::qWait(20);
        return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    };
    const Run text = run(false);
    QCOMPARE(text.exitCode, code.isEmpty() ? 0 : 1);
    QVERIFY2(!text.out.contains('\x1b') && !text.out.contains('\x07'),
             "a server's escape sequences reached the terminal");
    if (!code.isEmpty())
        QVERIFY2(text.out.contains(code.toUtf8()), text.out.constData());
    const Run json = run(true);
    QCOMPARE(json.exitCode, code.isEmpty() ? 0 : 1);
    const QJsonObject o = firstJsonLine(json.out);
    QCOMPARE(o[QStringLiteral("error")][QStringLiteral("code")].toString(), code);
    if (binary) {
        // Bytes that are not UTF-8 stay bytes: base64, not U+FFFD.
        QCOMPARE(o[QStringLiteral("response_encoding")].toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(o[QStringLiteral("response")].toString().toLatin1()),
                 answer);
    }
}

void TestNetCli::sendTimeoutBeyondADayIsNamed()
{
    const Run r = plinspect({QStringLiteral("send"), QStringLiteral("127.0.0.1:9"),
                             QStringLiteral("--command"), QStringLiteral("local"),
                             QStringLiteral("--timeout"), QStringLiteral("99999999999")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("at most 86400000 ms"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestNetCli)
#include "tst_netcli.moc"
