#pragma once

#include "capture/capturestats.h"

#include <QWidget>

class QLabel;

namespace pl::gui {

class BarChart;

// Totals of the loaded capture: connections per VPC ID and endpoint ID, CRC
// states and findings, each as a small bar chart; and what reading met
// besides connections (tunnels opened, packets it could not decode).
class CaptureSummary : public QWidget
{
    Q_OBJECT

public:
    explicit CaptureSummary(QWidget *parent = nullptr);
    void setStats(const capture::CaptureStats &stats);
    void clear();

private:
    void setReading(const capture::CaptureCounters &counters);

    QLabel *m_totals;
    QLabel *m_reading;
    BarChart *m_vpc;
    BarChart *m_endpoint;
    BarChart *m_crc;
    BarChart *m_findings;
};

} // namespace pl::gui
