// `plinspect decode` on captures, as a user or a script runs it.

#include "plinspectprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using pl::test::jsonLines;
using pl::test::plinspect;
using pl::test::Run;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(PL_CAPTURE_FIXTURES "/") + QLatin1String(name);
}

} // namespace

class TestCaptureCli : public QObject
{
    Q_OBJECT

private slots:
    void exitStatus_data();
    void exitStatus();
    void jsonLinesPerConnection();
    void tableIsAligned();
    void tableEscapesControlCharacters();
    void statsTotals();
    void damagedFileReportsAndKeepsRows();
    void mixingRawInputIsAUsageError();
    void vendorProfileApplies();
    void breakdownRowsPerConnection();
    void capturesThroughPipes_data();
    void capturesThroughPipes();
    void severalLinkTypesThroughAPipe();
    void awsHealthCheckAgreesEverywhere();
    void openErrorsNameThePathOnce();
    void progressOnlyOnATerminal_data();
    void progressOnlyOnATerminal();
};

void TestCaptureCli::exitStatus_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("status");
    QTest::newRow("valid headers") << fixture("ethernet_v2_alibaba.pcap") << 0;
    QTest::newRow("missing header is a finding, not an invalid header")
        << fixture("missing_header.pcap") << 0;
    QTest::newRow("wrong CRC") << fixture("raw_ipv4_options_badcrc.pcap") << 1;
    QTest::newRow("header cut by the snaplen") << fixture("snaplen_cut.pcap") << 1;
    QTest::newRow("damaged file") << fixture("truncated_file.pcap") << 1;
    QTest::newRow("unsupported link type") << fixture("unsupported_linktype.pcap") << 1;
    QTest::newRow("pcapng: unsupported first interface, Ethernet second")
        << fixture("pcapng_unsupported_first_interface.pcapng") << 0;
    QTest::newRow("pcapng: unsupported interface alone")
        << fixture("pcapng_unsupported_only.pcapng") << 1;
}

void TestCaptureCli::exitStatus()
{
    QFETCH(QString, file);
    QFETCH(int, status);
    const Run r = plinspect({QStringLiteral("decode"), file});
    QCOMPARE(r.exitCode, status);
}

void TestCaptureCli::jsonLinesPerConnection()
{
    const Run r = plinspect(
        {QStringLiteral("decode"), QStringLiteral("--json"), fixture("loop_azure_gcp_local.pcap")});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0]
                 .value(QLatin1String("header"))
                 .toObject()
                 .value(QLatin1String("azure_link_id"))
                 .toInteger(),
             553665985);
    QCOMPARE(lines[1]
                 .value(QLatin1String("header"))
                 .toObject()
                 .value(QLatin1String("gcp_psc_id"))
                 .toString(),
             QStringLiteral("18446744072646845442"));
    QCOMPARE(lines[1].value(QLatin1String("response")).toString(),
             QStringLiteral("HTTP/1.1 301 Moved Permanently"));
    QCOMPARE(lines[2]
                 .value(QLatin1String("header"))
                 .toObject()
                 .value(QLatin1String("command"))
                 .toString(),
             QStringLiteral("LOCAL"));
    QCOMPARE(lines[2].value(QLatin1String("end")).toString(), QStringLiteral("fin"));
}

void TestCaptureCli::tableIsAligned()
{
    const Run r = plinspect({QStringLiteral("decode"), fixture("vlan_v1.pcap")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("FRAME"));
    // Every column starts at the same position on every row.
    const qsizetype serverColumn = lines[0].indexOf("SERVER");
    QCOMPARE(lines[1].indexOf("198.51.100.1:443"), serverColumn);
    QCOMPARE(lines[2].indexOf("[2001:db8::2]:8080"), serverColumn);
    QVERIFY(lines[1].contains("SNI=api.example"));
}

void TestCaptureCli::tableEscapesControlCharacters()
{
    // A Host header with a terminal escape (ESC [2J clears the screen):
    // the table shows it as text, and the row stays one line.
    const Run r = plinspect({QStringLiteral("decode"), fixture("tfo_escapes.pcap")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.contains('\x1b'));
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[1].contains("Host: evil\\x1b[2J.example"), lines[1].constData());
}

void TestCaptureCli::statsTotals()
{
    const Run text = plinspect({QStringLiteral("decode"), QStringLiteral("--stats"),
                                fixture("ethernet_v2_alibaba.pcap"), fixture("udp_dgram.pcap")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("vpc-bp179qeke0wzo1mr8bxhl"), text.out.constData());
    QVERIFY(!text.out.contains("GET /login"));
    const Run json =
        plinspect({QStringLiteral("decode"), QStringLiteral("--stats"), QStringLiteral("--json"),
                   fixture("ethernet_v2_alibaba.pcap"), fixture("udp_dgram.pcap")});
    const QList<QJsonObject> lines = jsonLines(json.out);
    QCOMPARE(lines.size(), 1);
    const QJsonObject s = lines[0];
    QCOMPARE(s.value(QLatin1String("connections")).toInt(), 4);
    QCOMPARE(s.value(QLatin1String("with_header")).toInt(), 3);
    QCOMPARE(s.value(QLatin1String("without_header")).toInt(), 1);
    QCOMPARE(s.value(QLatin1String("crc32c")).toObject().value(QLatin1String("valid")).toInt(), 3);
    QCOMPARE(s.value(QLatin1String("vpc_ids")).toObject().value(QLatin1String("vpc-udp")).toInt(),
             1);
}

void TestCaptureCli::damagedFileReportsAndKeepsRows()
{
    const Run r = plinspect(
        {QStringLiteral("decode"), QStringLiteral("--json"), fixture("truncated_file.pcap")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(jsonLines(r.out).size(), 2);
    QVERIFY2(r.err.contains("file offset 1176"), r.err.constData());
    QVERIFY(r.err.contains("truncated dump file"));
}

void TestCaptureCli::mixingRawInputIsAUsageError()
{
    const Run r = plinspect({QStringLiteral("decode"), fixture("vlan_v1.pcap"),
                             QStringLiteral("--hex"), QStringLiteral("0d0a")});
    QCOMPARE(r.exitCode, 2);

    // A gzip-compressed capture is named as such, with the way to read it,
    // not decoded as a raw header (one bad signature).
    QTemporaryDir dir;
    const QString gz = dir.filePath(QStringLiteral("big.pcap.gz"));
    QFile file(gz);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromHex("1f8b0800000000000003") + QByteArray(40, 'x'));
    file.close();
    const Run g = plinspect({QStringLiteral("decode"), gz});
    QCOMPARE(g.exitCode, 2);
    QVERIFY2(g.err.contains("gzip-compressed") && g.err.contains("<(zcat "), g.err.constData());
    QVERIFY(g.out.isEmpty());
}

void TestCaptureCli::vendorProfileApplies()
{
    const auto vpcOf = [](const QStringList &extra) {
        const Run r = plinspect(QStringList{QStringLiteral("decode"), QStringLiteral("--json")} +
                                extra + QStringList{fixture("ethernet_v2_alibaba.pcap")});
        return jsonLines(r.out)
            .value(0)
            .value(QLatin1String("header"))
            .toObject()
            .value(QLatin1String("vpc_id"));
    };
    QCOMPARE(vpcOf({}).toString(), QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
    QCOMPARE(vpcOf({QStringLiteral("--vendor"), QStringLiteral("alibaba")}).toString(),
             QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
    // With the AWS profile, 0xE1 is not decoded as Alibaba's VPC ID.
    QVERIFY(vpcOf({QStringLiteral("--vendor"), QStringLiteral("aws")}).isUndefined());
}

void TestCaptureCli::breakdownRowsPerConnection()
{
    const Run r = plinspect({QStringLiteral("decode"), QStringLiteral("--json"),
                             QStringLiteral("--breakdown"), fixture("ethernet_v2_alibaba.pcap")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray rows = jsonLines(r.out).value(0).value(QLatin1String("breakdown")).toArray();
    QVERIFY(rows.size() > 10);
    QCOMPARE(rows.first().toObject().value(QLatin1String("offset")).toInt(), 0);
    const Run table = plinspect({QStringLiteral("decode"), QStringLiteral("--breakdown"),
                                 fixture("ethernet_v2_alibaba.pcap")});
    QVERIFY(table.out.contains("vpc-bp179qeke0wzo1mr8bxhl"));
    QVERIFY(table.out.contains("0d 0a 0d 0a") || table.out.contains("0d0a0d0a"));
}

void TestCaptureCli::capturesThroughPipes_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("standard input as -") << "stdin";
    QTest::newRow("process substitution <(cat F)") << "substitution";
    QTest::newRow("named FIFO") << "fifo";
    QTest::newRow("pcapng through a pipe") << "pcapng";
}

void TestCaptureCli::capturesThroughPipes()
{
    // A pipe can be read once: the input must be opened once, never rewound
    // (it was "not a capture" through a pipe, and a FIFO hung).
    QFETCH(QString, how);
    const QString file =
        fixture(how == QLatin1String("pcapng") ? "pcapng_v2.pcapng" : "loop_azure_gcp_local.pcap");
    const Run direct = plinspect({QStringLiteral("decode"), QStringLiteral("--json"), file});
    QCOMPARE(direct.exitCode, 0);
    QVERIFY(!jsonLines(direct.out).isEmpty());

    QProcess p;
    if (how == QLatin1String("stdin")) {
        p.setStandardInputFile(file);
        p.start(QStringLiteral(PL_PLINSPECT),
                {QStringLiteral("decode"), QStringLiteral("--json"), QStringLiteral("-")});
    } else if (how == QLatin1String("fifo")) {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("capture.fifo"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        p.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"),
                 QStringLiteral("cat \"$1\" > \"$2\" & exec \"$0\" decode "
                                "--json \"$2\""),
                 QStringLiteral(PL_PLINSPECT), file, fifo});
        QVERIFY2(p.waitForFinished(15000), "reading a FIFO hung");
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(jsonLines(p.readAllStandardOutput()).size(), jsonLines(direct.out).size());
        return;
    } else {
        p.start(QStringLiteral("/bin/bash"),
                {QStringLiteral("-c"), QStringLiteral("exec \"$0\" decode --json <(cat \"$1\")"),
                 QStringLiteral(PL_PLINSPECT), file});
    }
    QVERIFY2(p.waitForFinished(15000), "reading a pipe hung");
    QCOMPARE(p.exitCode(), 0);
    const QList<QJsonObject> piped = jsonLines(p.readAllStandardOutput());
    const QList<QJsonObject> expected = jsonLines(direct.out);
    QCOMPARE(piped.size(), expected.size());
    for (qsizetype i = 0; i < piped.size(); ++i)
        QCOMPARE(piped[i].value(QLatin1String("header")),
                 expected[i].value(QLatin1String("header")));
}

void TestCaptureCli::severalLinkTypesThroughAPipe()
{
    // The file itself is read whole; through a pipe, which cannot be read
    // again, what came before the second interface is shown and the
    // message says how to read the rest.
    const QString file = fixture("pcapng_multi_interface.pcapng");
    const Run direct = plinspect({QStringLiteral("decode"), QStringLiteral("--json"), file});
    QCOMPARE(direct.exitCode, 0);
    QCOMPARE(jsonLines(direct.out).size(), 3);
    QProcess p;
    p.setStandardInputFile(file);
    p.start(QStringLiteral(PL_PLINSPECT),
            {QStringLiteral("decode"), QStringLiteral("--json"), QStringLiteral("-")});
    QVERIFY(p.waitForFinished(15000));
    QCOMPARE(p.exitCode(), 1);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains("from a pipe") && err.contains("give the file itself"), err.constData());
    QCOMPARE(jsonLines(p.readAllStandardOutput()).size(), 0); // the second interface comes first
}

void TestCaptureCli::awsHealthCheckAgreesEverywhere()
{
    // The real AWS NLB health check (CRC32C + NOOP, no 0xEA) read as LOCAL
    // with a valid CRC in the JSON and in the totals, not as garbage addresses.
    const QString file = fixture("aws_healthcheck_noop.pcap");
    const Run json = plinspect({QStringLiteral("decode"), QStringLiteral("--json"), file});
    QCOMPARE(json.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(json.out);
    QCOMPARE(lines.size(), 1);
    const QJsonObject h = lines[0].value(QLatin1String("header")).toObject();
    QCOMPARE(h.value(QLatin1String("command")).toString(), QStringLiteral("LOCAL"));
    QCOMPARE(h.value(QLatin1String("crc32c")).toString(), QStringLiteral("valid"));
    QVERIFY(!h.contains(QLatin1String("src")));
    QCOMPARE(h.value(QLatin1String("tlvs")).toArray().size(), 2);
    const QJsonArray warnings = lines[0].value(QLatin1String("warnings")).toArray();
    QVERIFY(!QJsonDocument(warnings).toJson().contains("duplicate_tlv"));

    const Run stats = plinspect(
        {QStringLiteral("decode"), QStringLiteral("--stats"), QStringLiteral("--json"), file});
    QCOMPARE(stats.exitCode, 0);
    const QJsonObject s = jsonLines(stats.out).value(0);
    QCOMPARE(s.value(QLatin1String("local")).toInt(), 1);
    QCOMPARE(s.value(QLatin1String("crc32c")).toObject().value(QLatin1String("valid")).toInt(), 1);
    QCOMPARE(s.value(QLatin1String("invalid_headers")).toInt(), 0);
    QCOMPARE(s.value(QLatin1String("findings")).toObject().size(), 0);
}

void TestCaptureCli::openErrorsNameThePathOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("archaic.pcap"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // A classic pcap header with major version 1: libpcap refuses it.
    f.write(QByteArray::fromHex("d4c3b2a1010000000000000000000000ffff000001000000"));
    f.close();
    const Run r = plinspect({QStringLiteral("decode"), path});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count(path.toUtf8()), 1);
    QVERIFY2(r.err.contains("at byte 0"), r.err.constData());
}

void TestCaptureCli::progressOnlyOnATerminal_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::newRow("decode --stats") << QStringList{"decode", "--stats"};
    QTest::newRow("decode --json") << QStringList{"decode", "--json"};
    QTest::newRow("policy eval --capture") << QStringList{
        "policy", "eval", PL_SOURCE_DIR "/resources/samples/sample-policy.json", "--capture"};
}

void TestCaptureCli::progressOnlyOnATerminal()
{
    // Long work shows progress on stderr when it is a terminal, and never
    // in a pipe (scripts, CI, `2> log`).
    QFETCH(QStringList, command);
    const QString file = fixture("loop_azure_gcp_local.pcap");
    const Run piped = plinspect(command + QStringList{file});
    QVERIFY2(!piped.err.contains("connections") && !piped.err.contains('\r'),
             piped.err.constData());

    // script(1) gives the command a pseudo-terminal.
    QStringList quoted;
    for (const QString &a : command + QStringList{file})
        quoted << QLatin1Char('\'') + a + QLatin1Char('\'');
    QProcess p;
    p.start(QStringLiteral("script"),
            {QStringLiteral("-qec"),
             QStringLiteral("'%1' %2 > /dev/null")
                 .arg(QStringLiteral(PL_PLINSPECT), quoted.join(QLatin1Char(' '))),
             QStringLiteral("/dev/null")});
    if (!p.waitForStarted(5000))
        QSKIP("script(1) is not available");
    QVERIFY(p.waitForFinished(30000));
    const QByteArray terminal = p.readAllStandardOutput();
    QVERIFY2(terminal.contains("packets, ") && terminal.contains(" connections"),
             terminal.constData());
}

QTEST_GUILESS_MAIN(TestCaptureCli)
#include "tst_capturecli.moc"
