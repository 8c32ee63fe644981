#pragma once

#include <QWidget>

namespace pl::gui {

// The place a tool will take in the main window, until it lands: says what
// the tool will do and what to use meanwhile.
class PlaceholderView : public QWidget
{
    Q_OBJECT

public:
    PlaceholderView(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace pl::gui
