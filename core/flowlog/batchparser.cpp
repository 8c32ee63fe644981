#include "batchparser.h"

#include "lineparser.h"
#include "linereader.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
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

struct Job
{
    std::shared_ptr<const LineFormat> format;
    std::vector<char> text; // the lines back to back, then kPadding bytes
    std::vector<std::pair<std::size_t, std::size_t>> spans; // offset, length
    std::vector<std::uint64_t> numbers;
    ParsedBatch parsed;
    bool done = false;

    void clear()
    {
        text.clear();
        spans.clear();
        numbers.clear();
        parsed.records.clear();
        parsed.recordLines.clear();
        parsed.malformed.clear();
        parsed.lines = 0;
        done = false;
    }
};

// A thread's parser, rebuilt when the format changes (a new file).
class ThreadParser
{
public:
    void parse(Job &job)
    {
        if (m_format != job.format) {
            m_parser.reset();
            m_format = job.format;
            m_parser = std::make_unique<LineParser>(*m_format);
        }
        ParsedBatch &out = job.parsed;
        for (std::size_t i = 0; i < job.spans.size(); ++i) {
            const std::string_view line(job.text.data() + job.spans[i].first, job.spans[i].second);
            ++out.lines;
            FlowRecord &record = out.records.emplace_back(); // built in place
            std::string reason = m_parser->parse(line, record);
            if (!reason.empty()) {
                out.records.pop_back();
                out.malformed.emplace_back(job.numbers[i], std::move(reason));
                continue;
            }
            out.recordLines.push_back(job.numbers[i]);
        }
    }

private:
    std::shared_ptr<const LineFormat> m_format;
    std::unique_ptr<LineParser> m_parser;
};

} // namespace

struct BatchParser::State
{
    std::mutex mutex;
    std::condition_variable work; // a job was queued, or stop
    std::condition_variable done; // a job was parsed
    std::deque<Job *> queued;     // waiting for a worker
    bool stop = false;

    std::deque<std::unique_ptr<Job>> inFlight; // in the order of their lines
    std::vector<std::unique_ptr<Job>> spare;
    std::unique_ptr<Job> filling;
    std::shared_ptr<const LineFormat> format;
    std::size_t maxInFlight = 2;
    ThreadParser callerParser; // when there are no workers
    std::vector<std::thread> workers;

    void runWorker()
    {
        ThreadParser parser;
        std::unique_lock lock(mutex);
        for (;;) {
            work.wait(lock, [this] { return stop || !queued.empty(); });
            if (stop)
                return;
            Job *job = queued.front();
            queued.pop_front();
            lock.unlock();
            parser.parse(*job);
            lock.lock();
            job->done = true;
            done.notify_all();
        }
    }

    void submit()
    {
        if (!filling || filling->spans.empty())
            return;
        filling->text.resize(filling->text.size() + LineReader::kPadding, '\0');
        Job *job = filling.get();
        inFlight.push_back(std::move(filling));
        if (workers.empty()) {
            callerParser.parse(*job);
            job->done = true;
            return;
        }
        {
            std::lock_guard lock(mutex);
            queued.push_back(job);
        }
        work.notify_one();
    }

    // Hands back the oldest batch once it is parsed.
    void consumeFront(const Consume &consume)
    {
        Job *job = inFlight.front().get();
        if (!workers.empty()) {
            std::unique_lock lock(mutex);
            done.wait(lock, [job] { return job->done; });
        }
        std::unique_ptr<Job> front = std::move(inFlight.front());
        inFlight.pop_front();
        consume(front->parsed);
        front->clear();
        spare.push_back(std::move(front));
    }
};

BatchParser::BatchParser(unsigned workers) : m_state(std::make_unique<State>())
{
    m_state->maxInFlight = std::max(2u, workers * 2 + 1);
    for (unsigned i = 0; i < workers; ++i)
        m_state->workers.emplace_back([state = m_state.get()] { state->runWorker(); });
}

BatchParser::~BatchParser()
{
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stop = true;
    }
    m_state->work.notify_all();
    for (std::thread &t : m_state->workers)
        t.join();
}

void BatchParser::setFormat(std::shared_ptr<const LineFormat> format)
{
    // Lines already added keep the format they came with.
    if (m_state->filling && !m_state->filling->spans.empty())
        m_state->submit();
    m_state->format = std::move(format);
}

void BatchParser::add(std::string_view line, std::uint64_t number, const Consume &consume)
{
    State &s = *m_state;
    if (!s.filling) {
        while (s.inFlight.size() >= s.maxInFlight)
            s.consumeFront(consume);
        if (!s.spare.empty()) {
            s.filling = std::move(s.spare.back());
            s.spare.pop_back();
        } else {
            s.filling = std::make_unique<Job>();
            s.filling->text.reserve(kBatchBytes + LineReader::kPadding);
        }
        s.filling->format = s.format;
    }
    Job &job = *s.filling;
    const std::size_t at = job.text.size();
    job.text.insert(job.text.end(), line.begin(), line.end());
    job.spans.emplace_back(at, line.size());
    job.numbers.push_back(number);
    if (job.spans.size() == kBatchLines || job.text.size() >= kBatchBytes)
        s.submit();
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
