// VXLAN and GENEVE as a traffic-mirror target or a Gateway Load Balancer
// appliance captures them: the carried packet is found, and whatever does
// not say it is one (or lies about its size) stays the datagram it is.

#include "capture/tunnels.h"
#include "capturereading.h"

#include <QTemporaryDir>
#include <QTest>

#include <pcap/pcap.h>

using namespace pl::capture;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

const QByteArray kIpv4 = hex("4500001400010000401100000a0000010a000002"); // 20 bytes, UDP
const QByteArray kEthernetHeader = hex("020000000002020000000001");       // MACs

QByteArray ethernet(const char *etherType, const QByteArray &packet)
{
    return kEthernetHeader + hex(etherType) + packet;
}

// An IPv4 packet carrying a UDP datagram to `port`.
QByteArray ipv4Udp(std::uint16_t port, const QByteArray &payload)
{
    QByteArray udp = hex("9c40") + char(port >> 8) + char(port & 0xFF);
    const int udpLength = 8 + int(payload.size());
    udp += char(udpLength >> 8);
    udp += char(udpLength & 0xFF);
    udp += hex("0000") + payload;
    QByteArray ip = hex("4500");
    const int total = 20 + int(udp.size());
    ip += char(total >> 8);
    ip += char(total & 0xFF);
    ip += hex("00010000401100000a0009050a000906");
    return ip + udp;
}

QByteArray vxlan(const QByteArray &frame)
{
    return hex("0800000000007b00") + frame;
}

// A classic pcap file of Ethernet frames.
QString writePcap(const QTemporaryDir &dir, const QList<QByteArray> &frames)
{
    const QString path = dir.filePath(QStringLiteral("tunnels.pcap"));
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
    pcap_dumper_t *out = pcap_dump_open(dead, path.toLocal8Bit().constData());
    for (const QByteArray &f : frames) {
        pcap_pkthdr h{};
        h.caplen = h.len = static_cast<bpf_u_int32>(f.size());
        pcap_dump(reinterpret_cast<u_char *>(out), &h,
                  reinterpret_cast<const u_char *>(f.constData()));
    }
    pcap_dump_close(out);
    pcap_close(dead);
    return path;
}

} // namespace

class TestTunnels : public QObject
{
    Q_OBJECT

private slots:
    void decode_data();
    void decode();
    void nestingStopsAtFourTunnels();
};

void TestTunnels::decode_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("protocol"); // NetworkProtocol
    QTest::addColumn<int>("innerSize");

    const int none = int(NetworkProtocol::None);
    const int v4 = int(NetworkProtocol::IPv4);
    const int v6 = int(NetworkProtocol::IPv6);
    const QByteArray ipv6 = hex("6000000000001140") + QByteArray(32, '\1');
    QTest::newRow("VXLAN, an Ethernet frame of IPv4")
        << 4789 << vxlan(ethernet("0800", kIpv4)) << v4 << 20;
    QTest::newRow("VXLAN, 802.1Q inside")
        << 4789 << vxlan(kEthernetHeader + hex("8100000a86dd") + ipv6) << v6 << 40;
    QTest::newRow("VXLAN without its I flag")
        << 4789 << hex("0000000000007b00") + ethernet("0800", kIpv4) << none << 0;
    QTest::newRow("VXLAN header cut") << 4789 << hex("08000000000000") << none << 0;
    QTest::newRow("VXLAN carrying ARP")
        << 4789 << vxlan(ethernet("0806", QByteArray(28, '\0'))) << none << 0;
    QTest::newRow("VXLAN frame cut in its Ethernet header")
        << 4789 << vxlan(kEthernetHeader.left(10)) << none << 0;
    QTest::newRow("GENEVE, bare IPv4") << 6081 << hex("0000080000000700") + kIpv4 << v4 << 20;
    QTest::newRow("GENEVE, an AWS option of 12 bytes, then IPv6")
        << 6081 << hex("030086dd00000700") + hex("010801020001020304050607") + ipv6 << v6 << 40;
    QTest::newRow("GENEVE, Ethernet inside")
        << 6081 << hex("0000655800000700") + ethernet("0800", kIpv4) << v4 << 20;
    QTest::newRow("GENEVE options longer than the datagram")
        << 6081 << hex("3f00080000000700") + kIpv4 << none << 0;
    QTest::newRow("GENEVE version 1") << 6081 << hex("4000080000000700") + kIpv4 << none << 0;
    QTest::newRow("GENEVE of LLDP") << 6081 << hex("000088cc00000700") + kIpv4 << none << 0;
    QTest::newRow("another port") << 4790 << vxlan(ethernet("0800", kIpv4)) << none << 0;
}

void TestTunnels::decode()
{
    QFETCH(int, port);
    QFETCH(QByteArray, payload);
    QFETCH(int, protocol);
    QFETCH(int, innerSize);
    const LinkFrame inner = decodeTunnel(
        static_cast<std::uint16_t>(port),
        pl::proxy::ByteSpan(reinterpret_cast<const std::uint8_t *>(payload.constData()),
                            static_cast<std::size_t>(payload.size())));
    QCOMPARE(int(inner.protocol), protocol);
    if (protocol != int(NetworkProtocol::None))
        QCOMPARE(int(inner.network.size()), innerSize);
}

void TestTunnels::nestingStopsAtFourTunnels()
{
    // Six VXLAN layers around a datagram: four are opened, the fifth is
    // left as a datagram (not followed further), and reading ends.
    QByteArray packet = ipv4Udp(9999, QByteArrayLiteral("inner"));
    for (int i = 0; i < 6; ++i)
        packet = ipv4Udp(kVxlanPort, vxlan(ethernet("0800", packet)));
    QTemporaryDir dir;
    const pl::test::ReadAll r =
        pl::test::readAll(writePcap(dir, {ethernet("0800", packet), ethernet("0800", packet)}));
    QVERIFY(r.error.message.isEmpty());
    QCOMPARE(r.counters.packets, 2u);
    QCOMPARE(r.counters.tunnelledPackets, 8u);
    QCOMPARE(r.counters.udpDatagrams, 10u); // the outer one and four inside, per packet
}

QTEST_GUILESS_MAIN(TestTunnels)
#include "tst_tunnels.moc"
