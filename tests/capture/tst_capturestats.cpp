// The totals a capture shows (CaptureStats): counted from the reader's
// facts, the same as a fresh decode of every header.

#include "capture/captureengine.h"
#include "capture/capturestats.h"
#include "capturereading.h"
#include "proxy/headertext.h"

#include <QDir>
#include <QTest>

using namespace pl::capture;
using pl::test::fixture;
using pl::test::readAll;

class TestCaptureStats : public QObject
{
    Q_OBJECT

private slots:
    void statsTotals();
    void statsFactsMatchFreshDecode();
    void unsupportedVersionIsNeitherV1NorV2();
};

void TestCaptureStats::statsTotals()
{
    CaptureStats stats;
    for (const char *name :
         {"ethernet_v2_alibaba.pcap", "raw_ipv4_options_badcrc.pcap", "missing_header.pcap",
          "vlan_v1.pcap", "udp_dgram.pcap", "loop_azure_gcp_local.pcap", "sll_ipv6_aws.pcap"})
        for (const Connection &c : readAll(fixture(name)).connections)
            stats.add(c);
    QCOMPARE(stats.connections, 13u);
    QCOMPARE(stats.udp, 3u);
    QCOMPARE(stats.withHeader, 10u);
    QCOMPARE(stats.withoutHeader, 3u);
    QCOMPARE(stats.v1, 2u);
    QCOMPARE(stats.v2, 8u);
    QCOMPARE(stats.local, 1u);
    QCOMPARE(stats.crcValid, 7u);
    QCOMPARE(stats.crcInvalid, 1u);
    QCOMPARE(stats.invalidHeaders, 1u);
    QCOMPARE(stats.errors().value(QStringLiteral("crc_mismatch")), 1u);
    QCOMPARE(stats.vpcIds().value(QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl")), 1u);
    QCOMPARE(stats.vpcIds().value(QStringLiteral("vpc-udp")), 1u);
    QCOMPARE(stats.endpointIds().value(QStringLiteral("vpce-08d2bf15fac5001c9")), 1u);
    QCOMPARE(stats.findings().value(QStringLiteral("header_missing")), 2u);
    const QString text = stats.toText();
    QVERIFY(text.contains(QLatin1String("vpc-bp179qeke0wzo1mr8bxhl")));
}

void TestCaptureStats::statsFactsMatchFreshDecode()
{
    // Totals use the facts the reader kept; a fresh decode of each header
    // (what happens for another vendor profile) must give the same totals.
    CaptureStats kept;
    CaptureStats fresh;
    CaptureStats alibaba(pl::proxy::VendorProfile::Alibaba);
    const QDir dir(QStringLiteral(PL_CAPTURE_FIXTURES));
    for (const QString &name : dir.entryList({QStringLiteral("*.pcap*")}, QDir::Files)) {
        for (Connection c : readAll(dir.filePath(name)).connections) {
            kept.add(c);
            alibaba.add(c);
            c.facts = {};
            fresh.add(c);
        }
    }
    QVERIFY(kept.withHeader > 10);
    QCOMPARE(kept.toText(), fresh.toText());
    QCOMPARE(alibaba.vpcIds(), kept.vpcIds());
    QVERIFY(!kept.vpcIds().isEmpty());
    QVERIFY(!kept.azureLinkIds().isEmpty());
}

void TestCaptureStats::unsupportedVersionIsNeitherV1NorV2()
{
    // A v2 signature with version nibble 3: a header, invalid (bad_version),
    // counted as neither v1 nor v2 and with no CRC32C state, as the
    // Captures table's row shows it (v3).
    Connection c;
    c.headerPresent = true;
    c.headerBytes = QByteArray::fromHex("0d0a0d0a000d0a515549540a"
                                        "3111000c0a00000e0a00000fe6c20050");
    CaptureStats stats;
    stats.add(c);
    QCOMPARE(stats.withHeader, 1u);
    QCOMPARE(stats.invalidHeaders, 1u);
    QCOMPARE(stats.errors().value(QStringLiteral("bad_version")), 1u);
    QCOMPARE(stats.v1 + stats.v2, 0u);
    QCOMPARE(stats.crcValid + stats.crcInvalid + stats.crcAbsent, 0u);

    c.headerBytes[12] = 0x11; // a binary nibble of 1 is no v1 (text) header
    stats.add(c);
    QCOMPARE(stats.v1 + stats.v2, 0u);

    c.headerBytes[12] = 0x21; // the same header as v2: counted
    stats.add(c);
    QCOMPARE(stats.v2, 1u);
    QCOMPARE(stats.crcAbsent, 1u);
}

QTEST_GUILESS_MAIN(TestCaptureStats)
#include "tst_capturestats.moc"
