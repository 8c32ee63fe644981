#pragma once

#include "linklayer.h"

#include <cstdint>

namespace pl::capture {

// UDP ports of the encapsulations that bring whole packets of another
// network into a capture: VXLAN (AWS VPC Traffic Mirroring, Alibaba Cloud
// traffic mirroring) and GENEVE (AWS Gateway Load Balancer). A mirror
// target's capture holds the load balancer's connections only inside them.
constexpr std::uint16_t kVxlanPort = 4789;
constexpr std::uint16_t kGenevePort = 6081;
// A mirror of a mirror is possible; a hostile capture nesting tunnels
// without end is not followed past this many.
constexpr int kMaxTunnels = 4;

// The packet a VXLAN or GENEVE datagram to destinationPort carries (its
// Ethernet frame decoded, or the bare IP packet of a GENEVE one); protocol
// None when the datagram is not one (another port, a header that does not
// say so, a payload it does not name). Never reads past payload.
LinkFrame decodeTunnel(std::uint16_t destinationPort, proxy::ByteSpan payload);

} // namespace pl::capture
