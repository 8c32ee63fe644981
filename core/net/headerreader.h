#pragma once

#include "proxy/header.h"

#include <QString>

#include <optional>

namespace pl::net {

// What a listener expects at the start of each connection.
enum class HeaderPolicy : std::uint8_t
{
    RequireV2,
    RequireV1,
    Either,
    Optional, // a connection without a header is reported as such, not refused
};

const char *headerPolicyName(HeaderPolicy policy); // "v2", "v1", "either", "optional"
std::optional<HeaderPolicy> headerPolicyFromName(const QString &name);

// The spec's size limits: v2 is 16 + 65535 bytes at most, v1 107.
inline constexpr std::size_t kMaxV2HeaderSize = proxy::kV2FixedSize + 0xFFFF;

enum class HeaderState : std::uint8_t
{
    NeedMore,       // a header has started (or nothing arrived): wait for more bytes
    Complete,       // header decoded and allowed by the policy: length says where it ends
    NoHeader,       // no header and the policy is optional: everything is payload
    Missing,        // no header but the policy requires one
    Invalid,        // a header that does not decode (error says why)
    PolicyMismatch, // a valid header of the version the policy does not allow
    TooLarge,       // the header would exceed the byte limit before completing
};

struct HeaderProgress
{
    HeaderState state = HeaderState::NeedMore;
    std::size_t length = 0; // header bytes when Complete or PolicyMismatch
    proxy::DecodeError error;
};

// Decides from the bytes received so far whether the connection's header is
// complete. Pure: the caller buffers and calls again when more bytes arrive.
// maxBytes caps how much may arrive before the header completes.
HeaderProgress assessHeader(proxy::ByteSpan received, HeaderPolicy policy,
                            std::size_t maxBytes = kMaxV2HeaderSize,
                            const proxy::DecodeOptions &options = {});

} // namespace pl::net
