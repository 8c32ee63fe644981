#include "policycommand.h"

#include "capture/captureengine.h"
#include "console.h"
#include "policy/batch.h"
#include "policy/checkedpolicy.h"
#include "policy/evaluator.h"
#include "policy/jsonpositions.h"
#include "policy/lint.h"
#include "policy/policydiff.h"
#include "policy/requestbuilder.h"
#include "policy/testcases.h"
#include "policycheckcommand.h"
#include "policyexportcommand.h"
#include "policylayers.h"
#include "proxy/headertext.h"
#include "terminalprogress.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

namespace pl::cli {

using namespace pl::policy;

// The translation context of this file's messages: lupdate files the
// PolicyCommandText::tr() calls under it, as the program looks them up.
class PolicyCommandText
{
    Q_DECLARE_TR_FUNCTIONS(pl::cli::PolicyCommandText)
};

namespace {

// Text output carries Sids, names and values from files and requests:
// their control characters must not reach the terminal raw.
QString terminalText(const QString &text)
{
    return proxy::escapedControls(text, true);
}

void printJson(const QJsonObject &o)
{
    out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
}

struct Common
{
    QCommandLineParser parser;
    QString command;
    bool json = false;
    std::optional<Dialect> dialect;
};

// Parses the options every subcommand shares; returns -1 to go on, else
// the exit status.
int parseCommon(Common &c, const QStringList &arguments, const QString &description,
                const QList<QCommandLineOption> &extra, const QString &positionalName,
                const QString &positionalHelp)
{
    c.parser.setApplicationDescription(description);
    c.parser.addHelpOption();
    c.parser.addOptions({
        {QStringLiteral("json"), PolicyCommandText::tr("Print JSON Lines.")},
        {QStringLiteral("dialect"),
         PolicyCommandText::tr(
             "acs (Alibaba RAM) or aws (IAM); default: from the policy's Version."),
         QStringLiteral("NAME")},
    });
    c.parser.addOptions(extra);
    c.parser.addPositionalArgument(positionalName, positionalHelp);
    if (!c.parser.parse(arguments))
        return usageError(c.command, c.parser.errorText());
    if (c.parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(c.parser, c.command);
        return ExitOk;
    }
    c.json = c.parser.isSet(QStringLiteral("json"));
    if (c.parser.isSet(QStringLiteral("dialect"))) {
        c.dialect = dialectFromName(c.parser.value(QStringLiteral("dialect")));
        if (!c.dialect)
            return usageError(c.command, PolicyCommandText::tr("unknown dialect '%1' (acs or aws)")
                                             .arg(c.parser.value(QStringLiteral("dialect"))));
    }
    return -1;
}

// Loads every policy as a layer, refusing any that lint rejects; prints
// the errors (file:line:column) to stderr. Returns -1 to go on, else the
// exit status: 2 when a file cannot be opened, 1 when a policy is rejected.
int loadPolicies(const QStringList &paths, const Common &c, QList<PolicyDocument> &documents)
{
    const std::optional<int> refused = loadPolicyLayers(c.command, paths, c.dialect, &documents);
    return refused ? *refused : -1;
}

// --request: a file or inline JSON; an object or a list of objects.
std::optional<QList<PolicyRequest>> parseRequests(const QString &value, QString &error)
{
    QByteArray bytes = value.toUtf8();
    const QByteArray trimmed = bytes.trimmed();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly)) {
            error = PolicyCommandText::tr("--request: cannot open %1: %2")
                        .arg(value, file.errorString());
            return std::nullopt;
        }
        bytes = file.readAll();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = PolicyCommandText::tr("--request: %1 at offset %2")
                    .arg(policy::parseErrorText(parseError, bytes))
                    .arg(parseError.offset);
        return std::nullopt;
    }
    QJsonArray items = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    QList<PolicyRequest> requests;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue &item = items.at(i);
        // Never a default tcp:Connect for a string, a number or an array.
        if (!item.isObject()) {
            error = PolicyCommandText::tr("--request: item %1 is not a JSON object "
                                          "({\"action\": ..., \"context\": {...}})")
                        .arg(i + 1);
            return std::nullopt;
        }
        const RequestParse parsed = requestFromJson(item.toObject());
        if (!parsed.ok()) {
            error = QStringLiteral("--request: ") + parsed.error;
            return std::nullopt;
        }
        requests.append(parsed.request);
    }
    return requests;
}

using ConnectionVisitor = std::function<void(const capture::Connection &, const PolicyRequest &,
                                             const proxy::DecodeResult &)>;

// Reads a capture and builds one request per connection. Returns the exit
// status to use (0 or 1 when the file is damaged), or 2 when it cannot open.
int forEachConnection(const Common &c, const QString &path, const ConnectionVisitor &visit)
{
    capture::CaptureEngine engine;
    if (!engine.openFile(path)) {
        err() << "plinspect " << c.command << ": " << path << ": " << engine.error().message
              << Qt::endl;
        return ExitUsage;
    }
    TerminalProgress progress; // on a terminal only
    for (;;) {
        const QList<capture::Connection> batch = engine.nextBatch();
        if (batch.isEmpty())
            break;
        for (const capture::Connection &conn : batch) {
            const proxy::DecodeResult decoded = conn.decodeHeader();
            const PolicyRequest request = requestFromConnection(decoded, factsFromCapture(conn));
            visit(conn, request, decoded);
        }
        progress.show(captureProgressText(engine.progress()));
    }
    progress.finish(captureProgressText(engine.progress()));
    if (engine.error()) {
        err() << "plinspect " << c.command << ": " << path << ": " << engine.error().message
              << Qt::endl;
        return ExitInvalidInput;
    }
    return ExitOk;
}

QString connectionLabel(const capture::Connection &conn)
{
    return PolicyCommandText::tr("frame %1 %2")
        .arg(conn.firstFrame)
        .arg(capture::endpointText(conn.client));
}

void printCoverage(const BatchEvaluator &batch)
{
    out() << PolicyCommandText::tr("%1 connections: %2 Allow, %3 ExplicitDeny, %4 ImplicitDeny")
                 .arg(batch.total())
                 .arg(batch.count(Decision::Allow))
                 .arg(batch.count(Decision::ExplicitDeny))
                 .arg(batch.count(Decision::ImplicitDeny))
          << '\n';
    const PolicySet &set = batch.policies();
    for (qsizetype l = 0; l < set.layers().size(); ++l) {
        for (qsizetype s = 0; s < set.layers().at(l).statements.size(); ++s) {
            const StatementRef ref = set.statementRef(static_cast<int>(l), static_cast<int>(s));
            out() << "  " << terminalText(ref.layerName) << ':' << ref.pos.line << ' '
                  << effectName(ref.effect) << ' ' << terminalText(ref.label()) << ": "
                  << PolicyCommandText::tr("%n hit(s)", nullptr,
                                           static_cast<int>(batch.hits(ref.layer, ref.index)))
                  << '\n';
        }
    }
    const QList<StatementRef> never = batch.neverHit();
    if (!never.isEmpty()) {
        QStringList labels;
        for (const StatementRef &r : never)
            labels << QStringLiteral("%1 (%2:%3)").arg(r.label(), r.layerName).arg(r.pos.line);
        out() << terminalText(
                     PolicyCommandText::tr("never hit: %1").arg(labels.join(QLatin1String(", "))))
              << '\n';
    }
}

int runEval(const QStringList &arguments)
{
    Common c;
    c.command = QStringLiteral("policy eval");
    const int early = parseCommon(
        c, arguments,
        PolicyCommandText::tr("Judge requests with one or more policies (layers, in order)."),
        {{QStringLiteral("request"),
          PolicyCommandText::tr("A request as JSON text or a file (object or list)."),
          QStringLiteral("JSON")},
         {QStringLiteral("capture"),
          PolicyCommandText::tr("Judge every connection of a pcap/pcapng capture."),
          QStringLiteral("FILE")},
         {QStringLiteral("explain"),
          PolicyCommandText::tr("Print the whole explanation for each connection.")},
         {QStringLiteral("coverage"),
          PolicyCommandText::tr(
              "With --json and --capture, end with the per-statement hit counts.")}},
        QStringLiteral("POLICY"), PolicyCommandText::tr("Policy documents, evaluated as layers."));
    if (early >= 0)
        return early;
    const QStringList paths = c.parser.positionalArguments();
    if (paths.isEmpty())
        return usageError(c.command, PolicyCommandText::tr("give at least one POLICY file"));
    const bool hasRequest = c.parser.isSet(QStringLiteral("request"));
    const bool hasCapture = c.parser.isSet(QStringLiteral("capture"));
    if (hasRequest == hasCapture)
        return usageError(c.command,
                          PolicyCommandText::tr("give either --request JSON or --capture FILE"));
    QList<PolicyDocument> documents;
    if (const int refused = loadPolicies(paths, c, documents); refused >= 0)
        return refused;
    const PolicySet set(documents);

    if (hasRequest) {
        QList<PolicyRequest> requests;
        for (const QString &value : c.parser.values(QStringLiteral("request"))) {
            QString error;
            const auto parsed = parseRequests(value, error);
            if (!parsed)
                return usageError(c.command, error);
            requests += *parsed;
        }
        for (const PolicyRequest &request : std::as_const(requests)) {
            const Explanation ex = set.explain(request);
            if (c.json)
                printJson(ex.toJson());
            else
                out() << terminalText(ex.text());
        }
        out().flush();
        return ExitOk;
    }

    BatchEvaluator batch(set);
    const bool explainAll = c.parser.isSet(QStringLiteral("explain"));
    const int status = forEachConnection(
        c, c.parser.value(QStringLiteral("capture")),
        [&](const capture::Connection &conn, const PolicyRequest &request,
            const proxy::DecodeResult &decoded) {
            const Verdict verdict = batch.add(request);
            if (c.json) {
                QJsonObject o = set.explain(request).toJson();
                o.insert(QStringLiteral("frame"), static_cast<qint64>(conn.firstFrame));
                o.insert(QStringLiteral("client"), capture::endpointText(conn.client));
                o.insert(QStringLiteral("server"), capture::endpointText(conn.server));
                o.insert(QStringLiteral("action"), request.action);
                o.insert(QStringLiteral("resource"), request.resource);
                if (!conn.headerPresent)
                    o.insert(QStringLiteral("header"), QStringLiteral("absent"));
                else if (!decoded.ok())
                    o.insert(QStringLiteral("header"), QStringLiteral("invalid"));
                printJson(o);
            } else if (explainAll) {
                out() << "== " << connectionLabel(conn) << '\n'
                      << terminalText(set.explain(request).text()) << '\n';
            } else {
                // The fast verdict: a capture may hold millions of connections.
                const QString layer = verdict.denyingLayer >= 0 && set.layers().size() > 1
                                          ? set.layerName(verdict.denyingLayer)
                                          : QString();
                out() << terminalText(connectionLabel(conn) + QLatin1String("  ") + request.action +
                                      QLatin1Char(' ') + request.resource + QLatin1String("  ") +
                                      decisionSummary(verdict.decision, verdict.decisive, layer))
                      << '\n';
            }
        });
    if (status == ExitUsage)
        return status;
    if (c.json) {
        if (c.parser.isSet(QStringLiteral("coverage")))
            printJson(QJsonObject{{QStringLiteral("coverage"), batch.summaryJson()}});
    } else {
        out() << '\n';
        printCoverage(batch);
    }
    out().flush();
    return status;
}

int runTest(const QStringList &arguments)
{
    Common c;
    c.command = QStringLiteral("policy test");
    const int early =
        parseCommon(c, arguments,
                    PolicyCommandText::tr("Run a test-case table (JSON or CSV) against policies."),
                    {}, QStringLiteral("POLICY... CASES"),
                    PolicyCommandText::tr("Policy documents (layers), then the test-case file."));
    if (early >= 0)
        return early;
    QStringList paths = c.parser.positionalArguments();
    if (paths.size() < 2)
        return usageError(c.command, PolicyCommandText::tr("give POLICY... and a CASES file"));
    const QString casesPath = paths.takeLast();
    QList<PolicyDocument> documents;
    if (const int refused = loadPolicies(paths, c, documents); refused >= 0)
        return refused;
    const TestCaseFile cases = loadTestCases(casesPath);
    for (const PolicyError &e : cases.errors)
        err() << formatError(casesPath, e) << Qt::endl;
    if (!cases.ok())
        return ExitInvalidInput;
    const TestReport report = runTestCases(PolicySet(documents), cases.cases);
    for (const TestResult &r : report.results) {
        if (c.json) {
            printJson(testResultJson(r));
            continue;
        }
        if (r.passed) {
            out() << "PASS " << terminalText(r.testCase->name) << ": "
                  << decisionName(r.explanation.decision) << '\n';
        } else {
            out() << "FAIL " << terminalText(r.testCase->name) << " ("
                  << PolicyCommandText::tr("line %1").arg(r.testCase->line) << "): "
                  << PolicyCommandText::tr("expected %1, got %2")
                         .arg(QLatin1String(expectationName(r.testCase->expect)),
                              QLatin1String(decisionName(r.explanation.decision)))
                  << '\n';
            for (const QString &line :
                 r.explanation.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                out() << "    " << terminalText(line) << '\n';
        }
    }
    if (!c.json)
        out() << PolicyCommandText::tr("%1 passed, %2 failed").arg(report.passed).arg(report.failed)
              << '\n';
    out().flush();
    return report.allPassed() ? ExitOk : ExitInvalidInput;
}

int runDiff(const QStringList &arguments)
{
    Common c;
    c.command = QStringLiteral("policy diff");
    const int early = parseCommon(
        c, arguments,
        PolicyCommandText::tr("Which requests change decision between two versions of a policy."),
        {{QStringLiteral("capture"),
          PolicyCommandText::tr("Compare over every connection of a capture."),
          QStringLiteral("FILE")}},
        QStringLiteral("OLD NEW [CASES]"),
        PolicyCommandText::tr("The two versions, then a test-case file."));
    if (early >= 0)
        return early;
    QStringList paths = c.parser.positionalArguments();
    const bool hasCapture = c.parser.isSet(QStringLiteral("capture"));
    if (paths.size() != (hasCapture ? 2 : 3))
        return usageError(c.command,
                          PolicyCommandText::tr("give OLD NEW and either --capture FILE or CASES"));
    QList<PolicyDocument> before;
    QList<PolicyDocument> after;
    if (const int refused = loadPolicies({paths.at(0)}, c, before); refused >= 0)
        return refused;
    if (const int refused = loadPolicies({paths.at(1)}, c, after); refused >= 0)
        return refused;
    PolicyDiff diff{PolicySet(before), PolicySet(after)};
    int status = ExitOk;
    if (hasCapture) {
        status = forEachConnection(
            c, c.parser.value(QStringLiteral("capture")),
            [&](const capture::Connection &conn, const PolicyRequest &request,
                const proxy::DecodeResult &) { diff.add(connectionLabel(conn), request); });
        if (status == ExitUsage)
            return status;
    } else {
        const TestCaseFile cases = loadTestCases(paths.at(2));
        for (const PolicyError &e : cases.errors)
            err() << formatError(paths.at(2), e) << Qt::endl;
        if (!cases.ok())
            return ExitInvalidInput;
        for (const TestCase &tc : cases.cases)
            diff.add(tc.name, tc.request);
    }
    for (const DecisionChange &change : diff.changes()) {
        if (c.json) {
            printJson(change.toJson());
        } else {
            out() << terminalText(change.label) << ": " << decisionName(change.before.decision)
                  << " -> " << decisionName(change.after.decision) << '\n'
                  << "    " << terminalText(change.reason) << '\n';
        }
    }
    if (c.json)
        printJson({{QStringLiteral("total"), diff.total()},
                   {QStringLiteral("changed"), static_cast<int>(diff.changes().size())}});
    else
        out() << PolicyCommandText::tr("%1 of %2 requests change decision")
                     .arg(diff.changes().size())
                     .arg(diff.total())
              << '\n';
    out().flush();
    return status;
}

int runLint(const QStringList &arguments)
{
    Common c;
    c.command = QStringLiteral("policy lint");
    const int early =
        parseCommon(c, arguments, PolicyCommandText::tr("Check policies for mistakes."), {},
                    QStringLiteral("POLICY"), PolicyCommandText::tr("Policy documents."));
    if (early >= 0)
        return early;
    const QStringList paths = c.parser.positionalArguments();
    if (paths.isEmpty())
        return usageError(c.command, PolicyCommandText::tr("give a POLICY file"));
    int status = ExitOk;
    for (const QString &path : paths) {
        const CheckedPolicy checked = loadCheckedPolicy(path, c.dialect);
        if (checked.check == PolicyCheck::Unreadable) {
            // Nothing to lint: the path is wrong, a usage error like eval's.
            for (const QString &message : checked.errorMessages())
                err() << "plinspect " << c.command << ": " << terminalText(message) << Qt::endl;
            status = ExitUsage;
            continue;
        }
        const QList<LintFinding> &findings = checked.findings;
        if (!checked.usable() && status == ExitOk)
            status = ExitInvalidInput;
        for (const LintFinding &f : findings) {
            if (c.json) {
                QJsonObject o = lintFindingJson(f);
                o.insert(QStringLiteral("policy"), path);
                printJson(o);
            } else {
                out() << terminalText(formatFinding(path, f)) << '\n';
            }
        }
        if (!c.json && findings.isEmpty())
            out() << terminalText(path) << ": "
                  << PolicyCommandText::tr("no findings (%1 dialect)")
                         .arg(QLatin1String(dialectName(checked.document.dialect)))
                  << '\n';
    }
    out().flush();
    return status;
}

} // namespace

int runPolicy(const QStringList &arguments)
{
    const QString usage = PolicyCommandText::tr(
        "usage: plinspect policy eval|test|diff|lint|check|export ... (--help for each)");
    if (arguments.size() < 2)
        return usageError(QStringLiteral("policy"), usage);
    const QString sub = arguments.at(1);
    QStringList rest = arguments;
    rest.removeAt(1);
    if (sub == QLatin1String("eval"))
        return runEval(rest);
    if (sub == QLatin1String("test"))
        return runTest(rest);
    if (sub == QLatin1String("diff"))
        return runDiff(rest);
    if (sub == QLatin1String("lint"))
        return runLint(rest);
    if (sub == QLatin1String("check"))
        return runPolicyCheck(rest);
    if (sub == QLatin1String("export"))
        return runPolicyExport(rest);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out() << usage << '\n';
        return ExitOk;
    }
    return usageError(QStringLiteral("policy"), usage);
}

} // namespace pl::cli
