// Each generated capture, read as a user would see it: one line per
// connection with the fields the CLI and GUI show, damaged and odd files,
// and what the reader counts besides connections.

#include "capture/captureengine.h"
#include "capture/capturestats.h"
#include "capture/linklayer.h"
#include "capture/tcpflowtable.h"
#include "capturereading.h"
#include "export/connectionjson.h"
#include "proxy/headertext.h"

#include <QTest>

using namespace pl::capture;
using pl::test::fixture;
using pl::test::readAll;
using pl::test::ReadAll;

namespace {

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
    void ipFragmentsAreReassembled();
    void pcapngOfSeveralInterfaces();
    void missingFileIsAnError();
    void timestampsKeepTheirPrecision_data();
    void timestampsKeepTheirPrecision();
    void headerFrameIsTheCompletingSegment();
    void findingsPointAtFramesAndOffsets();
    void countersShowWhatWasNotAConnection();
    void unsizedHeaderKeepsWhatTheDecoderSaw_data();
    void unsizedHeaderKeepsWhatTheDecoderSaw();
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
    // TCP Fast Open with the SYN sent again (same ISN), without and with its
    // data: one connection, not a second one "without a header".
    for (const char *name : {"tfo_syn_retransmitted.pcap", "tfo_syn_retransmitted_data.pcap"})
        QTest::newRow(name) << fixture(name)
                            << QStringList{QStringLiteral(
                                   "#1 tcp 10.16.1.1:53101 -> 10.16.1.2:80 | v2 PROXY INET "
                                   "10.16.1.1:53101 10.16.1.2:80 crc=valid vpc=vpc-tfo2 | GET "
                                   "/tfo2 HTTP/1.1 Host: tfo2.example | HTTP/1.1 200 OK | fin")};
    // Captured on the sender with TCP segmentation offload: IPv4 total
    // length 0 is the captured packet, not a malformed one.
    QTest::newRow("TSO: IPv4 total length 0")
        << fixture("tso_zero_length.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.16.2.1:53201 -> 10.16.2.2:80 | v2 PROXY INET 10.16.2.1:53201 "
               "10.16.2.2:80 crc=valid vpc=vpc-tso | GET /tso HTTP/1.1 Host: tso.example | "
               "HTTP/1.1 200 OK | fin")};
    // A traffic-mirror target's capture: VXLAN, then GENEVE around IP.
    QTest::newRow("VXLAN and GENEVE")
        << fixture("tunnels_vxlan_geneve.pcap")
        << QStringList{
               QStringLiteral("#1 tcp 10.20.0.7:52000 -> 10.20.0.9:443 | v2 PROXY INET "
                              "10.20.0.7:52000 10.20.0.9:443 crc=valid "
                              "vpce=vpce-0a1b2c3d4e5f60718 | GET /mirrored HTTP/1.1 Host: "
                              "mirror.example | HTTP/1.1 200 OK | fin"),
               QStringLiteral("#9 tcp 10.30.0.7:53000 -> 10.30.0.9:80 | v2 PROXY INET "
                              "10.30.0.7:53000 10.30.0.9:80 crc=valid | GET /inspected "
                              "HTTP/1.1 Host: gwlb.example | HTTP/1.1 204 No Content | fin")};
    QTest::newRow("linux cooked v1, IPv6 hop-by-hop, AWS")
        << fixture("sll_ipv6_aws.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp [2001:db8::10]:51000 -> [2001:db8::20]:443 | v2 PROXY INET6 "
               "[2001:db8::10]:51000 [2001:db8::20]:443 crc=valid vpce=vpce-08d2bf15fac5001c9 | "
               "POST /api HTTP/1.1 Host: aws.example | HTTP/1.1 200 OK | fin")};
    // TCP Fast Open: the header rides in the SYN, one sequence number
    // after the SYN's own (read from the SYN's, it lost its first byte).
    QTest::newRow("data in the SYN")
        << fixture("tfo_escapes.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.16.0.1:53001 -> 10.16.0.2:80 | v2 PROXY INET 10.16.0.1:53001 "
               "10.16.0.2:80 crc=valid vpc=vpc-tfo | GET /tfo HTTP/1.1 Host: "
               "evil\x1b[2J.example | HTTP/1.1 200 OK | fin")};
    QTest::newRow("DGRAM header on TCP")
        << fixture("dgram_on_tcp.pcap")
        << QStringList{QStringLiteral(
               "#1 tcp 10.17.0.1:54001 -> 10.17.0.2:80 | v2 PROXY INET 10.17.0.1:54001 "
               "10.17.0.2:80 crc=valid | GET /dgram HTTP/1.1 Host: dgram.example | HTTP/1.1 200 "
               "OK | fin | transport_mismatch")};
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

    // A pcapng whose second interface has another link type is no damaged
    // file: libpcap refuses it, and it is read on past the first interface.
    const ReadAll mixed = readAll(fixture("pcapng_two_linktypes.pcapng"));
    QVERIFY2(!mixed.error, qPrintable(mixed.error.message));
    QCOMPARE(mixed.connections.size(), 2); // Ethernet, then raw IP
    QCOMPARE(mixed.connections[1].firstFrame, 9u);
    QVERIFY(mixed.connections[0].decodeHeader().ok());
    QVERIFY(mixed.connections[1].decodeHeader().ok());

    // A pcapng whose FIRST interface is 802.11 and whose second is
    // Ethernet: the Ethernet connection is read, the Wi-Fi frames counted
    // apart from non-IP frames of a readable interface.
    const ReadAll wifiFirst = readAll(fixture("pcapng_unsupported_first_interface.pcapng"));
    QVERIFY2(!wifiFirst.error, qPrintable(wifiFirst.error.message));
    QCOMPARE(wifiFirst.counters.packets, 10u); // as tshark counts them
    QCOMPARE(wifiFirst.counters.unsupportedLinkFrames, 2u);
    QCOMPARE(wifiFirst.counters.nonIpFrames, 0u);
    QCOMPARE(wifiFirst.connections.size(), 1);
    QCOMPARE(wifiFirst.connections[0].firstFrame, 3u);
    QCOMPARE(wifiFirst.connections[0].decodeHeader().header.vendor.alibabaVpcId.size(),
             std::size_t(14)); // vpc-multi-eth0
    QCOMPARE(wifiFirst.connections[0].response, QStringLiteral("HTTP/1.1 200 OK"));

    // The same file with the 802.11 interface alone: nothing readable, the
    // link type named as for a classic pcap of it.
    const ReadAll wifiOnly = readAll(fixture("pcapng_unsupported_only.pcapng"));
    QCOMPARE(wifiOnly.error.code, CaptureError::Code::UnsupportedLinkType);
    QVERIFY2(wifiOnly.error.message.contains(QLatin1String("IEEE802_11")),
             qPrintable(wifiOnly.error.message));
    QCOMPARE(wifiOnly.connections.size(), 0);
}

void TestCaptureFixtures::ipFragmentsAreReassembled()
{
    // A UDP header in three IPv4 fragments sent last first, a TCP segment
    // in two, an IPv6 UDP header in two: each read whole, at the frame that
    // completed it. A datagram missing a fragment and one whose fragments
    // overlap with other bytes are not: their fragments are counted lost.
    const auto text = [](pl::proxy::ByteSpan bytes) {
        return std::string(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    };
    const ReadAll r = readAll(fixture("ip_fragments.pcap"));
    QVERIFY2(!r.error, qPrintable(r.error.message));
    QCOMPARE(r.connections.size(), 3);
    const Connection &udp = r.connections[0];
    const Connection &tcp = r.connections[1];
    const Connection &v6 = r.connections[2];
    QCOMPARE(udp.firstFrame, 3u);
    QCOMPARE(text(udp.decodeHeader().header.vendor.alibabaVpcId), std::string("vpc-frag-udp"));
    QCOMPARE(text(udp.decodeHeader().header.vendor.alibabaEndpointId), std::string("ep-frag-udp"));
    QCOMPARE(udp.decodeHeader().header.authority.size(), std::size_t(1400));
    QVERIFY(udp.decodeHeader().ok());
    QCOMPARE(tcp.headerFrame, 8u);
    QCOMPARE(text(tcp.decodeHeader().header.vendor.alibabaVpcId), std::string("vpc-frag-tcp"));
    QCOMPARE(tcp.response, QStringLiteral("HTTP/1.1 200 OK"));
    QCOMPARE(v6.firstFrame, 14u);
    QVERIFY(v6.client.ipv6);
    QCOMPARE(text(v6.decodeHeader().header.vendor.alibabaVpcId), std::string("vpc-frag-v6"));
    QCOMPARE(r.counters.fragments, 13u);
    QCOMPARE(r.counters.reassembledPackets, 3u);
    QCOMPARE(r.counters.lostFragments, 6u);
    QCOMPARE(r.counters.malformedIp, 0u);
}

void TestCaptureFixtures::pcapngOfSeveralInterfaces()
{
    // Wireshark on eth0 (microseconds) and "any" (Linux cooked v2,
    // nanoseconds), merged with a big-endian section of a raw-IP tunnel
    // interface stamped in 2^-20 s: every connection, in frame order, with
    // its own times; blocks a reader passes over (names, statistics) and a
    // Simple Packet Block (a DNS query) in between.
    const ReadAll r = readAll(fixture("pcapng_multi_interface.pcapng"));
    QVERIFY2(!r.error, qPrintable(r.error.message));
    QCOMPARE(r.counters.packets, 25u);
    QCOMPARE(r.connections.size(), 3);
    const Connection &eth = r.connections[0];
    const Connection &any = r.connections[1];
    const Connection &tun = r.connections[2];
    QCOMPARE(eth.firstFrame, 1u);
    QCOMPARE(any.firstFrame, 2u);
    QCOMPARE(tun.firstFrame, 17u);
    QCOMPARE(eth.decodeHeader().header.vendor.alibabaVpcId.size(),
             std::size_t(14)); // vpc-multi-eth0
    QVERIFY(any.decodeHeader().ok());
    QVERIFY(any.client.ipv6);
    QCOMPARE(tun.decodeHeader().header.version, pl::proxy::Version::V1);
    constexpr std::int64_t t0 = 1700000000LL * 1000000000;
    QCOMPARE(eth.firstTimeNs, t0);
    QCOMPARE(any.firstTimeNs, t0 + 1000000);
    // 2^-20 s units: 30 ms is 31457 units (and a fraction), 29.999732 ms.
    QCOMPARE(tun.firstTimeNs, t0 + 29999732);
    QCOMPARE(r.counters.ignoredUdpDatagrams, 1u); // the Simple Packet Block's DNS query
    QCOMPARE(r.counters.nonIpFrames, 0u);
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
    // Two fragments of a UDP datagram without a header: rebuilt, ignored.
    const ReadAll fragmented = readAll(fixture("raw_ipv4_options_badcrc.pcap"));
    QCOMPARE(fragmented.counters.fragments, 2u);
    QCOMPARE(fragmented.counters.reassembledPackets, 1u);
    QCOMPARE(fragmented.counters.ignoredUdpDatagrams, 1u);
    // DNS, and the backend's reply on the flow with headers.
    QCOMPARE(readAll(fixture("udp_dgram.pcap")).counters.ignoredUdpDatagrams, 2u);
    QCOMPARE(readAll(fixture("ethernet_v2_alibaba.pcap")).counters.nonIpFrames, 1u);
    const ReadAll cut = readAll(fixture("snaplen_cut.pcap"));
    QVERIFY(cut.counters.snaplenCutPackets >= 1);
    // 16 packets inside tunnels; a VXLAN datagram without its I flag is
    // a datagram.
    const ReadAll tunnels = readAll(fixture("tunnels_vxlan_geneve.pcap"));
    QCOMPARE(tunnels.counters.tunnelledPackets, 16u);
    QCOMPARE(tunnels.counters.ignoredUdpDatagrams, 1u);
    // The last ACK after a close opens nothing.
    QCOMPARE(readAll(fixture("ethernet_v2_alibaba.pcap")).counters.strayTcpSegments, 1u);
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

QTEST_GUILESS_MAIN(TestCaptureFixtures)
#include "tst_capturefixtures.moc"
