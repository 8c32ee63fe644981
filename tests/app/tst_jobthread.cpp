// The one way the GUI runs long jobs (JobThread): done() once, on the
// owner's thread; ticks while running; stop() and a new start() cancel and
// wait, and the stopped run's done() never comes; destroying the owner
// mid-run leaves no thread behind. No clock is asserted: the work waits for
// what the test does, not for time to pass.

#include "models/jobthread.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using pl::gui::JobThread;

namespace {

// Work that runs until it is cancelled or released.
struct Gate
{
    std::atomic<bool> cancelled{false};
    std::atomic<bool> released{false};
    std::atomic<bool> ended{false};
    void wait()
    {
        while (!cancelled.load() && !released.load())
            QThread::msleep(1);
        ended = true;
    }
};

} // namespace

class TestJobThread : public QObject
{
    Q_OBJECT

private slots:
    void doneOnceOnTheOwnersThreadAfterTicks();
    void stopCancelsWaitsAndDropsDone();
    void aNewStartSupersedesTheRunning();
    void destroyingTheOwnerMidRunJoins();
};

void TestJobThread::doneOnceOnTheOwnersThreadAfterTicks()
{
    JobThread worker;
    auto gate = std::make_shared<Gate>();
    int done = 0;
    QThread *doneThread = nullptr;
    // The work ends only after the owner saw a tick: ticks come while it runs.
    connect(&worker, &JobThread::tick, this, [gate] { gate->released = true; });
    worker.start([gate] { gate->wait(); }, [gate] { gate->cancelled = true; },
                 [&] {
                     ++done;
                     doneThread = QThread::currentThread();
                 });
    QVERIFY(worker.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(done, 1, 30000);
    QVERIFY(!worker.isRunning());
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(!gate->cancelled);
    QCoreApplication::processEvents();
    QCOMPARE(done, 1);
}

void TestJobThread::stopCancelsWaitsAndDropsDone()
{
    JobThread worker;
    auto gate = std::make_shared<Gate>();
    bool done = false;
    worker.start([gate] { gate->wait(); }, [gate] { gate->cancelled = true; },
                 [&] { done = true; });
    worker.stop();
    QVERIFY(gate->cancelled);
    QVERIFY(gate->ended); // waited for
    QVERIFY(!worker.isRunning());
    QTest::qWait(50); // a late finished() of the stopped run must change nothing
    QVERIFY(!done);
}

void TestJobThread::aNewStartSupersedesTheRunning()
{
    JobThread worker;
    auto first = std::make_shared<Gate>();
    auto second = std::make_shared<Gate>();
    int firstDone = 0, secondDone = 0;
    worker.start([first] { first->wait(); }, [first] { first->cancelled = true; },
                 [&] { ++firstDone; });
    worker.start([second] { second->wait(); }, [second] { second->cancelled = true; },
                 [&] { ++secondDone; });
    QVERIFY(first->cancelled && first->ended);
    second->released = true;
    QTRY_COMPARE_WITH_TIMEOUT(secondDone, 1, 30000);
    QCOMPARE(firstDone, 0);
    QVERIFY(!second->cancelled);
}

void TestJobThread::destroyingTheOwnerMidRunJoins()
{
    auto gate = std::make_shared<Gate>();
    {
        JobThread worker;
        worker.start([gate] { gate->wait(); }, [gate] { gate->cancelled = true; }, [] {});
    }
    QVERIFY(gate->cancelled);
    QVERIFY(gate->ended);
}

QTEST_MAIN(TestJobThread)
#include "tst_jobthread.moc"
