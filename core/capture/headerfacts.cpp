#include "headerfacts.h"

namespace pl::capture {

HeaderFacts headerFactsOf(const proxy::DecodeResult &r, proxy::ByteSpan input,
                          std::size_t keptLength, proxy::VendorProfile vendor)
{
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
    f.command = h.command;
    f.crc = h.crcState;
    f.error = r.error.code;
    f.alibabaVpcId = spanOf(h.vendor.alibabaVpcId);
    f.alibabaEndpointId = spanOf(h.vendor.alibabaEndpointId);
    f.alibabaEndpointServiceId = spanOf(h.vendor.alibabaEndpointServiceId);
    f.awsVpceId = spanOf(h.vendor.awsVpceId);
    f.azureLinkId = h.vendor.azureLinkId;
    f.gcpPscId = h.vendor.gcpPscId;
    return f;
}

} // namespace pl::capture
