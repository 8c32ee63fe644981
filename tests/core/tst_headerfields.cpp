// Header fields as users type them, read once in core for the CLI and the
// Client view: numbers, TLV syntax, defaults, and a typed error naming the
// field; and the standard fault matrix both offer.

#include "proxy/bytearrayspan.h"
#include "proxy/faultmatrix.h"
#include "proxy/headerbuilder.h"
#include "proxy/headerfields.h"
#include "proxy/tlvtypes.h"

#include <QTest>

using namespace pl::proxy;
using Kind = HeaderFields::TlvKind;

namespace {

HeaderFields ipv4()
{
    HeaderFields f;
    f.source = QStringLiteral("10.0.0.14:59074");
    f.destination = QStringLiteral("10.0.0.15:80");
    return f;
}

} // namespace

Q_DECLARE_METATYPE(pl::proxy::HeaderFields)
Q_DECLARE_METATYPE(pl::proxy::HeaderField)
Q_DECLARE_METATYPE(pl::proxy::HeaderFields::TlvKind)

class TestHeaderFields : public QObject
{
    Q_OBJECT

private slots:
    void refusals_data();
    void refusals();
    void numbersReadAlike_data();
    void numbersReadAlike();
    void defaults();
    void tlvsKeepTheirOrder();
    void faultMatrixCoversTheFaults();
};

void TestHeaderFields::refusals_data()
{
    QTest::addColumn<HeaderFields>("fields");
    QTest::addColumn<HeaderField>("field");
    QTest::addColumn<Kind>("tlv");
    QTest::addColumn<QString>("value");

    HeaderFields f = ipv4();
    f.command = QStringLiteral("relay");
    QTest::newRow("command") << f << HeaderField::Command << Kind::Raw << QStringLiteral("relay");
    f = ipv4();
    f.source = QStringLiteral("10.0.0.300:1");
    QTest::newRow("source") << f << HeaderField::Source << Kind::Raw
                            << QStringLiteral("10.0.0.300:1");
    f = ipv4();
    f.destination = QStringLiteral("no-port");
    QTest::newRow("destination") << f << HeaderField::Destination << Kind::Raw
                                 << QStringLiteral("no-port");
    f = ipv4();
    f.destination.clear();
    QTest::newRow("one address") << f << HeaderField::Addresses << Kind::Raw
                                 << QStringLiteral("10.0.0.14:59074");
    f = HeaderFields();
    f.family = QStringLiteral("inet");
    QTest::newRow("family without addresses")
        << f << HeaderField::Addresses << Kind::Raw << QString();
    f = ipv4();
    f.family = QStringLiteral("ipx");
    QTest::newRow("family") << f << HeaderField::Family << Kind::Raw << QStringLiteral("ipx");
    f = ipv4();
    f.tlvs = {{Kind::AzureLinkId, QStringLiteral("4294967296")}};
    QTest::newRow("Azure LinkID over 32 bits")
        << f << HeaderField::Tlv << Kind::AzureLinkId << QStringLiteral("4294967296");
    f = ipv4();
    f.tlvs = {{Kind::GcpPscId, QStringLiteral("-1")}};
    QTest::newRow("GCP PSC ID negative")
        << f << HeaderField::Tlv << Kind::GcpPscId << QStringLiteral("-1");
    f = ipv4();
    f.tlvs = {{Kind::Raw, QStringLiteral("0x100=01")}};
    QTest::newRow("raw TLV type over 255")
        << f << HeaderField::Tlv << Kind::Raw << QStringLiteral("0x100=01");
    f = ipv4();
    f.tlvs = {{Kind::Raw, QStringLiteral("0xF0=zz")}};
    QTest::newRow("raw TLV not hex")
        << f << HeaderField::Tlv << Kind::Raw << QStringLiteral("0xF0=zz");
    f = ipv4();
    f.tlvs = {{Kind::Ssl, QString()}};
    f.sslClient = QStringLiteral("256");
    QTest::newRow("SSL client flags")
        << f << HeaderField::SslClient << Kind::Raw << QStringLiteral("256");
    f = ipv4();
    f.crc = QStringLiteral("maybe");
    QTest::newRow("CRC mode") << f << HeaderField::Crc << Kind::Raw << QStringLiteral("maybe");
    f = ipv4();
    f.padTo = QStringLiteral("70000");
    QTest::newRow("padding") << f << HeaderField::PadTo << Kind::Raw << QStringLiteral("70000");
    f = ipv4();
    f.fault = QStringLiteral("bad-crc");
    QTest::newRow("fault") << f << HeaderField::Fault << Kind::Raw << QStringLiteral("bad-crc");
    f = ipv4();
    f.v1 = true;
    f.tlvs = {{Kind::Alpn, QStringLiteral("h2")}};
    QTest::newRow("v1 with a TLV")
        << f << HeaderField::Version << Kind::Raw << QStringLiteral("v1");
    f = HeaderFields();
    f.v1 = true;
    f.source = QStringLiteral("/run/a.sock");
    f.destination = QStringLiteral("/run/b.sock");
    QTest::newRow("v1 UNIX") << f << HeaderField::Version << Kind::Raw << QStringLiteral("v1");
    // Never a silent 0.0.0.0, empty path or wrapped length in the bytes.
    f = ipv4();
    f.destination = QStringLiteral("[::2]:2");
    QTest::newRow("IPv4 source, IPv6 destination")
        << f << HeaderField::Addresses << Kind::Raw << QStringLiteral("[::2]:2");
    f = ipv4();
    f.family = QStringLiteral("inet6");
    QTest::newRow("family inet6, IPv4 addresses")
        << f << HeaderField::Addresses << Kind::Raw << f.source;
    f = ipv4();
    f.family = QStringLiteral("unix");
    QTest::newRow("family unix, IPv4 addresses")
        << f << HeaderField::Addresses << Kind::Raw << f.source;
    f = ipv4();
    f.v1 = true;
    f.dgram = true;
    QTest::newRow("v1 DGRAM") << f << HeaderField::Version << Kind::Raw << QStringLiteral("v1");
    f = ipv4();
    f.tlvs = {{Kind::UniqueId, QString(70000, QLatin1Char('u'))}};
    QTest::newRow("a TLV over 65,535 bytes")
        << f << HeaderField::Tlv << Kind::UniqueId << QString(64, QLatin1Char('u'));
    f = ipv4();
    const QString half = QStringLiteral("0xF0=") + QString(80000, QLatin1Char('a'));
    f.tlvs = {{Kind::Raw, half}, {Kind::Raw, half}};
    QTest::newRow("TLVs past 65,551 bytes together")
        << f << HeaderField::Tlv << Kind::Raw << QString();
    f = ipv4();
    f.crc = QStringLiteral("none");
    f.padTo = QStringLiteral("30"); // the header is 28 bytes: no room for a NOOP
    QTest::newRow("padding by 1-2 bytes")
        << f << HeaderField::PadTo << Kind::Raw << QStringLiteral("30");
    f = ipv4();
    f.crc = QStringLiteral("none");
    f.padTo = QStringLiteral("20"); // shorter than the header
    QTest::newRow("padding below the size")
        << f << HeaderField::PadTo << Kind::Raw << QStringLiteral("20");
}

void TestHeaderFields::refusals()
{
    QFETCH(HeaderFields, fields);
    QFETCH(HeaderField, field);
    QFETCH(Kind, tlv);
    QFETCH(QString, value);
    const HeaderSpecOrError built = buildHeaderSpec(fields);
    const auto *e = std::get_if<HeaderFieldError>(&built);
    QVERIFY(e);
    QCOMPARE(e->field, field);
    if (field == HeaderField::Tlv)
        QCOMPARE(e->tlv, tlv);
    QCOMPARE(e->value, value);
    QVERIFY(!e->message.isEmpty());
}

void TestHeaderFields::numbersReadAlike_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("value");
    QTest::newRow("decimal") << QStringLiteral("1234") << true << quint64(1234);
    QTest::newRow("hex") << QStringLiteral("0x4D2") << true << quint64(1234);
    QTest::newRow("hex upper prefix") << QStringLiteral("0X10") << true << quint64(16);
    QTest::newRow("spaces") << QStringLiteral(" 7 ") << true << quint64(7);
    QTest::newRow("leading zero is decimal, not octal")
        << QStringLiteral("010") << true << quint64(10);
    QTest::newRow("max") << QStringLiteral("4294967295") << true << quint64(0xFFFFFFFFu);
    QTest::newRow("over max") << QStringLiteral("4294967296") << false << quint64(0);
    QTest::newRow("negative") << QStringLiteral("-1") << false << quint64(0);
    QTest::newRow("text") << QStringLiteral("twelve") << false << quint64(0);
}

void TestHeaderFields::numbersReadAlike()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(quint64, value);
    const auto parsed = parseUnsignedField(text, 0xFFFFFFFFu);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(*parsed, value);
}

void TestHeaderFields::defaults()
{
    // A LOCAL header without addresses is UNSPEC; a PROXY one needs them
    // unless the family says unspec.
    HeaderFields local;
    local.command = QStringLiteral("local");
    auto built = buildHeaderSpec(local);
    QVERIFY(std::holds_alternative<HeaderSpec>(built));
    QCOMPARE(std::get<HeaderSpec>(built).family, Family::Unspec);
    QCOMPARE(std::get<HeaderSpec>(built).crc, CrcMode::Auto);
    QVERIFY(std::holds_alternative<HeaderFieldError>(buildHeaderSpec(HeaderFields())));
    HeaderFields unspec;
    unspec.family = QStringLiteral("unspec");
    QCOMPARE(std::get<HeaderSpec>(buildHeaderSpec(unspec)).family, Family::Unspec);

    HeaderFields v6;
    v6.source = QStringLiteral("[2001:db8::1]:443");
    v6.destination = QStringLiteral("[2001:db8::2]:8443");
    v6.dgram = true;
    built = buildHeaderSpec(v6);
    QCOMPARE(std::get<HeaderSpec>(built).family, Family::Inet6);
    QCOMPARE(std::get<HeaderSpec>(built).transport, Transport::Dgram);

    HeaderFields v1 = ipv4();
    v1.v1 = true;
    v1.crc = QStringLiteral("auto"); // the form's default: nothing to refuse
    built = buildHeaderSpec(v1);
    QCOMPARE(std::get<HeaderSpec>(built).crc, CrcMode::None);
}

void TestHeaderFields::tlvsKeepTheirOrder()
{
    HeaderFields f = ipv4();
    f.tlvs = {{Kind::AlibabaVpcId, QStringLiteral("vpc-1")},
              {Kind::Ssl, QString()},
              {Kind::Raw, QStringLiteral("0xF0=0102")},
              {Kind::AzureLinkId, QStringLiteral("0x10")}};
    f.sslCn = QStringLiteral("client.example");
    const auto built = buildHeaderSpec(f);
    const HeaderSpec &spec = std::get<HeaderSpec>(built);
    QCOMPARE(spec.tlvs.size(), 4);
    QCOMPARE(spec.tlvs[0].type, std::uint8_t(tlv::Alibaba));
    QCOMPARE(spec.tlvs[1].type, std::uint8_t(tlv::Ssl));
    QCOMPARE(spec.tlvs[2].type, std::uint8_t(0xF0));
    QCOMPARE(spec.tlvs[2].value, QByteArray("\x01\x02"));
    QCOMPARE(spec.tlvs[3].value, azureLinkIdTlv(16).value);
}

void TestHeaderFields::faultMatrixCoversTheFaults()
{
    HeaderFields f = ipv4();
    f.tlvs = {{Kind::AlibabaVpcId, QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl")}};
    const HeaderSpec base = std::get<HeaderSpec>(buildHeaderSpec(f));
    const QList<FaultVariant> matrix = faultMatrix(base);
    QStringList keys;
    for (const FaultVariant &v : matrix)
        keys << QLatin1String(v.key);
    QCOMPARE(keys, QStringList({"as-given", "crc-absent", "crc-wrong", "v1", "bad-signature",
                                "bad-length", "truncate", "bad-family", "bad-command"}));
    // What a backend receives: only the first, second and fourth decode.
    for (const FaultVariant &v : matrix) {
        const QByteArray bytes = encodeHeader(v.header);
        const DecodeResult r = decode(byteSpan(bytes));
        const bool shouldDecode = keys.indexOf(QLatin1String(v.key)) == 0 ||
                                  QLatin1String(v.key) == QLatin1String("crc-absent") ||
                                  QLatin1String(v.key) == QLatin1String("v1");
        QVERIFY2(r.ok() == shouldDecode, v.key);
    }
    // A UNIX header's v1 variation is UNKNOWN: v1 has no UNIX addresses.
    HeaderFields unix;
    unix.source = QStringLiteral("/run/a.sock");
    unix.destination = QStringLiteral("/run/b.sock");
    const QList<FaultVariant> unixMatrix = faultMatrix(std::get<HeaderSpec>(buildHeaderSpec(unix)));
    QCOMPARE(unixMatrix[3].header.family, Family::Unspec);
}

QTEST_GUILESS_MAIN(TestHeaderFields)
#include "tst_headerfields.moc"
