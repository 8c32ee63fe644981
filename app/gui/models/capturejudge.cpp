#include "capturejudge.h"

#include "policy/batch.h"
#include "policy/evaluator.h"
#include "policy/requestbuilder.h"

#include <QThread>
#include <QTimer>

#include <atomic>

namespace pl::gui {

policy::PolicyRequest requestForRow(const capture::ConnectionRow &row, proxy::VendorProfile vendor)
{
    return policy::requestFromConnection(row.connection.decodeHeader(vendor),
                                         policy::factsFromCapture(row.connection));
}

struct CaptureJudge::Job
{
    explicit Job(const policy::PolicySet &policies)
    {
        result->batch = std::make_shared<policy::BatchEvaluator>(policies);
    }
    RowSnapshot snapshot;
    proxy::VendorProfile vendor = proxy::VendorProfile::Auto;
    std::shared_ptr<CaptureJudgement> result = std::make_shared<CaptureJudgement>();
    std::atomic<std::size_t> judged{0};
    std::atomic<bool> cancel{false};
};

CaptureJudge::CaptureJudge(QObject *parent) : QObject(parent), m_progressTimer(new QTimer(this))
{
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        if (m_job)
            emit progress(m_job->judged.load(), m_job->snapshot.rows);
    });
}

CaptureJudge::~CaptureJudge()
{
    stopThread();
}

void CaptureJudge::cancel()
{
    if (m_job)
        m_job->cancel = true;
}

void CaptureJudge::stopThread()
{
    if (!m_thread)
        return;
    m_job->cancel = true;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_job.reset();
    m_progressTimer->stop();
}

void CaptureJudge::start(RowSnapshot snapshot, const policy::PolicySet &policies,
                         proxy::VendorProfile vendor)
{
    stopThread();
    auto job = std::make_shared<Job>(policies);
    job->result->generation = snapshot.generation;
    job->snapshot = std::move(snapshot);
    job->vendor = vendor;
    m_job = job;
    // The worker touches the job only: the snapshot's chunks are immutable
    // and shared, the evaluator and the decisions its own.
    m_thread = QThread::create([job] {
        CaptureJudgement &r = *job->result;
        r.decisions.reserve(job->snapshot.rows);
        for (const auto &chunk : job->snapshot.chunks) {
            for (const capture::ConnectionRow &row : *chunk) {
                if (job->cancel.load(std::memory_order_relaxed)) {
                    r.cancelled = true;
                    return;
                }
                r.decisions.push_back(static_cast<std::int8_t>(
                    r.batch->add(requestForRow(row, job->vendor)).decision));
                job->judged.store(r.decisions.size(), std::memory_order_relaxed);
            }
        }
    });
    connect(m_thread, &QThread::finished, this, [this, job] {
        if (job != m_job)
            return;       // superseded: stopThread() already dealt with it
        m_thread->wait(); // finished is emitted just before the thread ends
        delete m_thread;
        m_thread = nullptr;
        m_job.reset();
        m_progressTimer->stop();
        emit progress(job->judged.load(), job->snapshot.rows);
        emit finished(job->result);
    });
    m_progressTimer->start();
    emit progress(0, job->snapshot.rows);
    m_thread->start();
}

} // namespace pl::gui
