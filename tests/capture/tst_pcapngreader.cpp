// pcapng files whose interfaces differ in link type, which libpcap refuses
// and PcapSource reads on by itself: every packet with its interface's link
// type and time unit, and every damaged block named with its file offset,
// the packets before it kept.

#include "capture/pcapsource.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <limits>

using namespace pl::capture;

namespace {

// Little- or big-endian pcapng blocks.
struct Writer
{
    bool big = false;

    QByteArray u16(std::uint16_t v) const
    {
        QByteArray b(2, '\0');
        b[big ? 0 : 1] = char(v >> 8);
        b[big ? 1 : 0] = char(v & 0xFF);
        return b;
    }
    QByteArray u32(std::uint32_t v) const
    {
        QByteArray b(4, '\0');
        for (int i = 0; i < 4; ++i)
            b[big ? 3 - i : i] = char((v >> (8 * i)) & 0xFF);
        return b;
    }
    QByteArray block(std::uint32_t type, QByteArray body) const
    {
        body.append((4 - body.size() % 4) % 4, '\0');
        const auto length = std::uint32_t(12 + body.size());
        return u32(type) + u32(length) + body + u32(length);
    }
    QByteArray section() const
    {
        return block(0x0A0D0D0A,
                     u32(0x1A2B3C4D) + u16(1) + u16(0) + u32(0xFFFFFFFF) + u32(0xFFFFFFFF));
    }
    // tsresol: -1 for none (microseconds).
    QByteArray interface(std::uint16_t linkType, int tsresol = -1) const
    {
        QByteArray body = u16(linkType) + u16(0) + u32(65535);
        if (tsresol >= 0)
            body += u16(9) + u16(1) + char(tsresol) + QByteArray(3, '\0') + u16(0) + u16(0);
        return block(1, body);
    }
    QByteArray packet(std::uint32_t interfaceId, std::uint64_t stamp, const QByteArray &data) const
    {
        return block(6, u32(interfaceId) + u32(std::uint32_t(stamp >> 32)) +
                            u32(std::uint32_t(stamp)) + u32(std::uint32_t(data.size())) +
                            u32(std::uint32_t(data.size())) + data);
    }
};

const QByteArray kFrame = QByteArray::fromHex("4500001400010000401100000a0000010a000002");

struct Read
{
    QList<int> linkTypes;
    QList<std::int64_t> times;
    CaptureError error;
};

Read readFile(const QByteArray &bytes)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.pcapng"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write the capture");
    f.close();
    Read r;
    PcapSource source;
    if (!source.openFile(path)) {
        r.error = source.error();
        return r;
    }
    Packet p;
    std::uint64_t expected = 0;
    for (;;) {
        const PcapSource::ReadStatus status = source.next(p);
        if (status != PcapSource::ReadStatus::Packet)
            break;
        if (p.frame != ++expected)
            qFatal("frames out of order");
        r.linkTypes << p.linkType;
        r.times << p.timeNs;
    }
    r.error = source.error();
    return r;
}

} // namespace

class TestPcapngReader : public QObject
{
    Q_OBJECT

private slots:
    void interfacesOfSeveralLinkTypes();
    void stampsPastTheYear2262();
    void damagedBlocks_data();
    void damagedBlocks();
};

void TestPcapngReader::interfacesOfSeveralLinkTypes()
{
    const Writer le;
    Writer be;
    be.big = true;
    const QByteArray bytes =
        le.section() + le.interface(1) + le.packet(0, 1000000, QByteArray(14, '\0') + kFrame) +
        le.interface(101, 9) + le.block(4, QByteArray(8, '\0')) + // a name resolution block
        le.packet(1, 2000000000, kFrame) + le.packet(0, 3000000, QByteArray(14, '\0') + kFrame) +
        be.section() + be.interface(276, 0x80 | 10) + be.packet(0, 1024, kFrame) +
        be.block(3, be.u32(20) + kFrame); // a Simple Packet Block: interface 0, no time
    const Read r = readFile(bytes);
    QVERIFY2(!r.error, qPrintable(r.error.message));
    QCOMPARE(r.linkTypes, (QList<int>{1, 101, 1, 276, 276}));
    QCOMPARE(r.times, (QList<std::int64_t>{1000000000, 2000000000, 3000000000, 1000000000,
                                           0})); // 1024 x 2^-10 s
}

void TestPcapngReader::stampsPastTheYear2262()
{
    // 64-bit stamps in seconds (if_tsresol 0) hold times no nanosecond
    // count can: they stop at the largest time, by libpcap's path (one
    // interface) and by the reader's own (two link types), never overflow.
    const Writer w;
    constexpr std::int64_t kLargest = std::numeric_limits<std::int64_t>::max();
    const QByteArray frame = QByteArray(14, '\0') + kFrame;
    const Read libpcap =
        readFile(w.section() + w.interface(1, 0) + w.packet(0, 1700000000123456ULL, frame));
    QVERIFY2(!libpcap.error, qPrintable(libpcap.error.message));
    QCOMPARE(libpcap.times, QList<std::int64_t>{kLargest});
    const Read own =
        readFile(w.section() + w.interface(1, 0) + w.interface(101, 0) +
                 w.packet(1, 1700000000123456ULL, kFrame) + w.packet(0, 1700000000, frame));
    QVERIFY2(!own.error, qPrintable(own.error.message));
    QCOMPARE(own.times, (QList<std::int64_t>{kLargest, 1700000000LL * 1000000000}));
}

void TestPcapngReader::damagedBlocks_data()
{
    QTest::addColumn<QByteArray>("tail"); // after two interfaces and one packet each
    QTest::addColumn<int>("packets");     // read before the error
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("offsetFromTail");

    const Writer w;
    QByteArray pastBlock = w.packet(1, 0, kFrame);
    pastBlock.replace(20, 4, w.u32(400)); // captured length 400 in a 20-byte block
    QTest::newRow("captured length past its block")
        << pastBlock << 2 << QStringLiteral("captured length 400 runs past its block") << 0ll;
    QByteArray trailing = w.packet(1, 0, kFrame);
    trailing.replace(trailing.size() - 4, 4, w.u32(44));
    QTest::newRow("trailing length differs")
        << trailing << 2 << QStringLiteral("its trailing length 44 is not its length") << 0ll;
    QTest::newRow("an interface never described")
        << w.packet(7, 0, kFrame) << 2
        << QStringLiteral("packet of interface 7, which the file has not described") << 0ll;
    QTest::newRow("cut inside a block") << w.packet(1, 0, kFrame).left(30) << 2
                                        << QStringLiteral("the file ends inside a block") << 0ll;
    QTest::newRow("cut inside a block header")
        << w.packet(1, 0, kFrame).left(5) << 2
        << QStringLiteral("the file ends inside a block header") << 0ll;
    QByteArray odd = w.packet(1, 0, kFrame);
    odd.replace(4, 4, w.u32(42));
    QTest::newRow("a length that is no multiple of 4")
        << odd << 2 << QStringLiteral("impossible length 42") << 0ll;
    QByteArray huge = w.packet(1, 0, kFrame);
    huge.replace(4, 4, w.u32(0x7FFFFFFC));
    QTest::newRow("a block of 2 GiB") << huge << 2 << QStringLiteral("impossible length") << 0ll;
    QTest::newRow("an interface option past its block")
        << w.block(1, w.u16(1) + w.u16(0) + w.u32(65535) + w.u16(9) + w.u16(200)) << 2
        << QStringLiteral("interface option 9 runs past its block") << 0ll;
    QTest::newRow("a section without the byte-order magic")
        << w.block(0x0A0D0D0A, w.u32(0x11223344) + QByteArray(12, '\0')) << 2
        << QStringLiteral("without the byte-order magic") << 0ll;
    QTest::newRow("a packet after a good one, then damage")
        << w.packet(0, 5, QByteArray(14, '\0') + kFrame) + w.packet(9, 0, kFrame) << 3
        << QStringLiteral("packet of interface 9")
        << qint64(w.packet(0, 5, QByteArray(14, '\0') + kFrame).size());
}

void TestPcapngReader::damagedBlocks()
{
    QFETCH(QByteArray, tail);
    QFETCH(int, packets);
    QFETCH(QString, message);
    QFETCH(qint64, offsetFromTail);
    const Writer w;
    const QByteArray head = w.section() + w.interface(1) +
                            w.packet(0, 1, QByteArray(14, '\0') + kFrame) + w.interface(101) +
                            w.packet(1, 2, kFrame);
    const Read r = readFile(head + tail);
    QCOMPARE(r.linkTypes.size(), packets);
    QCOMPARE(r.error.code, CaptureError::Code::Damaged);
    QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
    QCOMPARE(r.error.fileOffset, head.size() + offsetFromTail);
    QCOMPARE(r.error.frame, std::uint64_t(packets + 1));
}

QTEST_GUILESS_MAIN(TestPcapngReader)
#include "tst_pcapngreader.moc"
