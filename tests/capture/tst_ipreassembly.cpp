// IP fragments rebuilt into datagrams: any order, duplicates, and every way
// a datagram is given up (overlaps with other bytes, misaligned or cut
// fragments, lengths past the last fragment or 65,535 bytes, time-outs, too
// many in progress), each fragment of it counted as lost.

#include "capture/ipreassembly.h"

#include <QTest>

#include <cstdint>
#include <vector>

using namespace pl::capture;

namespace {

// A UDP datagram of `size` bytes: header (ports 1000 -> 2000, its length),
// then bytes 0, 1, 2... so that every position holds a known value.
std::vector<std::uint8_t> datagram(std::size_t size)
{
    std::vector<std::uint8_t> bytes(size);
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = std::uint8_t(i * 7 + 3);
    bytes[0] = 0x03;
    bytes[1] = 0xE8;
    bytes[2] = 0x07;
    bytes[3] = 0xD0;
    bytes[4] = std::uint8_t(size >> 8);
    bytes[5] = std::uint8_t(size & 0xFF);
    return bytes;
}

struct Piece
{
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    bool more = true;
    std::int64_t timeNs = 0;
    std::uint32_t id = 1;
    std::uint32_t captured = UINT32_MAX; // fewer: cut by the snapshot length
    bool ipv6 = false;
};

IpPacket fragmentOf(const std::vector<std::uint8_t> &bytes, const Piece &p)
{
    IpPacket ip;
    ip.status = IpStatus::Fragment;
    ip.ipv6 = p.ipv6;
    ip.source[0] = 10;
    ip.source[3] = 1;
    ip.destination[0] = 10;
    ip.destination[3] = 2;
    ip.protocol = 17;
    ip.fragmentId = p.id;
    ip.fragmentOffset = p.offset;
    ip.moreFragments = p.more;
    ip.payloadWireLength = p.length;
    const std::size_t available = p.offset < bytes.size() ? bytes.size() - p.offset : 0;
    const std::size_t n = std::min<std::size_t>({p.length, p.captured, available});
    ip.payload =
        pl::proxy::ByteSpan(bytes.data() + std::min<std::size_t>(p.offset, bytes.size()), n);
    return ip;
}

} // namespace

class TestIpReassembly : public QObject
{
    Q_OBJECT

private slots:
    void orders_data();
    void orders();
    void givenUp_data();
    void givenUp();
    void timeOutFreesTheKey();
    void tooManyInProgress();
    void ipv6DestinationOptionsAfterTheFragmentHeader();
};

void TestIpReassembly::orders_data()
{
    QTest::addColumn<QList<int>>(
        "order");                        // indexes into three fragments 0-799, 800-1599, 1600-1999
    QTest::addColumn<bool>("duplicate"); // the first fragment given twice
    QTest::newRow("in order") << QList<int>{0, 1, 2} << false;
    QTest::newRow("last first") << QList<int>{2, 1, 0} << false;
    QTest::newRow("middle last") << QList<int>{0, 2, 1} << false;
    QTest::newRow("a fragment twice, same bytes") << QList<int>{0, 1, 2} << true;
}

void TestIpReassembly::orders()
{
    QFETCH(QList<int>, order);
    QFETCH(bool, duplicate);
    const std::vector<std::uint8_t> bytes = datagram(2000);
    const Piece pieces[] = {{0, 800}, {800, 800}, {1600, 400, false}};
    IpReassembler r;
    IpPacket whole;
    QList<int> sequence = order;
    if (duplicate)
        sequence.insert(1, order.front());
    for (int i = 0; i < sequence.size(); ++i) {
        const IpReassembler::Result result =
            r.add(fragmentOf(bytes, pieces[sequence[i]]), i * 1000, whole);
        QCOMPARE(result, i + 1 == sequence.size() ? IpReassembler::Result::Complete
                                                  : IpReassembler::Result::Pending);
    }
    QCOMPARE(whole.status, IpStatus::Ok);
    QCOMPARE(whole.protocol, std::uint8_t(17));
    QCOMPARE(whole.payload.size(), std::size_t(2000));
    QCOMPARE(whole.payloadWireLength, 2000u);
    QVERIFY(std::equal(bytes.begin(), bytes.end(), whole.payload.begin()));
    QCOMPARE(whole.source[3], std::uint8_t(1));
    QCOMPARE(r.reassembled(), 1u);
    r.finish();
    QCOMPARE(r.lostFragments(), 0u);
}

void TestIpReassembly::givenUp_data()
{
    QTest::addColumn<QList<Piece>>("pieces");
    QTest::addColumn<bool>("changeBytes"); // the second piece carries other bytes
    QTest::addColumn<quint64>("lost");
    QTest::newRow("overlap with other bytes")
        << QList<Piece>{{0, 800}, {792, 808}, {1600, 400, false}} << true << quint64(3);
    QTest::newRow("non-last fragment not a multiple of 8")
        << QList<Piece>{{0, 801}, {801, 1199, false}} << false << quint64(2);
    QTest::newRow("a fragment past the last one")
        << QList<Piece>{{1600, 400, false}, {2000, 800}, {0, 800}} << false << quint64(3);
    QTest::newRow("two last fragments that disagree")
        << QList<Piece>{{1600, 400, false}, {0, 1000, false}} << false << quint64(2);
    QTest::newRow("cut by the snapshot length")
        << QList<Piece>{{0, 800, true, 0, 1, 100}, {800, 1200, false}} << false << quint64(2);
    QTest::newRow("past 65,535 bytes")
        << QList<Piece>{{0, 800}, {65000, 800, false}} << false << quint64(2);
    QTest::newRow("never completed")
        << QList<Piece>{{0, 800}, {1600, 400, false}} << false << quint64(2);
}

void TestIpReassembly::givenUp()
{
    QFETCH(QList<Piece>, pieces);
    QFETCH(bool, changeBytes);
    QFETCH(quint64, lost);
    const std::vector<std::uint8_t> bytes = datagram(66000);
    std::vector<std::uint8_t> other = bytes;
    for (std::uint8_t &b : other)
        b ^= 0x5A;
    IpReassembler r;
    IpPacket whole;
    for (int i = 0; i < pieces.size(); ++i) {
        const auto result =
            r.add(fragmentOf(changeBytes && i == 1 ? other : bytes, pieces[i]), i, whole);
        QVERIFY(result != IpReassembler::Result::Complete);
    }
    r.finish();
    QCOMPARE(r.reassembled(), 0u);
    QCOMPARE(r.lostFragments(), lost);
}

void TestIpReassembly::timeOutFreesTheKey()
{
    // The first fragment of a datagram, then 31 s later the same ID again
    // (the 16-bit IPv4 ID wraps): the old one is lost, the new one whole.
    const std::vector<std::uint8_t> bytes = datagram(1600);
    IpReassembler r;
    IpPacket whole;
    constexpr std::int64_t s = 1000000000;
    QCOMPARE(r.add(fragmentOf(bytes, {0, 800}), 0, whole), IpReassembler::Result::Pending);
    QCOMPARE(r.add(fragmentOf(bytes, {0, 800}), 31 * s, whole), IpReassembler::Result::Pending);
    QCOMPARE(r.add(fragmentOf(bytes, {800, 800, false}), 32 * s, whole),
             IpReassembler::Result::Complete);
    QCOMPARE(r.lostFragments(), 1u);
    QCOMPARE(r.reassembled(), 1u);
}

void TestIpReassembly::tooManyInProgress()
{
    // A flood of first fragments that never complete: memory stays bounded
    // (the oldest are given up), and a datagram sent whole afterwards is
    // still rebuilt.
    const std::vector<std::uint8_t> bytes = datagram(1600);
    IpReassembler r;
    IpPacket whole;
    constexpr std::uint32_t kFlood = 10000;
    for (std::uint32_t id = 0; id < kFlood; ++id)
        QCOMPARE(r.add(fragmentOf(bytes, {0, 800, true, 0, id + 100}), 0, whole),
                 IpReassembler::Result::Pending);
    QVERIFY(r.lostFragments() >= kFlood - 4096);
    QCOMPARE(r.add(fragmentOf(bytes, {0, 800, true, 0, 1}), 0, whole),
             IpReassembler::Result::Pending);
    QCOMPARE(r.add(fragmentOf(bytes, {800, 800, false, 0, 1}), 0, whole),
             IpReassembler::Result::Complete);
    r.finish();
    QCOMPARE(r.lostFragments(), quint64(kFlood));
}

void TestIpReassembly::ipv6DestinationOptionsAfterTheFragmentHeader()
{
    // RFC 8200: the fragmentable part may start with destination options;
    // the transport header follows them.
    std::vector<std::uint8_t> bytes = datagram(1608);
    bytes[0] = 17; // next header: UDP
    bytes[1] = 0;  // 8 bytes of options
    IpReassembler r;
    IpPacket whole;
    Piece first{0, 800};
    first.ipv6 = true;
    Piece last{800, 808, false};
    last.ipv6 = true;
    IpPacket a = fragmentOf(bytes, first);
    a.protocol = 60; // destination options
    IpPacket b = fragmentOf(bytes, last);
    b.protocol = 60;
    QCOMPARE(r.add(a, 0, whole), IpReassembler::Result::Pending);
    QCOMPARE(r.add(b, 0, whole), IpReassembler::Result::Complete);
    QCOMPARE(whole.status, IpStatus::Ok);
    QVERIFY(whole.ipv6);
    QCOMPARE(whole.protocol, std::uint8_t(17));
    QCOMPARE(whole.payload.size(), std::size_t(1600));
    QCOMPARE(whole.payload[0], bytes[8]);
}

QTEST_APPLESS_MAIN(TestIpReassembly)
#include "tst_ipreassembly.moc"
