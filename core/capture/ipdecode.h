#pragma once

#include "linklayer.h"

#include <array>

namespace pl::capture {

enum class IpStatus : std::uint8_t
{
    Ok,
    Malformed,       // header too short, bad version, lengths that contradict
    Fragment,        // a fragment: never misread as TCP/UDP (IpReassembler rebuilds it)
    UnsupportedNext, // ESP, unknown extension header...
};

struct IpPacket
{
    // Addresses first and 16-byte aligned: they are read back as whole words.
    alignas(16) std::array<std::uint8_t, 16> source{};
    std::array<std::uint8_t, 16> destination{};
    IpStatus status = IpStatus::Malformed;
    bool ipv6 = false;
    bool moreFragments = false;          // a fragment that is not the last
    std::uint8_t protocol = 0;           // 6 TCP, 17 UDP, after IPv6 extension headers
    proxy::ByteSpan payload;             // captured transport bytes (a fragment's data)
    std::uint32_t payloadWireLength = 0; // what the IP header says (> payload.size(): snaplen cut)
    std::uint32_t fragmentId = 0;        // IPv4's 16-bit or IPv6's 32-bit identification
    std::uint32_t fragmentOffset = 0;    // in bytes
};

// IPv4 with options, IPv6 with hop-by-hop, routing, destination-options and
// fragment headers. Lengths come from the IP header, so Ethernet padding is
// dropped and snaplen cuts are visible as payloadWireLength > payload.size().
IpPacket decodeIp(NetworkProtocol protocol, proxy::ByteSpan packet);

// A datagram rebuilt from fragments like `first` (its addresses, version and
// protocol: for IPv6 the header after the fragment header, which may be
// extension headers still): the transport payload within `data`.
IpPacket decodeReassembled(const IpPacket &first, proxy::ByteSpan data);

} // namespace pl::capture
