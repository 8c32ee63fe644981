#pragma once

#include "proxy/diagnostic.h"

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QList>

namespace pl::gui {

// Offsets, hex and ASCII, 16 bytes a line. One selected range (the selected
// breakdown row) and marked ranges (warnings, errors) in their colours.
// Clicking a byte emits byteClicked so the breakdown can select its row.
class HexView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    struct Mark
    {
        int offset = 0;
        int length = 0;
        proxy::Severity severity = proxy::Severity::Info;
    };

    explicit HexView(QWidget *parent = nullptr);

    void setBytes(const QByteArray &bytes);
    void setMarks(const QList<Mark> &marks);
    void setSelection(int offset, int length);
    int selectionOffset() const { return m_selOffset; }
    int selectionLength() const { return m_selLength; }
    const QByteArray &bytes() const { return m_bytes; }
    // Byte under a viewport position, or -1.
    int offsetAt(const QPoint &viewportPos) const;

signals:
    void byteClicked(int offset);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    QSize sizeHint() const override;

private:
    static constexpr int kBytesPerLine = 16;
    void updateScrollBars();
    int lineCount() const;
    int charWidth() const;
    int hexX(int column) const;
    int asciiX(int column) const;

    QByteArray m_bytes;
    QList<Mark> m_marks;
    int m_selOffset = -1;
    int m_selLength = 0;
};

} // namespace pl::gui
