// Issue 15, target openresty: Debian has no stream Lua module, so the
// generated Lua decision function (plinspect_policy.decide) runs under
// LuaJIT over real header bytes from our builder: for the policy's test cases
// and 300 random requests it decides exactly like the simulator (Allow,
// ExplicitDeny, ImplicitDeny), and every malformed header from the decoder's
// vectors is rejected without a Lua error.

#include "../core/testbytes.h"
#include "../net/nettestutil.h"
#include "enforcetestutil.h"
#include "net/backendcheck.h"
#include "policy/evaluator.h"
#include "policy/requestbuilder.h"
#include "proxy/crc32c.h"
#include "proxy/header.h"
#include "proxy/headerbuilder.h"

#include <QTemporaryDir>

using namespace pl;
using namespace enforcetest;

namespace {

// Reads "HEX FINAL" lines, prints one decision per line ("Allow",
// "Invalid", "more", or "ERROR: message" when the Lua code fails).
constexpr char kDriver[] = R"LUA(
package.path = arg[1] .. "/?.lua;" .. package.path
local policy = require("plinspect_policy")
for line in io.lines(arg[2]) do
    local hex, final = string.match(line, "^(%x*) (%d)$")
    local bytes = (hex:gsub("%x%x", function(h) return string.char(tonumber(h, 16)) end))
    local ok, d = pcall(policy.decide, bytes, nil, final == "1")
    if not ok then
        io.write("ERROR: ", tostring(d), "\n")
    elseif d.state == "more" then
        io.write("more\n")
    else
        io.write(d.decision, "\n")
    end
end
)LUA";

QString luajit()
{
    return nettest::findBinary(QStringLiteral("luajit"));
}

// Runs the driver over inputs; one answer per input.
QStringList decideInLua(const QString &moduleDir, const QList<QByteArray> &inputs,
                        const QList<bool> &final)
{
    const QString driver = moduleDir + QStringLiteral("/driver.lua");
    const QString input = moduleDir + QStringLiteral("/inputs.txt");
    QByteArray lines;
    for (qsizetype i = 0; i < inputs.size(); ++i)
        lines += inputs.at(i).toHex() + (final.at(i) ? " 1\n" : " 0\n");
    if (!nettest::writeFile(driver, kDriver) || !nettest::writeFile(input, lines))
        return {};
    QByteArray output;
    if (!nettest::run(luajit(), {driver, moduleDir, input}, &output)) {
        qWarning() << output;
        return {};
    }
    return QString::fromUtf8(output).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString writeModule(const QTemporaryDir &dir, const policy::PolicyDocument &document)
{
    const auto generator = enforce::generatorFor(u"openresty");
    const enforce::EnforceResult result = generator->generate(document, {});
    for (const enforce::GeneratedFile &f : result.files) {
        if (f.name.endsWith(QLatin1String(".lua")) &&
            nettest::writeFile(dir.filePath(f.name), f.content))
            return dir.path();
    }
    return {};
}

} // namespace

class TestEnforceLua : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decidesLikeTheSimulator_data();
    void decidesLikeTheSimulator();
    void rejectsMalformedHeaders();
    void readsHeadersAsTheDecoder();
};

void TestEnforceLua::initTestCase()
{
    if (luajit().isEmpty())
        QSKIP("luajit is not installed (scripts/deps test installs the Debian package luajit)");
}

void TestEnforceLua::decidesLikeTheSimulator_data()
{
    QTest::addColumn<QString>("policyPath");
    QTest::addColumn<QString>("casesPath");
    QTest::newRow("template login-only-through-endpoint")
        << templatePath(QStringLiteral("login-only-through-endpoint.json"))
        << dataPath(QStringLiteral("login-only-through-endpoint.cases.json"));
    QTest::newRow("template writes-only-from-vpc")
        << templatePath(QStringLiteral("writes-only-from-vpc.json"))
        << dataPath(QStringLiteral("writes-only-from-vpc.cases.json"));
    QTest::newRow("header keys") << dataPath(QStringLiteral("header-keys.json"))
                                 << dataPath(QStringLiteral("header-keys.cases.json"));
    QTest::newRow("http keys") << dataPath(QStringLiteral("http-keys.json")) << QString();
    QTest::newRow("address only") << dataPath(QStringLiteral("address-only.json")) << QString();
    QTest::newRow("address + authority")
        << dataPath(QStringLiteral("address-authority.json")) << QString();
    // 64-bit PSC connection IDs one apart, ports written "+0443" or "1024.5".
    QTest::newRow("numeric IDs") << dataPath(QStringLiteral("numeric-ids.json"))
                                 << dataPath(QStringLiteral("numeric-ids.cases.json"));
    // '?' is one character of UTF-8 text (an emoji too); '*' always a wildcard.
    QTest::newRow("wildcards") << dataPath(QStringLiteral("wildcards.json"))
                               << dataPath(QStringLiteral("wildcards.cases.json"));
    // Addresses compared as text: IPv6 written the way Qt writes it.
    QTest::newRow("source address text")
        << dataPath(QStringLiteral("source-text.json")) << QString();
}

void TestEnforceLua::decidesLikeTheSimulator()
{
    QFETCH(QString, policyPath);
    QFETCH(QString, casesPath);
    const policy::PolicyDocument document = loadPolicy(policyPath);
    QTemporaryDir dir;
    const QString moduleDir = writeModule(dir, document);
    QVERIFY(!moduleDir.isEmpty());

    QList<policy::TestCase> cases =
        casesPath.isEmpty() ? QList<policy::TestCase>() : loadCases(casesPath);
    cases += RandomRequests(document, 15).make(300, false);
    QList<QByteArray> inputs;
    QList<bool> final;
    for (const policy::TestCase &c : cases) {
        const QByteArray payload = net::payloadForRequest(c.request, QStringLiteral("127.0.0.1"));
        inputs << proxy::encodeHeader(net::headerSpecForRequest(c.request)) + payload;
        final << payload.isEmpty(); // a TCP client that went quiet after its header
    }
    const QStringList answers = decideInLua(moduleDir, inputs, final);
    QCOMPARE(answers.size(), cases.size());
    const policy::PolicySet set(document);
    int mismatches = 0;
    QStringList report;
    QHash<QString, int> seen;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QString simulated =
            QLatin1String(policy::decisionName(set.evaluate(cases.at(i).request).decision));
        seen[simulated] += 1;
        if (answers.at(i) != simulated) {
            ++mismatches;
            if (report.size() < 8)
                report << QStringLiteral("%1: simulator %2, Lua %3 (%4)")
                              .arg(cases.at(i).name, simulated, answers.at(i),
                                   QString::fromLatin1(inputs.at(i).toHex()));
        }
    }
    QVERIFY2(mismatches == 0, qPrintable(report.join(QLatin1Char('\n'))));
    QVERIFY(seen.value(QStringLiteral("Allow")) >= 30);
    QVERIFY(seen.value(QStringLiteral("Allow")) < cases.size() - 30);
}

void TestEnforceLua::rejectsMalformedHeaders()
{
    using namespace pl::test;
    const QByteArray example = alibabaExample();
    const QByteArray inet = inetAddresses();
    QByteArray badSig = example;
    badSig[5] = 0x0E;
    QByteArray badCrc = example;
    badCrc[34] = static_cast<char>(badCrc[34] ^ 0x01);
    // The decoder's malformed vectors (tests/core/tst_decoder.cpp, "every error code").
    const QList<QByteArray> vectors{
        example.left(10),
        example.left(60),
        QByteArray(),
        badSig,
        QByteArray("GET / HTTP/1.1\r\n"),
        v2("31", "11", inet, {}),
        v2("22", "11", inet, {}),
        v2("21", "41", inet, {}),
        v2("21", "13", inet, {}),
        v2("21", "11", hex("0a000001"), {}),
        v2("21", "11", inet, hex("01 0009 6832")),
        v2("21", "11", inet, tlv(0x20, hex("01 00000000 22 0005 6162"))),
        v2("21", "11", inet, tlv(0x03, hex("000000"))),
        badCrc,
        v2("21", "11", inet, tlv(0x20, hex("01 0000"))),
        QByteArray("PROXY TCP4 " + QByteArray(120, '1')),
        QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n"),
        QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rX"),
        QByteArray("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n"),
        QByteArray("PROXY TCP4 ::1 5.6.7.8 1 2\r\n"),
        QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n"),
        QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 65536\r\n"),
        QByteArray("PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n"),
        QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n"),
        QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n"),
    };
    // A policy that allows everything: only the header can make it deny.
    const policy::PolicyParse parse = policy::parsePolicy(
        R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})",
        QStringLiteral("allow-all.json"));
    QVERIFY(parse.ok());
    QTemporaryDir dir;
    const QString moduleDir = writeModule(dir, parse.document);
    QVERIFY(!moduleDir.isEmpty());
    QList<bool> final(vectors.size(), true);
    const QStringList answers =
        decideInLua(moduleDir, vectors + QList<QByteArray>{example}, final + QList<bool>{true});
    QCOMPARE(answers.size(), vectors.size() + 1);
    QCOMPARE(answers.last(), QStringLiteral("Allow")); // the documented example itself
    for (qsizetype i = 0; i < vectors.size(); ++i) {
        const proxy::DecodeResult decoded = proxy::decode(span(vectors.at(i)));
        QVERIFY2(!decoded.ok(), vectors.at(i).toHex().constData());
        // Truncated input is "not decided yet": the nginx wiring denies it
        // when the client goes quiet. Everything else is invalid at once.
        const QString wanted =
            decoded.needsMoreData() ? QStringLiteral("more") : QStringLiteral("Invalid");
        QVERIFY2(answers.at(i) == wanted,
                 qPrintable(
                     QStringLiteral("%1: %2 (want %3)")
                         .arg(QString::fromLatin1(vectors.at(i).toHex()), answers.at(i), wanted)));
    }
}

void TestEnforceLua::readsHeadersAsTheDecoder()
{
    // A TLV given twice counts once, the first (the decoder, nginx's lookup
    // and HAProxy's fetches all take it): a later copy must not turn the
    // simulator's Deny into an Allow. A v1 address with a leading zero is
    // refused, as the decoder refuses it.
    using namespace pl::test;
    // Denies on an endpoint ID, an authority and an SSL version; else Allow.
    const policy::PolicyParse parse =
        policy::loadPolicy(dataPath(QStringLiteral("first-tlv.json")));
    QVERIFY(parse.ok());
    QTemporaryDir dir;
    const QString moduleDir = writeModule(dir, parse.document);
    QVERIFY(!moduleDir.isEmpty());
    const QByteArray inet = inetAddresses();
    const auto endpoint = [](const char *id) -> QByteArray {
        return tlv(0xE1, "\x02" + QByteArray(id));
    };
    const auto ssl = [](const char *version) -> QByteArray {
        return tlv(0x20, hex("01 00000000") + tlv(0x21, version));
    };
    const QList<std::pair<QByteArray, QString>> vectors{
        {v2("21", "11", inet, endpoint("ep-bad") + endpoint("ep-good")), "ExplicitDeny"},
        {v2("21", "11", inet, endpoint("ep-good") + endpoint("ep-bad")), "Allow"},
        {v2("21", "11", inet, tlv(0x02, "evil.example") + tlv(0x02, "ok.example")), "ExplicitDeny"},
        {v2("21", "11", inet, tlv(0x02, "ok.example") + tlv(0x02, "evil.example")), "Allow"},
        {v2("21", "11", inet, ssl("TLSv1.0") + ssl("TLSv1.3")), "ExplicitDeny"},
        {v2("21", "11", inet, ssl("TLSv1.3") + ssl("TLSv1.0")), "Allow"},
        {v2("21", "11", inet,
            tlv(0x20, hex("01 00000000") + tlv(0x21, "TLSv1.3") + tlv(0x21, "TLSv1.0"))),
         "Allow"},
        {"PROXY TCP4 010.000.000.001 10.0.0.2 1234 80\r\n", "Invalid"},
        {"PROXY TCP4 10.0.0.1 10.0.0.02 1234 80\r\n", "Invalid"},
        {"PROXY TCP4 10.0.0.1 10.0.0.2 1234 80\r\n", "Allow"},
    };
    QList<QByteArray> inputs;
    for (const auto &v : vectors)
        inputs << v.first;
    const QStringList answers = decideInLua(moduleDir, inputs, QList<bool>(inputs.size(), true));
    QCOMPARE(answers.size(), vectors.size());
    const policy::PolicySet set(parse.document);
    for (qsizetype i = 0; i < vectors.size(); ++i) {
        const proxy::DecodeResult decoded = proxy::decode(span(inputs.at(i)));
        const QString simulated =
            decoded.ok() ? QLatin1String(policy::decisionName(
                               set.evaluate(policy::requestFromConnection(decoded)).decision))
                         : QStringLiteral("Invalid");
        const QString hexText = QString::fromLatin1(inputs.at(i).toHex());
        QVERIFY2(simulated == vectors.at(i).second,
                 qPrintable(hexText + " simulated " + simulated));
        QVERIFY2(answers.at(i) == simulated, qPrintable(hexText + " Lua " + answers.at(i)));
    }
}

QTEST_GUILESS_MAIN(TestEnforceLua)
#include "tst_enforcelua.moc"
