#pragma once

#include <QMenu>

namespace pl::gui {

// Settings > Language: System, English, 简体中文. The choice is saved in
// AppSettings and applies from the next start (translations are installed
// before any widget exists).
class LanguageMenu : public QMenu
{
    Q_OBJECT

public:
    explicit LanguageMenu(QWidget *parent = nullptr);

private:
    void choose(const QString &language);
};

} // namespace pl::gui
