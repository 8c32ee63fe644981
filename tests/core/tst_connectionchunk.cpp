// The packed chunk the Captures table keeps its rows in: every row comes
// back (owning copy and view alike) equal to what went in, field by field,
// on every capture fixture and on rows built to miss the packed form
// (deltas past 32 bits, IPv6, both cloud IDs, a header over 64 KiB); and a
// typical row costs what the table's memory goal needs.

#include "capture/captureengine.h"
#include "capture/connectionchunk.h"
#include "rowsof.h"

#include <QDir>
#include <QTest>

using namespace pl;
using capture::ConnectionRow;

Q_DECLARE_METATYPE(pl::capture::ConnectionRow)

namespace {

// Every field of the row, as text: a difference names the field.
QStringList fieldsOf(const ConnectionRow &row)
{
    const capture::Connection &c = row.connection;
    const capture::HeaderFacts &f = c.facts;
    const auto endpoint = [](const capture::NetEndpoint &e) -> QString {
        return capture::endpointText(e) + (e.ipv6 ? QStringLiteral("/6") : QStringLiteral("/4"));
    };
    const auto span = [](capture::HeaderFacts::Span s) -> QString {
        return QStringLiteral("%1+%2").arg(s.offset).arg(s.length);
    };
    QStringList findings;
    for (const capture::Finding &x : c.findings)
        findings << QStringLiteral("%1@%2:%3").arg(int(x.code)).arg(x.frame).arg(x.offset);
    return {
        QStringLiteral("transport %1").arg(int(c.transport)),
        QStringLiteral("client %1").arg(endpoint(c.client)),
        QStringLiteral("server %1").arg(endpoint(c.server)),
        QStringLiteral("frames %1 %2 %3").arg(c.firstFrame).arg(c.lastFrame).arg(c.headerFrame),
        QStringLiteral("times %1 %2").arg(c.firstTimeNs).arg(c.lastTimeNs),
        QStringLiteral("header %1").arg(QString::fromLatin1(c.headerBytes.toHex())),
        QStringLiteral("present %1 error %2").arg(c.headerPresent).arg(int(c.headerError)),
        QStringLiteral("facts %1 %2 %3 %4 %5 %6 %7 %8")
            .arg(f.decoded)
            .arg(int(f.vendor))
            .arg(f.versionKnown)
            .arg(int(f.version))
            .arg(int(f.versionNumber))
            .arg(int(f.command))
            .arg(int(f.crc))
            .arg(int(f.error)),
        QStringLiteral("spans %1 %2 %3")
            .arg(span(f.alibabaVpcId), span(f.alibabaEndpointId), span(f.awsVpceId)),
        QStringLiteral("azure %1 gcp %2")
            .arg(f.azureLinkId ? QString::number(*f.azureLinkId) : QStringLiteral("-"),
                 f.gcpPscId ? QString::number(*f.gcpPscId) : QStringLiteral("-")),
        QStringLiteral("payload %1 ua %2").arg(c.payload.text(), c.payload.fields().userAgent),
        QStringLiteral("response %1 status %2").arg(c.response).arg(c.responseStatus),
        QStringLiteral("end %1").arg(int(c.end)),
        QStringLiteral("findings %1").arg(findings.join(u' ')),
        QStringLiteral("bytes %1 %2").arg(c.clientBytes).arg(c.serverBytes),
        QStringLiteral("row findings %1").arg(row.findings),
        QStringLiteral("pp %1 %2 %3")
            .arg(int(row.ppAddresses))
            .arg(endpoint(row.ppSourceEndpoint), endpoint(row.ppDestinationEndpoint)),
        QStringLiteral("shown %1 | %2 | %3 | %4")
            .arg(row.ppSource(), row.ppDestination(), row.vpcId(), row.endpointId()),
    };
}

// Appends the rows to chunks (a new one when full) and checks each back.
void checkRoundTrip(const QList<ConnectionRow> &rows)
{
    std::vector<std::unique_ptr<capture::ConnectionChunk>> chunks;
    for (const ConnectionRow &row : rows) {
        if (chunks.empty() || chunks.back()->full()) {
            if (!chunks.empty())
                chunks.back()->squeeze();
            chunks.push_back(std::make_unique<capture::ConnectionChunk>());
        }
        chunks.back()->append(row);
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const auto &chunk = chunks[std::size_t(i) / capture::ConnectionChunk::kRows];
        const std::size_t at = std::size_t(i) % capture::ConnectionChunk::kRows;
        const QStringList expected = fieldsOf(rows.at(i));
        QCOMPARE(fieldsOf(chunk->row(at)), expected);
        QCOMPARE(fieldsOf(chunk->view(at)), expected);
    }
}

ConnectionRow rowOf(capture::Connection c)
{
    capture::StringPool pool;
    return capture::makeConnectionRow(std::move(c), proxy::VendorProfile::Auto, pool);
}

// A v2 PROXY header over INET: 10.1.2.3:4000 -> 10.0.0.15:80, no TLV.
QByteArray inetHeader()
{
    return QByteArray::fromHex("0d0a0d0a000d0a515549540a"
                               "2111000c"
                               "0a010203"
                               "0a00000f"
                               "0fa00050");
}

} // namespace

class TestConnectionChunk : public QObject
{
    Q_OBJECT

private slots:
    void fixtureRowsComeBackEqual_data();
    void fixtureRowsComeBackEqual();
    void rowsOutsideThePackedForm_data();
    void rowsOutsideThePackedForm();
    void aTypicalRowIsSmall();
};

void TestConnectionChunk::fixtureRowsComeBackEqual_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("vendor");
    const QDir dir(QStringLiteral(PL_CAPTURE_FIXTURES));
    for (const QString &name : dir.entryList({QStringLiteral("*.pcap*")}, QDir::Files))
        for (const proxy::VendorProfile vendor :
             {proxy::VendorProfile::Auto, proxy::VendorProfile::Azure, proxy::VendorProfile::Gcp})
            QTest::addRow("%s %d", qPrintable(name), int(vendor))
                << dir.filePath(name) << int(vendor);
}

void TestConnectionChunk::fixtureRowsComeBackEqual()
{
    QFETCH(QString, file);
    QFETCH(int, vendor);
    capture::CaptureEngine probe;
    if (!probe.openFile(file))
        QSKIP("the fixture does not open (an unsupported link type or a broken file)");
    QList<ConnectionRow> rows = test::rowsOf(file, static_cast<proxy::VendorProfile>(vendor));
    // Past one chunk (once a fixture), so that rows in a second one are
    // checked too.
    const QList<ConnectionRow> once = rows;
    while (vendor == int(proxy::VendorProfile::Auto) && !rows.isEmpty() &&
           rows.size() <= qsizetype(capture::ConnectionChunk::kRows))
        rows += once;
    checkRoundTrip(rows);
}

void TestConnectionChunk::rowsOutsideThePackedForm_data()
{
    QTest::addColumn<ConnectionRow>("row");
    capture::Connection plain;
    plain.firstFrame = 7;
    plain.lastFrame = 9;
    plain.headerFrame = 8;
    plain.firstTimeNs = 1700000000000000000;
    plain.lastTimeNs = plain.firstTimeNs + 5000;
    plain.headerBytes = inetHeader();
    plain.headerPresent = true;
    plain.client = capture::netEndpoint(QHostAddress(QStringLiteral("10.0.0.1")), 1024);
    plain.server = capture::netEndpoint(QHostAddress(QStringLiteral("10.0.0.15")), 80);
    plain.response = QStringLiteral("HTTP/1.1 200 OK");
    plain.responseStatus = 200;
    plain.clientBytes = 100;
    plain.serverBytes = 38;
    QTest::newRow("plain") << rowOf(plain);

    capture::Connection c = plain;
    c.lastFrame = c.firstFrame + (std::uint64_t(1) << 33);
    QTest::newRow("frame delta past 32 bits") << rowOf(c);
    c = plain;
    c.headerFrame = 0;
    QTest::newRow("no header frame") << rowOf(c);
    c = plain;
    c.headerFrame = 3; // before the first frame: not a delta
    QTest::newRow("header frame before the first") << rowOf(c);
    c = plain;
    c.lastTimeNs = c.firstTimeNs + 3600LL * 1000000000LL; // an hour: past 32 bits of ns
    QTest::newRow("long connection") << rowOf(c);
    c = plain;
    c.lastTimeNs = c.firstTimeNs - 1;
    QTest::newRow("last time before the first") << rowOf(c);
    c = plain;
    c.client = capture::netEndpoint(QHostAddress(QStringLiteral("2001:db8::7")), 5000);
    c.server = capture::netEndpoint(QHostAddress(QStringLiteral("2001:db8::1")), 443);
    QTest::newRow("IPv6 client and server") << rowOf(c);
    c = plain;
    c.findings = {{capture::FindingCode::Retransmission, 8, 16}, {capture::FindingCode::Gap, 9, 0}};
    QTest::newRow("findings") << rowOf(c);
    c = plain;
    // A v1 header: its addresses come from a decode when shown.
    c.headerBytes = QByteArrayLiteral("PROXY TCP4 192.0.2.1 198.51.100.2 40000 443\r\n");
    QTest::newRow("v1") << rowOf(c);
    c = plain;
    c.headerBytes = inetHeader();
    c.headerBytes[13] = 0x31; // AF_UNIX
    QTest::newRow("unix family, cut") << rowOf(c);
    c = plain;
    c.headerPresent = false;
    c.headerBytes.clear();
    QTest::newRow("no header") << rowOf(c);
    c = plain;
    c.headerBytes[12] = 0x31; // version nibble 3: bad_version, kept as sent
    QTest::newRow("version 3") << rowOf(c);
    c.headerBytes[12] = 0x11; // a binary header of nibble 1: not the text v1
    QTest::newRow("binary version 1") << rowOf(c);
    c.headerBytes[12] = 0x01;
    QTest::newRow("binary version 0") << rowOf(c);

    ConnectionRow both = rowOf(plain);
    both.connection.facts.azureLinkId = 7;
    both.connection.facts.gcpPscId = 9;
    QTest::newRow("both cloud IDs") << both;
    ConnectionRow gcp = rowOf(plain);
    gcp.connection.facts.gcpPscId = std::uint64_t(1) << 40;
    QTest::newRow("GCP PSC ID") << gcp;
    ConnectionRow big = rowOf(plain);
    big.connection.headerBytes = QByteArray(70000, 'x');
    QTest::newRow("header over 64 KiB") << big;
    ConnectionRow far = rowOf(plain);
    far.connection.facts.alibabaVpcId = {70000, 5};
    QTest::newRow("span past 64 KiB") << far;
}

void TestConnectionChunk::rowsOutsideThePackedForm()
{
    QFETCH(ConnectionRow, row);
    // Each between packed neighbours: indices stay right around it.
    checkRoundTrip({rowOf(row.connection), row, rowOf(row.connection), row});
}

void TestConnectionChunk::aTypicalRowIsSmall()
{
    // The Captures table's goal is a million connections in 250 MiB: a row
    // with a 91-byte Alibaba header must cost well under 250 bytes.
    const QByteArray header =
        QByteArray::fromHex("0d0a0d0a000d0a515549540a2111004b0a0000010a00000f040000500300049e16c0df"
                            "e100180265702d6270313030303030303030303030303030303030e1001a017670632d"
                            "627031303030303030303030303030303030303030");
    capture::StringPool pool;
    capture::ConnectionChunk chunk;
    for (std::size_t i = 0; i < capture::ConnectionChunk::kRows; ++i) {
        capture::Connection c;
        c.firstFrame = 1 + 8 * i;
        c.lastFrame = c.firstFrame + 6;
        c.headerFrame = c.firstFrame + 3;
        c.firstTimeNs = 1700000000000000000 + std::int64_t(i) * 80000;
        c.lastTimeNs = c.firstTimeNs + 60000;
        c.headerBytes = header;
        c.headerPresent = true;
        c.client = capture::netEndpoint(QHostAddress(quint32(0x0a000001 + i)), quint16(1024 + i));
        c.server = capture::netEndpoint(QHostAddress(QStringLiteral("10.0.0.15")), 80);
        c.response = QStringLiteral("HTTP/1.1 200 OK");
        chunk.append(capture::makeConnectionRow(std::move(c), proxy::VendorProfile::Auto, pool));
    }
    chunk.squeeze();
    const double perRow = double(chunk.memoryBytes()) / double(chunk.size());
    qInfo("a packed row with a %d-byte header: %.1f bytes", int(header.size()), perRow);
    QVERIFY2(perRow < 200, qPrintable(QString::number(perRow)));
    QVERIFY2(perRow >= static_cast<double>(header.size()), qPrintable(QString::number(perRow)));
}

QTEST_GUILESS_MAIN(TestConnectionChunk)
#include "tst_connectionchunk.moc"
