#include "proxy/crc32c.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pl::proxy;

class TestCrc32c : public QObject
{
    Q_OBJECT

private slots:
    void knownVectors_data();
    void knownVectors();
    void hardwareAndTableAgree();
    void headerCrcZeroesTheField();
};

static ByteSpan span(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()),
            static_cast<std::size_t>(b.size())};
}

void TestCrc32c::knownVectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint32>("expected");
    // RFC 3720 B.4 and the spec's check value.
    QTest::newRow("check value") << QByteArray("123456789") << 0xE3069283u;
    QTest::newRow("empty") << QByteArray() << 0x00000000u;
    QTest::newRow("32 zeros") << QByteArray(32, '\0') << 0x8A9136AAu;
    QTest::newRow("32 0xFF") << QByteArray(32, '\xff') << 0x62A8AB43u;
    QByteArray ascending(32, '\0');
    for (int i = 0; i < 32; ++i)
        ascending[i] = static_cast<char>(i);
    QTest::newRow("32 ascending") << ascending << 0x46DD794Eu;
}

void TestCrc32c::knownVectors()
{
    QFETCH(QByteArray, input);
    QFETCH(quint32, expected);
    QCOMPARE(crc32c(span(input)), expected);
    QCOMPARE(~detail::crc32cUpdateTable(0xFFFFFFFFu, span(input)), expected);
}

void TestCrc32c::hardwareAndTableAgree()
{
    QRandomGenerator rng(42);
    for (int n = 0; n < 300; ++n) {
        QByteArray data(n, '\0');
        for (auto &c : data)
            c = static_cast<char>(rng.bounded(256));
        QCOMPARE(detail::crc32cUpdateHardware(0xFFFFFFFFu, span(data)),
                 detail::crc32cUpdateTable(0xFFFFFFFFu, span(data)));
    }
}

void TestCrc32c::headerCrcZeroesTheField()
{
    QByteArray data("abcdefghijklmnop");
    QByteArray zeroed = data;
    zeroed.replace(5, 4, QByteArray(4, '\0'));
    QCOMPARE(headerCrc32c(span(data), 5), crc32c(span(zeroed)));
}

QTEST_GUILESS_MAIN(TestCrc32c)
#include "tst_crc32c.moc"
