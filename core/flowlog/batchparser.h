#pragma once

#include "flowrecord.h"
#include "textarena.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pl::flowlog {

struct LineFormat;

// Lines of one file parsed together, kept in file order.
struct ParsedBatch
{
    std::vector<FlowRecord> records;        // their views point into the batch
    TextArena ownedText;                    // or here (values unescaped out of their line)
    std::vector<std::uint64_t> recordLines; // the line number of each record
    std::vector<std::pair<std::uint64_t, std::string>> malformed; // line, reason
    std::uint64_t lines = 0;                                      // non-blank lines in the batch
};

// Parses lines on worker threads, a batch of lines at a time, and hands the
// batches back in the order the lines were added, on the caller's thread.
// With shards (setShards), the workers also hand the records to the
// analysis, one shard of ENIs per worker: parsing a line costs about three
// times the analysis of its record, and on few cores the caller's thread
// (reading, then analysing every record) was what the workers waited for.
class BatchParser
{
public:
    using Consume = std::function<void(const ParsedBatch &)>;
    // Records of one shard, in line order, on that shard's thread.
    using ShardSink = std::function<void(unsigned shard, const FlowRecord &record,
                                         std::uint32_t file, std::uint64_t line)>;

    // workers 0: every batch is parsed on the caller's thread.
    explicit BatchParser(unsigned workers);
    ~BatchParser(); // stops the workers; batches not handed back are dropped
    BatchParser(const BatchParser &) = delete;
    BatchParser &operator=(const BatchParser &) = delete;

    // Before the first add(): every record goes to `sink`, those of an ENI
    // always to the same shard (of 1 to maxShards()); Consume then sees each
    // batch after all shards have. An exception the sink throws comes back
    // from add() or drain().
    void setShards(unsigned shards, ShardSink sink);
    unsigned maxShards() const;
    // The format and file index of the lines added from now on (the format
    // is kept alive by the parser).
    void setFormat(std::shared_ptr<const LineFormat> format, std::uint32_t file = 0);
    // Copies a non-blank line; hands back finished batches when too many
    // are in flight.
    void add(std::string_view line, std::uint64_t number, const Consume &consume);
    // A line the reader found malformed itself, in its place among the others.
    void addMalformed(std::uint64_t number, std::string reason, const Consume &consume);
    // Hands back every batch still in flight.
    void drain(const Consume &consume);

    // Workers worth starting on this machine for `requested` (negative:
    // one per core, 0 on one core).
    static unsigned workersFor(int requested);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace pl::flowlog
