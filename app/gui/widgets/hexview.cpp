#include "hexview.h"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace pl::gui {

namespace {

QColor markColour(proxy::Severity severity)
{
    switch (severity) {
    case proxy::Severity::Error:
        return QColor(0xFF, 0xB3, 0xB3);
    case proxy::Severity::Warning:
        return QColor(0xFF, 0xE0, 0x8A);
    case proxy::Severity::Info:
        break;
    }
    return {};
}

// Layout in character cells: "00000000  00 11 22 ... 77  88 ... ff  ASCII".
constexpr int kOffsetChars = 8;
constexpr int kGapChars = 2;

} // namespace

HexView::HexView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
}

void HexView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    m_marks.clear();
    m_selOffset = -1;
    m_selLength = 0;
    updateScrollBars();
    viewport()->update();
}

void HexView::setMarks(const QList<Mark> &marks)
{
    m_marks = marks;
    viewport()->update();
}

void HexView::setSelection(int offset, int length)
{
    m_selOffset = offset;
    m_selLength = length;
    if (offset >= 0) {
        const int line = offset / kBytesPerLine;
        const int first = verticalScrollBar()->value();
        const int visible = std::max(1, viewport()->height() / fontMetrics().height());
        if (line < first || line >= first + visible)
            verticalScrollBar()->setValue(line);
    }
    viewport()->update();
}

int HexView::charWidth() const
{
    return fontMetrics().horizontalAdvance(QLatin1Char('0'));
}

int HexView::hexX(int column) const
{
    // An extra space after the eighth byte groups the line in halves.
    const int cell = kOffsetChars + kGapChars + column * 3 + (column >= 8 ? 1 : 0);
    return cell * charWidth() + 4;
}

int HexView::asciiX(int column) const
{
    return hexX(kBytesPerLine) + (kGapChars + column) * charWidth();
}

int HexView::lineCount() const
{
    return static_cast<int>((m_bytes.size() + kBytesPerLine - 1) / kBytesPerLine);
}

void HexView::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / fontMetrics().height());
    verticalScrollBar()->setRange(0, std::max(0, lineCount() - visible));
    verticalScrollBar()->setPageStep(visible);
    const int width = asciiX(kBytesPerLine) + 8;
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

QSize HexView::sizeHint() const
{
    return {asciiX(kBytesPerLine) + 24, fontMetrics().height() * 8};
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

int HexView::offsetAt(const QPoint &pos) const
{
    const int x = pos.x() + horizontalScrollBar()->value();
    const int line = pos.y() / fontMetrics().height() + verticalScrollBar()->value();
    int column = -1;
    for (int c = 0; c < kBytesPerLine; ++c) {
        if ((x >= hexX(c) && x < hexX(c) + 2 * charWidth()) ||
            (x >= asciiX(c) && x < asciiX(c) + charWidth())) {
            column = c;
            break;
        }
    }
    const int offset = line * kBytesPerLine + column;
    return column < 0 || offset >= m_bytes.size() ? -1 : offset;
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    const int offset = offsetAt(event->position().toPoint());
    if (offset >= 0)
        emit byteClicked(offset);
    QAbstractScrollArea::mousePressEvent(event);
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().base());
    if (m_bytes.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter, tr("No bytes to show"));
        return;
    }
    p.translate(-horizontalScrollBar()->value(), 0);
    const QFontMetrics fm = fontMetrics();
    const int lineHeight = fm.height();
    const int first = verticalScrollBar()->value();
    const int visible = viewport()->height() / lineHeight + 2;
    const int cw = charWidth();
    const QColor selection = palette().color(QPalette::Highlight);
    const QColor selectedText = palette().color(QPalette::HighlightedText);
    const QColor text = palette().color(QPalette::Text);
    const QColor dim = palette().color(QPalette::PlaceholderText);

    for (int line = first; line < std::min(lineCount(), first + visible); ++line) {
        const int y = (line - first) * lineHeight;
        const int base = line * kBytesPerLine;
        p.setPen(dim);
        p.drawText(4, y + fm.ascent(),
                   QStringLiteral("%1").arg(base, kOffsetChars, 16, QLatin1Char('0')));
        for (int c = 0; c < kBytesPerLine && base + c < m_bytes.size(); ++c) {
            const int offset = base + c;
            const auto byte = static_cast<unsigned char>(m_bytes[offset]);
            const bool selected = offset >= m_selOffset && offset < m_selOffset + m_selLength;
            QColor background;
            for (const Mark &m : m_marks)
                if (offset >= m.offset && offset < m.offset + m.length &&
                    m.severity != proxy::Severity::Info)
                    background = markColour(m.severity);
            if (selected)
                background = selection;
            const QRect hexCell(hexX(c) - cw / 2, y, 3 * cw, lineHeight);
            const QRect asciiCell(asciiX(c), y, cw, lineHeight);
            if (background.isValid()) {
                p.fillRect(hexCell, background);
                p.fillRect(asciiCell, background);
            }
            p.setPen(selected ? selectedText : text);
            p.drawText(hexX(c), y + fm.ascent(),
                       QStringLiteral("%1").arg(byte, 2, 16, QLatin1Char('0')));
            const QChar ch =
                byte >= 0x20 && byte < 0x7F ? QChar(static_cast<char16_t>(byte)) : QLatin1Char('.');
            if (!selected)
                p.setPen(byte >= 0x20 && byte < 0x7F ? text : dim);
            p.drawText(asciiX(c), y + fm.ascent(), ch);
        }
    }
}

} // namespace pl::gui
