#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace pl::proxy {

// Vendors reuse the custom TLV range (0xE0..0xEF), so the decoder needs to know
// whose header it reads. Auto decodes each custom type by the vendor whose
// layout it fits.
enum class VendorProfile : std::uint8_t
{
    Auto,
    Alibaba,
    Aws,
    Azure,
    Gcp,
    None
};

// Bit set of vendors whose TLVs a header carried.
enum VendorBit : std::uint8_t
{
    VendorBitAlibaba = 1,
    VendorBitAws = 2,
    VendorBitAzure = 4,
    VendorBitGcp = 8,
};

std::optional<VendorProfile> vendorProfileFromName(std::string_view name);
const char *vendorProfileName(VendorProfile profile);
// Display name ("Alibaba Cloud"); untranslated brand names.
const char *vendorDisplayName(VendorProfile profile);
// The vendor that owns a custom type, or None.
VendorProfile vendorOfType(std::uint8_t type);

} // namespace pl::proxy
