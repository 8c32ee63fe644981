// Policy evaluation throughput (issue 6: a 50-statement policy over 1M
// connections in under 2 s on one core). The policy mixes what people write:
// endpoint and VPC IDs, CIDRs (IPv4 and IPv6), path wildcards, methods,
// ports, Host patterns; requests carry the keys a decoded Alibaba header,
// its connection and an HTTP request line give. Run with scripts/bench.

#include "capture/payloadsummary.h"
#include "policy/batch.h"
#include "policy/evaluator.h"
#include "policy/requestbuilder.h"
#include "proxy/bytearrayspan.h"
#include "proxy/header.h"

#include <QByteArray>
#include <QString>

#include <benchmark/benchmark.h>
#include <vector>

namespace {

using namespace pl::policy;

QByteArray fiftyStatementPolicy()
{
    QStringList statements;
    for (int i = 0; i < 10; ++i)
        statements
            << QStringLiteral(
                   R"({"Sid": "AdminOnlyThroughEndpoint%1", "Effect": "Deny", "Action": ["http:DELETE", "http:PUT"],
  "Resource": "/admin/%1/*", "Condition": {"StringNotEquals": {"alibaba:EndpointId": ["ep-bp1i28848%1e586152d4b", "ep-spare-%1"]}}})")
                   .arg(i);
    for (int i = 0; i < 10; ++i)
        statements
            << QStringLiteral(
                   R"({"Sid": "QuarantinedVpc%1", "Effect": "Deny", "Action": "*", "Resource": "*",
  "Condition": {"StringEquals": {"acs:SourceVpc": "vpc-quarantine-%1"},
                "NotIpAddress": {"acs:SourceIp": ["10.%1.0.0/16", "2001:db8:%1::/48"]}}})")
                   .arg(i);
    for (int i = 0; i < 30; ++i)
        statements
            << QStringLiteral(
                   R"({"Sid": "Api%1", "Effect": "Allow", "Action": ["http:GET", "http:POST"], "Resource": "/api/v%1/*",
  "Condition": {"StringEquals": {"acs:SourceVpc": ["vpc-bp179qeke0wzo1mr8b%1", "vpc-other-%1"]},
                "IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.%1.0/24"]},
                "NumericLessThan": {"pp:DestinationPort": "1024"},
                "StringLike": {"http:Host": "*.shop%1.example"}}})")
                   .arg(i);
    return (QStringLiteral(R"({"Version": "1", "Statement": [)") +
            statements.join(QLatin1Char(',')) + QStringLiteral("]}"))
        .toUtf8();
}

PolicySet policySet()
{
    const PolicyParse parsed = parsePolicy(fiftyStatementPolicy(), QStringLiteral("bench.json"));
    if (!parsed.ok() || parsed.document.statements.size() != 50)
        qFatal("bench policy does not parse");
    return PolicySet(parsed.document);
}

// 1024 different requests, each with the 17 keys a real connection gives.
std::vector<PolicyRequest> requests()
{
    const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                              QStringLiteral("DELETE")};
    std::vector<PolicyRequest> out;
    for (int i = 0; i < 1024; ++i) {
        PolicyRequest r;
        const QString method = methods.at(i % 4);
        r.action = QStringLiteral("http:") + method;
        r.resource =
            (i % 3 == 0 ? QStringLiteral("/admin/%1/users") : QStringLiteral("/api/v%1/items"))
                .arg(i % 40);
        const QString ip = i % 5 == 0 ? QStringLiteral("2001:db8:%1::14").arg(i % 12)
                                      : QStringLiteral("10.%1.0.%2").arg(i % 12).arg(i % 250);
        r.setContext(QStringLiteral("pp:Version"), QStringLiteral("2"));
        r.setContext(QStringLiteral("pp:Command"), QStringLiteral("PROXY"));
        r.setContext(QStringLiteral("pp:SourceIp"), ip);
        r.setContext(QStringLiteral("pp:SourcePort"), QString::number(30000 + i));
        r.setContext(QStringLiteral("pp:DestinationIp"), QStringLiteral("10.0.0.15"));
        r.setContext(QStringLiteral("pp:DestinationPort"),
                     i % 7 == 0 ? QStringLiteral("8080") : QStringLiteral("80"));
        r.setContext(QStringLiteral("pp:Crc32cValid"), QStringLiteral("true"));
        const QString vpc = i % 9 == 0 ? QStringLiteral("vpc-quarantine-%1").arg(i % 10)
                                       : QStringLiteral("vpc-bp179qeke0wzo1mr8b%1").arg(i % 35);
        r.setContext(QStringLiteral("alibaba:SourceVpc"), vpc);
        r.setContext(QStringLiteral("acs:SourceVpc"), vpc);
        r.setContext(QStringLiteral("acs:SourceIp"), ip);
        r.setContext(QStringLiteral("alibaba:EndpointId"),
                     QStringLiteral("ep-bp1i28848%1e586152d4b").arg(i % 11));
        r.setContext(QStringLiteral("conn:PeerIp"), QStringLiteral("100.64.0.%1").arg(i % 200));
        r.setContext(QStringLiteral("conn:PeerPort"), QString::number(40000 + i));
        r.setContext(QStringLiteral("conn:LocalPort"), QStringLiteral("80"));
        r.setContext(QStringLiteral("http:Method"), method);
        r.setContext(QStringLiteral("http:Path"), r.resource);
        r.setContext(QStringLiteral("http:Host"), QStringLiteral("www.shop%1.example").arg(i % 31));
        out.push_back(std::move(r));
    }
    return out;
}

// Decision only (the listener's path: stops at the first deciding statement).
void BM_PolicyDecide(benchmark::State &state)
{
    const PolicySet set = policySet();
    const std::vector<PolicyRequest> reqs = requests();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(set.decide(reqs[i]));
        i = (i + 1) % reqs.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PolicyDecide);

// The batch path: every statement evaluated, hits counted, decisive refs.
void BM_PolicyBatch(benchmark::State &state)
{
    BatchEvaluator batch(policySet());
    const std::vector<PolicyRequest> reqs = requests();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(batch.add(reqs[i]).decision);
        i = (i + 1) % reqs.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PolicyBatch);

// The figure of the issue: one iteration is 1M requests through the batch
// path (hit counts included).
void BM_PolicyMillionRequests(benchmark::State &state)
{
    BatchEvaluator batch(policySet());
    const std::vector<PolicyRequest> reqs = requests();
    for (auto _ : state) {
        for (std::size_t n = 0; n < 1000000; ++n)
            benchmark::DoNotOptimize(batch.add(reqs[n % reqs.size()]).decision);
    }
    state.SetItemsProcessed(state.iterations() * 1000000);
}
BENCHMARK(BM_PolicyMillionRequests)->Unit(benchmark::kMillisecond)->Iterations(3);

// Building the request from a decoded header (per connection of a capture).
void BM_RequestFromHeader(benchmark::State &state)
{
    const QByteArray header = QByteArray::fromHex(
        "0d0a0d0a000d0a515549540a211100540a00000e0a00000fe6c20050030004 0764b56b"
        "e10018026570 2d6270316932383834383765353836313532643462"
        "e1001a017670632d627031373971656b6530777a6f316d72386278686c 0400 06000000000000");
    const pl::proxy::ByteSpan bytes{reinterpret_cast<const std::uint8_t *>(header.constData()),
                                    static_cast<std::size_t>(header.size())};
    ConnectionFacts facts;
    facts.peerIp = QStringLiteral("100.64.0.1");
    facts.peerPort = 40000;
    facts.localPort = 80;
    addRequestSummary(
        facts,
        pl::capture::summarizeRequest(
            pl::proxy::byteSpan(QByteArray("GET /login HTTP/1.1\r\nHost: shop.example\r\n\r\n")))
            .summary);
    for (auto _ : state) {
        const pl::proxy::DecodeResult decoded = pl::proxy::decode(bytes);
        benchmark::DoNotOptimize(requestFromConnection(decoded, facts).action.size());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RequestFromHeader);

// The whole explanation tree (GUI, test cases): for comparison only.
void BM_PolicyExplain(benchmark::State &state)
{
    const PolicySet set = policySet();
    const std::vector<PolicyRequest> reqs = requests();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(set.explain(reqs[i]).decision);
        i = (i + 1) % reqs.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PolicyExplain);

} // namespace

BENCHMARK_MAIN();
