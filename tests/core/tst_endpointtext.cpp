// One way to write an endpoint: a PROXY header's address, a captured
// packet's and a socket's come out the same ("10.0.0.1:80", "[2001:db8::1]:443").

#include "capture/connection.h"
#include "net/listenerrecord.h"
#include "proxy/headertext.h"

#include <QHostAddress>
#include <QTest>

using namespace pl;

class TestEndpointText : public QObject
{
    Q_OBJECT

private slots:
    void sameTextEverywhere_data();
    void sameTextEverywhere();
    void socketOnlyForms();
};

void TestEndpointText::sameTextEverywhere_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected");
    QTest::newRow("v4") << "10.0.0.14" << 59074 << "10.0.0.14:59074";
    QTest::newRow("v4 zero port") << "0.0.0.0" << 0 << "0.0.0.0:0";
    QTest::newRow("v4 high") << "255.255.255.255" << 65535 << "255.255.255.255:65535";
    QTest::newRow("v6") << "2001:db8::1" << 443 << "[2001:db8::1]:443";
    QTest::newRow("v6 written long")
        << "2001:0db8:0000:0000:0000:0000:0000:0001" << 443 << "[2001:db8::1]:443";
    QTest::newRow("v6 loopback") << "::1" << 8080 << "[::1]:8080";
}

void TestEndpointText::sameTextEverywhere()
{
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, expected);
    const QHostAddress host(address);
    QVERIFY(!host.isNull());
    const bool v6 = host.protocol() == QAbstractSocket::IPv6Protocol;
    capture::NetEndpoint e;
    e.ipv6 = v6;
    e.port = quint16(port);
    if (v6) {
        const Q_IPV6ADDR bytes = host.toIPv6Address();
        std::copy_n(bytes.c, 16, e.ip.data());
    } else {
        const quint32 v4 = host.toIPv4Address();
        e.ip = {std::uint8_t(v4 >> 24), std::uint8_t(v4 >> 16), std::uint8_t(v4 >> 8),
                std::uint8_t(v4)};
    }
    QCOMPARE(proxy::hostPortText(e.ip.data(), v6, quint16(port)), expected);
    QCOMPARE(capture::endpointText(e), expected);
    QCOMPARE(net::hostPortText(host, quint16(port)), expected);
}

void TestEndpointText::socketOnlyForms()
{
    // What only a socket has: v4-mapped addresses (a dual-stack listener)
    // and scope IDs (link-local).
    QCOMPARE(net::hostPortText(QHostAddress(QStringLiteral("::ffff:127.0.0.1")), 80),
             QStringLiteral("127.0.0.1:80"));
    QCOMPARE(net::hostPortText(QHostAddress(QStringLiteral("fe80::1%lo")), 80),
             QStringLiteral("[fe80::1%lo]:80"));
    QCOMPARE(net::hostPortText(QHostAddress(QHostAddress::LocalHostIPv6), 1),
             QStringLiteral("[::1]:1"));
}

QTEST_GUILESS_MAIN(TestEndpointText)
#include "tst_endpointtext.moc"
