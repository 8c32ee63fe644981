#include "vendorprofile.h"

#include "tlvtypes.h"

namespace pl::proxy {

std::optional<VendorProfile> vendorProfileFromName(std::string_view name)
{
    if (name == "auto")
        return VendorProfile::Auto;
    if (name == "alibaba")
        return VendorProfile::Alibaba;
    if (name == "aws")
        return VendorProfile::Aws;
    if (name == "azure")
        return VendorProfile::Azure;
    if (name == "gcp")
        return VendorProfile::Gcp;
    if (name == "none")
        return VendorProfile::None;
    return std::nullopt;
}

const char *vendorProfileName(VendorProfile profile)
{
    switch (profile) {
    case VendorProfile::Auto:
        return "auto";
    case VendorProfile::Alibaba:
        return "alibaba";
    case VendorProfile::Aws:
        return "aws";
    case VendorProfile::Azure:
        return "azure";
    case VendorProfile::Gcp:
        return "gcp";
    case VendorProfile::None:
        return "none";
    }
    return "none";
}

const char *vendorDisplayName(VendorProfile profile)
{
    switch (profile) {
    case VendorProfile::Alibaba:
        return "Alibaba Cloud";
    case VendorProfile::Aws:
        return "AWS";
    case VendorProfile::Azure:
        return "Azure";
    case VendorProfile::Gcp:
        return "Google Cloud";
    case VendorProfile::Auto:
    case VendorProfile::None:
        break;
    }
    return "";
}

VendorProfile vendorOfType(std::uint8_t type)
{
    switch (type) {
    case tlv::Alibaba:
        return VendorProfile::Alibaba;
    case tlv::Aws:
        return VendorProfile::Aws;
    case tlv::Azure:
        return VendorProfile::Azure;
    case tlv::GcpPsc:
        return VendorProfile::Gcp;
    default:
        return VendorProfile::None;
    }
}

} // namespace pl::proxy
