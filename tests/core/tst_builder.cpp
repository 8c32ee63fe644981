// The builder: vendor presets, faults, and a round-trip property over
// thousands of random specs; random mutations never crash the decoder.

#include "proxy/breakdown.h"
#include "proxy/header.h"
#include "proxy/headerbuilder.h"
#include "proxy/tlvtypes.h"
#include "testbytes.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pl::proxy;
using namespace pl::test;

namespace {

QByteArray randomBytes(QRandomGenerator &rng, int n, bool printable)
{
    QByteArray out(n, '\0');
    for (auto &c : out)
        c = static_cast<char>(printable ? rng.bounded(0x21, 0x7F) : rng.bounded(256));
    return out;
}

QHostAddress randomAddress(QRandomGenerator &rng, Family family)
{
    if (family == Family::Inet6) {
        Q_IPV6ADDR a;
        for (auto &b : a.c)
            b = static_cast<quint8>(rng.bounded(256));
        a.c[0] = 0x20; // keep clear of v4-mapped forms QHostAddress rewrites
        return QHostAddress(a);
    }
    return QHostAddress(rng.generate());
}

HeaderSpec randomSpec(QRandomGenerator &rng)
{
    HeaderSpec s;
    s.version = rng.bounded(5) == 0 ? Version::V1 : Version::V2;
    s.command = rng.bounded(4) == 0 ? Command::Local : Command::Proxy;
    if (s.version == Version::V1) {
        s.family = rng.bounded(2) ? Family::Inet : Family::Inet6;
        if (s.command == Command::Local)
            s.family = Family::Unspec;
        s.transport = Transport::Stream;
    } else {
        s.family = static_cast<Family>(rng.bounded(4));
        s.transport = s.family == Family::Unspec ? Transport::Unspec
                                                 : static_cast<Transport>(rng.bounded(1, 3));
    }
    s.sourceAddress = randomAddress(rng, s.family);
    s.destinationAddress = randomAddress(rng, s.family);
    s.sourcePort = static_cast<quint16>(rng.bounded(65536));
    s.destinationPort = static_cast<quint16>(rng.bounded(65536));
    s.sourcePath = "/tmp/" + randomBytes(rng, rng.bounded(1, 40), true);
    s.destinationPath = "/run/" + randomBytes(rng, rng.bounded(1, 40), true);
    if (s.version == Version::V1)
        return s;
    const int tlvCount = rng.bounded(7);
    for (int i = 0; i < tlvCount; ++i) {
        switch (rng.bounded(11)) {
        case 0:
            s.tlvs.append({tlv::Alpn, randomBytes(rng, rng.bounded(1, 12), true)});
            break;
        case 1:
            s.tlvs.append({tlv::Authority, randomBytes(rng, rng.bounded(1, 255), true)});
            break;
        case 2:
            s.tlvs.append({tlv::UniqueId, randomBytes(rng, rng.bounded(0, 128), false)});
            break;
        case 3:
            s.tlvs.append({tlv::Netns, randomBytes(rng, rng.bounded(1, 16), true)});
            break;
        case 4:
            s.tlvs.append(alibabaVpcIdTlv("vpc-" + randomBytes(rng, 21, true)));
            break;
        case 5:
            s.tlvs.append(alibabaEndpointIdTlv("ep-" + randomBytes(rng, 20, true)));
            break;
        case 6:
            s.tlvs.append(awsVpceIdTlv("vpce-" + randomBytes(rng, 17, true)));
            break;
        case 7:
            s.tlvs.append(azureLinkIdTlv(rng.generate()));
            break;
        case 8:
            s.tlvs.append(gcpPscIdTlv(rng.generate64()));
            break;
        case 9:
            s.tlvs.append(sslTlv(static_cast<std::uint8_t>(rng.bounded(8)), rng.generate(),
                                 {{tlv::SslVersion, "TLSv1.3"},
                                  {tlv::SslCn, randomBytes(rng, rng.bounded(1, 30), true)}}));
            break;
        default:
            s.tlvs.append({static_cast<std::uint8_t>(rng.bounded(0xF0, 0x100)),
                           randomBytes(rng, rng.bounded(0, 40), false)});
            break;
        }
    }
    s.crc = rng.bounded(2) ? CrcMode::Auto : CrcMode::None;
    s.crcFirst = rng.bounded(2);
    if (rng.bounded(4) == 0)
        s.padTo = static_cast<std::uint32_t>(rng.bounded(16, 600));
    return s;
}

QByteArray bytesOf(ByteSpan s)
{
    return {reinterpret_cast<const char *>(s.data()), static_cast<qsizetype>(s.size())};
}

// The IP as the decoder stores it, for comparison with the spec.
QHostAddress decodedIp(const Endpoint &e, Family family)
{
    if (family == Family::Inet)
        return QHostAddress((quint32{e.ip[0]} << 24) | (quint32{e.ip[1]} << 16) |
                            (quint32{e.ip[2]} << 8) | quint32{e.ip[3]});
    return QHostAddress(e.ip.data());
}

} // namespace

class TestBuilder : public QObject
{
    Q_OBJECT

private slots:
    void reproducesTheDocumentedExample();
    void reproducesTheAwsVector();
    void faults_data();
    void faults();
    void roundTripProperty();
    void mutationsNeverCrash();
};

void TestBuilder::reproducesTheDocumentedExample()
{
    HeaderSpec s;
    s.sourceAddress = QHostAddress(QStringLiteral("10.0.0.14"));
    s.destinationAddress = QHostAddress(QStringLiteral("10.0.0.15"));
    s.sourcePort = 59074;
    s.destinationPort = 80;
    s.crc = CrcMode::Auto;
    s.tlvs = {alibabaEndpointIdTlv("ep-bp1i288487e586152d4b"),
              alibabaVpcIdTlv("vpc-bp179qeke0wzo1mr8bxhl"), TlvSpec{tlv::Noop, QByteArray(6, 0)}};
    QCOMPARE(encodeHeader(s).toHex(), alibabaExample().toHex());
}

void TestBuilder::reproducesTheAwsVector()
{
    HeaderSpec s;
    s.sourceAddress = QHostAddress(QStringLiteral("172.31.7.113"));
    s.destinationAddress = QHostAddress(QStringLiteral("172.31.10.31"));
    s.sourcePort = 51442;
    s.destinationPort = 80;
    s.crc = CrcMode::Auto;
    s.padTo = 100;
    s.tlvs = {awsVpceIdTlv("vpce-08d2bf15fac5001c9")};
    const QByteArray bytes = encodeHeader(s);
    QCOMPARE(bytes.size(), 100);
    QCOMPARE(bytes.mid(31, 4).toHex(), QByteArray("e8d6892d"));
}

void TestBuilder::faults_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("crc");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("offset");
    const auto f = [](Fault x) {
        return static_cast<int>(x);
    };
    const int autoCrc = static_cast<int>(CrcMode::Auto);
    QTest::newRow("v2 bad signature")
        << 2 << f(Fault::BadSignature) << autoCrc << "bad_signature" << 11;
    QTest::newRow("v2 bad length") << 2 << f(Fault::BadLength) << autoCrc << "tlv_overrun" << 36;
    QTest::newRow("v2 truncate") << 2 << f(Fault::Truncate) << autoCrc << "truncated" << 22;
    QTest::newRow("v2 bad family") << 2 << f(Fault::BadFamily) << autoCrc << "bad_family" << 13;
    QTest::newRow("v2 bad command") << 2 << f(Fault::BadCommand) << autoCrc << "bad_command" << 12;
    QTest::newRow("v2 wrong crc") << 2 << f(Fault::None) << static_cast<int>(CrcMode::Wrong)
                                  << "crc_mismatch" << 31;
    const int noCrc = static_cast<int>(CrcMode::None);
    QTest::newRow("v1 bad signature")
        << 1 << f(Fault::BadSignature) << noCrc << "bad_signature" << 4;
    QTest::newRow("v1 bad length") << 1 << f(Fault::BadLength) << noCrc << "v1_too_long" << 106;
    QTest::newRow("v1 truncate") << 1 << f(Fault::Truncate) << noCrc << "truncated" << 23;
    QTest::newRow("v1 bad family") << 1 << f(Fault::BadFamily) << noCrc << "v1_bad_protocol" << 6;
    QTest::newRow("v1 bad command") << 1 << f(Fault::BadCommand) << noCrc << "bad_signature" << 0;
}

void TestBuilder::faults()
{
    QFETCH(int, version);
    QFETCH(int, fault);
    QFETCH(int, crc);
    QFETCH(QString, error);
    QFETCH(int, offset);
    HeaderSpec s;
    s.version = static_cast<Version>(version);
    s.sourceAddress = QHostAddress(QStringLiteral("192.0.2.10"));
    s.destinationAddress = QHostAddress(QStringLiteral("198.51.100.20"));
    s.sourcePort = 40000;
    s.destinationPort = 443;
    s.crc = static_cast<CrcMode>(crc);
    if (s.version == Version::V2)
        s.tlvs = {alibabaVpcIdTlv("vpc-x")};
    s.fault = static_cast<Fault>(fault);
    const QByteArray bytes = encodeHeader(s);
    const DecodeResult r = decode(span(bytes));
    QCOMPARE(QString::fromLatin1(errorCodeName(r.error.code)), error);
    QCOMPARE(static_cast<int>(r.error.offset), offset);
}

void TestBuilder::roundTripProperty()
{
    QRandomGenerator rng(20261125);
    for (int iteration = 0; iteration < 5000; ++iteration) {
        const HeaderSpec s = randomSpec(rng);
        const QByteArray bytes = encodeHeader(s);
        const DecodeResult r = decode(span(bytes));
        const QByteArray context = "iteration " + QByteArray::number(iteration) + ": " +
                                   bytes.toHex() + " " + errorCodeName(r.error.code);
        QVERIFY2(r.ok(), context.constData());
        const ProxyHeader &h = r.header;
        QCOMPARE(h.version, s.version);
        QCOMPARE(h.totalLength, static_cast<std::uint32_t>(bytes.size()));
        QCOMPARE(h.command, s.version == Version::V1 && s.family == Family::Unspec ? Command::Local
                                                                                   : s.command);
        QCOMPARE(h.family, s.family);
        if (s.version == Version::V2)
            QCOMPARE(h.transport, s.transport);
        if (s.family == Family::Inet || s.family == Family::Inet6) {
            QVERIFY2(decodedIp(h.source, s.family).isEqual(s.sourceAddress), context.constData());
            QVERIFY(decodedIp(h.destination, s.family).isEqual(s.destinationAddress));
            QCOMPARE(h.source.port, s.sourcePort);
            QCOMPARE(h.destination.port, s.destinationPort);
        } else if (s.family == Family::Unix) {
            QCOMPARE(bytesOf(h.source.unixPath).left(s.sourcePath.size()), s.sourcePath);
            QCOMPARE(bytesOf(h.destination.unixPath).left(s.destinationPath.size()),
                     s.destinationPath);
        }
        if (s.version == Version::V1)
            continue;
        QList<TlvSpec> expected = s.tlvs;
        if (s.crc == CrcMode::Auto) {
            expected.insert(s.crcFirst ? 0 : expected.size(), TlvSpec{tlv::Crc32c, {}});
            QCOMPARE(h.crcState, CrcState::Valid);
        } else {
            QCOMPARE(h.crcState, CrcState::Absent);
        }
        qsizetype i = 0;
        for (const Tlv t : h.tlvs) {
            if (i == expected.size()) { // the padding the builder added
                QCOMPARE(t.type, tlv::Noop);
                QVERIFY(s.padTo > 0);
                ++i;
                continue;
            }
            QVERIFY2(i < expected.size(), context.constData());
            QCOMPARE(t.type, expected[i].type);
            if (t.type != tlv::Crc32c)
                QCOMPARE(bytesOf(t.value), expected[i].value);
            ++i;
        }
        QVERIFY2(i >= expected.size(), context.constData());
    }
}

void TestBuilder::mutationsNeverCrash()
{
    QRandomGenerator rng(7);
    const VendorProfile profiles[] = {VendorProfile::Auto, VendorProfile::Alibaba,
                                      VendorProfile::Aws, VendorProfile::None};
    for (int iteration = 0; iteration < 3000; ++iteration) {
        QByteArray bytes = encodeHeader(randomSpec(rng));
        switch (rng.bounded(3)) {
        case 0: // flip bytes
            for (int k = rng.bounded(1, 4); k > 0; --k)
                bytes[rng.bounded(bytes.size())] = static_cast<char>(rng.bounded(256));
            break;
        case 1: // cut
            bytes.truncate(rng.bounded(bytes.size()));
            break;
        default: // insert
            bytes.insert(rng.bounded(bytes.size()), static_cast<char>(rng.bounded(256)));
            break;
        }
        const ByteSpan input = span(bytes);
        for (VendorProfile p : profiles) {
            const DecodeResult r = decode(input, DecodeOptions{p, true});
            if (r.ok()) {
                QVERIFY(r.header.totalLength <= input.size());
            } else {
                QVERIFY2(r.error.offset <= input.size(), bytes.toHex().constData());
            }
            for (const BreakdownRow &row : breakdown(r, input))
                QVERIFY2(row.offset + row.length <= input.size(), bytes.toHex().constData());
        }
    }
}

QTEST_GUILESS_MAIN(TestBuilder)
#include "tst_builder.moc"
