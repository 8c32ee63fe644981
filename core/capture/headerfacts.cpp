#include "headerfacts.h"

#include <algorithm>

namespace pl::capture {

std::size_t keptHeaderLength(const proxy::DecodeResult &r, std::size_t available)
{
    if (r.needsMoreData())
        return available;
    const std::size_t total = r.header.totalLength;
    if (total != 0 && total <= available)
        return total;
    return std::min(available, r.header.version == proxy::Version::V1 ? proxy::kV1MaxSize
                                                                      : proxy::kV2FixedSize);
}

bool isTransportMismatch(const proxy::DecodeResult &r, proxy::Transport arrivedOn)
{
    const proxy::ProxyHeader &h = r.header;
    return h.version == proxy::Version::V2 && h.fixedPartDecoded &&
           h.command == proxy::Command::Proxy &&
           (h.transport == proxy::Transport::Stream || h.transport == proxy::Transport::Dgram) &&
           h.transport != arrivedOn;
}

HeaderFacts headerFactsOf(const proxy::DecodeResult &r, proxy::ByteSpan input,
                          std::size_t keptLength, proxy::VendorProfile vendor)
{
    if (keptLength < input.size() && keptLength != r.header.totalLength) {
        const proxy::ByteSpan kept = input.first(keptLength);
        return headerFactsOf(proxy::decode(kept, proxy::DecodeOptions{vendor, true}), kept,
                             keptLength, vendor);
    }
    const auto spanOf = [&](proxy::ByteSpan s) {
        if (s.empty() || s.data() < input.data())
            return HeaderFacts::Span{};
        const auto offset = static_cast<std::size_t>(s.data() - input.data());
        if (offset + s.size() > keptLength)
            return HeaderFacts::Span{};
        return HeaderFacts::Span{static_cast<std::uint32_t>(offset),
                                 static_cast<std::uint32_t>(s.size())};
    };
    const proxy::ProxyHeader &h = r.header;
    HeaderFacts f;
    f.decoded = true;
    f.vendor = vendor;
    f.versionKnown = h.version == proxy::Version::V1 || h.fixedPartDecoded;
    f.version = h.version;
    f.versionNumber = static_cast<std::uint8_t>(proxy::sentVersionNumber(h));
    f.command = h.command;
    f.crc = h.crcState;
    f.error = r.error.code;
    f.alibabaVpcId = spanOf(h.vendor.alibabaVpcId);
    f.alibabaEndpointId = spanOf(h.vendor.alibabaEndpointId);
    f.awsVpceId = spanOf(h.vendor.awsVpceId);
    f.azureLinkId = h.vendor.azureLinkId;
    f.gcpPscId = h.vendor.gcpPscId;
    return f;
}

} // namespace pl::capture
