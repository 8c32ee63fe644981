// The Policy view's whole-capture run (CaptureJudge): it judges a snapshot
// of the table on a worker thread, so reloading the capture, cancelling or
// closing the view during a run neither races nor lands decisions on rows
// they were not made for. Run under the asan preset too.

#include "models/capturejudge.h"
#include "models/connectiontablemodel.h"
#include "policy/batch.h"
#include "views/capturesview.h"
#include "views/policyview.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace pl::gui;

namespace {

const QString kSample = QStringLiteral(PL_SOURCE_DIR "/resources/samples/sample.pcapng");
constexpr int kSampleRows = 26;

bool waitForLoad(CapturesView *view)
{
    QSignalSpy spy(view, &CapturesView::loadFinished);
    return spy.wait(30000) && spy.first().at(0).toBool();
}

// Copies of the sample's rows, so that a run lasts long enough to be
// overtaken.
void inflate(ConnectionTableModel *model, int copies)
{
    QList<pl::capture::ConnectionRow> rows;
    for (int i = 0; i < copies; ++i)
        for (int r = 0; r < kSampleRows; ++r)
            rows.append(model->rowAt(r));
    model->appendRows(std::move(rows));
}

QPushButton *runButton(PolicyView &view)
{
    for (QPushButton *b : view.findChildren<QPushButton *>())
        if (b->text().contains(QLatin1String("whole capture")) ||
            b->text().contains(QLatin1String("Cancel the evaluation")))
            return b;
    return nullptr;
}

bool runEnded(PolicyView &view)
{
    return runButton(view)->text() == QLatin1String("Evaluate the whole capture");
}

int judgedRows(const ConnectionTableModel *model)
{
    int judged = 0;
    for (int r = 0; r < model->rowCount(); ++r)
        judged += model->decisionAt(r) >= 0;
    return judged;
}

} // namespace

class TestCaptureJudge : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void reloadDuringARunDiscardsItsDecisions();
    void cancelLeavesTheTableAsItWas();
    void closingTheViewDuringARunWaitsForIt();
    void snapshotsOutliveTheTable();
    void smallChunksJoinTheLastOne();

private:
    CapturesView *m_captures = nullptr;
};

void TestCaptureJudge::init()
{
    m_captures = new CapturesView;
    m_captures->open(kSample);
    QVERIFY(waitForLoad(m_captures));
    QCOMPARE(m_captures->model()->rowCount(), kSampleRows);
}

void TestCaptureJudge::cleanup()
{
    delete m_captures;
    m_captures = nullptr;
}

void TestCaptureJudge::reloadDuringARunDiscardsItsDecisions()
{
    inflate(m_captures->model(), 400); // 10,426 rows
    PolicyView policy;
    policy.setCaptureSource(m_captures);
    policy.evaluateCapture();
    QVERIFY(!runEnded(policy));
    m_captures->reload(); // clears the table under the running judgement
    QVERIFY(waitForLoad(m_captures));
    QTRY_VERIFY_WITH_TIMEOUT(runEnded(policy), 120000);
    QVERIFY2(policy.runStatusText().contains(QLatin1String("changed during the evaluation")),
             qPrintable(policy.runStatusText()));
    QCOMPARE(m_captures->model()->rowCount(), kSampleRows);
    QCOMPARE(judgedRows(m_captures->model()), 0);

    // The next run judges the reloaded rows.
    policy.evaluateCapture();
    QTRY_VERIFY_WITH_TIMEOUT(runEnded(policy), 60000);
    QCOMPARE(judgedRows(m_captures->model()), kSampleRows);
    QVERIFY2(policy.runStatusText().contains(QLatin1String("Evaluated 26 connections")),
             qPrintable(policy.runStatusText()));
}

void TestCaptureJudge::cancelLeavesTheTableAsItWas()
{
    inflate(m_captures->model(), 400);
    PolicyView policy;
    policy.setCaptureSource(m_captures);
    policy.evaluateCapture();
    QVERIFY(!runEnded(policy));
    QCOMPARE(runButton(policy)->text(), QStringLiteral("Cancel the evaluation"));
    runButton(policy)->click();
    QTRY_VERIFY_WITH_TIMEOUT(runEnded(policy), 60000);
    QVERIFY2(policy.runStatusText().contains(QLatin1String("cancelled")),
             qPrintable(policy.runStatusText()));
    QCOMPARE(judgedRows(m_captures->model()), 0);
}

void TestCaptureJudge::closingTheViewDuringARunWaitsForIt()
{
    inflate(m_captures->model(), 400);
    auto *policy = new PolicyView;
    policy->setCaptureSource(m_captures);
    policy->evaluateCapture();
    delete policy; // joins the worker: nothing runs on once the view is gone
    m_captures->model()->clear();
    QCoreApplication::processEvents(); // a late result would land here
    QCOMPARE(m_captures->model()->rowCount(), 0);
}

void TestCaptureJudge::snapshotsOutliveTheTable()
{
    ConnectionTableModel *model = m_captures->model();
    const RowSnapshot before = model->snapshot();
    QCOMPARE(before.rows, std::size_t(kSampleRows));
    // Rows appended after a snapshot go to a new chunk; both are found.
    inflate(model, 1);
    QCOMPARE(model->rowCount(), 2 * kSampleRows);
    for (int r = 0; r < kSampleRows; ++r)
        QCOMPARE(model->rowAt(kSampleRows + r).connection.firstFrame,
                 model->rowAt(r).connection.firstFrame);
    const quint64 generation = model->generation();
    model->clear();
    QVERIFY(model->generation() != generation);
    QVERIFY(!model->setDecisions(generation, std::vector<std::int8_t>(kSampleRows, 0)));
    std::size_t frames = 0;
    for (const auto &chunk : before.chunks)
        for (std::size_t i = 0; i < chunk->size(); ++i)
            frames += chunk->row(i).connection.firstFrame > 0;
    QCOMPARE(frames, std::size_t(kSampleRows));
}

void TestCaptureJudge::smallChunksJoinTheLastOne()
{
    // A live capture hands over a few rows at a time: they fill one chunk
    // (a chunk each would cost more than the rows), in order; a big chunk
    // is linked in as it is.
    ConnectionTableModel *source = m_captures->model();
    ConnectionTableModel model;
    int next = 0;
    for (int batch = 0; batch < 8; ++batch) {
        auto chunk = std::make_shared<pl::capture::ConnectionChunk>();
        for (int i = 0; i < 3; ++i)
            chunk->append(source->rowAt(next++ % kSampleRows));
        model.appendChunk(chunk);
    }
    QCOMPARE(model.rowCount(), 24);
    QCOMPARE(model.snapshot().chunks.size(), std::size_t(1));
    auto big = std::make_shared<pl::capture::ConnectionChunk>();
    for (int i = 0; i < 400; ++i)
        big->append(source->rowAt(i % kSampleRows));
    model.appendChunk(big);
    QCOMPARE(model.rowCount(), 424);
    QCOMPARE(model.snapshot().chunks.size(), std::size_t(2));
    for (int r = 0; r < model.rowCount(); ++r) {
        const int from = r < 24 ? r % kSampleRows : (r - 24) % kSampleRows;
        QCOMPARE(model.rowAt(r).connection.firstFrame, source->rowAt(from).connection.firstFrame);
        QCOMPARE(model.rowAt(r).connection.headerBytes, source->rowAt(from).connection.headerBytes);
    }
}

QTEST_MAIN(TestCaptureJudge)
#include "tst_capturejudge.moc"
