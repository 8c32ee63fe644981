#include "flowlogloader.h"

#include "flowlog/flowanalyzer.h"
#include "flowlog/linereader.h"
#include "flowlog/ownership.h"
#include "flowlog/recordreader.h"
#include "jobthread.h"

#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>

namespace pl::gui {

namespace {

// Thrown from the record sink to leave the reader at once when cancelled
// (from a parse thread, it comes out of the reader on this one):
// RecordReader has no cancel of its own and owns nothing that RAII does not
// release.
struct Cancelled
{};

// "path:line" -> path and line; paths may hold ':' themselves.
bool splitLocation(const std::string &location, std::string &path, std::uint64_t &line)
{
    const std::size_t colon = location.rfind(':');
    if (colon == std::string::npos)
        return false;
    path = location.substr(0, colon);
    try {
        line = std::stoull(location.substr(colon + 1));
    } catch (...) {
        return false;
    }
    return line > 0;
}

} // namespace

struct FlowLogLoader::Job
{
    FlowLogInputs inputs;
    std::atomic_bool cancel{false};
    std::atomic<qint64> bytesRead{0};
    std::atomic<quint64> records{0};
    qint64 totalBytes = 0;
    std::shared_ptr<FlowLogResult> result;

    void run();
    void readSamples();
};

void FlowLogLoader::Job::run()
{
    auto out = std::make_shared<FlowLogResult>();
    flowlog::Ownership ownership;
    const auto load = [&](const QStringList &paths,
                          QStringList (flowlog::Ownership::*loader)(const QString &)) {
        for (const QString &path : paths)
            out->ownershipErrors << (ownership.*loader)(path);
    };
    load(inputs.cidrRanges, &flowlog::Ownership::loadCidrCsv);
    load(inputs.inventories, &flowlog::Ownership::loadInventoryCsv);
    load(inputs.awsIpRanges, &flowlog::Ownership::loadAwsIpRanges);
    load(inputs.alibabaPublicIps, &flowlog::Ownership::loadAlibabaPublicIps);
    ownership.build();
    out->prefixes = ownership.prefixCount();

    flowlog::ReadStats stats; // folders not listed, entries not read: in the report
    const std::vector<std::string> files =
        flowlog::expandInputs(inputs.logs, out->missing, out->emptyDirectories, stats);
    for (const std::string &file : files)
        totalBytes += QFileInfo(QFile::decodeName(QByteArray::fromStdString(file))).size();

    flowlog::AnalyzerOptions options;
    options.listeningPorts = inputs.listeningPorts;
    options.memoryBudget = std::size_t(std::max(inputs.memoryBudgetMiB, 0)) << 20;
    // The analysis on the parse threads, one shard of ENIs each, as the
    // command line runs it: the same report, sooner.
    flowlog::RecordReader reader;
    flowlog::FlowAnalyzer analyzer(ownership, options, reader.shardCount());
    try {
        reader.readFilesSharded(
            files, analyzer.shardCount(),
            [&](unsigned shard, const flowlog::FlowRecord &record, std::uint32_t index,
                std::uint64_t line) {
                if (cancel.load(std::memory_order_relaxed))
                    throw Cancelled{};
                analyzer.add(shard, record, index, line);
            },
            stats,
            [this](const flowlog::ReadStats &s) {
                if (cancel.load(std::memory_order_relaxed))
                    throw Cancelled{}; // between files too, and where no record comes
                bytesRead.store(qint64(s.compressedBytes), std::memory_order_relaxed);
                records.store(s.records, std::memory_order_relaxed); // a query's row: its records
            });
    } catch (const Cancelled &) {
        return;
    } catch (const std::exception &e) {
        stats.fileErrors.push_back(flowlog::stoppedEarlyText(e)); // shown with the rest
    }
    if (cancel.load())
        return;
    bytesRead.store(qint64(stats.compressedBytes));
    records.store(stats.records);
    out->report = analyzer.finish(stats);
    result = out;
    readSamples();
}

// The sample records of the findings, read back from their files: one pass
// per file up to its last wanted line.
void FlowLogLoader::Job::readSamples()
{
    std::map<std::string, std::set<std::uint64_t>> wanted;
    for (const flowlog::Finding &f : result->report.findings) {
        for (const std::string &location : f.samples) {
            std::string path;
            std::uint64_t line = 0;
            if (splitLocation(location, path, line))
                wanted[path].insert(line);
        }
    }
    for (const auto &[path, lines] : wanted) {
        flowlog::LineReader reader;
        if (!reader.open(path).empty())
            continue;
        std::string_view text;
        auto next = lines.begin();
        while (next != lines.end() && reader.next(text)) {
            if (cancel.load(std::memory_order_relaxed))
                return;
            if (reader.lineNumber() != *next)
                continue;
            result->sampleLines.insert(QString::fromStdString(path + ':' + std::to_string(*next)),
                                       QString::fromUtf8(text.data(), qsizetype(text.size())));
            ++next;
        }
    }
}

FlowLogLoader::FlowLogLoader(QObject *parent) : QObject(parent), m_worker(new JobThread(this))
{
    connect(m_worker, &JobThread::tick, this, &FlowLogLoader::emitProgress);
}

FlowLogLoader::~FlowLogLoader()
{
    m_worker->stop();
}

bool FlowLogLoader::isLoading() const
{
    return m_worker->isRunning();
}

void FlowLogLoader::emitProgress()
{
    if (m_job)
        emit progress(m_job->bytesRead.load(), m_job->totalBytes, m_job->records.load());
}

void FlowLogLoader::cancel()
{
    m_worker->cancel();
}

void FlowLogLoader::load(const FlowLogInputs &inputs)
{
    m_worker->stop(); // superseded: its result is never emitted
    auto job = std::make_shared<Job>();
    job->inputs = inputs;
    m_job = job;
    m_worker->start([job] { job->run(); }, [job] { job->cancel = true; },
                    [this, job] {
                        emitProgress();
                        m_job.reset();
                        const bool cancelled = job->cancel.load();
                        emit finished(cancelled ? nullptr : job->result, cancelled);
                    });
}

} // namespace pl::gui
