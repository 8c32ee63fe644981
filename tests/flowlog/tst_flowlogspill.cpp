// The flow-log check with its flow state on disk: with no memory budget at
// all (every record spills, so flows are merged from many rounds and judged
// partition by partition) the report is byte for byte the one kept in
// memory gives, on every fixture and on a generated mix of long
// connections, both directions, IPv6, rejects and servers on high ports.
// The same holds for lines parsed on worker threads (BatchParser) against
// lines parsed on the caller's: batches come back in file order; and for
// the analysis split in shards of ENIs fed on those threads.

#include "flowlog/flowanalyzer.h"
#include "flowlog/flowreportformat.h"
#include "flowlog/ownership.h"
#include "flowlog/recordreader.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

using namespace pl::flowlog;

namespace {

// shards > 0: the analysis in that many shards, one per parse thread.
QByteArray check(const std::vector<std::string> &files, std::size_t budget,
                 std::uint64_t *spilled = nullptr, int parseThreads = -1, unsigned shards = 0)
{
    Ownership ownership;
    ownership.loadCidrCsv(QStringLiteral(PL_FLOWLOG_DATA "/ranges.csv"));
    AnalyzerOptions options;
    options.memoryBudget = budget;
    ReadOptions readOptions;
    readOptions.parseThreads = shards > 0 ? int(shards) : parseThreads;
    RecordReader reader(readOptions);
    FlowAnalyzer analyzer(ownership, options, shards > 0 ? reader.shardCount() : 1);
    ReadStats stats;
    if (shards > 0) {
        if (analyzer.shardCount() != shards)
            return "wrong shard count";
        reader.readFilesSharded(
            files, shards,
            [&analyzer](unsigned shard, const FlowRecord &r, std::uint32_t file,
                        std::uint64_t line) { analyzer.add(shard, r, file, line); },
            stats);
    } else {
        reader.readFiles(
            files,
            [&analyzer](const FlowRecord &r, std::uint32_t file, std::uint64_t line) {
                analyzer.add(r, file, line);
            },
            stats);
    }
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
// in shuffled order; some IPv6, some REJECT, some servers on high ports;
// some through a gateway endpoint (traffic-path 7) in every window, some
// from their second window on (a flow's windows may land in two rounds).
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
        const bool remotePrivate = rng.bounded(5) == 0;
        const QByteArray remote = ip(v6, remotePrivate);
        const bool highServer = rng.bounded(8) == 0; // we serve on 8443 to a peer
        const int localPort = highServer ? 8443 : 32768 + int(rng.bounded(20000));
        const int remotePort = highServer ? 40000 + int(rng.bounded(20000)) : 443;
        const bool reject = rng.bounded(20) == 0;
        const int windows = 1 + int(rng.bounded(4));
        const int path = int(rng.bounded(4)); // 1: endpoint always, 2: from window 2
        // One ENI in five reaches the Internet through its VPC's NAT gateway,
        // which logs it again; every other one of those has no flow log.
        const bool throughNat = !v6 && !remotePrivate && !reject && !highServer && eni % 5 == 0;
        const bool ownLogged = !throughNat || eni % 10 != 0;
        for (int w = 0; w < windows && throughNat; ++w) {
            const QByteArray nat = "10.9." + QByteArray::number(eni / 30) + ".1";
            const QByteArray natPort = QByteArray::number(1024 + c);
            const QByteArray ports[2] = {QByteArray::number(localPort),
                                         QByteArray::number(remotePort)};
            const QByteArray start = QByteArray::number(1720775400 + 60 * w);
            const QByteArray flags = w == 0 ? "2" : "24";
            const QByteArray legs[4][5] = {
                {local, remote, ports[0], ports[1], "ingress"}, // instance -> NAT
                {nat, remote, natPort, ports[1], "egress"},     // translated
                {remote, nat, ports[1], natPort, "ingress"},
                {remote, local, ports[1], ports[0], "egress"}}; // NAT -> instance
            for (const auto &leg : legs)
                lines << "5 123456789012 eni-nat" + QByteArray::number(eni / 30) + " " + leg[0] +
                             " " + leg[1] + " " + leg[2] + " " + leg[3] + " 6 10 1000 " + start +
                             " " + start + " ACCEPT OK vpc-" + QByteArray::number(eni / 30) +
                             " - " + flags + " " + leg[4] + " -";
        }
        for (int w = 0; w < windows && ownLogged; ++w) {
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
                             QByteArray::number(flags) + (out ? " egress" : " ingress") +
                             (out && (path == 1 || (path == 2 && w > 0)) ? " 7" : " 8");
            }
        }
    }
    // Exports are unsorted: file order proves nothing.
    for (qsizetype i = lines.size() - 1; i > 0; --i)
        lines.swapItemsAt(i, qsizetype(rng.bounded(quint32(i + 1))));
    return "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets "
           "bytes start end action log-status vpc-id instance-id tcp-flags flow-direction "
           "traffic-path\n" +
           lines.join('\n') + '\n';
}

// Findings that tie on bytes, so the output's order is that of their keys
// (instance and VPC IDs in the order of their names): 240 ENIs of 60 instances
// (an instance's ENIs land in different shards), one request each of the
// same size, instances and VPCs first seen in an order unlike their names.
QByteArray tiedLog()
{
    QByteArray log = "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
                     "packets bytes start end action log-status vpc-id instance-id tcp-flags "
                     "flow-direction\n";
    for (int i = 0; i < 240; ++i) {
        const int eni = (i * 7) % 240;
        const QByteArray n = QByteArray::number(eni);
        log += "5 1 eni-" + n + " 10.0." + n + ".5 93.184.216." + QByteArray::number(eni % 200) +
               " 40000 443 6 10 1000 100 160 ACCEPT OK vpc-" + QByteArray::number((eni * 13) % 9) +
               " i-" + QByteArray::number((eni * 11) % 60) + " 2 egress\n";
    }
    return log;
}

// log written to dir; empty when it could not be.
QString writeLog(const QTemporaryDir &dir, const QString &name, const QByteArray &log)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(log) < 0)
        return {};
    return path;
}

// generatedLog(3000) written to dir.
QString writeGeneratedLog(const QTemporaryDir &dir)
{
    return writeLog(dir, QStringLiteral("generated.log"), generatedLog(3000));
}

} // namespace

class TestFlowlogSpill : public QObject
{
    Q_OBJECT

private slots:
    void fixturesGiveTheSameReport_data();
    void fixturesGiveTheSameReport();
    void generatedLogGivesTheSameReport();
    void smallLogsGiveTheSameReport_data();
    void smallLogsGiveTheSameReport();
    void workerThreadsGiveTheSameReport();
    void shardsGiveTheSameReport();
    void oneBusyEniUsesTheWholeBudget();
    void contextsSeenAfterASpillDoNotReorder();
    void aThrowingSinkStopsTheRead();
    void unwritableTempDirIsAnError();
};

// The flow-log fixtures, without the ownership inputs and the generator.
QStringList logFixtures()
{
    QStringList files;
    const QDir dir(QStringLiteral(PL_FLOWLOG_DATA));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        if (name.endsWith(QLatin1String(".py")) || name.startsWith(QLatin1String("ranges")) ||
            name.contains(QLatin1String("public-ips")) ||
            name.contains(QLatin1String("inventory")) || name.contains(QLatin1String("ip-ranges")))
            continue;
        files << dir.filePath(name);
    }
    return files;
}

void TestFlowlogSpill::fixturesGiveTheSameReport_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : logFixtures())
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void TestFlowlogSpill::fixturesGiveTheSameReport()
{
    QFETCH(QString, file);
    const std::vector<std::string> files{file.toStdString()};
    std::uint64_t spilled = 0;
    const QByteArray inMemory = check(files, std::size_t(48) << 20);
    const QByteArray onDisk = check(files, 0, &spilled);
    QCOMPARE(onDisk, inMemory);
    // Spilling starts at a record's arrival with flows held: a file of one
    // line (a query's result of one row) has nothing to spill.
    QVERIFY(spilled > 0 || !inMemory.contains("\"class\"") || inMemory.contains("\"lines\":1,"));
}

void TestFlowlogSpill::generatedLogGivesTheSameReport()
{
    QTemporaryDir dir;
    const QString path = writeGeneratedLog(dir);
    QVERIFY(!path.isEmpty());
    const std::vector<std::string> files{path.toStdString()};
    std::uint64_t spilledMemory = 0, spilledDisk = 0, spilledSome = 0;
    const QByteArray inMemory = check(files, std::size_t(48) << 20, &spilledMemory);
    const QByteArray onDisk = check(files, 0, &spilledDisk);
    const QByteArray someOnDisk = check(files, std::size_t(200) << 10, &spilledSome);
    QCOMPARE(spilledMemory, std::uint64_t(0));
    QVERIFY(spilledDisk > 0);
    QVERIFY(inMemory.count('\n') > 50);
    QVERIFY2(!inMemory.contains("\"already_private_flows\":0,"), "no flow private already");
    QVERIFY2(!inMemory.contains("\"nat_copy_flows\":0,"), "no NAT gateway copy");
    QVERIFY(spilledSome > 0);
    QCOMPARE(onDisk, inMemory);
    QCOMPARE(someOnDisk, inMemory);
}

void TestFlowlogSpill::smallLogsGiveTheSameReport_data()
{
    // Logs too small to fill every spill file: a log without inbound
    // records spills no learnt port at all (that file was never created,
    // and reading it back used to end the check with no flow and no word).
    const QByteArray header = "version account-id interface-id srcaddr dstaddr srcport dstport "
                              "protocol packets bytes start end action log-status\n";
    const QByteArray out1 = "2 1 eni-a 10.0.0.5 52.95.128.10 40000 443 6 10 1000 100 160 ACCEPT "
                            "OK\n";
    const QByteArray out2 = "2 1 eni-a 10.0.0.5 47.100.0.20 40001 80 6 10 2000 100 160 ACCEPT "
                            "OK\n";
    const QByteArray in1 = "2 1 eni-a 52.95.128.10 10.0.0.5 443 40000 6 10 9000 100 160 ACCEPT "
                           "OK\n";
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<int>("requests");
    QTest::newRow("one outbound record") << header + out1 << 1;
    QTest::newRow("two outbound records, no inbound") << header + out1 + out2 << 2;
    QTest::newRow("both directions") << header + out1 + in1 + out2 << 2;
}

void TestFlowlogSpill::smallLogsGiveTheSameReport()
{
    QFETCH(QByteArray, log);
    QFETCH(int, requests);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("small.log")));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(log) == log.size());
    file.close();
    const std::vector<std::string> files{file.fileName().toStdString()};
    std::uint64_t spilled = 0;
    const QByteArray inMemory = check(files, std::size_t(48) << 20);
    const QByteArray onDisk = check(files, 0, &spilled);
    QCOMPARE(inMemory.count("\"class\""), requests);
    QCOMPARE(onDisk, inMemory);
}

void TestFlowlogSpill::workerThreadsGiveTheSameReport()
{
    QTemporaryDir dir;
    const QString path = writeGeneratedLog(dir); // about 15,000 lines: several batches
    QVERIFY(!path.isEmpty());
    // Every fixture in one run too: the format changes from file to file
    // while batches of the file before are still on the workers, and the
    // broken lines' samples must keep their order.
    std::vector<std::string> all;
    for (const QString &file : logFixtures())
        all.push_back(file.toStdString());
    all.push_back(path.toStdString());
    for (const std::vector<std::string> &files :
         {std::vector<std::string>{path.toStdString()}, all}) {
        const QByteArray onCaller = check(files, std::size_t(48) << 20, nullptr, 0);
        QVERIFY(onCaller.count('\n') > 50);
        QCOMPARE(check(files, std::size_t(48) << 20, nullptr, 1), onCaller);
        QCOMPARE(check(files, std::size_t(48) << 20, nullptr, 3), onCaller);
    }
    QVERIFY(check(all, std::size_t(48) << 20, nullptr, 0).contains("malformed"));
}

void TestFlowlogSpill::shardsGiveTheSameReport()
{
    QTemporaryDir dir;
    const QString generated = writeGeneratedLog(dir);
    const QString tied = writeLog(dir, QStringLiteral("tied.log"), tiedLog());
    QVERIFY(!generated.isEmpty() && !tied.isEmpty());
    std::vector<std::string> all;
    for (const QString &file : logFixtures())
        all.push_back(file.toStdString());
    all.push_back(generated.toStdString());
    all.push_back(tied.toStdString());
    const std::vector<std::vector<std::string>> inputs{
        {tied.toStdString()}, {generated.toStdString()}, all};
    for (const std::vector<std::string> &files : inputs) {
        const QByteArray oneShard = check(files, std::size_t(48) << 20, nullptr, 0);
        QVERIFY(oneShard.count("\"class\"") >= 60);
        for (const unsigned shards : {1u, 2u, 3u, 5u}) {
            QCOMPARE(check(files, std::size_t(48) << 20, nullptr, -1, shards), oneShard);
            // Each shard spilling its own state, judged partition by
            // partition. A budget of 0 spills after every record (a table
            // chunk allocated each time): two shard counts keep the
            // sanitizer build within its time.
            if (shards == 2 || shards == 5)
                QCOMPARE(check(files, 0, nullptr, -1, shards), oneShard);
        }
    }
}

void TestFlowlogSpill::oneBusyEniUsesTheWholeBudget()
{
    // A NAT gateway's ENI carries most flows, all in one shard: the shards
    // share the budget, so that shard does not spill at its even share
    // while the others sit empty. 20,000 flows: about 2.7 MiB of tables.
    QByteArray log = "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
                     "packets bytes start end action log-status\n";
    for (int i = 0; i < 20000; ++i)
        log += "2 1 eni-nat 10.0.0.5 93.184." + QByteArray::number(i / 250) + "." +
               QByteArray::number(i % 250) + " " + QByteArray::number(30000 + i % 30000) +
               " 443 6 1 100 1720775400 1720775460 ACCEPT OK\n";
    QTemporaryDir dir;
    const QString path = writeLog(dir, QStringLiteral("nat.log"), log);
    QVERIFY(!path.isEmpty());
    const std::vector<std::string> files{path.toStdString()};
    const std::size_t budget = std::size_t(4) << 20;
    std::uint64_t spilledOne = 1, spilledFour = 1, spilledSmall = 0;
    const QByteArray oneShard = check(files, budget, &spilledOne, -1, 1);
    QCOMPARE(check(files, budget, &spilledFour, -1, 4), oneShard);
    QCOMPARE(spilledOne, 0u);
    QCOMPARE(spilledFour, 0u); // a quarter of the budget would have spilled
    // Under it, the busy shard spills, and the report stays the same.
    QCOMPARE(check(files, std::size_t(1) << 20, &spilledSmall, -1, 4), oneShard);
    QVERIFY(spilledSmall > 0);
}

void TestFlowlogSpill::contextsSeenAfterASpillDoNotReorder()
{
    // Back from disk, a flow takes its context from a later record: here
    // i-aaa, which the in-memory run meets only on line 5. The three
    // findings tie on bytes, so their order rests on the instance IDs: in
    // the order of their names, whatever was interned when.
    const QByteArray log =
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
        "start end action log-status instance-id tcp-flags\n"
        "2 1 eni-1 10.0.0.1 93.184.0.1 40000 443 6 1 100 100 160 ACCEPT OK i-zzz 2\n"
        "2 1 eni-1 10.0.0.1 93.184.0.1 40000 443 6 1 0 160 220 ACCEPT OK i-aaa 16\n"
        "2 1 eni-2 10.0.0.2 93.184.0.2 40000 443 6 1 100 100 160 ACCEPT OK i-mmm 2\n"
        "2 1 eni-3 10.0.0.3 93.184.0.3 40000 443 6 1 100 100 160 ACCEPT OK i-aaa 2\n";
    QTemporaryDir dir;
    const QString path = writeLog(dir, QStringLiteral("contexts.log"), log);
    QVERIFY(!path.isEmpty());
    const std::vector<std::string> files{path.toStdString()};
    std::uint64_t spilled = 0;
    const QByteArray inMemory = check(files, std::size_t(48) << 20, nullptr, -1, 1);
    QCOMPARE(check(files, 0, &spilled, -1, 1), inMemory);
    QVERIFY(spilled > 0);
    QCOMPARE(check(files, 0, nullptr, -1, 2), inMemory);
    const qsizetype aaa = inMemory.indexOf("\"vm_id\":\"i-aaa\"");
    const qsizetype mmm = inMemory.indexOf("\"vm_id\":\"i-mmm\"");
    const qsizetype zzz = inMemory.indexOf("\"vm_id\":\"i-zzz\"");
    QVERIFY(aaa >= 0 && aaa < mmm && mmm < zzz);
}

void TestFlowlogSpill::aThrowingSinkStopsTheRead()
{
    // The GUI cancels a load by throwing from the sink: the exception comes
    // out of the reader, no worker is left running, nothing more is read.
    QTemporaryDir dir;
    const QString path = writeGeneratedLog(dir);
    QVERIFY(!path.isEmpty());
    struct Cancelled
    {};
    ReadOptions options;
    options.parseThreads = 2;
    RecordReader reader(options);
    ReadStats stats;
    std::uint64_t seen = 0;
    bool thrown = false;
    try {
        reader.readFile(
            path.toStdString(),
            [&seen](const FlowRecord &, std::uint32_t, std::uint64_t) {
                if (++seen == 3000)
                    throw Cancelled{};
            },
            stats);
    } catch (const Cancelled &) {
        thrown = true;
    }
    QVERIFY(thrown);
    QCOMPARE(seen, std::uint64_t(3000));
    ReadStats whole;
    reader.readFile(
        path.toStdString(), [](const FlowRecord &, std::uint32_t, std::uint64_t) {}, whole);
    QVERIFY(whole.records > 10000);
    QVERIFY(stats.records < whole.records);
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
