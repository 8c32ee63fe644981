#pragma once

// Addresses of flow-log records as one 128-bit number: IPv4 is held as
// IPv4-mapped IPv6 (::ffff:a.b.c.d) so that one prefix table serves both
// families and comparisons are plain integer comparisons.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pl::flowlog {

__extension__ typedef unsigned __int128 Uint128;

struct IpAddress
{
    Uint128 value = 0;

    bool isV4() const { return (value >> 32) == Uint128(0xFFFF); }
    friend bool operator==(const IpAddress &a, const IpAddress &b) { return a.value == b.value; }
    friend bool operator<(const IpAddress &a, const IpAddress &b) { return a.value < b.value; }
};

// Parses dotted IPv4 or IPv6 text; nullopt for anything else (including "-").
std::optional<IpAddress> parseIpAddress(std::string_view text);
std::string ipAddressText(const IpAddress &ip);

// A CIDR in the 128-bit space: IPv4 /p is 96 + p. Host bits are cleared.
struct IpPrefix
{
    IpAddress network;
    int length = 128;

    Uint128 first() const { return network.value; }
    Uint128 last() const;
};

// "a.b.c.d/n", "x::/n" or a bare address (/32, /128).
std::optional<IpPrefix> parseIpPrefix(std::string_view text);

} // namespace pl::flowlog
