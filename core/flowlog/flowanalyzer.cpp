#include "flowanalyzer.h"

#include "densetable.h"
#include "recommendation.h"
#include "spillfiles.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <tuple>

namespace pl::flowlog {

namespace {

constexpr int kTcp = 6;
constexpr int kUdp = 17;
constexpr int kIcmp = 1;
constexpr int kIcmpV6 = 58;
constexpr int kSynAck = 18;
constexpr int kSyn = 2;
constexpr std::size_t kMaxGaps = 100;
constexpr std::size_t kMaxDistinctAddrs = 100000;

// A flow: ENI + 5-tuple seen from the ENI's side (local = the instance).
// IPv4 addresses are held as they are; an IPv6 address as its number in
// State::v6 (bit set in v6Ids), so a key is 20 bytes whatever the family.
struct FlowKey
{
    std::uint32_t eni = 0;
    std::uint32_t local = 0;
    std::uint32_t remote = 0;
    std::uint16_t localPort = 0;
    std::uint16_t remotePort = 0;
    std::uint8_t protocol = 0;
    std::uint8_t v6Ids = 0; // 1: local is an IPv6 id, 2: remote is
    std::uint16_t unused = 0;

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

enum FlowFlag : std::uint8_t
{
    OutSyn = 1,    // outbound SYN without ACK
    OutSynAck = 2, // outbound SYN-ACK
    InSynAck = 4,  // inbound SYN-ACK
    Transit = 8,   // seen through a NAT gateway's ENI: the source is an address
    HasPorts = 16,
    HasIn = 32,     // accepted inbound records
    Aggregated = 64 // rows of a query's result (no source port, no TCP flags)
};

// A sample record location: file << 40 | line.
using Sample = std::uint64_t;
constexpr unsigned kSampleLineBits = 40;

// Only what the verdict and the finding need; REJECT counters, rare, in
// State::rejects.
struct Flow
{
    std::uint64_t outPackets = 0, outBytes = 0;
    std::int64_t firstOut = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastOut = std::numeric_limits<std::int64_t>::min();
    std::int64_t firstIn = std::numeric_limits<std::int64_t>::max();
    std::array<Sample, 3> samples{};
    std::uint32_t outRecords = 0;
    std::uint32_t rejects = 0; // index + 1 into State::rejects; 0: none
    std::uint32_t context = 0; // index into State::contexts
    std::int32_t owner = -2;   // -2: not looked up yet
    std::uint8_t flags = 0;
    std::uint8_t sampleCount = 0;
};

struct Rejects
{
    std::uint64_t packets = 0, bytes = 0, records = 0;
};

// A flow as it goes to disk: whole addresses (IPv6 ids are per round) and
// its REJECT counters inline. order: its first-seen rank, round << 32 |
// index in that round's table.
struct SpilledFlow
{
    std::uint64_t order = 0;
    std::uint64_t localHigh = 0, localLow = 0, remoteHigh = 0, remoteLow = 0;
    std::uint64_t outPackets = 0, outBytes = 0;
    std::uint64_t rejectPackets = 0, rejectBytes = 0, rejectRecords = 0;
    std::int64_t firstOut = 0, lastOut = 0, firstIn = 0;
    std::array<Sample, 3> samples{};
    std::uint32_t eni = 0, outRecords = 0, context = 0;
    std::int32_t owner = 0;
    std::uint16_t localPort = 0, remotePort = 0;
    std::uint8_t protocol = 0, flags = 0, sampleCount = 0, v6 = 0; // v6: 1 local, 2 remote
};

struct SpilledPort
{
    std::uint32_t eni = 0;
    std::uint16_t port = 0, firstRemotePort = 0;
    std::uint8_t protocol = 0, listening = 0;
    std::uint16_t unused = 0;
};

constexpr std::size_t kSpillPartitions = 64;

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
    QueryPortRule,
    NoEvidence,
    OutboundReject,
    Count
};
constexpr std::size_t kRuleCount = std::size_t(Rule::Count);
constexpr std::array<const char *, kRuleCount> kRuleNames{
    "rule4_icmp_reply",        "rule4_icmp_request",    "rule1_outbound_syn_ack",
    "rule1_outbound_syn",      "rule1_inbound_syn_ack", "rule2_peer_first",
    "rule3_from_service_port", "rule3_to_service_port", "rule3_ambiguous_ports",
    "rule3_query_port_rule",   "no_evidence",           "outbound_reject"};
static_assert(std::find(kRuleNames.begin(), kRuleNames.end(), nullptr) == kRuleNames.end(),
              "a rule without a name");

struct Decision
{
    bool request = true;
    bool high = true;
    Rule rule = Rule::NoEvidence;
};

// Flows per deciding rule: a fixed array, no allocation per finding.
struct RuleCounts
{
    std::array<std::uint64_t, kRuleCount> counts{};

    void add(Rule rule) { ++counts[std::size_t(rule)]; }
    void addTo(std::map<std::string, std::uint64_t> &rules) const
    {
        for (std::size_t i = 0; i < kRuleCount; ++i) {
            if (counts[i] != 0)
                rules[kRuleNames[i]] += counts[i];
        }
    }
};

// The finding a flow belongs to. No padding: hashed by its bytes in a
// DenseTable (the findings' table is looked up once per flow).
struct FindingKey
{
    Uint128 sourceAddr;
    std::int64_t ownerKey; // -1 internet, owner index, or hint
    std::uint32_t sourceId;
    std::uint32_t vpc;
    std::uint16_t port;
    FindingClass cls;
    std::uint8_t protocol;
    std::uint8_t sourceKind; // 1 vm, 2 ENI, 3 address
    std::array<std::uint8_t, 11> unused;

    auto tie() const
    {
        return std::tie(cls, protocol, port, sourceKind, sourceId, sourceAddr, vpc, ownerKey);
    }
    friend bool operator<(const FindingKey &a, const FindingKey &b) { return a.tie() < b.tie(); }
    friend bool operator==(const FindingKey &a, const FindingKey &b) { return a.tie() == b.tie(); }
};

// The few things of a finding that come from particular flows: its first
// flow's fields, and the samples and addresses of its earliest flows. Flows
// arrive in their first-seen order from memory, but partition by partition
// after a spill: each candidate carries its flow's order (first-seen rank)
// and the smallest win, so both paths give the same finding.
template <typename Value>
struct Earliest
{
    std::array<std::pair<std::uint64_t, Value>, 3> items{};
    std::size_t size = 0;

    // Keeps (order, value) if it is among the 3 smallest orders; a value
    // already kept moves to the smaller of its two orders.
    void offer(std::uint64_t order, const Value &value)
    {
        for (std::size_t i = 0; i < size; ++i) {
            if (items[i].second == value) {
                items[i].first = std::min(items[i].first, order);
                sort();
                return;
            }
        }
        if (size < items.size())
            items[size++] = {order, value};
        else if (order < items[size - 1].first)
            items[size - 1] = {order, value};
        else
            return;
        sort();
    }
    void sort()
    {
        std::sort(items.begin(), items.begin() + std::ptrdiff_t(size),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
    }
};

// What every flow adds to its finding. The finding's texts (a Finding, set
// from its first flow) are kept apart: flows come in no order of findings,
// and the per-flow path then touches these few cache lines only.
struct FindingTally
{
    std::uint64_t flows = 0, records = 0, packets = 0, bytes = 0;
    std::int64_t firstSeen = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastSeen = std::numeric_limits<std::int64_t>::min();
    std::uint64_t lowFlows = 0;
    std::uint64_t addrs = 0; // distinct, counted up to kMaxDistinctAddrs
    std::uint64_t firstOrder = std::numeric_limits<std::uint64_t>::max();
    Earliest<Sample> samples; // order: flow order * 4 + the sample's index
    Earliest<Uint128> addrSamples;
    RuleCounts rules;
};

// A destination address of a finding, whole (IPv6 ids are per partition).
struct AddrPairKey
{
    std::uint32_t finding = 0;
    std::uint32_t unused = 0;
    std::uint64_t high = 0, low = 0;
    friend bool operator==(const AddrPairKey &a, const AddrPairKey &b) = default;
};

std::string orText(const std::string &s, const char *fallback)
{
    return s.empty() ? std::string(fallback) : s;
}

} // namespace

const char *findingClassName(FindingClass c)
{
    switch (c) {
    case FindingClass::GatewayEndpoint:
        return "gateway_endpoint";
    case FindingClass::InterfaceEndpoint:
        return "interface_endpoint";
    case FindingClass::CrossVpc:
        return "cross_vpc";
    case FindingClass::Hairpin:
        return "hairpin";
    case FindingClass::Internet:
        return "internet";
    case FindingClass::Rejected:
        return "rejected";
    }
    return "internet";
}

bool isPrivatePathClass(FindingClass c)
{
    return c == FindingClass::GatewayEndpoint || c == FindingClass::InterfaceEndpoint ||
           c == FindingClass::CrossVpc || c == FindingClass::Hairpin;
}

std::string Finding::sourceName() const
{
    if (!vmId.empty())
        return vmId;
    if (!eniId.empty() && sourceAddr.empty())
        return eniId;
    return sourceAddr;
}

std::string Finding::destinationName() const
{
    const Owner &o = owner;
    if (findingClass == FindingClass::CrossVpc || findingClass == FindingClass::Hairpin)
        return orText(o.resourceId, "own address") +
               (o.vpcId.empty() ? std::string() : " (" + o.vpcId + ")");
    if (o.kind == OwnerKind::Provider &&
        (!o.provider.empty() || !o.service.empty() || !o.label.empty())) {
        std::string name = orText(o.provider, "listed range");
        name += " " + orText(o.service, "(service unknown)");
        if (!o.region.empty())
            name += " " + o.region;
        return name;
    }
    return "Internet";
}

struct FlowAnalyzer::State
{
    const Ownership &ownership;
    AnalyzerOptions options;
    std::vector<bool> listening = std::vector<bool>(65536, false);
    StringIds enis, vms, vpcs, regions, services;
    DenseTable<FlowKey, Flow> flows;
    DenseTable<PortKey, PortSeen> ports; // rule 3: ports learnt per ENI
    DenseTable<V6Key, Nothing> v6;       // IPv6 addresses of flow keys
    DenseTable<ContextKey, Nothing> contexts;
    std::vector<Rejects> rejects;
    std::vector<CoverageGap> gaps;
    std::uint64_t ok = 0, noData = 0, skipData = 0, privateRecords = 0, unknownDirection = 0;

    // Above the budget, the flow and port tables go to disk partitioned by
    // ENI (a flow's service ports are learnt on its ENI: both land in the
    // same partition) and memory starts over; finish() then judges one
    // partition at a time. Interned strings and contexts stay: they grow
    // with instances, not with traffic.
    std::unique_ptr<SpillFiles> spilledFlows, spilledPorts;
    std::uint32_t spillRound = 0;
    std::uint64_t spilledFlowCount = 0;
    std::string spillProblem; // why the flow state could not go to disk

    State(const Ownership &o, AnalyzerOptions opts) : ownership(o), options(std::move(opts))
    {
        for (const std::uint16_t port : options.listeningPorts)
            listening[port] = true;
        contexts.findOrInsert(ContextKey{}); // context 0: nothing known
    }

    // A flow key's form of an address: IPv4 as is, IPv6 as its id.
    std::uint32_t compactAddress(const IpAddress &ip, std::uint8_t &v6Ids, std::uint8_t bit)
    {
        if (ip.isV4())
            return std::uint32_t(ip.value);
        v6Ids |= bit;
        return v6.findOrInsert(V6Key{std::uint64_t(ip.value >> 64), std::uint64_t(ip.value)});
    }
    Uint128 address(std::uint32_t value, bool isV6Id) const
    {
        if (!isV6Id)
            return (Uint128(0xFFFF) << 32) | value;
        const V6Key &k = v6.at(value).key;
        return (Uint128(k.high) << 64) | k.low;
    }
    Uint128 localAddress(const FlowKey &key) const { return address(key.local, key.v6Ids & 1); }
    Uint128 remoteAddress(const FlowKey &key) const { return address(key.remote, key.v6Ids & 2); }

    // Rule 3's "service port" on this ENI: below 1024, given by the user, or
    // the destination port of accepted inbound records from more than one
    // peer port (clients pick random ports; a reply to our own ephemeral
    // port always comes from the same service port) or with a bare SYN.
    bool localServicePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t port) const
    {
        if (port < 1024 || listening[port])
            return true;
        const std::uint32_t at = ports.find(PortKey{eni, port, protocol, 0});
        return at != ports.kNone && ports.at(at).value.listening;
    }
    bool remoteServicePort(std::uint16_t port) const { return port < 1024 || listening[port]; }

    void notePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t localPort,
                  std::uint16_t remotePort, int tcpFlags)
    {
        if (localPort < 1024 || listening[localPort])
            return; // a service port whatever was seen: not worth an entry
        PortSeen &seen = ports[PortKey{eni, localPort, protocol, 0}];
        if (seen.listening)
            return;
        if (tcpFlags >= 0 && (tcpFlags & kSynAck) == kSyn)
            seen.listening = true;
        else if (seen.firstRemotePort == 0)
            seen.firstRemotePort = remotePort;
        else if (seen.firstRemotePort != remotePort)
            seen.listening = true;
    }

    std::size_t memoryBytes() const
    {
        return flows.memoryBytes() + ports.memoryBytes() + v6.memoryBytes() +
               rejects.capacity() * sizeof(Rejects);
    }

    // Every record: memoryBytes() is a few multiplications.
    void checkBudget()
    {
        if (spillProblem.empty() && memoryBytes() > options.memoryBudget)
            spill();
    }

    static std::size_t partitionOf(std::uint32_t eni)
    {
        std::uint64_t h = eni * 0x9E3779B97F4A7C15ULL;
        return std::size_t((h ^ (h >> 29)) % kSpillPartitions);
    }

    // Everything in the tables to disk; the tables start over. When the
    // disk refuses, the state stays in memory from then on (and the report
    // says so).
    void spill()
    {
        const bool firstRound = !spilledFlows;
        if (firstRound) {
            spilledFlows = std::make_unique<SpillFiles>(kSpillPartitions);
            spilledPorts = std::make_unique<SpillFiles>(kSpillPartitions);
        }
        for (std::uint32_t i = 0; i < flows.size(); ++i) {
            const FlowKey &k = flows.at(i).key;
            const Flow &f = flows.at(i).value;
            SpilledFlow r;
            r.order = (std::uint64_t(spillRound) << 32) | i;
            const Uint128 local = localAddress(k);
            const Uint128 remote = remoteAddress(k);
            r.localHigh = std::uint64_t(local >> 64);
            r.localLow = std::uint64_t(local);
            r.remoteHigh = std::uint64_t(remote >> 64);
            r.remoteLow = std::uint64_t(remote);
            r.v6 = k.v6Ids;
            r.outPackets = f.outPackets;
            r.outBytes = f.outBytes;
            if (f.rejects != 0) {
                const Rejects &rej = rejects[f.rejects - 1];
                r.rejectPackets = rej.packets;
                r.rejectBytes = rej.bytes;
                r.rejectRecords = rej.records;
            }
            r.firstOut = f.firstOut;
            r.lastOut = f.lastOut;
            r.firstIn = f.firstIn;
            r.samples = f.samples;
            r.eni = k.eni;
            r.outRecords = f.outRecords;
            r.context = f.context;
            r.owner = f.owner;
            r.localPort = k.localPort;
            r.remotePort = k.remotePort;
            r.protocol = k.protocol;
            r.flags = f.flags;
            r.sampleCount = f.sampleCount;
            spilledFlows->write(partitionOf(k.eni), &r, sizeof r);
        }
        for (std::uint32_t i = 0; i < ports.size(); ++i) {
            const PortKey &k = ports.at(i).key;
            const PortSeen &seen = ports.at(i).value;
            SpilledPort r;
            r.eni = k.eni;
            r.port = k.port;
            r.protocol = k.protocol;
            r.firstRemotePort = seen.firstRemotePort;
            r.listening = seen.listening;
            spilledPorts->write(partitionOf(k.eni), &r, sizeof r);
        }
        spillProblem =
            !spilledFlows->error().empty() ? spilledFlows->error() : spilledPorts->error();
        if (!spillProblem.empty()) {
            if (firstRound) { // nothing on disk: all of it stays in memory
                spilledFlows.reset();
                spilledPorts.reset();
            }
            return;
        }
        spilledFlowCount += flows.size();
        ++spillRound;
        clearTables();
    }

    void clearTables()
    {
        flows = {};
        ports = {};
        v6 = {};
        rejects = {};
    }

    // One partition back into the tables, each flow merged from its rounds;
    // orders[i]: the first-seen rank of flow i. False on a read error.
    bool loadPartition(std::size_t partition, std::vector<std::uint64_t> &orders)
    {
        clearTables();
        orders.clear();
        if (!spilledFlows->rewind(partition) || !spilledPorts->rewind(partition))
            return false;
        SpilledFlow r;
        while (spilledFlows->read(partition, &r, sizeof r)) {
            FlowKey key;
            key.eni = r.eni;
            key.local =
                compactAddress(IpAddress{(Uint128(r.localHigh) << 64) | r.localLow}, key.v6Ids, 1);
            key.remote = compactAddress(IpAddress{(Uint128(r.remoteHigh) << 64) | r.remoteLow},
                                        key.v6Ids, 2);
            key.localPort = r.localPort;
            key.remotePort = r.remotePort;
            key.protocol = r.protocol;
            bool fresh = false;
            const std::uint32_t at = flows.findOrInsert(key, &fresh);
            if (fresh)
                orders.push_back(r.order);
            orders[at] = std::min(orders[at], r.order);
            mergeInto(flows.at(at).value, r);
        }
        SpilledPort p;
        while (spilledPorts->read(partition, &p, sizeof p)) {
            PortSeen &seen = ports[PortKey{p.eni, p.port, p.protocol, 0}];
            if (p.listening || seen.listening)
                seen.listening = true;
            else if (seen.firstRemotePort == 0)
                seen.firstRemotePort = p.firstRemotePort;
            else if (p.firstRemotePort != 0 && p.firstRemotePort != seen.firstRemotePort)
                seen.listening = true; // two peer ports: as notePort() would have seen them
        }
        spilledFlows->drop(partition);
        spilledPorts->drop(partition);
        return spilledFlows->error().empty() && spilledPorts->error().empty();
    }

    // A flow's counters from another round: sums, extremes and flags; the
    // owner, context and samples of whichever saw the first outbound record.
    void mergeInto(Flow &f, const SpilledFlow &r)
    {
        f.outPackets += r.outPackets;
        f.outBytes += r.outBytes;
        f.outRecords += r.outRecords;
        f.firstOut = std::min(f.firstOut, r.firstOut);
        f.lastOut = std::max(f.lastOut, r.lastOut);
        f.firstIn = std::min(f.firstIn, r.firstIn);
        f.flags |= r.flags;
        if (r.rejectRecords != 0 || r.rejectPackets != 0 || r.rejectBytes != 0) {
            if (f.rejects == 0) {
                rejects.emplace_back();
                f.rejects = std::uint32_t(rejects.size());
            }
            Rejects &rej = rejects[f.rejects - 1];
            rej.packets += r.rejectPackets;
            rej.bytes += r.rejectBytes;
            rej.records += r.rejectRecords;
        }
        if (r.owner != -2 && (f.owner == -2 || (r.sampleCount > 0 && f.sampleCount > 0 &&
                                                r.samples[0] < f.samples[0]))) {
            f.owner = r.owner;
            f.context = r.context;
        }
        // Both lists are in record order: merged, the first 3 stay.
        std::array<Sample, 3> merged{};
        std::size_t a = 0, b = 0, n = 0;
        while (n < merged.size() && (a < f.sampleCount || b < r.sampleCount)) {
            const bool fromF =
                b >= r.sampleCount || (a < f.sampleCount && f.samples[a] < r.samples[b]);
            merged[n++] = fromF ? f.samples[a++] : r.samples[b++];
        }
        f.samples = merged;
        f.sampleCount = std::uint8_t(n);
    }

    Decision decide(const FlowKey &key, const Flow &f) const
    {
        const bool hasIn = (f.flags & HasIn) != 0;
        const bool peerFirst = hasIn && f.firstIn < f.firstOut;
        if (key.protocol == kIcmp || key.protocol == kIcmpV6) {
            if (peerFirst)
                return {false, true, Rule::IcmpReply};
            return {true, !hasIn || f.firstIn > f.firstOut, Rule::IcmpRequest};
        }
        if (key.protocol == kTcp) {
            if (f.flags & OutSynAck)
                return {false, true, Rule::OutboundSynAck};
            if (f.flags & OutSyn)
                return {true, true, Rule::OutboundSyn};
            if (f.flags & InSynAck)
                return {true, true, Rule::InboundSynAck};
        }
        if (peerFirst)
            return {false, true, Rule::PeerFirst};
        if ((f.flags & HasPorts) && (key.protocol == kTcp || key.protocol == kUdp)) {
            const bool localService = localServicePort(key.eni, key.protocol, key.localPort);
            const bool remoteService = remoteServicePort(key.remotePort);
            if (localService && !remoteService)
                return {false, true, Rule::FromServicePort};
            if (!localService && remoteService)
                return {true, true, Rule::ToServicePort};
            return {true, false, Rule::AmbiguousPorts};
        }
        if ((f.flags & Aggregated) && (key.protocol == kTcp || key.protocol == kUdp)) {
            // Rows of `flowlog query`'s result: the query kept them (it drops
            // SYN-ACKs and records from a service port to an ephemeral one),
            // so they are requests. To a service port, the source port was
            // ephemeral unless both were service ports (rare): high.
            return {true, remoteServicePort(key.remotePort), Rule::QueryPortRule};
        }
        return {true, false, Rule::NoEvidence};
    }
};

FlowAnalyzer::FlowAnalyzer(const Ownership &ownership, AnalyzerOptions options)
    : d(std::make_unique<State>(ownership, std::move(options)))
{}

FlowAnalyzer::~FlowAnalyzer() = default;

std::size_t FlowAnalyzer::flowCount() const
{
    // At most: a flow seen in several rounds counts in each.
    return d->flows.size() + d->spilledFlowCount;
}

void FlowAnalyzer::add(const FlowRecord &r, std::uint32_t file, std::uint64_t line)
{
    d->checkBudget();
    if (r.status == LogStatus::NoData) {
        ++d->noData;
        return;
    }
    if (r.status == LogStatus::SkipData) {
        ++d->skipData;
        if (d->gaps.size() < kMaxGaps)
            d->gaps.push_back({std::string(r.eniId), r.start, r.end,
                               std::to_string(file) + ":" + std::to_string(line)});
        return;
    }
    d->ok += r.records; // a query's row: its records
    if (!r.hasAddresses)
        return;
    const Ownership &own = d->ownership;
    const bool srcSpecial = own.isSpecial(r.src);
    const bool dstSpecial = own.isSpecial(r.dst);
    Direction direction = r.direction;
    if (direction == Direction::Unknown) {
        if (srcSpecial != dstSpecial) {
            direction = srcSpecial ? Direction::Out : Direction::In;
        } else {
            d->unknownDirection += r.records;
            return;
        }
    }
    bool outbound = direction == Direction::Out;
    bool transit = false;
    // On a NAT gateway's vSwitch, ECS -> NAT is "in" with the ECS as source
    // and the public peer as destination: outbound traffic of that ECS.
    if (direction == Direction::In && srcSpecial && !dstSpecial) {
        outbound = true;
        transit = true;
    } else if (direction == Direction::Out && !srcSpecial && dstSpecial) {
        outbound = false;
        transit = true;
    }
    const auto protocol = std::uint8_t(r.protocol);
    const std::uint32_t eni = d->enis.intern(r.eniId);
    const std::uint16_t localPort = outbound ? r.srcPort : r.dstPort;
    const std::uint16_t remotePort = outbound ? r.dstPort : r.srcPort;
    if (!outbound && r.action == Action::Accept && r.hasPorts &&
        (protocol == kTcp || protocol == kUdp))
        d->notePort(eni, protocol, localPort, remotePort, r.tcpFlags);
    if (outbound ? dstSpecial : srcSpecial) {
        d->privateRecords += r.records;
        return;
    }
    FlowKey key;
    key.eni = eni;
    key.local = d->compactAddress(outbound ? r.src : r.dst, key.v6Ids, 1);
    key.remote = d->compactAddress(outbound ? r.dst : r.src, key.v6Ids, 2);
    key.localPort = localPort;
    key.remotePort = remotePort;
    key.protocol = protocol;
    Flow &f = d->flows[key];
    // A query's row has the destination port only: rule 3 needs both, and
    // the query has applied its own port rule (see decide()).
    if (r.aggregated && r.hasPorts)
        f.flags |= Aggregated;
    else if (r.hasPorts)
        f.flags |= HasPorts;
    if (transit)
        f.flags |= Transit;
    const int flags = r.tcpFlags < 0 ? 0 : r.tcpFlags;
    if (!outbound) {
        if (r.action != Action::Reject) {
            if (r.records != 0)
                f.flags |= HasIn;
            f.firstIn = std::min(f.firstIn, r.start);
            if (protocol == kTcp && (flags & kSynAck) == kSynAck)
                f.flags |= InSynAck;
        }
        return;
    }
    if (r.action == Action::Reject) {
        if (f.rejects == 0) {
            d->rejects.emplace_back();
            f.rejects = std::uint32_t(d->rejects.size());
        }
        Rejects &rej = d->rejects[f.rejects - 1];
        rej.records += r.records;
        rej.packets += r.packets;
        rej.bytes += r.bytes;
    } else {
        // 32 bits per flow (memory); a query's row could carry more.
        f.outRecords = std::uint32_t(
            std::min<std::uint64_t>(std::uint64_t(f.outRecords) + r.records, 0xFFFFFFFFu));
        f.outPackets += r.packets;
        f.outBytes += r.bytes;
        if (protocol == kTcp && (flags & kSynAck) == kSynAck)
            f.flags |= OutSynAck;
        else if (protocol == kTcp && (flags & kSynAck) == kSyn)
            f.flags |= OutSyn;
    }
    f.firstOut = std::min(f.firstOut, r.start);
    f.lastOut = std::max(f.lastOut, std::max(r.end, r.start));
    if (f.owner == -2) {
        f.owner = own.lookupIndex(r.dst);
        ContextKey context;
        if (!transit) {
            context.vm = d->vms.intern(r.vmId);
            context.vpc = d->vpcs.intern(r.vpcId);
        }
        context.region = d->regions.intern(r.region);
        context.service = d->services.intern(r.dstService);
        f.context = d->contexts.findOrInsert(context);
    }
    if (f.sampleCount < f.samples.size())
        f.samples[f.sampleCount++] =
            (Sample(file) << kSampleLineBits) | (line & ((Sample(1) << kSampleLineBits) - 1));
}

FlowReport FlowAnalyzer::finish(const ReadStats &stats)
{
    FlowReport report;
    report.files = stats.files;
    report.fileErrors = stats.fileErrors;
    report.lines = stats.lines;
    report.records = stats.records;
    report.malformed = stats.malformed;
    for (const Malformed &m : stats.malformedSamples)
        report.malformedSamples.push_back(stats.files[m.file] + ":" + std::to_string(m.line) +
                                          ": " + m.reason);
    report.ok = d->ok;
    report.noData = d->noData;
    report.skipData = d->skipData;
    report.gaps = d->gaps;
    for (CoverageGap &gap : report.gaps) {
        const std::size_t colon = gap.location.find(':');
        const std::size_t file = std::stoul(gap.location.substr(0, colon));
        gap.location = stats.files[file] + gap.location.substr(colon);
    }
    report.privateDestinationRecords = d->privateRecords;
    report.unknownDirectionRecords = d->unknownDirection;

    const Ownership &own = d->ownership;
    // Looked up once per flow: hashed; sorted once at the end for the
    // output's order. A finding's index in the table is its index in
    // tallies and texts.
    DenseTable<FindingKey, Nothing> findingKeys;
    std::vector<FindingTally> tallies;
    // A deque: a Finding is large and their number unknown until the end;
    // a vector's doubling would hold up to twice as many.
    std::deque<Finding> texts;
    std::map<std::string, InstanceTotals> instances;
    const auto location = [&stats](Sample s) {
        return stats.files[std::size_t(s >> kSampleLineBits)] + ":" +
               std::to_string(s & ((Sample(1) << kSampleLineBits) - 1));
    };
    RuleCounts responseRules;
    // Distinct destination addresses per finding: (finding, remote) pairs.
    DenseTable<AddrPairKey, Nothing> addrPairs;

    const auto contribute = [&](const FlowKey &key, const Flow &f, std::uint64_t order,
                                FindingClass cls, const Decision &decision, std::uint64_t records,
                                std::uint64_t packets, std::uint64_t bytes) {
        const ContextKey &c = d->contexts.at(f.context).key;
        const Uint128 local = d->localAddress(key);
        FindingKey fk{};
        fk.cls = cls;
        fk.protocol = key.protocol;
        fk.port = key.remotePort;
        const Owner *localOwner = nullptr;
        if (c.vm != 0) {
            fk.sourceKind = 1;
            fk.sourceId = c.vm;
        } else if ((localOwner = own.lookupInventory(IpAddress{local}))) {
            fk.sourceKind = 3;
            fk.sourceAddr = local;
        } else if (!(f.flags & Transit) && key.eni != 0) {
            fk.sourceKind = 2;
            fk.sourceId = key.eni;
        } else {
            fk.sourceKind = 3;
            fk.sourceAddr = local;
        }
        fk.vpc = c.vpc;
        const bool hinted = f.owner < 0 && c.service != 0;
        fk.ownerKey = hinted ? (std::int64_t(1) << 40) + c.service
                             : (cls == FindingClass::Internet ? -1 : f.owner);
        bool isNew = false;
        const std::uint32_t index = findingKeys.findOrInsert(fk, &isNew);
        if (isNew) {
            tallies.emplace_back();
            texts.emplace_back();
        }
        FindingTally &t = tallies[index];
        if (order < t.firstOrder) { // the finding's first flow says who and where
            t.firstOrder = order;
            Finding &x = texts[index];
            x.findingClass = cls;
            x.protocol = key.protocol;
            x.port = key.remotePort;
            x.vmId = d->vms.text(c.vm);
            x.vpcId = d->vpcs.text(c.vpc);
            x.region = d->regions.text(c.region);
            if (fk.sourceKind != 3)
                x.eniId = d->enis.text(key.eni);
            else
                x.sourceAddr = ipAddressText(IpAddress{local});
            if (localOwner && x.vmId.empty()) {
                x.vmId = localOwner->resourceId;
                if (x.vpcId.empty())
                    x.vpcId = localOwner->vpcId;
            }
            if (hinted) {
                x.owner.kind = OwnerKind::Provider;
                x.owner.provider = "aws";
                x.owner.service = d->services.text(c.service);
                x.owner.label = "pkt-dst-aws-service";
            } else if (f.owner >= 0) {
                x.owner = own.owner(f.owner);
            }
        }
        ++t.flows;
        t.records += records;
        t.packets += packets;
        t.bytes += bytes;
        t.firstSeen = std::min(t.firstSeen, f.firstOut);
        t.lastSeen = std::max(t.lastSeen, f.lastOut);
        if (!decision.high)
            ++t.lowFlows;
        t.rules.add(decision.rule);
        const Uint128 remote = d->remoteAddress(key);
        if (t.addrs < kMaxDistinctAddrs) {
            bool added = false;
            addrPairs.findOrInsert(
                AddrPairKey{index, 0, std::uint64_t(remote >> 64), std::uint64_t(remote)}, &added);
            if (added)
                ++t.addrs;
        }
        t.addrSamples.offer(order, remote);
        for (std::size_t i = 0; i < f.sampleCount; ++i)
            t.samples.offer(order * 4 + i, f.samples[i]);
    };

    // Every flow in the tables; orders: each flow's first-seen rank (null:
    // the table's own order, first seen first).
    const auto judgeFlows = [&](const std::vector<std::uint64_t> *orders) {
        for (std::uint32_t i = 0; i < d->flows.size(); ++i) {
            const FlowKey &key = d->flows.at(i).key;
            const Flow &f = d->flows.at(i).value;
            const std::uint64_t order = orders ? (*orders)[i] : i;
            if (f.rejects != 0 && d->rejects[f.rejects - 1].records > 0) {
                const Rejects &rej = d->rejects[f.rejects - 1];
                ++report.rejectedFlows;
                contribute(key, f, order, FindingClass::Rejected,
                           {true, true, Rule::OutboundReject}, rej.records, rej.packets, rej.bytes);
            }
            if (f.outRecords == 0)
                continue;
            const Decision decision = d->decide(key, f);
            if (!decision.request) {
                ++report.responseFlows;
                report.responseBytes += f.outBytes;
                responseRules.add(decision.rule);
                continue;
            }
            ++report.requestFlows;
            FindingClass cls = FindingClass::Internet;
            const Owner *owner = f.owner >= 0 ? &own.owner(f.owner) : nullptr;
            if (owner && owner->kind == OwnerKind::Inventory) {
                const std::string_view sourceVpc = d->vpcs.name(d->contexts.at(f.context).key.vpc);
                cls = !owner->vpcId.empty() && owner->vpcId == sourceVpc ? FindingClass::Hairpin
                                                                         : FindingClass::CrossVpc;
            } else if (owner && owner->kind == OwnerKind::Provider) {
                cls = isGatewayEndpointService(owner->service) ? FindingClass::GatewayEndpoint
                                                               : FindingClass::InterfaceEndpoint;
            } else if (const std::uint32_t service = d->contexts.at(f.context).key.service;
                       service != 0) {
                cls = isGatewayEndpointService(d->services.name(service))
                          ? FindingClass::GatewayEndpoint
                          : FindingClass::InterfaceEndpoint;
            }
            contribute(key, f, order, cls, decision, f.outRecords, f.outPackets, f.outBytes);
        }
    };
    if (!d->spilledFlows) {
        report.flows = d->flows.size();
        judgeFlows(nullptr);
    } else {
        if (d->spillProblem.empty())
            d->spill(); // the last round too: every flow is judged from its partition
        if (!d->spillProblem.empty()) {
            // The disk failed after earlier rounds went there: what is still
            // in memory is judged on its own, so a flow split between the two
            // counts twice. Said in the report.
            report.flows += d->flows.size();
            judgeFlows(nullptr);
        }
        std::vector<std::uint64_t> orders;
        for (std::size_t p = 0; p < kSpillPartitions; ++p) {
            if (!d->loadPartition(p, orders)) {
                d->spillProblem = !d->spilledFlows->error().empty() ? d->spilledFlows->error()
                                                                    : d->spilledPorts->error();
                if (d->spillProblem.empty()) // never silent: the report would lack flows
                    d->spillProblem = "cannot read back a spill file";
                break;
            }
            report.flows += d->flows.size();
            judgeFlows(&orders);
        }
        report.spilledBytes = d->spilledFlows->bytesWritten() + d->spilledPorts->bytesWritten();
    }
    if (!d->spillProblem.empty())
        report.fileErrors.push_back(
            "flow state beyond the memory budget could not go to temporary files (" +
            d->spillProblem +
            (d->spilledFlows ? "): the report may be incomplete or count some flows twice"
                             : "): it stayed in memory"));
    // The flows are judged: their tables go before the findings are copied
    // out, so the peak holds one of the two.
    addrPairs = {};
    d->clearTables();
    responseRules.addTo(report.responseRules);
    report.findings.reserve(tallies.size());

    std::vector<std::pair<FindingKey, std::uint32_t>> ordered;
    ordered.reserve(findingKeys.size());
    for (std::uint32_t i = 0; i < findingKeys.size(); ++i)
        ordered.emplace_back(findingKeys.at(i).key, i);
    findingKeys = {};
    // An instance's VPC is that of its first finding in key order with one.
    std::sort(ordered.begin(), ordered.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[key, index] : ordered) {
        const Finding &x = texts[index];
        const std::string source = x.sourceName();
        InstanceTotals &it = instances[source];
        it.source = source;
        if (it.vpcId.empty())
            it.vpcId = x.vpcId;
    }
    // The output's order, by bytes then by key, sorted here on the keys: a
    // Finding is some 700 bytes of strings, and sorting the findings
    // themselves moved each of them a dozen times.
    std::stable_sort(ordered.begin(), ordered.end(), [&tallies](const auto &a, const auto &b) {
        return tallies[a.second].bytes > tallies[b.second].bytes;
    });
    for (const auto &[key, index] : ordered) {
        const FindingTally &t = tallies[index];
        Finding &x = texts[index];
        x.flows = t.flows;
        x.records = t.records;
        x.packets = t.packets;
        x.bytes = t.bytes;
        x.firstSeen = t.firstSeen;
        x.lastSeen = t.lastSeen;
        x.addrs = t.addrs;
        t.rules.addTo(x.rules);
        for (std::size_t i = 0; i < t.samples.size; ++i)
            x.samples.push_back(location(t.samples.items[i].second));
        for (std::size_t i = 0; i < t.addrSamples.size; ++i)
            x.sampleAddrs.push_back(ipAddressText(IpAddress{t.addrSamples.items[i].second}));
        x.highConfidence = t.lowFlows == 0;
        x.recommendation = recommendationText(x, false).toStdString();
        ClassTotals &totals = report.classes[std::size_t(x.findingClass)];
        ++totals.findings;
        totals.flows += x.flows;
        totals.records += x.records;
        totals.bytes += x.bytes;
        InstanceTotals &it = instances[x.sourceName()];
        it.bytesByClass[std::size_t(x.findingClass)] += x.bytes;
        if (isPrivatePathClass(x.findingClass)) {
            it.privatePathBytes += x.bytes;
            report.privatePathBytes += x.bytes;
        } else if (x.findingClass == FindingClass::Internet) {
            it.internetBytes += x.bytes;
        } else {
            it.rejectedRecords += x.records;
        }
        report.findings.push_back(std::move(x));
    }
    for (auto &[name, totals] : instances)
        report.instances.push_back(std::move(totals));
    std::stable_sort(report.instances.begin(), report.instances.end(),
                     [](const InstanceTotals &a, const InstanceTotals &b) {
                         return std::tie(a.privatePathBytes, a.internetBytes) >
                                std::tie(b.privatePathBytes, b.internetBytes);
                     });
    return report;
}

} // namespace pl::flowlog
