#include "batchparser.h"

#include "lineparser.h"
#include "linereader.h"
#include "perf/bytehash.h"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#ifdef __linux__
#include <sched.h>
#endif

namespace pl::flowlog {

namespace {

// A batch big enough that handing it over costs nothing next to parsing
// it, small enough that a few in flight stay in the caches.
constexpr std::size_t kBatchLines = 2048;
constexpr std::size_t kBatchBytes = 1 << 20;
constexpr std::size_t kGivenReason = SIZE_MAX;

struct Job
{
    std::shared_ptr<const LineFormat> format;
    std::uint32_t file = 0;
    std::uint64_t sequence = 0; // its place among all batches
    std::vector<char> text;     // the lines back to back, then kPadding bytes
    // offset, length; or kGivenReason, index into reasons: a line the
    // reader found malformed itself.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::vector<std::uint64_t> numbers;
    std::vector<std::string> reasons;
    ParsedBatch parsed;
    std::vector<std::uint8_t> shardOf; // per record, with shards
    bool done = false;                 // parsed
    unsigned shardsDone = 0;           // shards that have seen its records

    void clear()
    {
        text.clear();
        spans.clear();
        numbers.clear();
        reasons.clear();
        parsed.records.clear();
        parsed.recordLines.clear();
        parsed.malformed.clear();
        parsed.ownedText.clear();
        parsed.lines = 0;
        shardOf.clear();
        done = false;
        shardsDone = 0;
    }
};

// A thread's parser, rebuilt when the format changes (a new file).
class ThreadParser
{
public:
    void parse(Job &job)
    {
        ParsedBatch &out = job.parsed;
        for (std::size_t i = 0; i < job.spans.size(); ++i) {
            if (job.spans[i].first == kGivenReason) {
                ++out.lines;
                out.malformed.emplace_back(job.numbers[i], job.reasons[job.spans[i].second]);
                continue;
            }
            if (m_format != job.format) {
                m_parser.reset();
                m_format = job.format;
                m_parser = std::make_unique<LineParser>(*m_format);
            }
            const std::string_view line(job.text.data() + job.spans[i].first, job.spans[i].second);
            ++out.lines;
            FlowRecord &record = out.records.emplace_back(); // built in place
            std::string reason = m_parser->parse(line, record, out.ownedText);
            if (!reason.empty()) {
                out.records.pop_back();
                out.malformed.emplace_back(job.numbers[i], std::move(reason));
                continue;
            }
            out.recordLines.push_back(job.numbers[i]);
        }
    }

    // Every record of an ENI to the same shard.
    static void assignShards(Job &job, unsigned shards)
    {
        job.shardOf.resize(job.parsed.records.size());
        for (std::size_t i = 0; i < job.shardOf.size(); ++i)
            job.shardOf[i] = std::uint8_t(
                shards < 2 ? 0 : perf::hashBytes(job.parsed.records[i].eniId) % shards);
    }

private:
    std::shared_ptr<const LineFormat> m_format;
    std::unique_ptr<LineParser> m_parser;
};

} // namespace

struct BatchParser::State
{
    std::mutex mutex;
    std::condition_variable work; // a job was queued or parsed, or stop
    std::condition_variable done; // a job was parsed, or seen by all shards
    std::deque<Job *> queued;     // waiting for a worker
    bool stop = false;

    // In the order of their lines. With workers, changed under the mutex:
    // shard threads look up the next job they have to analyse.
    std::deque<std::unique_ptr<Job>> inFlight;
    std::vector<std::unique_ptr<Job>> spare;
    std::unique_ptr<Job> filling;
    std::shared_ptr<const LineFormat> format;
    std::uint32_t file = 0;
    std::uint64_t nextSequence = 0;
    std::size_t maxInFlight = 2;
    ThreadParser callerParser; // when there are no workers
    std::vector<std::thread> workers;
    unsigned shards = 0; // 0: batches go back whole to Consume
    ShardSink sink;
    // The first exception of a sink or a parse on a worker (out of memory, a
    // table full, a library's error): the caller rethrows it; the other
    // shards go on.
    std::exception_ptr workerError;

    void analyse(Job &job, unsigned shard)
    {
        for (std::size_t i = 0; i < job.shardOf.size(); ++i) {
            if (job.shardOf[i] == shard)
                sink(shard, job.parsed.records[i], job.file, job.parsed.recordLines[i]);
        }
    }

    // The job a shard analyses next, once parsed; under the mutex.
    Job *readyFor(std::uint64_t sequence) const
    {
        if (inFlight.empty() || sequence < inFlight.front()->sequence)
            return nullptr;
        const std::uint64_t at = sequence - inFlight.front()->sequence;
        if (at >= inFlight.size() || !inFlight[at]->done)
            return nullptr;
        return inFlight[at].get();
    }

    // Worker `self` parses whatever batch is queued and, with shards, owns
    // shard `self`: it analyses that shard of every batch, in order, as
    // soon as the batch is parsed (by itself or another worker).
    void runWorker(unsigned self)
    {
        ThreadParser parser;
        const bool ownsShard = self < shards;
        bool failed = false;
        std::uint64_t next = 0; // the sequence of the next job to analyse
        std::unique_lock lock(mutex);
        for (;;) {
            if (stop) // the reader is gone: what is left is dropped
                return;
            if (Job *job = ownsShard ? readyFor(next) : nullptr) {
                lock.unlock();
                if (!failed) {
                    try {
                        analyse(*job, self);
                    } catch (...) {
                        failed = true; // this shard stops; the caller rethrows
                        lock.lock();
                        if (!workerError)
                            workerError = std::current_exception();
                        lock.unlock();
                    }
                }
                lock.lock();
                ++next;
                if (++job->shardsDone == shards)
                    done.notify_all();
                continue;
            }
            if (!queued.empty()) {
                Job *job = queued.front();
                queued.pop_front();
                lock.unlock();
                try {
                    parser.parse(*job);
                    if (shards != 0)
                        ThreadParser::assignShards(*job, shards);
                } catch (...) {
                    // Handed to the caller; the batch counts as parsed (what
                    // it holds is consistent), so that nothing waits for it.
                    job->shardOf.assign(job->parsed.records.size(), std::uint8_t(shards));
                    lock.lock();
                    if (!workerError)
                        workerError = std::current_exception();
                    lock.unlock();
                }
                lock.lock();
                job->done = true;
                done.notify_all();
                if (shards != 0)
                    work.notify_all(); // its shard owners may be waiting for it
                continue;
            }
            work.wait(lock);
        }
    }

    bool finished(const Job &job) const
    {
        return job.done && (shards == 0 || job.shardsDone == shards);
    }

    void submit()
    {
        if (!filling || filling->spans.empty())
            return;
        filling->text.resize(filling->text.size() + LineReader::kPadding, '\0');
        filling->sequence = nextSequence++;
        Job *job = filling.get();
        if (workers.empty()) {
            inFlight.push_back(std::move(filling));
            callerParser.parse(*job);
            job->done = true;
            if (shards != 0) {
                ThreadParser::assignShards(*job, shards);
                analyse(*job, 0); // an exception goes to the caller as it is
                job->shardsDone = shards;
            }
            return;
        }
        {
            std::lock_guard lock(mutex);
            inFlight.push_back(std::move(filling));
            queued.push_back(job);
        }
        work.notify_one();
    }

    // The batch lines go to, started when there is none (workers too).
    Job &fillingJob(const Consume &consume)
    {
        if (!workers.empty() && !workers.front().joinable()) {
            for (unsigned i = 0; i < workers.size(); ++i)
                workers[i] = std::thread([this, i] { runWorker(i); });
        }
        if (!filling) {
            while (inFlight.size() >= maxInFlight)
                consumeFront(consume);
            if (!spare.empty()) {
                filling = std::move(spare.back());
                spare.pop_back();
            } else {
                filling = std::make_unique<Job>();
                filling->text.reserve(kBatchBytes + LineReader::kPadding);
            }
            filling->format = format;
            filling->file = file;
        }
        return *filling;
    }

    // Hands back the oldest batch once it is parsed (and analysed).
    void consumeFront(const Consume &consume)
    {
        std::unique_ptr<Job> front;
        if (!workers.empty()) {
            std::unique_lock lock(mutex);
            Job *job = inFlight.front().get();
            done.wait(lock, [this, job] { return finished(*job); });
            if (workerError)
                std::rethrow_exception(workerError);
            front = std::move(inFlight.front());
            inFlight.pop_front();
        } else {
            front = std::move(inFlight.front());
            inFlight.pop_front();
        }
        consume(front->parsed);
        front->clear();
        spare.push_back(std::move(front));
    }
};

BatchParser::BatchParser(unsigned workers) : m_state(std::make_unique<State>())
{
    // With shards a batch stays until every shard has seen it: one more
    // per worker in flight keeps them busy.
    m_state->maxInFlight = std::max(2u, workers * 3 + 1);
    m_state->workers.resize(workers); // started by the first add()
}

BatchParser::~BatchParser()
{
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stop = true;
    }
    m_state->work.notify_all();
    for (std::thread &t : m_state->workers) {
        if (t.joinable())
            t.join();
    }
}

void BatchParser::setShards(unsigned shards, ShardSink sink)
{
    m_state->shards = std::clamp(shards, 1u, maxShards());
    m_state->sink = std::move(sink);
}

unsigned BatchParser::maxShards() const
{
    return std::max<unsigned>(1, unsigned(m_state->workers.size()));
}

void BatchParser::setFormat(std::shared_ptr<const LineFormat> format, std::uint32_t file)
{
    // Lines already added keep the format they came with.
    if (m_state->filling && !m_state->filling->spans.empty())
        m_state->submit();
    m_state->format = std::move(format);
    m_state->file = file;
}

void BatchParser::add(std::string_view line, std::uint64_t number, const Consume &consume)
{
    Job &job = m_state->fillingJob(consume);
    const std::size_t at = job.text.size();
    job.text.insert(job.text.end(), line.begin(), line.end());
    job.spans.emplace_back(at, line.size());
    job.numbers.push_back(number);
    if (job.spans.size() == kBatchLines || job.text.size() >= kBatchBytes)
        m_state->submit();
}

void BatchParser::addMalformed(std::uint64_t number, std::string reason, const Consume &consume)
{
    Job &job = m_state->fillingJob(consume);
    job.spans.emplace_back(kGivenReason, job.reasons.size());
    job.reasons.push_back(std::move(reason));
    job.numbers.push_back(number);
    if (job.spans.size() == kBatchLines)
        m_state->submit();
}

void BatchParser::drain(const Consume &consume)
{
    m_state->submit();
    while (!m_state->inFlight.empty())
        m_state->consumeFront(consume);
}

unsigned BatchParser::workersFor(int requested)
{
    if (requested >= 0)
        return unsigned(requested);
    // The cores this process may run on (taskset, a container's cpuset), not
    // the machine's: three threads on one allowed core only take turns.
    unsigned cores = std::thread::hardware_concurrency();
#ifdef __linux__
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
        cores = unsigned(CPU_COUNT(&allowed));
#endif
    return cores < 2 ? 0 : std::min(cores, 8u);
}

} // namespace pl::flowlog
