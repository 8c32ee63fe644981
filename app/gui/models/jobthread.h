#pragma once

#include <QObject>

#include <functional>

class QThread;
class QTimer;

namespace pl::gui {

// How every long job of the GUI runs, one at a time per owner: work() on its
// own thread; tick() every 100 ms on this object's thread while it runs (the
// owner polls its progress then); cancel() asks the work to stop; stop()
// asks and waits, and the stopped run's done() never runs (a superseded or
// closing job); done() runs on this object's thread once work() returned.
class JobThread : public QObject
{
    Q_OBJECT

public:
    explicit JobThread(QObject *parent = nullptr);
    ~JobThread() override; // stop(): no thread outlives its owner

    // Stops the run before, then starts work. cancel is how to ask work to
    // stop (a flag, the engine's cancel()); it is called on this thread.
    void start(std::function<void()> work, std::function<void()> cancel,
               std::function<void()> done);
    void cancel();
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void tick();

private:
    QThread *m_thread = nullptr;
    QTimer *m_timer;
    std::function<void()> m_cancel;
    quint64 m_run = 0; // start() and stop() bump it: an older run's end is ignored
};

} // namespace pl::gui
