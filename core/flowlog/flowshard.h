#pragma once

// One shard of the flow-log check's state (internal to core/flowlog): the
// flows, learnt service ports and interned IDs of the ENIs that hash to it.
// Everything the request/response decision needs is per ENI (a flow's key
// starts with its ENI, rule 3 learns ports per ENI), so shards fed on their
// own threads decide exactly as one table would; FlowAnalyzer merges them.

#include "densetable.h"
#include "flowrecord.h"
#include "flowreport.h"
#include "portrule.h"
#include "spillfiles.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pl::flowlog {

class Ownership;

// A record's place in the input: file << 40 | line. It grows with the input
// order, so it orders flows and samples across shards as one thread would.
using Sample = std::uint64_t;
constexpr unsigned kSampleLineBits = 40;

inline Sample samplePosition(std::uint32_t file, std::uint64_t line)
{
    return (Sample(file) << kSampleLineBits) | (line & ((Sample(1) << kSampleLineBits) - 1));
}

// A flow: ENI + 5-tuple seen from the ENI's side (local = the instance).
// IPv4 addresses are held as they are; an IPv6 address as its number in
// FlowShard::v6 (bit set in v6Ids), so a key is 20 bytes whatever the family.
struct FlowKey
{
    std::uint32_t eni = 0;
    std::uint32_t local = 0;
    std::uint32_t remote = 0;
    std::uint16_t localPort = 0;
    std::uint16_t remotePort = 0;
    std::uint8_t protocol = 0;
    std::uint8_t v6Ids = 0; // 1: local is an IPv6 id, 2: remote is
    // 1 for a query's REJECT row: a row has no local port to tell its
    // rejected attempts from the accepted connections to the same place,
    // whose flow would take the attempts' times and samples.
    std::uint16_t rejectedRow = 0;

    friend bool operator==(const FlowKey &a, const FlowKey &b) = default;
};

struct V6Key
{
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    friend bool operator==(const V6Key &a, const V6Key &b) = default;
};

// What a flow's first outbound record says about its source: interned
// once for all flows of an instance.
struct ContextKey
{
    std::uint32_t vm = 0, vpc = 0, region = 0, service = 0;
    friend bool operator==(const ContextKey &a, const ContextKey &b) = default;
};

struct PortKey
{
    std::uint32_t eni = 0;
    std::uint16_t port = 0;
    std::uint8_t protocol = 0;
    std::uint8_t unused = 0;
    friend bool operator==(const PortKey &a, const PortKey &b) = default;
};

struct PortSeen
{
    std::uint16_t firstRemotePort = 0;
    bool listening = false;
};

struct Nothing
{};

enum FlowFlag : std::uint16_t
{
    OutSyn = 1,    // outbound SYN without ACK
    OutSynAck = 2, // outbound SYN-ACK
    InSynAck = 4,  // inbound SYN-ACK
    Transit = 8,   // seen through a NAT gateway's ENI: the source is an address
    HasPorts = 16,
    HasIn = 32,      // accepted inbound records
    Aggregated = 64, // rows of a query's result (no source port, no TCP flags)
    // Every accepted outbound record went through a gateway endpoint (its
    // traffic path): on a private path already, no finding.
    AllViaEndpoint = 128,
    // Rows of a query's result without packets-in and bytes-in columns
    // (with or without ports): outbound records only, so the flow's
    // answers (bytes in) are unknown.
    FromQuery = 256
};

// Only what the verdict and the finding need; REJECT counters, rare, in
// FlowShard::rejects.
struct Flow
{
    std::uint64_t outPackets = 0, outBytes = 0;
    // Accepted inbound records: a request flow's answers (an OSS or S3
    // download is in these, not in its few outbound packets).
    std::uint64_t inPackets = 0, inBytes = 0;
    std::int64_t firstOut = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastOut = std::numeric_limits<std::int64_t>::min();
    std::int64_t firstIn = std::numeric_limits<std::int64_t>::max();
    std::array<Sample, 3> samples{};
    Sample order = 0; // the flow's first record: its first-seen rank
    std::uint32_t outRecords = 0;
    std::uint32_t rejects = 0; // index + 1 into FlowShard::rejects; 0: none
    std::uint32_t context = 0; // index into FlowShard::contexts
    std::int32_t owner = -2;   // -2: not looked up yet
    std::uint16_t flags = 0;
    std::uint8_t sampleCount = 0;
};

// What is known of an ENI whatever its flows (kept across spills): its
// VPC, whether it carries other hosts' traffic, and the first address its
// own traffic leaves from (most ENIs have one: compared before a lookup in
// FlowShard::localAddresses, which holds them all).
enum EniFlag : std::uint8_t
{
    EniTransit = 1,  // records of other hosts' traffic (FlowFlag Transit)
    EniInstance = 2, // a vm-id: an instance's ENI, not a gateway's
    EniHasLocal = 4  // localHigh/localLow are set
};

struct EniSeen
{
    std::uint64_t localHigh = 0, localLow = 0; // the first local address (not 16-aligned)
    std::uint32_t vpc = 0;
    std::uint8_t flags = 0;
};

// An address an ENI's own (not transit) flows have as their local end.
struct EniAddressKey
{
    std::uint32_t eni = 0;
    std::uint32_t unused = 0;
    std::uint64_t high = 0, low = 0;
    friend bool operator==(const EniAddressKey &a, const EniAddressKey &b) = default;
};

struct Rejects
{
    std::uint64_t packets = 0, bytes = 0, records = 0;
};

// The rule that decided a flow (flow-logs.md), counted per finding.
enum class Rule : std::uint8_t
{
    IcmpReply,
    IcmpRequest,
    OutboundSynAck,
    OutboundSyn,
    InboundSynAck,
    PeerFirst,
    FromServicePort,
    ToServicePort,
    AmbiguousPorts,
    EphemeralRange, // neither port a known service port: the one in the ephemeral range is the
                    // client's
    QueryPortRule,
    NoEvidence,
    OutboundReject,
    Count
};
constexpr std::size_t kRuleCount = std::size_t(Rule::Count);
inline constexpr std::array<const char *, kRuleCount> kRuleNames{
    "rule4_icmp_reply",        "rule4_icmp_request",    "rule1_outbound_syn_ack",
    "rule1_outbound_syn",      "rule1_inbound_syn_ack", "rule2_peer_first",
    "rule3_from_service_port", "rule3_to_service_port", "rule3_ambiguous_ports",
    "rule3_ephemeral_range",   "rule3_query_port_rule", "no_evidence",
    "outbound_reject"};
static_assert(std::find(kRuleNames.begin(), kRuleNames.end(), nullptr) == kRuleNames.end(),
              "a rule without a name");

struct Decision
{
    bool request = true;
    bool high = true;
    Rule rule = Rule::NoEvidence;
};

class FlowShard
{
public:
    // The shards share one memory budget (AnalyzerOptions::memoryBudget):
    // inUse sums their tables' bytes. A shard spills when the sum is over
    // the budget and it holds at least its share, so one busy ENI (a NAT
    // gateway's) may use what the others do not. spillPartitions: files per
    // spill table (file descriptors are per process: shards share them out).
    struct Budget
    {
        std::size_t bytes = 0;
        unsigned shards = 1;
        std::atomic<std::size_t> inUse{0};
    };
    FlowShard(const Ownership &ownership, const std::vector<bool> &listening, Budget &budget,
              std::size_t spillPartitions);

    void add(const FlowRecord &record, std::uint32_t file, std::uint64_t line);

    // Flows held, at most (a flow seen in several spill rounds counts in
    // each); readable from another thread while add() runs.
    std::size_t flowCount() const { return m_flowCount.load(std::memory_order_relaxed); }

    // For FlowAnalyzer::finish(), after the last add().
    Decision decide(const FlowKey &key, const Flow &f) const;
    Uint128 localAddress(const FlowKey &key) const { return address(key.local, key.v6Ids & 1); }
    Uint128 remoteAddress(const FlowKey &key) const { return address(key.remote, key.v6Ids & 2); }
    bool spilled() const { return bool(m_spilledFlows); }
    std::size_t spillPartitions() const { return m_spillPartitions; }
    // The last round to disk too, when earlier ones went there.
    void spillRest();
    // One partition back into the tables, each flow merged from its rounds.
    // False on a read error (spillProblem says why).
    bool loadPartition(std::size_t partition);
    void clearTables();
    std::uint64_t spilledBytes() const;

    // A NAT gateway's ENI (transit records and no instance): its own
    // request flows are the translated copies of its transit ones.
    bool forwards(std::uint32_t eni) const
    {
        return eni < m_eniSeen.size() &&
               (m_eniSeen[eni].flags & (EniTransit | EniInstance)) == EniTransit;
    }
    std::uint32_t eniVpc(std::uint32_t eni) const
    {
        return eni < m_eniSeen.size() ? m_eniSeen[eni].vpc : 0;
    }

    DenseTable<FlowKey, Flow> flows;
    DenseTable<ContextKey, Nothing> contexts;
    std::vector<Rejects> rejects;
    StringIds enis, vms, vpcs, regions, services;
    std::vector<std::pair<Sample, CoverageGap>> gaps; // the shard's first kMaxGaps
    std::uint64_t ok = 0, noData = 0, skipData = 0, privateRecords = 0, unknownDirection = 0;
    // Rows of a query's result that are inbound records (the queries of
    // `flowlog query` give outbound rows only): no flow of theirs is judged.
    std::uint64_t queryInboundRows = 0;
    std::string spillProblem; // why the flow state could not go to disk
    // Every (ENI, own address) pair, so that FlowAnalyzer can tell a NAT
    // gateway's record of a connection from the instance's own. Not
    // spilled: it grows with addresses, not traffic, and stops at
    // kMaxLocalAddresses (localAddressesFull says so).
    DenseTable<EniAddressKey, Nothing> localAddresses;
    bool localAddressesFull = false;

    static constexpr std::size_t kMaxGaps = 100;
    static constexpr std::size_t kMaxLocalAddresses = std::size_t(1) << 17;

private:
    std::uint32_t compactAddress(const IpAddress &ip, std::uint8_t &v6Ids, std::uint8_t bit);
    Uint128 address(std::uint32_t value, bool isV6Id) const;
    bool localServicePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t port) const;
    bool remoteServicePort(std::uint16_t port) const
    {
        return port < kServicePortLimit || m_listening[port];
    }
    void notePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t localPort,
                  std::uint16_t remotePort, int tcpFlags);
    std::size_t memoryBytes() const;
    std::size_t partitionOf(std::uint32_t eni) const;
    void spill();
    void mergeInto(Flow &f, const struct SpilledFlow &r);
    void addRejects(Flow &f, std::uint64_t records, std::uint64_t packets, std::uint64_t bytes);
    EniSeen &eniSeen(std::uint32_t eni);
    void noteLocal(std::uint32_t eni, const IpAddress &local);

    const Ownership &m_ownership;
    const std::vector<bool> &m_listening;
    Budget &m_budget;
    std::size_t m_memory = 0; // this shard's part of m_budget.inUse
    std::size_t m_spillPartitions;
    DenseTable<PortKey, PortSeen> m_ports; // rule 3: ports learnt per ENI
    DenseTable<V6Key, Nothing> m_v6;       // IPv6 addresses of flow keys
    std::vector<EniSeen> m_eniSeen;        // by ENI id
    // Above the budget, the flow and port tables go to disk partitioned by
    // ENI (a flow's service ports are learnt on its ENI: both land in the
    // same partition) and memory starts over; finish() then judges one
    // partition at a time. Interned strings and contexts stay: they grow
    // with instances, not with traffic.
    std::unique_ptr<SpillFiles> m_spilledFlows, m_spilledPorts;
    std::uint64_t m_spilledFlowCount = 0;
    std::atomic<std::size_t> m_flowCount{0};
};

} // namespace pl::flowlog
