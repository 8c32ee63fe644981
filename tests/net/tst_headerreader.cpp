// assessHeader: when a listener may act on a connection's first bytes.

#include "net/headerreader.h"
#include "proxy/bytearrayspan.h"
#include "proxy/headerbuilder.h"

#include <QTest>

using namespace pl::net;
using namespace pl::proxy;

Q_DECLARE_METATYPE(pl::net::HeaderPolicy)
Q_DECLARE_METATYPE(pl::net::HeaderState)

namespace {

QByteArray v2Header()
{
    HeaderSpec spec;
    spec.sourceAddress = QHostAddress(QStringLiteral("10.0.0.1"));
    spec.destinationAddress = QHostAddress(QStringLiteral("10.0.0.2"));
    spec.sourcePort = 1234;
    spec.destinationPort = 80;
    spec.crc = CrcMode::Auto;
    spec.tlvs.append({0x02, "a.example"});
    return encodeHeader(spec);
}

const QByteArray kV1 = "PROXY TCP4 10.0.0.1 10.0.0.2 1234 80\r\n";

} // namespace

class TestHeaderReader : public QObject
{
    Q_OBJECT

private slots:
    void states_data();
    void states();
    void everyPrefixWaits();
    void limitStopsEarly();
};

void TestHeaderReader::states_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<HeaderPolicy>("policy");
    QTest::addColumn<HeaderState>("state");
    QTest::addColumn<int>("length");
    const QByteArray v2 = v2Header();
    const QByteArray get = "GET / HTTP/1.1\r\n\r\n";
    QTest::newRow("nothing yet") << QByteArray() << HeaderPolicy::RequireV2 << HeaderState::NeedMore
                                 << 0;
    QTest::newRow("v2 + payload") << v2 + get << HeaderPolicy::RequireV2 << HeaderState::Complete
                                  << int(v2.size());
    QTest::newRow("v2 either") << v2 << HeaderPolicy::Either << HeaderState::Complete
                               << int(v2.size());
    QTest::newRow("v2 under v1 policy")
        << v2 << HeaderPolicy::RequireV1 << HeaderState::PolicyMismatch << int(v2.size());
    QTest::newRow("v1 under v2 policy")
        << kV1 << HeaderPolicy::RequireV2 << HeaderState::PolicyMismatch << int(kV1.size());
    QTest::newRow("v1 + payload") << kV1 + get << HeaderPolicy::RequireV1 << HeaderState::Complete
                                  << int(kV1.size());
    QTest::newRow("http, header required")
        << get << HeaderPolicy::Either << HeaderState::Missing << 0;
    QTest::newRow("http, header optional")
        << get << HeaderPolicy::Optional << HeaderState::NoHeader << 0;
    QTest::newRow("v2 optional") << v2 << HeaderPolicy::Optional << HeaderState::Complete
                                 << int(v2.size());
    QByteArray badCrc = v2;
    badCrc[31] = char(badCrc[31] ^ 0x01); // CRC value: TLV first, at 16 + 12 + 3
    QTest::newRow("wrong crc") << badCrc << HeaderPolicy::Either << HeaderState::Invalid << 0;
    QTest::newRow("v1 without crlf in 107") << QByteArray("PROXY TCP4 ") + QByteArray(120, '1')
                                            << HeaderPolicy::Either << HeaderState::Invalid << 0;
}

void TestHeaderReader::states()
{
    QFETCH(QByteArray, bytes);
    QFETCH(HeaderPolicy, policy);
    QFETCH(HeaderState, state);
    QFETCH(int, length);
    const HeaderProgress p = assessHeader(pl::proxy::byteSpan(bytes), policy);
    QCOMPARE(p.state, state);
    if (state == HeaderState::Complete || state == HeaderState::PolicyMismatch)
        QCOMPARE(int(p.length), length);
}

void TestHeaderReader::everyPrefixWaits()
{
    // Never act before the header is complete, whatever the split.
    for (const QByteArray &header : {v2Header(), kV1}) {
        for (qsizetype n = 1; n < header.size(); ++n) {
            const QByteArray prefix = header.left(n);
            const HeaderProgress p =
                assessHeader(pl::proxy::byteSpan(prefix), HeaderPolicy::Either);
            QVERIFY2(p.state == HeaderState::NeedMore, qPrintable(QString::number(n)));
        }
    }
}

void TestHeaderReader::limitStopsEarly()
{
    // A v2 header announcing 1000 bytes is refused at its 16th byte under a
    // 64-byte limit, without waiting for the rest.
    QByteArray big = v2Header().left(16);
    big[14] = 0x03;
    big[15] = char(0xE8);
    QCOMPARE(assessHeader(pl::proxy::byteSpan(big), HeaderPolicy::Either, 64).state,
             HeaderState::TooLarge);
    QCOMPARE(assessHeader(pl::proxy::byteSpan(big), HeaderPolicy::Either).state,
             HeaderState::NeedMore);
}

QTEST_GUILESS_MAIN(TestHeaderReader)
#include "tst_headerreader.moc"
