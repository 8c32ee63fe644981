// The capture engine's ways of delivering connections: pulled batch by
// batch, cancelled mid-file, run on a worker thread.

#include "capture/captureengine.h"
#include "capturereading.h"

#include <QTest>
#include <QThread>

using namespace pl::capture;
using pl::test::fixture;

class TestCaptureEngine : public QObject
{
    Q_OBJECT

private slots:
    void pullApiDeliversBatches();
    void cancelStopsReading();
    void runsOnAWorkerThread();
};

void TestCaptureEngine::pullApiDeliversBatches()
{
    CaptureEngine engine(CaptureOptions{pl::proxy::VendorProfile::Auto, 1});
    QVERIFY(engine.openFile(fixture("loop_azure_gcp_local.pcap")));
    QList<std::uint64_t> frames;
    while (!engine.atEnd()) {
        const QList<Connection> batch = engine.nextBatch();
        QVERIFY(batch.size() <= 1);
        for (const Connection &c : batch)
            frames << c.firstFrame;
    }
    QCOMPARE(frames, (QList<std::uint64_t>{1, 8, 16}));
    const CaptureProgress p = engine.progress();
    QCOMPARE(p.bytesRead, p.totalBytes);
    QCOMPARE(p.connections, 3u);
}

void TestCaptureEngine::cancelStopsReading()
{
    CaptureEngine engine(CaptureOptions{pl::proxy::VendorProfile::Auto, 1});
    QVERIFY(engine.openFile(fixture("loop_azure_gcp_local.pcap")));
    const QList<Connection> first = engine.nextBatch();
    QCOMPARE(first.size(), 1);
    engine.cancel();
    int more = 0;
    while (!engine.atEnd())
        more += static_cast<int>(engine.nextBatch().size());
    QVERIFY(engine.cancelled());
    QVERIFY(more < 2); // the flow already started may be flushed, nothing new is read
    QVERIFY(engine.progress().packets < 22);
}

void TestCaptureEngine::runsOnAWorkerThread()
{
    CaptureEngine engine;
    QVERIFY(engine.openFile(fixture("retransmitted.pcap")));
    qsizetype delivered = 0;
    bool finished = false;
    QThread *worker = QThread::create([&] {
        finished = engine.run([&](QList<Connection> &&batch) { delivered += batch.size(); });
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QVERIFY(finished);
    QCOMPARE(delivered, 2);
    QCOMPARE(engine.progress().connections, 2u);
}

QTEST_GUILESS_MAIN(TestCaptureEngine)
#include "tst_captureengine.moc"
