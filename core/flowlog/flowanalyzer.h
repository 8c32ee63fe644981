#pragma once

#include "flowrecord.h"
#include "flowreport.h"
#include "ownership.h"
#include "recordreader.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace pl::flowlog {

struct AnalyzerOptions
{
    // Ports the user says are listening services (rule 3).
    std::vector<std::uint16_t> listeningPorts;
    // Flow state kept in memory; beyond it the state goes to temporary files
    // (TMPDIR) and is judged a partition at a time, so memory stays bounded
    // whatever the number of flows. The output is the same either way.
    std::size_t memoryBudget = std::size_t(48) << 20;
};

// The request/response decision, per flow (ENI + 5-tuple, both directions)
// from all of its records in any order, then the findings (flow-logs.md).
// Memory grows with distinct flows to public addresses, not with records (a
// flow is a compact key and a few counters), up to AnalyzerOptions::
// memoryBudget; then the flows go to disk (see there).
class FlowAnalyzer
{
public:
    FlowAnalyzer(const Ownership &ownership, AnalyzerOptions options = {});
    ~FlowAnalyzer();
    FlowAnalyzer(const FlowAnalyzer &) = delete;
    FlowAnalyzer &operator=(const FlowAnalyzer &) = delete;

    void add(const FlowRecord &record, std::uint32_t file, std::uint64_t line);
    // Once, after the last add(): judges the flows and releases their tables.
    FlowReport finish(const ReadStats &stats);

    std::size_t flowCount() const;

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace pl::flowlog
