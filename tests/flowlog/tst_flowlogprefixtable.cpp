// Longest-prefix match against a naive scan over random prefixes, IPv4 and
// IPv6, and the lookup cost with 100k prefixes loaded.

#include "flowlog/ownership.h"
#include "flowlog/prefixtable.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <set>

using namespace pl::flowlog;

namespace {

struct Naive
{
    std::vector<std::pair<IpPrefix, std::int32_t>> prefixes;

    std::int32_t lookup(const IpAddress &a) const
    {
        int best = -1;
        std::int32_t value = -1;
        for (const auto &[p, v] : prefixes) {
            if (a.value >= p.first() && a.value <= p.last() && p.length > best) {
                best = p.length;
                value = v;
            }
        }
        return value;
    }
};

IpPrefix randomPrefix(QRandomGenerator &rng, bool v4)
{
    Uint128 value = 0;
    int length = 0;
    if (v4) {
        value = (Uint128(0xFFFF) << 32) | rng.generate();
        length = 96 + int(rng.bounded(8, 33));
    } else {
        // A few top-level blocks so that prefixes nest often.
        value = (Uint128(0x2400u + rng.bounded(4u)) << 112) | (Uint128(rng.generate64()) << 48) |
                rng.generate64();
        length = int(rng.bounded(16, 129));
    }
    const Uint128 mask = length >= 128 ? ~Uint128(0) : ~((Uint128(1) << (128 - length)) - 1);
    return IpPrefix{IpAddress{value & mask}, length};
}

IpAddress randomAddressNear(QRandomGenerator &rng, const IpPrefix &p)
{
    const Uint128 span = p.last() - p.first();
    Uint128 offset = (Uint128(rng.generate64()) << 64) | rng.generate64();
    if (span != ~Uint128(0))
        offset %= span + 1;
    // Sometimes just outside the prefix.
    if (rng.bounded(4) == 0)
        return IpAddress{p.last() + 1};
    return IpAddress{p.first() + offset};
}

} // namespace

class TestFlowlogPrefixTable : public QObject
{
    Q_OBJECT

private slots:
    void matchesNaiveScan_data();
    void matchesNaiveScan();
    void specialRangesWinOverListedRanges();
    void hundredThousandPrefixesStayCheap();
};

void TestFlowlogPrefixTable::matchesNaiveScan_data()
{
    QTest::addColumn<bool>("v4");
    QTest::addColumn<int>("prefixes");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("IPv4, 50 prefixes") << true << 50 << 1u;
    QTest::newRow("IPv4, 3000 prefixes") << true << 3000 << 2u;
    QTest::newRow("IPv6, 50 prefixes") << false << 50 << 3u;
    QTest::newRow("IPv6, 3000 prefixes") << false << 3000 << 4u;
}

void TestFlowlogPrefixTable::matchesNaiveScan()
{
    QFETCH(bool, v4);
    QFETCH(int, prefixes);
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    PrefixTable table;
    Naive naive;
    std::set<std::pair<Uint128, int>> seen;
    for (int i = 0; i < prefixes; ++i) {
        IpPrefix p = randomPrefix(rng, v4);
        // Nest some inside an earlier one.
        // (Only among those kept: duplicates are skipped, so there may be
        // fewer than i.)
        if (!naive.prefixes.empty() && rng.bounded(3) == 0) {
            const IpPrefix &outer =
                naive.prefixes[rng.bounded(quint32(naive.prefixes.size()))].first;
            if (outer.length < 128) {
                const int length = outer.length + 1 + int(rng.bounded(quint32(128 - outer.length)));
                const auto nested = parseIpPrefix(ipAddressText(randomAddressNear(rng, outer)) +
                                                  "/" + std::to_string(v4 ? length - 96 : length));
                if (!nested)
                    continue;
                p = *nested;
            }
        }
        if (!seen.insert({p.first(), p.length}).second)
            continue;
        table.add(p, i);
        naive.prefixes.push_back({p, i});
    }
    table.build();
    for (int i = 0; i < 20000; ++i) {
        const auto &p = naive.prefixes[rng.bounded(quint32(naive.prefixes.size()))].first;
        const IpAddress a = randomAddressNear(rng, p);
        if (table.lookup(a) != naive.lookup(a))
            QFAIL(qPrintable(QStringLiteral("lookup of %1: %2, naive %3")
                                 .arg(QString::fromStdString(ipAddressText(a)))
                                 .arg(table.lookup(a))
                                 .arg(naive.lookup(a))));
    }
    // Far from every prefix: no match.
    const IpAddress far = *parseIpAddress(v4 ? "0.0.0.1" : "::2");
    QCOMPARE(table.lookup(far), naive.lookup(far));
}

void TestFlowlogPrefixTable::specialRangesWinOverListedRanges()
{
    Ownership own;
    Owner oss;
    oss.provider = "alibaba";
    oss.service = "OSS";
    own.addPrefix(*parseIpPrefix("100.64.0.0/16"), oss); // longer than 100.64/10
    own.addPrefix(*parseIpPrefix("118.178.0.0/16"), oss);
    own.build();
    QVERIFY(own.isSpecial(*parseIpAddress("100.64.1.1")));
    QCOMPARE(own.lookup(*parseIpAddress("100.64.1.1"))->kind, OwnerKind::Special);
    QCOMPARE(own.lookup(*parseIpAddress("118.178.3.4"))->service, std::string("OSS"));
    QVERIFY(own.lookup(*parseIpAddress("8.8.8.8")) == nullptr);
    QVERIFY(own.isSpecial(*parseIpAddress("fe80::1")));
    QVERIFY(own.isSpecial(*parseIpAddress("fd12::1")));
    QVERIFY(own.isSpecial(*parseIpAddress("224.0.0.251")));
    QVERIFY(!own.isSpecial(*parseIpAddress("203.0.113.5"))); // documentation: public by default
    QVERIFY(Ownership(true).isSpecial(*parseIpAddress("203.0.113.5")));
}

void TestFlowlogPrefixTable::hundredThousandPrefixesStayCheap()
{
    QRandomGenerator rng(42);
    PrefixTable table;
    for (int i = 0; i < 100000; ++i)
        table.add(randomPrefix(rng, i % 2 == 0), i);
    QElapsedTimer timer;
    timer.start();
    table.build();
    const qint64 buildMs = timer.elapsed();
    std::vector<IpAddress> addresses;
    for (int i = 0; i < 1000000; ++i)
        addresses.push_back(IpAddress{(Uint128(0xFFFF) << 32) | rng.generate()});
    timer.restart();
    std::int64_t found = 0;
    for (const IpAddress &a : addresses)
        found += table.lookup(a) >= 0;
    const qint64 lookupMs = timer.elapsed();
    qInfo("100k prefixes: build %lld ms, 1M lookups %lld ms (%lld matched), %zu intervals", buildMs,
          lookupMs, static_cast<long long>(found), table.intervalCount());
    // The figures are for people (bench/README.md); a clock is no assertion
    // on a shared machine (this one failed under a parallel build).
    QVERIFY(found > 0);
}

QTEST_GUILESS_MAIN(TestFlowlogPrefixTable)
#include "tst_flowlogprefixtable.moc"
