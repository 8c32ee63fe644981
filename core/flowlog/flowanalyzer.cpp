#include "flowanalyzer.h"

#include "flowshard.h"
#include "recommendation.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <map>
#include <system_error>
#include <thread>
#include <tuple>

namespace pl::flowlog {

namespace {

constexpr std::size_t kMaxDistinctAddrs = 100000;
// Spill files of a table (flows, ports), shared out between the shards: at
// most 64 whatever their number (each is a file descriptor).
constexpr std::size_t kSpillPartitions = 64;

// Flows per deciding rule: a fixed array, no allocation per finding.
struct RuleCounts
{
    std::array<std::uint64_t, kRuleCount> counts{};

    void add(Rule rule) { ++counts[std::size_t(rule)]; }
    void add(const RuleCounts &other)
    {
        for (std::size_t i = 0; i < kRuleCount; ++i)
            counts[i] += other.counts[i];
    }
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
    // 128 bits: a flow's order (file << 40 | line) and a sample's index.
    std::array<std::pair<Uint128, Value>, 3> items{};
    std::size_t size = 0;

    // Keeps (order, value) if it is among the 3 smallest orders; a value
    // already kept moves to the smaller of its two orders.
    void offer(Uint128 order, const Value &value)
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

// Who and where a finding's first flow says, as the shard's IDs: the texts
// (a Finding, some 700 bytes of strings) are made from it once every flow
// is judged, so that the findings of a large log do not hold them while the
// shards' tables are still there.
struct FirstFlow
{
    Uint128 local = 0;                 // the source address, when it names the source
    const Owner *localOwner = nullptr; // the inventory's entry for it
    std::int32_t owner = -1;           // Ownership::owner() index
    std::uint32_t shard = 0, vm = 0, vpc = 0, region = 0, eni = 0, service = 0;
    FindingClass cls = FindingClass::Internet;
    std::uint16_t port = 0;
    std::uint8_t protocol = 0;
    bool byAddress = false; // no instance or ENI names the source
    bool hinted = false;    // pkt-dst-aws-service names the destination
};

// What every flow adds to its finding. Flows come in no order of findings,
// and the per-flow path touches these few cache lines only.
struct FindingTally
{
    std::uint64_t flows = 0, records = 0, packets = 0, bytes = 0;
    std::uint64_t packetsIn = 0, bytesIn = 0;
    std::uint64_t queryFlows = 0; // made of a query's rows without their answers
    std::int64_t firstSeen = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastSeen = std::numeric_limits<std::int64_t>::min();
    std::uint64_t lowFlows = 0;
    std::uint64_t addrs = 0; // distinct, counted up to kMaxDistinctAddrs
    std::uint64_t firstOrder = std::numeric_limits<std::uint64_t>::max();
    FirstFlow first;          // of the flow of firstOrder
    Earliest<Sample> samples; // order: flow order << 2 | the sample's index
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

// The report's counts of the judged flows, under FlowReport's names.
struct Counts
{
    std::uint64_t flows = 0, requestFlows = 0, responseFlows = 0, rejectedFlows = 0;
    std::uint64_t responseBytes = 0, alreadyPrivateFlows = 0, alreadyPrivateBytes = 0;
    std::uint64_t natCopyFlows = 0, natCopyBytes = 0, spilledBytes = 0;
};

// Adds counts to another shard's Counts or to the report (the same names).
template <typename Into>
void addCounts(Into &into, const Counts &from)
{
    into.flows += from.flows;
    into.requestFlows += from.requestFlows;
    into.responseFlows += from.responseFlows;
    into.rejectedFlows += from.rejectedFlows;
    addSaturating(into.responseBytes, from.responseBytes);
    into.alreadyPrivateFlows += from.alreadyPrivateFlows;
    addSaturating(into.alreadyPrivateBytes, from.alreadyPrivateBytes);
    into.natCopyFlows += from.natCopyFlows;
    addSaturating(into.natCopyBytes, from.natCopyBytes);
    into.spilledBytes += from.spilledBytes;
}

// What judging one shard's flows adds up: its findings (keyed, tallied)
// with their destination addresses, and the counts. A finding's index in
// the table is its index in tallies.
struct Partial
{
    // Looked up once per flow: hashed; sorted once at the end for the
    // output's order.
    DenseTable<FindingKey, Nothing> findingKeys;
    ChunkedArray<FindingTally> tallies;
    // Distinct destination addresses per finding: (finding, remote) pairs.
    DenseTable<AddrPairKey, Nothing> addrPairs;
    RuleCounts responseRules;
    Counts counts;
    std::exception_ptr error; // thrown on the shard's thread (out of memory)
};

// Adds a tally of the same finding from another shard. The distinct
// addresses are counted by the caller, over both shards' addresses.
void mergeTally(FindingTally &into, const FindingTally &from)
{
    if (from.firstOrder < into.firstOrder)
        into.first = from.first;
    into.flows += from.flows;
    addSaturating(into.records, from.records);
    addSaturating(into.packets, from.packets);
    addSaturating(into.bytes, from.bytes);
    addSaturating(into.packetsIn, from.packetsIn);
    addSaturating(into.bytesIn, from.bytesIn);
    into.queryFlows += from.queryFlows;
    into.firstSeen = std::min(into.firstSeen, from.firstSeen);
    into.lastSeen = std::max(into.lastSeen, from.lastSeen);
    into.lowFlows += from.lowFlows;
    into.firstOrder = std::min(into.firstOrder, from.firstOrder);
    into.rules.add(from.rules);
    // Earliest keeps the smallest orders whatever the order of its offers.
    for (std::size_t i = 0; i < from.samples.size; ++i)
        into.samples.offer(from.samples.items[i].first, from.samples.items[i].second);
    for (std::size_t i = 0; i < from.addrSamples.size; ++i)
        into.addrSamples.offer(from.addrSamples.items[i].first, from.addrSamples.items[i].second);
}

// The shards' partials as one, merged in shard order. An instance's flows
// are in one shard (shards are by ENI), so most findings come from one
// partial and keep its count of addresses; a finding of several counts the
// union of theirs, capped as one shard would.
Partial mergePartials(std::vector<Partial> &parts)
{
    Partial merged = std::move(parts.front());
    std::vector<std::uint8_t> several(merged.tallies.size(), 0);    // from 2+ partials
    std::vector<std::vector<std::uint32_t>> toMerged(parts.size()); // per partial's index
    for (std::size_t k = 1; k < parts.size(); ++k) {
        Partial &p = parts[k];
        addCounts(merged.counts, p.counts);
        merged.responseRules.add(p.responseRules);
        toMerged[k].resize(p.tallies.size());
        for (std::uint32_t i = 0; i < p.findingKeys.size(); ++i) {
            bool isNew = false;
            const std::uint32_t at =
                merged.findingKeys.findOrInsert(p.findingKeys.at(i).key, &isNew);
            toMerged[k][i] = at;
            if (isNew) {
                merged.tallies.push_back(p.tallies[i]);
                several.push_back(0);
                continue;
            }
            several[at] = 1;
            mergeTally(merged.tallies[at], p.tallies[i]);
        }
        p.findingKeys = {};
        p.tallies = {};
    }
    if (std::find(several.begin(), several.end(), 1) != several.end()) {
        std::vector<std::uint64_t> distinct(merged.tallies.size(), 0);
        DenseTable<AddrPairKey, Nothing> unionPairs;
        const auto addPairs = [&](const DenseTable<AddrPairKey, Nothing> &pairs,
                                  const std::vector<std::uint32_t> *map) {
            for (std::uint32_t i = 0; i < pairs.size(); ++i) {
                AddrPairKey key = pairs.at(i).key;
                if (map)
                    key.finding = (*map)[key.finding];
                if (!several[key.finding] || distinct[key.finding] >= kMaxDistinctAddrs)
                    continue;
                bool added = false;
                unionPairs.findOrInsert(key, &added);
                if (added)
                    ++distinct[key.finding];
            }
        };
        addPairs(merged.addrPairs, nullptr);
        for (std::size_t k = 1; k < parts.size(); ++k)
            addPairs(parts[k].addrPairs, &toMerged[k]);
        for (std::size_t g = 0; g < several.size(); ++g) {
            if (several[g])
                merged.tallies[g].addrs = distinct[g];
        }
    }
    merged.addrPairs = {};
    for (Partial &p : parts)
        p.addrPairs = {};
    return merged;
}

// An address an ENI's own traffic leaves from, in its VPC (addresses repeat
// across VPCs): merged IDs.
struct VpcAddressKey
{
    std::uint32_t vpc = 0;
    std::uint32_t unused = 0;
    std::uint64_t high = 0, low = 0;
    friend bool operator==(const VpcAddressKey &a, const VpcAddressKey &b) = default;
};
constexpr std::uint32_t kMany = 0xFFFFFFFF; // an address on several ENIs (or VPCs)
// The VPC of an address's "any VPC" entry: its value is the VPC it was
// logged in, or kMany.
constexpr std::uint32_t kAnyVpc = 0xFFFFFFFF;

FindingClass classOfPath(ServicePath path)
{
    switch (path) {
    case ServicePath::Gateway:
        return FindingClass::GatewayEndpoint;
    case ServicePath::Interface:
        return FindingClass::InterfaceEndpoint;
    case ServicePath::None:
        break;
    }
    return FindingClass::Internet; // no endpoint: not a PrivateLink case
}

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

std::uint64_t Finding::totalBytes() const
{
    return bothWays(bytes, bytesIn);
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
    FlowShard::Budget budget;
    std::vector<std::unique_ptr<FlowShard>> shards;

    State(const Ownership &o, AnalyzerOptions opts, unsigned shardCount)
        : ownership(o), options(std::move(opts))
    {
        for (const std::uint16_t port : options.listeningPorts)
            listening[port] = true;
        shardCount = std::max(1u, shardCount);
        budget.bytes = options.memoryBudget;
        budget.shards = shardCount;
        const std::size_t partitions = std::max<std::size_t>(8, kSpillPartitions / shardCount);
        for (unsigned i = 0; i < shardCount; ++i)
            shards.push_back(std::make_unique<FlowShard>(ownership, listening, budget, partitions));
    }
};

namespace {

// IDs interned by shards on their own, numbered in the order of their
// text: maps[shard][local id] is the merged ID. The findings' order breaks
// ties on these IDs, so it must not hang on when a string was first
// interned: that moves with the number of shards and with spills (a flow
// back from disk takes its context from a later record).
std::vector<std::vector<std::uint32_t>>
mergedIds(const std::vector<std::unique_ptr<FlowShard>> &shards, StringIds FlowShard::*member)
{
    struct Named
    {
        std::string_view name;
        std::uint32_t shard, id;
    };
    std::vector<Named> all;
    std::vector<std::vector<std::uint32_t>> maps(shards.size());
    for (std::uint32_t s = 0; s < shards.size(); ++s) {
        const StringIds &ids = (*shards[s]).*member;
        maps[s].assign(ids.size() + 1, 0);
        for (std::uint32_t id = 1; id <= ids.size(); ++id)
            all.push_back({ids.name(id), s, id});
    }
    std::sort(all.begin(), all.end(),
              [](const Named &a, const Named &b) { return a.name < b.name; });
    std::uint32_t merged = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i == 0 || all[i].name != all[i - 1].name)
            ++merged;
        maps[all[i].shard][all[i].id] = merged;
    }
    return maps;
}

} // namespace

FlowAnalyzer::FlowAnalyzer(const Ownership &ownership, AnalyzerOptions options, unsigned shards)
    : d(std::make_unique<State>(ownership, std::move(options), shards))
{}

FlowAnalyzer::~FlowAnalyzer() = default;

unsigned FlowAnalyzer::shardCount() const
{
    return unsigned(d->shards.size());
}

std::size_t FlowAnalyzer::flowCount() const
{
    std::size_t n = 0;
    for (const auto &shard : d->shards)
        n += shard->flowCount();
    return n;
}

void FlowAnalyzer::add(const FlowRecord &record, std::uint32_t file, std::uint64_t line)
{
    d->shards.front()->add(record, file, line);
}

void FlowAnalyzer::add(unsigned shard, const FlowRecord &record, std::uint32_t file,
                       std::uint64_t line)
{
    d->shards[shard]->add(record, file, line);
}

FlowReport FlowAnalyzer::finish(const ReadStats &stats)
{
    FlowReport report;
    report.files = stats.files;
    report.awsFormats = stats.awsFormats;
    report.fileErrors = stats.fileErrors;
    for (const ReadStats::Note &note : stats.notes)
        report.notes.push_back(
            note.firstFile + ": " + note.problem +
            (note.moreFiles == 0 ? std::string()
                                 : " (and " + std::to_string(note.moreFiles) + " more file(s))"));
    if (stats.moreNotes > 0)
        report.notes.push_back(std::to_string(stats.moreNotes) + " more note(s)");
    report.lines = stats.lines;
    report.records = stats.records;
    report.malformed = stats.malformed;
    for (const Malformed &m : stats.malformedSamples)
        report.malformedSamples.push_back(stats.files[m.file] + ":" + std::to_string(m.line) +
                                          ": " + m.reason);
    const auto location = [&stats](Sample s) {
        return stats.files[std::size_t(s >> kSampleLineBits)] + ":" +
               std::to_string(s & ((Sample(1) << kSampleLineBits) - 1));
    };
    std::vector<std::pair<Sample, CoverageGap>> gaps;
    std::uint64_t queryInboundRows = 0;
    for (const auto &shard : d->shards) {
        queryInboundRows += shard->queryInboundRows;
        addSaturating(report.ok, shard->ok);
        report.noData += shard->noData;
        report.skipData += shard->skipData;
        addSaturating(report.privateDestinationRecords, shard->privateRecords);
        addSaturating(report.unknownDirectionRecords, shard->unknownDirection);
        gaps.insert(gaps.end(), shard->gaps.begin(), shard->gaps.end());
    }
    if (queryInboundRows > 0)
        report.notes.push_back(std::to_string(queryInboundRows) +
                               " row(s) of a query's result are inbound records: a query's "
                               "result holds outbound rows (flowlog query), so they decide no "
                               "flow");
    // Each shard kept its first gaps: the first of all are among them.
    std::sort(gaps.begin(), gaps.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    gaps.resize(std::min(gaps.size(), FlowShard::kMaxGaps));
    for (auto &[at, gap] : gaps) {
        gap.location = location(at);
        report.gaps.push_back(std::move(gap));
    }
    const auto vmIds = mergedIds(d->shards, &FlowShard::vms);
    const auto vpcIds = mergedIds(d->shards, &FlowShard::vpcs);
    const auto eniIds = mergedIds(d->shards, &FlowShard::enis);
    const auto serviceIds = mergedIds(d->shards, &FlowShard::services);

    // One connection through a NAT gateway is logged up to three times: on
    // the instance's ENI, on the NAT's ENI as transit (instance -> peer),
    // and on the NAT's ENI again as its translated leg (NAT -> peer). The
    // translated leg is always a copy; the transit one when the instance's
    // address is logged on its own ENI (it then holds the instance's ID):
    // in the NAT's VPC, or, with a central egress VPC (spokes reach its NAT
    // through a transit router), in the one other VPC that has the address.
    // An address of several other VPCs tells no instance: kept.
    DenseTable<VpcAddressKey, std::uint32_t> ownAddresses; // -> merged ENI (VPC for kAnyVpc)
    bool ownAddressesFull = false;
    const auto noteOwn = [&ownAddresses](const VpcAddressKey &key, std::uint32_t id) {
        bool fresh = false;
        std::uint32_t &seenOn = ownAddresses.at(ownAddresses.findOrInsert(key, &fresh)).value;
        seenOn = fresh || seenOn == id ? id : kMany;
    };
    for (std::uint32_t s = 0; s < d->shards.size(); ++s) {
        const FlowShard &shard = *d->shards[s];
        ownAddressesFull = ownAddressesFull || shard.localAddressesFull;
        for (std::uint32_t i = 0; i < shard.localAddresses.size(); ++i) {
            const EniAddressKey &k = shard.localAddresses.at(i).key;
            const std::uint32_t vpc = vpcIds[s][shard.eniVpc(k.eni)];
            noteOwn({vpc, 0, k.high, k.low}, eniIds[s][k.eni]);
            noteOwn({kAnyVpc, 0, k.high, k.low}, vpc);
        }
    }
    if (ownAddressesFull)
        report.notes.push_back("more than " + std::to_string(FlowShard::kMaxLocalAddresses) +
                               " instance addresses in one shard: a connection through a NAT "
                               "gateway from the others may be counted twice");
    const auto natCopy = [&](std::uint32_t shard, const FlowKey &key, const Flow &f) {
        const FlowShard &from = *d->shards[shard];
        if (!(f.flags & Transit))
            return from.forwards(key.eni);
        const Uint128 local = from.localAddress(key);
        const auto high = std::uint64_t(local >> 64), low = std::uint64_t(local);
        const std::uint32_t vpc = vpcIds[shard][from.eniVpc(key.eni)];
        if (const std::uint32_t at = ownAddresses.find({vpc, 0, high, low});
            at != ownAddresses.kNone)
            return ownAddresses.at(at).value != eniIds[shard][key.eni];
        const std::uint32_t any = ownAddresses.find({kAnyVpc, 0, high, low});
        return any != ownAddresses.kNone && ownAddresses.at(any).value != kMany;
    };

    const Ownership &own = d->ownership;
    // The record's pkt-dst-aws-service names the destination's service when
    // the ranges do not: no range, or an AWS range of any service.
    const auto hintedService = [&own](const FlowShard &from, const Flow &f, const ContextKey &c) {
        if (c.service == 0)
            return false;
        if (f.owner < 0)
            return true;
        const Owner &o = own.owner(f.owner);
        return o.kind == OwnerKind::Provider && isAnyService(o.service) &&
               !isAnyService(from.services.name(c.service));
    };

    const auto contribute = [&](Partial &p, std::uint32_t shard, const FlowKey &key, const Flow &f,
                                std::uint64_t order, FindingClass cls, const Decision &decision,
                                std::uint64_t records, std::uint64_t packets, std::uint64_t bytes) {
        const FlowShard &from = *d->shards[shard];
        const ContextKey &c = from.contexts.at(f.context).key;
        const Uint128 local = from.localAddress(key);
        FindingKey fk{};
        fk.cls = cls;
        fk.protocol = key.protocol;
        fk.port = key.remotePort;
        const Owner *localOwner = nullptr;
        if (c.vm != 0) {
            fk.sourceKind = 1;
            fk.sourceId = vmIds[shard][c.vm];
        } else if ((localOwner = own.lookupInventory(IpAddress{local}))) {
            fk.sourceKind = 3;
            fk.sourceAddr = local;
        } else if (!(f.flags & Transit) && key.eni != 0) {
            fk.sourceKind = 2;
            fk.sourceId = eniIds[shard][key.eni];
        } else {
            fk.sourceKind = 3;
            fk.sourceAddr = local;
        }
        fk.vpc = vpcIds[shard][c.vpc];
        const bool hinted = hintedService(from, f, c);
        fk.ownerKey =
            hinted ? (std::int64_t(1) << 40) + serviceIds[shard][c.service] : std::max(f.owner, -1);
        bool isNew = false;
        const std::uint32_t index = p.findingKeys.findOrInsert(fk, &isNew);
        if (isNew)
            p.tallies.emplace_back();
        FindingTally &t = p.tallies[index];
        if (order < t.firstOrder) { // the finding's first flow says who and where
            t.firstOrder = order;
            t.first = FirstFlow{.local = local,
                                .localOwner = localOwner,
                                .owner = f.owner,
                                .shard = shard,
                                .vm = c.vm,
                                .vpc = c.vpc,
                                .region = c.region,
                                .eni = key.eni,
                                .service = c.service,
                                .cls = cls,
                                .port = key.remotePort,
                                .protocol = key.protocol,
                                .byAddress = fk.sourceKind == 3,
                                .hinted = hinted};
        }
        ++t.flows;
        addSaturating(t.records, records);
        addSaturating(t.packets, packets);
        addSaturating(t.bytes, bytes);
        if (cls != FindingClass::Rejected) { // a rejected attempt got no answer
            addSaturating(t.packetsIn, f.inPackets);
            addSaturating(t.bytesIn, f.inBytes);
        }
        if (f.flags & FromQuery)
            ++t.queryFlows;
        t.firstSeen = std::min(t.firstSeen, f.firstOut);
        t.lastSeen = std::max(t.lastSeen, f.lastOut);
        if (!decision.high)
            ++t.lowFlows;
        t.rules.add(decision.rule);
        const Uint128 remote = from.remoteAddress(key);
        if (t.addrs < kMaxDistinctAddrs) {
            bool added = false;
            p.addrPairs.findOrInsert(
                AddrPairKey{index, 0, std::uint64_t(remote >> 64), std::uint64_t(remote)}, &added);
            if (added)
                ++t.addrs;
        }
        t.addrSamples.offer(order, remote);
        for (std::size_t i = 0; i < f.sampleCount; ++i)
            t.samples.offer(Uint128(order) << 2 | i, f.samples[i]);
    };

    // Every flow in a shard's tables.
    const auto judgeFlows = [&](Partial &p, std::uint32_t shard) {
        FlowShard &judged = *d->shards[shard];
        const FlowShard &from = judged;
        Counts &n = p.counts;
        for (std::uint32_t i = 0; i < from.flows.size(); ++i) {
            // Each flow is read once, in order: those judged go, so that the
            // findings grow as the flows leave (the peak was both).
            judged.flows.releaseBefore(i);
            const FlowKey &key = from.flows.at(i).key;
            const Flow &f = from.flows.at(i).value;
            // Outbound records to a public address, accepted or rejected (a
            // flow a scanner opened from outside is no such flow).
            const bool rejected = f.rejects != 0 && from.rejects[f.rejects - 1].records > 0;
            if (f.outRecords != 0 || rejected)
                ++n.flows;
            if (rejected) {
                const Rejects &rej = from.rejects[f.rejects - 1];
                ++n.rejectedFlows;
                contribute(p, shard, key, f, f.order, FindingClass::Rejected,
                           {true, true, Rule::OutboundReject}, rej.records, rej.packets, rej.bytes);
            }
            if (f.outRecords == 0)
                continue;
            Decision decision = from.decide(key, f);
            if (!decision.request) {
                ++n.responseFlows;
                addSaturating(n.responseBytes, f.outBytes);
                p.responseRules.add(decision.rule);
                continue;
            }
            // Requests only: a load balancer's ENI forwards too (client
            // addresses kept), and its copies are responses, said as such.
            if (natCopy(shard, key, f)) {
                ++n.natCopyFlows;
                addSaturating(n.natCopyBytes, f.outBytes);
                continue;
            }
            ++n.requestFlows;
            if (f.flags & AllViaEndpoint) {
                ++n.alreadyPrivateFlows;
                addSaturating(n.alreadyPrivateBytes, f.outBytes);
                continue;
            }
            FindingClass cls = FindingClass::Internet;
            const Owner *owner = f.owner >= 0 ? &own.owner(f.owner) : nullptr;
            const ContextKey &context = from.contexts.at(f.context).key;
            if (owner && owner->kind == OwnerKind::Inventory) {
                std::string_view sourceVpc = from.vpcs.name(context.vpc);
                if (sourceVpc.empty()) // AWS v2 and some SLS logs have no vpc-id
                    if (const Owner *self = own.lookupInventory(IpAddress{from.localAddress(key)}))
                        sourceVpc = self->vpcId;
                cls = !owner->vpcId.empty() && owner->vpcId == sourceVpc ? FindingClass::Hairpin
                                                                         : FindingClass::CrossVpc;
                // One of the two VPCs unknown: hairpin and cross-VPC cannot
                // be told apart, and the finding says it is a guess.
                if (sourceVpc.empty() || owner->vpcId.empty())
                    decision.high = false;
            } else if (hintedService(from, f, context)) {
                cls = classOfPath(servicePath(from.services.name(context.service)));
            } else if (owner && owner->kind == OwnerKind::Provider) {
                cls = classOfPath(servicePath(owner->service));
            }
            contribute(p, shard, key, f, f.order, cls, decision, f.outRecords, f.outPackets,
                       f.outBytes);
        }
    };
    // A shard's flows, from memory or partition by partition from disk.
    const auto judgeShard = [&](Partial &p, std::uint32_t s) {
        FlowShard &shard = *d->shards[s];
        if (shard.spilled()) {
            shard.spillRest(); // every flow is judged from its partition
            if (!shard.spillProblem.empty()) {
                // The disk failed after earlier rounds went there: what is
                // still in memory is judged on its own, so a flow split
                // between the two counts twice. Said in the report.
                judgeFlows(p, s);
            }
            for (std::size_t part = 0; part < shard.spillPartitions(); ++part) {
                if (!shard.loadPartition(part))
                    break;
                judgeFlows(p, s);
            }
            p.counts.spilledBytes += shard.spilledBytes();
        } else {
            judgeFlows(p, s);
        }
        // Judged: the tables go before the findings are copied out, so the
        // peak holds one of the two.
        shard.clearTables();
    };
    // Each shard on a thread of its own (the judging is some 60% of the
    // finish on large logs), then merged in shard order: the findings'
    // texts come from their first flow and the output is sorted, so the
    // report is the same for any number of shards.
    std::vector<Partial> partials(d->shards.size());
    {
        const auto judgeInto = [&](std::uint32_t s) {
            try {
                judgeShard(partials[s], s);
            } catch (...) {
                partials[s].error = std::current_exception();
            }
        };
        std::vector<std::thread> threads;
        std::vector<std::uint32_t> here{0}; // judged on this thread
        for (std::uint32_t s = 1; s < d->shards.size(); ++s) {
            try {
                threads.emplace_back(judgeInto, s);
            } catch (const std::system_error &) {
                here.push_back(s); // no thread to be had: judged here, in turn
            }
        }
        for (const std::uint32_t s : here)
            judgeInto(s);
        for (std::thread &t : threads)
            t.join();
    }
    std::string spillProblem;
    bool spilled = false;
    for (std::uint32_t s = 0; s < d->shards.size(); ++s) {
        if (partials[s].error)
            std::rethrow_exception(partials[s].error);
        const FlowShard &shard = *d->shards[s];
        if (spillProblem.empty() && !shard.spillProblem.empty()) {
            spillProblem = shard.spillProblem;
            spilled = shard.spilled();
        }
    }
    if (!spillProblem.empty())
        report.fileErrors.push_back(
            "flow state beyond the memory budget could not go to temporary files (" + spillProblem +
            (spilled ? "): the report may be incomplete or count some flows twice"
                     : "): it stayed in memory"));
    Partial merged = mergePartials(partials);
    addCounts(report, merged.counts);
    merged.responseRules.addTo(report.responseRules);
    DenseTable<FindingKey, Nothing> &findingKeys = merged.findingKeys;
    ChunkedArray<FindingTally> &tallies = merged.tallies;
    // The findings' texts, from their first flows (the tables are gone: the
    // shards' string IDs stay).
    const auto findingText = [&](const FirstFlow &first) {
        const FlowShard &from = *d->shards[first.shard];
        Finding x;
        x.findingClass = first.cls;
        x.protocol = first.protocol;
        x.port = first.port;
        x.vmId = from.vms.text(first.vm);
        x.vpcId = from.vpcs.text(first.vpc);
        x.region = from.regions.text(first.region);
        if (!first.byAddress)
            x.eniId = from.enis.text(first.eni);
        else
            x.sourceAddr = ipAddressText(IpAddress{first.local});
        if (first.localOwner && x.vmId.empty()) {
            x.vmId = first.localOwner->resourceId;
            if (x.vpcId.empty())
                x.vpcId = first.localOwner->vpcId;
        }
        if (first.hinted) {
            x.owner.kind = OwnerKind::Provider;
            x.owner.provider = "aws";
            if (!isAnyService(from.services.name(first.service)))
                x.owner.service = from.services.text(first.service);
            x.owner.label = "pkt-dst-aws-service";
            if (first.owner >= 0) // an AWS range of any service: its region
                x.owner.region = own.owner(first.owner).region;
        } else if (first.owner >= 0) {
            x.owner = own.owner(first.owner);
        }
        return x;
    };
    std::vector<std::pair<FindingKey, std::uint32_t>> ordered;
    ordered.reserve(findingKeys.size());
    for (std::uint32_t i = 0; i < findingKeys.size(); ++i)
        ordered.emplace_back(findingKeys.at(i).key, i);
    findingKeys = {};
    // The output's order, by bytes both ways then by key, sorted here on the keys: a
    // Finding is some 700 bytes of strings, made in that order (one at a
    // time, never two copies of them all).
    std::sort(ordered.begin(), ordered.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    // A finding with flows whose answers are missing (rows of a query's
    // result without them) has unknown bytes in: what its other flows gave
    // would be a partial sum in the ranking, the Bytes column and the bars,
    // so it counts as none there, as for a result without answers at all.
    for (std::uint32_t i = 0; i < tallies.size(); ++i) {
        if (tallies[i].queryFlows != 0) {
            tallies[i].packetsIn = 0;
            tallies[i].bytesIn = 0;
        }
    }
    std::stable_sort(ordered.begin(), ordered.end(), [&tallies](const auto &a, const auto &b) {
        const FindingTally &x = tallies[a.second];
        const FindingTally &y = tallies[b.second];
        return bothWays(x.bytes, x.bytesIn) > bothWays(y.bytes, y.bytesIn);
    });
    std::map<std::string, InstanceTotals> instances;
    // An instance's VPC is that of its finding seen first (by its first
    // flow's place in the input, whatever the shards and spills) with one.
    std::map<std::string, std::uint64_t> vpcSeen;
    report.findings.reserve(tallies.size());
    for (const auto &[key, index] : ordered) {
        const FindingTally &t = tallies[index];
        Finding x = findingText(t.first);
        x.flows = t.flows;
        x.records = t.records;
        x.packets = t.packets;
        x.bytes = t.bytes;
        x.packetsIn = t.packetsIn;
        x.bytesIn = t.bytesIn;
        // A rejected attempt got no answer, whatever rows it came from.
        x.inboundKnown = t.queryFlows == 0 || x.findingClass == FindingClass::Rejected;
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
        addSaturating(totals.records, x.records);
        addSaturating(totals.bytes, x.bytes);
        addSaturating(totals.bytesIn, x.bytesIn);
        totals.inboundKnown = totals.inboundKnown && x.inboundKnown;
        const std::string source = x.sourceName();
        InstanceTotals &it = instances[source];
        it.source = source;
        if (!x.vpcId.empty()) {
            const auto [seen, fresh] = vpcSeen.try_emplace(source, t.firstOrder);
            if (fresh || t.firstOrder < seen->second) {
                seen->second = t.firstOrder;
                it.vpcId = x.vpcId;
            }
        }
        addSaturating(it.bytesByClass[std::size_t(x.findingClass)], x.bytes);
        if (isPrivatePathClass(x.findingClass)) {
            it.privatePathInboundKnown = it.privatePathInboundKnown && x.inboundKnown;
            addSaturating(it.privatePathBytes, x.bytes);
            addSaturating(it.privatePathBytesIn, x.bytesIn);
            addSaturating(report.privatePathBytes, x.bytes);
            addSaturating(report.privatePathBytesIn, x.bytesIn);
            report.privatePathInboundKnown = report.privatePathInboundKnown && x.inboundKnown;
        } else if (x.findingClass == FindingClass::Internet) {
            it.internetInboundKnown = it.internetInboundKnown && x.inboundKnown;
            addSaturating(it.internetBytes, x.bytes);
            addSaturating(it.internetBytesIn, x.bytesIn);
        } else {
            addSaturating(it.rejectedRecords, x.records);
        }
        report.findings.push_back(std::move(x));
    }
    for (auto &[name, totals] : instances)
        report.instances.push_back(std::move(totals));
    std::stable_sort(report.instances.begin(), report.instances.end(),
                     [](const InstanceTotals &a, const InstanceTotals &b) {
                         return std::pair(bothWays(a.privatePathBytes, a.privatePathBytesIn),
                                          bothWays(a.internetBytes, a.internetBytesIn)) >
                                std::pair(bothWays(b.privatePathBytes, b.privatePathBytesIn),
                                          bothWays(b.internetBytes, b.internetBytesIn));
                     });
    return report;
}

} // namespace pl::flowlog
