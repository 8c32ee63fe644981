// plinspect flowlog as a user runs it: real process, committed fixtures,
// exit statuses 0 / 1 (malformed input, still reported) / 2 (usage).

#include "plinspectprocess.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <sys/stat.h>

using pl::test::jsonLines;
using pl::test::plinspect;
using pl::test::Run;

namespace {

QString data(const char *name)
{
    return QStringLiteral(PL_FLOWLOG_DATA "/") + QLatin1String(name);
}

QStringList ownershipArgs()
{
    return {QStringLiteral("--ranges"), data("ranges.csv"), QStringLiteral("--inventory"),
            data("inventory.csv")};
}

// "class source destination port" of every finding, in output order.
QStringList findingLines(const QList<QJsonObject> &objects)
{
    QStringList lines;
    for (const QJsonObject &o : objects) {
        if (o.value(QLatin1String("summary")).toBool())
            continue;
        const QJsonObject src = o.value(QLatin1String("source")).toObject();
        const QJsonObject dst = o.value(QLatin1String("destination")).toObject();
        QString source = src.value(QLatin1String("vm_id")).toString();
        if (source.isEmpty())
            source = src.value(QLatin1String("addr")).toString();
        QString destination = dst.value(QLatin1String("service")).toString();
        if (destination.isEmpty())
            destination = dst.value(QLatin1String("resource_id")).toString();
        lines << QStringLiteral("%1 %2 %3 %4")
                     .arg(o.value(QLatin1String("class")).toString(), source,
                          destination.isEmpty() ? QStringLiteral("-") : destination)
                     .arg(o.value(QLatin1String("port")).toInt());
    }
    return lines;
}

// Writes a log of the test's own into dir: its path, or empty when it
// could not be written.
QString writeLog(const QTemporaryDir &dir, const char *name, const QByteArray &text)
{
    QFile f(dir.filePath(QLatin1String(name)));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return {};
    return f.fileName();
}

// A log checked as it is and a query's result of it read back, with the
// same options (--json among them): both runs and their objects.
struct RawAndBack
{
    Run raw, back;
    QList<QJsonObject> rawObjects, backObjects;
};

RawAndBack checkRawAndBack(const char *log, const char *result, const QStringList &options)
{
    RawAndBack r;
    r.raw = plinspect(QStringList{QStringLiteral("flowlog"), QStringLiteral("check"), data(log)} +
                      options);
    r.back = plinspect(
        QStringList{QStringLiteral("flowlog"), QStringLiteral("check"), data(result)} + options);
    r.rawObjects = jsonLines(r.raw.out);
    r.backObjects = jsonLines(r.back.out);
    return r;
}

// A read-back without errors that gives the raw check's findings, in its
// order, with the same figures out (bytes in are each test's own). The
// caller returns when QTest::currentTestFailed().
void compareOutFigures(const RawAndBack &r, qsizetype findings)
{
    QCOMPARE(r.back.exitCode, 0);
    QVERIFY2(r.back.err.isEmpty(), r.back.err.constData());
    QCOMPARE(findingLines(r.backObjects), findingLines(r.rawObjects));
    QCOMPARE(findingLines(r.backObjects).size(), findings);
    for (qsizetype i = 0; i + 1 < r.backObjects.size(); ++i) {
        for (const char *key :
             {"bytes", "packets", "records", "class", "port", "first_seen", "last_seen"})
            QCOMPARE(r.backObjects.at(i).value(QLatin1String(key)),
                     r.rawObjects.at(i).value(QLatin1String(key)));
    }
}

} // namespace

class TestFlowlogCli : public QObject
{
    Q_OBJECT

private slots:
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void jsonFindingsOfTheMixedFixture();
    void queryResultReadsBack();
    void queryResultWithoutAnswers();
    void athenaQueryResultReadsBack();
    void athenaQueryResultCountsANatOnce();
    void athenaQueryFitsTheLogsFormat();
    void athenaOwnFormatResultReadsBack();
    void answerColumnsOutOfPlaceAreMalformed_data();
    void answerColumnsOutOfPlaceAreMalformed();
    void instanceTotalsKnowEachSum();
    void queryRowsToHighPortsStayRequests();
    void sameFindingsFromEveryEncoding_data();
    void sameFindingsFromEveryEncoding();
    void standardInput();
    void firehoseDeliveryReadsAsItsText();
    void dialectRefusesTheOtherCloud_data();
    void dialectRefusesTheOtherCloud();
    void dialectHoldsPastAHeaderChange();
    void awsPublishedExampleIsAGatewayEndpointCase();
    void awsLogAsCsvKeepsAwsTrafficPaths();
    void formatAsDescribeFlowLogsPrintsIt();
    void natGatewayConnectionsCountOnce_data();
    void natGatewayConnectionsCountOnce();
    void readableSummaryRanksInstances();
    void csvAndMarkdown();
    void controlCharactersStayText();
    void queryInboundRowsAreNoted();
    void queries_data();
    void queries();
    void queriesTakeDocumentationRangesWhenAsked();
    void ownershipFromPipesAndCompressedFiles();
    void queriesOrderEqualBytesByTheirKeys_data();
    void queriesOrderEqualBytesByTheirKeys();

private:
    QTemporaryDir m_emptyDirectory; // a log folder with no file in it
};

void TestFlowlogCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no subcommand") << QStringList{"flowlog"};
    QTest::newRow("unknown subcommand") << QStringList{"flowlog", "inspect"};
    QTest::newRow("no logs") << QStringList{"flowlog", "check"};
    QTest::newRow("missing log") << QStringList{"flowlog", "check", "/nonexistent.log"};
    QTest::newRow("log folder with no file")
        << QStringList{"flowlog", "check", data("aws_doc.txt"), m_emptyDirectory.path()};
    QTest::newRow("bad dialect") << QStringList{"flowlog", "check", "--dialect", "gcp",
                                                data("aws_doc.txt")};
    QTest::newRow("two outputs") << QStringList{"flowlog", "check", "--json", "--csv",
                                                data("aws_doc.txt")};
    QTest::newRow("bad port list")
        << QStringList{"flowlog", "check", "--listening-ports", "80,x", data("aws_doc.txt")};
    QTest::newRow("missing ranges file")
        << QStringList{"flowlog", "check", "--ranges", "/nonexistent.csv", data("aws_doc.txt")};
    QTest::newRow("bad engine") << QStringList{"flowlog", "query", "--engine", "bigquery"};
    QTest::newRow("a query's format without the fields it reads")
        << QStringList{"flowlog", "query",    "--engine",
                       "athena",  "--format", "version interface-id srcaddr dstaddr"};
    QTest::newRow("a format naming no field")
        << QStringList{"flowlog", "query", "--engine", "athena", "--format", " "};
    QTest::newRow("a format giving a field twice")
        << QStringList{"flowlog",
                       "query",
                       "--engine",
                       "athena",
                       "--format",
                       "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
                       "packets bytes start end action log-status log_status"};
    QTest::newRow("a table for the SLS query")
        << QStringList{"flowlog", "query", "--engine", "sls", "--table", "db.t"};
    QTest::newRow("a format for the SLS query")
        << QStringList{"flowlog",
                       "query",
                       "--engine",
                       "sls",
                       "--format",
                       "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
                       "packets bytes start end action log-status"};
    QTest::newRow("a statement as the Athena table")
        << QStringList{"flowlog", "query", "--engine", "athena", "--table", "db.tbl; DROP TABLE x"};
    QTest::newRow("a quote in the Athena table")
        << QStringList{"flowlog", "query", "--engine", "athena", "--table", "my\"db.t"};
    QTest::newRow("a typo in --format")
        << QStringList{"flowlog", "check", "--format", "interface-id srcaddr pkt-dst-addr",
                       data("aws_cloudwatch_v2.txt")};
}

void TestFlowlogCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run run = plinspect(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY(!run.err.isEmpty());
}

void TestFlowlogCli::jsonFindingsOfTheMixedFixture()
{
    const Run run = plinspect(
        QStringList{"flowlog", "check", "--json", data("alibaba_mixed.jsonl")} + ownershipArgs());
    QCOMPARE(run.exitCode, 1); // three broken lines, still reported
    QVERIFY(run.err.contains("alibaba_mixed.jsonl:6"));
    const QList<QJsonObject> objects = jsonLines(run.out);
    QVERIFY(!objects.isEmpty());
    // One finding per owner: the bucket's IPv4 and IPv6 ranges are two
    // lines of the ranges file with the same owner.
    const QStringList expected{"gateway_endpoint i-web1 OSS 443",
                               "cross_vpc i-web1 lb-data1 443",
                               "interface_endpoint i-web1 SLS 443",
                               "interface_endpoint i-batch SLS 443",
                               "internet i-web1 - 443",
                               "hairpin i-web1 eip-web1 80",
                               "internet i-web1 - 0",
                               "rejected i-web1 - 53"};
    QCOMPARE(findingLines(objects), expected);

    const QJsonObject oss = objects.front();
    // Three windows of one flow over IPv4, one record over IPv6.
    QCOMPARE(oss.value(QLatin1String("flows")).toInt(), 2);
    QCOMPARE(oss.value(QLatin1String("records")).toInt(), 4);
    QCOMPARE(oss.value(QLatin1String("bytes")).toInt(), 3700000);
    QCOMPARE(oss.value(QLatin1String("destination"))
                 .toObject()
                 .value(QLatin1String("sample_addrs"))
                 .toArray()
                 .size(),
             2);
    QCOMPARE(oss.value(QLatin1String("confidence")).toString(), QStringLiteral("high"));
    QCOMPARE(oss.value(QLatin1String("rules"))
                 .toObject()
                 .value(QLatin1String("rule1_outbound_syn"))
                 .toInt(),
             2);
    QCOMPARE(oss.value(QLatin1String("samples")).toArray().size(), 3);
    QVERIFY(oss.value(QLatin1String("recommendation"))
                .toString()
                .startsWith(QLatin1String("Create an OSS gateway endpoint in vpc-app")));

    const QJsonObject summary = objects.back();
    QVERIFY(summary.value(QLatin1String("summary")).toBool());
    QCOMPARE(summary.value(QLatin1String("malformed")).toInt(), 3);
    QCOMPARE(summary.value(QLatin1String("nodata")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("skipdata")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("response_flows")).toInt(), 3); // 8080 x2, SYN-ACK
    QCOMPARE(summary.value(QLatin1String("private_path_bytes")).toInt(),
             3000000 + 700000 + 300000 + 200000 + 80000 + 4000);
}

void TestFlowlogCli::sameFindingsFromEveryEncoding_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("zstd JSON Lines") << data("alibaba_mixed.jsonl.zst");
    QTest::newRow("gzip CSV") << data("sls_export.csv.bin");
}

void TestFlowlogCli::sameFindingsFromEveryEncoding()
{
    QFETCH(QString, file);
    const Run reference = plinspect(
        QStringList{"flowlog", "check", "--json", data("alibaba_mixed.jsonl")} + ownershipArgs());
    const Run run = plinspect(QStringList{"flowlog", "check", "--json", file} + ownershipArgs());
    QCOMPARE(run.exitCode, 0); // no broken lines in these
    QCOMPARE(findingLines(jsonLines(run.out)), findingLines(jsonLines(reference.out)));
}

void TestFlowlogCli::firehoseDeliveryReadsAsItsText()
{
    // A subscription filter's messages delivered by Firehose (gzip members,
    // JSON objects back to back) hold the records of the CloudWatch export.
    const Run text = plinspect({"flowlog", "check", "--json", data("aws_cloudwatch_v2.txt")});
    const Run firehose =
        plinspect({"flowlog", "check", "--json", data("aws_firehose_subscription.gz")});
    QCOMPARE(firehose.exitCode, 0);
    const QList<QJsonObject> objects = jsonLines(firehose.out);
    QCOMPARE(findingLines(objects), findingLines(jsonLines(text.out)));
    QCOMPARE(objects.size(), 2); // one finding and the summary
    QCOMPARE(objects.front().value(QLatin1String("bytes")).toInt(), 471);
    const QJsonObject summary = objects.last();
    QCOMPARE(summary.value(QLatin1String("records")).toInt(), 3);
    QCOMPARE(summary.value(QLatin1String("nodata")).toInt(), 1);
    // The health check is said, not counted malformed.
    QCOMPARE(summary.value(QLatin1String("malformed")).toInt(), 0);
    QVERIFY(firehose.err.contains("CloudWatch Logs control messages"));
}

void TestFlowlogCli::dialectRefusesTheOtherCloud_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("log");
    QTest::addColumn<QString>("refusal"); // empty: read as with auto
    QTest::newRow("aws on AWS text") << "aws"
                                     << "aws_doc.txt" << QString();
    QTest::newRow("alibaba on SLS JSON Lines") << "alibaba"
                                               << "alibaba_mixed.jsonl" << QString();
    QTest::newRow("aws on SLS JSON Lines")
        << "aws"
        << "alibaba_mixed.jsonl"
        << "alibaba_mixed.jsonl: JSON Lines with Alibaba's field names, not an AWS log (--dialect "
           "aws): not read";
    QTest::newRow("alibaba on AWS text")
        << "alibaba"
        << "aws_doc.txt"
        << "aws_doc.txt: AWS text, not Alibaba SLS JSON Lines or CSV (--dialect alibaba): not read";
    QTest::newRow("aws on SLS CSV") << "aws"
                                    << "sls_query_result.csv"
                                    << "sls_query_result.csv: CSV with Alibaba's field names, not "
                                       "an AWS log (--dialect aws): not read";
    QTest::newRow("aws on an Athena CSV result") << "aws"
                                                 << "aws_athena.csv" << QString();
    QTest::newRow("alibaba on an Athena CSV result")
        << "alibaba"
        << "aws_athena.csv"
        << "aws_athena.csv: an AWS log (AWS's field names), not Alibaba SLS JSON Lines or CSV "
           "(--dialect alibaba): not read";
    QTest::newRow("aws on a Firehose delivery") << "aws"
                                                << "aws_firehose_subscription.gz" << QString();
    QTest::newRow("alibaba on a Firehose delivery")
        << "alibaba"
        << "aws_firehose_subscription.gz"
        << "aws_firehose_subscription.gz: CloudWatch Logs subscription messages of AWS records, "
           "not Alibaba SLS JSON Lines or CSV (--dialect alibaba): not read";
}

void TestFlowlogCli::dialectRefusesTheOtherCloud()
{
    // A file of the other cloud is not read under --dialect, said once as
    // a file error (exit 1), and the other inputs are still checked.
    QFETCH(QString, dialect);
    QFETCH(QString, log);
    QFETCH(QString, refusal);
    const Run run =
        plinspect({"flowlog", "check", "--json", "--dialect", dialect, data(qPrintable(log))});
    const QJsonObject summary = jsonLines(run.out).last();
    if (refusal.isEmpty()) {
        const Run automatic = plinspect({"flowlog", "check", "--json", data(qPrintable(log))});
        QCOMPARE(run.exitCode, automatic.exitCode);
        QCOMPARE(run.out, automatic.out);
        return;
    }
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(refusal.toUtf8()), run.err.constData());
    QCOMPARE(summary.value(QLatin1String("records")).toInteger(), 0);
    QCOMPARE(summary.value(QLatin1String("malformed")).toInteger(), 0);
}

void TestFlowlogCli::dialectHoldsPastAHeaderChange()
{
    // SLS CSV, then AWS text with its header (exports concatenated): under
    // --dialect alibaba the AWS part is not read, from its header on.
    QFile csv(data("sls_query_result.csv"));
    QFile aws(data("aws_doc.txt"));
    QVERIFY(csv.open(QIODevice::ReadOnly) && aws.open(QIODevice::ReadOnly));
    const QByteArray csvText = csv.readAll();
    QTemporaryDir dir;
    const QString mixed = dir.filePath(QStringLiteral("mixed.csv"));
    QFile out(mixed);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(csvText + aws.readAll());
    out.close();
    const Run run = plinspect({"flowlog", "check", "--json", "--dialect", "alibaba", mixed});
    QCOMPARE(run.exitCode, 1);
    const QByteArray headerLine = QByteArray::number(csvText.count('\n') + 1);
    const QByteArray expected = QByteArray("mixed.csv:") + headerLine +
                                ": AWS text, not Alibaba SLS JSON Lines or CSV (--dialect "
                                "alibaba): not read (from this line on)";
    QVERIFY2(run.err.contains(expected), run.err.constData());
    QVERIFY(!run.out.contains("\"S3\""));
}

void TestFlowlogCli::standardInput()
{
    // "-" reads standard input, compressed or not: `zcat ... | plinspect
    // flowlog check -`.
    const Run reference =
        plinspect(QStringList{"flowlog", "check", "--json", data("alibaba_mixed.jsonl.zst")} +
                  ownershipArgs());
    QProcess p;
    p.setStandardInputFile(data("alibaba_mixed.jsonl.zst"));
    p.start(QStringLiteral(PL_PLINSPECT),
            QStringList{"flowlog", "check", "--json", "-"} + ownershipArgs());
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    QCOMPARE(findingLines(jsonLines(out)), findingLines(jsonLines(reference.out)));
    QVERIFY(findingLines(jsonLines(out)).size() >= 5);
    // Samples name standard input as such (not "-", which a spreadsheet
    // would take for a formula).
    QVERIFY(out.contains("\"samples\":[\"<stdin>:"));
}

void TestFlowlogCli::natGatewayConnectionsCountOnce_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<qint64>("firstBytes");
    QTest::addColumn<int>("copies");
    QTest::addColumn<qint64>("copyBytes");
    // Six records of one connection: the instance's own egress record
    // counts, the NAT's transit and translated records are copies.
    QTest::newRow("AWS's NAT gateway example")
        << data("aws_nat_gateway.txt") << QStringList{"internet i-01234567890123456 - 443"}
        << qint64(4000) << 2 << qint64(8000);
    // i-web3's connection is logged on both ENIs; i-lone's on the NAT's
    // only, where its transit record is all there is.
    QTest::newRow("Alibaba: one instance logged on both ENIs, one through the NAT only")
        << data("alibaba_nat_gateway.jsonl")
        << QStringList{"gateway_endpoint i-web3 OSS 443", "interface_endpoint 10.0.1.8 SLS 443"}
        << qint64(1400000) << 4 << qint64(2830000);
}

void TestFlowlogCli::natGatewayConnectionsCountOnce()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    QFETCH(qint64, firstBytes);
    QFETCH(int, copies);
    QFETCH(qint64, copyBytes);
    const Run run = plinspect(QStringList{"flowlog", "check", "--json", file} + ownershipArgs());
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> objects = jsonLines(run.out);
    QCOMPARE(findingLines(objects), expected);
    QCOMPARE(objects.front().value(QLatin1String("bytes")).toInteger(), firstBytes);
    const QJsonObject summary = objects.last();
    QCOMPARE(summary.value(QLatin1String("nat_copy_flows")).toInt(), copies);
    QCOMPARE(summary.value(QLatin1String("nat_copy_bytes")).toInteger(), copyBytes);
    const Run text = plinspect(QStringList{"flowlog", "check", file} + ownershipArgs());
    QVERIFY(text.out.contains(QStringLiteral("Logged again by a NAT gateway").toUtf8()));
}

void TestFlowlogCli::awsPublishedExampleIsAGatewayEndpointCase()
{
    const Run run = plinspect({"flowlog", "check", "--json", "--aws-ip-ranges",
                               data("aws-ip-ranges.json"), data("aws_doc.txt")});
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> objects = jsonLines(run.out);
    QCOMPARE(findingLines(objects), QStringList{"gateway_endpoint i-0c50d5961bcb2d47b S3 80"});
    const QJsonObject f = objects.front();
    QCOMPARE(f.value(QLatin1String("bytes")).toInt(), 471); // the outbound record only
    // The answer, S3's 15,044 bytes, comes back as bytes in.
    QCOMPARE(f.value(QLatin1String("bytes_in")).toInt(), 15044);
    QCOMPARE(f.value(QLatin1String("packets_in")).toInt(), 14);
    QCOMPARE(objects.last().value(QLatin1String("private_path_bytes_in")).toInt(), 15044);
    const Run text = plinspect(
        {"flowlog", "check", "--aws-ip-ranges", data("aws-ip-ranges.json"), data("aws_doc.txt")});
    QVERIFY2(text.out.contains("Could move to private paths: 471 B out, 14.7 KiB in"),
             text.out.constData());
    QVERIFY2(text.out.contains("1 flow(s), 471 B out, 14.7 KiB in,"), text.out.constData());
    QCOMPARE(f.value(QLatin1String("destination")).toObject().value(QLatin1String("region")),
             QJsonValue(QStringLiteral("ap-southeast-2")));

    // Without ip-ranges.json, pkt-dst-aws-service still names S3; the NAT
    // record's real destination is pkt-dstaddr.
    const Run v5 = plinspect({"flowlog", "check", "--json", data("aws_v5.log.gz")});
    QCOMPARE(v5.exitCode, 0);
    QCOMPARE(findingLines(jsonLines(v5.out)),
             (QStringList{"gateway_endpoint i-0c50d5961bcb2d47b S3 80",
                          "gateway_endpoint 10.0.0.80 DYNAMODB 443"})); // by bytes both ways
    QCOMPARE(jsonLines(v5.out).back().value(QLatin1String("skipdata")).toInt(), 1);
}

void TestFlowlogCli::awsLogAsCsvKeepsAwsTrafficPaths()
{
    // An Athena CSV result of an AWS log: AWS's traffic-path codes (7: a
    // gateway endpoint, private already), not Alibaba's (6), whatever the
    // form; the same finding as the text log.
    const Run csv = plinspect({"flowlog", "check", "--json", "--aws-ip-ranges",
                               data("aws-ip-ranges.json"), data("aws_athena.csv")});
    QCOMPARE(csv.exitCode, 0);
    const QList<QJsonObject> objects = jsonLines(csv.out);
    QCOMPARE(findingLines(objects), QStringList{"gateway_endpoint i-0c50d5961bcb2d47b S3 80"});
    QCOMPARE(objects.back().value(QLatin1String("already_private_flows")).toInt(), 1);
    const Run text = plinspect({"flowlog", "check", "--json", "--aws-ip-ranges",
                                data("aws-ip-ranges.json"), data("aws_doc.txt")});
    QCOMPARE(findingLines(jsonLines(text.out)), findingLines(objects));
}

void TestFlowlogCli::formatAsDescribeFlowLogsPrintsIt()
{
    // describe-flow-logs prints LogFormat as "${version} ${account-id} ...":
    // pasted as it is, it reads like the bare names.
    const QString fields = QStringLiteral(
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets "
        "bytes start end action log-status");
    QString dollars;
    for (const QString &name : fields.split(QLatin1Char(' ')))
        dollars += QStringLiteral("${%1} ").arg(name);
    const Run bare = plinspect(
        {"flowlog", "check", "--json", "--format", fields, data("aws_cloudwatch_v2.txt")});
    const Run pasted = plinspect({"flowlog", "check", "--json", "--format", dollars.trimmed(),
                                  data("aws_cloudwatch_v2.txt")});
    QCOMPARE(pasted.exitCode, bare.exitCode);
    QVERIFY(!jsonLines(bare.out).isEmpty());
    QCOMPARE(pasted.out, bare.out);
    const Run typo = plinspect(
        {"flowlog", "check", "--format", "${version} ${acount-id}", data("aws_cloudwatch_v2.txt")});
    QCOMPARE(typo.exitCode, 2);
    QVERIFY(typo.err.contains("acount-id"));
}

void TestFlowlogCli::readableSummaryRanksInstances()
{
    const Run run = plinspect(
        QStringList{"flowlog", "check", QStringLiteral(PL_FLOWLOG_DATA "/sls_export.csv.bin")} +
        ownershipArgs());
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    const qsizetype instances = text.indexOf(QLatin1String("Instances by bytes"));
    QVERIFY(instances > 0);
    QVERIFY(text.indexOf(QLatin1String("i-web1"), instances) <
            text.indexOf(QLatin1String("i-batch"), instances));
    QVERIFY(text.contains(QLatin1String("Coverage gap: 1 SKIPDATA window")));
    QVERIFY(text.contains(QLatin1String("alibaba OSS cn-hangzhou")));
    QVERIFY(run.err.isEmpty()); // no progress when stderr is not a terminal
}

void TestFlowlogCli::csvAndMarkdown()
{
    const Run csv =
        plinspect(QStringList{"flowlog", "check", "--csv", data("alibaba_mixed.jsonl.zst")} +
                  ownershipArgs());
    QCOMPARE(csv.exitCode, 0);
    const QList<QByteArray> rows = csv.out.trimmed().split('\n');
    QCOMPARE(rows.size(), 9); // header + 8 findings
    QVERIFY(rows.front().startsWith("class,vm_id,eni_id,vpc_id"));
    QVERIFY(rows.at(1).startsWith("gateway_endpoint,i-web1,eni-web1,vpc-app"));
    const Run md =
        plinspect(QStringList{"flowlog", "check", "--markdown", data("alibaba_mixed.jsonl.zst")} +
                  ownershipArgs());
    QCOMPARE(md.exitCode, 0);
    QVERIFY(md.out.contains("| cross_vpc | i-web1 | vpc-app | lb-data1 (vpc-data) | 443 |"));
}

void TestFlowlogCli::controlCharactersStayText()
{
    // A vm-id holding ESC, a tab and a right-to-left override: CSV quotes
    // the field, text and Markdown escape all three.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hostile.jsonl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"eni-id":"eni-1","vm-id":"i-\u001b[31mred\tx\u202egnp","vpc-id":"vpc-1",)"
            R"("srcaddr":"10.0.0.5","dstaddr":"93.184.216.34","srcport":"40000","dstport":"443",)"
            R"("protocol":"6","packets":"1","bytes":"100","start":"1720775400","end":"1720775460",)"
            R"("direction":"out","action":"ACCEPT","log-status":"OK","tcp-flags":"2"})"
            "\n");
    f.close();
    const Run csv = plinspect({"flowlog", "check", "--csv", path});
    QCOMPARE(csv.exitCode, 0);
    QVERIFY2(csv.out.contains("\"i-\x1b[31mred\tx\xe2\x80\xaegnp\""), csv.out.constData());
    const Run markdown = plinspect({"flowlog", "check", "--markdown", path});
    const Run text = plinspect({"flowlog", "check", path});
    for (const Run *r : {&markdown, &text}) {
        QCOMPARE(r->exitCode, 0);
        QVERIFY2(r->out.contains(r == &text ? R"(i-\x1b[31mred\x09x\u202egnp)"
                                            : R"(i-\\x1b\[31mred\\x09x\\u202egnp)"),
                 r->out.constData());
        QVERIFY(!r->out.contains('\x1b'));
        QVERIFY(!r->out.contains("\xe2\x80\xae")); // U+202E in UTF-8
    }
}

void TestFlowlogCli::queryInboundRowsAreNoted()
{
    // The queries give outbound rows; an inbound row (a query of the
    // user's own) decides no flow, and the report says so.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("athena_in.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("\"instance-id\",\"interface-id\",\"vpc-id\",\"region\",\"flow-direction\",\"action\","
            "\"log-status\",\"srcaddr\",\"dstaddr\",\"dstport\",\"protocol\",\"records\","
            "\"packets\",\"bytes\",\"start\",\"end\"\n"
            "\"i-1\",\"eni-1\",\"vpc-1\",\"ap-southeast-2\",\"ingress\",\"ACCEPT\",\"OK\","
            "\"52.95.128.179\",\"10.0.0.71\",\"40000\",\"6\",\"4\",\"40\",\"999999\","
            "\"1616729292\",\"1616729349\"\n");
    f.close();
    const Run run = plinspect({"flowlog", "check", "--json", path});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject summary = jsonLines(run.out).last();
    QCOMPARE(summary.value(QLatin1String("flows")).toInt(), 0);
    QVERIFY2(summary.value(QLatin1String("notes"))
                 .toArray()
                 .first()
                 .toString()
                 .startsWith(QLatin1String("1 row(s) of a query's result are inbound records")),
             run.out.constData());
}

void TestFlowlogCli::queries_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("sls") << "sls"
                         << QStringList{
                                "log-status: OK | SELECT", "is_subnet_of('100.64.0.0/10', ra)",
                                "GROUP BY", "lp IN (8080, 9000)", "rp IN (8080, 9000)",
                                // the answers: accepted inbound records, keyed as outbound ones
                                "direction = 'in' AND action = 'ACCEPT'", "AS \"packets-in\"",
                                "AS \"bytes-in\"", "HAVING count_if(o AND NOT ep) > 0",
                                // a gateway endpoint's records are on a private path already
                                "coalesce(traffic_path IN ('6', 'gatewayEndpoint'), false) AS ep",
                                // answers that could be another connection's are "-"
                                "IF(count_if(ep) > 0 OR coalesce(\"vm-id\", '-') IN ('', '-'), '-'",
                                // IPv6 logs are checked too, not dropped
                                "WHEN strpos(ra, ':') > 0 THEN NOT (regexp_like(lower(ra), "
                                "'^(f[cd][0-9a-f]{2}",
                                // the check's special ranges, all of them
                                "is_subnet_of('198.18.0.0/15', ra)",
                                "is_subnet_of('192.0.0.0/24', ra)", "ra IN ('::1', '::')",
                                // a server on a high port answers into the ephemeral range
                                "AND lp < 32768 AND rp >= 32768"};
    QTest::newRow("athena") << "athena"
                            << QStringList{"FROM \"vpc_flow_logs\"",
                                           "flow_direction = 'egress'",
                                           "flow_direction = 'ingress' AND action = 'ACCEPT'",
                                           "AS \"bytes-in\"",
                                           "coalesce(traffic_path = 7, false) AS ep",
                                           "coalesce(instance_id, '-') IN ('', '-'), '-'",
                                           "HAVING count_if(o AND NOT ep) > 0",
                                           "GROUP BY",
                                           "lp IN (8080, 9000)",
                                           "contains('198.18.0.0/15', CAST(ra AS IPADDRESS))",
                                           "contains('::/128', CAST(ra AS IPADDRESS))",
                                           "AND lp < 32768 AND rp >= 32768"};
}

void TestFlowlogCli::queriesTakeDocumentationRangesWhenAsked()
{
    // --documentation-private makes 203.0.113.0/24 and the others private
    // for the check: the queries then test them too.
    for (const QString &engine : {QStringLiteral("sls"), QStringLiteral("athena")}) {
        const Run plain = plinspect({"flowlog", "query", "--engine", engine});
        const Run asked =
            plinspect({"flowlog", "query", "--engine", engine, "--documentation-private"});
        QCOMPARE(asked.exitCode, 0);
        QVERIFY(!plain.out.contains("203.0.113.0/24"));
        for (const char *range : {"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"})
            QVERIFY2(asked.out.contains(range), range);
        QVERIFY(asked.out.contains(engine == QLatin1String("sls") ? "db8:" : "2001:db8::/32"));
    }
}

void TestFlowlogCli::ownershipFromPipesAndCompressedFiles()
{
    // Ranges and inventory from a pipe (`--ranges <(zcat r.csv.gz)`) or
    // compressed give the same findings as the plain files; a pipe read as
    // empty turned every destination into "Internet" without a word.
    const QStringList logs{"flowlog", "check", "--json", data("alibaba_mixed.jsonl.zst")};
    const Run reference = plinspect(logs + ownershipArgs());
    const QStringList expected = findingLines(jsonLines(reference.out));
    QVERIFY(expected.contains(QStringLiteral("gateway_endpoint i-web1 OSS 443")));

    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("ranges.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess p;
    p.start(QStringLiteral(PL_PLINSPECT),
            logs + QStringList{"--ranges", fifo, "--inventory", data("inventory.csv")});
    QFile ranges(data("ranges.csv"));
    QVERIFY(ranges.open(QIODevice::ReadOnly));
    const QByteArray text = ranges.readAll();
    {
        QFile writer(fifo); // opens once plinspect opens it to read
        QVERIFY(writer.open(QIODevice::WriteOnly));
        writer.write(text.left(40)); // in two writes: a reader must wait for the rest
        writer.flush();
        QThread::msleep(100);
        writer.write(text.mid(40));
    }
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(findingLines(jsonLines(p.readAllStandardOutput())), expected);

    const QString gz = dir.filePath(QStringLiteral("ranges.csv.gz"));
    QProcess gzip;
    gzip.setStandardInputFile(data("ranges.csv"));
    gzip.setStandardOutputFile(gz);
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-c")});
    QVERIFY(gzip.waitForFinished(10000));
    const Run compressed =
        plinspect(logs + QStringList{"--ranges", gz, "--inventory", data("inventory.csv")});
    QCOMPARE(compressed.exitCode, 0);
    QCOMPARE(findingLines(jsonLines(compressed.out)), expected);

    // A CIDR with host bits set is taken as the prefix it names, and said
    // (a typo of the address or the length); a file without an entry is
    // said too (a failed export would otherwise know no owner).
    const QString hostBits = dir.filePath(QStringLiteral("host_bits.csv"));
    const QString empty = dir.filePath(QStringLiteral("empty.csv"));
    for (const auto &[path, content] :
         {std::pair{hostBits, QByteArray("cidr,provider,service,region,label\n"
                                         "118.178.0.10/16,alibaba,OSS,cn-hangzhou,x\n")},
          std::pair{empty, QByteArray("cidr,provider,service,region,label\n")}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const Run masked = plinspect(logs + QStringList{"--ranges", hostBits});
    QCOMPARE(masked.exitCode, 1);
    QVERIFY2(masked.err.contains("118.178.0.10/16 has bits set past its /16: taken as "
                                 "118.178.0.0/16"),
             masked.err.constData());
    QVERIFY(findingLines(jsonLines(masked.out))
                .contains(QStringLiteral("gateway_endpoint i-web1 OSS 443")));
    const Run none = plinspect(logs + QStringList{"--ranges", empty});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("no entries"), none.err.constData());

    // A device has no end: refused at once, not read into memory for ever.
    const Run zero = plinspect(logs + QStringList{"--aws-ip-ranges", "/dev/zero"}, 10000);
    QCOMPARE(zero.exitCode, 1);
    QVERIFY2(zero.err.contains("/dev/zero: a device"), zero.err.constData());
}

void TestFlowlogCli::queriesOrderEqualBytesByTheirKeys_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("keys"); // what ORDER BY must name after bytes
    // SLS: the GROUP BY's own columns. Athena: by position, every column
    // that is not a constant (5, 7) or a sum.
    const QStringList athenaKeys{"1", "2", "3", "4", "6", "8", "9", "10", "11"};
    QTest::newRow("sls") << QStringList{"--engine", "sls"} << QStringList{};
    QTest::newRow("athena") << QStringList{"--engine", "athena"} << athenaKeys;
    QTest::newRow("athena v2")
        << QStringList{"--engine", "athena", "--format",
                       "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
                       "packets bytes start end action log-status"}
        << athenaKeys;
}

void TestFlowlogCli::queriesOrderEqualBytesByTheirKeys()
{
    // Rows of equal bytes in a fixed order: two runs over the same logs
    // give the same file, which a user diffs.
    QFETCH(QStringList, args);
    QFETCH(QStringList, keys);
    const Run run = plinspect(QStringList{"flowlog", "query"} + args);
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out).simplified();
    const auto listAfter = [&](const QString &clause, const QString &end) {
        const qsizetype from = text.lastIndexOf(clause);
        if (from < 0)
            return QStringList{};
        const qsizetype to = text.indexOf(end, from);
        QStringList items = text.mid(from + clause.size(), to < 0 ? -1 : to - from - clause.size())
                                .split(QLatin1Char(','));
        for (QString &item : items)
            item = item.trimmed();
        return items;
    };
    QStringList order = listAfter(QStringLiteral("ORDER BY "), QStringLiteral(" LIMIT"));
    QVERIFY(!order.isEmpty());
    QCOMPARE(order.takeFirst(), QStringLiteral("bytes DESC"));
    if (keys.isEmpty())
        keys = listAfter(QStringLiteral("GROUP BY "), QStringLiteral(" HAVING"));
    QVERIFY(!keys.isEmpty());
    std::sort(order.begin(), order.end());
    std::sort(keys.begin(), keys.end());
    QCOMPARE(order, keys);
}

void TestFlowlogCli::queries()
{
    QFETCH(QString, engine);
    QFETCH(QStringList, expected);
    const Run run =
        plinspect({"flowlog", "query", "--engine", engine, "--listening-ports", "8080,9000"});
    QCOMPARE(run.exitCode, 0);
    for (const QString &e : expected)
        QVERIFY2(run.out.contains(e.toUtf8()), qPrintable(e));
}

void TestFlowlogCli::queryResultReadsBack()
{
    // sls_query_result.csv is what the SLS query returns for the mixed
    // fixture's records (computed by gen_flowlogs.py from the query's text).
    // Read back, it gives the raw check's findings with the same totals,
    // except the one the query cannot see: the NAT gateway's record (logged
    // as inbound on the NAT's ENI). bench/duckdb/query_check.mjs runs the
    // query's own text over the same log and gives the same rows.
    const QStringList options =
        ownershipArgs() + QStringList{"--listening-ports", "8080", "--json"};
    const RawAndBack r =
        checkRawAndBack("alibaba_mixed.jsonl.zst", "sls_query_result.csv", options);
    QCOMPARE(r.raw.exitCode, 0);
    QCOMPARE(r.back.exitCode, 0);
    QVERIFY2(r.back.err.isEmpty(), r.back.err.constData());

    // A finding's identity and totals. The rules differ on purpose: a row
    // has no source port or TCP flags, so rules 1 and 3 cannot decide it;
    // the query's own port rule did (rule3_query_port_rule).
    const auto totals = [](const QList<QJsonObject> &objects) {
        QStringList out;
        const QStringList lines = findingLines(objects);
        int i = 0;
        for (const QJsonObject &o : objects) {
            if (o.value(QLatin1String("summary")).toBool())
                continue;
            const QJsonObject src = o.value(QLatin1String("source")).toObject();
            const QString addr = o.value(QLatin1String("destination"))
                                     .toObject()
                                     .value(QLatin1String("sample_addrs"))
                                     .toArray()
                                     .first()
                                     .toString();
            const QString line = lines.at(i++);
            // 10.0.1.9 (i-batch) is seen only through the NAT gateway's ENI.
            if (src.value(QLatin1String("addr")).toString() == QLatin1String("10.0.1.9"))
                continue;
            out << QStringLiteral("%1 %2 bytes %3/%4 packets %5/%6 records %7 flows %8 to %9")
                       .arg(line, addr)
                       .arg(o.value(QLatin1String("bytes")).toInteger())
                       .arg(o.value(QLatin1String("bytes_in")).toInteger())
                       .arg(o.value(QLatin1String("packets")).toInteger())
                       .arg(o.value(QLatin1String("packets_in")).toInteger())
                       .arg(o.value(QLatin1String("records")).toInteger())
                       .arg(o.value(QLatin1String("first_seen")).toInteger())
                       .arg(o.value(QLatin1String("last_seen")).toInteger());
        }
        return out;
    };
    const QList<QJsonObject> &rawObjects = r.rawObjects;
    const QList<QJsonObject> &backObjects = r.backObjects;
    const QStringList expected = totals(rawObjects);
    QCOMPARE(expected.size(), findingLines(rawObjects).size() - 1); // the NAT's left out
    QCOMPARE(totals(backObjects), expected);
    QCOMPARE(findingLines(backObjects).size(), expected.size());
    // The answers come back too (packets-in, bytes-in): the bucket's
    // download, 150 MB in for 3.7 MB out (3 MB over IPv4, 0.7 over IPv6).
    QVERIFY(expected.contains(QStringLiteral("gateway_endpoint i-web1 OSS 443 118.178.0.10 bytes "
                                             "3700000/150000000 packets 40/30 records 4 flows "
                                             "1720775400 to 1720775580")));
    QCOMPARE(backObjects.last().value(QLatin1String("private_path_bytes_in")).toInteger(),
             rawObjects.last().value(QLatin1String("private_path_bytes_in")).toInteger());
    const Run text =
        plinspect(QStringList{"flowlog", "check", data("sls_query_result.csv")} + ownershipArgs());
    QVERIFY2(text.out.contains("3.5 MiB out, 143.1 MiB in"), text.out.constData());
}

void TestFlowlogCli::queryResultWithoutAnswers()
{
    // A result of the query as it was before its packets-in and bytes-in
    // columns holds outbound records only: the answers are unknown, not 0
    // (null in JSON, empty in CSV, "?" in text).
    const QStringList options =
        ownershipArgs() + QStringList{"--listening-ports", "8080", "--json"};
    const RawAndBack r =
        checkRawAndBack("alibaba_mixed.jsonl.zst", "sls_query_result_no_answers.csv", options);
    QCOMPARE(r.back.exitCode, 0);
    const QList<QJsonObject> &rawObjects = r.rawObjects;
    const QList<QJsonObject> &backObjects = r.backObjects;
    QCOMPARE(findingLines(backObjects).size(), findingLines(rawObjects).size() - 1);
    QCOMPARE(rawObjects.front().value(QLatin1String("bytes_in")).toInteger(), 150000000);
    for (const QJsonObject &o : backObjects) {
        if (o.value(QLatin1String("summary")).toBool())
            continue;
        // A rejected attempt's are known: it got no answer.
        if (o.value(QLatin1String("class")).toString() == QLatin1String("rejected")) {
            QCOMPARE(o.value(QLatin1String("bytes_in")).toInteger(), 0);
            continue;
        }
        QVERIFY(o.value(QLatin1String("bytes_in")).isNull());
        QVERIFY(o.value(QLatin1String("packets_in")).isNull());
    }
    // So are the totals they make: unknown, not a sum that leaves them out.
    const QJsonObject backSummary = backObjects.last();
    QVERIFY(backSummary.value(QLatin1String("private_path_bytes_in")).isNull());
    QVERIFY(backSummary.value(QLatin1String("classes"))
                .toObject()
                .value(QLatin1String("gateway_endpoint"))
                .toObject()
                .value(QLatin1String("bytes_in"))
                .isNull());
    for (const QJsonValue &i : backSummary.value(QLatin1String("instances")).toArray())
        QVERIFY(i.toObject().value(QLatin1String("private_path_bytes_in")).isNull());
    QCOMPARE(rawObjects.last().value(QLatin1String("private_path_bytes_in")).toInteger(),
             150020000);
    const Run text = plinspect(
        QStringList{"flowlog", "check", data("sls_query_result_no_answers.csv")} + ownershipArgs());
    QVERIFY2(text.out.contains("3.5 MiB out, ? in"), text.out.constData());
    QVERIFY2(text.out.contains("Could move to private paths: 4.0 MiB out, ? in"),
             text.out.constData());
    const Run csv = plinspect(
        QStringList{"flowlog", "check", "--csv", data("sls_query_result_no_answers.csv")} +
        ownershipArgs());
    QVERIFY2(csv.out.contains(",3700000,,,1720775400,"), csv.out.constData());
}

void TestFlowlogCli::athenaQueryResultReadsBack()
{
    // AWS's documented example through the Athena query (computed by
    // gen_flowlogs.py from the query's text, which bench/duckdb/
    // query_check.mjs runs to the same rows): 471 B to S3 and the 15,044 B
    // it sent back, as the raw check of the same records says; the rejected
    // attempt a row of its own. To 52.95.128.180:443 one connection went
    // through a gateway endpoint and one did not: the query cannot tell
    // their answers apart, so that row's bytes in are unknown (null), not
    // the sum of both.
    const RawAndBack rb =
        checkRawAndBack("aws_query_input.txt", "athena_query_result.csv", {"--json"});
    compareOutFigures(rb, 3);
    if (QTest::currentTestFailed())
        return;
    const QList<QJsonObject> &rawObjects = rb.rawObjects;
    const QList<QJsonObject> &backObjects = rb.backObjects;
    int unknown = 0;
    for (qsizetype i = 0; i + 1 < backObjects.size(); ++i) {
        const QJsonObject &b = backObjects.at(i);
        const QJsonObject &r = rawObjects.at(i);
        if (b.value(QLatin1String("port")).toInt() == 443) {
            ++unknown;
            QVERIFY(b.value(QLatin1String("bytes_in")).isNull());
            QCOMPARE(r.value(QLatin1String("bytes_in")).toInteger(), 900);
            QCOMPARE(r.value(QLatin1String("bytes")).toInteger(), 471); // the endpoint's left out
            continue;
        }
        for (const char *key : {"bytes_in", "packets_in"})
            QCOMPARE(b.value(QLatin1String(key)), r.value(QLatin1String(key)));
    }
    QCOMPARE(unknown, 1);
    const QJsonObject f = backObjects.first();
    QCOMPARE(f.value(QLatin1String("bytes_in")).toInteger(), 15044);
    QCOMPARE(f.value(QLatin1String("packets_in")).toInteger(), 14);
    const Run text = plinspect({"flowlog", "check", data("athena_query_result.csv")});
    QVERIFY2(text.out.contains("471 B out, 14.7 KiB in"), text.out.constData());
}

void TestFlowlogCli::athenaQueryFitsTheLogsFormat()
{
    // AWS's default format (v2) has no flow-direction, instance, VPC,
    // region, TCP flags, traffic path or service: a query naming any of
    // them fails on a table made for it. The query for that format names
    // only its columns and tells a record's way by its addresses.
    const QString v2 = QStringLiteral("version account-id interface-id srcaddr dstaddr srcport "
                                      "dstport protocol packets bytes start end action log-status");
    const auto withoutComments = [](const QByteArray &text) {
        QByteArrayList lines = text.split('\n');
        lines.removeIf([](const QByteArray &line) { return line.startsWith("--"); });
        return lines.join('\n');
    };
    const Run run = plinspect({"flowlog", "query", "--engine", "athena", "--format", v2});
    QCOMPARE(run.exitCode, 0);
    for (const char *absent : {"flow_direction", "instance_id", "vpc_id", " region,", "tcp_flags",
                               "traffic_path", "pkt_dst_aws_service"})
        QVERIFY2(!withoutComments(run.out).contains(absent), absent);
    for (const char *present :
         {"AS sp", "AS dp FROM \"vpc_flow_logs\")", "sp <> dp AND (sp OR action = 'ACCEPT')",
          "sp AS o", "false AS ep", "'-' AS \"packets-in\", '-' AS \"bytes-in\"",
          "GROUP BY 2, 6, 8, 9, 10, 11\n", "-- No flow_direction"})
        QVERIFY2(run.out.contains(present), present);
    // Every field of the standard table given: the standard query.
    const QString v5 = QStringLiteral(
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
        "start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr "
        "pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service "
        "pkt-dst-aws-service flow-direction traffic-path");
    const Run full = plinspect({"flowlog", "query", "--engine", "athena", "--format", v5});
    const Run standard = plinspect({"flowlog", "query", "--engine", "athena"});
    QCOMPARE(full.exitCode, 0);
    QCOMPARE(withoutComments(full.out), withoutComments(standard.out));
    QVERIFY(withoutComments(full.out).contains("flow_direction = 'egress' AS o"));
}

void TestFlowlogCli::athenaOwnFormatResultReadsBack()
{
    // The query for AWS's default format (computed by gen_flowlogs.py from
    // the query's text, which bench/duckdb/query_check.mjs runs to the same
    // rows over a table of that format's columns only): bytes out as the raw
    // check of the same records, bytes in unknown (no instance IDs to tell
    // a NAT gateway's interface), the rejected attempt's none.
    const RawAndBack rb =
        checkRawAndBack("aws_query_input_v2.txt", "athena_query_result_v2.csv", {"--json"});
    compareOutFigures(rb, 4);
    if (QTest::currentTestFailed())
        return;
    const QList<QJsonObject> &backObjects = rb.backObjects;
    for (qsizetype i = 0; i + 1 < backObjects.size(); ++i) {
        const QJsonObject &b = backObjects.at(i);
        if (b.value(QLatin1String("class")).toString() == QLatin1String("rejected"))
            QCOMPARE(b.value(QLatin1String("bytes_in")).toInteger(), 0);
        else
            QVERIFY(b.value(QLatin1String("bytes_in")).isNull());
    }
    // Both connections to 52.95.128.180:443 (one went through a gateway
    // endpoint, which a v2 record does not say) and the one from a
    // benchmarking address (198.18.0.0/15: not public, so outbound).
    QCOMPARE(backObjects.first().value(QLatin1String("bytes")).toInteger(), 1042);
}

void TestFlowlogCli::athenaQueryResultCountsANatOnce()
{
    // AWS's NAT gateway example: the instance's leg goes to the NAT's
    // private address, so only the NAT's own leg is a row (4,000 B out, as
    // the raw check counts the connection once). Its answers are unknown:
    // an interface without an instance ID may be a NAT gateway, whose
    // answers the instance's row would count too.
    const Run raw = plinspect({"flowlog", "check", "--json", data("aws_nat_gateway.txt")});
    const Run back = plinspect({"flowlog", "check", "--json", data("athena_query_result_nat.csv")});
    QCOMPARE(back.exitCode, 0);
    const QJsonObject rawSummary = jsonLines(raw.out).last();
    const QJsonObject backSummary = jsonLines(back.out).last();
    QCOMPARE(findingLines(jsonLines(back.out)).size(), 1);
    const QJsonObject rawInternet = rawSummary.value(QLatin1String("classes"))
                                        .toObject()
                                        .value(QLatin1String("internet"))
                                        .toObject();
    const QJsonObject backInternet = backSummary.value(QLatin1String("classes"))
                                         .toObject()
                                         .value(QLatin1String("internet"))
                                         .toObject();
    QCOMPARE(backInternet.value(QLatin1String("bytes")).toInteger(), 4000);
    QCOMPARE(backInternet.value(QLatin1String("bytes")), rawInternet.value(QLatin1String("bytes")));
    QCOMPARE(rawInternet.value(QLatin1String("bytes_in")).toInteger(), 90000);
    QVERIFY(backInternet.value(QLatin1String("bytes_in")).isNull());
}

void TestFlowlogCli::instanceTotalsKnowEachSum()
{
    // One result with its answers (two private-path rows), one without
    // (an internet row and a rejected attempt): the instance's private-path
    // bytes in are known (5,700), its internet ones unknown; a rejected
    // attempt's are none, known, whatever rows it came from.
    QTemporaryDir dir;
    const auto write = [&dir](const char *name, const QByteArray &text) {
        return writeLog(dir, name, text);
    };
    const QByteArray head = "vm-id,eni-id,vpc-id,region,direction,action,log-status,srcaddr,"
                            "dstaddr,dstport,protocol,records,packets,bytes";
    const QString with =
        write("with.csv", head + ",packets-in,bytes-in,start,end\n"
                                 "i-1,eni-1,vpc-1,cn-hangzhou,out,ACCEPT,OK,10.0.0.5,"
                                 "118.178.0.10,443,6,1,10,1000,20,5000,1720775400,1720775460\n"
                                 "i-1,eni-1,vpc-1,cn-hangzhou,out,ACCEPT,OK,10.0.0.5,"
                                 "47.100.0.20,443,6,1,10,2000,5,700,1720775400,1720775460\n");
    const QString without =
        write("without.csv", head + ",start,end\n"
                                    "i-1,eni-1,vpc-1,cn-hangzhou,out,ACCEPT,OK,10.0.0.5,"
                                    "93.184.216.34,443,6,1,3,300,1720775400,1720775460\n"
                                    "i-1,eni-1,vpc-1,cn-hangzhou,out,REJECT,OK,10.0.0.5,"
                                    "8.8.8.8,53,17,1,1,70,1720775400,1720775460\n");
    QVERIFY(!with.isEmpty() && !without.isEmpty());
    const Run run =
        plinspect(QStringList{"flowlog", "check", "--json", with, without} + ownershipArgs());
    QCOMPARE(run.exitCode, 0);
    const QJsonObject summary = jsonLines(run.out).last();
    QCOMPARE(summary.value(QLatin1String("private_path_bytes_in")).toInteger(), 5700);
    const QJsonObject instance =
        summary.value(QLatin1String("instances")).toArray().first().toObject();
    QCOMPARE(instance.value(QLatin1String("private_path_bytes_in")).toInteger(), 5700);
    QVERIFY(instance.value(QLatin1String("internet_bytes_in")).isNull());
    const QJsonObject classes = summary.value(QLatin1String("classes")).toObject();
    QVERIFY(classes.value(QLatin1String("internet")).toObject().value("bytes_in").isNull());
    QCOMPARE(classes.value(QLatin1String("rejected")).toObject().value("bytes_in").toInteger(), 0);
    const Run text = plinspect(QStringList{"flowlog", "check", with, without} + ownershipArgs());
    QVERIFY2(text.out.contains("private    2.9 KiB out, 5.6 KiB in; internet 300 B out, ? in"),
             text.out.constData());
}

void TestFlowlogCli::answerColumnsOutOfPlaceAreMalformed_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<QByteArray>("reason");
    // packets-in without bytes-in (a hand-edited result): not answers taken
    // for 0.
    QTest::newRow("half the answers")
        << QByteArray("vm-id,eni-id,direction,action,log-status,srcaddr,dstaddr,dstport,protocol,"
                      "records,packets,bytes,packets-in,start,end\n"
                      "i-1,eni-1,out,ACCEPT,OK,10.0.0.5,47.100.0.20,443,6,1,10,2000,7,1720775400,"
                      "1720775460\n")
        << QByteArray("log.csv:2: missing bytes-in");
    // A row with a source port is a raw record: its bytes-in would be read
    // as nothing.
    QTest::newRow("answers on a raw record")
        << QByteArray("vm-id,eni-id,direction,action,log-status,srcaddr,srcport,dstaddr,dstport,"
                      "protocol,packets,bytes,bytes-in,start,end\n"
                      "i-1,eni-1,out,ACCEPT,OK,10.0.0.5,40000,47.100.0.20,443,6,10,2000,777,"
                      "1720775400,1720775460\n")
        << QByteArray("log.csv:2: packets-in and bytes-in belong to a query's row");
    // The queries give a rejected group no answers (0): bytes in there
    // come from another query, and would be dropped unseen.
    QTest::newRow("answers on a rejected row")
        << QByteArray("vm-id,eni-id,direction,action,log-status,srcaddr,dstaddr,dstport,protocol,"
                      "records,packets,bytes,packets-in,bytes-in,start,end\n"
                      "i-1,eni-1,out,REJECT,OK,10.0.0.5,47.100.0.20,443,6,1,10,2000,3,900,"
                      "1720775400,1720775460\n")
        << QByteArray("log.csv:2: packets-in and bytes-in on a REJECT row");
}

void TestFlowlogCli::answerColumnsOutOfPlaceAreMalformed()
{
    QFETCH(QByteArray, log);
    QFETCH(QByteArray, reason);
    QTemporaryDir dir;
    const QString path = writeLog(dir, "log.csv", log);
    QVERIFY(!path.isEmpty());
    const Run run = plinspect({"flowlog", "check", "--json", path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(reason), run.err.constData());
}

void TestFlowlogCli::queryRowsToHighPortsStayRequests()
{
    // Requests to services on high ports (8443 by SYN, 9443 both ports
    // high): the query keeps them, and read back they must stay findings.
    // A row has no source port; taking it for port 0, a service port, made
    // both "responses" and lost them.
    const QStringList options =
        ownershipArgs() + QStringList{"--listening-ports", "8080", "--json"};
    const RawAndBack runs =
        checkRawAndBack("alibaba_high_ports.jsonl", "sls_query_result_high_ports.csv", options);
    QCOMPARE(runs.raw.exitCode, 0);
    QCOMPARE(runs.back.exitCode, 0);
    const QList<QJsonObject> &rawObjects = runs.rawObjects;
    const QList<QJsonObject> &backObjects = runs.backObjects;
    QCOMPARE(findingLines(rawObjects),
             (QStringList{"interface_endpoint i-web1 SLS 8443", "internet i-web1 - 9443"}));
    QCOMPARE(findingLines(backObjects), findingLines(rawObjects));
    std::uint64_t findingRecords = 0;
    for (qsizetype i = 0; i + 1 < backObjects.size(); ++i) {
        const QJsonObject &r = rawObjects.at(i);
        const QJsonObject &b = backObjects.at(i);
        for (const char *key : {"bytes", "bytes_in", "packets", "packets_in", "records", "flows",
                                "first_seen", "last_seen"})
            QCOMPARE(b.value(QLatin1String(key)), r.value(QLatin1String(key)));
        QCOMPARE(b.value(QLatin1String("rules")).toObject().keys(),
                 QStringList{"rule3_query_port_rule"});
        findingRecords += std::uint64_t(b.value(QLatin1String("records")).toInteger());
    }
    // Neither is a service port: the query's port rule cannot vouch for them.
    QCOMPARE(backObjects.at(0).value(QLatin1String("confidence")).toString(), QString("low"));
    const QJsonObject summary = backObjects.last();
    QCOMPARE(summary.value(QLatin1String("response_flows")).toInteger(), 0);
    // The summary counts the records the rows stand for, not the rows.
    QCOMPARE(summary.value(QLatin1String("lines")).toInteger(), 2);
    QCOMPARE(std::uint64_t(summary.value(QLatin1String("records")).toInteger()), findingRecords);
    QCOMPARE(findingRecords, 3u);
}

QTEST_GUILESS_MAIN(TestFlowlogCli)
#include "tst_flowlogcli.moc"
