// The AWS text field splitter (core/flowlog/fieldsplit.h), which works 64
// bytes at a time, against a byte-at-a-time reference: fields across and at
// block edges, runs of blanks and tabs, lines of every length up to several
// blocks, bytes that are neither (NUL, high bytes).

#include "flowlog/fieldsplit.h"

#include <QTest>

#include <random>
#include <string>
#include <vector>

using namespace pl::flowlog;

namespace {

std::vector<std::string> reference(const std::string &line)
{
    std::vector<std::string> fields;
    std::string field;
    for (const char c : line) {
        if (c == ' ' || c == '\t') {
            if (!field.empty())
                fields.push_back(field);
            field.clear();
        } else {
            field += c;
        }
    }
    if (!field.empty())
        fields.push_back(field);
    return fields;
}

std::vector<std::string> fieldsOf(const std::vector<std::string_view> &parts, std::string_view line)
{
    std::vector<std::string> fields;
    for (const std::string_view part : parts) {
        // Every view lies inside the line it came from.
        if (part.data() < line.data() || part.data() + part.size() > line.data() + line.size())
            return {"view outside the line"};
        fields.emplace_back(part);
    }
    return fields;
}

// The fields of a line, split as it is and as a line followed by 64 bytes
// of padding (a batch's lines): the padding here holds no blank, so a
// padding byte taken for part of the line would lengthen its last field.
std::vector<std::string> split(const std::string &line)
{
    std::vector<std::string_view> parts{"stale"}; // cleared by the call
    splitBlankSeparated(line, parts);
    const std::vector<std::string> fields = fieldsOf(parts, line);
    const std::string padded = line + std::string(64, 'x');
    const std::string_view inPadded(padded.data(), line.size());
    splitBlankSeparated(inPadded, parts, true);
    if (fieldsOf(parts, inPadded) != fields)
        return {"padded split differs"};
    return fields;
}

} // namespace

class TestFieldSplit : public QObject
{
    Q_OBJECT

private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("blanks only") << QString(" \t  ") << QStringList();
        QTest::newRow("aws record")
            << QString("5 123456789012 eni-1 10.0.0.1 8.8.8.8 5000 443 6 1 40 1 2 ACCEPT OK")
            << QString("5 123456789012 eni-1 10.0.0.1 8.8.8.8 5000 443 6 1 40 1 2 ACCEPT OK")
                   .split(' ');
        QTest::newRow("blanks around and between")
            << QString("  a \t\t b   c\t") << QStringList{"a", "b", "c"};
        // 63 bytes, then one field crossing into the second block.
        QTest::newRow("field across a block edge")
            << (QString(62, 'x') + " abc") << QStringList{QString(62, 'x'), "abc"};
        QTest::newRow("line of exactly one block")
            << QString(64, 'y') << QStringList{QString(64, 'y')};
        QTest::newRow("field ends at the block edge")
            << (QString(64, 'y') + " z") << QStringList{QString(64, 'y'), "z"};
        QTest::newRow("blank at the block edge") << (QString(63, 'y') + " " + QString(64, 'z'))
                                                 << QStringList{QString(63, 'y'), QString(64, 'z')};
    }

    void examples()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, fields);
        QStringList got;
        for (const std::string &field : split(line.toStdString()))
            got << QString::fromStdString(field);
        QCOMPARE(got, fields);
    }

    void randomLinesMatchTheByteLoop()
    {
        // Short alphabets make runs of blanks and one-byte fields common.
        const std::string alphabet{' ', ' ', '\t', 'a', '7', '-', '\0', '\xff', '\n', '\r'};
        std::mt19937 random(20261201);
        for (int round = 0; round < 20000; ++round) {
            const std::size_t length = random() % 300;
            std::string line;
            for (std::size_t i = 0; i < length; ++i)
                line += alphabet[random() % alphabet.size()];
            const auto expected = reference(line);
            const auto got = split(line);
            if (got != expected)
                QFAIL(qPrintable(QString("line %1 of %2 bytes: %3 fields, expected %4")
                                     .arg(round)
                                     .arg(length)
                                     .arg(got.size())
                                     .arg(expected.size())));
        }
    }
};

QTEST_APPLESS_MAIN(TestFieldSplit)
#include "tst_flowlogfieldsplit.moc"
