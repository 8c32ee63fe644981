// Terminal cells of text: what the CLI's tables pad by, so Chinese columns
// line up like English ones.

#include "export/textcolumns.h"

#include <QTest>

using namespace pl::exporting;

class TestTextColumns : public QObject
{
    Q_OBJECT

private slots:
    void widths_data();
    void widths();
    void padding();
};

void TestTextColumns::widths_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("cells");
    QTest::newRow("ASCII") << QStringLiteral("Offset") << 6;
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("Chinese") << QStringLiteral("签名") << 4;
    QTest::newRow("mixed") << QStringLiteral("VPC ID（阿里云）") << 16;
    QTest::newRow("fullwidth letter") << QStringLiteral("Ａ") << 2;
    QTest::newRow("Hangul") << QStringLiteral("한") << 2;
    QTest::newRow("combining accent") << QStringLiteral("e\u0301") << 1;
    QTest::newRow("zero-width space") << QStringLiteral("a\u200Bb") << 2;
    QTest::newRow("emoji outside the BMP") << QStringLiteral("\U0001F600") << 2;
    QTest::newRow("CJK extension B") << QStringLiteral("\U00020000") << 2;
    QTest::newRow("Latin-1 and Greek") << QStringLiteral("µéλ") << 3;
}

void TestTextColumns::widths()
{
    QFETCH(QString, text);
    QFETCH(int, cells);
    QCOMPARE(displayWidth(text), qsizetype(cells));
}

void TestTextColumns::padding()
{
    QCOMPARE(padRight(QStringLiteral("签名"), 6), QStringLiteral("签名  "));
    QCOMPARE(padLeft(QStringLiteral("签名"), 6), QStringLiteral("  签名"));
    QCOMPARE(padRight(QStringLiteral("abc"), 6), QStringLiteral("abc   "));
    // Never cut: a longer text is left as it is.
    QCOMPARE(padRight(QStringLiteral("终端节点"), 4), QStringLiteral("终端节点"));
    QCOMPARE(displayWidth(padRight(QStringLiteral("终端节点 ID"), 20)), qsizetype(20));
}

QTEST_GUILESS_MAIN(TestTextColumns)
#include "tst_textcolumns.moc"
