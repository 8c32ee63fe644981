#pragma once

#include "models/connectiontablemodel.h"
#include "proxy/vendorprofile.h"

#include <QObject>

#include <memory>
#include <vector>

namespace pl::policy {
class BatchEvaluator;
class PolicySet;
class PolicyRequest;
} // namespace pl::policy

namespace pl::gui {

class JobThread;

// The request a policy judges for one captured connection: the header's
// keys plus who connected and what the client sent after the header.
policy::PolicyRequest requestForRow(const capture::ConnectionRow &row, proxy::VendorProfile vendor);

// What a CaptureJudge run decided.
struct CaptureJudgement
{
    quint64 generation = 0;                        // the snapshot's
    std::vector<std::int8_t> decisions;            // policy::Decision per row, in row order
    std::shared_ptr<policy::BatchEvaluator> batch; // counts and statement hits
    bool cancelled = false;
};

// Judges every connection of a table snapshot against a policy on a worker
// thread, built like CaptureLoader: progress, cancel, one run at a time,
// and a result stamped with the snapshot's generation so that a capture
// reloaded meanwhile never receives the decisions of the one before. The
// snapshot's rows stay alive until the run ends, whatever the table does.
class CaptureJudge : public QObject
{
    Q_OBJECT

public:
    explicit CaptureJudge(QObject *parent = nullptr);
    ~CaptureJudge() override; // cancels and waits: no thread outlives its window

    // Supersedes a running judgement (its result is dropped).
    void start(RowSnapshot snapshot, const policy::PolicySet &policies,
               proxy::VendorProfile vendor);
    void cancel();
    bool isRunning() const;

signals:
    void progress(qulonglong judged, qulonglong total);
    void finished(std::shared_ptr<const pl::gui::CaptureJudgement> result);

private:
    struct Job;

    JobThread *m_worker;
    std::shared_ptr<Job> m_job;
};

} // namespace pl::gui
