#pragma once

#include <QHash>
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

// The application's translator. Exact lookups come from the compiled .qm;
// when one misses, the message is looked up by its source text alone. Core
// code outside QObject classes translates through small tr() helpers whose
// runtime context lupdate cannot see (it files them under the enclosing
// namespace or class), so the source text is the key that both agree on.
class Translator : public QTranslator
{
    Q_OBJECT

public:
    explicit Translator(QObject *parent = nullptr);

    // Loads :/i18n/privatelink-inspector_<language>.qm and its .ts.
    bool loadLanguage(const QString &language);

    QString translate(const char *context, const char *sourceText,
                      const char *disambiguation = nullptr, int n = -1) const override;
    bool isEmpty() const override;

private:
    QTranslator m_exact;
    QHash<QString, QStringList> m_bySource; // source -> translation (plural forms)
};

} // namespace pl::i18n
