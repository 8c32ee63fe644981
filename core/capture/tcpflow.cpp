#include "tcpflow.h"

#include "payloadsummary.h"
#include "perf/summarytexts.h"

namespace pl::capture {

TcpFlow::TcpFlow(const Options &options, const TcpSegment &first, SummaryCaches &caches)
    : m_options(options), m_caches(&caches)
{
    m_dir[0].source = first.source;
    m_dir[1].source = first.destination;
    // Until the client is known both directions may hold a header.
    m_dir[0].stream.setCap(options.clientCap);
    m_dir[1].stream.setCap(options.clientCap);
    m_record.transport = TransportProtocol::Tcp;
    m_record.firstFrame = first.frame;
    m_record.firstTimeNs = first.timeNs;
}

bool TcpFlow::isNewConnection(const TcpSegment &s) const
{
    // A retransmitted SYN before any data is the same connection; a SYN
    // with another initial sequence number is a new one, even after a
    // connection that carried nothing (a health check, a lost FIN).
    const bool syn = (s.flags & tcpflag::Syn) && !(s.flags & tcpflag::Ack);
    if (!syn)
        return false;
    const Direction &dir = m_dir[s.source == m_dir[0].source ? 0 : 1];
    const bool seenSyn = dir.syn && dir.stream.hasBase();
    // The same ISN again before anything else from that side: a
    // retransmitted SYN, TCP Fast Open data and all (the data it carried is
    // already counted), unless the connection ended.
    if (seenSyn && !dir.pastSyn && dir.stream.offsetOf(s.seq + 1) == 0)
        return closed();
    return closed() || seenSyn || m_dir[0].bytes > 0 || m_dir[1].bytes > 0;
}

void TcpFlow::add(const TcpSegment &s)
{
    ++m_segments;
    m_record.lastFrame = s.frame;
    m_record.lastTimeNs = s.timeNs;
    const int d = s.source == m_dir[0].source ? 0 : 1;
    Direction &dir = m_dir[d];
    if (s.flags & tcpflag::Rst)
        m_rst = true;
    if (!(s.flags & tcpflag::Syn))
        dir.pastSyn = true;
    if (s.flags & tcpflag::Syn) {
        m_sawSyn = true;
        dir.syn = true;
        if (!dir.stream.hasBase())
            dir.stream.setBase(s.seq + 1);
        if (m_client < 0)
            m_client = (s.flags & tcpflag::Ack) ? 1 - d : d;
    }
    if (s.flags & tcpflag::Fin)
        dir.fin = true;
    if (s.payloadWireLength > 0) {
        dir.bytes += s.payloadWireLength;
        if (!dir.sawPayload) {
            dir.sawPayload = true;
            // Mid-stream: the side that opens with a PROXY signature is the client.
            if (m_client < 0 && !s.payload.empty() && proxy::looksLikeProxyHeader(s.payload))
                m_client = d;
        }
        if (!dir.stream.released()) {
            // The SYN takes one sequence number: data in it (TCP Fast Open,
            // a load balancer's header in the very first packet) starts
            // after it.
            const std::uint32_t dataSeq = (s.flags & tcpflag::Syn) ? s.seq + 1 : s.seq;
            if (!dir.stream.hasBase())
                dir.stream.setBase(dataSeq);
            if (s.payload.size() < s.payloadWireLength && dir.cutFrame == 0) {
                const std::int64_t at =
                    dir.stream.offsetOf(dataSeq) + static_cast<std::int64_t>(s.payload.size());
                dir.cutFrame = s.frame;
                dir.cutOffset = static_cast<std::uint32_t>(std::max<std::int64_t>(at, 0));
            }
            const StreamReassembler::AddResult r = dir.stream.add(dataSeq, s.payload);
            if (r.retransmission && dir.retransmitFrame == 0) {
                dir.retransmitFrame = s.frame;
                dir.retransmitOffset = r.overlapOffset;
            }
            if (r.mismatch && dir.mismatchFrame == 0) {
                dir.mismatchFrame = s.frame;
                dir.mismatchOffset = r.overlapOffset;
            }
        }
    }
    // Both sides spoke and neither opened with a signature: stop waiting
    // (and buffering) for a sign of who the client is.
    if (m_client < 0 && m_dir[0].sawPayload && m_dir[1].sawPayload)
        decideClientByPorts();
    analyse(s.frame, false);
    // The segment's bytes belong to the packet buffer: keep what is still needed.
    dir.stream.settle();
}

void TcpFlow::decideClientByPorts()
{
    // Servers listen on the lower port far more often than not.
    m_client = m_dir[0].source.port > m_dir[1].source.port ? 0 : 1;
    if (m_dir[0].source.port == m_dir[1].source.port)
        m_client = 0;
    m_clientGuessed = true;
}

void TcpFlow::analyse(std::uint64_t frame, bool ending)
{
    if (m_client < 0) {
        if (!ending)
            return;
        // One side spoke without a signature, or nobody spoke.
        decideClientByPorts();
    }
    m_dir[1 - m_client].stream.setCap(m_options.serverCap);
    if (!m_headerDone)
        decodeHeader(frame, ending);
    if (m_headerDone && !m_requestDone)
        summarizeRequest(frame, ending);
    if (!m_responseDone)
        summarizeResponse(ending);
    StreamReassembler &clientStream = m_dir[m_client].stream;
    StreamReassembler &serverStream = m_dir[1 - m_client].stream;
    if (m_headerDone && m_requestDone && !clientStream.released())
        clientStream.release();
    if (m_responseDone && !serverStream.released())
        serverStream.release();
}

void TcpFlow::addFinding(FindingCode code, std::uint64_t frame, std::uint32_t offset)
{
    m_record.findings.append(Finding{code, frame, offset});
}

void TcpFlow::decodeHeader(std::uint64_t frame, bool ending)
{
    Direction &client = m_dir[m_client];
    const proxy::ByteSpan c = client.stream.contiguous();
    if (c.empty()) {
        if (!ending)
            return;
        m_headerDone = true;
        if (client.bytes == 0)
            addFinding(FindingCode::NoData, 0, 0);
        else if (client.cutFrame != 0 && client.cutOffset == 0)
            addFinding(FindingCode::SnaplenCut, client.cutFrame, 0);
        else
            addFinding(FindingCode::Gap, 0, 0);
        return;
    }
    if (!proxy::looksLikeProxyHeader(c)) {
        m_headerDone = true;
        addFinding(FindingCode::HeaderMissing, 0, 0);
        return;
    }
    const proxy::DecodeResult r = proxy::decode(c, proxy::DecodeOptions{m_options.vendor, true});
    if (r.needsMoreData() && !ending && !client.stream.capReached())
        return;
    m_headerDone = true;
    m_record.headerPresent = true;
    if (r.needsMoreData()) {
        // The header never completed: say why instead of decoding garbage.
        const auto have = static_cast<std::uint32_t>(c.size());
        m_record.headerBytes =
            QByteArray(reinterpret_cast<const char *>(c.data()), static_cast<qsizetype>(c.size()));
        m_record.facts = headerFactsOf(r, c, have, m_options.vendor);
        m_record.headerError = m_record.facts.error;
        m_headerLength = have;
        if (client.cutFrame != 0 && client.cutOffset == have)
            addFinding(FindingCode::SnaplenCut, client.cutFrame, have);
        else if (client.stream.hasDataAfterHole())
            addFinding(FindingCode::Gap, 0, have);
        else if (client.stream.capReached())
            addFinding(FindingCode::BufferCap, 0, have);
        return;
    }
    const std::size_t length = keptHeaderLength(r, c.size());
    m_record.headerBytes =
        QByteArray(reinterpret_cast<const char *>(c.data()), static_cast<qsizetype>(length));
    m_record.facts = headerFactsOf(r, c, length, m_options.vendor);
    m_record.headerError = m_record.facts.error; // what a decode of the kept bytes says
    m_record.headerFrame = frame;
    m_headerLength = static_cast<std::uint32_t>(length);
    if (isTransportMismatch(r, proxy::Transport::Stream))
        addFinding(FindingCode::TransportMismatch, frame, kFamilyByte);
}

void TcpFlow::summarizeRequest(std::uint64_t frame, bool ending)
{
    const Direction &client = m_dir[m_client];
    const proxy::ByteSpan c = client.stream.contiguous();
    proxy::ByteSpan rest =
        m_headerLength <= c.size() ? c.subspan(m_headerLength) : proxy::ByteSpan{};
    if (m_record.headerPresent && !m_secondHeaderChecked && (rest.size() >= 6 || ending)) {
        m_secondHeaderChecked = true;
        if (!rest.empty() && proxy::looksLikeProxyHeader(rest)) {
            addFinding(FindingCode::SecondHeader, frame, m_headerLength);
            // Summarise what follows the second header, not the header itself.
            const proxy::DecodeResult second = proxy::decode(rest);
            m_secondHeaderLength = second.ok() ? second.header.totalLength : 0;
        }
    }
    if (m_record.headerPresent && !m_secondHeaderChecked)
        return;
    if (m_secondHeaderLength > 0)
        rest = m_secondHeaderLength <= rest.size() ? rest.subspan(m_secondHeaderLength)
                                                   : proxy::ByteSpan{};
    RequestRead s = capture::summarizeRequest(rest, *m_caches);
    if (s.complete || ending || client.stream.capReached() || rest.size() >= kRequestSummaryBytes) {
        m_record.payload = std::move(s.summary);
        m_requestDone = true;
    }
}

void TcpFlow::summarizeResponse(bool ending)
{
    const Direction &server = m_dir[1 - m_client];
    const proxy::ByteSpan c = server.stream.contiguous();
    PayloadSummary s = capture::summarizeResponse(c, m_caches->texts);
    if (s.complete || ending || server.stream.capReached() || c.size() >= kResponseSummaryBytes) {
        m_record.response = std::move(s.text);
        m_record.responseStatus = s.status;
        m_responseDone = true;
    }
}

Connection TcpFlow::finish()
{
    analyse(m_record.lastFrame, true);
    const Direction &client = m_dir[m_client];
    const Direction &server = m_dir[1 - m_client];
    m_record.client = client.source;
    m_record.server = server.source;
    m_record.clientBytes = client.bytes;
    m_record.serverBytes = server.bytes;
    m_record.end =
        m_rst ? EndState::Rst : (client.fin || server.fin ? EndState::Fin : EndState::Open);
    if (!m_sawSyn)
        m_record.findings.prepend(Finding{FindingCode::MidStream, m_record.firstFrame, 0});
    if (m_clientGuessed && !m_sawSyn)
        addFinding(FindingCode::ClientGuessed, 0, 0);
    if (client.retransmitFrame != 0)
        addFinding(FindingCode::Retransmission, client.retransmitFrame, client.retransmitOffset);
    if (client.mismatchFrame != 0)
        addFinding(FindingCode::OverlapMismatch, client.mismatchFrame, client.mismatchOffset);
    // A cut packet after the header still matters to someone reading the
    // request summary; report it once.
    if (client.cutFrame != 0 && !m_record.hasFinding(FindingCode::SnaplenCut))
        addFinding(FindingCode::SnaplenCut, client.cutFrame, client.cutOffset);
    return std::move(m_record);
}

} // namespace pl::capture
