#pragma once

#include "flowrecord.h"
#include "flowreport.h"
#include "ownership.h"
#include "recordreader.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pl::flowlog {

struct AnalyzerOptions
{
    // Ports the user says are listening services (rule 3).
    std::vector<std::uint16_t> listeningPorts;
    // Flow state kept in memory; beyond it the state goes to temporary files
    // (TMPDIR) and is judged a partition at a time, so memory stays bounded
    // whatever the number of flows. The output is the same either way
    // (unless the disk refuses: the report then says so).
    std::size_t memoryBudget = std::size_t(48) << 20;
};

// The request/response decision, per flow (ENI + 5-tuple, both directions)
// from all of its records in any order, then the findings (flow-logs.md).
// Memory grows with distinct flows to public addresses, not with records (a
// flow is a compact key and a few counters), up to AnalyzerOptions::
// memoryBudget; then the flows go to disk (see there).
//
// The state can be split in shards fed on their own threads: every record
// of an ENI must go to the same shard (RecordReader::readFilesSharded does
// that), and the report is the same for any number of shards.
class FlowAnalyzer
{
public:
    FlowAnalyzer(const Ownership &ownership, AnalyzerOptions options = {}, unsigned shards = 1);
    ~FlowAnalyzer();
    FlowAnalyzer(const FlowAnalyzer &) = delete;
    FlowAnalyzer &operator=(const FlowAnalyzer &) = delete;

    unsigned shardCount() const;
    // Records in input order, all in shard 0.
    void add(const FlowRecord &record, std::uint32_t file, std::uint64_t line);
    // Records of one shard in input order; shards may be fed concurrently,
    // one thread per shard.
    void add(unsigned shard, const FlowRecord &record, std::uint32_t file, std::uint64_t line);
    // Once, after the last add(): judges the flows and releases their tables.
    FlowReport finish(const ReadStats &stats);

    // Readable from any thread while records are added.
    std::size_t flowCount() const;

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace pl::flowlog
