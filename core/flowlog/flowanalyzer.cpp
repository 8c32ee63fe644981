#include "flowanalyzer.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <set>
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

// Interned strings: 0 is "none".
class StringPool
{
public:
    StringPool() { m_names.emplace_back(); }

    std::uint32_t intern(std::string_view s)
    {
        if (s.empty())
            return 0;
        if (s == m_lastText)
            return m_lastId;
        auto it = m_ids.find(s);
        if (it == m_ids.end()) {
            m_names.emplace_back(s);
            it = m_ids.emplace(m_names.back(), std::uint32_t(m_names.size() - 1)).first;
        }
        m_lastId = it->second;
        m_lastText = m_names[m_lastId];
        return m_lastId;
    }
    const std::string &name(std::uint32_t id) const { return m_names[id]; }

private:
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const
        {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_ids;
    std::deque<std::string> m_names; // stable addresses for m_lastText
    std::string_view m_lastText;
    std::uint32_t m_lastId = 0;
};

struct FlowKey
{
    Uint128 local;
    Uint128 remote;
    std::uint32_t eni;
    std::uint16_t localPort;
    std::uint16_t remotePort;
    std::uint8_t protocol;

    friend bool operator==(const FlowKey &a, const FlowKey &b)
    {
        return a.local == b.local && a.remote == b.remote && a.eni == b.eni &&
               a.localPort == b.localPort && a.remotePort == b.remotePort &&
               a.protocol == b.protocol;
    }
};

struct FlowKeyHash
{
    std::size_t operator()(const FlowKey &k) const
    {
        std::size_t h = hashIp(IpAddress{k.local}) * 31 + hashIp(IpAddress{k.remote});
        std::uint64_t rest = (std::uint64_t(k.eni) << 40) ^ (std::uint64_t(k.localPort) << 24) ^
                             (std::uint64_t(k.remotePort) << 8) ^ k.protocol;
        rest *= 0x9E3779B97F4A7C15ULL;
        return h ^ std::size_t(rest ^ (rest >> 29));
    }
};

enum FlowFlag : std::uint8_t
{
    OutSyn = 1,    // outbound SYN without ACK
    OutSynAck = 2, // outbound SYN-ACK
    InSynAck = 4,  // inbound SYN-ACK
    Transit = 8,   // seen through a NAT gateway's ENI: the source is an address
    HasPorts = 16
};

struct Sample
{
    std::uint32_t file;
    std::uint32_t line;
};

struct Flow
{
    std::uint64_t outPackets = 0, outBytes = 0, rejPackets = 0, rejBytes = 0;
    std::int64_t firstOut = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastOut = std::numeric_limits<std::int64_t>::min();
    std::int64_t firstIn = std::numeric_limits<std::int64_t>::max();
    std::uint32_t outRecords = 0, rejRecords = 0, inRecords = 0;
    std::uint32_t vm = 0, vpc = 0, region = 0, service = 0;
    std::int32_t owner = -2; // -2: not looked up yet
    std::uint8_t flags = 0;
    std::uint8_t sampleCount = 0;
    std::array<Sample, 3> samples{};
};

struct PortSeen
{
    std::uint16_t firstRemotePort = 0;
    bool listening = false;
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
};

struct FindingBuild
{
    Finding finding;
    std::uint64_t lowFlows = 0;
    std::set<Uint128> addrs;
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
    StringPool enis, vms, vpcs, regions, services;
    std::unordered_map<FlowKey, Flow, FlowKeyHash> flows;
    std::unordered_map<std::uint64_t, PortSeen> ports;
    std::vector<CoverageGap> gaps;
    std::uint64_t ok = 0, noData = 0, skipData = 0, privateRecords = 0, unknownDirection = 0;

    State(const Ownership &o, AnalyzerOptions opts) : ownership(o), options(std::move(opts))
    {
        for (const std::uint16_t port : options.listeningPorts)
            listening[port] = true;
        flows.reserve(1 << 16);
    }

    static std::uint64_t portKey(std::uint32_t eni, std::uint8_t protocol, std::uint16_t port)
    {
        return (std::uint64_t(eni) << 24) | (std::uint64_t(protocol) << 16) | port;
    }

    // Rule 3's "service port" on this ENI: below 1024, given by the user, or
    // the destination port of accepted inbound records from more than one
    // peer port (clients pick random ports; a reply to our own ephemeral
    // port always comes from the same service port) or with a bare SYN.
    bool localServicePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t port) const
    {
        if (port < 1024 || listening[port])
            return true;
        const auto it = ports.find(portKey(eni, protocol, port));
        return it != ports.end() && it->second.listening;
    }
    bool remoteServicePort(std::uint16_t port) const { return port < 1024 || listening[port]; }

    void notePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t localPort,
                  std::uint16_t remotePort, int tcpFlags)
    {
        PortSeen &seen = ports[portKey(eni, protocol, localPort)];
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
        const bool peerFirst = f.inRecords > 0 && f.firstIn < f.firstOut;
        if (key.protocol == kIcmp || key.protocol == kIcmpV6) {
            if (peerFirst)
                return {false, true, "rule4_icmp_reply"};
            return {true, f.inRecords == 0 || f.firstIn > f.firstOut, "rule4_icmp_request"};
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
    FlowKey key{
        outbound ? r.src.value : r.dst.value, outbound ? r.dst.value : r.src.value, eni,
        outbound ? r.srcPort : r.dstPort,     outbound ? r.dstPort : r.srcPort,     protocol};
    if (!outbound && r.action == Action::Accept && r.hasPorts &&
        (protocol == kTcp || protocol == kUdp))
        d->notePort(eni, protocol, key.localPort, key.remotePort, r.tcpFlags);
    if (outbound ? dstSpecial : srcSpecial) {
        d->privateRecords += r.records;
        return;
    }
    Flow &f = d->flows[key];
    if (r.hasPorts)
        f.flags |= HasPorts;
    if (transit)
        f.flags |= Transit;
    const int flags = r.tcpFlags < 0 ? 0 : r.tcpFlags;
    if (!outbound) {
        if (r.action != Action::Reject) {
            f.inRecords += std::uint32_t(r.records);
            f.firstIn = std::min(f.firstIn, r.start);
            if (protocol == kTcp && (flags & kSynAck) == kSynAck)
                f.flags |= InSynAck;
        }
        return;
    }
    if (r.action == Action::Reject) {
        f.rejRecords += std::uint32_t(r.records);
        f.rejPackets += r.packets;
        f.rejBytes += r.bytes;
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
        f.owner = own.lookupIndex(IpAddress{key.remote});
        if (!transit) {
            f.vm = d->vms.intern(r.vmId);
            f.vpc = d->vpcs.intern(r.vpcId);
        }
        f.region = d->regions.intern(r.region);
        f.service = d->services.intern(r.dstService);
    }
    if (f.sampleCount < f.samples.size())
        f.samples[f.sampleCount++] = {file, std::uint32_t(line)};
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
    std::map<FindingKey, FindingBuild> builds;
    std::map<std::string, InstanceTotals> instances;
    const auto location = [&stats](const Sample &s) {
        return stats.files[s.file] + ":" + std::to_string(s.line);
    };

    const auto contribute = [&](const FlowKey &key, const Flow &f, FindingClass cls,
                                const Decision &decision, std::uint64_t records,
                                std::uint64_t packets, std::uint64_t bytes) {
        FindingKey fk{};
        fk.cls = cls;
        fk.protocol = key.protocol;
        fk.port = key.remotePort;
        const Owner *localOwner = nullptr;
        if (f.vm != 0) {
            fk.sourceKind = 1;
            fk.sourceId = f.vm;
        } else if ((localOwner = own.lookupInventory(IpAddress{key.local}))) {
            fk.sourceKind = 3;
            fk.sourceAddr = key.local;
        } else if (!(f.flags & Transit) && key.eni != 0) {
            fk.sourceKind = 2;
            fk.sourceId = key.eni;
        } else {
            fk.sourceKind = 3;
            fk.sourceAddr = key.local;
        }
        fk.vpc = f.vpc;
        const bool hinted = f.owner < 0 && f.service != 0;
        fk.ownerKey = hinted ? (std::int64_t(1) << 40) + f.service
                             : (cls == FindingClass::Internet ? -1 : f.owner);
        FindingBuild &b = builds[fk];
        Finding &x = b.finding;
        if (x.flows == 0) {
            x.findingClass = cls;
            x.protocol = key.protocol;
            x.port = key.remotePort;
            x.vmId = d->vms.name(f.vm);
            x.vpcId = d->vpcs.name(f.vpc);
            x.region = d->regions.name(f.region);
            if (fk.sourceKind != 3)
                x.eniId = d->enis.name(key.eni);
            else
                x.sourceAddr = ipAddressText(IpAddress{key.local});
            if (localOwner && x.vmId.empty()) {
                x.vmId = localOwner->resourceId;
                if (x.vpcId.empty())
                    x.vpcId = localOwner->vpcId;
            }
            if (hinted) {
                x.owner.kind = OwnerKind::Provider;
                x.owner.provider = "aws";
                x.owner.service = d->services.name(f.service);
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
        if (b.addrs.size() < kMaxDistinctAddrs && b.addrs.insert(key.remote).second &&
            x.sampleAddrs.size() < 3)
            x.sampleAddrs.push_back(ipAddressText(IpAddress{key.remote}));
        for (std::size_t i = 0; i < f.sampleCount && x.samples.size() < 3; ++i)
            x.samples.push_back(location(f.samples[i]));
    };

    for (const auto &[key, f] : d->flows) {
        if (f.rejRecords > 0) {
            ++report.rejectedFlows;
            contribute(key, f, FindingClass::Rejected, {true, true, "outbound_reject"},
                       f.rejRecords, f.rejPackets, f.rejBytes);
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
            const std::string &sourceVpc = d->vpcs.name(f.vpc);
            cls = !owner->vpcId.empty() && owner->vpcId == sourceVpc ? FindingClass::Hairpin
                                                                     : FindingClass::CrossVpc;
        } else if (owner && owner->kind == OwnerKind::Provider) {
            cls = isGatewayEndpointService(owner->service) ? FindingClass::GatewayEndpoint
                                                           : FindingClass::InterfaceEndpoint;
        } else if (f.service != 0) {
            cls = isGatewayEndpointService(d->services.name(f.service))
                      ? FindingClass::GatewayEndpoint
                      : FindingClass::InterfaceEndpoint;
        }
        contribute(key, f, cls, decision, f.outRecords, f.outPackets, f.outBytes);
    }

    for (auto &[key, b] : builds) {
        Finding &x = b.finding;
        x.addrs = b.addrs.size();
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
