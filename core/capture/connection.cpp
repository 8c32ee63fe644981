#include "connection.h"

#include "proxy/headertext.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace pl::capture {

proxy::DecodeResult Connection::decodeHeader(proxy::VendorProfile vendor) const
{
    return proxy::decode(headerSpan(), proxy::DecodeOptions{vendor, true});
}

HeaderFacts Connection::headerFacts(proxy::VendorProfile vendor) const
{
    if (facts.decoded && facts.vendor == vendor)
        return facts;
    if (!headerPresent)
        return {};
    const proxy::ByteSpan bytes = headerSpan();
    return headerFactsOf(decodeHeader(vendor), bytes, bytes.size(), vendor);
}

bool Connection::hasFinding(FindingCode code) const
{
    for (const Finding &f : findings)
        if (f.code == code)
            return true;
    return false;
}

const char *findingCodeName(FindingCode code)
{
    switch (code) {
    case FindingCode::HeaderMissing:
        return "header_missing";
    case FindingCode::SecondHeader:
        return "second_header";
    case FindingCode::Gap:
        return "gap";
    case FindingCode::SnaplenCut:
        return "snaplen_cut";
    case FindingCode::MidStream:
        return "mid_stream";
    case FindingCode::Retransmission:
        return "retransmission";
    case FindingCode::OverlapMismatch:
        return "overlap_mismatch";
    case FindingCode::BufferCap:
        return "buffer_cap";
    case FindingCode::ClientGuessed:
        return "client_guessed";
    case FindingCode::NoData:
        return "no_data";
    case FindingCode::TransportMismatch:
        return "transport_mismatch";
    }
    return "unknown";
}

// The translation context of capture findings: lupdate files the
// FindingText::tr() calls under it, as the program looks them up.
class FindingText
{
    Q_DECLARE_TR_FUNCTIONS(pl::capture::FindingText)
};

QString findingMessage(const Finding &f)
{
    switch (f.code) {
    case FindingCode::HeaderMissing:
        return FindingText::tr("header missing: the client's first bytes are not a PROXY header");
    case FindingCode::SecondHeader:
        return FindingText::tr(
                   "second PROXY header at stream byte %1 (a client-sent header passed through: "
                   "spoofing risk)")
            .arg(f.offset);
    case FindingCode::Gap:
        return FindingText::tr("gap: client bytes from stream byte %1 never arrived in the capture")
            .arg(f.offset);
    case FindingCode::SnaplenCut:
        return FindingText::tr(
                   "frame %1 was cut by the snap length; bytes from stream byte %2 are missing")
            .arg(f.frame)
            .arg(f.offset);
    case FindingCode::MidStream:
        return FindingText::tr("the capture starts after the handshake");
    case FindingCode::Retransmission:
        return FindingText::tr("client retransmitted bytes at stream byte %1 (frame %2)")
            .arg(f.offset)
            .arg(f.frame);
    case FindingCode::OverlapMismatch:
        return FindingText::tr(
                   "frame %1 resent stream byte %2 with different content; the first copy is used")
            .arg(f.frame)
            .arg(f.offset);
    case FindingCode::BufferCap:
        return FindingText::tr("stopped reassembling at %1 bytes before the header was complete")
            .arg(f.offset);
    case FindingCode::ClientGuessed:
        return FindingText::tr(
            "no handshake and no PROXY signature: the client side is guessed from the ports");
    case FindingCode::NoData:
        return FindingText::tr(
            "the client sent no bytes (a TCP health check or an aborted connection)");
    case FindingCode::TransportMismatch:
        return FindingText::tr(
                   "header byte %1 says another transport than the connection's (DGRAM on TCP "
                   "or STREAM on UDP): HAProxy then uses the load balancer's address, nginx the "
                   "header's")
            .arg(f.offset);
    }
    return {};
}

const char *endStateName(EndState state)
{
    switch (state) {
    case EndState::Open:
        return "open";
    case EndState::Fin:
        return "fin";
    case EndState::Rst:
        return "rst";
    }
    return "open";
}

const char *transportProtocolName(TransportProtocol transport)
{
    return transport == TransportProtocol::Udp ? "udp" : "tcp";
}

QString endpointText(const NetEndpoint &e)
{
    return proxy::hostPortText(e.ip.data(), e.ipv6, e.port);
}

QHostAddress hostAddress(const NetEndpoint &e)
{
    if (!e.ipv6)
        return QHostAddress((quint32{e.ip[0]} << 24) | (quint32{e.ip[1]} << 16) |
                            (quint32{e.ip[2]} << 8) | quint32{e.ip[3]});
    return QHostAddress(e.ip.data());
}

NetEndpoint netEndpoint(const QHostAddress &address, quint16 port)
{
    NetEndpoint e;
    e.port = port;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        e.ip = {std::uint8_t(v4 >> 24), std::uint8_t(v4 >> 16), std::uint8_t(v4 >> 8),
                std::uint8_t(v4)};
        return e;
    }
    e.ipv6 = true;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    std::copy_n(bytes.c, 16, e.ip.data());
    return e;
}

namespace {

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
// days_from_civil inverse): exports print two timestamps per connection,
// and QDateTime formatting was a third of a JSON export's time.
void civilFromDays(std::int64_t days, std::int64_t &year, unsigned &month, unsigned &day)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned mp = (5 * dayOfYear + 2) / 153;
    day = dayOfYear - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

char *digits(char *at, std::int64_t value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        at[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return at + width;
}

} // namespace

std::size_t timestampChars(std::int64_t ns, char (&text)[32])
{
    const std::int64_t seconds = ns >= 0 ? ns / 1'000'000'000 : (ns + 1) / 1'000'000'000 - 1;
    const std::int64_t fraction = ns - seconds * 1'000'000'000;
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds + 1) / 86400 - 1;
    const std::int64_t secondOfDay = seconds - days * 86400;
    std::int64_t year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civilFromDays(days, year, month, day);
    // 64-bit nanoseconds span 1677..2262: the year always has four digits.
    char *at = digits(text, year, 4); // yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ
    *at++ = '-';
    at = digits(at, month, 2);
    *at++ = '-';
    at = digits(at, day, 2);
    *at++ = 'T';
    at = digits(at, secondOfDay / 3600, 2);
    *at++ = ':';
    at = digits(at, secondOfDay / 60 % 60, 2);
    *at++ = ':';
    at = digits(at, secondOfDay % 60, 2);
    *at++ = '.';
    at = digits(at, fraction, 9);
    *at++ = 'Z';
    return static_cast<std::size_t>(at - text);
}

QString timestampText(std::int64_t ns)
{
    char text[32];
    return QString::fromLatin1(text, static_cast<qsizetype>(timestampChars(ns, text)));
}

} // namespace pl::capture
