#include "ipdecode.h"

#include <algorithm>
#include <cstring>

namespace pl::capture {

namespace {

constexpr std::uint8_t kHopByHop = 0;
constexpr std::uint8_t kRouting = 43;
constexpr std::uint8_t kFragment = 44;
constexpr std::uint8_t kDestinationOptions = 60;
constexpr std::uint8_t kMobility = 135;

void setPayload(IpPacket &ip, proxy::ByteSpan packet, std::size_t start, std::size_t wireEnd)
{
    const std::size_t capturedEnd = std::min(packet.size(), wireEnd);
    ip.payload =
        start <= capturedEnd ? packet.subspan(start, capturedEnd - start) : proxy::ByteSpan{};
    ip.payloadWireLength = static_cast<std::uint32_t>(wireEnd - start);
}

// An IPv4 address in the first 4 bytes of 16, built in a register and
// stored at once: the flow lookup reads it back as 8-byte words, and a wide
// load over several narrow stores stalls (store forwarding fails).
std::array<std::uint8_t, 16> v4Address(const std::uint8_t *bytes)
{
    std::array<std::uint8_t, 16> out{};
    std::memcpy(out.data(), bytes, 4);
    return out;
}

IpPacket ipv4(proxy::ByteSpan p)
{
    IpPacket ip;
    if (p.size() < 20 || (p[0] >> 4) != 4)
        return ip;
    const std::size_t headerLength = std::size_t{p[0] & 0x0Fu} * 4;
    std::size_t total = proxy::readBe16(p, 2);
    // A total length of 0 is what TCP segmentation offload leaves in the
    // packets a capture on the sending host sees (the NIC fills it in): the
    // packet is what was captured, as Wireshark reads it.
    if (total == 0)
        total = p.size();
    if (headerLength < 20 || total < headerLength || p.size() < headerLength)
        return ip;
    ip.protocol = p[9];
    ip.source = v4Address(p.data() + 12);
    ip.destination = v4Address(p.data() + 16);
    const std::uint16_t flagsOffset = proxy::readBe16(p, 6);
    const bool moreFragments = (flagsOffset & 0x2000) != 0;
    const std::uint16_t fragmentOffset = flagsOffset & 0x1FFF;
    if (fragmentOffset != 0 || moreFragments) {
        ip.status = IpStatus::Fragment;
        ip.moreFragments = moreFragments;
        ip.fragmentId = proxy::readBe16(p, 4);
        ip.fragmentOffset = std::uint32_t{fragmentOffset} * 8;
        setPayload(ip, p, headerLength, total);
        return ip;
    }
    setPayload(ip, p, headerLength, total);
    ip.status = IpStatus::Ok;
    return ip;
}

IpPacket ipv6(proxy::ByteSpan p)
{
    IpPacket ip;
    ip.ipv6 = true;
    if (p.size() < 40 || (p[0] >> 4) != 6)
        return ip;
    std::copy_n(p.begin() + 8, 16, ip.source.begin());
    std::copy_n(p.begin() + 24, 16, ip.destination.begin());
    const std::size_t wireEnd = 40 + std::size_t{proxy::readBe16(p, 4)};
    std::uint8_t next = p[6];
    std::size_t at = 40;
    for (;;) {
        if (next == kHopByHop || next == kRouting || next == kDestinationOptions ||
            next == kMobility) {
            if (at + 2 > p.size() || at + 2 > wireEnd)
                return ip;
            const std::size_t length = (std::size_t{p[at + 1]} + 1) * 8;
            next = p[at];
            at += length;
            continue;
        }
        if (next == kFragment) {
            if (at + 8 > p.size() || at + 8 > wireEnd)
                return ip;
            const std::uint16_t offsetFlags = proxy::readBe16(p, at + 2);
            // An atomic fragment (offset 0, no more fragments) is a whole packet.
            if ((offsetFlags & 0xFFF9) != 0) {
                ip.protocol = p[at];
                ip.status = IpStatus::Fragment;
                ip.moreFragments = (offsetFlags & 1) != 0;
                ip.fragmentId = proxy::readBe32(p, at + 4);
                ip.fragmentOffset = offsetFlags & 0xFFF8;
                setPayload(ip, p, at + 8, wireEnd);
                return ip;
            }
            next = p[at];
            at += 8;
            continue;
        }
        break;
    }
    if (at > wireEnd)
        return ip;
    ip.protocol = next;
    setPayload(ip, p, at, wireEnd);
    ip.status = IpStatus::Ok;
    return ip;
}

} // namespace

IpPacket decodeIp(NetworkProtocol protocol, proxy::ByteSpan packet)
{
    if (protocol == NetworkProtocol::IPv4)
        return ipv4(packet);
    if (protocol == NetworkProtocol::IPv6)
        return ipv6(packet);
    return {};
}

IpPacket decodeReassembled(const IpPacket &first, proxy::ByteSpan data)
{
    IpPacket ip;
    ip.source = first.source;
    ip.destination = first.destination;
    ip.ipv6 = first.ipv6;
    std::uint8_t next = first.protocol;
    std::size_t at = 0;
    // The fragmentable part of an IPv6 packet may start with destination
    // options (or routing) before the transport header.
    while (ip.ipv6 && (next == kHopByHop || next == kRouting || next == kDestinationOptions ||
                       next == kMobility)) {
        if (at + 2 > data.size())
            return ip; // Malformed
        const std::size_t length = (std::size_t{data[at + 1]} + 1) * 8;
        next = data[at];
        at += length;
    }
    if (ip.ipv6 && next == kFragment)
        return ip; // a fragment inside a fragment: Malformed
    if (at > data.size())
        return ip;
    ip.protocol = next;
    setPayload(ip, data, at, data.size());
    ip.status = IpStatus::Ok;
    return ip;
}

} // namespace pl::capture
