#include "flowanalyzer.h"

#include "densetable.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

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
    HasIn = 32 // accepted inbound records
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

struct Decision
{
    bool request = true;
    bool high = true;
    const char *rule = "";
};

// The finding a flow belongs to.
struct FindingKey
{
    FindingClass cls;
    std::uint8_t protocol;
    std::uint16_t port;
    std::uint8_t sourceKind; // 1 vm, 2 ENI, 3 address
    std::uint32_t sourceId;
    Uint128 sourceAddr;
    std::uint32_t vpc;
    std::int64_t ownerKey; // -1 internet, owner index, or hint

    auto tie() const
    {
        return std::tie(cls, protocol, port, sourceKind, sourceId, sourceAddr, vpc, ownerKey);
    }
    friend bool operator<(const FindingKey &a, const FindingKey &b) { return a.tie() < b.tie(); }
    friend bool operator==(const FindingKey &a, const FindingKey &b) { return a.tie() == b.tie(); }
};

struct FindingKeyHash
{
    std::size_t operator()(const FindingKey &k) const
    {
        std::uint64_t h = (std::uint64_t(k.cls) << 56) ^ (std::uint64_t(k.protocol) << 48) ^
                          (std::uint64_t(k.port) << 32) ^ (std::uint64_t(k.sourceKind) << 28) ^
                          k.sourceId;
        h = h * 0x9E3779B97F4A7C15ULL ^ (std::uint64_t(k.vpc) << 32) ^ std::uint64_t(k.ownerKey);
        h = h * 0x9E3779B97F4A7C15ULL ^ std::uint64_t(k.sourceAddr) ^
            std::uint64_t(k.sourceAddr >> 64);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDULL;
        return std::size_t(h ^ (h >> 33));
    }
};

struct FindingBuild
{
    Finding finding;
    std::uint64_t lowFlows = 0;
    std::uint64_t addrs = 0; // distinct, counted up to kMaxDistinctAddrs
};

struct AddrPairKey
{
    std::uint32_t finding = 0;
    std::uint32_t remote = 0; // as in FlowKey
    std::uint32_t v6Id = 0;
    friend bool operator==(const AddrPairKey &a, const AddrPairKey &b) = default;
};

std::string upperAscii(std::string s)
{
    for (char &c : s) {
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
    }
    return s;
}

std::string orText(const std::string &s, const char *fallback)
{
    return s.empty() ? std::string(fallback) : s;
}

std::string recommendationFor(const Finding &f)
{
    const std::string vpc = orText(f.vpcId, "the source VPC");
    const Owner &o = f.owner;
    switch (f.findingClass) {
    case FindingClass::GatewayEndpoint: {
        const std::string service = upperAscii(o.service);
        if (service == "OSS")
            return "Create an OSS gateway endpoint in " + vpc +
                   " and route the bucket traffic through it (or use the OSS internal "
                   "endpoint)";
        return "Create a gateway endpoint for " + service + " in " + vpc +
               " and add it to the route tables of the source subnets";
    }
    case FindingClass::InterfaceEndpoint:
        if (o.service.empty())
            return "The destination belongs to " + orText(o.provider, "a listed cloud range") +
                   " (service unknown): identify the service and create an interface endpoint "
                   "(PrivateLink) for it in " +
                   vpc;
        return "Create an interface endpoint (PrivateLink) for " +
               (o.provider.empty() ? std::string() : o.provider + " ") + o.service + " in " + vpc +
               (o.region.empty() ? std::string() : " (" + o.region + ")");
    case FindingClass::CrossVpc:
        return orText(o.resourceId, "The destination") + " (" + orText(o.inventoryKind, "own") +
               ") is in " + orText(o.vpcId, "another VPC") +
               " of your account: publish it as an endpoint service and reach it from " + vpc +
               " over PrivateLink instead of its public address";
    case FindingClass::Hairpin:
        return orText(o.resourceId, "The destination") + " is in the same VPC (" + vpc +
               "): use its private address instead of hairpinning through a public IP";
    case FindingClass::Internet:
        return "Internet egress to addresses of no known owner: not a PrivateLink case (load "
               "provider ranges with --ranges to identify an owner)";
    case FindingClass::Rejected:
        return "Outbound attempts to a public address were rejected by a security group or "
               "network ACL: check whether this traffic should use a private endpoint";
    }
    return {};
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

    Decision decide(const FlowKey &key, const Flow &f) const
    {
        const bool hasIn = (f.flags & HasIn) != 0;
        const bool peerFirst = hasIn && f.firstIn < f.firstOut;
        if (key.protocol == kIcmp || key.protocol == kIcmpV6) {
            if (peerFirst)
                return {false, true, "rule4_icmp_reply"};
            return {true, !hasIn || f.firstIn > f.firstOut, "rule4_icmp_request"};
        }
        if (key.protocol == kTcp) {
            if (f.flags & OutSynAck)
                return {false, true, "rule1_outbound_syn_ack"};
            if (f.flags & OutSyn)
                return {true, true, "rule1_outbound_syn"};
            if (f.flags & InSynAck)
                return {true, true, "rule1_inbound_syn_ack"};
        }
        if (peerFirst)
            return {false, true, "rule2_peer_first"};
        if ((f.flags & HasPorts) && (key.protocol == kTcp || key.protocol == kUdp)) {
            const bool localService = localServicePort(key.eni, key.protocol, key.localPort);
            const bool remoteService = remoteServicePort(key.remotePort);
            if (localService && !remoteService)
                return {false, true, "rule3_from_service_port"};
            if (!localService && remoteService)
                return {true, true, "rule3_to_service_port"};
            return {true, false, "rule3_ambiguous_ports"};
        }
        return {true, false, "no_evidence"};
    }
};

FlowAnalyzer::FlowAnalyzer(const Ownership &ownership, AnalyzerOptions options)
    : d(std::make_unique<State>(ownership, std::move(options)))
{}

FlowAnalyzer::~FlowAnalyzer() = default;

std::size_t FlowAnalyzer::flowCount() const
{
    return d->flows.size();
}

void FlowAnalyzer::add(const FlowRecord &r, std::uint32_t file, std::uint64_t line)
{
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
    ++d->ok;
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
    if (r.hasPorts)
        f.flags |= HasPorts;
    if (transit)
        f.flags |= Transit;
    const int flags = r.tcpFlags < 0 ? 0 : r.tcpFlags;
    if (!outbound) {
        if (r.action != Action::Reject) {
            if (std::uint32_t(r.records) != 0)
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
        rej.records += std::uint32_t(r.records);
        rej.packets += r.packets;
        rej.bytes += r.bytes;
    } else {
        f.outRecords += std::uint32_t(r.records);
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
    report.flows = d->flows.size();

    const Ownership &own = d->ownership;
    // Looked up once per flow: hashed; sorted once at the end for the
    // output's order.
    std::unordered_map<FindingKey, std::uint32_t, FindingKeyHash> builds; // index into buildList
    // A deque: a Finding is large and their number unknown until the end;
    // a vector's doubling would hold up to twice as many.
    std::deque<FindingBuild> buildList;
    std::map<std::string, InstanceTotals> instances;
    const auto location = [&stats](Sample s) {
        return stats.files[std::size_t(s >> kSampleLineBits)] + ":" +
               std::to_string(s & ((Sample(1) << kSampleLineBits) - 1));
    };
    // Distinct destination addresses per finding: (finding, remote) pairs.
    DenseTable<AddrPairKey, Nothing> addrPairs;

    const auto contribute = [&](const FlowKey &key, const Flow &f, FindingClass cls,
                                const Decision &decision, std::uint64_t records,
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
        const auto [at, isNew] = builds.try_emplace(fk, std::uint32_t(buildList.size()));
        if (isNew)
            buildList.emplace_back();
        FindingBuild &b = buildList[at->second];
        Finding &x = b.finding;
        if (x.flows == 0) {
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
            x.firstSeen = f.firstOut;
            x.lastSeen = f.lastOut;
        }
        ++x.flows;
        x.records += records;
        x.packets += packets;
        x.bytes += bytes;
        x.firstSeen = std::min(x.firstSeen, f.firstOut);
        x.lastSeen = std::max(x.lastSeen, f.lastOut);
        if (!decision.high)
            ++b.lowFlows;
        ++x.rules[decision.rule];
        if (b.addrs < kMaxDistinctAddrs) {
            bool added = false;
            addrPairs.findOrInsert(
                AddrPairKey{at->second, key.remote, std::uint32_t((key.v6Ids & 2) != 0)}, &added);
            if (added) {
                ++b.addrs;
                if (x.sampleAddrs.size() < 3)
                    x.sampleAddrs.push_back(ipAddressText(IpAddress{d->remoteAddress(key)}));
            }
        }
        for (std::size_t i = 0; i < f.sampleCount && x.samples.size() < 3; ++i)
            x.samples.push_back(location(f.samples[i]));
    };

    // First-seen order: the samples of a finding are those of its earliest flows.
    for (std::uint32_t i = 0; i < d->flows.size(); ++i) {
        const FlowKey &key = d->flows.at(i).key;
        const Flow &f = d->flows.at(i).value;
        if (f.rejects != 0 && d->rejects[f.rejects - 1].records > 0) {
            const Rejects &rej = d->rejects[f.rejects - 1];
            ++report.rejectedFlows;
            contribute(key, f, FindingClass::Rejected, {true, true, "outbound_reject"}, rej.records,
                       rej.packets, rej.bytes);
        }
        if (f.outRecords == 0)
            continue;
        const Decision decision = d->decide(key, f);
        if (!decision.request) {
            ++report.responseFlows;
            report.responseBytes += f.outBytes;
            ++report.responseRules[decision.rule];
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
        contribute(key, f, cls, decision, f.outRecords, f.outPackets, f.outBytes);
    }
    // The flows are judged: their tables go before the findings are copied
    // out, so the peak holds one of the two.
    addrPairs = {};
    d->flows = {};
    d->ports = {};
    d->v6 = {};
    report.findings.reserve(buildList.size());

    std::vector<std::pair<FindingKey, std::uint32_t>> ordered(builds.begin(), builds.end());
    builds = {};
    std::sort(ordered.begin(), ordered.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[key, index] : ordered) {
        FindingBuild &b = buildList[index];
        Finding &x = b.finding;
        x.addrs = b.addrs;
        x.highConfidence = b.lowFlows == 0;
        x.recommendation = recommendationFor(x);
        ClassTotals &totals = report.classes[std::size_t(x.findingClass)];
        ++totals.findings;
        totals.flows += x.flows;
        totals.records += x.records;
        totals.bytes += x.bytes;
        InstanceTotals &it = instances[x.sourceName()];
        it.source = x.sourceName();
        if (it.vpcId.empty())
            it.vpcId = x.vpcId;
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
    std::stable_sort(report.findings.begin(), report.findings.end(),
                     [](const Finding &a, const Finding &b) { return a.bytes > b.bytes; });
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
