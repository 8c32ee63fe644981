#include "ipaddress.h"

#include <arpa/inet.h>
#include <charconv>
#include <cstring>

namespace pl::flowlog {

namespace {

constexpr Uint128 kMappedV4 = Uint128(0xFFFF) << 32;

Uint128 mask(int length)
{
    if (length <= 0)
        return 0;
    if (length >= 128)
        return ~Uint128(0);
    return ~((Uint128(1) << (128 - length)) - 1);
}

// Dotted IPv4 exactly as inet_pton accepts it (four decimal octets up to
// 255, no leading zeros), without its copy and call.
bool parseV4(std::string_view text, std::uint32_t &out)
{
    std::uint32_t value = 0;
    int octets = 0;
    std::size_t i = 0;
    while (true) {
        if (i == text.size() || text[i] < '0' || text[i] > '9')
            return false;
        unsigned octet = unsigned(text[i] - '0');
        const std::size_t first = i++;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (i - first == 3 || text[first] == '0')
                return false;
            octet = octet * 10 + unsigned(text[i++] - '0');
        }
        if (octet > 255)
            return false;
        value = (value << 8) | octet;
        if (++octets == 4)
            break;
        if (i == text.size() || text[i] != '.')
            return false;
        ++i;
    }
    if (i != text.size())
        return false;
    out = value;
    return true;
}

} // namespace

std::optional<IpAddress> parseIpAddress(std::string_view text)
{
    if (text.empty() || text.size() > 45)
        return std::nullopt;
    if (text.size() <= 15) {
        // Dotted IPv4 first: parseV4 refuses any ':', so the look for one
        // (a call per address) is made only when it failed.
        std::uint32_t v4 = 0;
        if (parseV4(text, v4))
            return IpAddress{kMappedV4 | v4};
        if (text.find(':') == std::string_view::npos)
            return std::nullopt;
    }
    char buffer[48];
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    if (text.find(':') == std::string_view::npos) {
        in_addr v4{};
        if (inet_pton(AF_INET, buffer, &v4) != 1)
            return std::nullopt;
        const std::uint32_t host = ntohl(v4.s_addr);
        return IpAddress{kMappedV4 | host};
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, buffer, &v6) != 1)
        return std::nullopt;
    Uint128 value = 0;
    for (const unsigned char byte : v6.s6_addr)
        value = (value << 8) | byte;
    return IpAddress{value};
}

std::string ipAddressText(const IpAddress &ip)
{
    char buffer[INET6_ADDRSTRLEN] = {};
    if (ip.isV4()) {
        in_addr v4{};
        v4.s_addr = htonl(static_cast<std::uint32_t>(ip.value));
        inet_ntop(AF_INET, &v4, buffer, sizeof buffer);
    } else {
        in6_addr v6{};
        Uint128 value = ip.value;
        for (int i = 15; i >= 0; --i) {
            v6.s6_addr[i] = static_cast<unsigned char>(value & 0xFF);
            value >>= 8;
        }
        inet_ntop(AF_INET6, &v6, buffer, sizeof buffer);
    }
    return buffer;
}

Uint128 IpPrefix::last() const
{
    return network.value | ~mask(length);
}

std::optional<IpPrefix> parseIpPrefix(std::string_view text)
{
    const std::size_t slash = text.find('/');
    const auto address = parseIpAddress(text.substr(0, slash));
    if (!address)
        return std::nullopt;
    const int base = address->isV4() ? 96 : 0;
    int length = 128;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        int value = -1;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec != std::errc() || end != digits.data() + digits.size() || value < 0 ||
            value > 128 - base)
            return std::nullopt;
        length = base + value;
    }
    return IpPrefix{IpAddress{address->value & mask(length)}, length};
}

} // namespace pl::flowlog
