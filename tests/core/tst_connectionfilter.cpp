// The capture filter's terms on the request's and response's fields
// (host:, method:, path:, status:): on the bundled sample capture, each
// selects exactly the rows whose summary texts say so (counted here from
// the texts, independently of the fields the filter reads).

#include "capture/connectionfilter.h"
#include "capture/connectionrow.h"
#include "rowsof.h"

#include <QRegularExpression>
#include <QTest>

using namespace pl;

namespace {

QList<capture::ConnectionRow> sampleRows()
{
    return test::rowsOf(QStringLiteral(PL_SOURCE_DIR "/resources/samples/sample.pcapng"));
}

int countMatches(const QList<capture::ConnectionRow> &rows, const QString &filter)
{
    const capture::ConnectionFilter f(filter);
    int n = 0;
    for (const capture::ConnectionRow &row : rows)
        n += f.matches(row);
    return n;
}

int countTexts(const QList<capture::ConnectionRow> &rows, const QRegularExpression &payload,
               const QRegularExpression &response)
{
    int n = 0;
    for (const capture::ConnectionRow &row : rows)
        n += payload.match(row.connection.payload.text()).hasMatch() &&
             response.match(row.connection.response).hasMatch();
    return n;
}

} // namespace

class TestConnectionFilter : public QObject
{
    Q_OBJECT

private slots:
    void requestAndResponseFields_data();
    void requestAndResponseFields();
    void badStatusIsAProblem();
    void versionTermsFollowTheProtocol();
};

void TestConnectionFilter::requestAndResponseFields_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("payload");  // what the payload text must match
    QTest::addColumn<QString>("response"); // and the response text
    QTest::newRow("status:403") << "status:403"
                                << ""
                                << "^HTTP/1\\.\\d 403 ";
    QTest::newRow("status:4 is any 4xx") << "status:4"
                                         << ""
                                         << "^HTTP/1\\.\\d 4\\d\\d ";
    QTest::newRow("not 2xx (or no response)") << "-status:2"
                                              << ""
                                              << "^(?!HTTP/1\\.\\d 2)";
    QTest::newRow("path") << "path:/login"
                          << "^GET /login "
                          << "";
    QTest::newRow("host") << "host:svc.internal"
                          << "Host: svc\\.internal"
                          << "";
    QTest::newRow("method") << "method:get"
                            << "^GET "
                            << "";
    QTest::newRow("path and status") << "path:/login status:200"
                                     << "^GET /login "
                                     << "^HTTP/1\\.\\d 200 ";
}

void TestConnectionFilter::requestAndResponseFields()
{
    QFETCH(QString, filter);
    QFETCH(QString, payload);
    QFETCH(QString, response);
    const QList<capture::ConnectionRow> rows = sampleRows();
    QVERIFY(rows.size() > 20);
    const int expected =
        countTexts(rows, QRegularExpression(payload), QRegularExpression(response));
    QVERIFY2(expected > 0 && expected < rows.size(), qPrintable(QString::number(expected)));
    QCOMPARE(countMatches(rows, filter), expected);
}

void TestConnectionFilter::badStatusIsAProblem()
{
    QCOMPARE(capture::ConnectionFilter(QStringLiteral("status:abc")).problems(),
             QStringList{QStringLiteral("status:abc")});
    QCOMPARE(capture::ConnectionFilter(QStringLiteral("status:4041")).problems().size(), 1);
    QVERIFY(capture::ConnectionFilter(QStringLiteral("status:40")).problems().isEmpty());
}

void TestConnectionFilter::versionTermsFollowTheProtocol()
{
    // v1 is the text header, v2 a binary one of nibble 2: a binary header
    // of nibble 1 or 3 (bad_version) is neither, as the totals count it.
    capture::Connection c;
    c.headerPresent = true;
    c.headerBytes = QByteArray::fromHex("0d0a0d0a000d0a515549540a"
                                        "2111000c0a00000e0a00000fe6c20050");
    capture::StringPool pool;
    QList<capture::ConnectionRow> rows;
    for (const char nibble : {'\x21', '\x11', '\x31'}) {
        c.headerBytes[12] = nibble;
        rows << capture::makeConnectionRow(c, proxy::VendorProfile::Auto, pool);
    }
    c.headerBytes = QByteArrayLiteral("PROXY TCP4 192.0.2.1 198.51.100.2 40000 443\r\n");
    rows << capture::makeConnectionRow(c, proxy::VendorProfile::Auto, pool);
    QCOMPARE(countMatches(rows, QStringLiteral("v1")), 1);
    QCOMPARE(countMatches(rows, QStringLiteral("v2")), 1);
    QCOMPARE(countMatches(rows, QStringLiteral("error")), 2);
}

QTEST_GUILESS_MAIN(TestConnectionFilter)
#include "tst_connectionfilter.moc"
