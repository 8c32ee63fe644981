// plinspect send and plinspect listen as a user runs them: real processes
// talking to each other on 127.0.0.1, exit statuses, JSON Lines.

#include "nettestutil.h"
#include "plinspectprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

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
    void matrixRun();
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

QTEST_GUILESS_MAIN(TestNetCli)
#include "tst_netcli.moc"
