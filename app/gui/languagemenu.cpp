#include "languagemenu.h"

#include "appsettings.h"
#include "translator.h"

#include <QActionGroup>
#include <QMessageBox>

namespace pl::gui {

LanguageMenu::LanguageMenu(QWidget *parent) : QMenu(tr("&Language"), parent)
{
    setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(this);
    const QString current = AppSettings::language();
    QStringList choices{QStringLiteral("system")};
    choices += i18n::availableLanguages();
    for (const QString &language : choices) {
        const QString label =
            language == QLatin1String("system")
                ? tr("System (%1)").arg(i18n::languageDisplayName(i18n::resolveLanguage(language)))
                : i18n::languageDisplayName(language);
        QAction *action = addAction(label, this, [this, language] { choose(language); });
        action->setObjectName(QStringLiteral("language_") + language);
        action->setCheckable(true);
        action->setChecked(language == current);
        group->addAction(action);
    }
    addSeparator();
    addAction(tr("Applies after a restart"))->setEnabled(false);
}

void LanguageMenu::choose(const QString &language)
{
    if (language == AppSettings::language())
        return;
    AppSettings::setLanguage(language);
    QMessageBox::information(parentWidget(), tr("Language"),
                             tr("The new language applies the next time PrivateLink Inspector "
                                "starts."));
}

} // namespace pl::gui
