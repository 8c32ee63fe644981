// The zh_CN translation is complete, current and keeps the protocol tokens
// engineers search for; core messages reach users in Chinese.

#include "capture/connection.h"
#include "capture/linklayer.h"
#include "policy/lint.h"
#include "policy/policydocument.h"
#include "policy/policyrequest.h"
#include "proxy/breakdown.h"
#include "proxy/diagnostic.h"
#include "proxy/header.h"
#include "proxy/headertext.h"
#include "proxy/hextext.h"
#include "translator.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <functional>

namespace {

const QString kTsFile =
    QStringLiteral(PL_SOURCE_DIR "/translations/privatelink-inspector_zh_CN.ts");

struct TsMessage
{
    QString context;
    QString source;
    QString translation; // forms joined by '\n' for plurals
    QString type;        // "unfinished", "vanished", "obsolete" or empty
};

QList<TsMessage> readTs(const QString &path)
{
    QList<TsMessage> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("message"))
                current = TsMessage{context, {}, {}, {}};
            else if (xml.name() == QLatin1String("source"))
                current.source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages.append(current);
        }
    }
    return messages;
}

bool hasCjk(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n|p%)"));
    QStringList found;
    for (const auto &m : re.globalMatch(text))
        found.append(m.captured());
    found.sort();
    return found;
}

QString describe(const TsMessage &m)
{
    return m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void everyMessageIsTranslated();
    void placeholdersAndTokensSurvive();
    void sourcesHaveNoUntranslatedStrings();
    void languageFollowsTheSetting();
    void coreMessagesComeOutInChinese();
    void everyTranslationContextIsLookedUp_data();
    void everyTranslationContextIsLookedUp();
};

void TestTranslations::everyMessageIsTranslated()
{
    const QList<TsMessage> messages = readTs(kTsFile);
    QVERIFY2(messages.size() > 400, qPrintable(kTsFile));
    QStringList bad;
    for (const TsMessage &m : messages) {
        if (!m.type.isEmpty())
            bad.append(m.type + QStringLiteral(" ") + describe(m));
        else if (m.translation.trimmed().isEmpty())
            bad.append(QStringLiteral("empty ") + describe(m));
    }
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
}

void TestTranslations::placeholdersAndTokensSurvive()
{
    // Engineers grep logs and vendor documents for these; they stay as is.
    const QStringList tokens{QStringLiteral("PROXY"),   QStringLiteral("TLV"),
                             QStringLiteral("CRC32C"),  QStringLiteral("LOCAL"),
                             QStringLiteral("NOOP"),    QStringLiteral("VPC ID"),
                             QStringLiteral("HAProxy"), QStringLiteral("nginx")};
    QStringList bad;
    for (const TsMessage &m : readTs(kTsFile)) {
        if (placeholders(m.source) != placeholders(m.translation))
            bad.append(QStringLiteral("placeholders differ in ") + describe(m));
        for (const QString &token : tokens) {
            if (m.source.contains(token) && !m.translation.contains(token))
                bad.append(token + QStringLiteral(" lost in ") + describe(m));
        }
        // Chinese text for every message that is not just tokens and numbers.
        // (Product names, IDs and tokens such as "Authority" stay as they are.)
        static const QRegularExpression words(QStringLiteral("\\b[a-z]{3,}\\b"));
        const QString plain =
            QString(m.source).remove(QRegularExpression(QStringLiteral("<[^>]*>")));
        int wordCount = 0;
        for (auto it = words.globalMatch(plain); it.hasNext(); it.next())
            ++wordCount;
        if (wordCount >= 2 && !hasCjk(m.translation) && m.translation == m.source &&
            !plain.startsWith(QLatin1String("= ")))
            bad.append(QStringLiteral("left in English: ") + describe(m));
    }
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
}

void TestTranslations::sourcesHaveNoUntranslatedStrings()
{
    // What update_translations would do: lupdate over core/ and app/ into a
    // copy of the .ts. Anything it adds is a string users read in English.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("privatelink-inspector_zh_CN.ts"));
    QVERIFY(QFile::copy(kTsFile, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(PL_LUPDATE),
                  {QStringLiteral("-locations"), QStringLiteral("none"),
                   QStringLiteral("-no-obsolete"), QStringLiteral("-silent"),
                   QStringLiteral(PL_SOURCE_DIR "/core"), QStringLiteral(PL_SOURCE_DIR "/app"),
                   QStringLiteral("-ts"), copy});
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);
    QStringList missing;
    for (const TsMessage &m : readTs(copy)) {
        if (!m.type.isEmpty() || m.translation.isEmpty())
            missing.append(describe(m));
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("not translated (build the update_translations target, "
                                       "then translate them in %1):\n")
                            .arg(kTsFile) +
                        missing.join(QLatin1Char('\n'))));
}

void TestTranslations::languageFollowsTheSetting()
{
    QCOMPARE(pl::i18n::resolveLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(pl::i18n::resolveLanguage(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(pl::i18n::resolveLanguage(QStringLiteral("xx_YY")), QStringLiteral("en"));
    // The test environment pins LC_ALL=C.UTF-8: the system language is English.
    QCOMPARE(pl::i18n::resolveLanguage(QStringLiteral("system")), QStringLiteral("en"));
}

void TestTranslations::coreMessagesComeOutInChinese()
{
    pl::i18n::Translator translator;
    QVERIFY(translator.loadLanguage(QStringLiteral("zh_CN")));
    QVERIFY(QCoreApplication::installTranslator(&translator));

    // The documented Alibaba Cloud header with its CRC32C broken.
    QFile file(QStringLiteral(PL_SOURCE_DIR "/resources/samples/alibaba-example.hex"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto parsed = pl::proxy::parseHexText(QString::fromLatin1(file.readAll()));
    QByteArray bytes = parsed.bytes;
    QVERIFY(bytes.size() > 16);
    const auto span = [&bytes] {
        return pl::proxy::ByteSpan(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                   static_cast<std::size_t>(bytes.size()));
    };
    const auto good = pl::proxy::decode(span());
    QVERIFY(good.ok());
    const auto at = static_cast<qsizetype>(good.header.crcOffset);
    bytes[at] = static_cast<char>(bytes.at(at) ^ 0x01);
    const auto bad = pl::proxy::decode(span());
    QCOMPARE(bad.error.code, pl::proxy::ErrorCode::CrcMismatch);

    const QString message = pl::proxy::errorMessage(bad.error);
    QVERIFY2(hasCjk(message) && message.contains(QLatin1String("CRC32C")), qPrintable(message));
    QStringList fields;
    for (const auto &row : pl::proxy::breakdown(bad, span()))
        fields.append(row.label);
    const QString all = fields.join(QLatin1Char('|'));
    QVERIFY2(all.contains(QStringLiteral("签名")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("终端节点")), qPrintable(all));
    QCoreApplication::removeTranslator(&translator);
    QVERIFY(!hasCjk(pl::proxy::errorMessage(bad.error)));
}

// One message from each translation context of core: the context the code
// looks up is the one lupdate filed the message under (no free tr()
// helpers), so each comes out in Chinese with only the compiled .qm.
void TestTranslations::everyTranslationContextIsLookedUp_data()
{
    using Message = std::function<QString()>;
    QTest::addColumn<Message>("message");
    QTest::newRow("capture finding") << Message([] {
        return pl::capture::findingMessage({pl::capture::FindingCode::HeaderMissing, 1, 0});
    });
    QTest::newRow("link layer") << Message(
        [] { return pl::capture::unsupportedLinkTypeMessage(999); });
    QTest::newRow("family") << Message([] {
        return pl::proxy::familyDescription(pl::proxy::Family::Inet, pl::proxy::Transport::Stream);
    });
    QTest::newRow("policy parse error") << Message([] {
        return pl::policy::parsePolicy(R"({"Version":"1","Statement":7})").errors.value(0).message;
    });
    QTest::newRow("policy lint") << Message([] {
        const auto parsed = pl::policy::parsePolicy(
            R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",)"
            R"("Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/33"}}}]})");
        const auto findings = pl::policy::lintPolicy(parsed.document);
        return findings.isEmpty() ? QString() : findings.first().message;
    });
    QTest::newRow("policy provenance") << Message([] {
        return pl::policy::Provenance(
                   pl::policy::Provenance::Origin::Payload,
                   QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP request line"))
            .text();
    });
}

void TestTranslations::everyTranslationContextIsLookedUp()
{
    QFETCH(std::function<QString()>, message);
    const QString english = message();
    QVERIFY2(!english.isEmpty() && !hasCjk(english), qPrintable(english));
    pl::i18n::Translator translator;
    QVERIFY(translator.loadLanguage(QStringLiteral("zh_CN")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString chinese = message();
    QCoreApplication::removeTranslator(&translator);
    QVERIFY2(hasCjk(chinese), qPrintable(english + QStringLiteral(" -> ") + chinese));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
