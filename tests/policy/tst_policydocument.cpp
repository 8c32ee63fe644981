// Parsing policies: what a user pasting RAM/IAM JSON sees, above all the
// line and column of every mistake, so the editor can point at it.

#include "policy/policydocument.h"

#include <QTest>

using namespace pl::policy;

class TestPolicyDocument : public QObject
{
    Q_OBJECT

private slots:
    void errorsCarryLineAndColumn_data();
    void errorsCarryLineAndColumn();
    void readsTheDocumentedExample();
    void singleStringsAndListsAndPrincipalKinds();
    void dialectFollowsVersion();
    void unreadableFile();
};

void TestPolicyDocument::errorsCarryLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message"); // a part of it

    // JSON syntax (QJsonDocument gives an offset; we turn it into line/column).
    QTest::newRow("missing comma")
        << QByteArray("{\n  \"Version\": \"1\",\n  \"Statement\": [\n"
                      "    {\"Effect\": \"Allow\" \"Action\": \"*\"}\n  ]\n}")
        << 4 << 24 << "unterminated object";
    QTest::newRow("trailing comma")
        << QByteArray("{\n  \"Version\": \"1\",\n}") << 3 << 1 << "missing after a comma";
    QTest::newRow("bad literal") << QByteArray("{\"Version\": tru}") << 1 << 13 << "illegal value";
    // Structure: found by the position scan of the text.
    QTest::newRow("bad Effect") << QByteArray(
                                       "{\n  \"Version\": \"1\",\n  \"Statement\": [\n"
                                       "    {\"Effect\": \"Permit\", \"Action\": \"*\"}\n  ]\n}")
                                << 4 << 16
                                << "Effect must be \"Allow\" or \"Deny\", not \"Permit\"";
    QTest::newRow("Effect not a string")
        << QByteArray("{\"Statement\": {\"Effect\": 1, \"Action\": \"*\"}}") << 1 << 26 << "not 1";
    QTest::newRow("unknown operator")
        << QByteArray(
               "{\n  \"Statement\": {\n    \"Effect\": \"Allow\",\n    \"Action\": \"*\",\n"
               "    \"Condition\": {\n      \"StringEqual\": {\"acs:SourceVpc\": \"vpc-a\"}\n"
               "    }\n  }\n}")
        << 6 << 7 << "unknown condition operator \"StringEqual\"";
    QTest::newRow("NullIfExists is no operator")
        << QByteArray("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", "
                      "\"Condition\": {\"NullIfExists\": {\"k\": \"true\"}}}}")
        << 1 << 64 << "NullIfExists";
    QTest::newRow("unknown element")
        << QByteArray("{\"Statement\": [\n  {\"Effect\": \"Allow\", \"Actions\": \"*\"}\n]}") << 2
        << 23 << "unknown statement element \"Actions\"";
    QTest::newRow("no Action") << QByteArray("{\"Statement\": [\n  {\"Effect\": \"Allow\"}\n]}")
                               << 2 << 3 << "no Action or NotAction";
    QTest::newRow("Action and NotAction")
        << QByteArray(
               "{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"NotAction\": \"x\"}}")
        << 1 << 49 << "either Action or NotAction";
    QTest::newRow("condition value not a string")
        << QByteArray("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n"
                      "  \"Condition\": {\"StringEquals\": {\"k\": [\"a\", {\"b\": 1}]}}}}")
        << 2 << 45 << "expected a string";
    QTest::newRow("column counts characters, not bytes")
        << QByteArray(
               "{\"Statement\": {\"Sid\": \"Zugriff-\xc3\xbc\xc3\xbc\", \"Effect\": \"Erlauben\", "
               "\"Action\": \"*\"}}")
        << 1 << 47 << "not \"Erlauben\"";
    QTest::newRow("not an object") << QByteArray("[1]") << 1 << 1 << "JSON object";
    QTest::newRow("no Statement") << QByteArray("{\"Version\": \"1\"}") << 1 << 1 << "no Statement";
}

void TestPolicyDocument::errorsCarryLineAndColumn()
{
    QFETCH(QByteArray, json);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const PolicyParse parsed = parsePolicy(json, "p.json");
    QVERIFY(!parsed.ok());
    const PolicyError &e = parsed.errors.constFirst();
    QVERIFY2(e.message.contains(message), qPrintable(e.message));
    QCOMPARE(e.pos.line, line);
    QCOMPARE(e.pos.column, column);
    QVERIFY(formatError("p.json", e)
                .startsWith(QStringLiteral("p.json:%1:%2: ").arg(line).arg(column)));
}

void TestPolicyDocument::readsTheDocumentedExample()
{
    QFile file(QStringLiteral(PL_TEST_DATA_DIR "/../../../resources/samples/sample-policy.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const PolicyParse parsed = parsePolicy(file.readAll(), "sample-policy.json");
    QVERIFY(parsed.ok());
    const PolicyDocument &d = parsed.document;
    QCOMPARE(d.dialect, Dialect::Acs);
    QCOMPARE(d.statements.size(), 2);
    const Statement &deny = d.statements.at(0);
    QCOMPARE(deny.sid, QString("LoginOnlyThroughProdEndpoint"));
    QCOMPARE(deny.effect, Effect::Deny);
    QCOMPARE(deny.pos.line, 4);
    QCOMPARE(deny.action.values, QStringList{"http:*"});
    QCOMPARE(deny.resource.values, QStringList{"/login*"});
    QCOMPARE(deny.conditions.size(), 1);
    QCOMPARE(deny.conditions.at(0).operatorName, QString("StringNotEquals"));
    QCOMPARE(deny.conditions.at(0).key, QString("alibaba:EndpointId"));
    QCOMPARE(deny.conditions.at(0).values, QStringList{"ep-bp1i288487e586152d4b"});
    QCOMPARE(deny.conditions.at(0).keyPos.line, 9);
    const Statement &allow = d.statements.at(1);
    QCOMPARE(allow.pos.line, 11);
    QCOMPARE(allow.action.values, QStringList{"*"});
    // textOffset is where an editor puts its cursor.
    QCOMPARE(d.text.indexOf("{\n      \"Sid\": \"OnlyFromOurVpc\""), allow.pos.offset);
}

void TestPolicyDocument::singleStringsAndListsAndPrincipalKinds()
{
    const PolicyParse parsed = parsePolicy(R"({"Version": "2012-10-17", "Statement": {
        "Effect": "Allow", "NotAction": "s3:Delete*", "NotResource": ["a", "b"],
        "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:root"], "Service": "ec2.amazonaws.com"},
        "Condition": {"NumericLessThan": {"pp:SourcePort": 1024}, "Bool": {"aws:SecureTransport": true}}}})");
    QVERIFY(parsed.ok());
    const Statement &s = parsed.document.statements.constFirst();
    QVERIFY(s.action.negated);
    QCOMPARE(s.action.values, QStringList{"s3:Delete*"});
    QVERIFY(s.resource.negated);
    QCOMPARE(s.resource.values, (QStringList{"a", "b"}));
    QCOMPARE(s.principal.values.size(), 3);
    QCOMPARE(s.principalKinds, (QStringList{"AWS", "Service"}));
    QCOMPARE(s.conditions.size(), 2);
    // Numbers and booleans in conditions become their text.
    for (const ConditionClause &c : s.conditions) {
        if (c.key == "pp:SourcePort")
            QCOMPARE(c.values, QStringList{"1024"});
        else
            QCOMPARE(c.values, QStringList{"true"});
    }
}

void TestPolicyDocument::dialectFollowsVersion()
{
    const QByteArray body = R"(, "Statement": {"Effect": "Allow", "Action": "*"}})";
    QCOMPARE(parsePolicy(R"({"Version": "1")" + body).document.dialect, Dialect::Acs);
    QCOMPARE(parsePolicy(R"({"Version": "2012-10-17")" + body).document.dialect, Dialect::Aws);
    const PolicyParse forced = parsePolicy(R"({"Version": "1")" + body, {}, Dialect::Aws);
    QCOMPARE(forced.document.dialect, Dialect::Aws);
    QVERIFY(!forced.document.dialectFromVersion);
}

void TestPolicyDocument::unreadableFile()
{
    const PolicyParse parsed = loadPolicy("/nonexistent/policy.json");
    QCOMPARE(parsed.errors.size(), 1);
    QVERIFY(!parsed.errors.constFirst().pos.valid());
    QVERIFY(formatError("/nonexistent/policy.json", parsed.errors.constFirst())
                .startsWith("/nonexistent/policy.json: "));
}

QTEST_GUILESS_MAIN(TestPolicyDocument)
#include "tst_policydocument.moc"
