// The evaluation rules of policy-language.md, one table row per rule: every
// operator, wildcards, CIDR edges, absent keys, several values (OR / NOR),
// deny overrides and layers. The fast path, the hit-counting path and the
// explanation must agree on every row.

#include "policy/evaluator.h"
#include "testpolicy.h"

#include <QTest>

using namespace pl::policy;
using namespace pl::test;

namespace {

QString decisionText(Decision d)
{
    return QLatin1String(decisionName(d));
}

// Judges with all three paths; fails the test when they disagree.
Decision judge(const PolicySet &set, const PolicyRequest &r)
{
    const Decision fast = set.decide(r);
    std::vector<std::uint64_t> hits(static_cast<std::size_t>(set.statementCount()));
    const Verdict verdict = set.evaluate(r, hits);
    const Explanation ex = set.explain(r);
    if (fast != verdict.decision || fast != ex.decision)
        qWarning("paths disagree: decide %s, evaluate %s, explain %s", decisionName(fast),
                 decisionName(verdict.decision), decisionName(ex.decision));
    return fast != verdict.decision || fast != ex.decision ? Decision(255) : fast;
}

} // namespace

class TestPolicySemantics : public QObject
{
    Q_OBJECT

private slots:
    void conditions_data();
    void conditions();
    void elements_data();
    void elements();
    void denyOverridesAllow();
    void layers_data();
    void layers();
    void ipRangeParsing_data();
    void ipRangeParsing();
    void statementWithAnUnknownOperatorNeverMatches();
};

void TestPolicySemantics::conditions_data()
{
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<bool>("allowed");

    // --- strings ---
    QTest::newRow("StringEquals same")
        << QByteArray(R"({"StringEquals": {"acs:SourceVpc": "vpc-a"}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-a"})") << true;
    QTest::newRow("StringEquals is case-sensitive")
        << QByteArray(R"({"StringEquals": {"acs:SourceVpc": "vpc-a"}})")
        << QByteArray(R"({"acs:SourceVpc": "VPC-A"})") << false;
    QTest::newRow("StringEquals absent key is false")
        << QByteArray(R"({"StringEquals": {"acs:SourceVpc": "vpc-a"}})") << QByteArray("{}")
        << false;
    QTest::newRow("StringEquals wildcard is literal")
        << QByteArray(R"({"StringEquals": {"acs:SourceVpc": "vpc-*"}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-a"})") << false;
    QTest::newRow("StringNotEquals other value")
        << QByteArray(R"({"StringNotEquals": {"alibaba:EndpointId": "ep-1"}})")
        << QByteArray(R"({"alibaba:EndpointId": "ep-2"})") << true;
    QTest::newRow("StringNotEquals same value")
        << QByteArray(R"({"StringNotEquals": {"alibaba:EndpointId": "ep-1"}})")
        << QByteArray(R"({"alibaba:EndpointId": "ep-1"})") << false;
    QTest::newRow("StringNotEquals absent key is true")
        << QByteArray(R"({"StringNotEquals": {"alibaba:EndpointId": "ep-1"}})") << QByteArray("{}")
        << true;
    QTest::newRow("StringEqualsIgnoreCase")
        << QByteArray(R"({"StringEqualsIgnoreCase": {"http:Host": "Shop.Example"}})")
        << QByteArray(R"({"http:Host": "shop.EXAMPLE"})") << true;
    QTest::newRow("StringNotEqualsIgnoreCase same but case")
        << QByteArray(R"({"StringNotEqualsIgnoreCase": {"http:Host": "Shop.Example"}})")
        << QByteArray(R"({"http:Host": "shop.example"})") << false;
    // Case is ASCII's only, as HAProxy, nginx, Lua and njs fold it: a long
    // s (U+017F) or a Kelvin sign (U+212A) is no letter of the value.
    QTest::newRow("StringEqualsIgnoreCase long s is no s")
        << QByteArray(R"({"StringEqualsIgnoreCase": {"http:Host": "shop.example"}})")
        << QByteArray("{\"http:Host\": \"\xc5\xbfhop.example\"}") << false;
    QTest::newRow("StringEqualsIgnoreCase Kelvin sign is no k")
        << QByteArray(R"({"StringEqualsIgnoreCase": {"http:Host": "kiosk.example"}})")
        << QByteArray("{\"http:Host\": \"\xe2\x84\xaaiosk.example\"}") << false;
    QTest::newRow("key case is ASCII only: a long s is no s")
        << QByteArray("{\"StringEquals\": {\"acs:\xc5\xbfourceVpc\": \"vpc-a\"}}")
        << QByteArray(R"({"acs:SourceVpc": "vpc-a"})") << false;
    QTest::newRow("StringNotEqualsIgnoreCase other")
        << QByteArray(R"({"StringNotEqualsIgnoreCase": {"http:Host": "Shop.Example"}})")
        << QByteArray(R"({"http:Host": "evil.example"})") << true;
    // --- wildcards ---
    QTest::newRow("StringLike star") << QByteArray(R"({"StringLike": {"http:Path": "/api/*"}})")
                                     << QByteArray(R"({"http:Path": "/api/v1/users"})") << true;
    QTest::newRow("StringLike star matches empty run")
        << QByteArray(R"({"StringLike": {"http:Path": "/api/*"}})")
        << QByteArray(R"({"http:Path": "/api/"})") << true;
    QTest::newRow("StringLike star in the middle")
        << QByteArray(R"({"StringLike": {"http:Path": "/a*/z"}})")
        << QByteArray(R"({"http:Path": "/abc/z"})") << true;
    QTest::newRow("StringLike star in the middle, wrong end")
        << QByteArray(R"({"StringLike": {"http:Path": "/a*/z"}})")
        << QByteArray(R"({"http:Path": "/abc/zz"})") << false;
    QTest::newRow("StringLike question mark is one character")
        << QByteArray(R"({"StringLike": {"alibaba:EndpointId": "ep-?"}})")
        << QByteArray(R"({"alibaba:EndpointId": "ep-a"})") << true;
    QTest::newRow("StringLike question mark is not two")
        << QByteArray(R"({"StringLike": {"alibaba:EndpointId": "ep-?"}})")
        << QByteArray(R"({"alibaba:EndpointId": "ep-ab"})") << false;
    QTest::newRow("StringLike question mark is not zero")
        << QByteArray(R"({"StringLike": {"alibaba:EndpointId": "ep-?"}})")
        << QByteArray(R"({"alibaba:EndpointId": "ep-"})") << false;
    QTest::newRow("StringLike is case-sensitive")
        << QByteArray(R"({"StringLike": {"alibaba:EndpointId": "EP-*"}})")
        << QByteArray(R"({"alibaba:EndpointId": "ep-1"})") << false;
    QTest::newRow("StringLike backtracks")
        << QByteArray(R"({"StringLike": {"tls:Sni": "*.a.*.com"}})")
        << QByteArray(R"({"tls:Sni": "x.a.a.b.com"})") << true;
    QTest::newRow("StringLike question mark is one emoji (two UTF-16 units)")
        << QByteArray(R"({"StringLike": {"pp:Authority": "?.example.com"}})")
        << QByteArray(R"({"pp:Authority": "\ud83d\ude00.example.com"})") << true;
    QTest::newRow("StringLike star backtracks over whole emoji")
        << QByteArray(R"({"StringLike": {"pp:Authority": "*?.test"}})")
        << QByteArray(R"({"pp:Authority": "\ud83d\ude00.test"})") << true;
    QTest::newRow("StringLike two question marks are not one emoji")
        << QByteArray(R"({"StringLike": {"pp:Authority": "*??.test"}})")
        << QByteArray(R"({"pp:Authority": "\ud83d\ude00.test"})") << false;
    QTest::newRow("StringLike star in the text is just a character")
        << QByteArray(R"({"StringLike": {"pp:Authority": "api*.org"}})")
        << QByteArray(R"({"pp:Authority": "api*x.org"})") << true;
    QTest::newRow("StringNotLike match")
        << QByteArray(R"({"StringNotLike": {"http:Path": "/admin*"}})")
        << QByteArray(R"({"http:Path": "/admin/x"})") << false;
    QTest::newRow("StringNotLike no match")
        << QByteArray(R"({"StringNotLike": {"http:Path": "/admin*"}})")
        << QByteArray(R"({"http:Path": "/shop"})") << true;
    // --- numbers ---
    QTest::newRow("NumericEquals") << QByteArray(R"({"NumericEquals": {"pp:SourcePort": "443"}})")
                                   << QByteArray(R"({"pp:SourcePort": "443"})") << true;
    QTest::newRow("NumericEquals number written as JSON number")
        << QByteArray(R"({"NumericEquals": {"pp:SourcePort": 443}})")
        << QByteArray(R"({"pp:SourcePort": "443.0"})") << true;
    QTest::newRow("NumericNotEquals")
        << QByteArray(R"({"NumericNotEquals": {"pp:SourcePort": "443"}})")
        << QByteArray(R"({"pp:SourcePort": "80"})") << true;
    QTest::newRow("NumericLessThan below")
        << QByteArray(R"({"NumericLessThan": {"pp:SourcePort": "1024"}})")
        << QByteArray(R"({"pp:SourcePort": "1023"})") << true;
    QTest::newRow("NumericLessThan equal")
        << QByteArray(R"({"NumericLessThan": {"pp:SourcePort": "1024"}})")
        << QByteArray(R"({"pp:SourcePort": "1024"})") << false;
    QTest::newRow("NumericLessThanEquals equal")
        << QByteArray(R"({"NumericLessThanEquals": {"pp:SourcePort": "1024"}})")
        << QByteArray(R"({"pp:SourcePort": "1024"})") << true;
    QTest::newRow("NumericGreaterThan equal")
        << QByteArray(R"({"NumericGreaterThan": {"pp:SourcePort": "1024"}})")
        << QByteArray(R"({"pp:SourcePort": "1024"})") << false;
    QTest::newRow("NumericGreaterThan above")
        << QByteArray(R"({"NumericGreaterThan": {"pp:SourcePort": "1024"}})")
        << QByteArray(R"({"pp:SourcePort": "59074"})") << true;
    QTest::newRow("NumericGreaterThanEquals equal")
        << QByteArray(R"({"NumericGreaterThanEquals": {"pp:SourcePort": "1024"}})")
        << QByteArray(R"({"pp:SourcePort": "1024"})") << true;
    QTest::newRow("Numeric compares numbers, not text")
        << QByteArray(R"({"NumericLessThan": {"pp:SourcePort": "100"}})")
        << QByteArray(R"({"pp:SourcePort": "20"})") << true;
    // 64-bit IDs one apart are the same double; integers compare exactly.
    QTest::newRow("NumericEquals 64-bit IDs one apart")
        << QByteArray(R"({"NumericEquals": {"gcp:PscConnectionId": "18446744073709551615"}})")
        << QByteArray(R"({"gcp:PscConnectionId": "18446744073709551614"})") << false;
    QTest::newRow("NumericEquals 64-bit ID itself")
        << QByteArray(R"({"NumericEquals": {"gcp:PscConnectionId": "18446744073709551615"}})")
        << QByteArray(R"({"gcp:PscConnectionId": "18446744073709551615"})") << true;
    QTest::newRow("NumericGreaterThan one past 2^53")
        << QByteArray(R"({"NumericGreaterThan": {"gcp:PscConnectionId": "9007199254740992"}})")
        << QByteArray(R"({"gcp:PscConnectionId": "9007199254740993"})") << true;
    QTest::newRow("NumericLessThan across signs")
        << QByteArray(R"({"NumericLessThan": {"pp:SourcePort": "-100000000000000000000"}})")
        << QByteArray(R"({"pp:SourcePort": "-100000000000000000001"})") << true;
    QTest::newRow("NumericEquals leading zeros and sign")
        << QByteArray(R"({"NumericEquals": {"pp:SourcePort": "+0443"}})")
        << QByteArray(R"({"pp:SourcePort": "443"})") << true;
    QTest::newRow("NumericEquals minus zero")
        << QByteArray(R"({"NumericEquals": {"pp:SourcePort": "-0"}})")
        << QByteArray(R"({"pp:SourcePort": "0"})") << true;
    QTest::newRow("NumericLessThan integer against decimal")
        << QByteArray(R"({"NumericLessThan": {"pp:SourcePort": "1024.5"}})")
        << QByteArray(R"({"pp:SourcePort": "1024"})") << true;
    QTest::newRow("Numeric on a non-number is false")
        << QByteArray(R"({"NumericEquals": {"pp:SourcePort": "443"}})")
        << QByteArray(R"({"pp:SourcePort": "https"})") << false;
    // --- dates ---
    QTest::newRow("DateLessThan")
        << QByteArray(R"({"DateLessThan": {"acs:CurrentTime": "2025-01-01T00:00:00Z"}})")
        << QByteArray(R"({"acs:CurrentTime": "2024-12-31T23:59:59Z"})") << true;
    QTest::newRow("DateLessThan later")
        << QByteArray(R"({"DateLessThan": {"acs:CurrentTime": "2025-01-01T00:00:00Z"}})")
        << QByteArray(R"({"acs:CurrentTime": "2025-01-01T00:00:01Z"})") << false;
    QTest::newRow("DateEquals across time zones")
        << QByteArray(R"({"DateEquals": {"acs:CurrentTime": "2025-01-01T08:00:00+08:00"}})")
        << QByteArray(R"({"acs:CurrentTime": "2025-01-01T00:00:00Z"})") << true;
    QTest::newRow("DateGreaterThanEquals epoch seconds")
        << QByteArray(R"({"DateGreaterThanEquals": {"acs:CurrentTime": "2025-01-01T00:00:00Z"}})")
        << QByteArray(R"({"acs:CurrentTime": "1735689600"})") << true;
    QTest::newRow("DateNotEquals")
        << QByteArray(R"({"DateNotEquals": {"acs:CurrentTime": "2025-01-01"}})")
        << QByteArray(R"({"acs:CurrentTime": "2025-01-02"})") << true;
    QTest::newRow("DateGreaterThan not a date")
        << QByteArray(R"({"DateGreaterThan": {"acs:CurrentTime": "2025-01-01"}})")
        << QByteArray(R"({"acs:CurrentTime": "yesterday"})") << false;
    // --- Bool ---
    QTest::newRow("Bool true") << QByteArray(R"({"Bool": {"pp:SslVerified": "true"}})")
                               << QByteArray(R"({"pp:SslVerified": "true"})") << true;
    QTest::newRow("Bool JSON true vs false")
        << QByteArray(R"({"Bool": {"pp:SslVerified": true}})")
        << QByteArray(R"({"pp:SslVerified": "false"})") << false;
    QTest::newRow("Bool case-insensitive")
        << QByteArray(R"({"Bool": {"acs:SecureTransport": "TRUE"}})")
        << QByteArray(R"({"acs:SecureTransport": "true"})") << true;
    QTest::newRow("Bool absent") << QByteArray(R"({"Bool": {"pp:SslVerified": "false"}})")
                                 << QByteArray("{}") << false;
    // --- IP addresses ---
    QTest::newRow("IpAddress /8") << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.0/8"}})")
                                  << QByteArray(R"({"pp:SourceIp": "10.200.1.2"})") << true;
    QTest::newRow("IpAddress /8 outside")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"pp:SourceIp": "11.0.0.1"})") << false;
    QTest::newRow("IpAddress /0 takes every IPv4")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "0.0.0.0/0"}})")
        << QByteArray(R"({"pp:SourceIp": "203.0.113.9"})") << true;
    QTest::newRow("IpAddress IPv4 /0 takes no IPv6")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "0.0.0.0/0"}})")
        << QByteArray(R"({"pp:SourceIp": "2001:db8::1"})") << false;
    QTest::newRow("IpAddress /32 exact")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.14/32"}})")
        << QByteArray(R"({"pp:SourceIp": "10.0.0.14"})") << true;
    QTest::newRow("IpAddress /32 neighbour")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.14/32"}})")
        << QByteArray(R"({"pp:SourceIp": "10.0.0.15"})") << false;
    QTest::newRow("IpAddress bare address is /32")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.14"}})")
        << QByteArray(R"({"pp:SourceIp": "10.0.0.15"})") << false;
    QTest::newRow("IpAddress /31 boundary")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.14/31"}})")
        << QByteArray(R"({"pp:SourceIp": "10.0.0.15"})") << true;
    QTest::newRow("IpAddress /25 odd prefix")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "192.168.1.128/25"}})")
        << QByteArray(R"({"pp:SourceIp": "192.168.1.127"})") << false;
    QTest::newRow("IpAddress IPv6 /64")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "2001:db8:1::/64"}})")
        << QByteArray(R"({"pp:SourceIp": "2001:db8:1::ffff:1"})") << true;
    QTest::newRow("IpAddress IPv6 /64 outside")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "2001:db8:1::/64"}})")
        << QByteArray(R"({"pp:SourceIp": "2001:db8:2::1"})") << false;
    QTest::newRow("IpAddress IPv6 /128 exact")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "2001:db8::1/128"}})")
        << QByteArray(R"({"pp:SourceIp": "2001:0db8:0:0::1"})") << true;
    QTest::newRow("IpAddress IPv6 /128 neighbour")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "2001:db8::1/128"}})")
        << QByteArray(R"({"pp:SourceIp": "2001:db8::2"})") << false;
    QTest::newRow("IpAddress v4-mapped IPv6 client in IPv4 range")
        << QByteArray(R"({"IpAddress": {"conn:PeerIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"conn:PeerIp": "::ffff:10.0.0.14"})") << true;
    QTest::newRow("IpAddress IPv4 client in v4-mapped range")
        << QByteArray(R"({"IpAddress": {"conn:PeerIp": "::ffff:10.0.0.0/104"}})")
        << QByteArray(R"({"conn:PeerIp": "10.0.0.14"})") << true;
    QTest::newRow("IpAddress IPv6 ::/0 takes no IPv4 client")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "::/0"}})")
        << QByteArray(R"({"pp:SourceIp": "10.0.0.1"})") << false;
    QTest::newRow("IpAddress IPv6 ::/0 takes no v4-mapped client")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "::/0"}})")
        << QByteArray(R"({"pp:SourceIp": "::ffff:10.0.0.1"})") << false;
    QTest::newRow("IpAddress IPv6 ::/0 takes IPv6 clients")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "::/0"}})")
        << QByteArray(R"({"pp:SourceIp": "2002:a00:1::5"})") << true;
    QTest::newRow("IpAddress IPv4 range takes no 6to4 client")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"pp:SourceIp": "2002:a00:1::5"})") << false;
    QTest::newRow("IpAddress IPv4 range takes no IPv4-compatible client")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"pp:SourceIp": "::10.0.0.1"})") << false;
    QTest::newRow("IpAddress not an address")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "0.0.0.0/0"}})")
        << QByteArray(R"({"pp:SourceIp": "localhost"})") << false;
    QTest::newRow("IpAddress leading zero is not an address")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"pp:SourceIp": "010.0.0.1"})") << false;
    QTest::newRow("NotIpAddress outside")
        << QByteArray(R"({"NotIpAddress": {"pp:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"pp:SourceIp": "192.0.2.1"})") << true;
    QTest::newRow("NotIpAddress inside")
        << QByteArray(R"({"NotIpAddress": {"pp:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"pp:SourceIp": "10.1.1.1"})") << false;
    QTest::newRow("NotIpAddress absent key is true")
        << QByteArray(R"({"NotIpAddress": {"pp:SourceIp": "10.0.0.0/8"}})") << QByteArray("{}")
        << true;
    // --- several values: OR, and NOR for negated operators ---
    QTest::newRow("values OR: second matches")
        << QByteArray(R"({"StringEquals": {"acs:SourceVpc": ["vpc-a", "vpc-b"]}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-b"})") << true;
    QTest::newRow("values OR: none matches")
        << QByteArray(R"({"StringEquals": {"acs:SourceVpc": ["vpc-a", "vpc-b"]}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-c"})") << false;
    QTest::newRow("negated values NOR: one matches")
        << QByteArray(R"({"StringNotEquals": {"acs:SourceVpc": ["vpc-a", "vpc-b"]}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-b"})") << false;
    QTest::newRow("negated values NOR: none matches")
        << QByteArray(R"({"StringNotEquals": {"acs:SourceVpc": ["vpc-a", "vpc-b"]}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-c"})") << true;
    QTest::newRow("CIDRs OR")
        << QByteArray(R"({"IpAddress": {"pp:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}})")
        << QByteArray(R"({"pp:SourceIp": "2001:db8::5"})") << true;
    QTest::newRow("NotIpAddress NOR")
        << QByteArray(R"({"NotIpAddress": {"pp:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}})")
        << QByteArray(R"({"pp:SourceIp": "192.168.3.4"})") << false;
    QTest::newRow("request with several values: any matches")
        << QByteArray(R"({"StringEquals": {"pp:Tlv/0xE1": "02"}})")
        << QByteArray(R"({"pp:Tlv/0xE1": ["01", "02"]})") << true;
    // --- AND: keys under one operator, and across operators ---
    QTest::newRow("two keys AND: both hold")
        << QByteArray(
               R"({"StringEquals": {"acs:SourceVpc": "vpc-a", "alibaba:EndpointId": "ep-1"}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-a", "alibaba:EndpointId": "ep-1"})") << true;
    QTest::newRow("two keys AND: one fails")
        << QByteArray(
               R"({"StringEquals": {"acs:SourceVpc": "vpc-a", "alibaba:EndpointId": "ep-1"}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-a", "alibaba:EndpointId": "ep-2"})") << false;
    QTest::newRow("two operators AND: one fails")
        << QByteArray(
               R"({"StringEquals": {"acs:SourceVpc": "vpc-a"}, "IpAddress": {"acs:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-a", "acs:SourceIp": "172.16.0.1"})") << false;
    QTest::newRow("keys compare case-insensitively")
        << QByteArray(R"({"StringEquals": {"ACS:sourcevpc": "vpc-a"}})")
        << QByteArray(R"({"acs:SourceVpc": "vpc-a"})") << true;
    // --- IfExists and Null (aws dialect) ---
    QTest::newRow("IfExists absent is true")
        << QByteArray(R"({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}})")
        << QByteArray("{}") << true;
    QTest::newRow("IfExists present and different")
        << QByteArray(R"({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}})")
        << QByteArray(R"({"aws:SourceVpce": "vpce-2"})") << false;
    QTest::newRow("negated IfExists absent is true")
        << QByteArray(R"({"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1"}})")
        << QByteArray("{}") << true;
    QTest::newRow("IpAddressIfExists present inside")
        << QByteArray(R"({"IpAddressIfExists": {"pp:SourceIp": "10.0.0.0/8"}})")
        << QByteArray(R"({"pp:SourceIp": "10.0.0.1"})") << true;
    QTest::newRow("Null true, key absent")
        << QByteArray(R"({"Null": {"aws:SourceVpce": "true"}})") << QByteArray("{}") << true;
    QTest::newRow("Null true, key present")
        << QByteArray(R"({"Null": {"aws:SourceVpce": "true"}})")
        << QByteArray(R"({"aws:SourceVpce": "vpce-1"})") << false;
    QTest::newRow("Null false, key present")
        << QByteArray(R"({"Null": {"aws:SourceVpce": false}})")
        << QByteArray(R"({"aws:SourceVpce": "vpce-1"})") << true;
}

void TestPolicySemantics::conditions()
{
    QFETCH(QByteArray, condition);
    QFETCH(QByteArray, context);
    QFETCH(bool, allowed);
    const PolicySet set(policyDoc(allowIf(condition, "2012-10-17")));
    const PolicyRequest r =
        request("{\"action\": \"http:GET\", \"resource\": \"/\", \"context\": " + context + "}");
    QCOMPARE(decisionText(judge(set, r)),
             decisionText(allowed ? Decision::Allow : Decision::ImplicitDeny));
}

void TestPolicySemantics::elements_data()
{
    QTest::addColumn<QByteArray>("statement"); // Action/Resource/Principal part
    QTest::addColumn<QByteArray>("req");
    QTest::addColumn<bool>("allowed");

    const QByteArray get = R"({"action": "http:GET", "resource": "/login"})";
    QTest::newRow("action wildcard")
        << QByteArray(R"("Action": "http:*", "Resource": "*")") << get << true;
    QTest::newRow("action is case-insensitive")
        << QByteArray(R"("Action": "HTTP:get", "Resource": "*")") << get << true;
    // ASCII letters only, as the njs and Lua exports match actions.
    QTest::newRow("action case is ASCII only: a long s is no s")
        << QByteArray("\"Action\": \"http:Po\xc5\xbft\", \"Resource\": \"*\"")
        << QByteArray(R"({"action": "http:POST", "resource": "/login"})") << false;
    QTest::newRow("action list OR")
        << QByteArray(R"("Action": ["tcp:Connect", "http:GET"], "Resource": "*")") << get << true;
    QTest::newRow("other action") << QByteArray(R"("Action": "http:POST", "Resource": "*")") << get
                                  << false;
    QTest::newRow("NotAction excludes")
        << QByteArray(R"("NotAction": "http:GET", "Resource": "*")") << get << false;
    QTest::newRow("NotAction others")
        << QByteArray(R"("NotAction": "http:POST", "Resource": "*")") << get << true;
    QTest::newRow("resource prefix")
        << QByteArray(R"("Action": "*", "Resource": "/login*")") << get << true;
    QTest::newRow("resource is case-sensitive")
        << QByteArray(R"("Action": "*", "Resource": "/LOGIN*")") << get << false;
    QTest::newRow("NotResource") << QByteArray(R"("Action": "*", "NotResource": "/login*")") << get
                                 << false;
    QTest::newRow("TCP resource is only matched by *")
        << QByteArray(R"("Action": "*", "Resource": "/login*")")
        << QByteArray(R"({"action": "tcp:Connect"})") << false;
    QTest::newRow("principal * matches no principal")
        << QByteArray(R"("Action": "*", "Resource": "*", "Principal": "*")") << get << true;
    QTest::newRow("principal wanted, none given")
        << QByteArray(
               R"("Action": "*", "Resource": "*", "Principal": {"RAM": "acs:ram::123:root"})")
        << get << false;
    QTest::newRow("account root covers its users")
        << QByteArray(
               R"("Action": "*", "Resource": "*", "Principal": {"RAM": "acs:ram::123:root"})")
        << QByteArray(R"({"action": "oss:GetObject", "principal": "acs:ram::123:user/alice"})")
        << true;
    QTest::newRow("account root does not cover other accounts")
        << QByteArray(
               R"("Action": "*", "Resource": "*", "Principal": {"RAM": "acs:ram::123:root"})")
        << QByteArray(R"({"action": "oss:GetObject", "principal": "acs:ram::1234:user/alice"})")
        << false;
    QTest::newRow("bare account ID, IAM ARN")
        << QByteArray(R"("Action": "*", "Resource": "*", "Principal": {"AWS": "123456789012"})")
        << QByteArray(R"({"principal": "arn:aws:iam::123456789012:role/app"})") << true;
    QTest::newRow("principal ARN exact")
        << QByteArray(
               R"("Action": "*", "Resource": "*", "Principal": {"RAM": "acs:ram::123:user/bob"})")
        << QByteArray(R"({"principal": "acs:ram::123:user/alice"})") << false;
}

void TestPolicySemantics::elements()
{
    QFETCH(QByteArray, statement);
    QFETCH(QByteArray, req);
    QFETCH(bool, allowed);
    const PolicySet set(
        policyDoc(R"({"Version": "1", "Statement": [{"Effect": "Allow", )" + statement + "}]}"));
    QCOMPARE(decisionText(judge(set, request(req))),
             decisionText(allowed ? Decision::Allow : Decision::ImplicitDeny));
}

void TestPolicySemantics::denyOverridesAllow()
{
    // The Allow comes first and matches too: order does not matter.
    const PolicySet set(policyDoc(R"({"Version": "1", "Statement": [
        {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Sid": "NoAdmin", "Effect": "Deny", "Action": "http:*", "Resource": "/admin*"}]})"));
    const PolicyRequest admin = request(R"({"action": "http:GET", "resource": "/admin/users"})");
    QCOMPARE(decisionText(judge(set, admin)), decisionText(Decision::ExplicitDeny));
    const Verdict v = set.evaluate(admin);
    QCOMPARE(v.decisive.size(), 1);
    QCOMPARE(v.decisive.constFirst().sid, QString("NoAdmin"));
    QCOMPARE(v.decisive.constFirst().pos.line, 3);
    const PolicyRequest shop = request(R"({"action": "http:GET", "resource": "/shop"})");
    QCOMPARE(decisionText(judge(set, shop)), decisionText(Decision::Allow));
    QCOMPARE(set.evaluate(shop).decisive.constFirst().sid, QString("All"));
    // Nothing matches: implicit deny, no decisive statement.
    const PolicySet none(policyDoc(
        R"({"Version": "1", "Statement": {"Effect": "Allow", "Action": "oss:*", "Resource": "*"}})"));
    const Verdict implicit = none.evaluate(shop);
    QCOMPARE(decisionText(implicit.decision), decisionText(Decision::ImplicitDeny));
    QVERIFY(implicit.decisive.isEmpty());
}

void TestPolicySemantics::layers_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QString>("decision");
    QTest::addColumn<int>("layer");

    const QByteArray allow =
        R"({"Version": "1", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})";
    const QByteArray deny =
        R"({"Version": "1", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}})";
    const QByteArray nothing =
        R"({"Version": "1", "Statement": {"Effect": "Allow", "Action": "oss:*", "Resource": "*"}})";
    QTest::newRow("both allow") << allow << allow << "Allow" << -1;
    QTest::newRow("second denies implicitly") << allow << nothing << "ImplicitDeny" << 1;
    QTest::newRow("second denies explicitly") << allow << deny << "ExplicitDeny" << 1;
    QTest::newRow("first denies, second allows") << deny << allow << "ExplicitDeny" << 0;
    QTest::newRow("first denying layer is reported") << nothing << deny << "ImplicitDeny" << 0;
}

void TestPolicySemantics::layers()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, decision);
    QFETCH(int, layer);
    const PolicySet set({policyDoc(first, "endpoint.json"), policyDoc(second, "backend.json")});
    const PolicyRequest r = request(R"({"action": "http:GET", "resource": "/"})");
    QCOMPARE(decisionText(judge(set, r)), decision);
    QCOMPARE(set.evaluate(r).denyingLayer, layer);
    const Explanation ex = set.explain(r);
    QCOMPARE(ex.denyingLayer, layer);
    if (layer >= 0)
        QCOMPARE(ex.toJson().value("layer").toString(),
                 layer == 0 ? QString("endpoint.json") : QString("backend.json"));
}

void TestPolicySemantics::ipRangeParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("hostBits");
    QTest::newRow("v4 /0") << "0.0.0.0/0" << true << false;
    QTest::newRow("v4 /32") << "10.0.0.1/32" << true << false;
    QTest::newRow("v4 /33") << "10.0.0.1/33" << false << false;
    QTest::newRow("v4 host bits") << "10.0.0.1/8" << true << true;
    QTest::newRow("v6 /128") << "::1/128" << true << false;
    QTest::newRow("v6 /129") << "::1/129" << false << false;
    QTest::newRow("v6 /0") << "::/0" << true << false;
    QTest::newRow("three octets") << "10.0.0/8" << false << false;
    QTest::newRow("octet 256") << "10.0.0.256" << false << false;
    QTest::newRow("empty prefix") << "10.0.0.0/" << false << false;
    QTest::newRow("negative prefix") << "10.0.0.0/-1" << false << false;
    QTest::newRow("zone id") << "fe80::1%eth0" << false << false;
}

void TestPolicySemantics::ipRangeParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(bool, hostBits);
    const auto range = parseIpRange(text);
    QCOMPARE(range.has_value(), valid);
    if (range)
        QCOMPARE(range->hostBitsSet, hostBits);
}

void TestPolicySemantics::statementWithAnUnknownOperatorNeverMatches()
{
    // An editor may judge a document that still has errors: dropping the
    // bad condition would widen the Allow.
    const PolicyParse parsed =
        parsePolicy(allowIf(R"({"StringEqual": {"acs:SourceVpc": "vpc-a"}})"));
    QVERIFY(!parsed.ok());
    const PolicySet set(parsed.document);
    QCOMPARE(decisionText(judge(set, request(R"({"context": {"acs:SourceVpc": "vpc-b"}})"))),
             decisionText(Decision::ImplicitDeny));
}

QTEST_GUILESS_MAIN(TestPolicySemantics)
#include "tst_policysemantics.moc"
