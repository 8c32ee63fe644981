#include "tunnels.h"

#include <pcap/dlt.h>

namespace pl::capture {

namespace {

constexpr std::size_t kVxlanHeader = 8;
constexpr std::size_t kGeneveHeader = 8;
constexpr std::uint8_t kVxlanVniFlag = 0x08;     // RFC 7348: the I flag, set on every packet
constexpr std::uint16_t kEtherBridging = 0x6558; // Transparent Ethernet Bridging

LinkFrame vxlan(proxy::ByteSpan payload)
{
    if (payload.size() < kVxlanHeader || (payload[0] & kVxlanVniFlag) == 0)
        return {};
    return decodeLinkLayer(DLT_EN10MB, payload.subspan(kVxlanHeader));
}

// RFC 8926: version 0, options of (byte 0 & 0x3F) four-byte words after
// the fixed header, then a packet of the protocol type in bytes 2-3.
LinkFrame geneve(proxy::ByteSpan payload)
{
    if (payload.size() < kGeneveHeader || (payload[0] >> 6) != 0)
        return {};
    const std::size_t header = kGeneveHeader + std::size_t(payload[0] & 0x3F) * 4;
    if (payload.size() < header)
        return {};
    const proxy::ByteSpan inner = payload.subspan(header);
    const std::uint16_t type = proxy::readBe16(payload, 2);
    return type == kEtherBridging ? decodeLinkLayer(DLT_EN10MB, inner) : byEtherType(type, inner);
}

} // namespace

LinkFrame decodeTunnel(std::uint16_t destinationPort, proxy::ByteSpan payload)
{
    if (destinationPort == kVxlanPort)
        return vxlan(payload);
    if (destinationPort == kGenevePort)
        return geneve(payload);
    return {};
}

} // namespace pl::capture
