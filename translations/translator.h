#pragma once

#include <QString>
#include <QStringList>
#include <QTranslator>

class QCoreApplication;

namespace pl::i18n {

// Languages the user can pick besides "system": the source language and the
// languages with a .ts file in translations/.
QStringList availableLanguages(); // {"en", "zh_CN"}
QString languageDisplayName(const QString &language);

// The language to use: `setting` is "system" (or empty), "en" or a locale
// name such as "zh_CN"; "system" follows the system locale's UI languages.
QString resolveLanguage(const QString &setting);

// Installs the application's translation for `language` (from :/i18n) and
// Qt's own (qtbase_*.qm from Qt's translations folder, when present) on the
// running application. Returns the language installed ("en": none needed).
QString install(const QString &setting);

// The application's translator: the compiled .qm of a language. Every
// message is looked up by its context as lupdate filed it (QObject classes
// and Q_DECLARE_TR_FUNCTIONS classes, never free tr() helpers).
class Translator : public QTranslator
{
    Q_OBJECT

public:
    explicit Translator(QObject *parent = nullptr);

    // Loads :/i18n/privatelink-inspector_<language>.qm.
    bool loadLanguage(const QString &language);
};

} // namespace pl::i18n
