#pragma once

#include "proxy/header.h"

#include <cstdint>
#include <optional>

namespace pl::capture {

// What a decode of a connection's header found that totals and summaries
// need, kept beside the header bytes so that they need no second decode.
// Vendor IDs are (offset, length) into the header bytes, not copies.
struct HeaderFacts
{
    struct Span
    {
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
        bool empty() const { return length == 0; }
    };

    bool decoded = false;                                     // the facts below were filled
    proxy::VendorProfile vendor = proxy::VendorProfile::Auto; // the profile they hold for
    bool versionKnown = false; // v1, or a v2 header whose bytes 12..15 were read
    proxy::Version version = proxy::Version::V2;
    // As sent (proxy::sentVersionNumber): 3 for a binary header whose
    // nibble is an unsupported 3, which `version` carries as V2.
    std::uint8_t versionNumber = 2;
    proxy::Command command = proxy::Command::Proxy;
    proxy::CrcState crc = proxy::CrcState::Absent;
    proxy::ErrorCode error = proxy::ErrorCode::None;
    Span alibabaVpcId;
    Span alibabaEndpointId;
    Span awsVpceId;
    std::optional<std::uint32_t> azureLinkId;
    std::optional<std::uint64_t> gcpPscId;

    // The bytes of a span, from the header bytes the facts were taken from.
    static proxy::ByteSpan bytesOf(Span span, proxy::ByteSpan header)
    {
        return span.offset + span.length <= header.size() ? header.subspan(span.offset, span.length)
                                                          : proxy::ByteSpan{};
    }
};

// How many of the `available` bytes a record keeps as its header: the
// header itself; all of them when it is cut short; and when the decoder could
// not size it, what the decoder looks at (a v1 line's 107 bytes, a v2
// header's fixed 16), so that a later decode of the record finds the same
// error.
std::size_t keptHeaderLength(const proxy::DecodeResult &result, std::size_t available);

// A decoded v2 PROXY header whose transport is not the one it arrived on
// (the family/transport byte, kFamilyByte, says DGRAM on TCP or STREAM on
// UDP). LOCAL headers and v1 say nothing of the transport.
inline constexpr std::uint32_t kFamilyByte = 13;
bool isTransportMismatch(const proxy::DecodeResult &result, proxy::Transport arrivedOn);

// Facts of a decode of `input` (spans of `result` point into it). Spans that
// reach past `keptLength` (the bytes the record keeps) are dropped; when the
// record keeps fewer bytes than the header the decode saw, the facts come
// from a decode of the kept bytes, as Connection::decodeHeader() would give.
HeaderFacts headerFactsOf(const proxy::DecodeResult &result, proxy::ByteSpan input,
                          std::size_t keptLength, proxy::VendorProfile vendor);

} // namespace pl::capture
