// The breakdown of the documented example, compared whole: it must read like
// the vendor's table (and call 0x04 NOOP, not NETNS).

#include "proxy/breakdown.h"
#include "testbytes.h"

#include <QTest>

using namespace pl::proxy;
using namespace pl::test;

namespace {

QString dump(const QList<BreakdownRow> &rows, ByteSpan input)
{
    static const char *const kSeverity[] = {"", " [warning]", " [error]"};
    QString out;
    for (const BreakdownRow &r : rows) {
        const QByteArray bytes =
            QByteArray(reinterpret_cast<const char *>(input.data()) + r.offset, r.length).toHex();
        out += QStringLiteral("%1 %2 %3%4 | %5 | %6 | %7%8\n")
                   .arg(r.offset, 3)
                   .arg(r.length, 2)
                   .arg(QString(r.depth * 2, QLatin1Char(' ')), r.field, QString::fromLatin1(bytes),
                        r.value, r.note, QLatin1String(kSeverity[static_cast<int>(r.severity)]));
    }
    return out;
}

} // namespace

class TestBreakdown : public QObject
{
    Q_OBJECT

private slots:
    void documentedExample();
    void errorsMarkTheirByte_data();
    void errorsMarkTheirByte();
    void v1Fields();
    void sendersControlCharactersAreEscaped();
    void crcSubTypeInsideSslIsNoCrc();
};

void TestBreakdown::documentedExample()
{
    const QByteArray example = alibabaExample();
    const DecodeResult r = decode(span(example));
    const QString expected = QStringLiteral(
        "  0 12 signature | 0d0a0d0a000d0a515549540a | PROXY protocol v2 | fixed 12 bytes "
        "\\r\\n\\r\\n\\0\\r\\nQUIT\\n\n"
        " 12  1 version_command | 21 | version 2, PROXY | \n"
        " 13  1 family_transport | 11 | INET, STREAM | TCP over IPv4\n"
        " 14  2 length | 0054 | 84 bytes follow | header is 100 bytes in all\n"
        " 16  4 src_addr | 0a00000e | 10.0.0.14 | \n"
        " 20  4 dst_addr | 0a00000f | 10.0.0.15 | \n"
        " 24  2 src_port | e6c2 | 59074 | \n"
        " 26  2 dst_port | 0050 | 80 | \n"
        " 28  7 tlv[0] | 0300040764b56b | 0x03 CRC32C: 0x0764b56b | valid (computed 0x0764b56b)\n"
        " 28  1   tlv[0].type | 03 | 0x03 CRC32C | \n"
        " 29  2   tlv[0].length | 0004 | 4 bytes | \n"
        " 31  4   tlv[0].value | 0764b56b | 0x0764b56b | valid (computed 0x0764b56b)\n"
        " 35 27 tlv[1] | e100180265702d6270316932383834383765353836313532643462 | 0xe1 (Alibaba "
        "Cloud custom type): ep-bp1i288487e586152d4b | \n"
        " 35  1   tlv[1].type | e1 | 0xe1 (Alibaba Cloud custom type) | \n"
        " 36  2   tlv[1].length | 0018 | 24 bytes | \n"
        " 38  1   tlv[1].subtype | 02 | 0x02 PrivateLink endpoint ID | \n"
        " 39 23   tlv[1].endpoint_id | 65702d6270316932383834383765353836313532643462 | "
        "ep-bp1i288487e586152d4b | \n"
        " 62 29 tlv[2] | e1001a017670632d627031373971656b6530777a6f316d72386278686c | 0xe1 "
        "(Alibaba Cloud custom type): vpc-bp179qeke0wzo1mr8bxhl | \n"
        " 62  1   tlv[2].type | e1 | 0xe1 (Alibaba Cloud custom type) | \n"
        " 63  2   tlv[2].length | 001a | 26 bytes | \n"
        " 65  1   tlv[2].subtype | 01 | 0x01 VPC ID | \n"
        " 66 25   tlv[2].vpc_id | 7670632d627031373971656b6530777a6f316d72386278686c | "
        "vpc-bp179qeke0wzo1mr8bxhl | \n"
        " 91  9 tlv[3] | 040006000000000000 | 0x04 NOOP: 6 bytes of padding | \n"
        " 91  1   tlv[3].type | 04 | 0x04 NOOP | \n"
        " 92  2   tlv[3].length | 0006 | 6 bytes | \n"
        " 94  6   tlv[3].value | 000000000000 | 6 bytes of padding | 0x04 is NOOP (vendor "
        "documents call it NETNS; NETNS is 0x30)\n");
    QCOMPARE(dump(breakdown(r, span(example)), span(example)), expected);
}

void TestBreakdown::errorsMarkTheirByte_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("severity");
    QByteArray badCrc = alibabaExample();
    badCrc[31] = 0;
    QTest::newRow("crc mismatch on the CRC value") << badCrc << "tlv[0].value" << 2;
    QByteArray badFamily = alibabaExample();
    badFamily[13] = 0x41;
    QTest::newRow("bad family byte") << badFamily << "family_transport" << 2;
    QTest::newRow("tlv overrun on the length field")
        << v2("21", "11", inetAddresses(), hex("01 0009 6832")) << "unparsed" << 2;
    QTest::newRow("noop padding not zero")
        << v2("21", "11", inetAddresses(), tlv(0x04, hex("0000ff"))) << "tlv[0].value" << 1;
    QTest::newRow("nested ssl type is shown as bytes, not recursed into")
        << hex("0d0a0d0a000d0a515549540a2111001c7f0000017f000001303901bb20000d01000000002000"
               "050100000000")
        << "tlv[0].verify" << 1;
    QTest::newRow("truncated: a row says where it stops")
        << alibabaExample().left(40) << "error" << 2;
}

void TestBreakdown::errorsMarkTheirByte()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, field);
    QFETCH(int, severity);
    const DecodeResult r = decode(span(input));
    const QList<BreakdownRow> rows = breakdown(r, span(input));
    int worst = 0;
    QString worstField;
    for (const BreakdownRow &row : rows) {
        if (static_cast<int>(row.severity) > worst) {
            worst = static_cast<int>(row.severity);
            worstField = row.field;
        }
        QVERIFY(row.offset + row.length <= static_cast<std::uint32_t>(input.size()));
    }
    QCOMPARE(worstField, field);
    QCOMPARE(worst, severity);
}

void TestBreakdown::v1Fields()
{
    const QByteArray line("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n");
    const QList<BreakdownRow> rows = breakdown(decode(span(line)), span(line));
    QStringList got;
    for (const BreakdownRow &r : rows)
        got << r.field + QLatin1Char('=') + QString::fromLatin1(line.mid(r.offset, r.length));
    QCOMPARE(got, (QStringList{"signature=PROXY ", "line=TCP4 192.168.0.1 192.168.0.11 56324 443",
                               "src_addr=192.168.0.1", "dst_addr=192.168.0.11", "src_port=56324",
                               "dst_port=443", "crlf=\r\n"}));
}

void TestBreakdown::sendersControlCharactersAreEscaped()
{
    // A UNIX path or v1 UNKNOWN text is the sender's: an escape sequence in
    // it would drive the terminal of whoever reads the decode.
    QByteArray unixHeader = hex("0d0a0d0a000d0a515549540a213100d8");
    QByteArray source(108, '\0');
    source.replace(0, 6, "/run/a");
    QByteArray destination(108, '\0');
    destination.replace(0, 12, "/tmp/\x1b]0;x\x07\x1b[2J");
    unixHeader += source + destination;
    const QByteArray v1("PROXY UNKNOWN \x1b[31mRED\x07\r\n");
    for (const QByteArray &input : {unixHeader, v1}) {
        const QList<BreakdownRow> rows = breakdown(decode(span(input)), span(input));
        QVERIFY(!rows.isEmpty());
        bool escaped = false;
        for (const BreakdownRow &r : rows) {
            const QString text = r.value + r.note;
            for (const QChar c : text)
                QVERIFY2(c.unicode() >= 0x20, qPrintable(r.field));
            escaped = escaped || r.value.contains(QLatin1String("\\x1b"));
        }
        QVERIFY(escaped);
    }
}

void TestBreakdown::crcSubTypeInsideSslIsNoCrc()
{
    // Sub-TLVs of SSL are 0x21-0x28: a 0x03 there is bytes, not a CRC32C
    // with a verdict.
    const QByteArray input = hex("0d0a0d0a000d0a515549540a211100220a0000010a0000029c400050"
                                 "0300048fbb0b8320000c010000000003000400000000");
    const QList<BreakdownRow> rows = breakdown(decode(span(input)), span(input));
    int verdicts = 0;
    for (const BreakdownRow &r : rows)
        verdicts += r.note.startsWith(QLatin1String("valid")) && r.depth >= 1;
    QCOMPARE(verdicts, 1); // the header's own CRC32C only
    QCOMPARE(rows.constLast().label, QStringLiteral("Value"));
}

QTEST_GUILESS_MAIN(TestBreakdown)
#include "tst_breakdown.moc"
