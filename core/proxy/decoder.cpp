#include "decoder_p.h"

#include <algorithm>
#include <string_view>

namespace pl::proxy {
namespace {

constexpr std::string_view kV1Prefix = "PROXY ";

bool startsWithPrefixOf(ByteSpan input, const std::uint8_t *pattern, std::size_t patternSize)
{
    const std::size_t n = std::min(input.size(), patternSize);
    return n > 0 &&
           std::equal(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(n), pattern);
}

bool startsWithV1(ByteSpan input)
{
    return startsWithPrefixOf(input, reinterpret_cast<const std::uint8_t *>(kV1Prefix.data()),
                              kV1Prefix.size());
}

bool startsWithV2(ByteSpan input)
{
    return startsWithPrefixOf(input, kV2Signature.data(), kV2Signature.size());
}

} // namespace

bool looksLikeProxyHeader(ByteSpan input)
{
    return startsWithV1(input) || startsWithV2(input);
}

DecodeResult decode(ByteSpan input, const DecodeOptions &options)
{
    DecodeResult result;
    result.header.profile = options.vendor;
    if (input.empty()) {
        result.error = {ErrorCode::Truncated, 0, 0, static_cast<std::uint32_t>(kV2FixedSize)};
        return result;
    }
    if (input[0] == 'P') {
        detail::decodeV1(input, result);
    } else {
        detail::decodeV2(input, options, result);
    }
    // A second header right after the first: an NLB does not strip a header
    // the client sent itself, so this is how spoofed addresses arrive.
    const std::size_t total = result.header.totalLength;
    if (result.ok() && total < input.size()) {
        const ByteSpan rest = input.subspan(total);
        // Six bytes are enough to tell "PROXY " or the v2 signature from payload.
        if (rest.size() >= kV1Prefix.size() && looksLikeProxyHeader(rest))
            result.warnings.add(WarningCode::SecondHeader, static_cast<std::uint32_t>(total));
    }
    return result;
}

} // namespace pl::proxy
