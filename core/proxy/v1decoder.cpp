#include "decoder_p.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstring>
#include <string_view>

namespace pl::proxy::detail {
namespace {

std::uint32_t u32(std::size_t value)
{
    return static_cast<std::uint32_t>(value);
}

struct Cursor
{
    ByteSpan line; // without CRLF
    std::size_t pos = 0;

    // The next space-separated field; empty when two spaces meet.
    ByteSpan field()
    {
        std::size_t end = pos;
        while (end < line.size() && line[end] != ' ')
            ++end;
        ByteSpan out = line.subspan(pos, end - pos);
        pos = end;
        return out;
    }
    bool space()
    {
        if (pos < line.size() && line[pos] == ' ') {
            ++pos;
            return true;
        }
        return false;
    }
};

bool equals(ByteSpan bytes, std::string_view text)
{
    return bytes.size() == text.size() && std::memcmp(bytes.data(), text.data(), text.size()) == 0;
}

bool parseIp(ByteSpan text, Family family, std::array<std::uint8_t, 16> &out)
{
    char buffer[64];
    if (text.empty() || text.size() >= sizeof buffer)
        return false;
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    return inet_pton(family == Family::Inet ? AF_INET : AF_INET6, buffer, out.data()) == 1;
}

bool parsePort(ByteSpan text, std::uint16_t &out)
{
    if (text.empty() || text.size() > 5 || (text.size() > 1 && text[0] == '0'))
        return false;
    std::uint32_t value = 0;
    for (std::uint8_t c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    if (value > 65535)
        return false;
    out = static_cast<std::uint16_t>(value);
    return true;
}

} // namespace

void decodeV1(ByteSpan input, DecodeResult &result)
{
    ProxyHeader &h = result.header;
    h.version = Version::V1;
    constexpr std::string_view prefix = "PROXY ";
    for (std::size_t i = 0; i < prefix.size() && i < input.size(); ++i) {
        if (input[i] != static_cast<std::uint8_t>(prefix[i])) {
            h.bytes = input.first(i);
            result.error = DecodeError{ErrorCode::BadSignature, u32(i)};
            return;
        }
    }
    // Find the line end: CR immediately followed by LF. A lone CR or LF is an
    // error (the spec says so, and lenient parsers have been fooled by it).
    const std::size_t limit = std::min(input.size(), kV1MaxSize);
    std::size_t crlf = limit;
    for (std::size_t i = 0; i < limit; ++i) {
        if (input[i] == '\n') {
            h.bytes = input.first(i + 1);
            result.error = DecodeError{ErrorCode::V1BadLineEnd, u32(i)};
            return;
        }
        if (input[i] == '\r') {
            if (i + 1 >= input.size()) {
                break; // the LF may still arrive
            }
            if (input[i + 1] != '\n') {
                h.bytes = input.first(i + 1);
                result.error = DecodeError{ErrorCode::V1BadLineEnd, u32(i)};
                return;
            }
            crlf = i;
            break;
        }
    }
    if (crlf == limit || crlf + 1 >= input.size()) {
        h.bytes = input.first(limit);
        if (input.size() >= kV1MaxSize)
            result.error = DecodeError{ErrorCode::V1TooLong, u32(kV1MaxSize - 1), u32(kV1MaxSize)};
        else
            result.error = DecodeError{ErrorCode::Truncated, u32(input.size()), u32(input.size()),
                                       u32(input.size() + 1)};
        return;
    }
    if (crlf + 2 > kV1MaxSize) {
        h.bytes = input.first(kV1MaxSize);
        result.error = DecodeError{ErrorCode::V1TooLong, u32(kV1MaxSize - 1), u32(kV1MaxSize)};
        return;
    }
    h.totalLength = u32(crlf + 2);
    h.bytes = input.first(h.totalLength);
    h.v1Line = input.first(crlf);
    h.fixedPartDecoded = true;

    Cursor cursor{h.v1Line, prefix.size()};
    const std::size_t protoAt = cursor.pos;
    const ByteSpan proto = cursor.field();
    if (equals(proto, "UNKNOWN")) {
        // Anything may follow UNKNOWN up to CRLF; receivers use the real endpoints.
        h.command = Command::Local;
        h.family = Family::Unspec;
        h.transport = Transport::Unspec;
        return;
    }
    h.command = Command::Proxy;
    h.transport = Transport::Stream;
    if (equals(proto, "TCP4")) {
        h.family = Family::Inet;
    } else if (equals(proto, "TCP6")) {
        h.family = Family::Inet6;
    } else {
        result.error = DecodeError{ErrorCode::V1BadProtocol, u32(protoAt)};
        return;
    }

    ByteSpan *texts[2] = {&h.v1Source, &h.v1Destination};
    Endpoint *endpoints[2] = {&h.source, &h.destination};
    for (int i = 0; i < 2; ++i) {
        if (!cursor.space()) {
            result.error = DecodeError{ErrorCode::V1BadSyntax, u32(cursor.pos)};
            return;
        }
        const std::size_t at = cursor.pos;
        *texts[i] = cursor.field();
        // inet_pton stops at a NUL: "1.2.3.4\0evil" would pass as 1.2.3.4
        // while a backend that reads the whole field sees another text.
        const auto nul = std::find(texts[i]->begin(), texts[i]->end(), std::uint8_t(0));
        if (nul != texts[i]->end()) {
            result.error = DecodeError{ErrorCode::V1BadAddress,
                                       u32(at + std::size_t(nul - texts[i]->begin()))};
            return;
        }
        if (!parseIp(*texts[i], h.family, endpoints[i]->ip)) {
            result.error = DecodeError{ErrorCode::V1BadAddress, u32(at)};
            return;
        }
    }
    ByteSpan *portTexts[2] = {&h.v1SourcePort, &h.v1DestinationPort};
    for (int i = 0; i < 2; ++i) {
        if (!cursor.space()) {
            result.error = DecodeError{ErrorCode::V1BadSyntax, u32(cursor.pos)};
            return;
        }
        const std::size_t at = cursor.pos;
        *portTexts[i] = cursor.field();
        if (!parsePort(*portTexts[i], endpoints[i]->port)) {
            result.error = DecodeError{ErrorCode::V1BadPort, u32(at)};
            return;
        }
    }
    if (cursor.pos != h.v1Line.size()) {
        result.error = DecodeError{ErrorCode::V1BadSyntax, u32(cursor.pos)};
        return;
    }
    h.addressesDecoded = true;
}

} // namespace pl::proxy::detail
