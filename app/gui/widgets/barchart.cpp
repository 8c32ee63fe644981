#include "barchart.h"

#include <QPainter>

#include <algorithm>

namespace pl::gui {

BarChart::BarChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void BarChart::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void BarChart::setValueFormatter(std::function<QString(quint64)> formatter)
{
    m_format = std::move(formatter);
    update();
}

void BarChart::setBars(QList<Bar> bars, int maxBars)
{
    std::stable_sort(bars.begin(), bars.end(),
                     [](const Bar &a, const Bar &b) { return a.value > b.value; });
    m_others = 0;
    for (qsizetype i = maxBars; i < bars.size(); ++i)
        m_others += bars[i].value;
    if (bars.size() > maxBars)
        bars.resize(maxBars);
    m_bars = bars;
    if (m_others > 0)
        m_bars.append({tr("(others)"), m_others});
    updateGeometry();
    update();
}

QSize BarChart::sizeHint() const
{
    const int line = fontMetrics().height() + 4;
    return {320, line * (static_cast<int>(std::max<qsizetype>(m_bars.size(), 1)) + 1) + 4};
}

QSize BarChart::minimumSizeHint() const
{
    return {160, sizeHint().height()};
}

void BarChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height() + 4;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), line), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.setFont(font());
    if (m_bars.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRect(0, line, width(), line), Qt::AlignLeft | Qt::AlignVCenter, tr("none"));
        return;
    }
    quint64 max = 1;
    for (const Bar &b : m_bars)
        max = std::max(max, b.value);
    const int labelWidth = std::min(width() / 2, 230);
    const auto valueText = [this](quint64 value) {
        return m_format ? m_format(value) : QString::number(value);
    };
    int countWidth = fm.horizontalAdvance(QStringLiteral("0000000")) + 6;
    for (const Bar &b : m_bars)
        countWidth = std::max(countWidth, fm.horizontalAdvance(valueText(b.value)) + 6);
    const int barSpace = std::max(10, width() - labelWidth - countWidth - 8);
    int y = line;
    for (const Bar &b : m_bars) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, y, labelWidth - 6, line), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(b.label, Qt::ElideMiddle, labelWidth - 6));
        const int w = static_cast<int>(static_cast<double>(barSpace) *
                                       static_cast<double>(b.value) / static_cast<double>(max));
        p.fillRect(QRect(labelWidth, y + 3, std::max(2, w), line - 6),
                   palette().color(QPalette::Highlight));
        p.drawText(QRect(labelWidth + w + 4, y, countWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                   valueText(b.value));
        y += line;
    }
}

} // namespace pl::gui
