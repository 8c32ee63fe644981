#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace pl::policy {

// An address as 16 bytes; IPv4 is held as IPv4-mapped IPv6 (::ffff:a.b.c.d)
// so that "10.0.0.0/8" and a client seen as "::ffff:10.0.0.14" meet.
struct IpValue
{
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;
};

std::optional<IpValue> parseIp(QStringView text);

// An IPv4 or IPv6 CIDR; a bare address is a /32 or /128.
struct IpRange
{
    IpValue network;
    int prefix = 128; // in the 128-bit space (IPv4 /p is 96 + p)
    bool hostBitsSet = false;

    bool contains(const IpValue &ip) const;
};

std::optional<IpRange> parseIpRange(QStringView text);

} // namespace pl::policy
