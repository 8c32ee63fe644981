#include "connection.h"

#include <QCoreApplication>
#include <QDateTime>
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
    }
    return "unknown";
}

QString findingMessage(const Finding &f)
{
    const auto tr = [](const char *text) {
        // lupdate files the tr() calls below under the namespace, "pl::capture".
        return QCoreApplication::translate("pl::capture", text);
    };
    switch (f.code) {
    case FindingCode::HeaderMissing:
        return tr("header missing: the client's first bytes are not a PROXY header");
    case FindingCode::SecondHeader:
        return tr("second PROXY header at stream byte %1 (a client-sent header passed through: "
                  "spoofing risk)")
            .arg(f.offset);
    case FindingCode::Gap:
        return tr("gap: client bytes from stream byte %1 never arrived in the capture")
            .arg(f.offset);
    case FindingCode::SnaplenCut:
        return tr("frame %1 was cut by the snap length; bytes from stream byte %2 are missing")
            .arg(f.frame)
            .arg(f.offset);
    case FindingCode::MidStream:
        return tr("the capture starts after the handshake");
    case FindingCode::Retransmission:
        return tr("client retransmitted bytes at stream byte %1 (frame %2)")
            .arg(f.offset)
            .arg(f.frame);
    case FindingCode::OverlapMismatch:
        return tr("frame %1 resent stream byte %2 with different content; the first copy is used")
            .arg(f.frame)
            .arg(f.offset);
    case FindingCode::BufferCap:
        return tr("stopped reassembling at %1 bytes before the header was complete").arg(f.offset);
    case FindingCode::ClientGuessed:
        return tr("no handshake and no PROXY signature: the client side is guessed from the ports");
    case FindingCode::NoData:
        return tr("the client sent no bytes (a TCP health check or an aborted connection)");
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
    if (!e.ipv6) {
        return QStringLiteral("%1.%2.%3.%4:%5")
            .arg(e.ip[0])
            .arg(e.ip[1])
            .arg(e.ip[2])
            .arg(e.ip[3])
            .arg(e.port);
    }
    Q_IPV6ADDR raw;
    std::copy(e.ip.begin(), e.ip.end(), raw.c);
    return QLatin1Char('[') + QHostAddress(raw).toString() + QStringLiteral("]:") +
           QString::number(e.port);
}

QHostAddress hostAddress(const NetEndpoint &e)
{
    if (!e.ipv6)
        return QHostAddress((quint32{e.ip[0]} << 24) | (quint32{e.ip[1]} << 16) |
                            (quint32{e.ip[2]} << 8) | quint32{e.ip[3]});
    return QHostAddress(e.ip.data());
}

QString timestampText(std::int64_t ns)
{
    const std::int64_t seconds = ns >= 0 ? ns / 1'000'000'000 : (ns + 1) / 1'000'000'000 - 1;
    const std::int64_t fraction = ns - seconds * 1'000'000'000;
    const QDateTime t = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('.') +
           QStringLiteral("%1").arg(fraction, 9, 10, QLatin1Char('0')) + QLatin1Char('Z');
}

} // namespace pl::capture
