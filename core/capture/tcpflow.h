#pragma once

#include "connection.h"
#include "streamreassembler.h"

namespace pl::capture {

struct SummaryCaches;

// One TCP segment as the flow table needs it.
struct TcpSegment
{
    NetEndpoint source;
    NetEndpoint destination;
    std::uint32_t seq = 0;
    std::uint8_t flags = 0;
    proxy::ByteSpan payload;             // captured
    std::uint32_t payloadWireLength = 0; // > payload.size() when the snaplen cut it
    std::uint64_t frame = 0;
    std::int64_t timeNs = 0;
};

namespace tcpflag {
inline constexpr std::uint8_t Fin = 0x01;
inline constexpr std::uint8_t Syn = 0x02;
inline constexpr std::uint8_t Rst = 0x04;
inline constexpr std::uint8_t Ack = 0x10;
} // namespace tcpflag
// One TCP connection: decides which side is the client, reassembles the
// first bytes of each direction, decodes the header as soon as it is
// complete and summarises what follows. Buffers are dropped as soon as the
// header, the request summary and the response are known.
class TcpFlow
{
public:
    struct Options
    {
        proxy::VendorProfile vendor = proxy::VendorProfile::Auto;
        // Client bytes kept per flow: the largest v2 header plus a request.
        std::uint32_t clientCap = 16 + 65535 + 4096;
        std::uint32_t serverCap = 1024;
    };

    // `texts` (shared by the table's flows) must outlive the flow.
    TcpFlow(const Options &options, const TcpSegment &first, SummaryCaches &caches);

    void add(const TcpSegment &segment);
    // A new SYN on this 4-tuple: the old connection ended, a new one starts.
    bool isNewConnection(const TcpSegment &segment) const;
    bool closed() const { return m_rst || (m_dir[0].fin && m_dir[1].fin); }
    // Worth a record: a handshake or payload was seen.
    bool reportable() const { return m_sawSyn || m_dir[0].bytes > 0 || m_dir[1].bytes > 0; }
    std::uint64_t firstFrame() const { return m_record.firstFrame; }
    std::uint64_t segments() const { return m_segments; }

    // Completes the record with what arrived (gaps, cut headers...).
    Connection finish();

private:
    struct Direction
    {
        NetEndpoint source;
        StreamReassembler stream;
        std::uint32_t bytes = 0; // payload bytes seen on the wire
        bool fin = false;
        bool syn = false;
        bool pastSyn = false; // a segment without SYN: the handshake went on
        bool sawPayload = false;
        std::uint64_t cutFrame = 0;  // first snaplen-cut segment
        std::uint32_t cutOffset = 0; // stream offset where its missing bytes start
        std::uint64_t retransmitFrame = 0;
        std::uint32_t retransmitOffset = 0;
        std::uint64_t mismatchFrame = 0;
        std::uint32_t mismatchOffset = 0;
    };

    void analyse(std::uint64_t frame, bool ending);
    void decideClientByPorts();
    void addFinding(FindingCode code, std::uint64_t frame, std::uint32_t offset);
    void decodeHeader(std::uint64_t frame, bool ending);
    void summarizeRequest(std::uint64_t frame, bool ending);
    void summarizeResponse(bool ending);

    Options m_options;
    SummaryCaches *m_caches;
    Connection m_record;
    Direction m_dir[2]; // [0]: from the first packet's source
    int m_client = -1;  // index into m_dir, -1 while unknown
    bool m_sawSyn = false;
    bool m_rst = false;
    bool m_clientGuessed = false;
    bool m_secondHeaderChecked = false;
    std::uint32_t m_secondHeaderLength = 0;
    bool m_headerDone = false;
    bool m_requestDone = false;
    bool m_responseDone = false;
    std::uint32_t m_headerLength = 0;
    std::uint64_t m_segments = 0;
};

} // namespace pl::capture
