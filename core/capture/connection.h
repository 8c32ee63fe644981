#pragma once

#include "headerfacts.h"
#include "proxy/bytearrayspan.h"
#include "proxy/header.h"
#include "requestsummary.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <cstring>

namespace pl::capture {

enum class TransportProtocol : std::uint8_t
{
    Tcp,
    Udp
};
// How a TCP connection ended as far as the capture shows.
enum class EndState : std::uint8_t
{
    Open,
    Fin,
    Rst
};
inline constexpr std::size_t kEndStateCount = static_cast<std::size_t>(EndState::Rst) + 1;

// Anomalies a user should see next to the header. Stable names in JSON.
enum class FindingCode : std::uint8_t
{
    HeaderMissing,   // the client's first bytes are not a PROXY header
    SecondHeader,    // another PROXY header right after the first
    Gap,             // client bytes missing before the header/request was complete
    SnaplenCut,      // a packet was cut by the capture's snap length
    MidStream,       // the capture started after the handshake
    Retransmission,  // the client resent header bytes (same or overlapping)
    OverlapMismatch, // a resent segment carried different bytes than the first copy
    BufferCap,       // the reassembly cap was reached before the header completed
    ClientGuessed,   // no SYN and no signature: the client side is a guess by port
    NoData,          // the client sent no bytes (TCP health check, aborted connect)
    // A v2 header's transport is not the connection's (DGRAM on TCP,
    // STREAM on UDP): backends differ, HAProxy takes it as LOCAL (the load
    // balancer's address), nginx reads the addresses anyway.
    TransportMismatch,
};
inline constexpr std::size_t kFindingCodeCount =
    static_cast<std::size_t>(FindingCode::TransportMismatch) + 1;

struct Finding
{
    FindingCode code{};
    std::uint64_t frame = 0;  // frame that showed it (0 when not tied to one)
    std::uint32_t offset = 0; // byte offset in the client stream, when it applies
};

// An IPv4 or IPv6 address plus port, as seen on the wire.
struct NetEndpoint
{
    std::array<std::uint8_t, 16> ip{}; // IPv4 in the first 4 bytes
    std::uint16_t port = 0;
    bool ipv6 = false;

    bool operator==(const NetEndpoint &o) const
    {
        // Two words, not a byte-wise memcmp: this runs for every packet.
        std::uint64_t a[2];
        std::uint64_t b[2];
        std::memcpy(a, ip.data(), 16);
        std::memcpy(b, o.ip.data(), 16);
        return a[0] == b[0] && a[1] == b[1] && port == o.port && ipv6 == o.ipv6;
    }
};

// One TCP connection or one UDP datagram, as the capture shows it. Plain data
// that outlives the packets: the header bytes are copied, so the GUI can
// keep records after the reader moved on.
struct Connection
{
    TransportProtocol transport = TransportProtocol::Tcp;
    NetEndpoint client;
    NetEndpoint server;
    std::uint64_t firstFrame = 0; // 1-based, like Wireshark
    std::uint64_t lastFrame = 0;
    std::uint64_t headerFrame = 0; // the frame that completed the header (0: none)
    std::int64_t firstTimeNs = 0;  // since the Unix epoch
    std::int64_t lastTimeNs = 0;

    QByteArray headerBytes;     // exactly the header (or what arrived of it)
    bool headerPresent = false; // the client's stream starts with a PROXY signature
    // The verdict of the reader's decode (with the reader's vendor profile),
    // kept so that filtering and exit statuses need no second decode.
    proxy::ErrorCode headerError = proxy::ErrorCode::None;
    HeaderFacts facts;      // from that same decode
    RequestSummary payload; // what followed the header, summarised
    QString response;       // the server's first response, summarised
    EndState end = EndState::Open;
    std::uint16_t responseStatus = 0; // its HTTP status code; 0: not an HTTP response
    QList<Finding> findings;
    std::uint32_t clientBytes = 0; // client-to-server payload bytes seen
    std::uint32_t serverBytes = 0;

    // Decodes headerBytes again. The result's spans point into this record's
    // headerBytes: keep the record alive (and unmodified) while using it.
    proxy::DecodeResult
    decodeHeader(proxy::VendorProfile vendor = proxy::VendorProfile::Auto) const;
    // The reader's facts when they were decoded with `vendor`, else a fresh
    // decode's.
    HeaderFacts headerFacts(proxy::VendorProfile vendor) const;
    proxy::ByteSpan headerSpan() const { return proxy::byteSpan(headerBytes); }
    bool hasFinding(FindingCode code) const;
    // Invalid: a header was sent but does not decode (bad bytes, CRC, cut).
    bool headerInvalid() const { return headerPresent && headerError != proxy::ErrorCode::None; }
};

const char *findingCodeName(FindingCode code);
QString findingMessage(const Finding &finding);
const char *endStateName(EndState state);                       // "open", "fin", "rst"
const char *transportProtocolName(TransportProtocol transport); // "tcp", "udp"
// "10.0.0.14:59074" or "[2001:db8::1]:443".
QString endpointText(const NetEndpoint &endpoint);
QHostAddress hostAddress(const NetEndpoint &endpoint);
// A socket's address and port as a capture would record them: an IPv4
// address mapped into IPv6 (a dual-stack socket) is the IPv4 address.
NetEndpoint netEndpoint(const QHostAddress &address, quint16 port);
// "2024-05-01T12:00:00.123456789Z"
QString timestampText(std::int64_t nanoseconds);
// The same into a buffer; returns its length (exports write two a record).
std::size_t timestampChars(std::int64_t nanoseconds, char (&text)[32]);

} // namespace pl::capture
