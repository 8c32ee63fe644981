// The JSON writer behind capture exports must print what QJsonDocument's
// compact form prints: tests and scripts read both, and parse one as the other.

#include "export/jsonwriter.h"
#include "proxy/headertext.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using pl::exporting::JsonWriter;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void stringsEscapeLikeQJsonDocument_data();
    void stringsEscapeLikeQJsonDocument();
    void invalidUtf8BecomesReplacementCharacter();
    void nestedContainersAndNumbers();
    void ipv4TextMatchesQHostAddress();
    void keysAcrossTheBufferLikeQJsonDocument();
    void doublesLikeQJsonValue();
};

void TestJsonWriter::stringsEscapeLikeQJsonDocument_data()
{
    QTest::addColumn<QString>("text");
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    QTest::newRow("plain") << QStringLiteral("GET /login HTTP/1.1 Host: a.example");
    QTest::newRow("every control character") << controls;
    QTest::newRow("quotes and backslashes") << QStringLiteral("a\"b\\c\\\"");
    QTest::newRow("DEL and slash") << QStringLiteral("a\x7f/b");
    QTest::newRow("Latin-1") << QStringLiteral("caf\u00e9 na\u00efve");
    QTest::newRow("Chinese") << QStringLiteral("\u7f3a\u5c11\u5934\u90e8");
    QTest::newRow("emoji (surrogate pair)") << QStringLiteral("\U0001F512 lock");
    QTest::newRow("empty") << QString();
    // Longer than the writer's own buffer, escapes across its boundary.
    QString longText;
    for (int i = 0; i < 1500; ++i)
        longText += QStringLiteral("ab\"\né");
    QTest::newRow("longer than the buffer") << longText;
    QTest::newRow("one byte short of the buffer") << QString(2040, QLatin1Char('x'));
    // The ASCII prefix is found four units a step and narrowed 256 at a time.
    QTest::newRow("ASCII, then Chinese at an odd offset")
        << QStringLiteral("abcdefg\u7f3a\"x\u00e9");
    QTest::newRow("ASCII past a chunk, then Latin-1")
        << QString(300, QLatin1Char('y')) + QStringLiteral("\u00e9\t");
    QTest::newRow("control character in the fourth unit") << QStringLiteral("abc\x01defgh");
}

void TestJsonWriter::stringsEscapeLikeQJsonDocument()
{
    QFETCH(QString, text);
    QByteArray written;
    JsonWriter w(written);
    w.beginObject();
    w.field("text", text);
    w.endObject();
    w.flush();
    const QByteArray expected =
        QJsonDocument(QJsonObject{{QStringLiteral("text"), text}}).toJson(QJsonDocument::Compact);
    QCOMPARE(written, expected);
    // The same bytes given as UTF-8 take the writer's byte path.
    QByteArray viaBytes;
    JsonWriter b(viaBytes);
    b.beginObject();
    const QByteArray utf8 = text.toUtf8();
    b.field("text", pl::proxy::ByteSpan(reinterpret_cast<const std::uint8_t *>(utf8.constData()),
                                        static_cast<std::size_t>(utf8.size())));
    b.endObject();
    b.flush();
    QCOMPARE(viaBytes, expected);
}

void TestJsonWriter::invalidUtf8BecomesReplacementCharacter()
{
    const std::uint8_t bytes[] = {'v', 'p', 'c', 0xC3, 0x28, 0xFF};
    QByteArray written;
    JsonWriter w(written);
    w.beginArray();
    w.utf8(pl::proxy::ByteSpan(bytes, sizeof bytes));
    w.endArray();
    w.flush();
    const QString expected = QString::fromUtf8(reinterpret_cast<const char *>(bytes), sizeof bytes);
    QCOMPARE(written, QJsonDocument(QJsonArray{expected}).toJson(QJsonDocument::Compact));
    QVERIFY(QJsonDocument::fromJson(written).array().at(0).toString().contains(QChar(0xFFFD)));
}

void TestJsonWriter::nestedContainersAndNumbers()
{
    QByteArray written;
    JsonWriter w(written);
    w.beginObject();
    w.key("a");
    w.beginArray();
    w.number(std::int64_t{-42});
    w.number(std::uint64_t{9007199254740991ull});
    w.beginObject();
    w.endObject();
    w.beginArray();
    w.endArray();
    w.null();
    w.boolean(true);
    w.endArray();
    w.field("b", false);
    w.key("c");
    w.beginObject();
    w.field("d", 0);
    w.endObject();
    w.endObject();
    w.flush();
    const QJsonObject expected{
        {QStringLiteral("a"),
         QJsonArray{-42, 9007199254740991ll, QJsonObject{}, QJsonArray{}, QJsonValue(), true}},
        {QStringLiteral("b"), false},
        {QStringLiteral("c"), QJsonObject{{QStringLiteral("d"), 0}}}};
    QCOMPARE(written, QJsonDocument(expected).toJson(QJsonDocument::Compact));
}

void TestJsonWriter::ipv4TextMatchesQHostAddress()
{
    QRandomGenerator random(7);
    for (int i = 0; i < 2000; ++i) {
        const quint32 v4 = i < 2 ? (i == 0 ? 0u : 0xFFFFFFFFu) : random.generate();
        const std::uint8_t bytes[] = {
            static_cast<std::uint8_t>(v4 >> 24), static_cast<std::uint8_t>(v4 >> 16),
            static_cast<std::uint8_t>(v4 >> 8), static_cast<std::uint8_t>(v4)};
        const int port = static_cast<int>(random.bounded(65536));
        QCOMPARE(pl::proxy::ipv4Text(bytes), QHostAddress(v4).toString());
        QCOMPARE(pl::proxy::ipv4Text(bytes, port),
                 QHostAddress(v4).toString() + QLatin1Char(':') + QString::number(port));
    }
}

void TestJsonWriter::keysAcrossTheBufferLikeQJsonDocument()
{
    // Keys are written in one go with one room check: many keys of every
    // length cross the writer's 2 KiB buffer at every offset.
    QJsonObject expected;
    QByteArray written;
    JsonWriter w(written);
    w.beginObject();
    QStringList names;
    for (int i = 0; i < 400; ++i)
        names
            << QStringLiteral("k%1_%2").arg(i, 4, 10, QLatin1Char('0')).arg(QString(i % 37, u'z'));
    names.sort(); // QJsonObject prints its keys sorted
    for (const QString &name : std::as_const(names)) {
        const QByteArray key = name.toLatin1();
        w.field(std::string_view(key.constData(), std::size_t(key.size())), int(name.size()));
        expected.insert(name, int(name.size()));
    }
    w.endObject();
    w.flush();
    QCOMPARE(written, QJsonDocument(expected).toJson(QJsonDocument::Compact));
}

void TestJsonWriter::doublesLikeQJsonValue()
{
    // Reports write their counters as QJsonValue(double) did: the same
    // text for integral values, past 2^53 and 2^63, fractions and
    // non-finite values.
    const double values[] = {0.0,
                             -0.0,
                             1.0,
                             -1.0,
                             1720775400.0,
                             9007199254740992.0,
                             -9007199254740992.0,
                             9007199254740994.0,
                             1e17,
                             -1e17,
                             9223372036854775807.0,
                             -9223372036854775808.0,
                             18446744073709551615.0,
                             1e300,
                             -1e300,
                             1.5,
                             0.1,
                             -2.5e-7,
                             std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()};
    for (const double v : values) {
        QByteArray written;
        {
            JsonWriter w(written);
            w.beginArray();
            w.number(v);
            w.endArray();
        }
        const QByteArray expected =
            QJsonDocument(QJsonArray{QJsonValue(v)}).toJson(QJsonDocument::Compact);
        QCOMPARE(written, expected);
    }
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
