#include "terminalprogress.h"

#include "capture/captureengine.h"

#include <QLocale>

#include <cstdio>
#include <unistd.h>

namespace pl::cli {

TerminalProgress::TerminalProgress() : m_enabled(::isatty(STDERR_FILENO) == 1)
{
    m_clock.start();
}

void TerminalProgress::show(const QString &text)
{
    if (!m_enabled)
        return;
    const qint64 now = m_clock.elapsed();
    if (m_lastMs >= 0 && now - m_lastMs < 200)
        return;
    m_lastMs = now;
    write(text);
}

void TerminalProgress::finish(const QString &text)
{
    if (!m_enabled)
        return;
    write(text);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

void TerminalProgress::write(const QString &text)
{
    // \r and clear-to-end-of-line: the shorter text leaves nothing behind.
    std::fprintf(stderr, "\r%s\033[K", text.toLocal8Bit().constData());
    std::fflush(stderr);
}

QString captureProgressText(const capture::CaptureProgress &progress)
{
    const QLocale c = QLocale::c();
    QString text = QStringLiteral("%1 packets, %2 connections")
                       .arg(c.toString(static_cast<qulonglong>(progress.packets)),
                            c.toString(static_cast<qulonglong>(progress.connections)));
    if (progress.totalBytes > 0)
        text += QStringLiteral(", %1%").arg(progress.bytesRead * 100 / progress.totalBytes);
    return text;
}

} // namespace pl::cli
