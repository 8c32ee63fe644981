// Around the evaluator: test-case tables (JSON and CSV), batch coverage and
// the diff between two versions of a policy.

#include "policy/batch.h"
#include "policy/policydiff.h"
#include "policy/testcases.h"
#include "testpolicy.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace pl::policy;
using namespace pl::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

PolicySet loadSet(const QString &path, const QString &name)
{
    return PolicySet(policyDoc(readFile(path), name));
}

PolicySet sample()
{
    return loadSet(sourceDir() + "/resources/samples/sample-policy.json", "sample-policy.json");
}

PolicySet sampleV2()
{
    return loadSet(PL_TEST_DATA_DIR "/policy/sample-policy-v2.json", "sample-policy-v2.json");
}

} // namespace

class TestPolicyTools : public QObject
{
    Q_OBJECT

private slots:
    void jsonCasesPass();
    void csvCasesPass();
    void csvCells();
    void failingCaseCarriesItsExplanation();
    void caseFileErrors_data();
    void caseFileErrors();
    void denyExpectationAcceptsBothDenies();
    void batchCountsHitsAndNeverHit();
    void diffNamesChangedRequestsAndWhy();
};

void TestPolicyTools::jsonCasesPass()
{
    const TestCaseFile cases =
        parseTestCases(readFile(PL_TEST_DATA_DIR "/policy/sample-cases.json"));
    QVERIFY(cases.ok());
    QCOMPARE(cases.cases.size(), 4);
    QCOMPARE(cases.cases.at(1).line, 7);
    const TestReport report = runTestCases(sample(), cases.cases);
    QCOMPARE(report.passed, 4);
    QVERIFY(report.allPassed());
}

void TestPolicyTools::csvCasesPass()
{
    const TestCaseFile cases =
        parseTestCases(readFile(PL_TEST_DATA_DIR "/policy/sample-cases.csv"));
    QVERIFY(cases.ok());
    QCOMPARE(cases.cases.size(), 4);
    const TestReport report = runTestCases(sample(), cases.cases);
    QVERIFY(report.allPassed());
    QCOMPARE(report.passed, 4);
}

void TestPolicyTools::csvCells()
{
    const TestCaseFile cases =
        parseTestCases(readFile(PL_TEST_DATA_DIR "/policy/sample-cases.csv"));
    const TestCase &quoted = cases.cases.at(1);
    QCOMPARE(quoted.name, QString("login through another endpoint, as a form"));
    QCOMPARE(quoted.line, 4);
    QCOMPARE(quoted.expect, Expectation::ExplicitDeny);
    QCOMPARE(quoted.request.action, QString("http:POST"));
    QCOMPARE(quoted.request.resource, QString("/login/form"));
    QVERIFY(quoted.request.principal.isEmpty());
    const TestCase &tcp = cases.cases.at(2);
    QCOMPARE(tcp.request.resource, QString("*"));        // empty: any resource
    QVERIFY(!tcp.request.context("alibaba:EndpointId")); // empty cell: absent
    const TestCase &two = cases.cases.at(3);
    QCOMPARE(two.request.context("acs:SourceVpc")->values,
             (QStringList{"vpc-other", "vpc-bp179qeke0wzo1mr8bxhl"}));
}

void TestPolicyTools::failingCaseCarriesItsExplanation()
{
    const TestCaseFile cases =
        parseTestCases(readFile(PL_TEST_DATA_DIR "/policy/failing-cases.json"));
    QVERIFY(cases.ok());
    const TestReport report = runTestCases(sample(), cases.cases);
    QCOMPARE(report.failed, 1);
    QCOMPARE(report.passed, 1);
    QVERIFY(!report.allPassed());
    const TestResult &failed = report.results.at(0);
    QVERIFY(!failed.passed);
    QCOMPARE(failed.explanation.decision, Decision::ExplicitDeny);
    QCOMPARE(failed.explanation.decisive.constFirst().sid, QString("LoginOnlyThroughProdEndpoint"));
    const QJsonObject o = testResultJson(failed);
    QCOMPARE(o.value("passed").toBool(), false);
    QCOMPARE(o.value("expect").toString(), QString("Allow"));
    QCOMPARE(o.value("decision").toString(), QString("ExplicitDeny"));
    QVERIFY(o.contains("explanation"));
    QVERIFY(!testResultJson(report.results.at(1)).contains("explanation"));
}

void TestPolicyTools::caseFileErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("JSON bad expect")
        << QByteArray("[\n  {\"name\": \"a\", \"request\": {}, \"expect\": \"Maybe\"}\n]") << 2
        << "\"expect\" must be";
    QTest::newRow("JSON bad request") << QByteArray("[\n\n  {\"name\": \"a\", \"request\": "
                                                    "{\"actions\": \"x\"}, \"expect\": \"Allow\"}]")
                                      << 3 << "unknown request element \"actions\"";
    QTest::newRow("JSON syntax") << QByteArray("[\n  {\"name\": \"a\",,}\n]") << 2 << "";
    QTest::newRow("CSV without expect column")
        << QByteArray("# cases\nname,action\na,http:GET\n") << 2 << "\"expect\" column";
    QTest::newRow("CSV bad expect")
        << QByteArray("name,expect\na,Allow\nb,Permit\n") << 3 << "\"Permit\"";
    QTest::newRow("CSV too many cells")
        << QByteArray("name,expect\na,Allow,extra\n") << 2 << "3 cells";
}

void TestPolicyTools::caseFileErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    QFETCH(QString, message);
    const TestCaseFile cases = parseTestCases(bytes);
    QVERIFY(!cases.ok());
    QCOMPARE(cases.errors.constFirst().pos.line, line);
    QVERIFY2(cases.errors.constFirst().message.contains(message),
             qPrintable(cases.errors.constFirst().message));
}

void TestPolicyTools::denyExpectationAcceptsBothDenies()
{
    QVERIFY(expectationMet(Expectation::Deny, Decision::ExplicitDeny));
    QVERIFY(expectationMet(Expectation::Deny, Decision::ImplicitDeny));
    QVERIFY(!expectationMet(Expectation::Deny, Decision::Allow));
    QVERIFY(!expectationMet(Expectation::ExplicitDeny, Decision::ImplicitDeny));
    QVERIFY(!expectationMet(Expectation::ImplicitDeny, Decision::ExplicitDeny));
}

void TestPolicyTools::batchCountsHitsAndNeverHit()
{
    BatchEvaluator batch(sample());
    const PolicyRequest ours = request(
        R"({"action": "tcp:Connect", "context": {"acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}})");
    const PolicyRequest theirs =
        request(R"({"action": "tcp:Connect", "context": {"acs:SourceVpc": "vpc-x"}})");
    for (int i = 0; i < 3; ++i)
        QCOMPARE(batch.add(ours).decision, Decision::Allow);
    QCOMPARE(batch.add(theirs).decision, Decision::ImplicitDeny);
    QCOMPARE(batch.total(), 4u);
    QCOMPARE(batch.count(Decision::Allow), 3u);
    QCOMPARE(batch.count(Decision::ImplicitDeny), 1u);
    QCOMPARE(batch.count(Decision::ExplicitDeny), 0u);
    QCOMPARE(batch.hits(0, 1), 3u);
    QCOMPARE(batch.hits(0, 0), 0u);
    const QList<StatementRef> never = batch.neverHit();
    QCOMPARE(never.size(), 1);
    QCOMPARE(never.constFirst().sid, QString("LoginOnlyThroughProdEndpoint"));
    QCOMPARE(never.constFirst().pos.line, 4);
    // A denied login hits the Deny (and the Allow also matches: both count).
    batch.add(request(
        R"({"action": "http:GET", "resource": "/login", "context": {"acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}})"));
    QCOMPARE(batch.hits(0, 0), 1u);
    QCOMPARE(batch.hits(0, 1), 4u);
    QVERIFY(batch.neverHit().isEmpty());
    QCOMPARE(batch.summaryJson().value("never_hit").toArray().size(), 0);
}

void TestPolicyTools::diffNamesChangedRequestsAndWhy()
{
    const TestCaseFile cases =
        parseTestCases(readFile(PL_TEST_DATA_DIR "/policy/sample-cases.json"));
    PolicyDiff diff(sample(), sampleV2());
    for (const TestCase &tc : cases.cases)
        diff.add(tc.name, tc.request);
    QCOMPARE(diff.total(), 4);
    // Only the allowed request changes: v2 wants vpc-new.
    QCOMPARE(diff.changes().size(), 1);
    const DecisionChange &c = diff.changes().constFirst();
    QCOMPARE(c.label, QString("login through the prod endpoint from our VPC"));
    QCOMPARE(c.before.decision, Decision::Allow);
    QCOMPARE(c.after.decision, Decision::ImplicitDeny);
    QVERIFY2(c.reason.contains("statement OnlyFromOurVpc no longer matches: StringEquals "
                               "acs:SourceVpc expects vpc-new, actual vpc-bp179qeke0wzo1mr8bxhl"),
             qPrintable(c.reason));
    QCOMPARE(c.toJson().value("before").toString(), QString("Allow"));
    QCOMPARE(c.toJson().value("after").toString(), QString("ImplicitDeny"));
    // Same version twice: nothing changes.
    PolicyDiff same(sample(), sample());
    for (const TestCase &tc : cases.cases)
        QVERIFY(!same.add(tc.name, tc.request));
}

QTEST_GUILESS_MAIN(TestPolicyTools)
#include "tst_policytools.moc"
