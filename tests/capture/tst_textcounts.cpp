// perf::TextCounts, which the capture totals count with, agrees with a
// plain map.

#include "perf/textcounts.h"
#include "proxy/bytearrayspan.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pl::perf;

class TestTextCounts : public QObject
{
    Q_OBJECT

private slots:
    void textCountsMatchAMap();
};

void TestTextCounts::textCountsMatchAMap()
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

QTEST_GUILESS_MAIN(TestTextCounts)
#include "tst_textcounts.moc"
