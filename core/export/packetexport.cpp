#include "packetexport.h"

#include "capture/ipdecode.h"
#include "capture/linklayer.h"
#include "capture/pcapsource.h"
#include "capture/tunnels.h"
#include "pcapngwriter.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <cstring>

namespace pl::exporting {

using namespace pl::capture;

// The translation context of this file's messages: lupdate files the
// PacketExportText::tr() calls under it, as the program looks them up.
class PacketExportText
{
    Q_DECLARE_TR_FUNCTIONS(pl::exporting::PacketExportText)
};

namespace {

constexpr std::uint8_t kTcp = 6;
constexpr std::uint8_t kUdp = 17;

// Protocol, then the two endpoints in a fixed order: the same key for both
// directions of a flow.
QByteArray flowKey(std::uint8_t protocol, const NetEndpoint &a, const NetEndpoint &b)
{
    char one[19];
    char two[19];
    const auto pack = [](char *out, const NetEndpoint &e) {
        std::memcpy(out, e.ip.data(), 16);
        out[16] = static_cast<char>(e.port >> 8);
        out[17] = static_cast<char>(e.port & 0xFF);
        out[18] = e.ipv6 ? 1 : 0;
    };
    pack(one, a);
    pack(two, b);
    QByteArray key;
    key.reserve(39);
    key.append(static_cast<char>(protocol));
    if (std::memcmp(one, two, 19) <= 0) {
        key.append(one, 19);
        key.append(two, 19);
    } else {
        key.append(two, 19);
        key.append(one, 19);
    }
    return key;
}

struct FrameRange
{
    std::uint64_t first;
    std::uint64_t last;
    // A TCP connection leaves the reader's flow table at its last FIN; the
    // final ACK (and late retransmissions) follow lastFrame. They belong to
    // it until a SYN on the same 5-tuple starts another connection.
    bool tailClosed = false;
};

constexpr std::uint8_t kSynFlag = 0x02;

} // namespace

ConnectionFrames connectionFrames(const Connection &c)
{
    return ConnectionFrames{c.transport, c.client, c.server, c.firstFrame, c.lastFrame};
}

PacketExportResult writeConnectionPackets(const QString &capturePath,
                                          const QList<ConnectionFrames> &connections,
                                          const QString &outPath, const std::atomic<bool> *cancel)
{
    PacketExportResult result;
    QHash<QByteArray, QList<FrameRange>> wanted;
    for (const ConnectionFrames &c : connections) {
        const std::uint8_t protocol = c.transport == TransportProtocol::Udp ? kUdp : kTcp;
        // UDP records are single datagrams: no tail.
        wanted[flowKey(protocol, c.client, c.server)].append(
            {c.firstFrame, c.lastFrame, protocol == kUdp});
    }
    for (QList<FrameRange> &ranges : wanted)
        std::sort(ranges.begin(), ranges.end(),
                  [](const FrameRange &a, const FrameRange &b) { return a.first < b.first; });

    PcapSource source;
    if (!source.openFile(capturePath)) {
        result.error = PacketExportText::tr("%1: %2").arg(capturePath, source.error().message);
        return result;
    }
    exporting::PcapngWriter writer(outPath);
    QString error = writer.open();
    if (!error.isEmpty()) {
        result.error = PacketExportText::tr("cannot write %1: %2").arg(outPath, error);
        return result;
    }
    Packet packet;
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.error = PacketExportText::tr("cancelled");
            return result; // the writer is dropped uncommitted: no partial file
        }
        const PcapSource::ReadStatus status = source.next(packet);
        if (status == PcapSource::ReadStatus::Error) {
            // A damaged record ends the capture: the packets before it are
            // written, as the reader showed the connections before it.
            result.error = PacketExportText::tr("%1: %2").arg(capturePath, source.error().message);
            break;
        }
        if (status != PcapSource::ReadStatus::Packet)
            break;
        ++result.packetsRead;
        const LinkFrame link = decodeLinkLayer(packet.linkType, packet.data);
        if (link.protocol == NetworkProtocol::None)
            continue;
        IpPacket ip = decodeIp(link.protocol, link.network);
        // A connection inside VXLAN or GENEVE is found by its own 5-tuple,
        // as the reader found it; its frame is written whole, tunnel and all.
        for (int depth = 0; depth < kMaxTunnels && ip.status == IpStatus::Ok &&
                            ip.protocol == kUdp && ip.payload.size() >= 8;
             ++depth) {
            const LinkFrame inner =
                decodeTunnel(proxy::readBe16(ip.payload, 2), ip.payload.subspan(8));
            if (inner.protocol == NetworkProtocol::None)
                break;
            ip = decodeIp(inner.protocol, inner.network);
        }
        if (ip.status != IpStatus::Ok || (ip.protocol != kTcp && ip.protocol != kUdp) ||
            ip.payload.size() < 4)
            continue;
        const NetEndpoint from{ip.source, proxy::readBe16(ip.payload, 0), ip.ipv6};
        const NetEndpoint to{ip.destination, proxy::readBe16(ip.payload, 2), ip.ipv6};
        const auto it = wanted.find(flowKey(ip.protocol, from, to));
        if (it == wanted.end())
            continue;
        // The last chosen connection on this 5-tuple that started at or before this frame.
        auto range = std::upper_bound(
            it->begin(), it->end(), packet.frame,
            [](std::uint64_t frame, const FrameRange &r) { return frame < r.first; });
        if (range == it->begin())
            continue;
        --range;
        bool take = packet.frame <= range->last;
        if (!take && !range->tailClosed) {
            const bool syn = ip.payload.size() >= 14 && (ip.payload[13] & kSynFlag) != 0;
            range->tailClosed = syn;
            take = !syn;
        }
        if (take)
            writer.writePacket(packet.linkType, source.snaplen(), packet.timeNs, packet.wireLength,
                               packet.data);
    }
    error = writer.commit();
    if (!error.isEmpty()) {
        result.error = PacketExportText::tr("cannot write %1: %2").arg(outPath, error);
        return result;
    }
    result.written = true;
    result.packetsWritten = writer.packetsWritten();
    return result;
}

} // namespace pl::exporting
