#include "headerreader.h"

namespace pl::net {

using namespace pl::proxy;

const char *headerPolicyName(HeaderPolicy policy)
{
    switch (policy) {
    case HeaderPolicy::RequireV2:
        return "v2";
    case HeaderPolicy::RequireV1:
        return "v1";
    case HeaderPolicy::Either:
        return "either";
    case HeaderPolicy::Optional:
        return "optional";
    }
    return "either";
}

std::optional<HeaderPolicy> headerPolicyFromName(const QString &name)
{
    for (const HeaderPolicy p : {HeaderPolicy::RequireV2, HeaderPolicy::RequireV1,
                                 HeaderPolicy::Either, HeaderPolicy::Optional})
        if (name == QLatin1String(headerPolicyName(p)))
            return p;
    return std::nullopt;
}

HeaderProgress assessHeader(ByteSpan received, HeaderPolicy policy, std::size_t maxBytes,
                            const DecodeOptions &options)
{
    HeaderProgress progress;
    if (received.empty())
        return progress;
    if (!looksLikeProxyHeader(received)) {
        progress.state =
            policy == HeaderPolicy::Optional ? HeaderState::NoHeader : HeaderState::Missing;
        return progress;
    }
    const DecodeResult result = decode(received, options);
    if (result.needsMoreData()) {
        // Truncated carries (have, need) once the length field was read.
        const std::size_t need = result.error.arg2;
        if (received.size() >= maxBytes || need > maxBytes) {
            progress.state = HeaderState::TooLarge;
            progress.error = result.error;
        }
        return progress;
    }
    if (!result.ok()) {
        progress.state = HeaderState::Invalid;
        progress.error = result.error;
        return progress;
    }
    progress.length = result.header.totalLength;
    const bool v1 = result.header.version == Version::V1;
    if ((policy == HeaderPolicy::RequireV2 && v1) || (policy == HeaderPolicy::RequireV1 && !v1))
        progress.state = HeaderState::PolicyMismatch;
    else if (progress.length > maxBytes)
        progress.state = HeaderState::TooLarge;
    else
        progress.state = HeaderState::Complete;
    return progress;
}

} // namespace pl::net
