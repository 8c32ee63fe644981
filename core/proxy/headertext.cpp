#include "headertext.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStringBuilder>

namespace pl::proxy {

QString hexString(ByteSpan bytes, QChar separator)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    QString out;
    out.reserve(static_cast<qsizetype>(bytes.size() * (separator.isNull() ? 2 : 3)));
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0 && !separator.isNull())
            out += separator;
        out += QLatin1Char(kDigits[bytes[i] >> 4]);
        out += QLatin1Char(kDigits[bytes[i] & 0x0F]);
    }
    return out;
}

QString hexNumber(std::uint32_t value, int digits)
{
    return QLatin1String("0x") % QStringLiteral("%1").arg(value, digits, 16, QLatin1Char('0'));
}

QString utf8Text(ByteSpan bytes)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(bytes.data()),
                             static_cast<qsizetype>(bytes.size()));
}

QString printableOrHex(ByteSpan bytes)
{
    const QByteArray raw(reinterpret_cast<const char *>(bytes.data()),
                         static_cast<qsizetype>(bytes.size()));
    bool printable = !raw.isEmpty();
    for (char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            printable = false;
            break;
        }
    }
    if (printable && QString::fromUtf8(raw).toUtf8() == raw)
        return QString::fromUtf8(raw);
    return hexString(bytes);
}

QString escapedControls(QStringView text, bool keepNewlines)
{
    const auto isControl = [](char16_t c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    };
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!isControl(u) || (keepNewlines && u == u'\n'))
            escaped += c;
        else if (u < 0x80)
            escaped += QStringLiteral("\\x%1").arg(unsigned(u), 2, 16, QLatin1Char('0'));
        else
            escaped += QStringLiteral("\\u%1").arg(unsigned(u), 4, 16, QLatin1Char('0'));
    }
    return escaped;
}

QString unixPathText(ByteSpan path)
{
    std::size_t n = 0;
    while (n < path.size() && path[n] != 0)
        ++n;
    // The sender writes the path: an escape sequence in it would drive the
    // terminal of whoever reads the decode (title, clear screen).
    return escapedControls(
        QString::fromUtf8(reinterpret_cast<const char *>(path.data()), static_cast<qsizetype>(n)));
}

namespace {

// Decimal digits of value (a byte or a port: < 100000) at `at`; returns the end.
char *decimal(char *at, unsigned value)
{
    Q_ASSERT(value < 100000);
    char reversed[5];
    int n = 0;
    do {
        reversed[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0 && n < 5);
    while (n > 0)
        *at++ = reversed[--n];
    return at;
}

} // namespace

std::size_t ipv4Chars(const std::uint8_t *address, int port, char (&text)[24])
{
    char *at = decimal(text, address[0]);
    for (int i = 1; i < 4; ++i) {
        *at++ = '.';
        at = decimal(at, address[i]);
    }
    if (port >= 0) {
        *at++ = ':';
        at = decimal(at, static_cast<unsigned>(port));
    }
    return static_cast<std::size_t>(at - text);
}

QString ipv4Text(const std::uint8_t *address, int port)
{
    char text[24];
    return QString::fromLatin1(text, static_cast<qsizetype>(ipv4Chars(address, port, text)));
}

QString addressText(const ProxyHeader &header, const Endpoint &endpoint)
{
    if (!header.addressesDecoded)
        return {};
    switch (header.family) {
    case Family::Inet:
        return ipv4Text(endpoint.ip.data());
    case Family::Inet6:
        return QHostAddress(endpoint.ip.data()).toString();
    case Family::Unix:
        return unixPathText(endpoint.unixPath);
    case Family::Unspec:
        break;
    }
    return {};
}

QString hostPortText(const std::uint8_t *address, bool ipv6, std::uint16_t port)
{
    if (!ipv6)
        return ipv4Text(address, port);
    return QLatin1Char('[') % QHostAddress(address).toString() % QLatin1String("]:") %
           QString::number(port);
}

QString endpointText(const ProxyHeader &header, const Endpoint &endpoint)
{
    if (!header.addressesDecoded)
        return {};
    switch (header.family) {
    case Family::Inet:
    case Family::Inet6:
        return hostPortText(endpoint.ip.data(), header.family == Family::Inet6, endpoint.port);
    case Family::Unix:
        return unixPathText(endpoint.unixPath);
    case Family::Unspec:
        break;
    }
    return {};
}

QString endpointIdText(const VendorIds &ids)
{
    if (!ids.alibabaEndpointId.empty())
        return utf8Text(ids.alibabaEndpointId);
    if (!ids.awsVpceId.empty())
        return utf8Text(ids.awsVpceId);
    if (ids.azureLinkId)
        return QStringLiteral("LinkID %1").arg(*ids.azureLinkId);
    if (ids.gcpPscId)
        return QStringLiteral("PSC %1").arg(*ids.gcpPscId);
    return {};
}

// Invalid nibbles are named UNKNOWN, never as a valid value: the decoder
// keeps them as read so the breakdown can point at them, and a header with
// command 5 must not read as PROXY in JSON or a summary.
const char *commandName(Command command)
{
    switch (command) {
    case Command::Local:
        return "LOCAL";
    case Command::Proxy:
        return "PROXY";
    }
    return "UNKNOWN";
}

const char *familyName(Family family)
{
    switch (family) {
    case Family::Inet:
        return "INET";
    case Family::Inet6:
        return "INET6";
    case Family::Unix:
        return "UNIX";
    case Family::Unspec:
        return "UNSPEC";
    }
    return "UNKNOWN";
}

const char *transportName(Transport transport)
{
    switch (transport) {
    case Transport::Stream:
        return "STREAM";
    case Transport::Dgram:
        return "DGRAM";
    case Transport::Unspec:
        return "UNSPEC";
    }
    return "UNKNOWN";
}

const char *crcStateName(CrcState state)
{
    switch (state) {
    case CrcState::Valid:
        return "valid";
    case CrcState::Invalid:
        return "invalid";
    case CrcState::Absent:
        break;
    }
    return "absent";
}

// The translation context of the family descriptions (lupdate reads it).
class FamilyText
{
    Q_DECLARE_TR_FUNCTIONS(pl::proxy::FamilyText)
};

QString familyDescription(Family family, Transport transport)
{
    if (family == Family::Unspec)
        return FamilyText::tr("unspecified (no addresses)");
    if (static_cast<unsigned>(transport) > static_cast<unsigned>(Transport::Dgram))
        return FamilyText::tr("invalid transport");
    const bool dgram = transport == Transport::Dgram;
    switch (family) {
    case Family::Inet:
        return dgram ? FamilyText::tr("UDP over IPv4") : FamilyText::tr("TCP over IPv4");
    case Family::Inet6:
        return dgram ? FamilyText::tr("UDP over IPv6") : FamilyText::tr("TCP over IPv6");
    case Family::Unix:
        return dgram ? FamilyText::tr("UNIX datagram") : FamilyText::tr("UNIX stream");
    case Family::Unspec:
        break;
    }
    return FamilyText::tr("invalid family");
}

} // namespace pl::proxy
