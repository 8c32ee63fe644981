#pragma once

#include "capture/capturestats.h"

#include <QWidget>

class QLabel;

namespace pl::gui {

class BarChart;

// Totals of the loaded capture: connections per VPC ID and endpoint ID, CRC
// states and findings, each as a small bar chart.
class CaptureSummary : public QWidget
{
    Q_OBJECT

public:
    explicit CaptureSummary(QWidget *parent = nullptr);
    void setStats(const capture::CaptureStats &stats);
    void clear();

private:
    QLabel *m_totals;
    BarChart *m_vpc;
    BarChart *m_endpoint;
    BarChart *m_crc;
    BarChart *m_findings;
};

} // namespace pl::gui
