#include "placeholderview.h"

#include <QLabel>
#include <QVBoxLayout>

namespace pl::gui {

PlaceholderView::PlaceholderView(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
    auto *text = new QLabel(description, this);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(heading, 0, Qt::AlignHCenter);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

} // namespace pl::gui
