// libFuzzer entry point for the flow-log check: the bytes are one log file
// (any dialect, any codec by its magic bytes, subscription messages too),
// read, analysed and reported in every format, as `plinspect flowlog check`
// does. Memory errors and UB are the sanitizers' job; this file checks the
// promises the report makes: every malformed line is a line counted, and
// the report says as many as the reader saw.

#include "flowlog/flowanalyzer.h"
#include "flowlog/flowreport.h"
#include "flowlog/flowreportformat.h"
#include "flowlog/ownership.h"
#include "flowlog/recordreader.h"
#include "memoryfile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace pl::flowlog;

// __builtin_trap, not assert: the fuzz preset builds with NDEBUG, and a trap
// makes libFuzzer save the input as a crash reproducer.
void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

const Ownership &ownership()
{
    static const Ownership own = [] {
        Ownership o;
        Owner oss;
        oss.provider = "alibaba";
        oss.service = "OSS";
        oss.region = "cn-hangzhou";
        o.addPrefix(*parseIpPrefix("118.178.0.0/16"), oss);
        Owner s3;
        s3.provider = "aws";
        s3.service = "S3";
        o.addPrefix(*parseIpPrefix("52.95.128.0/21"), s3);
        Owner eip;
        eip.kind = OwnerKind::Inventory;
        eip.resourceId = "eip-1";
        eip.vpcId = "vpc-data";
        o.addPrefix(*parseIpPrefix("39.96.0.5/32"), eip);
        o.build();
        return o;
    }();
    return own;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    ReadOptions options;
    options.parseThreads = 0; // one thread: a crash reproduces
    RecordReader reader(options);
    FlowAnalyzer analyzer(ownership());
    ReadStats stats;
    reader.readFilesSharded(
        {pl::fuzz::memoryFilePath(data, size)}, 1,
        [&analyzer](unsigned shard, const FlowRecord &record, std::uint32_t file,
                    std::uint64_t line) { analyzer.add(shard, record, file, line); },
        stats, {});
    require(stats.malformed <= stats.lines);
    require(stats.malformedSamples.size() <= ReadStats::kMaxMalformedSamples);
    for (const Malformed &m : stats.malformedSamples)
        require(!m.reason.empty() && m.line >= 1);
    const FlowReport report = analyzer.finish(stats);
    require(report.malformed == stats.malformed);
    require(report.records == stats.records);
    std::uint64_t flows = 0;
    for (const Finding &f : report.findings) {
        require(f.flows >= 1);
        flows += f.flows;
    }
    require(flows <= report.requestFlows + report.rejectedFlows);
    reportJsonLines(report);
    reportCsv(report);
    reportMarkdown(report);
    reportText(report);
    return 0;
}
