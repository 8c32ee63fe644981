// The connection JSON contract (decode --json): its fields on a fixture,
// and the timestamp text it writes against QDateTime.

#include "capture/captureengine.h"
#include "capturereading.h"
#include "export/connectionjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace pl::capture;
using pl::test::fixture;
using pl::test::readAll;
using pl::test::ReadAll;

class TestConnectionJson : public QObject
{
    Q_OBJECT

private slots:
    void timestampTextMatchesQDateTime();
    void jsonContractFields();
};

void TestConnectionJson::timestampTextMatchesQDateTime()
{
    // timestampText() formats dates by hand (exports print two per
    // connection); QDateTime is the reference, across eras and leap days.
    const auto reference = [](std::int64_t ns) -> QString {
        const std::int64_t s = ns >= 0 ? ns / 1'000'000'000 : (ns + 1) / 1'000'000'000 - 1;
        const std::int64_t fraction = ns - s * 1'000'000'000;
        return QDateTime::fromSecsSinceEpoch(s, Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
               QLatin1Char('.') + QStringLiteral("%1").arg(fraction, 9, 10, QLatin1Char('0')) +
               QLatin1Char('Z');
    };
    QList<std::int64_t> samples{0,
                                -1,
                                1,
                                951'782'400'000'000'000,    // 2000-02-29
                                1'709'164'800'123'456'789,  // 2024-02-29
                                -2'208'988'800'000'000'000, // 1900-01-01
                                std::int64_t{1} << 62,      // 2116
                                -(std::int64_t{1} << 62)};  // 1823
    QRandomGenerator random(11);
    for (int i = 0; i < 20000; ++i)
        samples.append(static_cast<std::int64_t>(random.generate64() >> 1) -
                       (std::int64_t{1} << 62));
    for (const std::int64_t ns : samples)
        QCOMPARE(timestampText(ns), reference(ns));
}

void TestConnectionJson::jsonContractFields()
{
    const ReadAll r = readAll(fixture("ethernet_v2_alibaba.pcap"));
    const QJsonObject o = pl::exporting::connectionJson(r.connections.value(0));
    for (const char *key :
         {"frame", "client", "server", "header", "warnings", "first_frame", "last_frame", "time",
          "transport", "payload", "response", "end", "findings"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QLatin1String("frame")).toInt(), 2);
    QCOMPARE(o.value(QLatin1String("client")).toString(), QStringLiteral("10.0.0.14:59074"));
    const QJsonObject header = o.value(QLatin1String("header")).toObject();
    QCOMPARE(header.value(QLatin1String("crc32c")).toString(), QStringLiteral("valid"));
    QCOMPARE(header.value(QLatin1String("vpc_id")).toString(),
             QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
    QCOMPARE(header.value(QLatin1String("tlvs")).toArray().size(), 4);
    QVERIFY(!o.contains(QLatin1String("error")));

    const ReadAll bad = readAll(fixture("raw_ipv4_options_badcrc.pcap"));
    const QJsonObject b = pl::exporting::connectionJson(bad.connections.value(0));
    QCOMPARE(b.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("crc_mismatch"));

    const ReadAll none = readAll(fixture("missing_header.pcap"));
    const QJsonObject n = pl::exporting::connectionJson(none.connections.value(0));
    QVERIFY(n.value(QLatin1String("header")).isNull());
    QCOMPARE(n.value(QLatin1String("findings"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("code"))
                 .toString(),
             QStringLiteral("header_missing"));
}

QTEST_GUILESS_MAIN(TestConnectionJson)
#include "tst_connectionjson.moc"
