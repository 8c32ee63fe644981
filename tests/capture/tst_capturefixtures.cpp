// Each generated capture, read as a user would see it: one line per
// connection with the fields the CLI and GUI show.

#include "capture/captureengine.h"
#include "capture/capturestats.h"
#include "capture/linklayer.h"
#include "capture/tcpflowtable.h"
#include "export/connectionjson.h"
#include "perf/bytehash.h"
#include "perf/textcounts.h"
#include "proxy/headertext.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <set>
#include <string>

using namespace pl::capture;
using namespace pl::perf;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(PL_CAPTURE_FIXTURES "/") + QLatin1String(name);
}

QString text(pl::proxy::ByteSpan b)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(b.data()),
                             static_cast<qsizetype>(b.size()));
}

// What a user reads about one connection, on one line.
QString describe(const Connection &c)
{
    QStringList parts{QStringLiteral("#%1 %2 %3 -> %4")
                          .arg(c.firstFrame)
                          .arg(QLatin1String(transportProtocolName(c.transport)),
                               endpointText(c.client), endpointText(c.server))};
    if (!c.headerPresent) {
        parts << QStringLiteral("no header");
    } else {
        const pl::proxy::DecodeResult r = c.decodeHeader();
        const pl::proxy::ProxyHeader &h = r.header;
        QString hdr = QStringLiteral("v%1").arg(static_cast<int>(h.version));
        if (h.fixedPartDecoded)
            hdr += QLatin1Char(' ') + QLatin1String(pl::proxy::commandName(h.command)) +
                   QLatin1Char(' ') + QLatin1String(pl::proxy::familyName(h.family));
        if (h.addressesDecoded && h.command == pl::proxy::Command::Proxy)
            hdr += QLatin1Char(' ') + pl::proxy::endpointText(h, h.source) + QLatin1Char(' ') +
                   pl::proxy::endpointText(h, h.destination);
        // A header that never completed has no CRC state worth showing.
        if (h.version == pl::proxy::Version::V2 && h.fixedPartDecoded && !r.needsMoreData())
            hdr += QStringLiteral(" crc=") + QLatin1String(pl::proxy::crcStateName(h.crcState));
        if (!h.vendor.alibabaVpcId.empty())
            hdr += QStringLiteral(" vpc=") + text(h.vendor.alibabaVpcId);
        if (!h.vendor.alibabaEndpointId.empty())
            hdr += QStringLiteral(" ep=") + text(h.vendor.alibabaEndpointId);
        if (!h.vendor.awsVpceId.empty())
            hdr += QStringLiteral(" vpce=") + text(h.vendor.awsVpceId);
        if (h.vendor.azureLinkId)
            hdr += QStringLiteral(" azure=%1").arg(*h.vendor.azureLinkId);
        if (h.vendor.gcpPscId)
            hdr += QStringLiteral(" psc=%1").arg(*h.vendor.gcpPscId);
        if (h.hasAuthority)
            hdr += QStringLiteral(" authority=") + text(h.authority);
        if (h.hasUniqueId)
            hdr += QStringLiteral(" unique_id=") + text(h.uniqueId);
        if (h.ssl.present && !h.ssl.cn.empty())
            hdr += QStringLiteral(" cn=") + text(h.ssl.cn);
        if (r.error)
            hdr +=
                QStringLiteral(" ERROR ") + QLatin1String(pl::proxy::errorCodeName(r.error.code));
        parts << hdr;
    }
    parts << (c.payload.isEmpty() ? QStringLiteral("-") : c.payload.text())
          << (c.response.isEmpty() ? QStringLiteral("-") : c.response);
    if (c.transport == TransportProtocol::Tcp)
        parts << QLatin1String(endStateName(c.end));
    QStringList findings;
    for (const Finding &f : c.findings)
        findings << QLatin1String(findingCodeName(f.code));
    if (!findings.isEmpty())
        parts << findings.join(QLatin1Char(','));
    return parts.join(QStringLiteral(" | "));
}

struct ReadAll
{
    QList<Connection> connections;
    CaptureError error;
    CaptureCounters counters;
    CaptureProgress progress;
    int batches = 0;
};

ReadAll readAll(const QString &path, qsizetype batchSize = 512)
{
    ReadAll result;
    CaptureEngine engine(CaptureOptions{pl::proxy::VendorProfile::Auto, batchSize});
    if (!engine.openFile(path)) {
        result.error = engine.error();
        return result;
    }
    engine.run([&](QList<Connection> &&batch) {
        ++result.batches;
        result.connections.append(std::move(batch));
    });
    result.error = engine.error();
    result.counters = engine.counters();
    result.progress = engine.progress();
    return result;
}

} // namespace

class TestCaptureFixtures : public QObject
{
    Q_OBJECT

private slots:
    void connections_data();
    void connections();
    void damagedFilesKeepWhatWasRead_data();
    void damagedFilesKeepWhatWasRead();
    void unsupportedLinkTypeIsNamed();
    void missingFileIsAnError();
    void timestampsKeepTheirPrecision_data();
    void timestampsKeepTheirPrecision();
    void timestampTextMatchesQDateTime();
    void headerFrameIsTheCompletingSegment();
    void findingsPointAtFramesAndOffsets();
    void countersShowWhatWasNotAConnection();
    void pullApiDeliversBatches();
    void cancelStopsReading();
    void runsOnAWorkerThread();
    void statsTotals();
    void statsFactsMatchFreshDecode();
    void manyOpenFlowsCloseInAnyOrder();
    void hashesSpreadOverLowBits();
    void textCountsMatchAMap();
    void unsizedHeaderKeepsWhatTheDecoderSaw_data();
    void unsizedHeaderKeepsWhatTheDecoderSaw();
    void jsonContractFields();
};

void TestCaptureFixtures::connections_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("ethernet v2 alibaba")
        << fixture("ethernet_v2_alibaba.pcap")
        << QStringList{QStringLiteral(
               "#2 tcp 10.0.0.14:59074 -> 10.0.0.15:80 | v2 PROXY INET 10.0.0.14:59074 "
               "10.0.0.15:80 crc=valid vpc=vpc-bp179qeke0wzo1mr8bxhl ep=ep-bp1i288487e586152d4b | "
               "GET /login HTTP/1.1 Host: shop.example | HTTP/1.1 403 Forbidden | fin")};
    QTest::newRow("802.1ad/802.1Q, v1 TCP4 and TCP6")
        << fixture("vlan_v1.pcap")
        << QStringList{
               QStringLiteral("#1 tcp 192.0.2.1:40000 -> 198.51.100.1:443 | v1 PROXY INET "
                              "192.0.2.1:40000 198.51.100.1:443 | TLS ClientHello "
                              "SNI=api.example ALPN=h2,http/1.1 | TLS ServerHello | rst"),
               QStringLiteral("#7 tcp [2001:db8::1]:40001 -> [2001:db8::2]:8080 | v1 PROXY INET6 "
                              "[2001:db8::1]:40001 [2001:db8::2]:8080 | GET /v6 HTTP/1.1 Host: "
                              "six.example | HTTP/1.1 200 OK | fin")};
    QTest::newRow("linux cooked v1, IPv6 hop-by-hop, AWS")
        << fixture("sll_ipv6_aws.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp [2001:db8::10]:51000 -> [2001:db8::20]:443 | v2 PROXY INET6 "
               "[2001:db8::10]:51000 [2001:db8::20]:443 crc=valid vpce=vpce-08d2bf15fac5001c9 | "
               "POST /api HTTP/1.1 Host: aws.example | HTTP/1.1 200 OK | fin")};
    QTest::newRow("linux cooked v2, UNIX family")
        << fixture("sll2_unix.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 172.16.0.1:33000 -> 172.16.0.2:9000 | v2 PROXY UNIX /run/client.sock "
               "/run/app.sock crc=absent | binary | - | open")};
    QTest::newRow("BSD NULL, AWS health check")
        << fixture("null_local_healthcheck.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.2.0.5:41000 -> 10.2.0.9:80 | v2 LOCAL INET crc=valid | GET /health "
               "HTTP/1.1 Host: 10.2.0.9 | HTTP/1.1 200 OK | fin")};
    QTest::newRow("Ethernet, AWS health check, CRC + NOOP only")
        << fixture("aws_healthcheck_noop.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.2.0.6:41001 -> 10.2.0.9:80 | v2 LOCAL INET crc=valid | GET /health "
               "HTTP/1.1 Host: 10.2.0.9 | HTTP/1.1 200 OK | fin")};
    QTest::newRow("BSD LOOP, Azure, GCP, LOCAL")
        << fixture("loop_azure_gcp_local.pcap")
        << QStringList{
               QStringLiteral("#1 tcp 10.3.0.1:42000 -> 10.3.0.2:443 | v2 PROXY INET "
                              "10.3.0.1:42000 10.3.0.2:443 crc=valid azure=553665985 | TLS | - | "
                              "fin"),
               QStringLiteral("#8 tcp 10.3.0.3:42001 -> 10.3.0.2:443 | v2 PROXY INET "
                              "10.3.0.3:42001 10.3.0.2:443 crc=valid psc=18446744072646845442 | "
                              "GET / HTTP/1.1 Host: g.example | HTTP/1.1 301 Moved Permanently | "
                              "fin"),
               QStringLiteral("#16 tcp 10.3.0.4:42002 -> 10.3.0.2:443 | v2 LOCAL UNSPEC "
                              "crc=valid | - | - | fin")};
    QTest::newRow("raw IPv4 with options, wrong CRC")
        << fixture("raw_ipv4_options_badcrc.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.4.0.1:43000 -> 10.4.0.2:80 | v2 PROXY INET 10.4.0.1:43000 10.4.0.2:80 "
               "crc=invalid authority=bad.example ERROR crc_mismatch | GET / HTTP/1.1 Host: "
               "bad.example | HTTP/1.1 400 Bad Request | fin")};
    QTest::newRow("UDP: a header per datagram")
        << fixture("udp_dgram.pcap")
        << QStringList{
               QStringLiteral("#1 udp 10.5.0.1:5000 -> 10.5.0.2:5353 | v2 PROXY INET "
                              "10.5.0.1:5000 10.5.0.2:5353 crc=valid | binary | -"),
               QStringLiteral("#3 udp 10.5.0.1:5000 -> 10.5.0.2:5353 | v2 PROXY INET "
                              "10.5.0.1:5000 10.5.0.2:5353 crc=valid vpc=vpc-udp | binary | -"),
               QStringLiteral("#4 udp 10.5.0.1:5000 -> 10.5.0.2:5353 | no header | binary | - | "
                              "header_missing")};
    QTest::newRow("split header")
        << fixture("split_header.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 127.0.0.1:52362 -> 127.0.0.1:9006 | v2 PROXY INET 127.0.0.1:52362 "
               "127.0.0.1:9006 crc=absent cn=Example Common Name Client Cert | GET /split "
               "HTTP/1.1 Host: split.example | HTTP/1.1 200 OK | fin")};
    QTest::newRow("out of order")
        << fixture("out_of_order.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.6.0.1:44000 -> 10.6.0.2:80 | v2 PROXY INET 10.6.0.1:44000 10.6.0.2:80 "
               "crc=valid unique_id=req-0001 | GET /ooo HTTP/1.1 Host: ooo.example | HTTP/1.1 "
               "204 No Content | fin")};
    QTest::newRow("retransmitted, overlapping, different bytes")
        << fixture("retransmitted.pcap")
        << QStringList{
               QStringLiteral("#1 tcp 10.7.0.1:45000 -> 10.7.0.2:80 | v2 PROXY INET "
                              "10.7.0.1:45000 10.7.0.2:80 crc=valid authority=rt.example | GET "
                              "/rt HTTP/1.1 Host: rt.example | HTTP/1.1 200 OK | fin | "
                              "retransmission"),
               QStringLiteral("#12 tcp 10.7.0.3:45001 -> 10.7.0.2:80 | v2 PROXY INET "
                              "10.7.0.1:45000 10.7.0.2:80 crc=valid authority=rt.example | GET "
                              "/rt HTTP/1.1 Host: rt.example | - | fin | "
                              "retransmission,overlap_mismatch")};
    QTest::newRow("mid-stream start")
        << fixture("mid_stream.pcap")
        << QStringList{
               QStringLiteral("#2 tcp 10.8.0.1:80 -> 10.8.0.2:8443 | v2 PROXY INET 10.8.0.1:80 "
                              "10.8.0.2:8443 crc=valid | GET /mid HTTP/1.1 Host: m.example | "
                              "HTTP/1.1 200 OK | fin | mid_stream"),
               QStringLiteral("#7 tcp 10.8.0.3:50000 -> 10.8.0.4:22 | no header | binary | "
                              "binary | open | mid_stream,header_missing,client_guessed")};
    QTest::newRow("missing header, no data")
        << fixture("missing_header.pcap")
        << QStringList{
               QStringLiteral("#1 tcp 10.9.0.1:46000 -> 10.9.0.2:80 | no header | GET /login "
                              "HTTP/1.1 Host: nohdr.example | HTTP/1.1 400 Bad Request | fin | "
                              "header_missing"),
               QStringLiteral("#9 tcp 10.9.0.3:46001 -> 10.9.0.2:80 | no header | - | - | fin | "
                              "no_data")};
    QTest::newRow("two headers")
        << fixture("two_headers.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.10.0.1:47000 -> 10.10.0.2:80 | v2 PROXY INET 10.10.0.1:47000 "
               "10.10.0.2:80 crc=valid | GET /admin HTTP/1.1 Host: two.example | HTTP/1.1 200 OK "
               "| fin | second_header")};
    QTest::newRow("snaplen cut: reported, not decoded as garbage")
        << fixture("snaplen_cut.pcap")
        << QStringList{QStringLiteral("#1 tcp 10.11.0.1:48000 -> 10.11.0.2:80 | v2 PROXY INET "
                                      "ERROR truncated | - | HTTP/1.1 200 OK | fin | snaplen_cut")};
    QTest::newRow("gap in the header")
        << fixture("gap.pcap")
        << QStringList{QStringLiteral("#1 tcp 10.12.0.1:49000 -> 10.12.0.2:80 | v2 PROXY INET "
                                      "ERROR truncated | - | HTTP/1.1 200 OK | fin | gap")};
    QTest::newRow("big-endian pcap")
        << fixture("bigendian.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.14.0.1:51001 -> 10.14.0.2:443 | v2 PROXY INET 10.14.0.1:51001 "
               "10.14.0.2:443 crc=valid authority=be.example | TLS ClientHello SNI=be.example "
               "ALPN=h2 | TLS ServerHello | fin")};
    QTest::newRow("nanosecond pcap")
        << fixture("nanosecond.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.14.0.1:51001 -> 10.14.0.2:443 | v2 PROXY INET 10.14.0.1:51001 "
               "10.14.0.2:443 crc=valid authority=be.example | TLS ClientHello SNI=be.example "
               "ALPN=h2 | TLS ServerHello | fin")};
    QTest::newRow("pcapng")
        << fixture("pcapng_v2.pcapng")
        << QStringList{QStringLiteral(
               "#1 tcp 10.15.0.1:52001 -> 10.15.0.2:80 | v2 PROXY INET 10.15.0.1:52001 "
               "10.15.0.2:80 crc=valid vpc=vpc-ng ep=ep-ng | GET /ng HTTP/1.1 Host: ng.example | "
               "HTTP/1.1 200 OK | fin")};
}

void TestCaptureFixtures::connections()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    const ReadAll r = readAll(file);
    QVERIFY2(!r.error, qPrintable(r.error.message));
    QStringList actual;
    for (const Connection &c : r.connections) {
        actual << describe(c);
        // The verdict stored by the reader is what a fresh decode says.
        QCOMPARE(c.headerError,
                 c.headerPresent ? c.decodeHeader().error.code : pl::proxy::ErrorCode::None);
    }
    // One comparison of the whole capture: a diff shows every difference.
    QCOMPARE(actual.join(QLatin1Char('\n')), expected.join(QLatin1Char('\n')));
}

void TestCaptureFixtures::damagedFilesKeepWhatWasRead_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("connections");
    // The SYN of the cut record's connection never arrives: two records.
    QTest::newRow("truncated last record") << fixture("truncated_file.pcap") << qint64(1176)
                                           << QStringLiteral("truncated dump file") << 2;
    // The corrupt record comes after a SYN: that connection is a record too.
    QTest::newRow("corrupt record length") << fixture("corrupt_length.pcap") << qint64(1246)
                                           << QStringLiteral("invalid packet capture length") << 3;
}

void TestCaptureFixtures::damagedFilesKeepWhatWasRead()
{
    QFETCH(QString, file);
    QFETCH(qint64, offset);
    QFETCH(QString, reason);
    QFETCH(int, connections);
    const ReadAll r = readAll(file);
    QCOMPARE(r.error.code, CaptureError::Code::Damaged);
    QCOMPARE(r.error.fileOffset, offset);
    QVERIFY2(r.error.message.contains(reason), qPrintable(r.error.message));
    QVERIFY2(r.error.message.contains(QString::number(offset)), qPrintable(r.error.message));
    QCOMPARE(r.connections.size(), connections);
    QVERIFY(r.connections[0].decodeHeader().ok());
    QCOMPARE(r.connections[0].response, QStringLiteral("HTTP/1.1 200 OK"));
}

void TestCaptureFixtures::unsupportedLinkTypeIsNamed()
{
    CaptureEngine engine;
    QVERIFY(!engine.openFile(fixture("unsupported_linktype.pcap")));
    QCOMPARE(engine.error().code, CaptureError::Code::UnsupportedLinkType);
    QVERIFY2(engine.error().message.contains(QLatin1String("IEEE802_11")),
             qPrintable(engine.error().message));
    QVERIFY(engine.error().message.contains(QLatin1String("Ethernet")));
}

void TestCaptureFixtures::missingFileIsAnError()
{
    CaptureEngine engine;
    QVERIFY(!engine.openFile(fixture("does-not-exist.pcap")));
    QCOMPARE(engine.error().code, CaptureError::Code::OpenFailed);
    // The reason, once; whoever shows it names the file (the CLI printed
    // "F: F: ..." when both did).
    QVERIFY2(engine.error().message.contains(QLatin1String("No such file")),
             qPrintable(engine.error().message));
    QVERIFY(!engine.error().message.contains(QLatin1String("does-not-exist.pcap")));
    QVERIFY(engine.atEnd());
    QVERIFY(engine.nextBatch().isEmpty());
}

void TestCaptureFixtures::timestampsKeepTheirPrecision_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("time");
    QTest::newRow("microseconds") << fixture("bigendian.pcap")
                                  << QStringLiteral("2023-11-14T22:13:20.123456000Z");
    QTest::newRow("nanoseconds") << fixture("nanosecond.pcap")
                                 << QStringLiteral("2023-11-14T22:13:20.123456789Z");
    QTest::newRow("pcapng if_tsresol 9")
        << fixture("pcapng_v2.pcapng") << QStringLiteral("2023-11-14T22:13:20.123456789Z");
}

void TestCaptureFixtures::timestampTextMatchesQDateTime()
{
    // timestampText() formats dates by hand (exports print two per
    // connection); QDateTime is the reference, across eras and leap days.
    const auto reference = [](std::int64_t ns) -> QString {
        const std::int64_t s = ns >= 0 ? ns / 1'000'000'000 : (ns + 1) / 1'000'000'000 - 1;
        const std::int64_t fraction = ns - s * 1'000'000'000;
        return QDateTime::fromSecsSinceEpoch(s, Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
               QLatin1Char('.') + QStringLiteral("%1").arg(fraction, 9, 10, QLatin1Char('0')) +
               QLatin1Char('Z');
    };
    QList<std::int64_t> samples{0,
                                -1,
                                1,
                                951'782'400'000'000'000,    // 2000-02-29
                                1'709'164'800'123'456'789,  // 2024-02-29
                                -2'208'988'800'000'000'000, // 1900-01-01
                                std::int64_t{1} << 62,      // 2116
                                -(std::int64_t{1} << 62)};  // 1823
    QRandomGenerator random(11);
    for (int i = 0; i < 20000; ++i)
        samples.append(static_cast<std::int64_t>(random.generate64() >> 1) -
                       (std::int64_t{1} << 62));
    for (const std::int64_t ns : samples)
        QCOMPARE(timestampText(ns), reference(ns));
}

void TestCaptureFixtures::timestampsKeepTheirPrecision()
{
    QFETCH(QString, file);
    QFETCH(QString, time);
    const ReadAll r = readAll(file);
    QCOMPARE(r.connections.size(), 1);
    QCOMPARE(timestampText(r.connections[0].firstTimeNs), time);
    QVERIFY(r.connections[0].lastTimeNs > r.connections[0].firstTimeNs);
}

void TestCaptureFixtures::headerFrameIsTheCompletingSegment()
{
    // Handshake is frames 1-3; the header arrives in frames 4, 5 and 6.
    const ReadAll r = readAll(fixture("split_header.pcap"));
    QCOMPARE(r.connections.size(), 1);
    QCOMPARE(r.connections[0].headerFrame, 6u);
    QCOMPARE(r.connections[0].firstFrame, 1u);
    QCOMPARE(r.connections[0].lastFrame, 9u);
    // Out of order: the segment with stream byte 0 (frame 5) completes it.
    const ReadAll o = readAll(fixture("out_of_order.pcap"));
    QCOMPARE(o.connections[0].headerFrame, 6u);
}

void TestCaptureFixtures::findingsPointAtFramesAndOffsets()
{
    const Connection gap = readAll(fixture("gap.pcap")).connections.value(0);
    QCOMPARE(gap.findings.size(), 1);
    QCOMPARE(gap.findings[0].offset, 20u);
    QVERIFY(findingMessage(gap.findings[0]).contains(QLatin1String("20")));
    QCOMPARE(gap.headerBytes.size(), 20);

    const Connection cut = readAll(fixture("snaplen_cut.pcap")).connections.value(0);
    QCOMPARE(cut.findings.size(), 1);
    QCOMPARE(cut.findings[0].frame, 4u);
    QCOMPARE(cut.findings[0].offset, 26u); // 80 - 14 - 20 - 20
    QCOMPARE(cut.headerBytes.size(), 26);

    const Connection two = readAll(fixture("two_headers.pcap")).connections.value(0);
    QCOMPARE(two.findings[0].offset, 35u); // right after the 35-byte v2 header (INET + CRC)
    QCOMPARE(two.findings[0].frame, 5u);
}

void TestCaptureFixtures::countersShowWhatWasNotAConnection()
{
    QCOMPARE(readAll(fixture("raw_ipv4_options_badcrc.pcap")).counters.fragments, 2u);
    QCOMPARE(readAll(fixture("udp_dgram.pcap")).counters.ignoredUdpDatagrams, 1u);
    QCOMPARE(readAll(fixture("ethernet_v2_alibaba.pcap")).counters.nonIpFrames, 1u);
    const ReadAll cut = readAll(fixture("snaplen_cut.pcap"));
    QVERIFY(cut.counters.snaplenCutPackets >= 1);
    // The last ACK after a close opens nothing.
    QCOMPARE(readAll(fixture("ethernet_v2_alibaba.pcap")).counters.strayTcpSegments, 1u);
}

void TestCaptureFixtures::pullApiDeliversBatches()
{
    CaptureEngine engine(CaptureOptions{pl::proxy::VendorProfile::Auto, 1});
    QVERIFY(engine.openFile(fixture("loop_azure_gcp_local.pcap")));
    QList<std::uint64_t> frames;
    while (!engine.atEnd()) {
        const QList<Connection> batch = engine.nextBatch();
        QVERIFY(batch.size() <= 1);
        for (const Connection &c : batch)
            frames << c.firstFrame;
    }
    QCOMPARE(frames, (QList<std::uint64_t>{1, 8, 16}));
    const CaptureProgress p = engine.progress();
    QCOMPARE(p.bytesRead, p.totalBytes);
    QCOMPARE(p.connections, 3u);
}

void TestCaptureFixtures::cancelStopsReading()
{
    CaptureEngine engine(CaptureOptions{pl::proxy::VendorProfile::Auto, 1});
    QVERIFY(engine.openFile(fixture("loop_azure_gcp_local.pcap")));
    const QList<Connection> first = engine.nextBatch();
    QCOMPARE(first.size(), 1);
    engine.cancel();
    int more = 0;
    while (!engine.atEnd())
        more += static_cast<int>(engine.nextBatch().size());
    QVERIFY(engine.cancelled());
    QVERIFY(more < 2); // the flow already started may be flushed, nothing new is read
    QVERIFY(engine.progress().packets < 22);
}

void TestCaptureFixtures::runsOnAWorkerThread()
{
    CaptureEngine engine;
    QVERIFY(engine.openFile(fixture("retransmitted.pcap")));
    qsizetype delivered = 0;
    bool finished = false;
    QThread *worker = QThread::create([&] {
        finished = engine.run([&](QList<Connection> &&batch) { delivered += batch.size(); });
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QVERIFY(finished);
    QCOMPARE(delivered, 2);
    QCOMPARE(engine.progress().connections, 2u);
}

void TestCaptureFixtures::statsTotals()
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

void TestCaptureFixtures::statsFactsMatchFreshDecode()
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

void TestCaptureFixtures::manyOpenFlowsCloseInAnyOrder()
{
    // 3,000 connections open at once (IPv4 and IPv6), closed in a random
    // order, some reset, some 4-tuples reused after their close, some opened
    // again by a SYN while still open, some still open at the end: every
    // connection comes out once, with its own header.
    // The flow index grows several times and closes gaps in its probe runs
    // on every removal; a lost or misplaced flow would show as a missing
    // record, a wrong port or a "header missing" finding.
    QList<Connection> out;
    TcpFlowTable table(TcpFlow::Options{}, [&](Connection &&c) { out.append(std::move(c)); });
    std::uint64_t frame = 0;
    const auto send = [&](const NetEndpoint &from, const NetEndpoint &to, std::uint32_t seq,
                          std::uint8_t flags, const QByteArray &payload) {
        const pl::proxy::ByteSpan bytes(reinterpret_cast<const std::uint8_t *>(payload.constData()),
                                        static_cast<std::size_t>(payload.size()));
        ++frame;
        table.add(TcpSegment{from, to, seq, flags, bytes, static_cast<std::uint32_t>(bytes.size()),
                             frame, static_cast<std::int64_t>(frame)});
    };
    constexpr int kFlows = 3000;
    const NetEndpoint server4{{10, 0, 0, 2}, 80, false};
    const NetEndpoint server6{
        {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 80, true};
    const auto clientOf = [](int i) {
        const auto port = static_cast<std::uint16_t>(20000 + i);
        if (i % 3 == 0)
            return NetEndpoint{
                {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}, port, true};
        return NetEndpoint{
            {10, 1, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)}, port, false};
    };
    const auto serverOf = [&](int i) {
        return i % 3 == 0 ? server6 : server4;
    };
    const auto headerOf = [](int i, int round) {
        return QStringLiteral(
                   "PROXY TCP4 192.0.2.%1 198.51.100.1 %2 443\r\nGET /%3 HTTP/1.0\r\n\r\n")
            .arg(i % 250 + 1)
            .arg(20000 + i)
            .arg(round)
            .toLatin1();
    };
    const auto open = [&](int i, int round) {
        send(clientOf(i), serverOf(i), 1000, tcpflag::Syn, {});
        send(serverOf(i), clientOf(i), 5000, tcpflag::Syn | tcpflag::Ack, {});
        send(clientOf(i), serverOf(i), 1001, tcpflag::Ack, headerOf(i, round));
    };
    const auto close = [&](int i, int round) {
        const auto next = static_cast<std::uint32_t>(1001 + headerOf(i, round).size());
        if (i % 7 == 0) {
            send(clientOf(i), serverOf(i), next, tcpflag::Rst, {});
            return;
        }
        send(clientOf(i), serverOf(i), next, tcpflag::Fin | tcpflag::Ack, {});
        send(serverOf(i), clientOf(i), 5001, tcpflag::Fin | tcpflag::Ack, {});
    };
    for (int i = 0; i < kFlows; ++i)
        open(i, 0);
    QCOMPARE(table.openFlows(), std::size_t{kFlows});
    QList<int> order;
    for (int i = 0; i < kFlows; ++i)
        order.append(i);
    QRandomGenerator random(20261125);
    std::shuffle(order.begin(), order.end(), random);
    QList<int> expected; // (index, round) as index + round * kFlows, in close order
    QList<int> reopened;
    for (int k = 0; k < kFlows; ++k) {
        const int i = order[k];
        if (i % 20 == 19) {
            // A new SYN on an open 4-tuple that carried data: the old
            // connection ends there (still open), the new one stays open.
            open(i, 1);
            expected.append(i);
            reopened.append(i + kFlows);
            continue;
        }
        if (i % 10 == 9)
            continue; // left open until the end
        close(i, 0);
        expected.append(i);
        if (k % 5 == 0) { // the same 4-tuple again, while others are still open
            open(i, 1);
            close(i, 1);
            expected.append(i + kFlows);
        }
    }
    QCOMPARE(table.openFlows(), std::size_t{kFlows / 10});
    table.flush();
    for (int i = 9; i < kFlows; i += 20)
        expected.append(i); // flush(): oldest first, i.e. by index...
    expected += reopened;   // ...then those opened again, in that order
    QCOMPARE(table.openFlows(), std::size_t{0});
    QCOMPARE(out.size(), expected.size());
    for (qsizetype k = 0; k < out.size(); ++k) {
        const int i = expected[k] % kFlows;
        const int round = expected[k] / kFlows;
        const Connection &c = out[k];
        QVERIFY2(c.client == clientOf(i), qPrintable(endpointText(c.client)));
        QVERIFY(c.server == serverOf(i));
        QCOMPARE(c.headerBytes + "GET /" + QByteArray::number(round) + " HTTP/1.0\r\n\r\n",
                 headerOf(i, round));
        QCOMPARE(c.headerError, pl::proxy::ErrorCode::None);
        QCOMPARE(c.decodeHeader().header.source.port, static_cast<std::uint16_t>(20000 + i));
        QCOMPARE(c.end, i % 10 == 9 ? EndState::Open : i % 7 == 0 ? EndState::Rst : EndState::Fin);
        QVERIFY2(c.findings.isEmpty(), qPrintable(findingMessage(c.findings.value(0))));
    }
    QCOMPARE(table.straySegments(), 0u);
}

void TestCaptureFixtures::hashesSpreadOverLowBits()
{
    // The flow table and the ID and summary tables take slots from the low
    // bits of their hashes. Keys that differ only in a few bytes must still
    // spread: 1,000 random keys in 1,024 slots fill about 630 of them.
    const auto distinct = [](const auto &hashes) {
        std::set<std::uint64_t> used;
        for (const std::uint64_t h : hashes)
            used.insert(h & 1023);
        return used.size();
    };
    // One proxy to one backend: only the client port differs, with the
    // client's address below the server's (low port) and above it (high port).
    for (const int clientLast : {1, 200}) {
        QList<std::uint64_t> hashes;
        const NetEndpoint server{{10, 0, 0, 100}, 80, false};
        for (std::uint16_t port = 20000; port < 21000; ++port) {
            const NetEndpoint client{
                {10, 0, 0, static_cast<std::uint8_t>(clientLast)}, port, false};
            hashes.append(FlowKeyHash{}(FlowKey::of(client, server)));
        }
        QVERIFY2(distinct(hashes) > 550, qPrintable(QString::number(distinct(hashes))));
    }
    // Texts that differ in one or two bytes anywhere in a word.
    QList<std::uint64_t> hashes;
    for (int i = 0; i < 1000; ++i) {
        const std::string text =
            "HTTP/1." + std::to_string(i % 10) + " " + std::to_string(100 + i / 10) + " OK";
        hashes.append(hashBytes(text));
    }
    QVERIFY2(distinct(hashes) > 550, qPrintable(QString::number(distinct(hashes))));
}

void TestCaptureFixtures::textCountsMatchAMap()
{
    // IDs counted by the totals' open-addressing table equal a plain map's
    // counts: 5,000 distinct texts (the table grows eight times), uneven
    // repeats, texts that share prefixes or differ only in length, the empty text.
    TextCounts counts;
    QMap<QByteArray, std::uint64_t> expected;
    QRandomGenerator random(7);
    for (int i = 0; i < 60000; ++i) {
        const auto n = random.bounded(5000);
        QByteArray text = "vpc-bp1" + QByteArray::number(n * n);
        if (n % 97 == 0)
            text.truncate(n % 8); // "", "v", "vp", ...
        counts.add(pl::proxy::byteSpan(text));
        ++expected[text];
    }
    QMap<QByteArray, std::uint64_t> got;
    for (const TextCounts::Entry &e : counts.entries())
        if (e.count != 0)
            got.insert(QByteArray(e.text.data(), static_cast<qsizetype>(e.text.size())), e.count);
    QCOMPARE(static_cast<qsizetype>(counts.size()), expected.size());
    QCOMPARE(got, expected);
}

void TestCaptureFixtures::unsizedHeaderKeepsWhatTheDecoderSaw_data()
{
    QTest::addColumn<QByteArray>("clientBytes");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("kept");
    QTest::newRow("v1 line without CRLF") << (QByteArray("PROXY TCP4 ") + QByteArray(130, 'x'))
                                          << QStringLiteral("v1_too_long") << 107;
    QTest::newRow("v1 lone LF") << QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\nGET / HTTP/1.1\r\n")
                                << QStringLiteral("v1_bad_line_end") << 47; // all of it (< 107)
    QByteArray badVersion = QByteArray::fromHex("0d0a0d0a000d0a515549540a3111000c");
    badVersion += QByteArray(40, 'z');
    QTest::newRow("v2 bad version") << badVersion << QStringLiteral("bad_version") << 28;
}

void TestCaptureFixtures::unsizedHeaderKeepsWhatTheDecoderSaw()
{
    // A header the decoder cannot size keeps the bytes it looked at, so the
    // record's error, its totals and its JSON all say the same thing.
    QFETCH(QByteArray, clientBytes);
    QFETCH(QString, error);
    QFETCH(int, kept);
    QList<Connection> out;
    TcpFlowTable table(TcpFlow::Options{}, [&](Connection &&c) { out.append(std::move(c)); });
    NetEndpoint client{{10, 0, 0, 1}, 40000, false};
    NetEndpoint server{{10, 0, 0, 2}, 80, false};
    const auto segment = [&](const NetEndpoint &from, const NetEndpoint &to, std::uint32_t seq,
                             std::uint8_t flags, const QByteArray &payload, std::uint64_t frame) {
        const pl::proxy::ByteSpan bytes(reinterpret_cast<const std::uint8_t *>(payload.constData()),
                                        static_cast<std::size_t>(payload.size()));
        table.add(TcpSegment{from, to, seq, flags, bytes, static_cast<std::uint32_t>(bytes.size()),
                             frame, static_cast<std::int64_t>(frame)});
    };
    segment(client, server, 100, tcpflag::Syn, {}, 1);
    segment(server, client, 500, tcpflag::Syn | tcpflag::Ack, {}, 2);
    segment(client, server, 101, tcpflag::Ack, clientBytes, 3);
    segment(client, server, static_cast<std::uint32_t>(101 + clientBytes.size()),
            tcpflag::Fin | tcpflag::Ack, {}, 4);
    segment(server, client, 501, tcpflag::Fin | tcpflag::Ack, {}, 5);
    QCOMPARE(out.size(), 1);
    const Connection &c = out[0];
    QCOMPARE(c.headerBytes.size(), kept);
    QCOMPARE(QLatin1String(pl::proxy::errorCodeName(c.headerError)), error);
    QCOMPARE(c.facts.error, c.decodeHeader().error.code);
    CaptureStats kept1;
    CaptureStats other(pl::proxy::VendorProfile::Aws); // decodes the kept bytes afresh
    kept1.add(c);
    other.add(c);
    QCOMPARE(kept1.errors().value(error), 1u);
    QCOMPARE(other.errors(), kept1.errors());
    const QJsonObject json = pl::exporting::connectionJson(c);
    QCOMPARE(json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             error);
}

void TestCaptureFixtures::jsonContractFields()
{
    const ReadAll r = readAll(fixture("ethernet_v2_alibaba.pcap"));
    const QJsonObject o = pl::exporting::connectionJson(r.connections.value(0));
    for (const char *key :
         {"frame", "client", "server", "header", "warnings", "first_frame", "last_frame", "time",
          "transport", "payload", "response", "end", "findings"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QLatin1String("frame")).toInt(), 2);
    QCOMPARE(o.value(QLatin1String("client")).toString(), QStringLiteral("10.0.0.14:59074"));
    const QJsonObject header = o.value(QLatin1String("header")).toObject();
    QCOMPARE(header.value(QLatin1String("crc32c")).toString(), QStringLiteral("valid"));
    QCOMPARE(header.value(QLatin1String("vpc_id")).toString(),
             QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
    QCOMPARE(header.value(QLatin1String("tlvs")).toArray().size(), 4);
    QVERIFY(!o.contains(QLatin1String("error")));

    const ReadAll bad = readAll(fixture("raw_ipv4_options_badcrc.pcap"));
    const QJsonObject b = pl::exporting::connectionJson(bad.connections.value(0));
    QCOMPARE(b.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("crc_mismatch"));

    const ReadAll none = readAll(fixture("missing_header.pcap"));
    const QJsonObject n = pl::exporting::connectionJson(none.connections.value(0));
    QVERIFY(n.value(QLatin1String("header")).isNull());
    QCOMPARE(n.value(QLatin1String("findings"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("code"))
                 .toString(),
             QStringLiteral("header_missing"));
}

QTEST_GUILESS_MAIN(TestCaptureFixtures)
#include "tst_capturefixtures.moc"
