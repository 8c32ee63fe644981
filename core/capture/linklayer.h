#pragma once

#include "proxy/bytes.h"

#include <QString>

#include <cstdint>

namespace pl::capture {

enum class NetworkProtocol : std::uint8_t
{
    None,
    IPv4,
    IPv6
};

// The network-layer packet inside one link-layer frame.
struct LinkFrame
{
    NetworkProtocol protocol = NetworkProtocol::None; // None: ARP, LLDP, cut frame...
    proxy::ByteSpan network;                          // from the IP header on
};

// DLT_* values this reader understands.
bool isSupportedLinkType(int linkType);
// "EN10MB (Ethernet)", or the number when libpcap does not know it.
QString linkTypeName(int linkType);
// Why a link type is refused, naming it and listing what is supported.
QString unsupportedLinkTypeMessage(int linkType);

// The packet after a type field (Ethernet's, or a tunnel's): IPv4 or IPv6,
// else protocol None.
LinkFrame byEtherType(std::uint16_t etherType, proxy::ByteSpan rest);

// Ethernet (802.1Q / 802.1ad tags, any depth), Linux cooked v1 and v2, BSD
// NULL and LOOP, raw IPv4/IPv6. Never reads past frame.
LinkFrame decodeLinkLayer(int linkType, proxy::ByteSpan frame);

} // namespace pl::capture
