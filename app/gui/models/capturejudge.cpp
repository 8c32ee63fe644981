#include "capturejudge.h"

#include "jobthread.h"
#include "policy/batch.h"
#include "policy/evaluator.h"
#include "policy/requestbuilder.h"

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

CaptureJudge::CaptureJudge(QObject *parent) : QObject(parent), m_worker(new JobThread(this))
{
    connect(m_worker, &JobThread::tick, this, [this] {
        if (m_job)
            emit progress(m_job->judged.load(), m_job->snapshot.rows);
    });
}

CaptureJudge::~CaptureJudge()
{
    m_worker->stop();
}

bool CaptureJudge::isRunning() const
{
    return m_worker->isRunning();
}

void CaptureJudge::cancel()
{
    m_worker->cancel();
}

void CaptureJudge::start(RowSnapshot snapshot, const policy::PolicySet &policies,
                         proxy::VendorProfile vendor)
{
    m_worker->stop(); // superseded: its result is dropped
    auto job = std::make_shared<Job>(policies);
    job->result->generation = snapshot.generation;
    job->snapshot = std::move(snapshot);
    job->vendor = vendor;
    m_job = job;
    // The worker touches the job only: the snapshot's chunks are immutable
    // and shared, the evaluator and the decisions its own.
    const auto work = [job] {
        CaptureJudgement &r = *job->result;
        r.decisions.reserve(job->snapshot.rows);
        for (const auto &chunk : job->snapshot.chunks) {
            for (std::size_t i = 0; i < chunk->size(); ++i) {
                // A view: the chunk is shared with the job, so it never changes.
                const capture::ConnectionRow row = chunk->view(i);
                if (job->cancel.load(std::memory_order_relaxed)) {
                    r.cancelled = true;
                    return;
                }
                r.decisions.push_back(static_cast<std::int8_t>(
                    r.batch->add(requestForRow(row, job->vendor)).decision));
                job->judged.store(r.decisions.size(), std::memory_order_relaxed);
            }
        }
    };
    emit progress(0, job->snapshot.rows);
    m_worker->start(
        work, [job] { job->cancel = true; },
        [this, job] {
            m_job.reset();
            emit progress(job->judged.load(), job->snapshot.rows);
            emit finished(job->result);
        });
}

} // namespace pl::gui
