#include "translator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace pl::i18n {

namespace {

const QString kSystem = QStringLiteral("system");
const QString kEnglish = QStringLiteral("en");

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
    return load(QStringLiteral(":/i18n/privatelink-inspector_") + language + QStringLiteral(".qm"));
}

} // namespace pl::i18n
