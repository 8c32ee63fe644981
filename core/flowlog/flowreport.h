#pragma once

#include "ownership.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pl::flowlog {

// The classes of the output contract (flow-logs.md).
enum class FindingClass : std::uint8_t
{
    GatewayEndpoint,
    InterfaceEndpoint,
    CrossVpc,
    Hairpin,
    Internet,
    Rejected
};
constexpr std::size_t kFindingClassCount = 6;

const char *findingClassName(FindingClass c); // "gateway_endpoint"...
// True for the classes whose traffic could move to a private path.
bool isPrivatePathClass(FindingClass c);

// The outbound request flows of one source to one destination owner, port
// and protocol.
struct Finding
{
    FindingClass findingClass = FindingClass::Internet;
    // Source
    std::string vmId, eniId, vpcId, sourceAddr, region;
    // Destination
    Owner owner; // provider/service/region/label or inventory resource
    std::uint64_t addrs = 0;
    std::vector<std::string> sampleAddrs;
    std::uint16_t port = 0;
    std::uint8_t protocol = 0;
    // Traffic: records, packets and bytes of the outbound records, as the
    // SLS/Athena queries count them; packetsIn/bytesIn of the accepted
    // inbound records of the same flows, the answers (a download's bulk).
    // Unknown (inboundKnown false) when rows of a query's result without
    // their answers (no packets-in/bytes-in, or "-") made some of the flows;
    // a rejected attempt's are known: none.
    std::uint64_t flows = 0, records = 0, packets = 0, bytes = 0;
    std::uint64_t packetsIn = 0, bytesIn = 0;
    bool inboundKnown = true;
    std::int64_t firstSeen = 0, lastSeen = 0;
    bool highConfidence = true;
    std::map<std::string, std::uint64_t> rules; // rule -> flows it decided
    std::string recommendation;
    std::vector<std::string> samples; // "file:line"

    std::string sourceName() const;   // vm-id, else ENI, else address
    std::uint64_t totalBytes() const; // both ways: what the findings are ranked by
    std::string destinationName() const;
};

struct ClassTotals
{
    std::uint64_t findings = 0, flows = 0, records = 0, bytes = 0, bytesIn = 0;
    bool inboundKnown = true; // false: a finding's bytes in are unknown (not in bytesIn)
};

struct InstanceTotals
{
    std::string source; // as Finding::sourceName()
    std::string vpcId;
    std::uint64_t privatePathBytes = 0, privatePathBytesIn = 0;
    std::uint64_t internetBytes = 0, internetBytesIn = 0;
    std::uint64_t rejectedRecords = 0;
    std::array<std::uint64_t, kFindingClassCount> bytesByClass{};
    // As ClassTotals::inboundKnown, for each of the two sums.
    bool privatePathInboundKnown = true;
    bool internetInboundKnown = true;
};

struct CoverageGap
{
    std::string eniId;
    std::int64_t start = 0, end = 0;
    std::string location; // file:line
};

struct FlowReport
{
    std::vector<Finding> findings; // by bytes both ways (totalBytes), descending
    std::array<ClassTotals, kFindingClassCount> classes{};
    std::vector<InstanceTotals> instances; // by private-path bytes both ways, descending

    // Input
    std::vector<std::string> files;
    std::vector<std::string> fileErrors;
    std::vector<std::vector<std::string>> awsFormats; // ReadStats::awsFormats
    std::vector<std::string> notes; // read anyway: "file: problem (and N more files)"
    std::uint64_t lines = 0, records = 0, ok = 0, noData = 0, skipData = 0;
    std::uint64_t malformed = 0;
    std::vector<std::string> malformedSamples; // "file:line: reason"
    std::vector<CoverageGap> gaps;             // SKIPDATA windows (first ones)
    // Decisions
    std::uint64_t privateDestinationRecords = 0; // remote in a special range
    std::uint64_t unknownDirectionRecords = 0;
    std::uint64_t flows = 0, requestFlows = 0, responseFlows = 0, rejectedFlows = 0;
    std::uint64_t spilledBytes = 0; // flow state written to temporary files (0: all in memory)
    std::uint64_t responseBytes = 0;
    // Request flows whose every record went through a gateway endpoint (the
    // traffic path says so): private already, no finding.
    std::uint64_t alreadyPrivateFlows = 0, alreadyPrivateBytes = 0;
    // Request flows a NAT gateway's ENI logged again (its translated leg,
    // or its record of a connection the instance's own ENI logged too):
    // counted once, from the instance's record; not in requestFlows.
    std::uint64_t natCopyFlows = 0, natCopyBytes = 0;
    std::map<std::string, std::uint64_t> responseRules;
    std::uint64_t privatePathBytes = 0;   // gateway + interface + cross-VPC + hairpin
    std::uint64_t privatePathBytesIn = 0; // their answers (inbound records)
    bool privatePathInboundKnown = true;  // as ClassTotals::inboundKnown
};

} // namespace pl::flowlog
