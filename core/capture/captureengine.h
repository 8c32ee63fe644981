#pragma once

#include "connection.h"
#include "pcapsource.h"

#include <QList>

#include <atomic>
#include <functional>
#include <memory>

namespace pl::capture {

enum class NetworkProtocol : std::uint8_t; // linklayer.h

class IpReassembler;
class TcpFlowTable;
struct IpPacket;
class UdpDatagrams;

struct CaptureOptions
{
    proxy::VendorProfile vendor = proxy::VendorProfile::Auto;
    qsizetype batchSize = 512; // connections per delivered batch
};

// What the reader met besides connections; shown in the totals.
struct CaptureCounters
{
    std::uint64_t packets = 0;
    std::uint64_t capturedBytes = 0;
    std::uint64_t nonIpFrames = 0; // ARP, LLDP, frames too short for their link header
    // Frames of a pcapng interface whose link type is not read (802.11, USB
    // beside an Ethernet interface).
    std::uint64_t unsupportedLinkFrames = 0;
    std::uint64_t malformedIp = 0;
    std::uint64_t fragments = 0;          // IP fragments read
    std::uint64_t reassembledPackets = 0; // datagrams rebuilt from them
    std::uint64_t lostFragments = 0;      // of datagrams never rebuilt (IpReassembler)
    std::uint64_t otherTransport = 0;     // ICMP, ESP, ...
    std::uint64_t tcpSegments = 0;
    std::uint64_t udpDatagrams = 0;
    std::uint64_t snaplenCutPackets = 0;   // captured fewer bytes than the IP header says
    std::uint64_t cutTransportHeaders = 0; // so few that the TCP/UDP header is incomplete
    std::uint64_t strayTcpSegments = 0;    // no handshake, no payload: not a record
    std::uint64_t ignoredUdpDatagrams = 0; // UDP without PROXY header on a flow that never had one
    std::uint64_t tunnelledPackets = 0;    // decoded from inside VXLAN or GENEVE (tunnels.h)

    // Totals over several captures.
    CaptureCounters &operator+=(const CaptureCounters &o)
    {
        packets += o.packets;
        capturedBytes += o.capturedBytes;
        nonIpFrames += o.nonIpFrames;
        unsupportedLinkFrames += o.unsupportedLinkFrames;
        malformedIp += o.malformedIp;
        fragments += o.fragments;
        reassembledPackets += o.reassembledPackets;
        lostFragments += o.lostFragments;
        otherTransport += o.otherTransport;
        tcpSegments += o.tcpSegments;
        udpDatagrams += o.udpDatagrams;
        snaplenCutPackets += o.snaplenCutPackets;
        cutTransportHeaders += o.cutTransportHeaders;
        strayTcpSegments += o.strayTcpSegments;
        ignoredUdpDatagrams += o.ignoredUdpDatagrams;
        tunnelledPackets += o.tunnelledPackets;
        return *this;
    }
};

// Snapshot for a progress bar; safe to take from any thread.
struct CaptureProgress
{
    std::int64_t bytesRead = 0;
    std::int64_t totalBytes = -1; // -1: live capture
    std::uint64_t packets = 0;
    std::uint64_t connections = 0;
    std::uint64_t dropped = 0; // live: libpcap's kernel drops so far (refreshed now and then)
};

// Reads a capture file or a live interface and yields Connection records
// in batches: pull them with nextBatch(), or let run() push them to a
// callback. Meant to live on a worker thread; progress() and cancel() may be
// called from any thread. Memory grows with the connections still open in
// the capture, not with packets: finished flows leave the table at once.
class CaptureEngine
{
public:
    using BatchCallback = std::function<void(QList<Connection> &&batch)>;
    // Sees every packet as read (on the reading thread), before it is
    // decoded; e.g. to save a live capture. The packet's data is valid
    // during the call only.
    using PacketTap = std::function<void(const Packet &packet)>;

    explicit CaptureEngine(CaptureOptions options = {});
    ~CaptureEngine();
    CaptureEngine(const CaptureEngine &) = delete;
    CaptureEngine &operator=(const CaptureEngine &) = delete;

    // False with error() set: missing file, not a capture, unsupported link type.
    bool openFile(const QString &path);
    bool openStream(io::InputStream &&in, const QString &path);
    bool openLive(const LiveOptions &options);

    // The next batch; an empty list means reading ended (end of file,
    // cancel(), or an error()). Records read before a damaged record are
    // always delivered.
    QList<Connection> nextBatch();
    bool atEnd() const { return m_ended && m_ready.isEmpty(); }

    // Reads to the end, one callback per batch. False when cancelled or
    // stopped by an error.
    bool run(const BatchCallback &onBatch);

    // Set before reading starts; an empty tap costs one test per packet.
    void setPacketTap(PacketTap tap) { m_tap = std::move(tap); }

    void cancel() { m_cancel.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancel.load(std::memory_order_relaxed); }
    CaptureProgress progress() const;

    const CaptureError &error() const { return m_openError ? m_openError : m_source.error(); }
    // Counters are updated by the reading thread; read them after the end.
    const CaptureCounters &counters() const { return m_counters; }
    int linkType() const { return m_linkType; }
    std::uint32_t snaplen() const { return m_snaplen; }
    // libpcap's received/dropped counts of a live capture, taken when
    // reading ended (read them after the end).
    const LiveStats &liveStats() const { return m_liveStats; }

private:
    bool start();
    void handlePacket(const Packet &packet);
    void handleNetwork(NetworkProtocol protocol, proxy::ByteSpan network, const Packet &packet,
                       int depth);
    void handleTransport(const IpPacket &ip, const Packet &packet, int depth);
    void finishReading();
    void refreshLiveStats();
    QList<Connection> takeBatch();

    CaptureOptions m_options;
    PcapSource m_source;
    std::unique_ptr<TcpFlowTable> m_tcp;
    std::unique_ptr<UdpDatagrams> m_udp;
    std::unique_ptr<IpReassembler> m_fragments;
    QList<Connection> m_ready;
    CaptureCounters m_counters;
    PacketTap m_tap;
    LiveStats m_liveStats;
    int m_linkType = -1;
    // The first interface's link type is not read: a pcapng read on for the
    // interfaces after it, refused at the end if none was readable.
    bool m_firstLinkUnsupported = false;
    std::uint32_t m_snaplen = 0;
    CaptureError m_openError;
    bool m_ended = true;
    std::atomic<bool> m_cancel{false};
    std::atomic<std::int64_t> m_bytesRead{0};
    std::atomic<std::int64_t> m_totalBytes{-1};
    std::atomic<std::uint64_t> m_packets{0};
    std::atomic<std::uint64_t> m_connections{0};
    std::atomic<std::uint64_t> m_dropped{0};
};

} // namespace pl::capture
