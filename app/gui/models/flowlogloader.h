#pragma once

#include "flowlog/flowreport.h"
#include "flowloginputs.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

namespace pl::gui {

class JobThread;

// What one check produced, handed to the GUI thread once.
struct FlowLogResult
{
    flowlog::FlowReport report;
    // The raw text of the findings' sample records, by "file:line".
    QHash<QString, QString> sampleLines;
    QStringList ownershipErrors;  // "file:line: reason" of ownership inputs
    QStringList missing;          // logs that do not exist
    QStringList emptyDirectories; // log folders that hold no file
    std::size_t prefixes = 0;     // ownership prefixes loaded
};

// Runs the flow-log check on a worker thread: ownership inputs, then the
// logs streamed through the analyzer, then the sample records read back.
// Progress is polled by a timer; cancel() stops it within a record. A new
// load() supersedes the running one (its result is dropped by generation).
class FlowLogLoader : public QObject
{
    Q_OBJECT

public:
    explicit FlowLogLoader(QObject *parent = nullptr);
    ~FlowLogLoader() override;

    void load(const FlowLogInputs &inputs);
    void cancel();
    bool isLoading() const;

signals:
    void progress(qint64 bytesRead, qint64 totalBytes, qulonglong records);
    // result is null when cancelled.
    void finished(std::shared_ptr<const pl::gui::FlowLogResult> result, bool cancelled);

private:
    struct Job;
    void emitProgress();

    JobThread *m_worker;
    std::shared_ptr<Job> m_job;
};

} // namespace pl::gui
