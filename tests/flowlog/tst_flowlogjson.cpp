// The two builds of the JSON Lines reader (simdjson On-Demand for AVX2,
// simdjson DOM elsewhere) give the same fields, and refuse the same lines,
// whatever the CPU picks: escapes, numbers, nulls, nested values of fields
// the check does not read, keys in another order, broken lines.

#include "flowlog/jsonlineparser.h"
#include "flowlog/linereader.h"

#include <QTest>

using namespace pl::flowlog;

namespace {

// A line followed by the reader's padding, filled with bytes that would
// derail a parser reading past the end.
std::string padded(const std::string &line)
{
    return line + std::string(LineReader::kPadding, '"');
}

struct Parsed
{
    std::string reason;
    FieldValues values{};
    std::vector<std::string> texts; // the values copied out
};

// build: also build the record (the reason then covers malformed values).
Parsed parseWith(JsonLineParser &parser, const std::string &line, bool build = true)
{
    const std::string buffer = padded(line);
    Parsed p;
    p.reason = parser.parse(std::string_view(buffer.data(), line.size()), p.values);
    for (const std::string_view v : p.values)
        p.texts.emplace_back(v);
    if (p.reason.empty() && build) {
        FlowRecord record;
        p.reason = buildRecord(p.values, record); // malformed values count as well
    }
    return p;
}

const char *kTypical =
    R"({"__topic__":"flow_log","eni-id":"eni-1","vm-id":"i-1","vpc-id":"vpc-1",)"
    R"("protocol":"6","srcaddr":"10.0.0.5","srcport":"40000","dstaddr":"118.178.1.2",)"
    R"("dstport":"443","direction":"out","action":"ACCEPT","packets":"3","bytes":"1200",)"
    R"("start":"1720775400","end":"1720775460","tcp-flags":"2","log-status":"OK"})";

} // namespace

class TestFlowlogJson : public QObject
{
    Q_OBJECT

private slots:
    void buildsAgree_data();
    void buildsAgree();
    void keysMayChangeOrderBetweenLines();
    void learntKeysMatchOnlyThemselves();
    void fastestBuildIsPicked();
};

void TestFlowlogJson::buildsAgree_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("vmId"); // expected vm-id when ok
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("strings") << QByteArray(kTypical) << true << QByteArray("i-1")
                             << QByteArray("1200");
    QTest::newRow("numbers as numbers")
        << QByteArray(R"({"vm-id":"i-2","protocol":6,"srcaddr":"10.0.0.5","dstaddr":"1.2.3.4",)"
                      R"("bytes":123456789012,"packets":7,"start":1720775400,"log-status":"OK"})")
        << true << QByteArray("i-2") << QByteArray("123456789012");
    QTest::newRow("spaces around tokens")
        << QByteArray(R"({ "vm-id" : "i-3" , "protocol" : 6 , "srcaddr" : "10.0.0.5" ,)"
                      R"( "dstaddr" : "1.2.3.4" , "bytes" : 99 , "log-status" : "OK" } )")
        << true << QByteArray("i-3") << QByteArray("99");
    QTest::newRow("null fields")
        << QByteArray(R"({"vm-id":null,"protocol":"6","srcaddr":"10.0.0.5","dstaddr":"1.2.3.4",)"
                      R"("bytes":null,"log-status":"OK"})")
        << true << QByteArray() << QByteArray();
    QTest::newRow("escaped value")
        << QByteArray(R"({"vm-id":"i-\u0041b\"c","protocol":"6","srcaddr":"10.0.0.5",)"
                      R"("dstaddr":"1.2.3.4","log-status":"OK"})")
        << true << QByteArray("i-Ab\"c") << QByteArray();
    QTest::newRow("escaped key")
        << QByteArray(R"({"vm\u002did":"i-4","protocol":"6","srcaddr":"10.0.0.5",)"
                      R"("dstaddr":"1.2.3.4","log-status":"OK"})")
        << true << QByteArray("i-4") << QByteArray();
    QTest::newRow("nested values of unread fields")
        << QByteArray(R"({"tags":{"a":[1,{"b":"}"}],"c":null},"vm-id":"i-5","protocol":"6",)"
                      R"("srcaddr":"10.0.0.5","dstaddr":"1.2.3.4","x":[true,false],)"
                      R"("log-status":"OK"})")
        << true << QByteArray("i-5") << QByteArray();
    QTest::newRow("key longer than the cache")
        << QByteArray(R"({"a-key-that-is-longer-than-thirty-two-bytes":"x","vm-id":"i-6",)"
                      R"("protocol":"6","srcaddr":"10.0.0.5","dstaddr":"1.2.3.4",)"
                      R"("log-status":"OK"})")
        << true << QByteArray("i-6") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"srcaddr":"10.0.1.5","dstaddr":)") << false
                               << QByteArray() << QByteArray();
    QTest::newRow("cut after a comma") << QByteArray(R"({"eni-id":"eni-web1","log-status":"OK",)")
                                       << false << QByteArray() << QByteArray();
    QTest::newRow("plain text") << QByteArray("this is not a flow log") << false << QByteArray()
                                << QByteArray();
    QTest::newRow("array, not an object")
        << QByteArray("[1,2,3]") << false << QByteArray() << QByteArray();
    QTest::newRow("unterminated string")
        << QByteArray(R"({"vm-id":"i-7,"protocol":"6"})") << false << QByteArray() << QByteArray();
    QTest::newRow("invalid UTF-8")
        << QByteArray("{\"vm-id\":\"i-\xff\",\"protocol\":\"6\",\"srcaddr\":\"10.0.0.5\","
                      "\"dstaddr\":\"1.2.3.4\",\"log-status\":\"OK\"}")
        << false << QByteArray() << QByteArray();
    QTest::newRow("fraction in a counter")
        << QByteArray(R"({"protocol":"6","srcaddr":"10.0.0.5","dstaddr":"1.2.3.4","bytes":1.5,)"
                      R"("log-status":"OK"})")
        << false << QByteArray() << QByteArray();
    QTest::newRow("object where a string belongs")
        << QByteArray(R"({"protocol":"6","srcaddr":{"ip":"10.0.0.5"},"dstaddr":"1.2.3.4",)"
                      R"("log-status":"OK"})")
        << false << QByteArray() << QByteArray();
    QTest::newRow("true where a number belongs")
        << QByteArray(R"({"protocol":true,"srcaddr":"10.0.0.5","dstaddr":"1.2.3.4"})") << false
        << QByteArray() << QByteArray();
}

void TestFlowlogJson::buildsAgree()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, ok);
    QFETCH(QByteArray, vmId);
    QFETCH(QByteArray, bytes);
    const std::unique_ptr<JsonLineParser> dom = makeDomJsonLineParser();
    const std::unique_ptr<JsonLineParser> onDemand = makeOnDemandJsonLineParser();
    if (!onDemand)
        QSKIP("the On-Demand build needs AVX2, which this CPU lacks: DOM serves alone");
    const Parsed a = parseWith(*dom, line.toStdString());
    const Parsed b = parseWith(*onDemand, line.toStdString());
    QCOMPARE(a.reason.empty(), ok);
    QCOMPARE(b.reason.empty(), ok);
    if (!ok) {
        // What the user reads about a line that is not JSON at all.
        if (a.reason.rfind("not ", 0) == 0)
            QCOMPARE(b.reason, a.reason);
        return;
    }
    QCOMPARE(a.texts[std::size_t(Field::VmId)], vmId.toStdString());
    QCOMPARE(a.texts[std::size_t(Field::Bytes)], bytes.toStdString());
    QCOMPARE(b.texts, a.texts);
    // Parsed again, the keys are the ones learnt from the first parse:
    // On-Demand matches them on the raw bytes, and must still agree.
    const Parsed again = parseWith(*onDemand, line.toStdString());
    QCOMPARE(again.reason, b.reason);
    QCOMPARE(again.texts, a.texts);
}

void TestFlowlogJson::keysMayChangeOrderBetweenLines()
{
    const std::string first =
        R"({"vm-id":"i-1","bytes":"10","srcaddr":"10.0.0.5","dstaddr":"1.2.3.4"})";
    const std::string swapped =
        R"({"bytes":"20","vm-id":"i-2","dstaddr":"10.0.0.5","srcaddr":"1.2.3.4"})";
    std::vector<std::unique_ptr<JsonLineParser>> parsers;
    parsers.push_back(makeDomJsonLineParser());
    if (auto onDemand = makeOnDemandJsonLineParser())
        parsers.push_back(std::move(onDemand));
    for (const auto &parser : parsers) {
        for (int round = 0; round < 2; ++round) {
            const Parsed a = parseWith(*parser, first);
            QCOMPARE(a.texts[std::size_t(Field::VmId)], std::string("i-1"));
            QCOMPARE(a.texts[std::size_t(Field::SrcAddr)], std::string("10.0.0.5"));
            const Parsed b = parseWith(*parser, swapped);
            QCOMPARE(b.texts[std::size_t(Field::VmId)], std::string("i-2"));
            QCOMPARE(b.texts[std::size_t(Field::Bytes)], std::string("20"));
            QCOMPARE(b.texts[std::size_t(Field::SrcAddr)], std::string("1.2.3.4"));
        }
    }
}

void TestFlowlogJson::learntKeysMatchOnlyThemselves()
{
    // A first line teaches position 0 a key the check reads; the next lines
    // put another key there: one byte longer, one shorter, the last letter
    // changed, or the same key with an escape (which is the same key). The
    // keys' lengths (5 to 19) cross the cache's word bounds; the key of
    // every length from 1 to 34 then crosses its size bound.
    const std::vector<std::pair<std::string, Field>> keys = {
        {"bytes", Field::Bytes},          {"srcaddr", Field::SrcAddr},
        {"dstport", Field::DstPort},      {"tcp-flags", Field::TcpFlags},
        {"account-id", Field::AccountId}, {"pkt-srcaddr", Field::PktSrcAddr},
        {"interface-id", Field::EniId},   {"pkt-dst-aws-service", Field::PktDstService},
    };
    const auto line = [](const std::string &key, const std::string &value) {
        return "{\"" + key + "\":\"" + value + "\",\"vm-id\":\"i-1\"}";
    };
    std::vector<std::unique_ptr<JsonLineParser>> parsers;
    parsers.push_back(makeDomJsonLineParser());
    if (auto onDemand = makeOnDemandJsonLineParser())
        parsers.push_back(std::move(onDemand));
    for (const auto &parser : parsers) {
        for (const auto &[key, field] : keys) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", unsigned(key.back()));
            const std::string stem = key.substr(0, key.size() - 1);
            // In this order: each line after the first finds the first's key
            // learnt at position 0.
            const std::vector<std::pair<std::string, bool>> variants = {
                {key, true}, {key + "x", false},    {stem, false}, {stem + "Q", false},
                {key, true}, {stem + escape, true}, {key, true},
            };
            for (const auto &[k, isKey] : variants) {
                const Parsed p = parseWith(*parser, line(k, "7"), false);
                QVERIFY2(p.reason.empty(), p.reason.c_str());
                QCOMPARE(p.texts[std::size_t(Field::VmId)], std::string("i-1"));
                QCOMPARE(p.texts[std::size_t(field)], std::string(isKey ? "7" : ""));
            }
        }
        for (std::size_t length = 1; length <= 34; ++length) {
            const std::string key(length, 'k');
            for (const std::string &k : {key, key + "k", key.substr(1), key}) {
                const Parsed p = parseWith(*parser, line(k, "10.0.0.1"), false);
                QVERIFY2(p.reason.empty(), p.reason.c_str());
                QCOMPARE(p.texts[std::size_t(Field::VmId)], std::string("i-1"));
            }
        }
    }
}

void TestFlowlogJson::fastestBuildIsPicked()
{
    // On a CPU with AVX2 the On-Demand build is the one the readers use.
    const bool haveOnDemand = makeOnDemandJsonLineParser() != nullptr;
    const std::unique_ptr<JsonLineParser> picked = makeJsonLineParser();
    const std::unique_ptr<JsonLineParser> dom = makeDomJsonLineParser();
    QCOMPARE(typeid(*picked) == typeid(*dom), !haveOnDemand);
}

QTEST_GUILESS_MAIN(TestFlowlogJson)
#include "tst_flowlogjson.moc"
