// First-bytes reassembly of one TCP direction: the cases a capture throws at it.

#include "capture/streamreassembler.h"

#include <QTest>

using pl::capture::StreamReassembler;

namespace {

pl::proxy::ByteSpan span(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()),
            static_cast<std::size_t>(b.size())};
}

QByteArray bytes(pl::proxy::ByteSpan s)
{
    return {reinterpret_cast<const char *>(s.data()), static_cast<qsizetype>(s.size())};
}

} // namespace

// A segment: sequence offset from the base, and its bytes.
struct Segment
{
    qint64 offset;
    QByteArray data;
};
Q_DECLARE_METATYPE(QList<Segment>)

class TestStreamReassembler : public QObject
{
    Q_OBJECT

private slots:
    void reassembles_data();
    void reassembles();
    void capBoundsMemory();
    void releaseDropsEverything();
    void settleKeepsBorrowedBytes();
};

void TestStreamReassembler::reassembles_data()
{
    QTest::addColumn<quint32>("base");
    QTest::addColumn<QList<Segment>>("segments");
    QTest::addColumn<QByteArray>("contiguous");
    QTest::addColumn<bool>("dataAfterHole");
    QTest::addColumn<bool>("retransmission");
    QTest::addColumn<bool>("mismatch");

    const QByteArray abc("abcdefghij");
    QTest::newRow("in order") << 1000u << QList<Segment>{{0, "abc"}, {3, "defg"}, {7, "hij"}} << abc
                              << false << false << false;
    QTest::newRow("out of order") << 1000u << QList<Segment>{{7, "hij"}, {3, "defg"}, {0, "abc"}}
                                  << abc << false << false << false;
    QTest::newRow("retransmitted")
        << 1000u << QList<Segment>{{0, "abc"}, {0, "abc"}, {3, "defghij"}} << abc << false << true
        << false;
    QTest::newRow("overlapping") << 1000u << QList<Segment>{{0, "abcde"}, {3, "defgh"}, {8, "ij"}}
                                 << abc << false << true << false;
    QTest::newRow("overlap with other bytes: first copy wins")
        << 1000u << QList<Segment>{{0, "abcde"}, {3, "XXfgh"}, {8, "ij"}} << abc << false << true
        << true;
    // Out of order, resent before the hole filled: the first copy still
    // wins, and a different second copy is told (it used to replace the
    // first when longer, silently).
    QTest::newRow("held segment resent longer and different")
        << 1000u << QList<Segment>{{5, "fgh"}, {5, "XXhij"}, {0, "abcde"}} << abc << false << true
        << true;
    QTest::newRow("held segment resent the same")
        << 1000u << QList<Segment>{{5, "fgh"}, {5, "fghij"}, {0, "abcde"}} << abc << false << true
        << false;
    QTest::newRow("held bytes differ from those that fill the hole")
        << 1000u << QList<Segment>{{3, "XXfg"}, {0, "abcde"}, {7, "hij"}} << abc << false << true
        << true;
    QTest::newRow("gap") << 1000u << QList<Segment>{{0, "abc"}, {7, "hij"}} << QByteArray("abc")
                         << true << false << false;
    QTest::newRow("sequence wraps")
        << 0xFFFFFFFEu << QList<Segment>{{0, "abc"}, {3, "defg"}, {7, "hij"}} << abc << false
        << false << false;
    QTest::newRow("bytes before the base are ignored")
        << 1000u << QList<Segment>{{-2, "zzabc"}, {3, "defghij"}} << abc << false << false << false;
}

void TestStreamReassembler::reassembles()
{
    QFETCH(quint32, base);
    QFETCH(QList<Segment>, segments);
    QFETCH(QByteArray, contiguous);
    QFETCH(bool, dataAfterHole);
    QFETCH(bool, retransmission);
    QFETCH(bool, mismatch);
    StreamReassembler r(1024);
    r.setBase(base);
    bool sawRetransmission = false;
    bool sawMismatch = false;
    for (const Segment &s : segments) {
        const auto result =
            r.add(static_cast<std::uint32_t>(base + static_cast<quint32>(s.offset)), span(s.data));
        r.settle(); // as the flow does before the packet buffer moves on
        sawRetransmission |= result.retransmission;
        sawMismatch |= result.mismatch;
    }
    QCOMPARE(bytes(r.contiguous()), contiguous);
    QCOMPARE(r.hasDataAfterHole(), dataAfterHole);
    QCOMPARE(sawRetransmission, retransmission);
    QCOMPARE(sawMismatch, mismatch);
}

void TestStreamReassembler::capBoundsMemory()
{
    StreamReassembler r(8);
    r.setBase(0);
    const QByteArray segment("0123456789abcdef"); // alive until settle(), as a packet is
    r.add(0, span(segment));
    r.settle();
    QCOMPARE(bytes(r.contiguous()), QByteArray("01234567"));
    QVERIFY(r.capReached());
    r.add(100, span(QByteArray("far away")));
    QVERIFY(!r.hasDataAfterHole());
}

void TestStreamReassembler::releaseDropsEverything()
{
    StreamReassembler r(64);
    r.setBase(0);
    r.add(10, span(QByteArray("later")));
    r.release();
    QVERIFY(r.released());
    QVERIFY(r.contiguous().empty());
    QVERIFY(!r.hasDataAfterHole());
    r.add(0, span(QByteArray("ignored")));
    QVERIFY(r.contiguous().empty());
}

QTEST_GUILESS_MAIN(TestStreamReassembler)
#include "tst_streamreassembler.moc"

void TestStreamReassembler::settleKeepsBorrowedBytes()
{
    // The first segment is only viewed; settle() must copy it before the
    // caller's buffer (libpcap's packet buffer) is reused.
    StreamReassembler r(64);
    r.setBase(0);
    QByteArray packet("PROXY TCP4 ");
    r.add(0, span(packet));
    r.settle();
    packet.fill('x');
    QCOMPARE(bytes(r.contiguous()), QByteArray("PROXY TCP4 "));
    QByteArray next("1.2.3.4");
    r.add(11, span(next));
    r.settle();
    next.fill('y');
    QCOMPARE(bytes(r.contiguous()), QByteArray("PROXY TCP4 1.2.3.4"));
}
