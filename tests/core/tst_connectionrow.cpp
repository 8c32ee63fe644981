// The compact connection row: what the Captures table, the CSV export and
// the filter read from a row (PROXY addresses, VPC and endpoint IDs,
// version, CRC, error) is what a fresh decode of the row's header with the
// same vendor profile says, on every capture fixture and every profile,
// including profiles other than the reader's (the row then takes its own
// facts) and AF_UNIX addresses (kept in the header only).

#include "capture/captureengine.h"
#include "capture/connectionrow.h"
#include "proxy/headertext.h"

#include <QDir>
#include <QTest>

using namespace pl;

class TestConnectionRow : public QObject
{
    Q_OBJECT

private slots:
    void rowsSayWhatTheHeaderSays_data();
    void rowsSayWhatTheHeaderSays();
    void fixturesHoldEveryKind();
    void headerCutBeforeItsVersionIsBroken();
};

void TestConnectionRow::rowsSayWhatTheHeaderSays_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("readerVendor");
    QTest::addColumn<int>("rowVendor");
    const QDir dir(QStringLiteral(PL_CAPTURE_FIXTURES));
    for (const QString &name : dir.entryList({QStringLiteral("*.pcap*")}, QDir::Files)) {
        for (const auto &[reader, row] :
             {std::pair{proxy::VendorProfile::Auto, proxy::VendorProfile::Auto},
              std::pair{proxy::VendorProfile::Auto, proxy::VendorProfile::Aws},
              std::pair{proxy::VendorProfile::Azure, proxy::VendorProfile::Azure},
              std::pair{proxy::VendorProfile::Gcp, proxy::VendorProfile::Auto},
              std::pair{proxy::VendorProfile::None, proxy::VendorProfile::Alibaba}})
            QTest::addRow("%s %d/%d", qPrintable(name), int(reader), int(row))
                << dir.filePath(name) << int(reader) << int(row);
    }
}

void TestConnectionRow::rowsSayWhatTheHeaderSays()
{
    QFETCH(QString, file);
    QFETCH(int, readerVendor);
    QFETCH(int, rowVendor);
    capture::CaptureOptions options;
    options.vendor = static_cast<proxy::VendorProfile>(readerVendor);
    const auto vendor = static_cast<proxy::VendorProfile>(rowVendor);
    capture::CaptureEngine engine(options);
    if (!engine.openFile(file))
        QSKIP("the fixture does not open (an unsupported link type or a broken file)");
    capture::StringPool pool;
    int rows = 0;
    for (QList<capture::Connection> batch = engine.nextBatch(); !batch.isEmpty();
         batch = engine.nextBatch()) {
        for (capture::Connection &c : batch) {
            const capture::ConnectionRow row =
                capture::makeConnectionRow(std::move(c), vendor, pool);
            ++rows;
            const capture::Connection &kept = row.connection;
            if (!kept.headerPresent) {
                QCOMPARE(row.version(), std::uint8_t(0));
                QVERIFY(row.ppSource().isEmpty() && row.vpcId().isEmpty() &&
                        row.endpointId().isEmpty() && row.errorCode().isEmpty());
                continue;
            }
            const proxy::DecodeResult r = kept.decodeHeader(vendor);
            const proxy::ProxyHeader &h = r.header;
            // A header broken before its version byte claims none.
            const bool versionRead =
                h.version == proxy::Version::V1 || h.fixedPartDecoded || !r.error;
            QCOMPARE(row.version(),
                     versionRead ? static_cast<std::uint8_t>(proxy::sentVersionNumber(h)) : 0);
            QCOMPARE(row.command(), h.command);
            QCOMPARE(row.crc(), h.crcState);
            QCOMPARE(row.errorCode(),
                     r.error ? QString::fromLatin1(proxy::errorCodeName(r.error.code)) : QString());
            QCOMPARE(row.ppSource(),
                     h.addressesDecoded ? proxy::endpointText(h, h.source) : QString());
            QCOMPARE(row.ppDestination(),
                     h.addressesDecoded ? proxy::endpointText(h, h.destination) : QString());
            QCOMPARE(row.vpcId(), proxy::utf8Text(h.vendor.alibabaVpcId));
            QCOMPARE(row.endpointId(), proxy::endpointIdText(h.vendor));
        }
    }
    QVERIFY(rows > 0 || file.contains(QLatin1String("unsupported")) ||
            file.contains(QLatin1String("truncated")));
}

void TestConnectionRow::fixturesHoldEveryKind()
{
    // The comparison above means something only if the fixtures have rows
    // of every kind the row stores differently.
    int unix = 0, inet6 = 0, vpc = 0, vpce = 0, linkId = 0, psc = 0, errors = 0;
    const QDir dir(QStringLiteral(PL_CAPTURE_FIXTURES));
    for (const QString &name : dir.entryList({QStringLiteral("*.pcap*")}, QDir::Files)) {
        capture::CaptureEngine engine;
        if (!engine.openFile(dir.filePath(name)))
            continue;
        capture::StringPool pool;
        for (QList<capture::Connection> batch = engine.nextBatch(); !batch.isEmpty();
             batch = engine.nextBatch()) {
            for (capture::Connection &c : batch) {
                const capture::ConnectionRow row =
                    capture::makeConnectionRow(std::move(c), proxy::VendorProfile::Auto, pool);
                unix += row.ppAddresses == capture::ConnectionRow::PpAddresses::Other &&
                        !row.ppSource().isEmpty();
                inet6 += row.ppSourceEndpoint.ipv6 && row.ppSource().startsWith(u'[');
                vpc += row.vpcId().startsWith(QLatin1String("vpc-"));
                vpce += row.endpointId().startsWith(QLatin1String("vpce-"));
                linkId += row.endpointId().startsWith(QLatin1String("LinkID "));
                psc += row.endpointId().startsWith(QLatin1String("PSC "));
                errors += row.hasError();
            }
        }
    }
    QVERIFY(unix > 0);
    QVERIFY(inet6 > 0);
    QVERIFY(vpc > 0);
    QVERIFY(vpce > 0);
    QVERIFY(linkId > 0);
    QVERIFY(psc > 0);
    QVERIFY(errors > 0);
}

void TestConnectionRow::headerCutBeforeItsVersionIsBroken()
{
    // The v2 signature and nothing more: a header, but of no version yet
    // (the Captures table says "broken", the v2 filter and totals skip it).
    capture::Connection c;
    c.headerPresent = true;
    c.headerBytes = QByteArray::fromHex("0d0a0d0a000d0a515549540a");
    capture::StringPool pool;
    const capture::ConnectionRow row =
        capture::makeConnectionRow(c, proxy::VendorProfile::Auto, pool);
    QCOMPARE(row.version(), std::uint8_t(0));
    QVERIFY(row.hasError());
    QCOMPARE(row.errorCode(), QStringLiteral("truncated"));

    c.headerBytes += QByteArray::fromHex("2111000c"); // now the version is read
    const capture::ConnectionRow longer =
        capture::makeConnectionRow(c, proxy::VendorProfile::Auto, pool);
    QCOMPARE(longer.version(), std::uint8_t(2));
    QVERIFY(longer.hasError());

    // An unsupported version 3 is shown as sent, not as v2 beside its
    // bad_version error; the v2 filter and CRC column pass it by.
    c.headerBytes[12] = 0x31;
    const capture::ConnectionRow three =
        capture::makeConnectionRow(c, proxy::VendorProfile::Auto, pool);
    QCOMPARE(three.version(), std::uint8_t(3));
    QCOMPARE(three.errorCode(), QStringLiteral("bad_version"));

    // A binary header whose nibble is 1 is not a v1 (text) header; one of
    // 0 was read all the same (v0, not "broken").
    c.headerBytes[12] = 0x11;
    const capture::ConnectionRow one =
        capture::makeConnectionRow(c, proxy::VendorProfile::Auto, pool);
    QCOMPARE(one.version(), std::uint8_t(1));
    QVERIFY(!one.isV1());
    c.headerBytes[12] = 0x01;
    const capture::ConnectionRow zero =
        capture::makeConnectionRow(c, proxy::VendorProfile::Auto, pool);
    QVERIFY(zero.versionRead());
    QCOMPARE(zero.version(), std::uint8_t(0));
    QCOMPARE(zero.errorCode(), QStringLiteral("bad_version"));
}

QTEST_GUILESS_MAIN(TestConnectionRow)
#include "tst_connectionrow.moc"
