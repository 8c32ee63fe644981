// Lint: each finding a user should get, with its severity and where it
// points; and a clean policy stays clean.

#include "policy/lint.h"
#include "testpolicy.h"

#include <QFile>
#include <QTest>

using namespace pl::policy;
using namespace pl::test;

namespace {

QByteArray statementDoc(const QByteArray &version, const QByteArray &statements)
{
    return "{\"Version\": \"" + version + "\", \"Statement\": [" + statements + "]}";
}

QStringList describe(const QList<LintFinding> &findings)
{
    QStringList out;
    for (const LintFinding &f : findings)
        out << QStringLiteral("%1 %2 line %3: %4")
                   .arg(QLatin1String(lintSeverityName(f.severity)), f.code)
                   .arg(f.pos.line)
                   .arg(f.message);
    return out;
}

} // namespace

class TestPolicyLint : public QObject
{
    Q_OBJECT

private slots:
    void findings_data();
    void findings();
    void cleanPoliciesStayClean_data();
    void cleanPoliciesStayClean();
    void findingPointsAtTheOperator();
    void duplicateKeysInTheDocument_data();
    void duplicateKeysInTheDocument();
};

void TestPolicyLint::findings_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("statements");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("message"); // a part of it

    const QByteArray ram = "1";
    const QByteArray iam = "2012-10-17";
    const auto allowIf = [](const char *condition) -> QByteArray {
        return QByteArray(R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": )") +
               condition + "}";
    };
    QTest::newRow("IfExists in RAM")
        << ram << allowIf(R"({"StringEqualsIfExists": {"acs:SourceVpc": "v"}})")
        << "dialect-operator"
        << "error"
        << "RAM has no ...IfExists";
    QTest::newRow("Null in RAM") << ram << allowIf(R"({"Null": {"acs:SourceVpc": "true"}})")
                                 << "dialect-operator"
                                 << "error"
                                 << "Null";
    QTest::newRow("unknown key") << ram << allowIf(R"({"StringEquals": {"acs:SorceVpc": "v"}})")
                                 << "unknown-key"
                                 << "warning"
                                 << "acs:SorceVpc";
    QTest::newRow("RAM key in an IAM policy")
        << iam << allowIf(R"({"StringEquals": {"acs:SourceVpc": "v"}})") << "dialect-key"
        << "warning"
        << "acs dialect";
    QTest::newRow("IAM key in a RAM policy")
        << ram << allowIf(R"({"StringEquals": {"aws:PrincipalAccount": "1"}})") << "dialect-key"
        << "warning"
        << "aws dialect";
    QTest::newRow("key only a typed request has")
        << ram << allowIf(R"({"StringEquals": {"acs:AccessId": "a"}})") << "user-only-key"
        << "info"
        << "no traffic source";
    QTest::newRow("numeric on a string key")
        << ram << allowIf(R"({"NumericEquals": {"alibaba:EndpointId": "1"}})")
        << "misapplied-operator"
        << "warning"
        << "not a number";
    QTest::newRow("IpAddress on a VPC ID")
        << ram << allowIf(R"({"IpAddress": {"acs:SourceVpc": "10.0.0.0/8"}})")
        << "misapplied-operator"
        << "warning"
        << "not an IP address";
    QTest::newRow("Bool on a port")
        << ram << allowIf(R"({"Bool": {"pp:SourcePort": "true"}})") << "misapplied-operator"
        << "warning"
        << "not a boolean";
    QTest::newRow("bad CIDR")
        << ram << allowIf(R"({"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "10.0.0/8"]}})")
        << "bad-value"
        << "error"
        << "\"10.0.0/8\"";
    QTest::newRow("bad number") << ram
                                << allowIf(R"({"NumericLessThan": {"pp:SourcePort": "ten"}})")
                                << "bad-value"
                                << "error"
                                << "\"ten\"";
    QTest::newRow("bad date") << ram << allowIf(R"({"DateLessThan": {"acs:CurrentTime": "soon"}})")
                              << "bad-value"
                              << "error"
                              << "\"soon\"";
    QTest::newRow("CIDR host bits")
        << ram << allowIf(R"({"IpAddress": {"acs:SourceIp": "10.0.0.14/8"}})") << "cidr-host-bits"
        << "warning"
        << "host bits";
    QTest::newRow("StringEquals with a wildcard")
        << ram << allowIf(R"({"StringEquals": {"alibaba:EndpointId": "ep-*"}})")
        << "wildcard-in-equals"
        << "warning"
        << "use StringLike";
    QTest::newRow("public allow")
        << iam
        << QByteArray(R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"})")
        << "public-allow"
        << "warning"
        << "any principal";
    QTest::newRow("NotAction everything")
        << ram << QByteArray(R"({"Effect": "Allow", "NotAction": "*", "Resource": "*"})")
        << "never-matches"
        << "error"
        << "NotAction";
    QTest::newRow("empty Action list")
        << ram << QByteArray(R"({"Effect": "Allow", "Action": [], "Resource": "*"})")
        << "never-matches"
        << "error"
        << "empty Action";
    QTest::newRow("empty NotAction list")
        << ram << QByteArray(R"({"Effect": "Deny", "NotAction": [], "Resource": "*"})")
        << "empty-not-list"
        << "warning"
        << "applies to every action";
    QTest::newRow("empty NotResource list")
        << ram << QByteArray(R"({"Effect": "Deny", "Action": "*", "NotResource": []})")
        << "empty-not-list"
        << "warning"
        << "applies to every resource";
    QTest::newRow("Null true and StringEquals on the same key")
        << iam
        << allowIf(
               R"({"Null": {"aws:SourceVpce": "true"}, "StringEquals": {"aws:SourceVpce": "vpce-1"}})")
        << "never-matches"
        << "error"
        << "Null says aws:SourceVpce is absent";
    QTest::newRow("requires and excludes the same value")
        << ram
        << allowIf(
               R"({"StringEquals": {"acs:SourceVpc": "v"}, "StringNotEquals": {"acs:SourceVpc": ["v", "w"]}})")
        << "never-matches"
        << "error"
        << "both requires and excludes";
    QTest::newRow("only invalid values")
        << ram << allowIf(R"({"IpAddress": {"acs:SourceIp": "nowhere"}})") << "never-matches"
        << "error"
        << "can never match";
    QTest::newRow("deny everything shadows allows")
        << ram
        << QByteArray(
               R"({"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "Stop", "Effect": "Deny", "Action": "*", "Resource": "*"})")
        << "shadowed"
        << "warning"
        << "A can never allow: statement Stop";
    QTest::newRow("IAM principal kind in RAM")
        << ram
        << QByteArray(
               R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": {"AWS": "1"}, "Condition": {"StringEquals": {"acs:SourceVpc": "v"}}})")
        << "dialect-principal"
        << "warning"
        << "\"AWS\"";
    // JSON keeps the last of two equal keys: the meaning is ambiguous.
    QTest::newRow("Effect twice")
        << ram
        << QByteArray(R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Effect": "Allow"})")
        << "duplicate-key"
        << "error"
        << "\"Effect\" is written twice";
    QTest::newRow("condition key twice")
        << ram
        << allowIf(R"({"IpAddress": {"acs:SourceIp": "10.0.0.0/8", "acs:SourceIp": "0.0.0.0/0"}})")
        << "duplicate-key"
        << "error"
        << "Statement.0.Condition.IpAddress.acs:SourceIp";
    QTest::newRow("operator twice")
        << ram
        << allowIf(
               R"({"StringEquals": {"acs:SourceVpc": "v"}, "StringEquals": {"acs:SourceVpc": "w"}})")
        << "duplicate-key"
        << "error"
        << "\"StringEquals\" is written twice";
    QTest::newRow("Sid twice")
        << ram
        << QByteArray(
               R"({"Sid": "S", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "S", "Effect": "Deny", "Action": "http:*", "Resource": "*"})")
        << "duplicate-sid"
        << "error"
        << "statement #2 repeats the Sid \"S\" of statement #1";
    QTest::newRow("empty Statement list") << ram << QByteArray() << "empty-statement"
                                          << "warning"
                                          << "Statement list is empty";
    QTest::newRow("IPv4 prefix over 32")
        << ram << allowIf(R"({"IpAddress": {"acs:SourceIp": "10.0.0.0/33"}})") << "bad-value"
        << "error"
        << "\"10.0.0.0/33\"";
    QTest::newRow("IPv6 prefix over 128")
        << ram << allowIf(R"({"NotIpAddress": {"acs:SourceIp": "::/129"}})") << "bad-value"
        << "error"
        << "\"::/129\"";
    QTest::newRow("NaN") << ram << allowIf(R"({"NumericEquals": {"pp:SourcePort": "NaN"}})")
                         << "bad-value"
                         << "error"
                         << "\"NaN\"";
    QTest::newRow("IAM Version in a forced RAM policy")
        << QByteArray("2013-01-01")
        << QByteArray(R"({"Effect": "Allow", "Action": "*", "Resource": "*"})") << "dialect-version"
        << "warning"
        << "Version \"1\"";
}

void TestPolicyLint::findings()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, statements);
    QFETCH(QString, code);
    QFETCH(QString, severity);
    QFETCH(QString, message);
    const QList<LintFinding> findings = lintPolicy(policyDoc(statementDoc(version, statements)));
    bool found = false;
    for (const LintFinding &f : findings) {
        if (f.code == code && QLatin1String(lintSeverityName(f.severity)) == severity &&
            f.message.contains(message))
            found = true;
    }
    QVERIFY2(found, qPrintable(describe(findings).join('\n')));
    QCOMPARE(hasErrors(findings), severity == "error");
}

void TestPolicyLint::cleanPoliciesStayClean_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("sample") << "resources/samples/sample-policy.json";
    QTest::newRow("login only through endpoint")
        << "resources/policy-templates/login-only-through-endpoint.json";
    QTest::newRow("account only from VPC")
        << "resources/policy-templates/account-only-from-vpc.json";
    QTest::newRow("own account through endpoint")
        << "resources/policy-templates/own-account-through-endpoint.json";
    QTest::newRow("writes only from VPC") << "resources/policy-templates/writes-only-from-vpc.json";
}

void TestPolicyLint::cleanPoliciesStayClean()
{
    QFETCH(QString, path);
    const PolicyParse parsed = loadPolicy(sourceDir() + '/' + path);
    QVERIFY(parsed.ok());
    const QList<LintFinding> findings = lintPolicy(parsed.document);
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings).join('\n')));
}

void TestPolicyLint::findingPointsAtTheOperator()
{
    QFile file(QStringLiteral(PL_TEST_DATA_DIR "/policy/lint-errors.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<LintFinding> findings = lintPolicy(policyDoc(file.readAll()));
    QStringList codes;
    for (const LintFinding &f : findings) {
        codes << f.code;
        if (f.code == "dialect-operator") {
            QCOMPARE(f.pos.line, 9);
            QCOMPARE(f.pos.column, 21);
            QCOMPARE(f.statement, 0);
        }
        if (f.code == "bad-value") {
            QCOMPARE(f.pos.line, 10);
            QCOMPARE(f.pos.column, 35);
        }
    }
    QVERIFY2(codes.contains("dialect-operator") && codes.contains("bad-value"),
             qPrintable(codes.join(',')));
}

void TestPolicyLint::duplicateKeysInTheDocument_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("statement");
    QTest::newRow("Statement twice: the first list is dropped")
        << QByteArray("{\"Version\": \"1\",\n"
                      " \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\"}],\n"
                      " \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\"}]}")
        << 3 << 2 << -1;
    QTest::newRow("Version twice") << QByteArray("{\"Version\": \"1\", \"Version\": \"1\", "
                                                 "\"Statement\": {\"Effect\": \"Allow\", "
                                                 "\"Action\": \"*\", \"Resource\": \"*\"}}")
                                   << 1 << 18 << -1;
    QTest::newRow("in a single statement object")
        << QByteArray("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n"
                      "  \"Resource\": \"*\", \"Action\": \"http:GET\"}}")
        << 2 << 20 << 0;
    QTest::newRow("same key in two statements is fine")
        << QByteArray("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", "
                      "\"Resource\": \"*\"}, {\"Effect\": \"Allow\", \"Action\": \"*\", "
                      "\"Resource\": \"*\"}]}")
        << 0 << 0 << -1;
}

void TestPolicyLint::duplicateKeysInTheDocument()
{
    QFETCH(QByteArray, json);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(int, statement);
    const QList<LintFinding> findings = lintPolicy(policyDoc(json));
    QList<LintFinding> duplicates;
    for (const LintFinding &f : findings) {
        if (f.code == "duplicate-key")
            duplicates << f;
    }
    if (line == 0) {
        QVERIFY2(duplicates.isEmpty(), qPrintable(describe(findings).join('\n')));
        return;
    }
    QCOMPARE(duplicates.size(), 1);
    QCOMPARE(duplicates.at(0).severity, LintSeverity::Error);
    QCOMPARE(duplicates.at(0).pos.line, line);
    QCOMPARE(duplicates.at(0).pos.column, column);
    QCOMPARE(duplicates.at(0).statement, statement);
}

QTEST_GUILESS_MAIN(TestPolicyLint)
#include "tst_policylint.moc"
