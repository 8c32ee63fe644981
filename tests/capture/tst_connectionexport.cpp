// `plinspect decode FILE --filter EXPR -w OUT`: the connections the GUI's
// filter language selects, with all of their packets, saved as pcapng that
// tshark reads back: exactly those connections, every packet of each (the
// same timestamps, lengths and flags as in the original), nothing else.

#include "plinspectprocess.h"

#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using pl::test::jsonLines;
using pl::test::plinspect;
using pl::test::Run;
using pl::test::tsharkLines;

namespace {

const QString kSample = QStringLiteral(PL_SOURCE_DIR "/resources/samples/sample.pcapng");

// "10.0.0.14:59074" -> ip.addr/tcp.port terms.
QString endpointFilter(const QString &endpoint)
{
    const qsizetype colon = endpoint.lastIndexOf(QLatin1Char(':'));
    return QStringLiteral("ip.addr==%1 && tcp.port==%2")
        .arg(endpoint.left(colon), endpoint.mid(colon + 1));
}

} // namespace

class TestConnectionExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void filteredConnectionsReachTshark_data();
    void filteredConnectionsReachTshark();
    void usageErrors_data();
    void usageErrors();
};

void TestConnectionExport::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
        QSKIP("tshark is not installed: the export is checked by an independent reader");
}

void TestConnectionExport::filteredConnectionsReachTshark_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("connections");
    QTest::addColumn<QString>("capture");
    QTest::newRow("one VPC") << "vpc:vpc-2zeh8xx0a9b8c7d6e5f4" << 5 << kSample;
    QTest::newRow("bad CRC") << "crc:invalid" << 1 << kSample;
    QTest::newRow("no header") << "missing" << 1 << kSample;
    QTest::newRow("AWS endpoint, free text") << "vpce-08d2bf15fac5001c9" << 1 << kSample;
    QTest::newRow("health checks") << "local" << 3 << kSample;
    // Connections inside VXLAN and GENEVE (a mirror target's capture):
    // their frames go out whole, tunnel and all.
    QTest::newRow("inside GENEVE")
        << "host:gwlb" << 1
        << QStringLiteral(PL_SOURCE_DIR "/tests/data/captures/tunnels_vxlan_geneve.pcap");
    QTest::newRow("inside VXLAN") << "vpce-0a1b2c3d4e5f60718" << 1
                                  << QStringLiteral(
                                         PL_SOURCE_DIR
                                         "/tests/data/captures/tunnels_vxlan_geneve.pcap");
    // A pcapng of interfaces of several link types (Ethernet in microseconds,
    // a big-endian section of raw IP in 2^-20 s): each frame keeps its own.
    QTest::newRow("interfaces of two link types")
        << "-vpce-0multi1234567890" << 2
        << QStringLiteral(PL_SOURCE_DIR "/tests/data/captures/pcapng_multi_interface.pcapng");
    QTest::newRow("negated") << "-vpc:vpc-bp179qeke0wzo1mr8bxhl -local -missing" << 12 << kSample;
}

void TestConnectionExport::filteredConnectionsReachTshark()
{
    QFETCH(QString, filter);
    QFETCH(int, connections);
    QFETCH(QString, capture);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("chosen.pcapng"));
    const Run r = plinspect({"decode", "--json", capture, "--filter", filter, "-w", out});
    QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
    const QList<QJsonObject> shown = jsonLines(r.out);
    QCOMPARE(shown.size(), connections);

    // The original's packets of the shown connections, as tshark sees them.
    QStringList terms;
    QStringList clients;
    for (const QJsonObject &o : shown) {
        const QString client = o.value(QStringLiteral("client")).toString();
        const QString server = o.value(QStringLiteral("server")).toString();
        terms << QStringLiteral("(%1 && %2)").arg(endpointFilter(client), endpointFilter(server));
        clients << client;
    }
    const QStringList fields{"-T", "fields",    "-E", "separator=/", "-e", "frame.time_epoch",
                             "-e", "frame.len", "-e", "tcp.seq_raw", "-e", "tcp.flags"};
    const QStringList original =
        tsharkLines(QStringList{"-r", capture, "-Y", terms.join(QStringLiteral(" || "))} + fields);
    const QStringList exported = tsharkLines(QStringList{"-r", out} + fields);
    QVERIFY(original.size() > connections); // handshakes and answers, not only headers
    QCOMPARE(exported, original);

    // Exactly the shown connections: one SYN from each of their clients.
    QStringList syns =
        tsharkLines({"-r", out, "-Y", "tcp.flags.syn==1 && tcp.flags.ack==0", "-T", "fields", "-E",
                     "separator=:", "-E", "occurrence=l", "-e", "ip.src", "-e", "tcp.srcport"});
    syns.sort();
    clients.sort();
    QCOMPARE(syns, clients);

    // Read again by plinspect: the same records, the same verdicts.
    const Run again = plinspect({"decode", "--json", out});
    const QList<QJsonObject> reread = jsonLines(again.out);
    QCOMPARE(reread.size(), connections);
    for (qsizetype i = 0; i < reread.size(); ++i) {
        for (const char *key : {"client", "server", "header", "end", "payload", "response"})
            QCOMPARE(reread[i].value(QLatin1String(key)), shown[i].value(QLatin1String(key)));
    }
}

void TestConnectionExport::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown CRC state") << QStringList{"decode", kSample, "--filter", "crc:maybe"}
                                       << "--filter: not understood: crc:maybe";
    QTest::newRow("-w with a raw header")
        << QStringList{"decode", "--hex", "0d0a", "-w", "x.pcapng"}
        << "--filter and -w apply to capture files only";
    QTest::newRow("-w with two captures")
        << QStringList{"decode", kSample, kSample, "-w", "x.pcapng"}
        << "-w takes exactly one capture FILE";
}

void TestConnectionExport::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = plinspect(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

QTEST_GUILESS_MAIN(TestConnectionExport)
#include "tst_connectionexport.moc"
