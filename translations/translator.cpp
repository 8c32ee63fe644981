#include "translator.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QXmlStreamReader>

namespace pl::i18n {

namespace {

const QString kSystem = QStringLiteral("system");
const QString kEnglish = QStringLiteral("en");

QString key(const QString &source, const QString &disambiguation)
{
    return disambiguation.isEmpty() ? source : source + QChar(0x1F) + disambiguation;
}

// Reads the finished messages of a .ts file: source (+ comment) -> forms.
QHash<QString, QStringList> readTs(const QString &path)
{
    QHash<QString, QStringList> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString source, comment;
    QStringList forms;
    bool usable = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("message")) {
                source.clear();
                comment.clear();
                forms.clear();
                usable = false;
            } else if (name == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (name == QLatin1String("comment")) {
                comment = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                const auto type = xml.attributes().value(QLatin1String("type"));
                usable = type.isEmpty();
                if (usable) {
                    // Either text or <numerusform> children.
                    while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) &&
                           !xml.atEnd()) {
                        xml.readNext();
                        if (xml.isCharacters() && !xml.isWhitespace())
                            forms.append(xml.text().toString());
                        else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                            forms.append(xml.readElementText());
                    }
                }
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            if (usable && !source.isEmpty() && !forms.isEmpty() && !forms.first().isEmpty())
                messages.insert(key(source, comment), forms);
        }
    }
    return messages;
}

} // namespace

QStringList availableLanguages()
{
    return {kEnglish, QStringLiteral("zh_CN")};
}

QString languageDisplayName(const QString &language)
{
    // Each language in its own script, as language pickers do.
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (language == kEnglish)
        return QStringLiteral("English");
    return language;
}

QString resolveLanguage(const QString &setting)
{
    if (!setting.isEmpty() && setting != kSystem)
        return availableLanguages().contains(setting) ? setting : kEnglish;
    // The first UI language we have wins (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    const QStringList ui = QLocale::system().uiLanguages();
    for (QString name : ui) {
        name.replace(QLatin1Char('-'), QLatin1Char('_'));
        if (name.startsWith(QLatin1String("en")))
            return kEnglish;
        // zh, zh_CN, zh_Hans, zh_Hans_CN and zh_SG read Simplified Chinese.
        if (name == QLatin1String("zh") || name.startsWith(QLatin1String("zh_CN")) ||
            name.startsWith(QLatin1String("zh_Hans")) || name.startsWith(QLatin1String("zh_SG")))
            return QStringLiteral("zh_CN");
    }
    return kEnglish;
}

QString install(const QString &setting)
{
    const QString language = resolveLanguage(setting);
    if (language == kEnglish)
        return language;
    auto *app = QCoreApplication::instance();
    auto *translator = new Translator(app);
    if (!translator->loadLanguage(language)) {
        delete translator;
        return kEnglish;
    }
    QCoreApplication::installTranslator(translator);
    // Qt's own strings (standard buttons, file dialogs), when installed
    // (Debian: qt6-translations-l10n).
    auto *qt = new QTranslator(app);
    const QStringList dirs{QLibraryInfo::path(QLibraryInfo::TranslationsPath),
                           QStringLiteral("/usr/share/qt6/translations")};
    bool loaded = false;
    for (const QString &dir : dirs) {
        if (qt->load(QStringLiteral("qtbase_") + language, dir)) {
            loaded = true;
            break;
        }
    }
    if (loaded)
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return language;
}

Translator::Translator(QObject *parent) : QTranslator(parent) {}

bool Translator::loadLanguage(const QString &language)
{
    const QString base = QStringLiteral(":/i18n/privatelink-inspector_") + language;
    if (!m_exact.load(base + QStringLiteral(".qm")))
        return false;
    m_bySource = readTs(base + QStringLiteral(".ts"));
    return true;
}

QString Translator::translate(const char *context, const char *sourceText,
                              const char *disambiguation, int n) const
{
    QString exact = m_exact.translate(context, sourceText, disambiguation, n);
    if (!exact.isEmpty())
        return exact;
    const auto it =
        m_bySource.constFind(key(QString::fromUtf8(sourceText), QString::fromUtf8(disambiguation)));
    if (it == m_bySource.constEnd())
        return {};
    // Chinese has one plural form; languages with two use the second for n != 1.
    if (n >= 0 && it->size() > 1)
        return it->at(n == 1 ? 0 : 1);
    return it->first();
}

bool Translator::isEmpty() const
{
    return m_exact.isEmpty() && m_bySource.isEmpty();
}

} // namespace pl::i18n
