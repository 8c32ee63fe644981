#include "headersummary.h"

#include "headertext.h"

namespace pl::proxy {

HeaderSummary summarizeHeader(const DecodeResult &result)
{
    const ProxyHeader &h = result.header;
    HeaderSummary s;
    s.version = h.version;
    s.decoded = h.fixedPartDecoded;
    s.versionNumber = sentVersionNumber(h);
    if (!s.decoded)
        return s;
    s.command = h.command;
    s.family = familyDescription(h.family, h.transport);
    s.length = h.totalLength;
    if (h.addressesDecoded) {
        s.hasAddresses = true;
        s.source = endpointText(h, h.source);
        s.destination = endpointText(h, h.destination);
    }
    if (h.version != Version::V2)
        return s;
    s.crc = h.crcState;
    const auto add = [&s](const char *key, QString value) {
        s.ids.push_back({key, std::move(value)});
    };
    const VendorIds &v = h.vendor;
    if (h.hasAuthority)
        add("authority", utf8Text(h.authority));
    if (h.hasAlpn)
        add("alpn", utf8Text(h.alpn));
    if (h.hasUniqueId)
        add("unique_id", printableOrHex(h.uniqueId));
    if (h.hasNetns)
        add("netns", utf8Text(h.netns));
    if (!v.alibabaVpcId.empty())
        add("vpc_id", utf8Text(v.alibabaVpcId));
    if (!v.alibabaEndpointId.empty())
        add("endpoint_id", utf8Text(v.alibabaEndpointId));
    if (!v.alibabaEndpointServiceId.empty())
        add("endpoint_service_id", utf8Text(v.alibabaEndpointServiceId));
    if (!v.awsVpceId.empty())
        add("vpce_id", utf8Text(v.awsVpceId));
    if (v.azureLinkId)
        add("azure_link_id", QString::number(*v.azureLinkId));
    if (v.gcpPscId)
        add("gcp_psc_id", QString::number(*v.gcpPscId));
    return s;
}

} // namespace pl::proxy
