#pragma once

#include "headerspec.h"

namespace pl::proxy {

// Encodes a header from its spec, faults included. Addresses the family
// cannot carry encode as zero bytes (or "0.0.0.0" in v1).
QByteArray encodeHeader(const HeaderSpec &spec);

// A v2 header's size before --pad-to's NOOP: fixed part, addresses, CRC32C
// and TLVs (possibly past the 65,551 a header can hold).
std::size_t v2SizeWithoutPadding(const HeaderSpec &spec);

} // namespace pl::proxy
