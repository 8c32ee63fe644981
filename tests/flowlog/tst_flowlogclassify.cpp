// The request/response decision and the finding classes of flow-logs.md,
// table by table: each row is a flow's records (in any order) and the verdict
// a user reads in the report.

#include "flowlog/flowanalyzer.h"
#include "flowlog/ownership.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <numeric>

using namespace pl::flowlog;

namespace {

Ownership testOwnership()
{
    Ownership own;
    const auto provider = [&own](const char *cidr, const char *service) {
        Owner o;
        o.kind = OwnerKind::Provider;
        o.provider = "alibaba";
        o.service = service;
        o.region = "cn-hangzhou";
        own.addPrefix(*parseIpPrefix(cidr), o);
    };
    provider("118.178.0.0/16", "OSS");
    provider("2408:4005::/32", "OSS");
    provider("47.100.0.0/16", "SLS");
    provider("121.40.0.0/14", "");
    const auto aws = [&own](const char *cidr, const char *service) {
        Owner o;
        o.kind = OwnerKind::Provider;
        o.provider = "aws";
        o.service = service; // "" for AMAZON, as loadAwsIpRanges() keeps it
        o.region = "us-east-1";
        own.addPrefix(*parseIpPrefix(cidr), o);
    };
    aws("52.216.0.0/15", "S3");
    aws("13.32.0.0/15", "CLOUDFRONT");
    aws("3.80.0.0/12", "EC2");
    aws("54.239.0.0/17", "");
    const auto inventory = [&own](const char *ip, const char *id, const char *vpc) {
        Owner o;
        o.kind = OwnerKind::Inventory;
        o.resourceId = id;
        o.vpcId = vpc;
        o.inventoryKind = "EIP";
        own.addPrefix(*parseIpPrefix(ip), o);
    };
    inventory("39.96.0.5", "lb-data1", "vpc-data");
    inventory("39.96.0.6", "eip-web1", "vpc-app");
    inventory("10.0.1.9", "i-batch", "vpc-app");
    inventory("39.96.0.7", "eip-somewhere", ""); // an inventory row without its VPC
    own.build();
    return own;
}

// "DIR PROTO SRC SPORT DST DPORT FLAGS START [reject] [gw] [novpc] [svc=NAME]",
// DIR in|out|-; gw: the traffic path says a gateway endpoint; novpc: the
// record has no vpc-id; svc: AWS's pkt-dst-aws-service.
struct RecordText
{
    std::string dir, src, dst, service;
    int protocol = 6, flags = 0;
    std::uint16_t sport = 0, dport = 0;
    std::int64_t start = 0;
    bool reject = false;
    bool gatewayEndpoint = false;
    bool noVpc = false;
};

RecordText parse(const QString &line)
{
    const QStringList p = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    RecordText r;
    r.dir = p.at(0).toStdString();
    r.protocol = p.at(1).toInt();
    r.src = p.at(2).toStdString();
    r.sport = std::uint16_t(p.at(3).toUInt());
    r.dst = p.at(4).toStdString();
    r.dport = std::uint16_t(p.at(5).toUInt());
    r.flags = p.at(6).toInt();
    r.start = p.at(7).toLongLong();
    for (qsizetype i = 8; i < p.size(); ++i) {
        r.reject = r.reject || p.at(i) == QLatin1String("reject");
        r.gatewayEndpoint = r.gatewayEndpoint || p.at(i) == QLatin1String("gw");
        r.noVpc = r.noVpc || p.at(i) == QLatin1String("novpc");
        if (p.at(i).startsWith(QLatin1String("svc=")))
            r.service = p.at(i).mid(4).toStdString();
    }
    return r;
}

// The record's ENI and vm-id are views into eni and vm: they must outlive it.
FlowRecord toRecord(const RecordText &t, const std::string &eni, const std::string &vm)
{
    FlowRecord r;
    r.eniId = eni;
    r.vmId = vm;
    r.vpcId = t.noVpc ? "" : "vpc-app";
    r.region = "cn-hangzhou";
    r.src = *parseIpAddress(t.src);
    r.dst = *parseIpAddress(t.dst);
    r.hasAddresses = true;
    r.srcPort = t.sport;
    r.dstPort = t.dport;
    r.hasPorts = true;
    r.protocol = t.protocol;
    r.tcpFlags = t.flags;
    r.packets = 10;
    r.bytes = 1000;
    r.start = t.start;
    r.end = t.start + 60;
    r.direction = t.dir == "out"  ? Direction::Out
                  : t.dir == "in" ? Direction::In
                                  : Direction::Unknown;
    r.action = t.reject ? Action::Reject : Action::Accept;
    r.viaGatewayEndpoint = t.gatewayEndpoint;
    r.dstService = t.service; // a view: t must outlive the record
    return r;
}

// "class:rule:confidence", "response:rule" or "none".
QString verdict(const Ownership &own, const QStringList &lines, const QString &listening)
{
    AnalyzerOptions options;
    for (const QString &p : listening.split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.listeningPorts.push_back(std::uint16_t(p.toUInt()));
    FlowAnalyzer analyzer(own, options);
    std::uint64_t line = 0;
    std::vector<RecordText> texts; // the records' service views point here
    texts.reserve(std::size_t(lines.size()));
    for (const QString &l : lines) {
        const RecordText &t = texts.emplace_back(parse(l));
        const bool nat = t.dir == "in" && t.src == "10.0.1.9";
        analyzer.add(toRecord(t, nat ? "eni-nat" : "eni-web1", nat ? "" : "i-web1"), 0, ++line);
    }
    ReadStats stats;
    stats.files = {"t.jsonl"};
    const FlowReport report = analyzer.finish(stats);
    if (!report.findings.empty()) {
        const Finding &f = report.findings.front();
        return QStringLiteral("%1:%2:%3")
            .arg(QLatin1String(findingClassName(f.findingClass)),
                 QString::fromStdString(f.rules.begin()->first),
                 f.highConfidence ? QStringLiteral("high") : QStringLiteral("low"));
    }
    if (report.alreadyPrivateFlows > 0)
        return QStringLiteral("already_private");
    if (report.responseFlows > 0)
        return QStringLiteral("response:") +
               QString::fromStdString(report.responseRules.begin()->first);
    return QStringLiteral("none");
}

} // namespace

class TestFlowlogClassify : public QObject
{
    Q_OBJECT

private slots:
    void verdicts_data();
    void verdicts();
    void privateAndInboundOnlyFlowsAreNoPublicFlows();
    void recordOrderDoesNotMatter();
    void findingAggregatesFlowsAndSamples();
    void answersCountAsBytesIn();
    void internetTextsNameTheOwner();
    void serviceInAnotherRegion();
    void instanceVpcComesFromTheFirstFinding();
    void queryRows_data();
    void queryRows();
    void natGatewayCopiesCountOnce_data();
    void natGatewayCopiesCountOnce();
    void findingOfTwoShardsIsOne();

private:
    Ownership m_own = testOwnership();
};

void TestFlowlogClassify::verdicts_data()
{
    QTest::addColumn<QStringList>("records");
    QTest::addColumn<QString>("listening");
    QTest::addColumn<QString>("expected");

    QTest::newRow("long OSS connection, SYN in the first window only")
        << QStringList{"out 6 10.0.1.5 40001 118.178.0.10 443 24 120",
                       "in 6 118.178.0.10 443 10.0.1.5 40001 24 60",
                       "out 6 10.0.1.5 40001 118.178.0.10 443 24 60",
                       "out 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                       "in 6 118.178.0.10 443 10.0.1.5 40001 18 0"}
        << QString() << "gateway_endpoint:rule1_outbound_syn:high";
    QTest::newRow("long connection seen without its SYN: port rule")
        << QStringList{"out 6 10.0.1.5 40001 118.178.0.10 443 24 60",
                       "in 6 118.178.0.10 443 10.0.1.5 40001 24 60"}
        << QString() << "gateway_endpoint:rule3_to_service_port:high";
    QTest::newRow("inbound SYN-ACK: this ENI initiated")
        << QStringList{"in 6 47.100.0.20 443 10.0.1.5 40100 18 0",
                       "out 6 10.0.1.5 40100 47.100.0.20 443 24 0"}
        << QString() << "interface_endpoint:rule1_inbound_syn_ack:high";
    QTest::newRow("outbound SYN-ACK: a response")
        << QStringList{"out 6 10.0.1.5 443 198.51.100.9 40000 18 0"} << QString()
        << "response:rule1_outbound_syn_ack";
    QTest::newRow("peer spoke first")
        << QStringList{"out 6 10.0.1.5 40000 198.51.100.9 40001 24 60",
                       "in 6 198.51.100.9 40001 10.0.1.5 40000 24 0"}
        << QString() << "response:rule2_peer_first";
    QTest::newRow("server on a high port, learnt from two clients")
        << QStringList{"in 6 203.0.113.10 50001 10.0.1.5 8080 24 0",
                       "in 6 203.0.113.11 50002 10.0.1.5 8080 24 0",
                       "out 6 10.0.1.5 8080 203.0.113.10 50001 24 0"}
        << QString() << "response:rule3_from_service_port";
    QTest::newRow("server on a high port given by --listening-ports")
        << QStringList{"out 6 10.0.1.5 8443 203.0.113.10 50001 24 0"} << "8443"
        << "response:rule3_from_service_port";
    QTest::newRow("reply from the same service port does not make ours a service")
        << QStringList{"in 6 121.40.0.1 443 10.0.1.5 40001 24 0",
                       "in 6 121.40.0.1 443 10.0.1.5 40001 24 60",
                       "out 6 10.0.1.5 40001 121.40.0.1 443 24 0"}
        << QString() << "interface_endpoint:rule3_to_service_port:high";
    QTest::newRow("both ports high, ours ephemeral: request, low confidence")
        << QStringList{"out 6 10.0.1.5 40000 93.184.216.34 8443 24 0"} << QString()
        << "internet:rule3_ephemeral_range:low";
    QTest::newRow("both ports in the ephemeral range: request, low confidence")
        << QStringList{"out 6 10.0.1.5 40000 93.184.216.34 50000 24 0"} << QString()
        << "internet:rule3_ambiguous_ports:low";
    QTest::newRow("server on a high port seen with one client, no SYN: response")
        << QStringList{"in 6 54.240.196.186 51544 10.0.1.5 8080 24 0",
                       "out 6 10.0.1.5 8080 54.240.196.186 51544 24 0"}
        << QString() << "response:rule3_ephemeral_range";
    QTest::newRow("a client port reused for another server is no listener")
        << QStringList{"out 6 10.0.1.5 40001 10.0.2.9 3306 24 0",
                       "in 6 10.0.2.9 3306 10.0.1.5 40001 24 0",
                       "out 6 10.0.1.5 40001 52.1.2.3 8443 24 3600",
                       "in 6 52.1.2.3 8443 10.0.1.5 40001 24 3600"}
        << QString() << "internet:rule3_ephemeral_range:low";
    QTest::newRow("both ports low: request, low confidence")
        << QStringList{"out 17 10.0.1.5 123 93.184.216.34 123 0 0"} << QString()
        << "internet:rule3_ambiguous_ports:low";
    QTest::newRow("outbound REJECT") << QStringList{"out 17 10.0.1.5 53000 8.8.8.8 53 0 0 reject"}
                                     << QString() << "rejected:outbound_reject:high";
    QTest::newRow("private destination ignored")
        << QStringList{"out 6 10.0.1.5 40000 10.0.3.3 3306 2 0"} << QString() << "none";
    QTest::newRow("100.64/10 (Alibaba internal services) ignored")
        << QStringList{"out 17 10.0.1.5 53001 100.100.2.136 53 0 0"} << QString() << "none";
    QTest::newRow("IPv6 to OSS") << QStringList{"out 6 2408:4000::5 40600 2408:4005:1::10 443 2 0"}
                                 << QString() << "gateway_endpoint:rule1_outbound_syn:high";
    QTest::newRow("IPv6 ULA ignored")
        << QStringList{"out 6 2408:4000::5 40600 fd00::1 443 2 0"} << QString() << "none";
    QTest::newRow("own SLB in another VPC") << QStringList{"out 6 10.0.1.5 40200 39.96.0.5 443 2 0"}
                                            << QString() << "cross_vpc:rule1_outbound_syn:high";
    QTest::newRow("own EIP in the same VPC: hairpin")
        << QStringList{"out 6 10.0.1.5 40300 39.96.0.6 80 2 0"} << QString()
        << "hairpin:rule1_outbound_syn:high";
    // Which VPC is which decides hairpin or cross-VPC: one of them unknown,
    // the class is a guess and the confidence says so.
    QTest::newRow("own SLB, the log without vpc-id: cross VPC at low confidence")
        << QStringList{"out 6 10.0.1.5 40200 39.96.0.5 443 2 0 novpc"} << QString()
        << "cross_vpc:rule1_outbound_syn:low";
    QTest::newRow("own address whose VPC the inventory does not give")
        << QStringList{"out 6 10.0.1.5 40200 39.96.0.7 443 2 0"} << QString()
        << "cross_vpc:rule1_outbound_syn:low";
    QTest::newRow("the log without vpc-id, the source's VPC from the inventory")
        << QStringList{"out 6 10.0.1.9 40300 39.96.0.6 80 2 0 novpc"} << QString()
        << "hairpin:rule1_outbound_syn:high";
    QTest::newRow("provider range, service unknown")
        << QStringList{"out 6 10.0.1.5 40300 121.41.0.1 443 2 0"} << QString()
        << "interface_endpoint:rule1_outbound_syn:high";
    QTest::newRow("NAT gateway ENI: ECS -> NAT recorded as in")
        << QStringList{"in 6 10.0.1.9 41000 47.100.0.21 443 2 0"} << QString()
        << "interface_endpoint:rule1_outbound_syn:high";
    QTest::newRow("ICMP echo") << QStringList{"out 1 10.0.1.5 0 93.184.216.34 0 0 0"} << QString()
                               << "internet:rule4_icmp_request:high";
    // An echo and its reply in the same window: which came first is unknown.
    QTest::newRow("ICMP echo answered in its window")
        << QStringList{"out 1 10.0.1.5 0 93.184.216.34 0 0 0",
                       "in 1 93.184.216.34 0 10.0.1.5 0 0 0"}
        << QString() << "internet:rule4_icmp_request:low";
    QTest::newRow("ICMP echo answered in a later window")
        << QStringList{"out 1 10.0.1.5 0 93.184.216.34 0 0 0",
                       "in 1 93.184.216.34 0 10.0.1.5 0 0 60"}
        << QString() << "internet:rule4_icmp_request:high";
    QTest::newRow("ICMP reply to a peer that pinged first")
        << QStringList{"out 1 10.0.1.5 0 93.184.216.34 0 0 60",
                       "in 1 93.184.216.34 0 10.0.1.5 0 0 0"}
        << QString() << "response:rule4_icmp_reply";
    // The traffic path: private already when every outbound record says so.
    QTest::newRow("through a gateway endpoint in every window: private already")
        << QStringList{"out 6 10.0.1.5 40001 118.178.0.10 443 2 0 gw",
                       "out 6 10.0.1.5 40001 118.178.0.10 443 24 60 gw",
                       "in 6 118.178.0.10 443 10.0.1.5 40001 18 0"}
        << QString() << "already_private";
    QTest::newRow("gateway endpoint from the second window on: still a finding")
        << QStringList{"out 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                       "out 6 10.0.1.5 40001 118.178.0.10 443 24 60 gw"}
        << QString() << "gateway_endpoint:rule1_outbound_syn:high";
    // AWS services and what they offer.
    QTest::newRow("AWS S3 range") << QStringList{"out 6 10.0.1.5 40001 52.216.8.1 443 2 0"}
                                  << QString() << "gateway_endpoint:rule1_outbound_syn:high";
    QTest::newRow("CloudFront has no endpoint in a VPC")
        << QStringList{"out 6 10.0.1.5 40001 13.32.1.1 443 2 0"} << QString()
        << "internet:rule1_outbound_syn:high";
    QTest::newRow("EC2 ranges: any customer's instances")
        << QStringList{"out 6 10.0.1.5 40001 3.85.1.1 443 2 0"} << QString()
        << "internet:rule1_outbound_syn:high";
    QTest::newRow("an AMAZON range gives way to pkt-dst-aws-service")
        << QStringList{"out 6 10.0.1.5 40001 54.239.1.1 443 2 0 svc=DYNAMODB"} << QString()
        << "gateway_endpoint:rule1_outbound_syn:high";
    QTest::newRow("a service's own range is kept over pkt-dst-aws-service")
        << QStringList{"out 6 10.0.1.5 40001 13.32.1.1 443 2 0 svc=S3"} << QString()
        << "internet:rule1_outbound_syn:high";
    QTest::newRow("no range, pkt-dst-aws-service CLOUDFRONT")
        << QStringList{"out 6 10.0.1.5 40001 198.51.100.7 443 2 0 svc=CLOUDFRONT"} << QString()
        << "internet:rule1_outbound_syn:high";
    QTest::newRow("no range, pkt-dst-aws-service AMAZON: service unknown")
        << QStringList{"out 6 10.0.1.5 40001 198.51.100.7 443 2 0 svc=AMAZON"} << QString()
        << "interface_endpoint:rule1_outbound_syn:high";
    QTest::newRow("IPv6: a ULA peer reaching the instance's own address is inbound")
        << QStringList{"in 6 fd12:3456::5 40002 2406:da00:ff00::36e8:1 443 2 0",
                       "out 6 2406:da00:ff00::36e8:1 443 fd12:3456::5 40002 18 0"}
        << QString() << "none";
    QTest::newRow("IPv6: to a ULA peer is private")
        << QStringList{"out 6 2406:da00:ff00::36e8:1 40002 fd12:3456::5 443 2 0"} << QString()
        << "none";
    QTest::newRow("direction missing (AWS v2): from the addresses")
        << QStringList{"- 6 10.0.1.5 40001 118.178.0.10 443 2 0"} << QString()
        << "gateway_endpoint:rule1_outbound_syn:high";
}

void TestFlowlogClassify::verdicts()
{
    QFETCH(QStringList, records);
    QFETCH(QString, listening);
    QFETCH(QString, expected);
    QCOMPARE(verdict(m_own, records, listening), expected);
}

void TestFlowlogClassify::privateAndInboundOnlyFlowsAreNoPublicFlows()
{
    // AWS v2 has no direction: private to private is private whichever way
    // (it was "both addresses public"); scanners' inbound-only flows are no
    // flows to public addresses; an IPv6 ULA peer is private.
    FlowAnalyzer analyzer(m_own, {});
    std::uint64_t line = 0;
    std::vector<RecordText> texts;
    texts.reserve(8);
    for (const char *l :
         {"- 6 10.0.1.5 40001 10.0.2.9 3306 2 0", "- 6 10.0.2.9 3306 10.0.1.5 40001 18 0",
          "in 6 45.33.32.156 51234 10.0.1.5 22 2 0 reject",
          "in 6 45.33.32.158 51234 10.0.1.5 80 2 0",
          "out 6 2406:da00:ff00::36e8:1 40002 fd12:3456::5 443 2 0",
          "- 6 203.0.113.1 1000 198.51.100.1 2000 2 0"}) {
        const RecordText &t = texts.emplace_back(parse(QLatin1String(l)));
        analyzer.add(toRecord(t, "eni-web1", "i-web1"), 0, ++line);
    }
    ReadStats stats;
    stats.files = {"t.log"};
    const FlowReport report = analyzer.finish(stats);
    QCOMPARE(report.privateDestinationRecords, 3u);
    QCOMPARE(report.unknownDirectionRecords, 1u); // both public, no direction
    QCOMPARE(report.flows, 0u);
    QCOMPARE(report.findings.size(), std::size_t(0));
}

void TestFlowlogClassify::recordOrderDoesNotMatter()
{
    // Every order of a flow's records gives the same verdict.
    QStringList records{"in 6 203.0.113.10 50001 10.0.1.5 8080 24 0",
                        "in 6 203.0.113.11 50002 10.0.1.5 8080 24 60",
                        "out 6 10.0.1.5 8080 203.0.113.10 50001 24 0",
                        "out 6 10.0.1.5 8080 203.0.113.10 50001 24 60"};
    std::sort(records.begin(), records.end());
    int orders = 0;
    do {
        QCOMPARE(verdict(m_own, records, QString()),
                 QStringLiteral("response:rule3_from_service_port"));
        ++orders;
    } while (std::next_permutation(records.begin(), records.end()));
    QCOMPARE(orders, 24);
}

void TestFlowlogClassify::findingAggregatesFlowsAndSamples()
{
    FlowAnalyzer analyzer(m_own);
    // Five connections to two OSS addresses, two windows each.
    std::uint64_t line = 0;
    for (int i = 0; i < 5; ++i) {
        for (int w = 0; w < 2; ++w) {
            RecordText t;
            t.dir = "out";
            t.src = "10.0.1.5";
            t.sport = std::uint16_t(40000 + i);
            t.dst = i % 2 ? "118.178.0.10" : "118.178.0.11";
            t.dport = 443;
            t.flags = w == 0 ? 2 : 24;
            t.start = 1000 + 60 * w;
            analyzer.add(toRecord(t, "eni-web1", "i-web1"), 0, ++line);
        }
    }
    ReadStats stats;
    stats.files = {"oss.jsonl"};
    const FlowReport report = analyzer.finish(stats);
    QCOMPARE(report.findings.size(), std::size_t(1));
    const Finding &f = report.findings.front();
    QCOMPARE(f.flows, 5u);
    QCOMPARE(f.records, 10u);
    QCOMPARE(f.bytes, 10000u);
    QCOMPARE(f.addrs, 2u);
    QCOMPARE(f.firstSeen, 1000);
    QCOMPARE(f.lastSeen, 1120);
    QCOMPARE(f.samples.size(), std::size_t(3));
    QVERIFY(f.samples.front().rfind("oss.jsonl:", 0) == 0);
    QCOMPARE(f.vmId, std::string("i-web1"));
    QVERIFY(f.recommendation.find("OSS gateway endpoint in vpc-app") != std::string::npos);
    QCOMPARE(report.privatePathBytes, 10000u);
    QCOMPARE(report.instances.front().source, std::string("i-web1"));
}

void TestFlowlogClassify::answersCountAsBytesIn()
{
    // A download's bulk is in its inbound records: reported as bytes in,
    // and the findings and instances rank by both ways. The answers of a
    // connection the instance served (a response flow) count nowhere.
    FlowAnalyzer analyzer(m_own);
    std::uint64_t line = 0;
    std::vector<RecordText> texts;
    texts.reserve(16);
    const std::string webEni = "eni-web1", webVm = "i-web1", upEni = "eni-up", upVm = "i-up",
                      natEni = "eni-nat", none;
    const auto add = [&](const char *record, const std::string &eni, const std::string &vm,
                         std::uint64_t bytes) {
        FlowRecord r = toRecord(texts.emplace_back(parse(QLatin1String(record))), eni, vm);
        r.bytes = bytes;
        r.packets = bytes / 1000;
        analyzer.add(r, 0, ++line);
    };
    // i-web1 downloads from OSS: 2,000 bytes of requests, 150,000 answered.
    add("in 6 118.178.0.10 443 10.0.1.5 40001 24 1060", webEni, webVm, 100000);
    add("out 6 10.0.1.5 40001 118.178.0.10 443 2 1000", webEni, webVm, 1000);
    add("in 6 118.178.0.10 443 10.0.1.5 40001 18 1000", webEni, webVm, 50000);
    add("out 6 10.0.1.5 40001 118.178.0.10 443 24 1060", webEni, webVm, 1000);
    // i-web1 serves SSH to a public client: a response flow, not counted.
    add("in 6 93.184.216.34 50000 10.0.1.5 22 2 1000", webEni, webVm, 3000);
    add("out 6 10.0.1.5 22 93.184.216.34 50000 18 1000", webEni, webVm, 900000);
    // i-up uploads to SLS: more bytes out than i-web1, nothing back.
    add("out 6 10.0.2.5 40002 47.100.0.20 443 2 1000", upEni, upVm, 5000);
    // i-batch (10.0.1.9) through the NAT gateway's ENI, as it logs both
    // ways: the answer is the record from the public address.
    add("in 6 10.0.1.9 40003 118.178.0.12 443 2 1000", natEni, none, 1000);
    add("out 6 118.178.0.12 443 10.0.1.9 40003 18 1000", natEni, none, 7000);
    // A query's row without its ports (a query the user wrote): outbound
    // records only, its answers unknown.
    const std::string rowEni = "eni-q", rowVm = "i-q";
    FlowRecord row =
        toRecord(texts.emplace_back(parse(QStringLiteral("out 6 10.0.3.5 0 47.100.0.21 0 0 1000"))),
                 rowEni, rowVm);
    row.aggregated = true;
    row.hasPorts = false;
    row.records = 4;
    row.bytes = 500;
    analyzer.add(row, 0, ++line);
    ReadStats stats;
    stats.files = {"answers.jsonl"};
    const FlowReport report = analyzer.finish(stats);
    QStringList findings;
    for (const Finding &f : report.findings)
        findings << QStringLiteral("%1 %2 out=%3 in=%4 packets_in=%5")
                        .arg(QString::fromStdString(f.sourceName()),
                             QString::fromStdString(f.owner.service))
                        .arg(f.bytes)
                        .arg(f.inboundKnown ? QString::number(f.bytesIn) : QStringLiteral("?"))
                        .arg(f.packetsIn);
    QCOMPARE(findings, (QStringList{"i-web1 OSS out=2000 in=150000 packets_in=150",
                                    "i-batch OSS out=1000 in=7000 packets_in=7",
                                    "i-up SLS out=5000 in=0 packets_in=0",
                                    "i-q SLS out=500 in=? packets_in=0"}));
    QCOMPARE(report.privatePathBytes, 8500u);
    QCOMPARE(report.privatePathBytesIn, 157000u);
    QVERIFY(!report.privatePathInboundKnown); // i-q's answers are not in the sum
    QVERIFY(report.classes[std::size_t(FindingClass::GatewayEndpoint)].inboundKnown);
    QVERIFY(!report.classes[std::size_t(FindingClass::InterfaceEndpoint)].inboundKnown);
    QCOMPARE(report.classes[std::size_t(FindingClass::GatewayEndpoint)].bytesIn, 157000u);
    QCOMPARE(report.responseFlows, 1u);
    QStringList instances;
    for (const InstanceTotals &i : report.instances)
        instances << QStringLiteral("%1 %2/%3")
                         .arg(QString::fromStdString(i.source))
                         .arg(i.privatePathBytes)
                         .arg(i.privatePathBytesIn);
    QCOMPARE(instances,
             (QStringList{"i-web1 2000/150000", "i-batch 1000/7000", "i-up 5000/0", "i-q 500/0"}));
    QVERIFY(!report.instances.back().privatePathInboundKnown);
}

void TestFlowlogClassify::internetTextsNameTheOwner()
{
    // Internet egress to no known owner, to a service without an endpoint
    // in a VPC, and to EC2's public addresses: three different advices.
    const auto advice = [this](const char *dst) {
        FlowAnalyzer analyzer(m_own);
        RecordText t =
            parse(QStringLiteral("out 6 10.0.1.5 40000 %1 443 2 0").arg(QLatin1String(dst)));
        analyzer.add(toRecord(t, "eni-web1", "i-web1"), 0, 1);
        ReadStats stats;
        stats.files = {"t.log"};
        const FlowReport report = analyzer.finish(stats);
        return report.findings.empty() ? std::string() : report.findings.front().recommendation;
    };
    QCOMPARE(advice("93.184.216.34").rfind("Internet egress to addresses of no known owner", 0),
             0u);
    QCOMPARE(advice("13.32.0.9").rfind("aws CLOUDFRONT offers no endpoint in a VPC", 0), 0u);
    QCOMPARE(advice("3.80.1.1").rfind("aws EC2 addresses are public instances", 0), 0u);
}

void TestFlowlogClassify::serviceInAnotherRegion()
{
    // An OSS bucket of cn-hangzhou reached from a VPC of cn-beijing: a
    // gateway endpoint in the source VPC would not carry it.
    const auto advice = [this](const std::string &region) {
        FlowAnalyzer analyzer(m_own);
        RecordText t = parse(QStringLiteral("out 6 10.0.1.5 40000 118.178.0.10 443 2 0"));
        // The record's views point into these: they must outlive it.
        const std::string eni = "eni-web1";
        const std::string vm = "i-web1";
        FlowRecord r = toRecord(t, eni, vm);
        r.vpcId = "vpc-app";
        r.region = region;
        analyzer.add(r, 0, 1);
        ReadStats stats;
        stats.files = {"t.log"};
        const FlowReport report = analyzer.finish(stats);
        return report.findings.empty() ? std::string() : report.findings.front().recommendation;
    };
    QCOMPARE(advice("cn-beijing")
                 .rfind("alibaba OSS in cn-hangzhou is reached from vpc-app in "
                        "cn-beijing: an endpoint in vpc-app does not reach",
                        0),
             0u);
    QCOMPARE(advice("cn-hangzhou").rfind("Create an OSS gateway endpoint in vpc-app", 0), 0u);
    QCOMPARE(advice("").rfind("Create an OSS gateway endpoint in vpc-app", 0), 0u); // unknown
}

void TestFlowlogClassify::instanceVpcComesFromTheFirstFinding()
{
    // One private source address, without vm-id or ENI, in two VPCs (two
    // networks with overlapping ranges): two findings, one instance. The
    // instance keeps the VPC of the finding seen first, however the
    // findings rank by bytes: here the second VPC sends ten times more.
    FlowAnalyzer analyzer(m_own);
    std::uint64_t line = 0;
    for (const char *vpc : {"vpc-small", "vpc-big"}) {
        const int flows = std::string(vpc) == "vpc-big" ? 10 : 1;
        for (int i = 0; i < flows; ++i) {
            RecordText t;
            t.dir = "out";
            t.src = "10.0.1.7";
            t.sport = std::uint16_t(41000 + i);
            t.dst = "118.178.0.10";
            t.dport = 443;
            t.flags = 2;
            t.start = 1000;
            const std::string none; // the record's views point here: it outlives them
            FlowRecord r = toRecord(t, none, none);
            r.vpcId = vpc;
            analyzer.add(r, 0, ++line);
        }
    }
    ReadStats stats;
    stats.files = {"overlap.jsonl"};
    const FlowReport report = analyzer.finish(stats);
    QCOMPARE(report.findings.size(), std::size_t(2));
    QCOMPARE(report.findings.front().vpcId, std::string("vpc-big")); // by bytes
    QCOMPARE(report.findings.back().vpcId, std::string("vpc-small"));
    QCOMPARE(report.instances.size(), std::size_t(1));
    QCOMPARE(report.instances.front().source, std::string("10.0.1.7"));
    QCOMPARE(report.instances.front().vpcId, std::string("vpc-small"));
}

// One connection through a NAT gateway as each ENI logs it. A record is
// "ENI VM VPC " then the verdicts' format (VM, VPC "-" for none); the
// result lists "source:class:bytes" of every finding, then the copies.
void TestFlowlogClassify::natGatewayCopiesCountOnce_data()
{
    QTest::addColumn<QStringList>("records");
    QTest::addColumn<QString>("expected");

    // i-web1 10.0.1.5 -> OSS 118.178.0.10:443 through NAT 10.0.0.200.
    const QString own = QStringLiteral("eni-web1 i-web1 vpc-app ");
    const QString nat = QStringLiteral("eni-nat - vpc-app ");
    const QStringList ownRecords{own + "out 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                                 own + "in 6 118.178.0.10 443 10.0.1.5 40001 18 0"};
    const QStringList natRecords{nat + "in 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                                 nat + "out 6 10.0.0.200 3000 118.178.0.10 443 2 0",
                                 nat + "in 6 118.178.0.10 443 10.0.0.200 3000 18 0",
                                 nat + "out 6 118.178.0.10 443 10.0.1.5 40001 18 0"};
    QTest::newRow("both ENIs logged: the instance's record counts")
        << ownRecords + natRecords << "i-web1:gateway_endpoint:1000 copies=2";
    QTest::newRow("records in any order")
        << QStringList{natRecords[3], ownRecords[1], natRecords[1],
                       ownRecords[0], natRecords[0], natRecords[2]}
        << "i-web1:gateway_endpoint:1000 copies=2";
    QTest::newRow("only the NAT's ENI logged: its transit record counts")
        << natRecords << "10.0.1.5:gateway_endpoint:1000 copies=1";
    QTest::newRow("only the instance's ENI logged")
        << ownRecords << "i-web1:gateway_endpoint:1000 copies=0";
    // A central egress VPC: spokes reach its NAT through a transit router,
    // so the NAT logs a spoke's address in its own VPC. That address in
    // one other VPC is that VPC's instance; in two, nobody knows which.
    QTest::newRow("central egress: the instance's VPC is the one with its address")
        << QStringList{own + "out 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                       "eni-nat - vpc-egress in 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                       "eni-nat - vpc-egress out 6 10.9.0.200 3000 118.178.0.10 443 2 0"}
        << "i-web1:gateway_endpoint:1000 copies=2";
    QTest::newRow("central egress: an address of two spoke VPCs is kept")
        << QStringList{own + "out 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                       "eni-web2 i-web2 vpc-spoke2 out 6 10.0.1.5 40009 118.178.0.10 443 2 0",
                       "eni-nat - vpc-egress in 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                       "eni-nat - vpc-egress out 6 10.9.0.200 3000 118.178.0.10 443 2 0"}
        << "i-web1:gateway_endpoint:1000, i-web2:gateway_endpoint:1000, "
           "10.0.1.5:gateway_endpoint:1000 copies=1";
    QTest::newRow("the NAT's VPC has the address: that instance, not another VPC's")
        << QStringList{own + "out 6 10.0.1.5 40001 118.178.0.10 443 2 0",
                       "eni-other i-other vpc-other out 6 10.0.1.5 40002 47.100.0.20 443 2 0",
                       "eni-nat - vpc-other in 6 10.0.1.5 40002 47.100.0.20 443 2 0",
                       "eni-nat - vpc-other out 6 10.0.0.200 3000 47.100.0.20 443 2 0"}
        << "i-web1:gateway_endpoint:1000, i-other:interface_endpoint:1000 copies=2";
    // An ECS whose EIP is on its ENI (passthrough mode) sends from the EIP;
    // a private client reaching that EIP looks like transit. Its ENI has a
    // vm-id: not a NAT gateway, its own traffic counts. (The client's
    // VPC is not in the record: hairpin or cross-VPC, a low guess.)
    QTest::newRow("an instance with transit records is no NAT gateway")
        << QStringList{"eni-eip i-eip vpc-app out 6 39.96.0.6 40001 118.178.0.10 443 2 0",
                       "eni-eip i-eip vpc-app in 6 10.0.3.3 50000 39.96.0.6 80 2 0"}
        << "i-eip:gateway_endpoint:1000, 10.0.3.3:cross_vpc:1000 copies=0";
    // A network load balancer keeping client addresses forwards too (its
    // ENI has transit records and no instance): its flows are responses,
    // counted as such, not as NAT copies.
    QTest::newRow("a load balancer's ENI: responses stay responses")
        << QStringList{"eni-nat - vpc-app in 6 203.0.113.7 50000 10.0.0.30 443 2 0",
                       "eni-nat - vpc-app out 6 203.0.113.7 50000 10.0.1.5 443 2 0",
                       "eni-nat - vpc-app in 6 10.0.1.5 443 203.0.113.7 50000 18 0",
                       "eni-nat - vpc-app out 6 10.0.0.30 443 203.0.113.7 50000 18 0",
                       own + "in 6 203.0.113.7 50000 10.0.1.5 443 2 0",
                       own + "out 6 10.0.1.5 443 203.0.113.7 50000 18 0"}
        << " copies=0 responses=3";
    QTest::newRow("AWS v2: no vm-id and no vpc-id, no transit: the NAT's record counts")
        << QStringList{"eni-nat - - out 6 10.0.0.200 3000 118.178.0.10 443 2 0"}
        << "eni-nat:gateway_endpoint:1000 copies=0";
}

void TestFlowlogClassify::findingOfTwoShardsIsOne()
{
    // An instance with two ENIs whose records went to two shards (one ENI
    // each), both sending to OSS: one finding, as one shard would report it:
    // flows and bytes summed, the distinct addresses of both (one shared),
    // the first flow's ENI, the earliest samples and times of either.
    const QStringList records{
        "eni-b out 6 10.0.1.6 40001 118.178.0.11 443 2 1000",
        "eni-a out 6 10.0.1.5 40002 118.178.0.10 443 2 1100",
        "eni-a out 6 10.0.1.5 40003 118.178.0.11 443 2 1200",
        "eni-b out 6 10.0.1.6 40004 118.178.0.12 443 2 900",
        "eni-a out 6 10.0.1.5 40005 118.178.0.13 443 2 1300 reject",
        // Answers on both ENIs: summed across the shards as bytes in.
        "eni-b in 6 118.178.0.11 443 10.0.1.6 40001 18 1000",
        "eni-a in 6 118.178.0.10 443 10.0.1.5 40002 18 1100",
    };
    const auto run = [&](unsigned shards) {
        FlowAnalyzer analyzer(m_own, {}, shards);
        std::vector<std::string> enis;
        enis.reserve(std::size_t(records.size()));
        const std::string vm = "i-two";
        std::vector<RecordText> texts;
        texts.reserve(std::size_t(records.size()));
        std::uint64_t line = 0;
        for (const QString &l : records) {
            const std::string &eni =
                enis.emplace_back(l.section(QLatin1Char(' '), 0, 0).toStdString());
            const RecordText &t = texts.emplace_back(parse(l.section(QLatin1Char(' '), 1)));
            analyzer.add(shards > 1 && eni == "eni-b" ? 1 : 0, toRecord(t, eni, vm), 0, ++line);
        }
        ReadStats stats;
        stats.files = {"t.jsonl"};
        return analyzer.finish(stats);
    };
    const FlowReport one = run(1);
    const FlowReport two = run(2);
    const auto text = [](const FlowReport &r) {
        QStringList out;
        for (const Finding &f : r.findings)
            out << QStringLiteral("%1 %2 %3 flows=%4 bytes=%5 addrs=%6 first=%7 last=%8 eni=%9 "
                                  "samples=%10 sampleAddrs=%11")
                       .arg(QString::fromStdString(f.sourceName()),
                            QLatin1String(findingClassName(f.findingClass)))
                       .arg(f.port)
                       .arg(f.flows)
                       .arg(f.bytes)
                       .arg(f.addrs)
                       .arg(f.firstSeen)
                       .arg(f.lastSeen)
                       .arg(QString::fromStdString(f.eniId))
                       .arg(QString::fromStdString(std::accumulate(
                           f.samples.begin(), f.samples.end(), std::string(),
                           [](std::string a, const std::string &b) { return a + b + ";"; })))
                       .arg(QString::fromStdString(std::accumulate(
                           f.sampleAddrs.begin(), f.sampleAddrs.end(), std::string(),
                           [](std::string a, const std::string &b) { return a + b + ";"; })))
                << QStringLiteral("  in=%1 packets_in=%2").arg(f.bytesIn).arg(f.packetsIn);
        return out;
    };
    QCOMPARE(text(two), text(one));
    QCOMPARE(two.requestFlows, one.requestFlows);
    QCOMPARE(two.rejectedFlows, 1u);
    const Finding &oss = one.findings.front();
    QCOMPARE(oss.flows, 4u);
    QCOMPARE(oss.addrs, 3u);                   // .10, .11 (from both ENIs), .12
    QCOMPARE(oss.eniId, std::string("eni-b")); // line 1: the first flow
    QCOMPARE(oss.firstSeen, 900);
    QCOMPARE(oss.samples.front(), std::string("t.jsonl:1"));
    QCOMPARE(oss.bytesIn, 2000u); // toRecord's 1000 bytes a record
    QCOMPARE(two.findings.front().bytesIn, 2000u);
}

void TestFlowlogClassify::natGatewayCopiesCountOnce()
{
    QFETCH(QStringList, records);
    QFETCH(QString, expected);
    // Two shards, the NAT's ENI in the second: every record of an ENI goes
    // to one shard, and the two ENIs of a connection may land in different
    // ones.
    FlowAnalyzer analyzer(m_own, {}, 2);
    std::vector<std::array<std::string, 3>> ids; // the records' views point here
    std::vector<RecordText> texts;
    ids.reserve(std::size_t(records.size()));
    texts.reserve(std::size_t(records.size()));
    std::uint64_t line = 0;
    for (const QString &l : records) {
        const QStringList p = l.split(QLatin1Char(' '));
        auto &id = ids.emplace_back();
        for (std::size_t i = 0; i < id.size(); ++i)
            id[i] = p.at(qsizetype(i)) == QLatin1String("-") ? std::string()
                                                             : p.at(qsizetype(i)).toStdString();
        const RecordText &t = texts.emplace_back(parse(p.mid(3).join(QLatin1Char(' '))));
        FlowRecord r = toRecord(t, id[0], id[1]);
        r.vpcId = id[2];
        analyzer.add(id[0] == "eni-nat" ? 1 : 0, r, 0, ++line);
    }
    ReadStats stats;
    stats.files = {"t.jsonl"};
    const FlowReport report = analyzer.finish(stats);
    QStringList findings;
    for (const Finding &f : report.findings)
        findings << QStringLiteral("%1:%2:%3")
                        .arg(QString::fromStdString(f.sourceName()),
                             QLatin1String(findingClassName(f.findingClass)))
                        .arg(f.bytes);
    QString got =
        findings.join(QLatin1String(", ")) + QStringLiteral(" copies=%1").arg(report.natCopyFlows);
    if (report.responseFlows > 0)
        got += QStringLiteral(" responses=%1").arg(report.responseFlows);
    QCOMPARE(got, expected);
}

void TestFlowlogClassify::queryRows_data()
{
    // Rows of `flowlog query`'s result: a records column, a destination
    // port, no source port, no TCP flags. The query kept them by its port
    // rule; the check says so, sure of it only toward a service port, and
    // leaves protocols without ports to the other rules.
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("dstPort");   // -1: none
    QTest::addColumn<int>("packetsIn"); // -1: the row has no answer columns
    QTest::addColumn<QString>("expected");
    QTest::newRow("TCP to 443") << 6 << 443 << -1 << "internet:rule3_query_port_rule:high";
    QTest::newRow("TCP to a high port") << 6 << 8443 << -1 << "internet:rule3_query_port_rule:low";
    QTest::newRow("UDP to 53") << 17 << 53 << -1 << "internet:rule3_query_port_rule:high";
    QTest::newRow("GRE, no ports") << 47 << -1 << -1 << "internet:no_evidence:low";
    QTest::newRow("ESP with port 0") << 50 << 0 << -1 << "internet:no_evidence:low";
    // ICMP as the raw check decides it: sure when nothing came back; an
    // answer without its time may have come first.
    QTest::newRow("ICMP, not answered") << 1 << 0 << 0 << "internet:rule4_icmp_request:high";
    QTest::newRow("ICMP, answered") << 1 << 0 << 4 << "internet:rule4_icmp_request:low";
    QTest::newRow("ICMP, answers unknown") << 1 << 0 << -1 << "internet:rule4_icmp_request:low";
}

void TestFlowlogClassify::queryRows()
{
    QFETCH(int, protocol);
    QFETCH(int, dstPort);
    QFETCH(int, packetsIn);
    QFETCH(QString, expected);
    FlowAnalyzer analyzer(m_own);
    RecordText t;
    t.dir = "out";
    t.src = "10.0.1.5";
    t.dst = "93.184.216.34";
    t.protocol = protocol;
    // The record's views point into these: they must outlive it.
    const std::string eni = "eni-web1";
    const std::string vm = "i-web1";
    FlowRecord r = toRecord(t, eni, vm);
    r.srcPort = 0;
    r.dstPort = std::uint16_t(std::max(dstPort, 0));
    r.hasPorts = dstPort >= 0;
    r.tcpFlags = -1;
    r.records = 3;
    r.aggregated = true;
    r.hasAnswers = packetsIn >= 0;
    r.packetsIn = std::uint64_t(std::max(packetsIn, 0));
    r.bytesIn = r.packetsIn * 84;
    analyzer.add(r, 0, 1);
    ReadStats stats;
    stats.files = {"result.csv"};
    const FlowReport report = analyzer.finish(stats);
    QCOMPARE(report.findings.size(), std::size_t(1));
    const Finding &f = report.findings.front();
    QCOMPARE(QStringLiteral("%1:%2:%3")
                 .arg(QLatin1String(findingClassName(f.findingClass)),
                      QString::fromStdString(f.rules.begin()->first),
                      f.highConfidence ? QStringLiteral("high") : QStringLiteral("low")),
             expected);
    QCOMPARE(f.records, 3u);
}

QTEST_GUILESS_MAIN(TestFlowlogClassify)
#include "tst_flowlogclassify.moc"
