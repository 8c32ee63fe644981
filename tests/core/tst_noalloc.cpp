// Decoding allocates nothing: the decoded header refers to the input bytes.
// Global operator new is replaced in this test binary to count allocations.

#include "proxy/header.h"
#include "testbytes.h"

#include <QTest>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations{0};
}

void *operator new(std::size_t size)
{
    ++g_allocations;
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}

void operator delete(void *p) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}

using namespace pl::proxy;
using namespace pl::test;

class TestNoAlloc : public QObject
{
    Q_OBJECT

private slots:
    void decodeDoesNotAllocate_data();
    void decodeDoesNotAllocate();
};

void TestNoAlloc::decodeDoesNotAllocate_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("alibaba example") << alibabaExample();
    QByteArray bad = alibabaExample();
    bad[31] = 0;
    QTest::newRow("crc mismatch") << bad;
    QTest::newRow("ssl") << v2("21", "11", inetAddresses(),
                               tlv(0x20, hex("07 00000000") + tlv(0x22, "client")));
    QTest::newRow("v1") << QByteArray("PROXY TCP6 2001:db8::1 ::1 65535 80\r\n");
    QTest::newRow("garbage") << QByteArray("GET / HTTP/1.1\r\n");
}

void TestNoAlloc::decodeDoesNotAllocate()
{
    QFETCH(QByteArray, input);
    const ByteSpan bytes = span(input);
    const long before = g_allocations.load();
    std::uint32_t sink = 0;
    for (int i = 0; i < 1000; ++i) {
        const DecodeResult r = decode(bytes);
        sink += r.header.totalLength + static_cast<std::uint32_t>(r.error.code);
        for (const Tlv t : r.header.tlvs)
            sink += t.type;
    }
    const long allocations = g_allocations.load() - before;
    QVERIFY(sink > 0);
    QCOMPARE(allocations, 0L);
}

QTEST_GUILESS_MAIN(TestNoAlloc)
#include "tst_noalloc.moc"
