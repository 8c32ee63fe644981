// Data-driven decoder tests: the public vectors, every error code and every
// warning, each checked through the fields a user reads (the JSON contract).

#include "export/headerjson.h"
#include "proxy/crc32c.h"
#include "proxy/header.h"
#include "testbytes.h"

#include <QJsonArray>
#include <QTest>

#include <algorithm>

using namespace pl::proxy;
using namespace pl::test;

namespace {

// Writes the correct CRC32C into the 4 bytes at valueOffset.
QByteArray withCrc(QByteArray header, int valueOffset)
{
    const std::uint32_t crc = headerCrc32c(span(header), static_cast<std::size_t>(valueOffset));
    for (int i = 0; i < 4; ++i)
        header[valueOffset + i] = static_cast<char>((crc >> (8 * (3 - i))) & 0xFF);
    return header;
}

QString jsonValue(const QJsonObject &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &part : path.split(QLatin1Char('.')))
        v = v.toObject().value(part);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toInteger());
    if (v.isUndefined())
        return QStringLiteral("<absent>");
    return v.toString();
}

QByteArray awsHealthCheck()
{
    // LOCAL, family byte INET, TLVs right after the 16 fixed bytes: CRC32C,
    // then 0xEA VPC endpoint ID, then NOOP padding, as AWS NLB sends them.
    QByteArray tlvs = tlv(0x03, QByteArray(4, '\0')) +
                      tlv(0xEA, hex("01") + QByteArray("vpce-08d2bf15fac5001c9")) +
                      tlv(0x04, QByteArray(20, '\0'));
    return withCrc(v2("20", "11", {}, tlvs), 19);
}

// The shape AWS NLB health checks really have: CRC32C, then NOOP padding to
// 100 bytes, no 0xEA TLV. Its standard reading parses too (garbage addresses,
// zero-type TLVs), so only evidence tells the two apart.
QByteArray awsHealthCheckNoopOnly(bool crc = true)
{
    if (!crc)
        return v2("20", "11", {}, tlv(0x04, QByteArray(81, '\0')));
    const QByteArray tlvs = tlv(0x03, QByteArray(4, '\0')) + tlv(0x04, QByteArray(74, '\0'));
    return withCrc(v2("20", "11", {}, tlvs), 19);
}

} // namespace

class TestDecoder : public QObject
{
    Q_OBJECT

private slots:
    void decodes_data();
    void decodes();
    void v1WithoutCrlfNamesTheLimit();
    void localLayoutIsDecidedByEvidence_data();
    void localLayoutIsDecidedByEvidence();
    void tlvOffsetsPointIntoTheInput();
    void incompleteInputAsksForMore_data();
    void incompleteInputAsksForMore();
    void crcCanBeSkipped();
};

void TestDecoder::decodes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("error"); // error code name, "" when valid
    QTest::addColumn<int>("errorOffset");
    QTest::addColumn<QString>("expect"); // "json.path=value;..." from the header object
    QTest::addColumn<QStringList>("warnings");

    const QString none;
    const QByteArray example = alibabaExample();
    const QByteArray inet = inetAddresses();

    // --- public vectors (ppv2-reference.md) ---
    QTest::newRow("alibaba documented example")
        << example << "auto" << none << 0
        << "version=2;command=PROXY;family=INET;protocol=STREAM;length=100;"
           "src=10.0.0.14:59074;dst=10.0.0.15:80;crc32c=valid;crc32c_received=0764b56b;"
           "vpc_id=vpc-bp179qeke0wzo1mr8bxhl;endpoint_id=ep-bp1i288487e586152d4b;"
           "endpoint_service_id=<absent>"
        << QStringList();
    QTest::newRow("alibaba example, alibaba profile")
        << example << "alibaba" << none << 0
        << "vpc_id=vpc-bp179qeke0wzo1mr8bxhl;endpoint_id=ep-bp1i288487e586152d4b" << QStringList();
    QTest::newRow("alibaba example, profile none: IDs stay raw")
        << example << "none" << none << 0 << "vpc_id=<absent>;endpoint_id=<absent>;crc32c=valid"
        << QStringList();
    QTest::newRow("alibaba endpoint service ID")
        << v2("21", "11", inet, tlv(0xE1, hex("03") + QByteArray("epsrv-bp1abcdef"))) << "auto"
        << none << 0 << "endpoint_service_id=epsrv-bp1abcdef;crc32c=absent" << QStringList();
    QByteArray aws = hex("0d0a0d0a000d0a515549540a21110054ac1f0771ac1f0a1fc8f20050030004e8d6892d"
                         "ea001701767063652d3038643262663135666163353030316339040024");
    aws += QByteArray(36, '\0');
    QTest::newRow("aws privatelink vector")
        << aws << "auto" << none << 0
        << "src=172.31.7.113:51442;dst=172.31.10.31:80;crc32c=valid;crc32c_received=e8d6892d;"
           "vpce_id=vpce-08d2bf15fac5001c9;length=100"
        << QStringList();
    QTest::newRow("haproxy ssl with client CN")
        << hex("0d0a0d0a000d0a515549540a211100407f0000017f000001cc8a232e2000310700000000210007"
               "544c5376312e3322001f4578616d706c6520436f6d6d6f6e204e616d6520436c69656e742043"
               "657274")
        << "auto" << none << 0
        << "src=127.0.0.1:52362;dst=127.0.0.1:9006;ssl.client=7;ssl.verify=0;"
           "ssl.certificate_verified=true;ssl.version=TLSv1.3;"
           "ssl.cn=Example Common Name Client Cert;crc32c=absent"
        << QStringList();
    QTest::newRow("haproxy authority")
        << hex("0d0a0d0a000d0a515549540a211100147f0000017f000001002a05390200053132333435") << "auto"
        << none << 0 << "authority=12345;src=127.0.0.1:42;dst=127.0.0.1:1337" << QStringList();
    QTest::newRow("azure link id little-endian")
        << v2("21", "11", inet, hex("ee 0005 01 c1450021")) << "auto" << none << 0
        << "azure_link_id=553665985" << QStringList();
    QTest::newRow("gcp psc connection id")
        << v2("21", "11", inet, hex("e0 0008 ffffffffc0a86402")) << "auto" << none << 0
        << "gcp_psc_id=18446744072646845442" << QStringList();
    QTest::newRow("inet6 dgram")
        << v2("21", "22",
              hex("20010db8000000000000000000000001 20010db8000000000000000000000002 1f90 0035"),
              {})
        << "auto" << none << 0
        << "family=INET6;protocol=DGRAM;src=[2001:db8::1]:8080;dst=[2001:db8::2]:53"
        << QStringList();
    QByteArray unixBlock(216, '\0');
    unixBlock.replace(0, 9, "/run/a.sk");
    unixBlock.replace(108, 9, "/run/b.sk");
    QTest::newRow("unix stream") << v2("21", "31", unixBlock, {}) << "auto" << none << 0
                                 << "family=UNIX;src=/run/a.sk;dst=/run/b.sk"
                                 << QStringList{"longer_than_nginx_limit"};
    QTest::newRow("local unspec (haproxy health check)")
        << v2("20", "00", {}, {}) << "auto" << none << 0
        << "command=LOCAL;family=UNSPEC;length=16;src=<absent>" << QStringList();
    QTest::newRow("alpn, unique id, netns")
        << v2("21", "11", inet, tlv(0x01, "h2") + tlv(0x05, "req-42") + tlv(0x30, "blue")) << "auto"
        << none << 0 << "alpn=h2;unique_id=req-42;netns=blue" << QStringList();
    QTest::newRow("unknown types shown raw")
        << v2("21", "11", inet, tlv(0xF1, hex("cafe")) + tlv(0x42, hex("01"))) << "auto" << none
        << 0 << "tlvs=<absent>" << QStringList();
    QTest::newRow("crc32c last (newer nginx)")
        << withCrc(v2("21", "11", inet, tlv(0x01, "h2") + tlv(0x03, QByteArray(4, '\0'))), 36)
        << "auto" << none << 0 << "crc32c=valid;alpn=h2" << QStringList();

    // --- v1 ---
    QTest::newRow("v1 tcp4")
        << QByteArray("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET /") << "auto" << none
        << 0
        << "version=1;command=PROXY;family=INET;src=192.168.0.1:56324;dst=192.168.0.11:443;"
           "length=47"
        << QStringList();
    QTest::newRow("v1 tcp6") << QByteArray("PROXY TCP6 2001:db8::1 ::1 65535 0\r\n") << "auto"
                             << none << 0 << "family=INET6;src=[2001:db8::1]:65535;dst=[::1]:0"
                             << QStringList();
    QTest::newRow("v1 unknown") << QByteArray("PROXY UNKNOWN\r\n") << "auto" << none << 0
                                << "command=LOCAL;family=UNSPEC;length=15" << QStringList();
    QTest::newRow("v1 unknown with anything")
        << QByteArray("PROXY UNKNOWN ffff:f...f:ffff 1.2.3.4 65535 65535\r\n") << "auto" << none
        << 0 << "family=UNSPEC" << QStringList();

    // Found by the fuzzer: a 0x20 sub-TLV inside the SSL TLV made the
    // breakdown recurse forever (tst_breakdown checks the rows).
    QTest::newRow("ssl sub-tlv of type ssl")
        << hex("0d0a0d0a000d0a515549540a2111001c7f0000017f000001303901bb20000d01000000002000"
               "050100000000")
        << "auto" << none << 0 << "ssl.client=1" << QStringList{"ssl_verify_without_cert"};

    // --- every error code ---
    QTest::newRow("truncated fixed part") << example.left(10) << "auto"
                                          << "truncated" << 10 << "" << QStringList();
    QTest::newRow("truncated body") << example.left(60) << "auto"
                                    << "truncated" << 60 << "length=100" << QStringList();
    QTest::newRow("empty input") << QByteArray() << "auto"
                                 << "truncated" << 0 << "" << QStringList();
    QByteArray badSig = example;
    badSig[5] = 0x0E;
    QTest::newRow("bad signature") << badSig << "auto"
                                   << "bad_signature" << 5 << "" << QStringList();
    QTest::newRow("not a header") << QByteArray("GET / HTTP/1.1\r\n") << "auto"
                                  << "bad_signature" << 0 << "" << QStringList();
    QTest::newRow("bad version") << v2("31", "11", inet, {}) << "auto"
                                 << "bad_version" << 12 << "" << QStringList();
    QTest::newRow("bad command") << v2("22", "11", inet, {}) << "auto"
                                 << "bad_command" << 12 << "" << QStringList();
    QTest::newRow("bad family") << v2("21", "41", inet, {}) << "auto"
                                << "bad_family" << 13 << "" << QStringList();
    QTest::newRow("bad transport") << v2("21", "13", inet, {}) << "auto"
                                   << "bad_family" << 13 << "" << QStringList();
    QTest::newRow("address overrun") << v2("21", "11", hex("0a000001"), {}) << "auto"
                                     << "address_overrun" << 14 << "" << QStringList();
    QTest::newRow("tlv value overrun") << v2("21", "11", inet, hex("01 0009 6832")) << "auto"
                                       << "tlv_overrun" << 29 << "" << QStringList();
    QTest::newRow("ssl sub-tlv overrun")
        << v2("21", "11", inet, tlv(0x20, hex("01 00000000 22 0005 6162"))) << "auto"
        << "tlv_overrun" << 37 << "" << QStringList{"ssl_verify_without_cert"};
    QTest::newRow("bad crc length") << v2("21", "11", inet, tlv(0x03, hex("000000"))) << "auto"
                                    << "bad_crc_length" << 29 << "" << QStringList();
    QByteArray badCrc = example;
    badCrc[34] = static_cast<char>(badCrc[34] ^ 0x01);
    QTest::newRow("crc mismatch")
        << badCrc << "auto"
        << "crc_mismatch" << 31
        << "crc32c=invalid;crc32c_received=0764b56a;crc32c_computed=0764b56b;"
           "vpc_id=vpc-bp179qeke0wzo1mr8bxhl"
        << QStringList();
    // HAProxy checks every CRC32C TLV, each with the values before it and
    // its own zeroed: a second one that does not hold that sum is refused,
    // however right the first is (and holding it, passes).
    const QByteArray twoCrcs = hex("0d0a0d0a000d0a515549540a2111001a0a0000010a0000029c400050");
    QTest::newRow("second crc32c tlv wrong")
        << twoCrcs + hex("03000444d84472 03000400000000") << "auto"
        << "crc_mismatch" << 38 << "crc32c=invalid" << QStringList{"duplicate_tlv"};
    // The second holds the sum with both zeroed; the first, with the
    // second's value in place.
    QTest::newRow("second crc32c tlv right")
        << twoCrcs + hex("030004b1d31d91 03000444d84472") << "auto" << none << 0 << "crc32c=valid"
        << QStringList{"duplicate_tlv"};
    QTest::newRow("bad ssl length") << v2("21", "11", inet, tlv(0x20, hex("01 0000"))) << "auto"
                                    << "bad_ssl_length" << 29 << "" << QStringList();
    QTest::newRow("v1 too long") << QByteArray("PROXY TCP4 " + QByteArray(120, '1')) << "auto"
                                 << "v1_too_long" << 106 << "" << QStringList();
    QTest::newRow("v1 lone LF") << QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n") << "auto"
                                << "v1_bad_line_end" << 30 << "" << QStringList();
    QTest::newRow("v1 lone CR") << QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rX") << "auto"
                                << "v1_bad_line_end" << 30 << "" << QStringList();
    QTest::newRow("v1 bad protocol") << QByteArray("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n") << "auto"
                                     << "v1_bad_protocol" << 6 << "" << QStringList();
    QTest::newRow("v1 v6 address under TCP4")
        << QByteArray("PROXY TCP4 ::1 5.6.7.8 1 2\r\n") << "auto"
        << "v1_bad_address" << 11 << "" << QStringList();
    QTest::newRow("v1 port leading zero")
        << QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n") << "auto"
        << "v1_bad_port" << 27 << "" << QStringList();
    QTest::newRow("v1 port too big")
        << QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 65536\r\n") << "auto"
        << "v1_bad_port" << 29 << "" << QStringList();
    QTest::newRow("v1 double space") << QByteArray("PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n") << "auto"
                                     << "v1_bad_address" << 11 << "" << QStringList();
    // inet_pton stops at a NUL: the text after it must not ride along.
    QTest::newRow("v1 address with a NUL inside")
        << QByteArray("PROXY TCP4 1.2.3.4\0evil 5.6.7.8 1 2\r\n", 37) << "auto"
        << "v1_bad_address" << 18 << "" << QStringList();
    QTest::newRow("v1 extra field") << QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n") << "auto"
                                    << "v1_bad_syntax" << 30 << "" << QStringList();
    QTest::newRow("v1 missing port") << QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n") << "auto"
                                     << "v1_bad_syntax" << 28 << "" << QStringList();

    // --- every warning ---
    QTest::newRow("unique id 129 bytes")
        << v2("21", "11", inet, tlv(0x05, QByteArray(129, 'u'))) << "auto" << none << 0 << ""
        << QStringList{"longer_than_nginx_limit", "unique_id_too_long"};
    QTest::newRow("authority 256 bytes")
        << v2("21", "11", inet, tlv(0x02, QByteArray(256, 'a'))) << "auto" << none << 0 << ""
        << QStringList{"authority_too_long", "longer_than_nginx_limit"};
    QTest::newRow("108-byte header")
        << v2("21", "11", inet, tlv(0x04, QByteArray(77, '\0'))) << "auto" << none << 0
        << "length=108" << QStringList{"longer_than_nginx_limit"};
    QTest::newRow("107-byte header is fine")
        << v2("21", "11", inet, tlv(0x04, QByteArray(76, '\0'))) << "auto" << none << 0
        << "length=107" << QStringList();
    QTest::newRow("ssl verify 0 without certificate")
        << v2("21", "11", inet, tlv(0x20, hex("01 00000000"))) << "auto" << none << 0
        << "ssl.certificate_verified=false" << QStringList{"ssl_verify_without_cert"};
    // A TLV twice: the first one is what nginx and HAProxy act on, so the
    // first one is shown (a policy on the last would be fooled).
    QTest::newRow("duplicate tlv")
        << v2("21", "11", inet, tlv(0x01, "h2") + tlv(0x01, "http/1.1")) << "auto" << none << 0
        << "alpn=h2" << QStringList{"duplicate_tlv"};
    QTest::newRow("duplicate alibaba subtype")
        << v2("21", "11", inet,
              tlv(0xE1, hex("01") + QByteArray("vpc-a")) +
                  tlv(0xE1, hex("01") + QByteArray("vpc-b")))
        << "auto" << none << 0 << "vpc_id=vpc-a" << QStringList{"duplicate_tlv"};
    QTest::newRow("duplicate aws endpoint")
        << v2("21", "11", inet,
              tlv(0xEA, hex("01") + QByteArray("vpce-first")) +
                  tlv(0xEA, hex("01") + QByteArray("vpce-second")))
        << "auto" << none << 0 << "vpce_id=vpce-first" << QStringList{"duplicate_tlv"};
    QTest::newRow("noop not zero") << v2("21", "11", inet, tlv(0x04, hex("0000ff"))) << "auto"
                                   << none << 0 << "" << QStringList{"noop_not_zero"};
    QTest::newRow("trailing bytes") << v2("21", "11", inet, tlv(0x01, "h2") + hex("0000")) << "auto"
                                    << none << 0 << "" << QStringList{"trailing_bytes"};
    QTest::newRow("second header")
        << example + example << "auto" << none << 0 << "length=100" << QStringList{"second_header"};
    QTest::newRow("v1 then v2 header") << QByteArray("PROXY UNKNOWN\r\n") + example << "auto"
                                       << none << 0 << "" << QStringList{"second_header"};
    QTest::newRow("vendor mismatch") << example << "aws" << none << 0 << "vpc_id=<absent>"
                                     << QStringList{"vendor_mismatch", "vendor_mismatch"};
    QTest::newRow("vendor tlv malformed")
        << v2("21", "11", inet, hex("ee 0003 01 c145")) << "azure" << none << 0
        << "azure_link_id=<absent>" << QStringList{"vendor_tlv_malformed"};
    QTest::newRow("unknown vendor subtype")
        << v2("21", "11", inet, tlv(0xE1, hex("09") + QByteArray("x"))) << "auto" << none << 0 << ""
        << QStringList{"unknown_vendor_subtype"};
    QTest::newRow("aws health check layout")
        << awsHealthCheck() << "auto" << none << 0
        << "command=LOCAL;family=INET;crc32c=valid;aws_health_check_layout=true;src=<absent>;"
           "vpce_id=vpce-08d2bf15fac5001c9"
        << QStringList{"aws_health_check_layout"};
    QTest::newRow("local with addresses")
        << v2("20", "11", inet, {}) << "auto" << none << 0 << "src=10.0.0.1:1000"
        << QStringList{"local_with_addresses"};
    QTest::newRow("aws health check, CRC + NOOP only")
        << awsHealthCheckNoopOnly() << "auto" << none << 0
        << "command=LOCAL;family=INET;length=100;crc32c=valid;aws_health_check_layout=true;"
           "src=<absent>;dst=<absent>;vpce_id=<absent>"
        << QStringList{"aws_health_check_layout"};
    QTest::newRow("aws health check, NOOP only, no CRC")
        << awsHealthCheckNoopOnly(false) << "auto" << none << 0
        << "length=100;crc32c=absent;aws_health_check_layout=true;src=<absent>"
        << QStringList{"aws_health_check_layout"};
    QByteArray damaged = awsHealthCheckNoopOnly();
    damaged[21] = static_cast<char>(damaged.at(21) ^ 0x01);
    QTest::newRow("aws health check, CRC damaged")
        << damaged << "auto"
        << "crc_mismatch" << 19 << "aws_health_check_layout=true;src=<absent>"
        << QStringList{"aws_health_check_layout"};
}

void TestDecoder::v1WithoutCrlfNamesTheLimit()
{
    // The message said "no CRLF within 0 bytes": it printed an argument the
    // decoder does not fill.
    const QByteArray line = "PROXY TCP4 " + QByteArray(120, '1');
    const DecodeResult r = decode(span(line));
    QCOMPARE(r.error.code, ErrorCode::V1TooLong);
    QCOMPARE(errorMessage(r.error), QStringLiteral("v1 header has no CRLF within 107 bytes"));
}

void TestDecoder::localLayoutIsDecidedByEvidence_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("reason"); // LocalLayoutReason; Standard = family byte's layout
    QTest::addColumn<int>("tlvCount");

    using R = LocalLayoutReason;
    QTest::newRow("crc + noop, crc only matches there")
        << awsHealthCheckNoopOnly() << int(R::CrcOnlyInAwsLayout) << 2;
    QTest::newRow("noop only, standard needs zero-type tlvs")
        << awsHealthCheckNoopOnly(false) << int(R::NoJunkInAwsLayout) << 1;
    QTest::newRow("crc only, standard overruns")
        << withCrc(v2("20", "11", {}, tlv(0x03, QByteArray(4, '\0'))), 19) << int(R::StandardFailed)
        << 1;
    QTest::newRow("crc + 0xEA + noop (aws privatelink health check)")
        << awsHealthCheck() << int(R::StandardFailed) << 3;
    // Zero addresses and no TLVs: the AWS reading would need four zero-type
    // TLVs, so the standard reading stays.
    QTest::newRow("local inet, zero addresses")
        << v2("20", "11", QByteArray(12, '\0'), {}) << int(R::Standard) << 0;
    QTest::newRow("local inet, real addresses and a crc")
        << withCrc(v2("20", "11", inetAddresses(), tlv(0x03, QByteArray(4, '\0'))), 31)
        << int(R::Standard) << 1;
    QTest::newRow("local inet6, crc in the standard place")
        << withCrc(v2("20", "21", QByteArray(36, '\1'), tlv(0x03, QByteArray(4, '\0'))), 55)
        << int(R::Standard) << 1;
}

void TestDecoder::localLayoutIsDecidedByEvidence()
{
    QFETCH(QByteArray, input);
    QFETCH(int, reason);
    QFETCH(int, tlvCount);

    const DecodeResult r = decode(span(input));
    const auto expected = static_cast<LocalLayoutReason>(reason);
    QCOMPARE(r.header.awsHealthCheckLayout, expected != LocalLayoutReason::Standard);
    QCOMPARE(r.header.addressesDecoded, expected == LocalLayoutReason::Standard);
    int tlvs = 0;
    for (const Tlv t : r.header.tlvs) {
        QVERIFY2(t.type != 0, "a zero-type TLV means padding was read as TLVs");
        ++tlvs;
    }
    QCOMPARE(tlvs, tlvCount);
    QCOMPARE(r.warnings.contains(WarningCode::DuplicateTlv), false);
    if (expected != LocalLayoutReason::Standard) {
        const auto w =
            std::find_if(r.warnings.begin(), r.warnings.end(), [](const Warning &candidate) {
                return candidate.code == WarningCode::AwsHealthCheckLayout;
            });
        QVERIFY(w != r.warnings.end());
        QCOMPARE(static_cast<LocalLayoutReason>(w->arg), expected);
        // The breakdown says which reading was taken and why.
        QVERIFY(warningMessage(*w).contains(localLayoutReasonText(expected)));
    }
}

void TestDecoder::decodes()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, profile);
    QFETCH(QString, error);
    QFETCH(int, errorOffset);
    QFETCH(QString, expect);
    QFETCH(QStringList, warnings);

    const auto vendor = vendorProfileFromName(profile.toStdString());
    QVERIFY(vendor);
    const DecodeResult result = decode(span(input), DecodeOptions{*vendor, true});

    QCOMPARE(QString::fromLatin1(errorCodeName(result.error.code)),
             error.isEmpty() ? QStringLiteral("none") : error);
    if (result.error) {
        QCOMPARE(result.error.offset, static_cast<std::uint32_t>(errorOffset));
        QVERIFY(result.error.offset <= static_cast<std::uint32_t>(input.size()));
        QVERIFY(!errorMessage(result.error).isEmpty());
    }
    const QJsonObject header = pl::exporting::headerJson(result);
    for (const QString &pair : expect.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString key = pair.left(eq);
        if (key == QLatin1String("tlvs")) // raw TLVs must all be listed
            continue;
        QCOMPARE(jsonValue(header, key), pair.mid(eq + 1));
    }
    QStringList got;
    for (const Warning &w : result.warnings) {
        got << QString::fromLatin1(warningCodeName(w.code));
        QVERIFY(!warningMessage(w).isEmpty());
        QVERIFY(w.offset <= static_cast<std::uint32_t>(input.size()));
    }
    got.sort();
    warnings.sort();
    QCOMPARE(got, warnings);
}

void TestDecoder::tlvOffsetsPointIntoTheInput()
{
    const QByteArray example = alibabaExample();
    const DecodeResult r = decode(span(example));
    QVERIFY(r.ok());
    QList<int> offsets, types;
    for (const Tlv t : r.header.tlvs) {
        offsets << static_cast<int>(t.offset);
        types << t.type;
        // The value refers to the input: no copy was made.
        QVERIFY(t.value.data() >= span(example).data() &&
                t.value.data() + t.value.size() <= span(example).data() + example.size());
    }
    QCOMPARE(offsets, (QList<int>{28, 35, 62, 91}));
    QCOMPARE(types, (QList<int>{0x03, 0xE1, 0xE1, 0x04}));
    QCOMPARE(r.header.crcOffset, 31u);
}

void TestDecoder::incompleteInputAsksForMore_data()
{
    QTest::addColumn<QByteArray>("input");
    const QByteArray example = alibabaExample();
    for (int n : {1, 5, 12, 15, 16, 50, 99})
        QTest::addRow("v2 first %d bytes", n) << example.left(n);
    const QByteArray v1("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n");
    for (int n : {1, 3, 6, 20, static_cast<int>(v1.size()) - 1})
        QTest::addRow("v1 first %d bytes", n) << v1.left(n);
}

void TestDecoder::incompleteInputAsksForMore()
{
    // A stream reader (capture reassembly, listener) waits on needsMoreData().
    QFETCH(QByteArray, input);
    const DecodeResult r = decode(span(input));
    QVERIFY2(r.needsMoreData(), errorCodeName(r.error.code));
}

void TestDecoder::crcCanBeSkipped()
{
    QByteArray bad = alibabaExample();
    bad[34] = 0;
    QCOMPARE(decode(span(bad)).error.code, ErrorCode::CrcMismatch);
    QVERIFY(decode(span(bad), DecodeOptions{VendorProfile::Auto, false}).ok());
}

QTEST_GUILESS_MAIN(TestDecoder)
#include "tst_decoder.moc"
