#include "udpdatagrams.h"

#include "payloadsummary.h"

namespace pl::capture {

UdpDatagrams::UdpDatagrams(proxy::VendorProfile vendor, Sink sink)
    : m_vendor(vendor), m_sink(std::move(sink))
{}

void UdpDatagrams::add(const UdpDatagram &d)
{
    const FlowKey key = FlowKey::of(d.source, d.destination);
    const bool signature = !d.payload.empty() && proxy::looksLikeProxyHeader(d.payload);
    if (!signature) {
        // Only the side that sent headers owes one in every datagram: the
        // other side's datagrams are the backend's replies.
        const auto sender = m_clients.find(key);
        if (sender == m_clients.end() || !(sender->second == d.source)) {
            ++m_ignored;
            return;
        }
    }
    Connection c;
    c.transport = TransportProtocol::Udp;
    c.client = d.source;
    c.server = d.destination;
    c.firstFrame = c.lastFrame = d.frame;
    c.firstTimeNs = c.lastTimeNs = d.timeNs;
    c.clientBytes = d.payloadWireLength;
    const bool cut = d.payload.size() < d.payloadWireLength;
    std::size_t headerLength = 0;
    if (signature) {
        m_clients.insert_or_assign(key, d.source);
        const proxy::DecodeResult r =
            proxy::decode(d.payload, proxy::DecodeOptions{m_vendor, true});
        headerLength = keptHeaderLength(r, d.payload.size());
        c.headerPresent = true;
        c.headerFrame = d.frame;
        c.headerBytes = QByteArray(reinterpret_cast<const char *>(d.payload.data()),
                                   static_cast<qsizetype>(headerLength));
        c.facts = headerFactsOf(r, d.payload, headerLength, m_vendor);
        c.headerError = c.facts.error; // what a decode of the kept bytes says
        if (isTransportMismatch(r, proxy::Transport::Dgram))
            c.findings.append(Finding{FindingCode::TransportMismatch, d.frame, kFamilyByte});
        const proxy::ByteSpan rest = d.payload.subspan(headerLength);
        if (r.ok() && rest.size() >= 6 && proxy::looksLikeProxyHeader(rest))
            c.findings.append(Finding{FindingCode::SecondHeader, d.frame,
                                      static_cast<std::uint32_t>(headerLength)});
    } else {
        c.findings.append(Finding{FindingCode::HeaderMissing, d.frame, 0});
    }
    if (cut)
        c.findings.append(Finding{FindingCode::SnaplenCut, d.frame,
                                  static_cast<std::uint32_t>(d.payload.size())});
    c.payload = summarizeRequest(d.payload.subspan(headerLength), m_caches).summary;
    m_sink(std::move(c));
}

} // namespace pl::capture
