#include "flowlogcommand.h"

#include "console.h"
#include "flowlog/flowanalyzer.h"
#include "flowlog/flowquery.h"
#include "flowlog/flowrecord.h"
#include "flowlog/flowreportformat.h"
#include "flowlog/ownership.h"
#include "flowlog/recordreader.h"
#include "perf/heapsettings.h"
#include "terminalprogress.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace pl::cli {

// The translation context of this file's messages: lupdate files the
// FlowlogCommandText::tr() calls under it, as the program looks them up.
class FlowlogCommandText
{
    Q_DECLARE_TR_FUNCTIONS(pl::cli::FlowlogCommandText)
};

namespace {

constexpr char kUsage[] = "Usage: plinspect flowlog check|query [options]\n"
                          "\n"
                          "  check LOGS...  Find outbound traffic to public addresses that could\n"
                          "                 use PrivateLink or a gateway endpoint\n"
                          "  query          Print the same check as an SLS or Athena query\n"
                          "\n"
                          "'plinspect flowlog check --help' lists the options.\n";

QList<QCommandLineOption> commonOptions()
{
    return {
        {QStringLiteral("ranges"),
         FlowlogCommandText::tr(
             "CIDR CSV (cidr,provider,service,region,label or bare CIDRs); repeatable."),
         QStringLiteral("FILE")},
        {QStringLiteral("inventory"),
         FlowlogCommandText::tr(
             "Own public addresses: CSV ip,kind,resource_id,vpc_id,region,account_id; "
             "repeatable."),
         QStringLiteral("FILE")},
        {QStringLiteral("aws-ip-ranges"), FlowlogCommandText::tr("AWS ip-ranges.json; repeatable."),
         QStringLiteral("FILE")},
        {QStringLiteral("alibaba-public-ips"),
         FlowlogCommandText::tr(
             "Saved Alibaba Cloud DescribePublicIpAddress answers (JSON); repeatable."),
         QStringLiteral("FILE")},
        {QStringLiteral("listening-ports"),
         FlowlogCommandText::tr(
             "Ports the instances serve on (comma-separated), for the port rule."),
         QStringLiteral("LIST")},
        {QStringLiteral("memory"),
         FlowlogCommandText::tr("MiB of flow state kept in memory; beyond it the flows go to "
                                "temporary files in TMPDIR (default 48; the result is the same)."),
         QStringLiteral("MIB")},
        {QStringLiteral("documentation-private"),
         FlowlogCommandText::tr(
             "Treat the documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, "
             "2001:db8::/32) as private.")},
        {QStringLiteral("dialect"),
         FlowlogCommandText::tr("auto (default), alibaba or aws: with alibaba "
                                "or aws, a file of the other cloud is not "
                                "read (a file error)."),
         QStringLiteral("NAME")},
        {QStringLiteral("format"),
         FlowlogCommandText::tr(
             "AWS field names of header-less text (a CloudWatch export), space-separated; "
             "with query --engine athena, the table's columns."),
         QStringLiteral("FIELDS")},
        {QStringLiteral("json"),
         FlowlogCommandText::tr("Print JSON Lines: one finding per line, then the summary.")},
        {QStringLiteral("csv"), FlowlogCommandText::tr("Print the findings as CSV.")},
        {QStringLiteral("markdown"), FlowlogCommandText::tr("Print a Markdown report.")},
        {QStringLiteral("engine"), FlowlogCommandText::tr("query: sls or athena."),
         QStringLiteral("NAME")},
        {QStringLiteral("table"),
         FlowlogCommandText::tr("query: the Athena table (default vpc_flow_logs)."),
         QStringLiteral("NAME")},
    };
}

bool parsePorts(const QString &text, std::vector<std::uint16_t> &ports)
{
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const uint port = part.trimmed().toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return false;
        ports.push_back(std::uint16_t(port));
    }
    return true;
}

// --format's fields, written as describe-flow-logs prints them too
// (${version} ${account-id} ...). False, with the error, on a name that is
// no flow-log field.
bool parseFormat(const QCommandLineParser &parser, std::vector<std::string> &fields, QString &error)
{
    if (!parser.isSet(QStringLiteral("format")))
        return true;
    const QStringList names =
        parser.value(QStringLiteral("format")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString name : names) {
        if (name.startsWith(QLatin1String("${")) && name.endsWith(QLatin1Char('}')))
            name = name.mid(2, name.size() - 3);
        if (!flowlog::isFlowLogFieldName(name.toStdString())) {
            error = FlowlogCommandText::tr("--format: '%1' is not a flow-log field").arg(name);
            return false;
        }
        fields.push_back(name.toStdString());
    }
    return true;
}

// --table and --format, which describe the Athena table, into options:
// an empty string, or the usage error.
QString readAthenaTable(const QCommandLineParser &parser, flowlog::QueryOptions &options)
{
    if (parser.isSet(QStringLiteral("table"))) {
        options.table = parser.value(QStringLiteral("table"));
        // Pasted into the SQL (quoted): a name ("db.table"), never a
        // statement ("t; DROP TABLE x") or a quote that breaks the query.
        static const QRegularExpression name(
            QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}$"));
        if (!name.match(options.table).hasMatch())
            return FlowlogCommandText::tr("--table must be a table name such as "
                                          "vpc_flow_logs or db.vpc_flow_logs (letters, "
                                          "digits, '_'; got '%1')")
                .arg(options.table);
    }
    // The table's columns are the log's fields: the query reads those it has.
    if (QString error; !parseFormat(parser, options.awsFields, error))
        return error;
    if (!parser.isSet(QStringLiteral("format")))
        return {};
    // The query of the standard table, asked for by a format that names
    // nothing, would be a silent default.
    if (options.awsFields.empty())
        return FlowlogCommandText::tr("--format names no field");
    std::vector<flowlog::Field> seen; // a table cannot have one column twice
    for (const std::string &name : options.awsFields) {
        const std::optional<flowlog::Field> field = flowlog::fieldFromName(name);
        if (field && std::find(seen.begin(), seen.end(), *field) != seen.end())
            return FlowlogCommandText::tr("--format: '%1' names a field given before")
                .arg(QString::fromStdString(name));
        if (field)
            seen.push_back(*field);
    }
    QStringList missing;
    for (const std::string &name : flowlog::missingQueryFields(options.awsFields))
        missing << QString::fromStdString(name);
    if (!missing.isEmpty())
        return FlowlogCommandText::tr("--format: the query needs %1")
            .arg(missing.join(QStringLiteral(", ")));
    return {};
}

int runQuery(const QCommandLineParser &parser, const std::vector<std::uint16_t> &ports)
{
    const QString command = QStringLiteral("flowlog query");
    const QString engine = parser.value(QStringLiteral("engine"));
    flowlog::QueryOptions options;
    options.listeningPorts = ports;
    options.documentationPrivate = parser.isSet(QStringLiteral("documentation-private"));
    if (engine == QLatin1String("athena")) {
        if (const QString error = readAthenaTable(parser, options); !error.isEmpty())
            return usageError(command, error);
        out() << flowlog::flowLogQuery(flowlog::QueryEngine::Athena, options);
        return ExitOk;
    }
    if (engine != QLatin1String("sls"))
        return usageError(
            command,
            FlowlogCommandText::tr("--engine must be sls or athena (got '%1')").arg(engine));
    // SLS's fields are always the same, and its logstore is the query's.
    if (parser.isSet(QStringLiteral("format")) || parser.isSet(QStringLiteral("table")))
        return usageError(command, FlowlogCommandText::tr("--format and --table describe the "
                                                          "Athena table: with --engine athena "
                                                          "only"));
    out() << flowlog::flowLogQuery(flowlog::QueryEngine::Sls, options);
    return ExitOk;
}

} // namespace

int runFlowlog(const QStringList &arguments)
{
    const QString sub = arguments.size() > 1 ? arguments.at(1) : QString();
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        (sub.isEmpty() ? err() : out()) << kUsage;
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }
    if (sub != QLatin1String("check") && sub != QLatin1String("query"))
        return usageError(
            QStringLiteral("flowlog"),
            FlowlogCommandText::tr("unknown subcommand '%1' (check or query)").arg(sub));
    const QString command = QStringLiteral("flowlog ") + sub;
    QStringList args = arguments;
    args.removeAt(1);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        sub == QLatin1String("check")
            ? FlowlogCommandText::tr(
                  "Read VPC flow logs (Alibaba SLS JSON Lines/CSV, AWS text; plain, gzip, "
                  "zstd or LZ4; files or directories) and report outbound requests to public "
                  "addresses that could use a private path.")
            : FlowlogCommandText::tr("Print the check as a query for SLS or Athena."));
    parser.addHelpOption();
    parser.addOptions(commonOptions());
    if (sub == QLatin1String("check"))
        parser.addPositionalArgument(
            QStringLiteral("LOGS"),
            FlowlogCommandText::tr("Flow-log files or directories; - reads standard input."),
            QStringLiteral("LOGS..."));
    if (!parser.parse(args))
        return usageError(command, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, command);
        return ExitOk;
    }
    std::vector<std::uint16_t> ports;
    if (!parsePorts(parser.value(QStringLiteral("listening-ports")), ports))
        return usageError(command, FlowlogCommandText::tr(
                                       "--listening-ports wants port numbers separated by commas"));
    if (sub == QLatin1String("query"))
        return runQuery(parser, ports);

    const QStringList logs = parser.positionalArguments();
    if (logs.isEmpty())
        return usageError(command, FlowlogCommandText::tr("no flow-log file given"));
    const int outputs = int(parser.isSet(QStringLiteral("json"))) +
                        int(parser.isSet(QStringLiteral("csv"))) +
                        int(parser.isSet(QStringLiteral("markdown")));
    if (outputs > 1)
        return usageError(
            command, FlowlogCommandText::tr("--json, --csv and --markdown exclude each other"));
    flowlog::ReadOptions readOptions;
    if (parser.isSet(QStringLiteral("dialect"))) {
        const auto dialect =
            flowlog::dialectFromName(parser.value(QStringLiteral("dialect")).toStdString());
        if (!dialect)
            return usageError(command,
                              FlowlogCommandText::tr("--dialect must be auto, alibaba or aws"));
        readOptions.dialect = *dialect;
    }
    if (QString error; !parseFormat(parser, readOptions.awsFormat, error))
        return usageError(command, error);

    // Ownership inputs: an unreadable file is a usage error (nothing to
    // compare against), a bad line inside one is reported and skipped.
    flowlog::Ownership ownership(parser.isSet(QStringLiteral("documentation-private")));
    // Bad lines of ownership inputs go in the report too (its file errors):
    // a reader of the JSON output alone must see why the exit code is 1.
    std::vector<std::string> ownershipErrors;
    const auto load = [&](const char *option,
                          QStringList (flowlog::Ownership::*loader)(const QString &)) -> bool {
        for (const QString &path : parser.values(QLatin1String(option))) {
            if (!QFileInfo::exists(path)) {
                usageError(command, FlowlogCommandText::tr("--%1: no such file: %2")
                                        .arg(QLatin1String(option), path));
                return false;
            }
            for (const QString &error : (ownership.*loader)(path))
                ownershipErrors.push_back(error.toStdString()); // said with the report
        }
        return true;
    };
    if (!load("ranges", &flowlog::Ownership::loadCidrCsv) ||
        !load("inventory", &flowlog::Ownership::loadInventoryCsv) ||
        !load("aws-ip-ranges", &flowlog::Ownership::loadAwsIpRanges) ||
        !load("alibaba-public-ips", &flowlog::Ownership::loadAlibabaPublicIps))
        return ExitUsage;
    ownership.build();

    // Folders that cannot be listed and entries not read go to the report
    // (file errors, notes) like the ownership files' errors.
    flowlog::ReadStats stats;
    stats.fileErrors = ownershipErrors;
    QStringList missing;
    QStringList emptyDirectories;
    const std::vector<std::string> files =
        flowlog::expandInputs(logs, missing, emptyDirectories, stats);
    // Quoted: a path may hold ", ".
    const auto quoted = [](const QStringList &paths) -> QString {
        return QLatin1Char('\'') + paths.join(QStringLiteral("', '")) + QLatin1Char('\'');
    };
    if (!missing.isEmpty())
        return usageError(
            command, FlowlogCommandText::tr("no such file or directory: %1").arg(quoted(missing)));
    if (!emptyDirectories.isEmpty()) {
        // With what was found there and not read, if anything (hidden files).
        QStringList named;
        for (const QString &dir : emptyDirectories) {
            named << quoted({dir});
            for (const flowlog::ReadStats::Note &note : stats.notes) {
                if (note.firstFile == dir.toStdString())
                    named.last() +=
                        QStringLiteral(" (%1)").arg(QString::fromStdString(note.problem));
            }
        }
        return usageError(command, FlowlogCommandText::tr("no file in directory: %1")
                                       .arg(named.join(QStringLiteral(", "))));
    }

    flowlog::AnalyzerOptions analyzerOptions;
    analyzerOptions.listeningPorts = ports;
    if (parser.isSet(QStringLiteral("memory"))) {
        bool ok = false;
        const uint mib = parser.value(QStringLiteral("memory")).toUInt(&ok);
        if (!ok || mib > 1024 * 1024)
            return usageError(command,
                              FlowlogCommandText::tr("--memory wants a number of MiB (0 or more)"));
        analyzerOptions.memoryBudget = std::size_t(mib) << 20;
    }
    perf::oneHeapArena(); // the check's peak memory (see there)
    flowlog::RecordReader reader(readOptions);
    flowlog::FlowAnalyzer analyzer(ownership, analyzerOptions, reader.shardCount());
    TerminalProgress progress; // on a terminal only
    QElapsedTimer timer;
    timer.start();
    const auto progressText = [&](const flowlog::ReadStats &s) {
        return QStringLiteral("%1 records, %2 flows, %3 s")
            .arg(s.records)
            .arg(analyzer.flowCount())
            .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1);
    };
    const auto showProgress = [&](const flowlog::ReadStats &s) {
        progress.show(progressText(s));
    };
    try {
        reader.readFilesSharded(
            files, analyzer.shardCount(),
            [&analyzer](unsigned shard, const flowlog::FlowRecord &record, std::uint32_t file,
                        std::uint64_t line) { analyzer.add(shard, record, file, line); },
            stats,
            progress.enabled() ? flowlog::ProgressSink(showProgress) : flowlog::ProgressSink());
    } catch (const std::exception &e) {
        // Out of memory, a table full, a library's error: said, with the
        // report of what was read before, rather than an abort.
        stats.fileErrors.push_back(flowlog::stoppedEarlyText(e));
    }
    progress.finish(progressText(stats));
    const flowlog::FlowReport report = analyzer.finish(stats);

    // The report's UTF-8 as it is, written as it is formatted: no UTF-16
    // copy and no whole copy of a report that can be tens of MiB.
    out().flush();
    const flowlog::ReportSink toStdout = [](const QByteArray &bytes) {
        writeStdout(bytes);
    };
    if (parser.isSet(QStringLiteral("json")))
        flowlog::writeReportJsonLines(report, toStdout);
    else if (parser.isSet(QStringLiteral("csv")))
        flowlog::writeReportCsv(report, toStdout);
    else if (parser.isSet(QStringLiteral("markdown")))
        flowlog::writeReportMarkdown(report, toStdout);
    else
        writeStdout(flowlog::reportText(report));
    for (const std::string &e : report.fileErrors)
        err() << "plinspect " << command << ": " << flowlog::printableText(e) << Qt::endl;
    for (const std::string &n : report.notes) // read anyway: not an input error
        err() << "plinspect " << command << ": "
              << FlowlogCommandText::tr("note: %1").arg(flowlog::printableText(n)) << Qt::endl;
    if (report.malformed > 0)
        err() << "plinspect " << command << ": "
              << FlowlogCommandText::tr("%1 malformed line(s), first: %2")
                     .arg(report.malformed)
                     .arg(flowlog::printableText(report.malformedSamples.front()))
              << Qt::endl;
    return report.malformed > 0 || !report.fileErrors.empty() ? ExitInvalidInput : ExitOk;
}

} // namespace pl::cli
