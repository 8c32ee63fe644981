#include "jobthread.h"

#include <QThread>
#include <QTimer>

namespace pl::gui {

JobThread::JobThread(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &JobThread::tick);
}

JobThread::~JobThread()
{
    stop();
}

void JobThread::start(std::function<void()> work, std::function<void()> cancel,
                      std::function<void()> done)
{
    stop();
    const quint64 run = ++m_run;
    m_cancel = std::move(cancel);
    m_thread = QThread::create(std::move(work));
    connect(m_thread, &QThread::finished, this, [this, run, done = std::move(done)] {
        if (run != m_run || !m_thread)
            return; // stopped: stop() already cleaned up
        m_timer->stop();
        m_thread->wait(); // finished is emitted just before the thread ends
        m_thread->deleteLater();
        m_thread = nullptr;
        m_cancel = {};
        done();
    });
    m_timer->start();
    m_thread->start();
}

void JobThread::cancel()
{
    if (m_thread && m_cancel)
        m_cancel();
}

void JobThread::stop()
{
    if (!m_thread)
        return;
    ++m_run;
    if (m_cancel)
        m_cancel();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_cancel = {};
    m_timer->stop();
}

} // namespace pl::gui
