#pragma once

#include <QSyntaxHighlighter>

namespace pl::gui {

// Policy JSON colouring: keys, strings, numbers and the words a policy turns
// on (Allow, Deny). Enough to read a statement at a glance.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace pl::gui
