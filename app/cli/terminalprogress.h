#pragma once

#include <QElapsedTimer>
#include <QString>

namespace pl::capture {
struct CaptureProgress;
}

namespace pl::cli {

// One line of progress on stderr, rewritten in place, and only when stderr
// is a terminal: never in a pipe, a log file or CI. At most five updates a
// second; finish() leaves the last state on its own line.
class TerminalProgress
{
public:
    TerminalProgress();

    bool enabled() const { return m_enabled; }
    void show(const QString &text);
    void finish(const QString &text);

private:
    void write(const QString &text);

    bool m_enabled = false;
    QElapsedTimer m_clock;
    qint64 m_lastMs = -1;
};

// "12,345 packets, 678 connections, 42%" (no percentage for a pipe).
QString captureProgressText(const capture::CaptureProgress &progress);

} // namespace pl::cli
