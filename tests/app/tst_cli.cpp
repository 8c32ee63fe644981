// plinspect as a user runs it: real process, real files, exit statuses.

#include "export/textcolumns.h"
#include "plinspectprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using pl::test::jsonLines;
using pl::test::plinspect;
using pl::test::Run;

namespace {

constexpr char kExample[] =
    "0d0a0d0a000d0a515549540a211100540a00000e0a00000fe6c20050030004 0764b56b"
    "e10018026570 2d6270316932383834383765353836313532643462"
    "e1001a017670632d627031373971656b6530777a6f316d72386278686c 0400 06000000000000";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void versionAndHelp();
    void usageLineNamesTheSubcommand_data();
    void usageLineNamesTheSubcommand();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void decodeJsonContract();
    void invalidHeaderExitsOneAndStillPrints();
    void invalidNibblesAreNeverNamedAsValidValues_data();
    void invalidNibblesAreNeverNamedAsValidValues();
    void breakdownRowsAsJson();
    void chineseBreakdownTableLinesUp();
    void humanTableReadsLikeTheVendorTable();
    void decodesBinaryAndHexFiles();
    void hexErrorsNameTheCharacter();
    void craftReproducesTheExample();
    void craftFaultsAreRejectedByDecode();
    void craftWritesFileAtomically();
    void craftV1();
    void craftPcapDecodesBack();
};

void TestCli::versionAndHelp()
{
    const Run v = plinspect({QStringLiteral("--version")});
    QCOMPARE(v.exitCode, 0);
    QVERIFY(v.out.startsWith("plinspect 0."));
    const Run h = plinspect({QStringLiteral("--help")});
    QCOMPARE(h.exitCode, 0);
    QVERIFY(h.out.contains("decode"));
    QVERIFY(h.out.contains("craft"));
    const Run dh = plinspect({QStringLiteral("decode"), QStringLiteral("--help")});
    QCOMPARE(dh.exitCode, 0);
    QVERIFY(dh.out.contains("--vendor"));
}

void TestCli::usageLineNamesTheSubcommand_data()
{
    QTest::addColumn<QStringList>("command");
    for (const char *c :
         {"decode", "craft", "send", "listen", "policy eval", "policy test", "policy diff",
          "policy lint", "policy check", "flowlog check", "flowlog query"})
        QTest::newRow(c) << QString::fromLatin1(c).split(QLatin1Char(' '));
}

void TestCli::usageLineNamesTheSubcommand()
{
    // "Usage: /usr/bin/plinspect [options] POLICY" told nobody which
    // subcommand the options belong to.
    QFETCH(QStringList, command);
    const Run r = plinspect(command + QStringList{QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    const QByteArray expected = "Usage: plinspect " + command.join(QLatin1Char(' ')).toUtf8() + ' ';
    QVERIFY2(r.out.startsWith(expected), r.out.left(80).constData());
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList();
    QTest::newRow("unknown command") << QStringList{"frobnicate"};
    QTest::newRow("decode nothing") << QStringList{"decode"};
    QTest::newRow("decode bad hex") << QStringList{"decode", "--hex", "0d0z"};
    QTest::newRow("decode odd hex") << QStringList{"decode", "--hex", "0d0"};
    QTest::newRow("decode unknown vendor")
        << QStringList{"decode", "--vendor", "ibm", "--hex", "00"};
    QTest::newRow("decode missing file") << QStringList{"decode", "/nonexistent/header.bin"};
    QTest::newRow("decode unknown option") << QStringList{"decode", "--frob"};
    QTest::newRow("craft proxy without addresses") << QStringList{"craft"};
    QTest::newRow("craft bad src")
        << QStringList{"craft", "--src", "10.0.0.1", "--dst", "10.0.0.2:80"};
    QTest::newRow("craft bad fault")
        << QStringList{"craft", "--command", "local", "--fault", "melt"};
    QTest::newRow("craft bad tlv")
        << QStringList{"craft", "--command", "local", "--tlv", "0x1ff=00"};
    QTest::newRow("craft v1 with tlv")
        << QStringList{"craft", "--v1", "--src", "1.2.3.4:1", "--dst", "5.6.7.8:2", "--alpn", "h2"};
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run r = plinspect(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
}

void TestCli::decodeJsonContract()
{
    const Run r = plinspect({QStringLiteral("decode"), QStringLiteral("--json"),
                             QStringLiteral("--hex"), QString::fromLatin1(kExample)});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    const QJsonObject h = lines[0][QStringLiteral("header")].toObject();
    QCOMPARE(h[QStringLiteral("version")].toInt(), 2);
    QCOMPARE(h[QStringLiteral("command")].toString(), QStringLiteral("PROXY"));
    QCOMPARE(h[QStringLiteral("family")].toString(), QStringLiteral("INET"));
    QCOMPARE(h[QStringLiteral("protocol")].toString(), QStringLiteral("STREAM"));
    QCOMPARE(h[QStringLiteral("length")].toInt(), 100);
    QCOMPARE(h[QStringLiteral("src")].toString(), QStringLiteral("10.0.0.14:59074"));
    QCOMPARE(h[QStringLiteral("dst")].toString(), QStringLiteral("10.0.0.15:80"));
    QCOMPARE(h[QStringLiteral("crc32c")].toString(), QStringLiteral("valid"));
    QCOMPARE(h[QStringLiteral("vpc_id")].toString(), QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
    QCOMPARE(h[QStringLiteral("endpoint_id")].toString(),
             QStringLiteral("ep-bp1i288487e586152d4b"));
    const QJsonArray tlvs = h[QStringLiteral("tlvs")].toArray();
    QCOMPARE(tlvs.size(), 4);
    QCOMPARE(tlvs[3].toObject()[QStringLiteral("name")].toString(), QStringLiteral("NOOP"));
    QCOMPARE(tlvs[1].toObject()[QStringLiteral("offset")].toInt(), 35);
    QCOMPARE(tlvs[1].toObject()[QStringLiteral("value")].toString(),
             QStringLiteral("0265702d6270316932383834383765353836313532643462"));
    QVERIFY(lines[0][QStringLiteral("warnings")].toArray().isEmpty());
    QVERIFY(!lines[0].contains(QStringLiteral("error")));
}

void TestCli::invalidHeaderExitsOneAndStillPrints()
{
    QString bad = QString::fromLatin1(kExample);
    bad.replace(QStringLiteral("0764b56b"), QStringLiteral("0764b56c"));
    const Run r = plinspect(
        {QStringLiteral("decode"), QStringLiteral("--json"), QStringLiteral("--hex"), bad});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    const QJsonObject error = lines[0][QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("code")].toString(), QStringLiteral("crc_mismatch"));
    QCOMPARE(error[QStringLiteral("offset")].toInt(), 31);
    QVERIFY(error[QStringLiteral("message")].toString().contains(QStringLiteral("0x0764b56b")));
    // What was decoded is still there.
    QCOMPARE(lines[0][QStringLiteral("header")][QStringLiteral("vpc_id")].toString(),
             QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
}

void TestCli::invalidNibblesAreNeverNamedAsValidValues_data()
{
    QTest::addColumn<QString>("fixedPart"); // bytes 12-15 after the signature
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("summary"); // the text output's first line
    QTest::newRow("command 5") << "2511000c"
                               << "bad_command" << 12 << "UNKNOWN"
                               << "INET"
                               << "STREAM"
                               << "PROXY v2 UNKNOWN";
    QTest::newRow("command 15") << "2f00000c"
                                << "bad_command" << 12 << "UNKNOWN"
                                << "UNSPEC"
                                << "UNSPEC"
                                << "PROXY v2 UNKNOWN";
    QTest::newRow("transport 4") << "2114000c"
                                 << "bad_family" << 13 << "PROXY"
                                 << "INET"
                                 << "UNKNOWN"
                                 << "PROXY v2 PROXY";
    QTest::newRow("family 4") << "2141000c"
                              << "bad_family" << 13 << "PROXY"
                              << "UNKNOWN"
                              << "STREAM"
                              << "PROXY v2 PROXY";
    // The version nibble as sent (it was shown as 2 beside "Unsupported version 3").
    QTest::newRow("version 3") << "3111000c"
                               << "bad_version" << 12 << "PROXY"
                               << "INET"
                               << "STREAM"
                               << "PROXY v3 PROXY";
}

void TestCli::invalidNibblesAreNeverNamedAsValidValues()
{
    QFETCH(QString, fixedPart);
    QFETCH(QString, errorCode);
    QFETCH(int, offset);
    QFETCH(QString, command);
    QFETCH(QString, family);
    QFETCH(QString, protocol);
    QFETCH(QString, summary);
    const QString hex = QStringLiteral("0d0a0d0a000d0a515549540a") + fixedPart +
                        QStringLiteral("7f0000017f000002303904d2");
    const Run r = plinspect(
        {QStringLiteral("decode"), QStringLiteral("--json"), QStringLiteral("--hex"), hex});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    const QJsonObject error = lines[0][QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("code")].toString(), errorCode);
    QCOMPARE(error[QStringLiteral("offset")].toInt(), offset);
    const QJsonObject h = lines[0][QStringLiteral("header")].toObject();
    QCOMPARE(h[QStringLiteral("command")].toString(), command);
    QCOMPARE(h[QStringLiteral("family")].toString(), family);
    QCOMPARE(h[QStringLiteral("protocol")].toString(), protocol);
    QCOMPARE(h[QStringLiteral("version")].toInt(), fixedPart.left(1).toInt());

    const Run text = plinspect({QStringLiteral("decode"), QStringLiteral("--hex"), hex});
    QCOMPARE(text.exitCode, 1);
    QVERIFY2(text.out.startsWith(QByteArray(summary.toUtf8() + ' ')), text.out.constData());
}

void TestCli::breakdownRowsAsJson()
{
    const Run r = plinspect({QStringLiteral("decode"), QStringLiteral("--breakdown"),
                             QStringLiteral("--json"), QStringLiteral("--hex"),
                             QString::fromLatin1(kExample)});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> rows = jsonLines(r.out);
    QCOMPARE(rows.size(), 26);
    QCOMPARE(rows[0][QStringLiteral("field")].toString(), QStringLiteral("signature"));
    QCOMPARE(rows[0][QStringLiteral("hex")].toString(), QStringLiteral("0d0a0d0a000d0a515549540a"));
    for (const QJsonObject &row : rows)
        for (const char *key : {"offset", "length", "hex", "field", "value", "note"})
            QVERIFY2(row.contains(QLatin1String(key)), key);
}

// The breakdown table in a Chinese terminal: labels take two cells a
// character, and the Value column still starts at one column on every line.
void TestCli::chineseBreakdownTableLinesUp()
{
    const Run r = plinspect({QStringLiteral("decode"), QStringLiteral("--breakdown"),
                             QStringLiteral("--hex"), QString::fromLatin1(kExample)},
                            30000, pl::test::chineseEnvironment());
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
    const auto headerAt = std::find_if(lines.begin(), lines.end(), [](const QString &l) {
        return l.contains(QLatin1String("Offset")) && l.contains(QLatin1String("Value"));
    });
    QVERIFY(headerAt != lines.end());
    const qsizetype valueColumn = pl::exporting::displayWidth(
        QStringView(*headerAt).left(headerAt->indexOf(QLatin1String("Value"))));
    int chineseRows = 0;
    for (auto it = headerAt + 1; it != lines.end() && !it->isEmpty(); ++it) {
        // The two cells before the Value column are the gap between columns.
        qsizetype cells = 0;
        qsizetype i = 0;
        while (i < it->size() && cells < valueColumn - 2)
            cells += pl::exporting::displayWidth(QStringView(*it).mid(i++, 1));
        if (it->size() <= valueColumn - 2)
            continue; // a row without value or note
        QCOMPARE(cells, valueColumn - 2);
        QVERIFY2(it->mid(i, 2) == QLatin1String("  "), qPrintable(*it));
        chineseRows += pl::exporting::displayWidth(*it) != it->size();
    }
    QVERIFY2(chineseRows > 10, "the labels were not translated: no alignment was tested");
}

void TestCli::humanTableReadsLikeTheVendorTable()
{
    const Run r = plinspect(
        {QStringLiteral("decode"), QStringLiteral("--hex"), QString::fromLatin1(kExample)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("10.0.0.14:59074 -> 10.0.0.15:80"));
    QVERIFY(r.out.contains("VPC ID vpc-bp179qeke0wzo1mr8bxhl"));
    QVERIFY(r.out.contains("endpoint ID ep-bp1i288487e586152d4b"));
    QVERIFY(r.out.contains("CRC32C valid"));
    QVERIFY(r.out.contains("0x04 NOOP"));
    // Columns line up: every table row starts with a right-aligned offset.
    const QList<QByteArray> lines = r.out.split('\n');
    qsizetype header = 0;
    while (header < lines.size() && !lines.at(header).startsWith("Offset"))
        ++header;
    QVERIFY(header + 1 < lines.size());
    QVERIFY(lines.at(header + 1).startsWith("     0   12  0d0a0d0a000d0a515549540a"));
}

void TestCli::hexErrorsNameTheCharacter()
{
    // Characters counted from 1; a lone digit is an odd count, not "not hex".
    const Run odd = plinspect({QStringLiteral("decode"), QStringLiteral("--hex"), "abc"});
    QCOMPARE(odd.exitCode, 2);
    QVERIFY2(odd.err.contains("odd number of hex digits (the digit at character 3 has no pair)"),
             odd.err.constData());
    const Run bad = plinspect({QStringLiteral("decode"), QStringLiteral("--hex"), "abxz"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("not hex at character 3"), bad.err.constData());
}

void TestCli::decodesBinaryAndHexFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile bin(dir.filePath(QStringLiteral("header.bin")));
    QVERIFY(bin.open(QIODevice::WriteOnly));
    bin.write(QByteArray::fromHex(kExample));
    bin.close();
    QFile hexFile(dir.filePath(QStringLiteral("header.hex")));
    QVERIFY(hexFile.open(QIODevice::WriteOnly));
    hexFile.write(QByteArray(kExample) + "\n");
    hexFile.close();
    const Run r = plinspect(
        {QStringLiteral("decode"), QStringLiteral("--json"), bin.fileName(), hexFile.fileName()});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0][QStringLiteral("header")], lines[1][QStringLiteral("header")]);
}

void TestCli::craftReproducesTheExample()
{
    const Run r = plinspect(
        {QStringLiteral("craft"), QStringLiteral("--src"), QStringLiteral("10.0.0.14:59074"),
         QStringLiteral("--dst"), QStringLiteral("10.0.0.15:80"),
         QStringLiteral("--alibaba-endpoint-id"), QStringLiteral("ep-bp1i288487e586152d4b"),
         QStringLiteral("--alibaba-vpc-id"), QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"),
         QStringLiteral("--tlv"), QStringLiteral("0x04=000000000000")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QByteArray(kExample).replace(' ', ""));
}

void TestCli::craftFaultsAreRejectedByDecode()
{
    for (const char *fault :
         {"bad-signature", "bad-length", "truncate", "bad-family", "bad-command"}) {
        const Run c = plinspect({QStringLiteral("craft"), QStringLiteral("--src"),
                                 QStringLiteral("[2001:db8::1]:443"), QStringLiteral("--dst"),
                                 QStringLiteral("[2001:db8::2]:8443"),
                                 QStringLiteral("--aws-vpce-id"), QStringLiteral("vpce-0123"),
                                 QStringLiteral("--fault"), QLatin1String(fault)});
        QCOMPARE(c.exitCode, 0);
        const Run d = plinspect({QStringLiteral("decode"), QStringLiteral("--json"),
                                 QStringLiteral("--hex"), QString::fromLatin1(c.out.trimmed())});
        QVERIFY2(d.exitCode == 1, fault);
        QVERIFY2(d.out.contains("\"error\""), fault);
    }
}

void TestCli::craftWritesFileAtomically()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("local.bin"));
    const Run c = plinspect({QStringLiteral("craft"), QStringLiteral("--command"),
                             QStringLiteral("local"), QStringLiteral("--out"), path});
    QCOMPARE(c.exitCode, 0);
    QCOMPARE(c.out, QByteArray()); // --out alone prints nothing
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QCOMPARE(bytes.size(), 23); // 16 fixed + CRC32C TLV
    QCOMPARE(bytes.at(12), '\x20');
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"local.bin"});
}

void TestCli::craftV1()
{
    const Run r = plinspect({QStringLiteral("craft"), QStringLiteral("--v1"),
                             QStringLiteral("--src"), QStringLiteral("192.0.2.1:5000"),
                             QStringLiteral("--dst"), QStringLiteral("198.51.100.1:80")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QByteArray::fromHex(r.out.trimmed()),
             QByteArray("PROXY TCP4 192.0.2.1 198.51.100.1 5000 80\r\n"));
}

void TestCli::craftPcapDecodesBack()
{
    // A crafted header saved as a capture reads back as one connection
    // carrying exactly that header (the capture reader sees a TCP handshake).
    QTemporaryDir dir;
    const QString pcap = dir.filePath(QStringLiteral("crafted.pcap"));
    const Run c = plinspect({QStringLiteral("craft"), QStringLiteral("--src"),
                             QStringLiteral("10.0.0.14:59074"), QStringLiteral("--dst"),
                             QStringLiteral("10.0.0.15:80"), QStringLiteral("--alibaba-vpc-id"),
                             QStringLiteral("vpc-pcap"), QStringLiteral("--pcap"), pcap,
                             QStringLiteral("--hex")});
    QCOMPARE(c.exitCode, 0);
    const Run d = plinspect({QStringLiteral("decode"), QStringLiteral("--json"), pcap});
    QCOMPARE(d.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(d.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0][QStringLiteral("server")].toString(), QStringLiteral("10.0.0.15:80"));
    const QJsonObject h = lines[0][QStringLiteral("header")].toObject();
    QCOMPARE(h[QStringLiteral("vpc_id")].toString(), QStringLiteral("vpc-pcap"));
    QCOMPARE(h[QStringLiteral("crc32c")].toString(), QStringLiteral("valid"));
    QCOMPARE(h[QStringLiteral("src")].toString(), QStringLiteral("10.0.0.14:59074"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
