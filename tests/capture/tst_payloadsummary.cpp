// What follows the header, in a few words: the request and the first response.

#include "capture/payloadsummary.h"
#include "perf/summarytexts.h"

#include <QRandomGenerator>
#include <QTest>

#include <string>

using namespace pl::capture;
using namespace pl::perf;

namespace {

pl::proxy::ByteSpan span(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()),
            static_cast<std::size_t>(b.size())};
}

// A ClientHello with SNI api.example and ALPN h2,http/1.1 (from gen_captures.py).
const QByteArray kClientHello = QByteArray::fromHex(
    "1603010055010000510303000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0000"
    "0213010100002600000010000e00000b6170692e6578616d706c650010000e000c02683208687474702f312e31");

// Three times through one set of shared texts (a miss, then hits), with
// another text in between that may take over the slot.
void checkResponseThroughSharedTexts(const QByteArray &other)
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(bool, complete);
    SummaryTexts texts;
    for (int round = 0; round < 3; ++round) {
        const PayloadSummary s = summarizeResponse(span(bytes), texts);
        QCOMPARE(s.text, text);
        QCOMPARE(s.complete, complete);
        summarizeResponse(span(other), texts);
    }
}

QString fieldsText(const RequestSummary &s)
{
    const RequestSummary::Fields &f = s.fields();
    return QStringLiteral("%1|%2|%3|%4|%5|%6")
        .arg(f.method, f.path, f.host, f.userAgent, f.sni, f.alpn);
}

} // namespace

class TestPayloadSummary : public QObject
{
    Q_OBJECT

private slots:
    void request_data();
    void request();
    void response_data();
    void response();
    void sharedTextsNeverMixUp();
    void sharedRequestsNeverMixUp();
    void longPathsNeverShareASummary();
    void longHostsAndAgentsAreJudgedWhole();
    void utf8TextIsShownAsUtf8();
};

void TestPayloadSummary::request_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("complete");
    // method|path|host|user agent|SNI|ALPN: what the access policy reads
    QTest::addColumn<QString>("fields");
    QTest::newRow("nothing") << QByteArray() << QString() << false << "|||||";
    QTest::newRow("HTTP with Host")
        << QByteArray("GET /login HTTP/1.1\r\nAccept: */*\r\nHost: a.example\r\n\r\n")
        << QStringLiteral("GET /login HTTP/1.1 Host: a.example") << true
        << "GET|/login|a.example|||";
    QTest::newRow("HTTP host lower case")
        << QByteArray("POST /x HTTP/1.1\r\nhost:b.example\r\n")
        << QStringLiteral("POST /x HTTP/1.1 Host: b.example") << true << "POST|/x|b.example|||";
    QTest::newRow("HTTP User-Agent after Host")
        << QByteArray(
               "GET /a?b=c HTTP/1.1\r\nHost: c.example:8080\r\nUser-Agent:  curl/8.1 (x) \r\n"
               "\r\n")
        << QStringLiteral("GET /a?b=c HTTP/1.1 Host: c.example:8080") << true
        << "GET|/a?b=c|c.example:8080|curl/8.1 (x)||";
    QTest::newRow("HTTP user-agent first")
        << QByteArray("PUT /u HTTP/1.1\r\nuser-agent: probe\r\nHOST: d.example\r\n\r\n")
        << QStringLiteral("PUT /u HTTP/1.1 Host: d.example") << true << "PUT|/u|d.example|probe||";
    QTest::newRow("HTTP request line not finished")
        << QByteArray("GET /very/long") << QStringLiteral("GET /very/long") << false << "|||||";
    QTest::newRow("HTTP without Host") << QByteArray("GET / HTTP/1.0\r\n\r\n")
                                       << QStringLiteral("GET / HTTP/1.0") << true << "GET|/||||";
    QTest::newRow("HTTP/0.9 line: no method to judge")
        << QByteArray("GET /old\r\n\r\n") << QStringLiteral("GET /old") << true << "|||||";
    QTest::newRow("HTTP empty Host")
        << QByteArray("GET / HTTP/1.1\r\nHost:   \r\n\r\n")
        << QStringLiteral("GET / HTTP/1.1 Host: ") << true << "GET|/||||";
    QTest::newRow("TLS ClientHello")
        << kClientHello << QStringLiteral("TLS ClientHello SNI=api.example ALPN=h2,http/1.1")
        << true << "||||api.example|h2,http/1.1";
    QTest::newRow("TLS ClientHello cut short")
        << kClientHello.left(60) << QStringLiteral("TLS ClientHello") << false << "|||||";
    QTest::newRow("binary") << QByteArray::fromHex("0001020304ff") << QStringLiteral("binary")
                            << true << "|||||";
    // A path longer than the text shows is still the path a policy judges
    // (a Deny on /admin* was bypassed by a long query string).
    const QByteArray longPath = "/admin/users?token=" + QByteArray(600, 'a');
    QTest::newRow("HTTP path past the text")
        << QByteArray("GET " + longPath + " HTTP/1.1\r\nHost: x.example\r\n\r\n")
        << QString::fromLatin1(QByteArray("GET " + longPath + " HTTP/1.1").left(512) +
                               " Host: x.example")
        << true << QString::fromLatin1("GET|" + longPath + "|x.example|||");
    const QByteArray endless = "GET /admin/" + QByteArray(5000, 'b');
    QTest::newRow("HTTP request line past every byte read: the path so far")
        << endless << QString::fromLatin1(endless.left(512)) << false
        << QString::fromLatin1("GET|" + endless.mid(4, 4096 - 4) + "||||");
    QTest::newRow("WebDAV method")
        << QByteArray("PROPFIND /admin/ HTTP/1.1\r\nHost: dav.example\r\n\r\n")
        << QStringLiteral("PROPFIND /admin/ HTTP/1.1 Host: dav.example") << true
        << "PROPFIND|/admin/|dav.example|||";
    QTest::newRow("another method, line still arriving")
        << QByteArray("PROPFIND /adm") << QString() << false << "|||||";
    QTest::newRow("upper-case words that are no request line")
        << QByteArray("HELLO WORLD\r\n") << QStringLiteral("binary") << true << "|||||";
    const QByteArray utf8 =
        QStringLiteral("GET /文档/a HTTP/1.1\r\nHost: 例子.example\r\n\r\n").toUtf8();
    QTest::newRow("UTF-8 path and Host")
        << utf8 << QStringLiteral("GET /文档/a HTTP/1.1 Host: 例子.example") << true
        << QStringLiteral("GET|/文档/a|例子.example|||");
}

void TestPayloadSummary::request()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(bool, complete);
    QFETCH(QString, fields);
    // Three times through one set of shared summaries (a miss, then hits),
    // with another request in between that may take over the slot.
    SummaryCaches caches;
    for (int round = 0; round < 3; ++round) {
        const RequestRead s = summarizeRequest(span(bytes), caches);
        QCOMPARE(s.summary.text(), text);
        QCOMPARE(s.complete, complete);
        QCOMPARE(fieldsText(s.summary), fields);
        summarizeRequest(span(QByteArray("GET /other HTTP/1.1\r\n")), caches);
    }
    const RequestRead alone = summarizeRequest(span(bytes));
    QCOMPARE(alone.summary.text(), text);
    QCOMPARE(fieldsText(alone.summary), fields);
}

void TestPayloadSummary::response_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("complete");
    QTest::newRow("status line") << QByteArray("HTTP/1.1 403 Forbidden\r\nServer: x\r\n\r\n")
                                 << QStringLiteral("HTTP/1.1 403 Forbidden") << true;
    QTest::newRow("status line still arriving")
        << QByteArray("HTTP/1.1 50") << QStringLiteral("HTTP/1.1 50") << false;
    QTest::newRow("TLS ServerHello")
        << QByteArray::fromHex("160303000602000002") << QStringLiteral("TLS ServerHello") << true;
    QTest::newRow("TLS alert") << QByteArray::fromHex("15030300020228")
                               << QStringLiteral("TLS alert") << true;
    QTest::newRow("binary") << QByteArray("\x00\x01zz", 4) << QStringLiteral("binary") << true;
}

void TestPayloadSummary::response()
{
    checkResponseThroughSharedTexts(QByteArray("HTTP/1.0 204 No Content\r\n"));
}

void TestPayloadSummary::sharedTextsNeverMixUp()
{
    // 20,000 lookups of 3,000 texts (many per slot, some longer than what
    // is kept, UTF-8 characters): every answer is its own text, and
    // a repeated text that stayed in its slot is shared, not copied.
    SummaryTexts texts;
    QRandomGenerator random(11);
    QString previous;
    std::string previousKey;
    for (int i = 0; i < 20000; ++i) {
        const auto n = random.bounded(3000);
        std::string key = "GET /item/" + std::to_string(n) + " HTTP/1.1 Host: caf\xc3\xa9.example";
        if (n % 500 == 0)
            key.append(600, 'x');
        const QString text = texts.text(key);
        QCOMPARE(text, QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size())));
        if (key == previousKey && key.size() <= 512)
            QVERIFY(text.isSharedWith(previous));
        previous = text;
        previousKey = key;
        if (i % 3 == 0) { // the same text right away: always a hit
            const QString again = texts.text(key);
            QCOMPARE(again, text);
            if (key.size() <= 512)
                QVERIFY(again.isSharedWith(text));
        }
    }
    QVERIFY(texts.text({}).isNull());
}

void TestPayloadSummary::sharedRequestsNeverMixUp()
{
    // 20,000 requests over 3,000 paths and a few User-Agents (which the
    // text leaves out): every summary's fields are its own request's, and
    // a request repeated right away shares its summary.
    SummaryCaches caches;
    QRandomGenerator random(7);
    for (int i = 0; i < 20000; ++i) {
        const auto n = random.bounded(3000);
        const auto agent = random.bounded(4);
        const QByteArray path = "/item/" + QByteArray::number(n);
        QByteArray request =
            "GET " + path + " HTTP/1.1\r\nHost: h" + QByteArray::number(n % 7) + ".example\r\n";
        if (agent != 0)
            request += "User-Agent: agent-" + QByteArray::number(agent) + "\r\n";
        request += "\r\n";
        const RequestSummary s = summarizeRequest(span(request), caches).summary;
        QCOMPARE(s.fields().path, QString::fromLatin1(path));
        QCOMPARE(s.fields().host, QStringLiteral("h%1.example").arg(n % 7));
        QCOMPARE(s.fields().userAgent,
                 agent == 0 ? QString() : QStringLiteral("agent-%1").arg(agent));
        const RequestSummary again = summarizeRequest(span(request), caches).summary;
        QCOMPARE(again, s);
        QCOMPARE(&again.fields(), &s.fields()); // shared, not rebuilt
    }
}

void TestPayloadSummary::longPathsNeverShareASummary()
{
    // Two request lines alike in what the text shows, different past it.
    SummaryCaches caches;
    const QByteArray head = "GET /" + QByteArray(600, 'p');
    const RequestRead a = summarizeRequest(span(head + "/a HTTP/1.1\r\n\r\n"), caches);
    const RequestRead b = summarizeRequest(span(head + "/b HTTP/1.1\r\n\r\n"), caches);
    QCOMPARE(a.summary.text(), b.summary.text());
    QVERIFY(a.summary.fields().path.endsWith(QLatin1String("/a")));
    QVERIFY(b.summary.fields().path.endsWith(QLatin1String("/b")));
}

void TestPayloadSummary::longHostsAndAgentsAreJudgedWhole()
{
    // A Deny on "*bot*" must see a User-Agent's end, past what the text
    // shows; two agents alike in their first bytes are two agents.
    SummaryCaches caches;
    const QByteArray padding(300, 'm');
    const RequestRead a = summarizeRequest(
        span("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: Mozilla/" + padding + " evilbot\r\n\r\n"),
        caches);
    const RequestRead b = summarizeRequest(
        span("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: Mozilla/" + padding + " curl\r\n\r\n"),
        caches);
    QVERIFY(a.summary.fields().userAgent.endsWith(QLatin1String(" evilbot")));
    QVERIFY(b.summary.fields().userAgent.endsWith(QLatin1String(" curl")));
    // Hosts likewise (a virtual host named past 256 bytes).
    const QByteArray longHost = QByteArray(300, 'a') + ".example";
    const RequestRead c =
        summarizeRequest(span("GET / HTTP/1.1\r\nHost: " + longHost + "\r\n\r\n"), caches);
    QCOMPARE(c.summary.fields().host, QString::fromLatin1(longHost));
    QVERIFY(c.summary.text().size() < 300); // the text shows the start
}

void TestPayloadSummary::utf8TextIsShownAsUtf8()
{
    SummaryCaches caches;
    const RequestRead r =
        summarizeRequest(span("GET /\xe6\x96\x87\xe6\xa1\xa3 HTTP/1.1\r\nHost: h\r\n\r\n"), caches);
    QCOMPARE(r.summary.text(), QStringLiteral("GET /\u6587\u6863 HTTP/1.1 Host: h"));
    // A line cut for the text ends before a character, never inside one.
    const QByteArray line = "GET /" + QByteArray(506, 'x') + "\xe6\x96\x87 HTTP/1.1\r\n\r\n";
    const RequestRead cut = summarizeRequest(span(line), caches);
    QVERIFY(!cut.summary.text().contains(QChar(QChar::ReplacementCharacter)));
    QVERIFY(cut.summary.fields().path.endsWith(QStringLiteral("\u6587")));
}

QTEST_GUILESS_MAIN(TestPayloadSummary)
#include "tst_payloadsummary.moc"
