// The flow-log check with its flow state on disk: with no memory budget at
// all (every record spills, so flows are merged from many rounds and judged
// partition by partition) the report is byte for byte the one kept in
// memory gives, on every fixture and on a generated mix of long
// connections, both directions, IPv6, rejects and servers on high ports.

#include "flowlog/flowanalyzer.h"
#include "flowlog/flowreportformat.h"
#include "flowlog/ownership.h"
#include "flowlog/recordreader.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTest>

using namespace pl::flowlog;

namespace {

QByteArray check(const std::vector<std::string> &files, std::size_t budget,
                 std::uint64_t *spilled = nullptr)
{
    Ownership ownership;
    ownership.loadCidrCsv(QStringLiteral(PL_FLOWLOG_DATA "/ranges.csv"));
    AnalyzerOptions options;
    options.memoryBudget = budget;
    FlowAnalyzer analyzer(ownership, options);
    RecordReader reader;
    ReadStats stats;
    reader.readFiles(
        files,
        [&analyzer](const FlowRecord &r, std::uint32_t file, std::uint64_t line) {
            analyzer.add(r, file, line);
        },
        stats);
    const FlowReport report = analyzer.finish(stats);
    if (spilled)
        *spilled = report.spilledBytes;
    // All of it but the line saying that the state went through the disk.
    QByteArray text = reportText(report, 1000);
    const qsizetype note = text.indexOf("Flow state beyond the memory budget");
    if (note >= 0)
        text.remove(note, text.indexOf('\n', note) + 1 - note);
    return reportJsonLines(report) + text;
}

// AWS v5 text: 300 ENIs, connections over up to 4 windows, both directions,
// in shuffled order; some IPv6, some REJECT, some servers on high ports.
QByteArray generatedLog(int connections)
{
    QRandomGenerator rng(42);
    QList<QByteArray> lines;
    const auto ip = [&rng](bool v6, bool isPrivate) -> QByteArray {
        if (v6)
            return QByteArray("2001:db8:") + QByteArray::number(rng.bounded(50), 16) +
                   "::" + QByteArray::number(rng.bounded(4000), 16);
        if (isPrivate)
            return "10.1." + QByteArray::number(rng.bounded(250)) + "." +
                   QByteArray::number(rng.bounded(250));
        const char *prefixes[] = {"118.178.", "47.100.", "93.184."};
        return prefixes[rng.bounded(3)] + QByteArray::number(rng.bounded(250)) + "." +
               QByteArray::number(rng.bounded(250));
    };
    for (int c = 0; c < connections; ++c) {
        const int eni = int(rng.bounded(300));
        const bool v6 = rng.bounded(10) == 0;
        const QByteArray local = v6 ? ip(true, false) : "10.0." + QByteArray::number(eni) + ".5";
        const QByteArray remote = ip(v6, rng.bounded(5) == 0);
        const bool highServer = rng.bounded(8) == 0; // we serve on 8443 to a peer
        const int localPort = highServer ? 8443 : 32768 + int(rng.bounded(20000));
        const int remotePort = highServer ? 40000 + int(rng.bounded(20000)) : 443;
        const bool reject = rng.bounded(20) == 0;
        const int windows = 1 + int(rng.bounded(4));
        for (int w = 0; w < windows; ++w) {
            for (const bool out : {true, false}) {
                if (reject && !out)
                    continue;
                const int start = 1720775400 + 60 * w;
                const int flags = w == 0 ? ((out != highServer) ? 2 : 18) : 24;
                lines << "5 123456789012 eni-" + QByteArray::number(eni) + " " +
                             (out ? local : remote) + " " + (out ? remote : local) + " " +
                             QByteArray::number(out ? localPort : remotePort) + " " +
                             QByteArray::number(out ? remotePort : localPort) + " 6 " +
                             QByteArray::number(1 + rng.bounded(100)) + " " +
                             QByteArray::number(100 + rng.bounded(100000)) + " " +
                             QByteArray::number(start) + " " + QByteArray::number(start + 60) +
                             (reject ? " REJECT" : " ACCEPT") + " OK vpc-" +
                             QByteArray::number(eni / 30) + " i-" + QByteArray::number(eni) + " " +
                             QByteArray::number(flags) + (out ? " egress" : " ingress");
            }
        }
    }
    // Exports are unsorted: file order proves nothing.
    for (qsizetype i = lines.size() - 1; i > 0; --i)
        lines.swapItemsAt(i, qsizetype(rng.bounded(quint32(i + 1))));
    return "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets "
           "bytes start end action log-status vpc-id instance-id tcp-flags flow-direction\n" +
           lines.join('\n') + '\n';
}

} // namespace

class TestFlowlogSpill : public QObject
{
    Q_OBJECT

private slots:
    void fixturesGiveTheSameReport_data();
    void fixturesGiveTheSameReport();
    void generatedLogGivesTheSameReport();
    void unwritableTempDirIsAnError();
};

void TestFlowlogSpill::fixturesGiveTheSameReport_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(PL_FLOWLOG_DATA));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        if (name.endsWith(QLatin1String(".py")) || name.startsWith(QLatin1String("ranges")) ||
            name.contains(QLatin1String("public-ips")) ||
            name.contains(QLatin1String("inventory")) || name.contains(QLatin1String("ip-ranges")))
            continue;
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }
}

void TestFlowlogSpill::fixturesGiveTheSameReport()
{
    QFETCH(QString, file);
    const std::vector<std::string> files{file.toStdString()};
    std::uint64_t spilled = 0;
    const QByteArray inMemory = check(files, std::size_t(48) << 20);
    const QByteArray onDisk = check(files, 0, &spilled);
    QCOMPARE(onDisk, inMemory);
    QVERIFY(spilled > 0 || !inMemory.contains("\"class\""));
}

void TestFlowlogSpill::generatedLogGivesTheSameReport()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("generated.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(generatedLog(3000));
    f.close();
    const std::vector<std::string> files{path.toStdString()};
    std::uint64_t spilledMemory = 0, spilledDisk = 0, spilledSome = 0;
    const QByteArray inMemory = check(files, std::size_t(48) << 20, &spilledMemory);
    const QByteArray onDisk = check(files, 0, &spilledDisk);
    const QByteArray someOnDisk = check(files, std::size_t(1) << 20, &spilledSome);
    QCOMPARE(spilledMemory, std::uint64_t(0));
    QVERIFY(spilledDisk > 0);
    QVERIFY(inMemory.count('\n') > 50);
    QVERIFY(spilledSome > 0);
    QCOMPARE(onDisk, inMemory);
    QCOMPARE(someOnDisk, inMemory);
}

void TestFlowlogSpill::unwritableTempDirIsAnError()
{
    const QByteArray before = qgetenv("TMPDIR");
    qputenv("TMPDIR", "/nonexistent/plinspect-spill-test");
    Ownership ownership;
    AnalyzerOptions options;
    options.memoryBudget = 0;
    FlowAnalyzer analyzer(ownership, options);
    RecordReader reader;
    ReadStats stats;
    reader.readFile(
        PL_FLOWLOG_DATA "/aws_v5.log.gz",
        [&analyzer](const FlowRecord &r, std::uint32_t file, std::uint64_t line) {
            analyzer.add(r, file, line);
        },
        stats);
    const FlowReport report = analyzer.finish(stats);
    qputenv("TMPDIR", before);
    // Said, and the check still complete: the state stayed in memory.
    QVERIFY(!report.fileErrors.empty());
    QVERIFY2(report.fileErrors.back().find("/nonexistent/plinspect-spill-test") !=
                     std::string::npos &&
                 report.fileErrors.back().find("stayed in memory") != std::string::npos,
             report.fileErrors.back().c_str());
    QVERIFY(report.requestFlows > 0);
    QCOMPARE(report.spilledBytes, std::uint64_t(0));
}

QTEST_GUILESS_MAIN(TestFlowlogSpill)
#include "tst_flowlogspill.moc"
