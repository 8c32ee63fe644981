#include "captureengine.h"

#include "io/inputstream.h"
#include "ipdecode.h"
#include "ipreassembly.h"
#include "linklayer.h"
#include "tcpflowtable.h"
#include "tunnels.h"
#include "udpdatagrams.h"

namespace pl::capture {

namespace {

constexpr std::uint8_t kTcp = 6;
constexpr std::uint8_t kUdp = 17;
// Progress is refreshed this often: asking stdio for the offset costs a syscall.
constexpr std::uint64_t kProgressEvery = 4096;

NetEndpoint endpoint(const IpPacket &ip, const std::array<std::uint8_t, 16> &address,
                     std::uint16_t port)
{
    NetEndpoint e;
    e.ip = address;
    e.port = port;
    e.ipv6 = ip.ipv6;
    return e;
}

} // namespace

CaptureEngine::CaptureEngine(CaptureOptions options) : m_options(options) {}

CaptureEngine::~CaptureEngine() = default;

bool CaptureEngine::openFile(const QString &path)
{
    m_openError = {};
    if (!m_source.openFile(path))
        return false;
    return start();
}

bool CaptureEngine::openStream(io::InputStream &&in, const QString &path)
{
    m_openError = {};
    if (!m_source.openStream(std::move(in), path))
        return false;
    return start();
}

bool CaptureEngine::openLive(const LiveOptions &options)
{
    m_openError = {};
    if (!m_source.openLive(options))
        return false;
    return start();
}

bool CaptureEngine::start()
{
    // A pcapng file's other interfaces may be readable (Wireshark on a Wi-Fi
    // monitor interface and eth0): read on with each packet's own link type.
    m_firstLinkUnsupported = !isSupportedLinkType(m_source.linkType());
    if (m_firstLinkUnsupported && !m_source.readWithOwnReader()) {
        m_openError = CaptureError{CaptureError::Code::UnsupportedLinkType,
                                   unsupportedLinkTypeMessage(m_source.linkType()), -1, 0};
        m_source.close();
        return false;
    }
    const auto sink = [this](Connection &&c) {
        m_ready.append(std::move(c));
        // Only the reading thread writes it while reading: no locked increment.
        m_connections.store(m_connections.load(std::memory_order_relaxed) + 1,
                            std::memory_order_relaxed);
    };
    TcpFlow::Options flowOptions;
    flowOptions.vendor = m_options.vendor;
    m_tcp = std::make_unique<TcpFlowTable>(flowOptions, sink);
    m_udp = std::make_unique<UdpDatagrams>(m_options.vendor, sink);
    m_fragments = std::make_unique<IpReassembler>();
    m_linkType = m_source.linkType();
    m_snaplen = m_source.snaplen();
    m_liveStats = {};
    m_ready.clear();
    m_ready.reserve(m_options.batchSize);
    m_counters = {};
    m_ended = false;
    m_cancel.store(false);
    m_bytesRead.store(0);
    m_totalBytes.store(m_source.isLive() ? -1 : m_source.fileSize());
    m_packets.store(0);
    m_connections.store(0);
    m_dropped.store(0);
    return true;
}

CaptureProgress CaptureEngine::progress() const
{
    return CaptureProgress{
        m_bytesRead.load(std::memory_order_relaxed), m_totalBytes.load(std::memory_order_relaxed),
        m_packets.load(std::memory_order_relaxed), m_connections.load(std::memory_order_relaxed),
        m_dropped.load(std::memory_order_relaxed)};
}

QList<Connection> CaptureEngine::takeBatch()
{
    if (m_ready.size() <= m_options.batchSize) {
        // The next batch fills a list that already has room (growing one
        // moves every record a few times).
        QList<Connection> next;
        next.reserve(m_options.batchSize);
        return std::exchange(m_ready, std::move(next));
    }
    QList<Connection> batch(std::make_move_iterator(m_ready.begin()),
                            std::make_move_iterator(m_ready.begin() + m_options.batchSize));
    m_ready.remove(0, m_options.batchSize);
    return batch;
}

QList<Connection> CaptureEngine::nextBatch()
{
    Packet packet;
    while (!m_ended && m_ready.size() < m_options.batchSize) {
        if (cancelled()) {
            finishReading();
            break;
        }
        const PcapSource::ReadStatus status = m_source.next(packet);
        if (status == PcapSource::ReadStatus::Packet) {
            if (m_tap) [[unlikely]]
                m_tap(packet);
            handlePacket(packet);
        } else if (status == PcapSource::ReadStatus::Timeout) {
            // Live capture went quiet: hand over what is ready now rather
            // than wait for a full batch.
            refreshLiveStats();
            if (!m_ready.isEmpty())
                break;
        } else {
            finishReading(); // end of file, or an error kept in m_source
        }
    }
    return takeBatch();
}

bool CaptureEngine::run(const BatchCallback &onBatch)
{
    while (!atEnd()) {
        QList<Connection> batch = nextBatch();
        if (!batch.isEmpty())
            onBatch(std::move(batch));
    }
    return !cancelled() && !error();
}

void CaptureEngine::finishReading()
{
    // Flows still open at the end (or at the damaged record) are records too.
    if (m_tcp)
        m_tcp->flush();
    m_counters.strayTcpSegments = m_tcp ? m_tcp->straySegments() : 0;
    m_counters.ignoredUdpDatagrams = m_udp ? m_udp->ignored() : 0;
    if (m_fragments) {
        m_fragments->finish();
        m_counters.reassembledPackets = m_fragments->reassembled();
        m_counters.lostFragments = m_fragments->lostFragments();
    }
    // Not one frame of an interface the reader reads: refused as a capture of
    // that link type alone is, once it is known.
    if (m_firstLinkUnsupported && !m_openError && !m_source.error() &&
        m_counters.unsupportedLinkFrames == m_counters.packets && !cancelled())
        m_openError = CaptureError{CaptureError::Code::UnsupportedLinkType,
                                   unsupportedLinkTypeMessage(m_linkType), -1, 0};
    m_bytesRead.store(m_source.isLive() || error() ? m_source.bytesRead() : m_totalBytes.load());
    m_packets.store(m_counters.packets);
    m_liveStats = m_source.liveStats();
    m_dropped.store(m_liveStats.dropped);
    m_source.close();
    m_ended = true;
}

void CaptureEngine::refreshLiveStats()
{
    if (m_source.isLive())
        m_dropped.store(m_source.liveStats().dropped, std::memory_order_relaxed);
}

void CaptureEngine::handlePacket(const Packet &packet)
{
    CaptureCounters &n = m_counters;
    ++n.packets;
    if (m_source.isLive() && n.packets % 1024 == 0)
        refreshLiveStats(); // a system call: not for every packet
    n.capturedBytes += packet.data.size();
    if (n.packets % kProgressEvery == 0 || m_source.isLive()) {
        m_bytesRead.store(m_source.bytesRead(), std::memory_order_relaxed);
        m_packets.store(n.packets, std::memory_order_relaxed);
    }
    const LinkFrame link = decodeLinkLayer(packet.linkType, packet.data);
    if (link.protocol == NetworkProtocol::None) {
        // Asked only here, off the path of every IP packet.
        if (isSupportedLinkType(packet.linkType))
            ++n.nonIpFrames;
        else
            ++n.unsupportedLinkFrames;
        return;
    }
    handleNetwork(link.protocol, link.network, packet, 0);
}

// An IP packet of the capture, or one a tunnel carried (depth: tunnels
// around it). A connection inside a tunnel is read as if captured bare; its
// frames stay whole (tunnel and all) for the Wireshark hand-off.
void CaptureEngine::handleNetwork(NetworkProtocol protocol, proxy::ByteSpan network,
                                  const Packet &packet, int depth)
{
    CaptureCounters &n = m_counters;
    const IpPacket ip = decodeIp(protocol, network);
    if (ip.status == IpStatus::Fragment) {
        ++n.fragments;
        IpPacket whole;
        if (m_fragments->add(ip, packet.timeNs, whole) == IpReassembler::Result::Complete)
            handleTransport(whole, packet, depth); // its frame is the last fragment's
        return;
    }
    handleTransport(ip, packet, depth);
}

// A whole IP packet (or one rebuilt from fragments) to its TCP flow or UDP
// datagram.
void CaptureEngine::handleTransport(const IpPacket &ip, const Packet &packet, int depth)
{
    CaptureCounters &n = m_counters;
    if (ip.status != IpStatus::Ok) {
        ++n.malformedIp;
        return;
    }
    if (ip.payload.size() < ip.payloadWireLength)
        ++n.snaplenCutPackets;
    const proxy::ByteSpan l4 = ip.payload;
    if (ip.protocol == kTcp) {
        ++n.tcpSegments;
        if (l4.size() < 20) {
            ++n.cutTransportHeaders;
            return;
        }
        const std::size_t dataOffset = static_cast<std::size_t>(l4[12] >> 4) * 4;
        if (dataOffset < 20 || dataOffset > ip.payloadWireLength) {
            ++n.malformedIp;
            return;
        }
        if (l4.size() < dataOffset) {
            ++n.cutTransportHeaders;
            return;
        }
        // Built whole, field by field: zeroing it first and copying
        // endpoints through temporaries cost more than the flow lookup.
        const TcpSegment s{
            .source = NetEndpoint{ip.source, proxy::readBe16(l4, 0), ip.ipv6},
            .destination = NetEndpoint{ip.destination, proxy::readBe16(l4, 2), ip.ipv6},
            .seq = proxy::readBe32(l4, 4),
            .flags = l4[13],
            .payload = l4.subspan(dataOffset),
            .payloadWireLength = ip.payloadWireLength - static_cast<std::uint32_t>(dataOffset),
            .frame = packet.frame,
            .timeNs = packet.timeNs,
        };
        m_tcp->add(s);
    } else if (ip.protocol == kUdp) {
        ++n.udpDatagrams;
        if (l4.size() < 8) {
            ++n.cutTransportHeaders;
            return;
        }
        const std::uint32_t udpLength = proxy::readBe16(l4, 4);
        if (udpLength < 8) {
            ++n.malformedIp;
            return;
        }
        UdpDatagram d;
        const std::uint16_t destinationPort = proxy::readBe16(l4, 2);
        d.source = endpoint(ip, ip.source, proxy::readBe16(l4, 0));
        d.destination = endpoint(ip, ip.destination, destinationPort);
        d.payloadWireLength = std::min(udpLength, ip.payloadWireLength) - 8;
        d.payload = l4.subspan(8, std::min<std::size_t>(l4.size() - 8, d.payloadWireLength));
        if (depth < kMaxTunnels) {
            if (const LinkFrame inner = decodeTunnel(destinationPort, d.payload);
                inner.protocol != NetworkProtocol::None) {
                ++n.tunnelledPackets;
                handleNetwork(inner.protocol, inner.network, packet, depth + 1);
                return;
            }
        }
        d.frame = packet.frame;
        d.timeNs = packet.timeNs;
        m_udp->add(d);
    } else {
        ++n.otherTransport;
    }
}

} // namespace pl::capture
