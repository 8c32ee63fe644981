// Parsing policies: what a user pasting RAM/IAM JSON sees, above all the
// line and column of every mistake, so the editor can point at it.

#include "policy/checkedpolicy.h"
#include "policy/jsonpositions.h"
#include "policy/policydocument.h"

#include <QElapsedTimer>
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
    void endlessFileIsCappedAtTheLimit();
    void positionsCountCharactersAndUtf16_data();
    void positionsCountCharactersAndUtf16();
    void positionLookupsScanAtMostAStride();
    void largePoliciesLoad();
};

namespace {

// count statements, one per line as a generator writes them.
QByteArray generatedPolicy(int count)
{
    QByteArray json = "{\"Version\": \"1\", \"Statement\": [\n";
    for (int i = 0; i < count; ++i) {
        json +=
            QStringLiteral("  {\"Sid\": \"S%1\", \"Effect\": \"%2\", \"Action\": [\"http:GET\", "
                           "\"http:POST\"], \"Resource\": \"/api/%1/*\", \"Condition\": "
                           "{\"StringEquals\": {\"acs:SourceVpc\": \"vpc-%1\"}, \"IpAddress\": "
                           "{\"acs:SourceIp\": \"10.%3.%4.0/24\"}}}%5\n")
                .arg(i)
                .arg(i % 3 == 0 ? QLatin1String("Deny") : QLatin1String("Allow"))
                .arg(i / 256 % 256)
                .arg(i % 256)
                .arg(i + 1 < count ? QLatin1String(",") : QLatin1String(""))
                .toUtf8();
    }
    return json + "]}";
}

} // namespace

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
    // 18446744073709551615 as a JSON number is read as 18446744073709551616:
    // a 64-bit ID must be a string, or it would match its neighbours.
    QTest::newRow("64-bit ID as a JSON number")
        << QByteArray("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n"
                      "  \"Condition\": {\"NumericEquals\": {\"gcp:PscConnectionId\": "
                      "[1, 18446744073709551615]}}}}")
        << 2 << 62 << "write it as a string";
    // 2^53 + 1 is 2^53 as a double, though Qt keeps it whole: refused like
    // every integer past 2^53, and the message quotes it as written.
    QTest::newRow("2^53 + 1 as a JSON number")
        << QByteArray("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n"
                      "  \"Condition\": {\"NumericEquals\": {\"gcp:PscConnectionId\": "
                      "9007199254740993}}}}")
        << 2 << 58 << "9007199254740993 is past 2^53";
    QTest::newRow("column counts characters, not bytes")
        << QByteArray(
               "{\"Statement\": {\"Sid\": \"Zugriff-\xc3\xbc\xc3\xbc\", \"Effect\": \"Erlauben\", "
               "\"Action\": \"*\"}}")
        << 1 << 47 << "not \"Erlauben\"";
    // Qt points at the bad byte itself here, not just past it.
    QTest::newRow("invalid UTF-8 points at the bad byte")
        << QByteArray("{\"Statement\": {\"Sid\": \"ab\xe4\xb8\xadx\xc0\x80\"}}") << 1 << 28
        << "UTF8";
    // Qt would read "a\qb" as "aqb"; JSON (and the cloud) refuse it.
    QTest::newRow("undefined escape")
        << QByteArray(
               "{\"Statement\": {\"Sid\": \"a\\qb\", \"Effect\": \"Allow\", \"Action\": \"*\"}}")
        << 1 << 25 << "invalid escape sequence \\q";
    // Qt says "unterminated string" here, after a string that is complete.
    QTest::newRow("ends before the object is closed")
        << QByteArray("{\"Version\": \"1\"") << 1 << 15 << "the JSON ends before it is complete";
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
    QFile file(QStringLiteral(PL_TEST_DATA_DIR "/../../resources/samples/sample-policy.json"));
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

void TestPolicyDocument::endlessFileIsCappedAtTheLimit()
{
    // /dev/zero never ends: the read stops one byte past the limit.
    const PolicyParse parsed = loadPolicy("/dev/zero");
    QCOMPARE(parsed.read, PolicyRead::TooLarge);
    QCOMPARE(parsed.errors.size(), 1);
    QVERIFY2(parsed.errors.constFirst().message.contains("16 MiB"),
             qPrintable(parsed.errors.constFirst().message));
    const CheckedPolicy checked = loadCheckedPolicy("/dev/zero");
    QCOMPARE(checked.check, PolicyCheck::Rejected);
    QCOMPARE(checked.findings.constFirst().code, QString("too-large"));
    QCOMPARE(loadCheckedPolicy("/nonexistent/policy.json").check, PolicyCheck::Unreadable);
}

void TestPolicyDocument::positionsCountCharactersAndUtf16_data()
{
    QTest::addColumn<QByteArray>("text");
    const QByteArray wide =
        "\xc3\xbc\xe2\x82\xac\xf0\x9f\x94\x92"; // u-umlaut, euro, lock (2 units)
    QTest::newRow("ASCII lines") << QByteArray("{\n  \"a\": 1,\n\n  \"b\": [2]\n}\n");
    QTest::newRow("multi-byte characters on several lines")
        << QByteArray("{\"" + wide + "\":\n \"" + wide + wide + "\", \"x\": \"" + wide + "\"}");
    QByteArray longLine = "[";
    for (int i = 0; i < 200; ++i)
        longLine += "\"" + wide + QByteArray::number(i) + "\", ";
    QTest::newRow("one line many strides long") << longLine + "1]\n[2]";
}

void TestPolicyDocument::positionsCountCharactersAndUtf16()
{
    // Every character start, against a count made from scratch.
    QFETCH(QByteArray, text);
    const TextPositions positions(text);
    for (int offset = 0; offset <= text.size(); ++offset) {
        if (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
            continue;
        const QByteArray before = text.left(offset);
        const qsizetype lineStart = before.lastIndexOf('\n') + 1;
        const SourcePos pos = positions.at(offset);
        QCOMPARE(pos.offset, offset);
        QCOMPARE(pos.line, static_cast<int>(before.count('\n')) + 1);
        QCOMPARE(pos.column,
                 static_cast<int>(QString::fromUtf8(before.mid(lineStart)).toUcs4().size()) + 1);
        QCOMPARE(pos.textOffset, static_cast<int>(QString::fromUtf8(before).size()));
    }
}

void TestPolicyDocument::positionLookupsScanAtMostAStride()
{
    // A minified policy is one line: the cost of a lookup must not grow
    // with the distance from the line's start (or the document's).
    const QByteArray oneLine = generatedPolicy(5000).replace('\n', ' ');
    const TextPositions positions(oneLine);
    int lookups = 0;
    for (int offset = 0; offset < oneLine.size(); offset += 97, ++lookups)
        positions.at(offset);
    QVERIFY(lookups > 5000);
    QVERIFY2(positions.bytesScanned() <= qint64(lookups) * TextPositions::kStride,
             qPrintable(QString::number(positions.bytesScanned())));
}

void TestPolicyDocument::largePoliciesLoad()
{
    // A generated policy of 20,000 statements loads and lints with every
    // position right. Linear time is shown by positionLookupsScanAtMostAStride
    // (bytes scanned, not a clock: a timed assertion failed on a loaded
    // machine); 8,000 statements took 2.4 s and 16,000 over 100 s when every
    // lookup converted the text from its start.
    const QByteArray json = generatedPolicy(20000);
    QElapsedTimer timer;
    timer.start();
    const CheckedPolicy checked = checkPolicyText(json, "big.json");
    qInfo("20,000 statements: %lld ms", timer.elapsed());
    QVERIFY2(checked.usable(), qPrintable(checked.errorMessages().join('\n')));
    QCOMPARE(checked.document.statements.size(), 20000);
    QCOMPARE(checked.document.statements.constFirst().pos.line, 2);
    QCOMPARE(checked.document.statements.constLast().pos.line, 20001);
}

QTEST_GUILESS_MAIN(TestPolicyDocument)
#include "tst_policydocument.moc"
