// plinspect policy as a user runs it: real process, real files, exit
// statuses 0 / 1 (test failed, lint error, unparsable input) / 2 (usage).

#include "plinspectprocess.h"

#include <QDir>
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

QString data(const char *name)
{
    return QStringLiteral(PL_TEST_DATA_DIR "/policy/") + QLatin1String(name);
}

QString samplePolicy()
{
    return QDir::cleanPath(
        QStringLiteral(PL_TEST_DATA_DIR "/../../resources/samples/sample-policy.json"));
}

QString capture(const char *name)
{
    return QDir::cleanPath(QStringLiteral(PL_TEST_DATA_DIR "/captures/") + QLatin1String(name));
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A Deny (line 3) that the policy means to enforce, then an Allow.
QByteArray denyThenAllow(const QByteArray &condition)
{
    return "{\"Version\": \"1\", \"Statement\": [\n"
           "  {\"Sid\": \"Guard\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": "
           "\"*\",\n   \"Condition\": " +
           condition +
           "},\n"
           "  {\"Sid\": \"Rest\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}";
}

const char kRequest[] =
    R"({"action": "tcp:Connect", "context": {"acs:SourceIp": "10.0.0.1", "pp:SourcePort": "80"}})";

} // namespace

class TestPolicyCli : public QObject
{
    Q_OBJECT

private slots:
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void helpListsPolicy();
    void evalRequestJson();
    void typedRequestsGetDerivedKeys();
    void evalRequestText();
    void evalLayers();
    void evalCapture();
    void brokenPolicyExitsOneWithPosition();
    void testPassesAndFails();
    void lintExitStatus();
    void diffOverCases();
    void diffOverCapture();
    void lintErrorsStopEnforcement_data();
    void lintErrorsStopEnforcement();
    void lintWarningsDoNotStopEnforcement();
    void cannotOpenIsAUsageError_data();
    void cannotOpenIsAUsageError();
    void endlessPolicyIsRefused_data();
    void endlessPolicyIsRefused();
    void lintReportsDuplicates();
    void controlCharactersAreEscapedInText();
};

void TestPolicyCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    const QString p = samplePolicy();
    QTest::newRow("no subcommand") << QStringList{"policy"};
    QTest::newRow("unknown subcommand") << QStringList{"policy", "judge"};
    QTest::newRow("eval without request") << QStringList{"policy", "eval", p};
    QTest::newRow("eval without policy") << QStringList{"policy", "eval", "--request", "{}"};
    QTest::newRow("eval request and capture") << QStringList{
        "policy", "eval", p, "--request", "{}", "--capture", capture("ethernet_v2_alibaba.pcap")};
    QTest::newRow("eval bad request JSON")
        << QStringList{"policy", "eval", p, "--request", "{\"action\":"};
    QTest::newRow("eval unknown request element")
        << QStringList{"policy", "eval", p, "--request", "{\"verb\": \"GET\"}"};
    QTest::newRow("eval request that is a string, not an object") << QStringList{
        "policy", "eval", p, "--request", R"([{"action": "http:GET"}, "http:POST", 42])"};
    QTest::newRow("eval missing capture")
        << QStringList{"policy", "eval", p, "--capture", "/nonexistent.pcap"};
    QTest::newRow("unknown dialect") << QStringList{"policy", "lint", "--dialect", "gcp", p};
    QTest::newRow("test without cases") << QStringList{"policy", "test", p};
    QTest::newRow("diff without cases") << QStringList{"policy", "diff", p, p};
    QTest::newRow("lint nothing") << QStringList{"policy", "lint"};
    QTest::newRow("unknown option") << QStringList{"policy", "lint", "--frob", p};
}

void TestPolicyCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run r = plinspect(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.startsWith("plinspect policy"));
}

void TestPolicyCli::helpListsPolicy()
{
    const Run r = plinspect({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("policy"));
    const Run e = plinspect({"policy", "eval", "--help"});
    QCOMPARE(e.exitCode, 0);
    QVERIFY(e.out.contains("--capture"));
    QVERIFY(e.out.contains("--request"));
}

void TestPolicyCli::evalRequestJson()
{
    const Run r = plinspect(
        {"policy", "eval", "--json", samplePolicy(), "--request",
         R"({"action": "http:GET", "resource": "/login", "context": {"alibaba:EndpointId": "ep-x"}})",
         "--request",
         R"([{"action": "tcp:Connect", "context": {"acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}}])"});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).value("decision").toString(), QString("ExplicitDeny"));
    const QJsonObject decisive = lines.at(0).value("statements").toArray().at(0).toObject();
    QCOMPARE(decisive.value("sid").toString(), QString("LoginOnlyThroughProdEndpoint"));
    QCOMPARE(decisive.value("line").toInt(), 4);
    QCOMPARE(lines.at(0).value("missing").toArray().at(0).toString(), QString("acs:SourceVpc"));
    QVERIFY(lines.at(0).value("explanation").isArray());
    QCOMPARE(lines.at(1).value("decision").toString(), QString("Allow"));
    QCOMPARE(lines.at(1).value("statements").toArray().at(0).toObject().value("line").toInt(), 11);
}

void TestPolicyCli::typedRequestsGetDerivedKeys()
{
    // acs:SourceVpc = alibaba:SourceVpc and acs:SourceIp = pp:SourceIp, as a
    // captured header gives them: a typed case judges as the traffic does.
    const Run r = plinspect(
        {"policy", "eval", "--json", samplePolicy(), "--request",
         R"({"action": "tcp:Connect", "context": {"alibaba:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}})"});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).value("decision").toString(), QString("Allow"));
    QCOMPARE(lines.at(0).value("statements").toArray().at(0).toObject().value("line").toInt(), 11);

    // A case without a request object is an error, not a default tcp:Connect.
    QTemporaryDir dir;
    const QString cases = dir.filePath(QStringLiteral("cases.json"));
    QFile f(cases);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"([{"name": "x", "request": "http:GET", "expect": "Allow"},
                {"name": "y", "expect": "Allow"}])");
    f.close();
    const Run t = plinspect({"policy", "test", samplePolicy(), cases});
    QCOMPARE(t.exitCode, 1);
    QVERIFY2(t.err.contains("case x: \"request\" must be a JSON object"), t.err.constData());
    QVERIFY2(t.err.contains("case y: \"request\" must be a JSON object"), t.err.constData());
}

void TestPolicyCli::evalRequestText()
{
    const Run r = plinspect({"policy", "eval", samplePolicy(), "--request",
                             R"({"action": "http:GET", "resource": "/login"})"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("ExplicitDeny by LoginOnlyThroughProdEndpoint ("), r.out.constData());
    QVERIFY(r.out.contains("missing context: alibaba:EndpointId"));
}

void TestPolicyCli::evalLayers()
{
    // The sample allows; v2 (second layer) does not know our VPC.
    const Run r = plinspect(
        {"policy", "eval", "--json", samplePolicy(), data("sample-policy-v2.json"), "--request",
         R"({"action": "tcp:Connect", "context": {"acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}})"});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).value("decision").toString(), QString("ImplicitDeny"));
    QVERIFY(lines.at(0).value("layer").toString().endsWith("sample-policy-v2.json"));
}

void TestPolicyCli::evalCapture()
{
    const Run r = plinspect({"policy", "eval", "--json", "--coverage", samplePolicy(), "--capture",
                             capture("ethernet_v2_alibaba.pcap")});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 2);
    const QJsonObject &c = lines.at(0);
    QCOMPARE(c.value("frame").toInt(), 2);
    QCOMPARE(c.value("client").toString(), QString("10.0.0.14:59074"));
    QCOMPARE(c.value("action").toString(), QString("http:GET"));
    QCOMPARE(c.value("resource").toString(), QString("/login"));
    QCOMPARE(c.value("decision").toString(), QString("Allow"));
    const QJsonObject coverage = lines.at(1).value("coverage").toObject();
    QCOMPARE(coverage.value("total").toInt(), 1);
    QCOMPARE(coverage.value("never_hit").toArray().at(0).toObject().value("sid").toString(),
             QString("LoginOnlyThroughProdEndpoint"));
    // Text: one line per connection, then the counts.
    const Run t = plinspect(
        {"policy", "eval", samplePolicy(), "--capture", capture("ethernet_v2_alibaba.pcap")});
    QCOMPARE(t.exitCode, 0);
    QVERIFY(t.out.contains("frame 2 10.0.0.14:59074  http:GET /login  Allow by OnlyFromOurVpc"));
    QVERIFY(t.out.contains("1 connections: 1 Allow, 0 ExplicitDeny, 0 ImplicitDeny"));
    QVERIFY(t.out.contains("never hit: LoginOnlyThroughProdEndpoint"));
    // Two layers: the second does not know our VPC and is named.
    const Run layered = plinspect({"policy", "eval", samplePolicy(), data("sample-policy-v2.json"),
                                   "--capture", capture("ethernet_v2_alibaba.pcap")});
    QCOMPARE(layered.exitCode, 0);
    QVERIFY2(
        layered.out.contains(QByteArray("ImplicitDeny: no statement allowed the request (layer " +
                                        data("sample-policy-v2.json").toUtf8() + ")")),
        layered.out.constData());
}

void TestPolicyCli::brokenPolicyExitsOneWithPosition()
{
    const Run r = plinspect({"policy", "eval", data("broken-policy.json"), "--request", "{}"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("broken-policy.json:4:39: "), r.err.constData());
    const Run l = plinspect({"policy", "lint", "--json", data("broken-policy.json")});
    QCOMPARE(l.exitCode, 1);
    const QList<QJsonObject> lines = jsonLines(l.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).value("code").toString(), QString("parse"));
    QCOMPARE(lines.at(0).value("line").toInt(), 4);
    QCOMPARE(lines.at(0).value("column").toInt(), 39);
    QCOMPARE(lines.at(0).value("offset").toInt(), 75); // bytes: the '"' of "Resource"
}

void TestPolicyCli::testPassesAndFails()
{
    const Run pass = plinspect({"policy", "test", samplePolicy(), data("sample-cases.json")});
    QCOMPARE(pass.exitCode, 0);
    QVERIFY(pass.out.contains("4 passed, 0 failed"));
    const Run csv =
        plinspect({"policy", "test", "--json", samplePolicy(), data("sample-cases.csv")});
    QCOMPARE(csv.exitCode, 0);
    QCOMPARE(jsonLines(csv.out).size(), 4);
    const Run fail = plinspect({"policy", "test", samplePolicy(), data("failing-cases.json")});
    QCOMPARE(fail.exitCode, 1);
    QVERIFY(fail.out.contains(
        "FAIL expects the wrong thing (line 2): expected Allow, got ExplicitDeny"));
    QVERIFY(fail.out.contains("=> Deny LoginOnlyThroughProdEndpoint"));
    QVERIFY(fail.out.contains("PASS right"));
    QVERIFY(fail.out.contains("1 passed, 1 failed"));
    const Run json =
        plinspect({"policy", "test", "--json", samplePolicy(), data("failing-cases.json")});
    QCOMPARE(json.exitCode, 1);
    const QList<QJsonObject> lines = jsonLines(json.out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).value("passed").toBool(), false);
    QCOMPARE(lines.at(1).value("passed").toBool(), true);
}

void TestPolicyCli::lintExitStatus()
{
    const Run clean = plinspect({"policy", "lint", samplePolicy()});
    QCOMPARE(clean.exitCode, 0);
    QVERIFY(clean.out.contains("no findings (acs dialect)"));
    const Run bad = plinspect({"policy", "lint", data("lint-errors.json")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(
        bad.out.contains("lint-errors.json:9:21: error: StringEqualsIfExists is not valid in RAM"),
        bad.out.constData());
    // The same document is fine as IAM (only the acs: keys are flagged).
    const Run iam =
        plinspect({"policy", "lint", "--json", "--dialect", "aws", data("lint-errors.json")});
    bool dialectOperator = false;
    for (const QJsonObject &f : jsonLines(iam.out))
        dialectOperator = dialectOperator || f.value("code").toString() == "dialect-operator";
    QVERIFY(!dialectOperator);
}

void TestPolicyCli::diffOverCases()
{
    const Run r = plinspect({"policy", "diff", "--json", samplePolicy(),
                             data("sample-policy-v2.json"), data("sample-cases.json")});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).value("request").toString(),
             QString("login through the prod endpoint from our VPC"));
    QCOMPARE(lines.at(0).value("before").toString(), QString("Allow"));
    QCOMPARE(lines.at(0).value("after").toString(), QString("ImplicitDeny"));
    QVERIFY(lines.at(0).value("reason").toString().contains("OnlyFromOurVpc no longer matches"));
    QCOMPARE(lines.at(1).value("changed").toInt(), 1);
    QCOMPARE(lines.at(1).value("total").toInt(), 4);
    const Run text = plinspect({"policy", "diff", samplePolicy(), data("sample-policy-v2.json"),
                                data("sample-cases.json")});
    QVERIFY(text.out.contains("1 of 4 requests change decision"));
}

void TestPolicyCli::diffOverCapture()
{
    const Run r = plinspect({"policy", "diff", samplePolicy(), data("sample-policy-v2.json"),
                             "--capture", capture("ethernet_v2_alibaba.pcap")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("frame 2 10.0.0.14:59074: Allow -> ImplicitDeny"), r.out.constData());
    QVERIFY(r.out.contains("1 of 1 requests change decision"));
}

void TestPolicyCli::lintErrorsStopEnforcement_data()
{
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<QString>("position"); // line:column of the error
    QTest::addColumn<QString>("message");
    QTest::newRow("IPv4 prefix 33")
        << QByteArray(R"({"IpAddress": {"acs:SourceIp": "10.0.0.0/33"}})") << "3:32"
        << "\"10.0.0.0/33\"";
    QTest::newRow("IPv6 prefix 129")
        << QByteArray(R"({"NotIpAddress": {"acs:SourceIp": "::/129"}})") << "3:35"
        << "::/129";
    QTest::newRow("NaN") << QByteArray(R"({"NumericEquals": {"pp:SourcePort": "NaN"}})") << "3:36"
                         << "\"NaN\"";
    QTest::newRow("not a number") << QByteArray(
                                         R"({"NumericLessThan": {"pp:SourcePort": "eighty"}})")
                                  << "3:38"
                                  << "\"eighty\"";
    QTest::newRow("IfExists in RAM")
        << QByteArray(R"({"StringEqualsIfExists": {"acs:SourceVpc": "vpc-a"}})") << "3:18"
        << "RAM has no";
    QTest::newRow("Null in RAM") << QByteArray(R"({"Null": {"acs:SourceVpc": "true"}})") << "3:18"
                                 << "RAM has no";
    QTest::newRow("operator twice")
        << QByteArray(
               R"({"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}, "IpAddress": {"acs:SourceIp": "192.0.2.0/24"}})")
        << "3:63"
        << "written twice";
}

void TestPolicyCli::lintErrorsStopEnforcement()
{
    // Each of these Denies would silently never match: the policy would
    // fail open. Every enforcing command refuses it with lint's message.
    QFETCH(QByteArray, condition);
    QFETCH(QString, position);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString policy = writeFile(dir, "p.json", denyThenAllow(condition));
    const QString cases = writeFile(dir, "cases.json",
                                    QByteArray("[{\"name\": \"c\", \"request\": ") + kRequest +
                                        ", \"expect\": \"Deny\"}]");
    const QList<QStringList> commands{
        {"policy", "eval", policy, "--request", kRequest},
        {"policy", "eval", "--json", policy, "--request", kRequest},
        {"policy", "test", policy, cases},
        {"policy", "diff", policy, policy, cases},
        {"policy", "check", "--backend", "127.0.0.1:9", policy, cases},
        {"listen", "--bind", "127.0.0.1:0", "--policy", policy},
        {"policy", "lint", policy}};
    for (const QStringList &args : commands) {
        const Run r = plinspect(args, 10000);
        QVERIFY2(r.exitCode == 1, qPrintable(args.join(' ') + ": exit " +
                                             QString::number(r.exitCode) + "\n" + r.err));
        const QByteArray shown = args.contains("lint") ? r.out : r.err;
        QVERIFY2(shown.contains(QString(policy + ':' + position + ": error: ").toUtf8()) &&
                     shown.contains(message.toUtf8()),
                 qPrintable(args.join(' ') + ":\n" + shown));
        if (!args.contains("lint"))
            QVERIFY2(r.out.isEmpty(), r.out.constData());
    }
}

void TestPolicyCli::lintWarningsDoNotStopEnforcement()
{
    // StringEquals with a wildcard is only a warning: eval goes on.
    QTemporaryDir dir;
    const QString policy =
        writeFile(dir, "p.json", denyThenAllow(R"({"StringEquals": {"acs:SourceVpc": "vpc-*"}})"));
    const Run lint = plinspect({"policy", "lint", policy});
    QCOMPARE(lint.exitCode, 0);
    QVERIFY(lint.out.contains("warning: "));
    const Run r = plinspect({"policy", "eval", policy, "--request", kRequest});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("Allow by Rest"), r.out.constData());
}

void TestPolicyCli::cannotOpenIsAUsageError_data()
{
    // README: 2 is a usage error, and a path that does not open is one, as
    // in decode and eval --capture.
    QTest::addColumn<QStringList>("args");
    const QString missing = "/nonexistent/policy.json";
    QTest::newRow("lint") << QStringList{"policy", "lint", missing};
    QTest::newRow("lint --json") << QStringList{"policy", "lint", "--json", missing};
    QTest::newRow("eval") << QStringList{"policy", "eval", missing, "--request", kRequest};
    QTest::newRow("second layer") << QStringList{"policy", "eval",      samplePolicy(),
                                                 missing,  "--request", kRequest};
    QTest::newRow("test") << QStringList{"policy", "test", missing, data("sample-cases.json")};
    QTest::newRow("listen --policy")
        << QStringList{"listen", "--bind", "127.0.0.1:0", "--policy", missing};
}

void TestPolicyCli::cannotOpenIsAUsageError()
{
    QFETCH(QStringList, args);
    const Run r = plinspect(args, 10000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("plinspect ") && r.err.contains("/nonexistent/policy.json") &&
                 r.err.contains("cannot open"),
             r.err.constData());
}

void TestPolicyCli::endlessPolicyIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("onStdout");
    QTest::newRow("lint") << QStringList{"policy", "lint", "/dev/zero"} << true;
    QTest::newRow("eval") << QStringList{"policy", "eval", "/dev/zero", "--request", kRequest}
                          << false;
    QTest::newRow("listen --policy")
        << QStringList{"listen", "--bind", "127.0.0.1:0", "--policy", "/dev/zero"} << false;
}

void TestPolicyCli::endlessPolicyIsRefused()
{
    // Read until 2 GiB and abort, before: now one byte past the 16 MiB cap.
    QFETCH(QStringList, args);
    QFETCH(bool, onStdout);
    const Run r = plinspect(args, 20000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2((onStdout ? r.out : r.err).contains("/dev/zero: error: larger than the 16 MiB limit"),
             r.err.constData());
}

void TestPolicyCli::lintReportsDuplicates()
{
    QTemporaryDir dir;
    const QString policy = writeFile(
        dir, "p.json",
        "{\"Version\": \"1\", \"Statement\": [\n"
        "  {\"Sid\": \"A\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", "
        "\"Effect\": \"Allow\"},\n"
        "  {\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}");
    const Run r = plinspect({"policy", "lint", "--json", policy});
    QCOMPARE(r.exitCode, 1);
    QStringList found;
    for (const QJsonObject &f : jsonLines(r.out))
        found << QStringLiteral("%1 %2 %3:%4")
                     .arg(f.value("severity").toString(), f.value("code").toString())
                     .arg(f.value("line").toInt())
                     .arg(f.value("column").toInt());
    QVERIFY2(found.contains("error duplicate-key 2:66"), qPrintable(found.join('\n')));
    QVERIFY2(found.contains("error duplicate-sid 3:3"), qPrintable(found.join('\n')));
    const QString empty = writeFile(dir, "e.json", R"({"Version": "1", "Statement": []})");
    const Run e = plinspect({"policy", "lint", empty});
    QCOMPARE(e.exitCode, 0);
    QVERIFY2(e.out.contains(":1:31: warning: the Statement list is empty"), e.out.constData());
}

void TestPolicyCli::controlCharactersAreEscapedInText()
{
    // A Sid or a test name can carry an escape sequence: text output shows
    // it escaped, JSON keeps it JSON-escaped.
    QTemporaryDir dir;
    const QString policy =
        writeFile(dir, "p.json",
                  R"({"Version": "1", "Statement": {"Sid": "Evil\u001b[2J\u0007)"
                  R"(\u009b31m", "Effect": "Deny", "Action": "*", "Resource": "*"}})");
    const QString cases =
        writeFile(dir, "cases.json",
                  QByteArray(R"([{"name": "bell\u0007\u001b]0;title", "request": )") + kRequest +
                      R"(, "expect": "Allow"}])");
    const QByteArray evil = "Evil\\x1b[2J\\x07\\u009b31m";
    const Run eval = plinspect({"policy", "eval", policy, "--request", kRequest});
    QCOMPARE(eval.exitCode, 0);
    const QByteArray evalStart = "ExplicitDeny by " + evil;
    QVERIFY2(eval.out.startsWith(evalStart), eval.out.constData());
    const Run test = plinspect({"policy", "test", policy, cases});
    QCOMPARE(test.exitCode, 1);
    QVERIFY2(test.out.contains("FAIL bell\\x07\\x1b]0;title"), test.out.constData());
    const Run diff = plinspect({"policy", "diff", policy, policy, cases});
    const Run coverage =
        plinspect({"policy", "eval", policy, "--capture", capture("ethernet_v2_alibaba.pcap")});
    QVERIFY2(coverage.out.contains(evil), coverage.out.constData());
    for (const Run *r : {&eval, &test, &diff, &coverage}) {
        QVERIFY2(!r->out.contains('\x1b') && !r->out.contains('\x07') &&
                     !r->out.contains("\xc2\x9b"),
                 r->out.constData());
    }
    const Run json = plinspect({"policy", "eval", "--json", policy, "--request", kRequest});
    QCOMPARE(json.exitCode, 0);
    const QByteArray jsonSid = "\"sid\":\"Evil\\u001b[2J\\u0007";
    QVERIFY2(json.out.contains(jsonSid), json.out.constData());
    QCOMPARE(jsonLines(json.out)
                 .at(0)
                 .value("statements")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("sid")
                 .toString(),
             QString::fromUtf8("Evil\x1b[2J\x07\xc2\x9b"
                               "31m"));
}

QTEST_GUILESS_MAIN(TestPolicyCli)
#include "tst_policycli.moc"
