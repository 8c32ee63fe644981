#include "flowshard.h"

#include "ownership.h"

namespace pl::flowlog {

namespace {

constexpr int kTcp = 6;
constexpr int kUdp = 17;
constexpr int kIcmp = 1;
constexpr int kIcmpV6 = 58;
constexpr int kSynAck = 18;
constexpr int kSyn = 2;

struct SpilledPort
{
    std::uint32_t eni = 0;
    std::uint16_t port = 0, firstRemotePort = 0;
    std::uint8_t protocol = 0, listening = 0;
    std::uint16_t unused = 0;
};

} // namespace

// A flow as it goes to disk: whole addresses (IPv6 ids are per round) and
// its REJECT counters inline.
struct SpilledFlow
{
    std::uint64_t order = 0;
    std::uint64_t localHigh = 0, localLow = 0, remoteHigh = 0, remoteLow = 0;
    std::uint64_t outPackets = 0, outBytes = 0, inPackets = 0, inBytes = 0;
    std::uint64_t rejectPackets = 0, rejectBytes = 0, rejectRecords = 0;
    std::int64_t firstOut = 0, lastOut = 0, firstIn = 0;
    std::array<Sample, 3> samples{};
    std::uint32_t eni = 0, outRecords = 0, context = 0;
    std::int32_t owner = 0;
    std::uint16_t localPort = 0, remotePort = 0;
    std::uint16_t flags = 0;
    std::uint8_t protocol = 0, sampleCount = 0, v6 = 0; // v6: 1 local, 2 remote
    std::uint8_t rejectedRow = 0;                       // FlowKey::rejectedRow
};

FlowShard::FlowShard(const Ownership &ownership, const std::vector<bool> &listening, Budget &budget,
                     std::size_t spillPartitions)
    : m_ownership(ownership), m_listening(listening), m_budget(budget),
      m_spillPartitions(spillPartitions)
{
    contexts.findOrInsert(ContextKey{}); // context 0: nothing known
}

// A flow key's form of an address: IPv4 as is, IPv6 as its id.
std::uint32_t FlowShard::compactAddress(const IpAddress &ip, std::uint8_t &v6Ids, std::uint8_t bit)
{
    if (ip.isV4())
        return std::uint32_t(ip.value);
    v6Ids |= bit;
    return m_v6.findOrInsert(V6Key{std::uint64_t(ip.value >> 64), std::uint64_t(ip.value)});
}

Uint128 FlowShard::address(std::uint32_t value, bool isV6Id) const
{
    if (!isV6Id)
        return (Uint128(0xFFFF) << 32) | value;
    const V6Key &k = m_v6.at(value).key;
    return (Uint128(k.high) << 64) | k.low;
}

// Rule 3's "service port" on this ENI: below 1024, given by the user, or
// the destination port of accepted inbound records from more than one
// peer port in the ephemeral range (clients pick random ports there; a
// reply to our own ephemeral port comes from a service port, and a client
// reusing its port for another server gets replies from another service
// port: not a listener) or with a bare SYN.
bool FlowShard::localServicePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t port) const
{
    if (port < kServicePortLimit || m_listening[port])
        return true;
    const std::uint32_t at = m_ports.find(PortKey{eni, port, protocol, 0});
    return at != m_ports.kNone && m_ports.at(at).value.listening;
}

void FlowShard::notePort(std::uint32_t eni, std::uint8_t protocol, std::uint16_t localPort,
                         std::uint16_t remotePort, int tcpFlags)
{
    if (localPort < kServicePortLimit || m_listening[localPort])
        return; // a service port whatever was seen: not worth an entry
    PortSeen &seen = m_ports[PortKey{eni, localPort, protocol, 0}];
    if (seen.listening)
        return;
    if (tcpFlags >= 0 && (tcpFlags & kSynAck) == kSyn)
        seen.listening = true;
    else if (remotePort < kEphemeralFirst)
        return; // a reply from a service port, or a client's port that tells nothing
    else if (seen.firstRemotePort == 0)
        seen.firstRemotePort = remotePort;
    else if (seen.firstRemotePort != remotePort)
        seen.listening = true;
}

std::size_t FlowShard::memoryBytes() const
{
    return flows.memoryBytes() + m_ports.memoryBytes() + m_v6.memoryBytes() +
           rejects.capacity() * sizeof(Rejects);
}

std::size_t FlowShard::partitionOf(std::uint32_t eni) const
{
    std::uint64_t h = eni * 0x9E3779B97F4A7C15ULL;
    return std::size_t((h ^ (h >> 29)) % m_spillPartitions);
}

// Everything in the tables to disk; the tables start over. When the disk
// refuses, the state stays in memory from then on (and the report says so).
void FlowShard::spill()
{
    const bool firstRound = !m_spilledFlows;
    if (firstRound) {
        m_spilledFlows = std::make_unique<SpillFiles>(m_spillPartitions);
        m_spilledPorts = std::make_unique<SpillFiles>(m_spillPartitions);
    }
    for (std::uint32_t i = 0; i < flows.size(); ++i) {
        const FlowKey &k = flows.at(i).key;
        const Flow &f = flows.at(i).value;
        SpilledFlow r;
        r.order = f.order;
        const Uint128 local = localAddress(k);
        const Uint128 remote = remoteAddress(k);
        r.localHigh = std::uint64_t(local >> 64);
        r.localLow = std::uint64_t(local);
        r.remoteHigh = std::uint64_t(remote >> 64);
        r.remoteLow = std::uint64_t(remote);
        r.v6 = k.v6Ids;
        r.outPackets = f.outPackets;
        r.outBytes = f.outBytes;
        r.inPackets = f.inPackets;
        r.inBytes = f.inBytes;
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
        r.rejectedRow = std::uint8_t(k.rejectedRow);
        r.flags = f.flags;
        r.sampleCount = f.sampleCount;
        m_spilledFlows->write(partitionOf(k.eni), &r, sizeof r);
    }
    for (std::uint32_t i = 0; i < m_ports.size(); ++i) {
        const PortKey &k = m_ports.at(i).key;
        const PortSeen &seen = m_ports.at(i).value;
        SpilledPort r;
        r.eni = k.eni;
        r.port = k.port;
        r.protocol = k.protocol;
        r.firstRemotePort = seen.firstRemotePort;
        r.listening = seen.listening;
        m_spilledPorts->write(partitionOf(k.eni), &r, sizeof r);
    }
    spillProblem =
        !m_spilledFlows->error().empty() ? m_spilledFlows->error() : m_spilledPorts->error();
    if (!spillProblem.empty()) {
        if (firstRound) { // nothing on disk: all of it stays in memory
            m_spilledFlows.reset();
            m_spilledPorts.reset();
        }
        return;
    }
    m_spilledFlowCount += flows.size();
    clearTables();
    // Given back at once: other shards may be waiting for the room.
    const std::size_t memory = memoryBytes();
    m_budget.inUse.fetch_add(memory - m_memory, std::memory_order_relaxed); // wraps back
    m_memory = memory;
}

void FlowShard::spillRest()
{
    if (m_spilledFlows && spillProblem.empty())
        spill();
}

void FlowShard::clearTables()
{
    flows = {};
    m_ports = {};
    m_v6 = {};
    rejects = {};
}

std::uint64_t FlowShard::spilledBytes() const
{
    return m_spilledFlows ? m_spilledFlows->bytesWritten() + m_spilledPorts->bytesWritten() : 0;
}

bool FlowShard::loadPartition(std::size_t partition)
{
    clearTables();
    bool readable = m_spilledFlows->rewind(partition) && m_spilledPorts->rewind(partition);
    SpilledFlow r;
    while (readable && m_spilledFlows->read(partition, &r, sizeof r)) {
        FlowKey key;
        key.eni = r.eni;
        key.local =
            compactAddress(IpAddress{(Uint128(r.localHigh) << 64) | r.localLow}, key.v6Ids, 1);
        key.remote =
            compactAddress(IpAddress{(Uint128(r.remoteHigh) << 64) | r.remoteLow}, key.v6Ids, 2);
        key.localPort = r.localPort;
        key.remotePort = r.remotePort;
        key.protocol = r.protocol;
        key.rejectedRow = r.rejectedRow;
        bool fresh = false;
        Flow &f = flows.at(flows.findOrInsert(key, &fresh)).value;
        if (fresh)
            f.order = r.order;
        mergeInto(f, r);
    }
    SpilledPort p;
    while (readable && m_spilledPorts->read(partition, &p, sizeof p)) {
        PortSeen &seen = m_ports[PortKey{p.eni, p.port, p.protocol, 0}];
        if (p.listening || seen.listening)
            seen.listening = true;
        else if (seen.firstRemotePort == 0)
            seen.firstRemotePort = p.firstRemotePort;
        else if (p.firstRemotePort != 0 && p.firstRemotePort != seen.firstRemotePort)
            seen.listening = true; // two peer ports: as notePort() would have seen them
    }
    m_spilledFlows->drop(partition);
    m_spilledPorts->drop(partition);
    if (readable && m_spilledFlows->error().empty() && m_spilledPorts->error().empty())
        return true;
    spillProblem =
        !m_spilledFlows->error().empty() ? m_spilledFlows->error() : m_spilledPorts->error();
    if (spillProblem.empty()) // never silent: the report would lack flows
        spillProblem = "cannot read back a spill file";
    return false;
}

EniSeen &FlowShard::eniSeen(std::uint32_t eni)
{
    if (eni >= m_eniSeen.size())
        m_eniSeen.resize(std::size_t(eni) + 1);
    return m_eniSeen[eni];
}

// The first address of an ENI is checked inline: an ENI with one address
// (most) looks the table up once.
void FlowShard::noteLocal(std::uint32_t eni, const IpAddress &local)
{
    EniSeen &seen = m_eniSeen[eni];
    const EniAddressKey key{eni, 0, std::uint64_t(local.value >> 64), std::uint64_t(local.value)};
    if ((seen.flags & EniHasLocal) && seen.localHigh == key.high && seen.localLow == key.low)
        return;
    if (!(seen.flags & EniHasLocal)) {
        seen.flags |= EniHasLocal;
        seen.localHigh = key.high;
        seen.localLow = key.low;
    }
    if (localAddresses.size() < kMaxLocalAddresses)
        localAddresses.findOrInsert(key);
    else if (localAddresses.find(key) == localAddresses.kNone)
        localAddressesFull = true;
}

// Rejects are rare: their counters sit apart, made for a flow's first one.
void FlowShard::addRejects(Flow &f, std::uint64_t records, std::uint64_t packets,
                           std::uint64_t bytes)
{
    if (f.rejects == 0) {
        rejects.emplace_back();
        f.rejects = std::uint32_t(rejects.size());
    }
    Rejects &rej = rejects[f.rejects - 1];
    addSaturating(rej.records, records);
    addSaturating(rej.packets, packets);
    addSaturating(rej.bytes, bytes);
}

// A flow's counters from another round: sums, extremes and flags; the
// owner, context and samples of whichever saw the first outbound record.
void FlowShard::mergeInto(Flow &f, const SpilledFlow &r)
{
    f.order = std::min(f.order, r.order);
    // All of both rounds' accepted outbound records through the endpoint.
    const bool allViaEndpoint = (f.outRecords != 0 || r.outRecords != 0) &&
                                (f.outRecords == 0 || (f.flags & AllViaEndpoint)) &&
                                (r.outRecords == 0 || (r.flags & AllViaEndpoint));
    addSaturating(f.outPackets, r.outPackets);
    addSaturating(f.outBytes, r.outBytes);
    addSaturating(f.inPackets, r.inPackets);
    addSaturating(f.inBytes, r.inBytes);
    f.outRecords = std::uint32_t(
        std::min<std::uint64_t>(std::uint64_t(f.outRecords) + r.outRecords, 0xFFFFFFFFu));
    f.firstOut = std::min(f.firstOut, r.firstOut);
    f.lastOut = std::max(f.lastOut, r.lastOut);
    f.firstIn = std::min(f.firstIn, r.firstIn);
    f.flags |= r.flags;
    f.flags = allViaEndpoint ? std::uint16_t(f.flags | AllViaEndpoint)
                             : std::uint16_t(f.flags & ~AllViaEndpoint);
    if (r.rejectRecords != 0 || r.rejectPackets != 0 || r.rejectBytes != 0)
        addRejects(f, r.rejectRecords, r.rejectPackets, r.rejectBytes);
    if (r.owner != -2 && (f.owner == -2 || (r.sampleCount > 0 && f.sampleCount > 0 &&
                                            r.samples[0] < f.samples[0]))) {
        f.owner = r.owner;
        f.context = r.context;
    }
    // Both lists are in record order: merged, the first 3 stay.
    std::array<Sample, 3> merged{};
    std::size_t a = 0, b = 0, n = 0;
    while (n < merged.size() && (a < f.sampleCount || b < r.sampleCount)) {
        const bool fromF = b >= r.sampleCount || (a < f.sampleCount && f.samples[a] < r.samples[b]);
        merged[n++] = fromF ? f.samples[a++] : r.samples[b++];
    }
    f.samples = merged;
    f.sampleCount = std::uint8_t(n);
}

Decision FlowShard::decide(const FlowKey &key, const Flow &f) const
{
    const bool hasIn = (f.flags & HasIn) != 0;
    const bool peerFirst = hasIn && f.firstIn < f.firstOut;
    if (key.protocol == kIcmp || key.protocol == kIcmpV6) {
        if (peerFirst)
            return {false, true, Rule::IcmpReply};
        // Sure only when nothing came back, or when it came back later. A
        // query's row has answers without times (or none known, FromQuery):
        // an echo and its reply share a window, which the raw check finds
        // ambiguous too.
        const bool answersWithoutTimes = (f.flags & FromQuery) || (!hasIn && f.inPackets != 0);
        return {true, !answersWithoutTimes && (!hasIn || f.firstIn > f.firstOut),
                Rule::IcmpRequest};
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
        // Neither known (a server on a high port seen with one client, no
        // SYN in the logs): the port in the ephemeral range is the client's.
        const bool localEphemeral = key.localPort >= kEphemeralFirst;
        const bool remoteEphemeral = key.remotePort >= kEphemeralFirst;
        if (!localService && !remoteService && localEphemeral != remoteEphemeral)
            return {localEphemeral, false, Rule::EphemeralRange};
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

void FlowShard::add(const FlowRecord &r, std::uint32_t file, std::uint64_t line)
{
    // memoryBytes() is a few multiplications; it changes when a table grows.
    if (const std::size_t memory = memoryBytes(); memory != m_memory) {
        m_budget.inUse.fetch_add(memory - m_memory, std::memory_order_relaxed); // wraps back
        m_memory = memory;
    }
    if (m_budget.inUse.load(std::memory_order_relaxed) > m_budget.bytes &&
        m_memory * m_budget.shards >= m_budget.bytes && spillProblem.empty())
        spill();
    const Sample position = samplePosition(file, line);
    if (r.status == LogStatus::NoData) {
        ++noData;
        return;
    }
    if (r.status == LogStatus::SkipData) {
        ++skipData;
        if (gaps.size() < kMaxGaps)
            gaps.push_back({position, {std::string(r.eniId), r.start, r.end, {}}});
        return;
    }
    addSaturating(ok, r.records); // a query's row: its records
    if (!r.hasAddresses)
        return;
    const Ownership &own = m_ownership;
    const bool srcSpecial = own.isSpecial(r.src);
    const bool dstSpecial = own.isSpecial(r.dst);
    Direction direction = r.direction;
    if (direction == Direction::Unknown) {
        if (srcSpecial != dstSpecial) {
            direction = srcSpecial ? Direction::Out : Direction::In;
        } else if (srcSpecial) { // private to private, whichever way: no public peer
            addSaturating(privateRecords, r.records);
            return;
        } else {
            addSaturating(unknownDirection, r.records);
            return;
        }
    }
    bool outbound = direction == Direction::Out;
    bool transit = false;
    // On a NAT gateway's vSwitch, ECS -> NAT is "in" with the ECS as source
    // and the public peer as destination: outbound traffic of that ECS (or
    // a private client reaching an instance's EIP, a hairpin). IPv4 only:
    // neither cloud NATs IPv6 to IPv6, an IPv6 instance's own address is
    // public, and a ULA peer reaching it is an inbound connection.
    const bool mayBeTransit = r.src.isV4() && r.dst.isV4();
    if (mayBeTransit && direction == Direction::In && srcSpecial && !dstSpecial) {
        outbound = true;
        transit = true;
    } else if (mayBeTransit && direction == Direction::Out && !srcSpecial && dstSpecial) {
        outbound = false;
        transit = true;
    }
    const auto protocol = std::uint8_t(r.protocol);
    const std::uint32_t eni = enis.intern(r.eniId);
    EniSeen &seen = eniSeen(eni);
    if (transit)
        seen.flags |= EniTransit;
    if (!r.vmId.empty())
        seen.flags |= EniInstance;
    if (seen.vpc == 0 && !r.vpcId.empty())
        seen.vpc = vpcs.intern(r.vpcId);
    const std::uint16_t localPort = outbound ? r.srcPort : r.dstPort;
    const std::uint16_t remotePort = outbound ? r.dstPort : r.srcPort;
    if (!outbound && r.action == Action::Accept && r.hasPorts &&
        (protocol == kTcp || protocol == kUdp))
        notePort(eni, protocol, localPort, remotePort, r.tcpFlags);
    if (!outbound && r.aggregated)
        ++queryInboundRows;
    if (outbound ? dstSpecial : srcSpecial) {
        addSaturating(privateRecords, r.records);
        return;
    }
    FlowKey key;
    key.eni = eni;
    key.local = compactAddress(outbound ? r.src : r.dst, key.v6Ids, 1);
    key.remote = compactAddress(outbound ? r.dst : r.src, key.v6Ids, 2);
    key.localPort = localPort;
    key.remotePort = remotePort;
    key.protocol = protocol;
    key.rejectedRow = r.aggregated && r.action == Action::Reject ? 1 : 0;
    bool fresh = false;
    Flow &f = flows.at(flows.findOrInsert(key, &fresh)).value;
    if (fresh) {
        f.order = position;
        m_flowCount.store(flows.size() + m_spilledFlowCount, std::memory_order_relaxed);
        if (!transit)
            noteLocal(eni, outbound ? r.src : r.dst);
    }
    // A query's row has the destination port only: rule 3 needs both, and
    // the query has applied its own port rule (see decide()).
    // Its bytes in are unknown unless the row carries its answers.
    if (r.aggregated && !r.hasAnswers)
        f.flags |= FromQuery;
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
            addSaturating(f.inPackets, r.packets);
            addSaturating(f.inBytes, r.bytes);
            f.firstIn = std::min(f.firstIn, r.start);
            if (protocol == kTcp && (flags & kSynAck) == kSynAck)
                f.flags |= InSynAck;
        }
        return;
    }
    if (r.action == Action::Reject) {
        addRejects(f, r.records, r.packets, r.bytes);
    } else {
        if (f.outRecords == 0 && r.viaGatewayEndpoint)
            f.flags |= AllViaEndpoint;
        else if (!r.viaGatewayEndpoint)
            f.flags &= std::uint16_t(~AllViaEndpoint);
        // 32 bits per flow (memory); a query's row could carry more.
        f.outRecords = std::uint32_t(
            std::min<std::uint64_t>(std::uint64_t(f.outRecords) + r.records, 0xFFFFFFFFu));
        addSaturating(f.outPackets, r.packets);
        addSaturating(f.outBytes, r.bytes);
        // A query row's answers count as the flow's inbound records would,
        // without HasIn: the row has no times of its own for the
        // answers, and the query's port rule decided already.
        if (r.hasAnswers) {
            addSaturating(f.inPackets, r.packetsIn);
            addSaturating(f.inBytes, r.bytesIn);
        }
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
            context.vm = vms.intern(r.vmId);
            context.vpc = vpcs.intern(r.vpcId);
        }
        context.region = regions.intern(r.region);
        context.service = services.intern(r.dstService);
        f.context = contexts.findOrInsert(context);
    }
    if (f.sampleCount < f.samples.size())
        f.samples[f.sampleCount++] = position;
}

} // namespace pl::flowlog
