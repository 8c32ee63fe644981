#pragma once

#include <QList>
#include <QWidget>

#include <functional>

namespace pl::gui {

// Horizontal bars, one per label, longest first: enough to see which VPC or
// endpoint dominates a capture without a charting library.
class BarChart : public QWidget
{
    Q_OBJECT

public:
    struct Bar
    {
        QString label;
        quint64 value = 0;
    };

    explicit BarChart(QWidget *parent = nullptr);
    void setTitle(const QString &title);
    void setBars(QList<Bar> bars, int maxBars = 8);
    const QList<Bar> &bars() const { return m_bars; }
    // How values are written beside the bars (the number by default).
    void setValueFormatter(std::function<QString(quint64)> formatter);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_title;
    QList<Bar> m_bars;
    quint64 m_others = 0; // the sum beyond maxBars
    std::function<QString(quint64)> m_format;
};

} // namespace pl::gui
