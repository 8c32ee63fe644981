// Requests built from a decoded connection carry where each value came
// from; explanations name the decisive statement, its line, expected and
// actual values with that provenance, and missing context.

#include "capture/payloadsummary.h"
#include "policy/evaluator.h"
#include "policy/requestbuilder.h"
#include "proxy/bytearrayspan.h"
#include "proxy/header.h"
#include "testpolicy.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace pl::policy;
using namespace pl::test;

namespace {

// The documented Alibaba header (ppv2-reference.md): 10.0.0.14:59074 ->
// 10.0.0.15:80, CRC32C, endpoint ID, VPC ID, NOOP.
const QByteArray kAlibabaExample = QByteArray::fromHex(
    "0d0a0d0a000d0a515549540a211100540a00000e0a00000fe6c20050030004 0764b56b"
    "e10018026570 2d6270316932383834383765353836313532643462"
    "e1001a017670632d627031373971656b6530777a6f316d72386278686c 0400 06000000000000");

PolicySet samplePolicy()
{
    QFile file(sourceDir() + "/resources/samples/sample-policy.json");
    if (!file.open(QIODevice::ReadOnly))
        qFatal("sample policy missing");
    return PolicySet(policyDoc(file.readAll(), "sample-policy.json"));
}

pl::proxy::ByteSpan span(const QByteArray &bytes)
{
    return {reinterpret_cast<const std::uint8_t *>(bytes.constData()),
            static_cast<std::size_t>(bytes.size())};
}

ConnectionFacts httpGet(const QString &path)
{
    ConnectionFacts facts;
    facts.peerIp = "10.0.0.200";
    facts.peerPort = 40000;
    facts.localPort = 80;
    addRequestSummary(facts, pl::capture::summarizeRequest(
                                 pl::proxy::byteSpan("GET " + path.toLatin1() +
                                                     " HTTP/1.1\r\nHost: shop.example\r\n\r\n"))
                                 .summary);
    return facts;
}

const ConditionCheck *findCondition(const Explanation &ex, int statement, const QString &key)
{
    for (const ConditionCheck &c : ex.layers.at(0).statements.at(statement).conditions) {
        if (c.key == key)
            return &c;
    }
    return nullptr;
}

} // namespace

class TestPolicyExplain : public QObject
{
    Q_OBJECT

private slots:
    void requestFromTheDocumentedHeader_data();
    void requestFromTheDocumentedHeader();
    void actionAndResourceFromThePayload();
    void payloadSummaries_data();
    void payloadSummaries();
    void allowNamesTheAllowingStatement();
    void denyShowsExpectedAndActualWithProvenance();
    void missingContextIsReported();
    void jsonContract();
};

void TestPolicyExplain::requestFromTheDocumentedHeader_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("source"); // a part of it
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("length");

    QTest::newRow("source address") << "pp:SourceIp"
                                    << "10.0.0.14"
                                    << "header"
                                    << "source address" << 16 << 4;
    QTest::newRow("destination address") << "pp:DestinationIp"
                                         << "10.0.0.15"
                                         << "header"
                                         << "destination" << 20 << 4;
    QTest::newRow("source port") << "pp:SourcePort"
                                 << "59074"
                                 << "header"
                                 << "source port" << 24 << 2;
    QTest::newRow("destination port") << "pp:DestinationPort"
                                      << "80"
                                      << "header"
                                      << "destination port" << 26 << 2;
    QTest::newRow("version") << "pp:Version"
                             << "2"
                             << "header"
                             << "version" << 12 << 1;
    QTest::newRow("command") << "pp:Command"
                             << "PROXY"
                             << "header"
                             << "command" << 12 << 1;
    QTest::newRow("CRC32C") << "pp:Crc32cValid"
                            << "true"
                            << "header"
                            << "0x03" << 31 << 4;
    QTest::newRow("endpoint ID") << "alibaba:EndpointId"
                                 << "ep-bp1i288487e586152d4b"
                                 << "vendor"
                                 << "TLV 0xE1/0x02" << 39 << 23;
    QTest::newRow("VPC ID") << "alibaba:SourceVpc"
                            << "vpc-bp179qeke0wzo1mr8bxhl"
                            << "vendor"
                            << "TLV 0xE1/0x01" << 66 << 25;
    QTest::newRow("acs:SourceVpc is derived") << "acs:SourceVpc"
                                              << "vpc-bp179qeke0wzo1mr8bxhl"
                                              << "derived"
                                              << "= alibaba:SourceVpc" << 66 << 25;
    QTest::newRow("acs:SourceIp is derived") << "acs:SourceIp"
                                             << "10.0.0.14"
                                             << "derived"
                                             << "= pp:SourceIp" << 16 << 4;
    QTest::newRow("raw NOOP TLV") << "pp:Tlv/0x04"
                                  << "000000000000"
                                  << "header"
                                  << "TLV 0x04" << 94 << 6;
    QTest::newRow("peer") << "conn:PeerIp"
                          << "10.0.0.200"
                          << "connection"
                          << "peer" << -1 << 0;
    QTest::newRow("local port") << "conn:LocalPort"
                                << "80"
                                << "connection"
                                << "local port" << -1 << 0;
    QTest::newRow("HTTP host") << "http:Host"
                               << "shop.example"
                               << "payload"
                               << "Host" << -1 << 0;
}

void TestPolicyExplain::requestFromTheDocumentedHeader()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, origin);
    QFETCH(QString, source);
    QFETCH(int, offset);
    QFETCH(int, length);
    const pl::proxy::DecodeResult decoded = pl::proxy::decode(span(kAlibabaExample));
    QVERIFY(decoded.ok());
    const PolicyRequest r = requestFromConnection(decoded, httpGet("/login"));
    const ContextEntry *e = r.context(key);
    QVERIFY2(e, qPrintable(key));
    QCOMPARE(e->values, QStringList{value});
    QCOMPARE(QLatin1String(originName(e->provenance.origin)), origin);
    QVERIFY2(e->provenance.source().contains(source, Qt::CaseInsensitive),
             qPrintable(e->provenance.source()));
    QCOMPARE(e->provenance.offset, offset);
    QCOMPARE(e->provenance.length, length);
    // The bytes named are the value's bytes.
    if (offset >= 0 && (origin == "vendor" || key.startsWith("pp:Tlv")))
        QCOMPARE(QString::fromLatin1(kAlibabaExample.mid(offset, length)).toLatin1(),
                 key.startsWith("pp:Tlv") ? QByteArray(6, '\0') : value.toLatin1());
}

void TestPolicyExplain::actionAndResourceFromThePayload()
{
    const pl::proxy::DecodeResult decoded = pl::proxy::decode(span(kAlibabaExample));
    const PolicyRequest http = requestFromConnection(decoded, httpGet("/login"));
    QCOMPARE(http.action, QString("http:GET"));
    QCOMPARE(http.resource, QString("/login"));
    QCOMPARE(http.actionProvenance.origin, Provenance::Origin::Payload);
    QCOMPARE(http.context("http:Path")->values, QStringList{"/login"});
    // Not HTTP: tcp:Connect on any resource, no http: keys, no peer.
    const PolicyRequest tcp = requestFromConnection(decoded);
    QCOMPARE(tcp.action, QString("tcp:Connect"));
    QCOMPARE(tcp.resource, QString("*"));
    QVERIFY(!tcp.context("http:Method"));
    QVERIFY(!tcp.context("conn:PeerIp"));
    // Keys the header does not carry stay absent.
    QVERIFY(!tcp.context("aws:SourceVpce"));
    QVERIFY(!tcp.context("pp:SslVerified"));
    QVERIFY(!tcp.context("pp:Authority"));
}

void TestPolicyExplain::payloadSummaries_data()
{
    // Raw requests, summarised as a capture or the listener does: the
    // policy reads the summary's fields (parsing is tst_payloadsummary's).
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("agent");
    QTest::addColumn<QString>("sni");
    QTest::newRow("GET with host and agent")
        << QByteArray("GET /login?x=1 HTTP/1.1\r\nHost: a.example\r\nUser-Agent: probe/1\r\n\r\n")
        << "GET"
        << "/login?x=1"
        << "a.example"
        << "probe/1"
        << "";
    QTest::newRow("POST without host") << QByteArray("POST /api HTTP/1.0\r\n\r\n") << "POST"
                                       << "/api"
                                       << ""
                                       << ""
                                       << "";
    QTest::newRow("TLS with SNI")
        << QByteArray::fromHex(
               "1603010055010000510303000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d"
               "1e1f00000213010100002600000010000e00000b6170692e6578616d706c650010000e000c02683208"
               "687474702f312e31")
        << ""
        << ""
        << ""
        << ""
        << "api.example";
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03\xff", 5) << ""
                            << ""
                            << ""
                            << ""
                            << "";
    QTest::newRow("not an HTTP/1.x line") << QByteArray("GET /old\r\n\r\n") << ""
                                          << ""
                                          << ""
                                          << ""
                                          << "";
}

void TestPolicyExplain::payloadSummaries()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, host);
    QFETCH(QString, agent);
    QFETCH(QString, sni);
    ConnectionFacts facts;
    addRequestSummary(facts, pl::capture::summarizeRequest(pl::proxy::byteSpan(request)).summary);
    QCOMPARE(facts.httpMethod, method);
    QCOMPARE(facts.httpPath, path);
    QCOMPARE(facts.httpHost, host);
    QCOMPARE(facts.httpUserAgent, agent);
    QCOMPARE(facts.tlsSni, sni);
    // A policy on http:UserAgent now sees captured and live requests.
    if (!agent.isEmpty()) {
        const PolicyRequest r =
            requestFromConnection(pl::proxy::decode(span(kAlibabaExample)), facts);
        QVERIFY(r.context("http:UserAgent"));
    }
}

void TestPolicyExplain::allowNamesTheAllowingStatement()
{
    const pl::proxy::DecodeResult decoded = pl::proxy::decode(span(kAlibabaExample));
    const Explanation ex =
        samplePolicy().explain(requestFromConnection(decoded, httpGet("/login")));
    QCOMPARE(ex.decision, Decision::Allow);
    QCOMPARE(ex.decisive.size(), 1);
    QCOMPARE(ex.decisive.constFirst().sid, QString("OnlyFromOurVpc"));
    QCOMPARE(ex.decisive.constFirst().pos.line, 11);
    QVERIFY(ex.layers.at(0).statements.at(1).decisive);
    QVERIFY(!ex.layers.at(0).statements.at(0).decisive);
    QVERIFY(!ex.layers.at(0).statements.at(0).matched);
    // The Deny did not match because the endpoint is the prod one.
    const ConditionCheck *c = findCondition(ex, 0, "alibaba:EndpointId");
    QVERIFY(c);
    QVERIFY(!c->matched);
    QCOMPARE(c->actual, QStringList{"ep-bp1i288487e586152d4b"});
    QCOMPARE(c->expected, QStringList{"ep-bp1i288487e586152d4b"});
    QCOMPARE(c->provenance.offset, 39);
    QCOMPARE(c->pos.line, 9);
    QVERIFY(ex.missing.isEmpty());
    QCOMPARE(ex.summary(), QString("Allow by OnlyFromOurVpc (sample-policy.json line 11)"));
}

void TestPolicyExplain::denyShowsExpectedAndActualWithProvenance()
{
    const pl::proxy::DecodeResult decoded = pl::proxy::decode(span(kAlibabaExample));
    PolicyRequest r = requestFromConnection(decoded, httpGet("/login/reset"));
    r.setContext("alibaba:EndpointId", "ep-staging"); // typed by the user
    const Explanation ex = samplePolicy().explain(r);
    QCOMPARE(ex.decision, Decision::ExplicitDeny);
    QCOMPARE(ex.decisive.size(), 1);
    QCOMPARE(ex.decisive.constFirst().sid, QString("LoginOnlyThroughProdEndpoint"));
    QCOMPARE(ex.decisive.constFirst().pos.line, 4);
    const ConditionCheck *c = findCondition(ex, 0, "alibaba:EndpointId");
    QVERIFY(c && c->matched);
    QCOMPARE(c->operatorName, QString("StringNotEquals"));
    QCOMPARE(c->actual, QStringList{"ep-staging"});
    QCOMPARE(c->provenance.text(), QString("typed by user"));
    // The VPC condition of the (non-decisive) Allow shows the header bytes.
    const ConditionCheck *vpc = findCondition(ex, 1, "acs:SourceVpc");
    QVERIFY(vpc && vpc->matched);
    QVERIFY2(vpc->provenance.text().contains("TLV 0xE1/0x01") &&
                 vpc->provenance.text().contains("header bytes 66..90"),
             qPrintable(vpc->provenance.text()));
    const QString text = ex.text();
    QVERIFY(text.startsWith(
        "ExplicitDeny by LoginOnlyThroughProdEndpoint (sample-policy.json line 4)"));
    QVERIFY(text.contains("=> Deny LoginOnlyThroughProdEndpoint"));
    QVERIFY(text.contains("actual /login/reset [HTTP request line]"));
}

void TestPolicyExplain::missingContextIsReported()
{
    // No endpoint ID (say the listener has Ppv2PrivateLinkEpIdEnabled off):
    // StringNotEquals on an absent key is true, so /login is denied.
    const PolicyRequest r = request(R"({"action": "http:GET", "resource": "/login",
        "context": {"acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}})");
    const Explanation ex = samplePolicy().explain(r);
    QCOMPARE(ex.decision, Decision::ExplicitDeny);
    QCOMPARE(ex.missing, QStringList{"alibaba:EndpointId"});
    const ConditionCheck *c = findCondition(ex, 0, "alibaba:EndpointId");
    QVERIFY(c && c->matched && !c->present);
    QCOMPARE(c->outcome, ConditionOutcome::MissingKey);
    QVERIFY(c->note().contains("missing context"));
    QVERIFY(ex.text().contains("missing context: alibaba:EndpointId"));
    // A positive operator on an absent key is false: no Allow.
    const Explanation none = samplePolicy().explain(request(R"({"action": "tcp:Connect"})"));
    QCOMPARE(none.decision, Decision::ImplicitDeny);
    QVERIFY(none.missing.contains("acs:SourceVpc"));
    QVERIFY(none.decisive.isEmpty());
}

void TestPolicyExplain::jsonContract()
{
    const PolicyRequest r = request(R"({"action": "http:GET", "resource": "/login",
        "context": {"alibaba:EndpointId": "ep-x", "acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}})");
    const QJsonObject o = samplePolicy().explain(r).toJson();
    QCOMPARE(o.value("decision").toString(), QString("ExplicitDeny"));
    const QJsonObject decisive = o.value("statements").toArray().at(0).toObject();
    QCOMPARE(decisive.value("sid").toString(), QString("LoginOnlyThroughProdEndpoint"));
    QCOMPARE(decisive.value("index").toInt(), 0);
    QCOMPARE(decisive.value("line").toInt(), 4);
    QVERIFY(o.value("missing").toArray().isEmpty());
    QVERIFY(!o.contains("layer")); // one layer: nothing to name
    const QJsonObject cond = o.value("explanation")
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value("statements")
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value("conditions")
                                 .toArray()
                                 .at(0)
                                 .toObject();
    QCOMPARE(cond.value("key").toString(), QString("alibaba:EndpointId"));
    QCOMPARE(cond.value("actual").toArray().at(0).toString(), QString("ep-x"));
    QCOMPARE(cond.value("provenance").toObject().value("origin").toString(), QString("user"));
    QCOMPARE(cond.value("matched").toBool(), true);
}

QTEST_GUILESS_MAIN(TestPolicyExplain)
#include "tst_policyexplain.moc"
