#include "ipmatch.h"

#include <QHostAddress>

namespace pl::policy {

namespace {

constexpr std::array<std::uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};

std::optional<IpValue> parseV4(QStringView text)
{
    IpValue ip;
    ip.v4 = true;
    for (std::size_t i = 0; i < kMappedPrefix.size(); ++i)
        ip.bytes[i] = kMappedPrefix[i];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (const QChar c : text) {
        if (c.isDigit() && c.unicode() < 128) {
            if (digits > 0 && value == 0)
                return std::nullopt; // leading zero: ambiguous (octal in some parsers)
            value = (value < 0 ? 0 : value * 10) + (c.unicode() - '0');
            if (++digits > 3 || value > 255)
                return std::nullopt;
        } else if (c == QLatin1Char('.')) {
            if (value < 0 || part == 3)
                return std::nullopt;
            ip.bytes[static_cast<std::size_t>(12 + part++)] = static_cast<std::uint8_t>(value);
            value = -1;
            digits = 0;
        } else {
            return std::nullopt;
        }
    }
    if (value < 0 || part != 3)
        return std::nullopt;
    ip.bytes[15] = static_cast<std::uint8_t>(value);
    return ip;
}

} // namespace

std::optional<IpValue> parseIp(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    if (!text.contains(QLatin1Char(':')))
        return parseV4(text);
    QHostAddress address;
    if (text.contains(QLatin1Char('%')) || !address.setAddress(text.toString()) ||
        address.protocol() != QAbstractSocket::IPv6Protocol)
        return std::nullopt;
    const Q_IPV6ADDR raw = address.toIPv6Address();
    IpValue ip;
    for (std::size_t i = 0; i < 16; ++i)
        ip.bytes[i] = raw[static_cast<int>(i)];
    ip.v4 = std::equal(kMappedPrefix.cbegin(), kMappedPrefix.cend(), ip.bytes.cbegin());
    return ip;
}

std::optional<IpRange> parseIpRange(QStringView text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const auto ip = parseIp(slash < 0 ? text : text.left(slash));
    if (!ip)
        return std::nullopt;
    IpRange range;
    range.network = *ip;
    const bool v4Text = !text.left(slash < 0 ? text.size() : slash).contains(QLatin1Char(':'));
    const int width = v4Text ? 32 : 128;
    int prefix = width;
    if (slash >= 0) {
        const QStringView digits = text.mid(slash + 1);
        if (digits.isEmpty() || digits.size() > 3)
            return std::nullopt;
        for (const QChar c : digits) {
            if (!c.isDigit() || c.unicode() >= 128)
                return std::nullopt;
        }
        prefix = digits.toInt();
        if (prefix > width)
            return std::nullopt;
    }
    range.prefix = v4Text ? 96 + prefix : prefix;
    for (int bit = range.prefix; bit < 128; ++bit) {
        const auto byte = static_cast<std::size_t>(bit / 8);
        const auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
        if (range.network.bytes[byte] & mask) {
            range.hostBitsSet = true;
            range.network.bytes[byte] =
                static_cast<std::uint8_t>(range.network.bytes[byte] & ~mask);
        }
    }
    return range;
}

bool IpRange::contains(const IpValue &ip) const
{
    // IPv4 and IPv6 stay apart, as nginx's geo and realip do: an IPv6 range
    // such as ::/0 takes in no IPv4 client (held here as ::ffff:a.b.c.d);
    // a range inside that block (an IPv4 CIDR, ::ffff:10.0.0.0/104) does.
    if (ip.v4 && (prefix < 96 || !network.v4))
        return false;
    const int fullBytes = prefix / 8;
    for (int i = 0; i < fullBytes; ++i) {
        if (ip.bytes[static_cast<std::size_t>(i)] != network.bytes[static_cast<std::size_t>(i)])
            return false;
    }
    const int rest = prefix % 8;
    if (rest == 0)
        return true;
    const auto mask = static_cast<std::uint8_t>(0xFFu << (8 - rest));
    const auto at = static_cast<std::size_t>(fullBytes);
    return (ip.bytes[at] & mask) == (network.bytes[at] & mask);
}

} // namespace pl::policy
