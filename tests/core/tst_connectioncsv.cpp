// The connections CSV export: English keys and values whatever the UI
// language, RFC 4180 quoting, and no formula from the wire when a
// spreadsheet opens it.

#include "capture/captureengine.h"
#include "export/connectioncsv.h"
#include "rowsof.h"
#include "translator.h"

#include <QTest>

using namespace pl;

namespace {

const QString kSample = QStringLiteral(PL_SOURCE_DIR "/resources/samples/sample.pcapng");

QList<capture::ConnectionRow> sampleRows()
{
    return test::rowsOf(kSample);
}

QByteArray csvOf(const QList<capture::ConnectionRow> &rows)
{
    QByteArray csv = exporting::connectionCsvHeader();
    for (const capture::ConnectionRow &row : rows)
        csv += exporting::connectionCsvRow(row, QStringLiteral("Allow"));
    return csv;
}

} // namespace

class TestConnectionCsv : public QObject
{
    Q_OBJECT

private slots:
    void sampleRowsInEnglish();
    void sameBytesInChinese();
    void fieldsAreQuotedAndDefused_data();
    void fieldsAreQuotedAndDefused();
};

void TestConnectionCsv::sampleRowsInEnglish()
{
    const QList<capture::ConnectionRow> rows = sampleRows();
    QCOMPARE(rows.size(), 26);
    const QList<QByteArray> lines = csvOf(rows).split('\n');
    QCOMPARE(lines.size(), 28); // header, 26 rows, the empty rest after the last CRLF
    QCOMPARE(lines[0], QByteArray("frame,first_time,client,server,proxy,pp_source,"
                                  "pp_destination,vpc_id,endpoint_id,crc32c,payload,response,"
                                  "findings,decision\r"));
    // The documented header: v2 PROXY, the Alibaba IDs, a valid CRC32C.
    const QByteArray &first = lines[1];
    QVERIFY2(first.contains(",v2 PROXY,") && first.contains(",vpc-bp179qeke0wzo1mr8bxhl,") &&
                 first.contains(",valid,") && first.endsWith(",Allow\r"),
             first.constData());
    QVERIFY2(first.contains(QByteArray("Z,")), first.constData()); // an ISO 8601 UTC time
}

void TestConnectionCsv::sameBytesInChinese()
{
    const QList<capture::ConnectionRow> rows = sampleRows();
    const QByteArray english = csvOf(rows);
    i18n::Translator translator;
    QVERIFY(translator.loadLanguage(QStringLiteral("zh_CN")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QByteArray chinese = csvOf(sampleRows());
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(chinese, english);
}

void TestConnectionCsv::fieldsAreQuotedAndDefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("fromWire");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("plain") << QStringLiteral("GET /login") << true << QByteArray("GET /login");
    QTest::newRow("comma") << QStringLiteral("a,b") << false << QByteArray("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << false
                           << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("CR") << QStringLiteral("a\rb") << false << QByteArray("\"a\rb\"");
    QTest::newRow("formula from the wire") << QStringLiteral("=HYPERLINK(\"http://x\")") << true
                                           << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"");
    QTest::newRow("@ from the wire")
        << QStringLiteral("@SUM(A1)") << true << QByteArray("'@SUM(A1)");
    QTest::newRow("our own minus") << QStringLiteral("-") << false << QByteArray("-");
    QTest::newRow("UTF-8") << QStringLiteral("签名") << false << QByteArray("签名");
}

void TestConnectionCsv::fieldsAreQuotedAndDefused()
{
    QFETCH(QString, text);
    QFETCH(bool, fromWire);
    QFETCH(QByteArray, field);
    QCOMPARE(exporting::csvField(text, fromWire), field);
}

QTEST_GUILESS_MAIN(TestConnectionCsv)
#include "tst_connectioncsv.moc"
