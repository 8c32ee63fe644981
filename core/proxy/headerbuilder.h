#pragma once

#include "headerspec.h"

namespace pl::proxy {

// Encodes a header from its spec, faults included. Addresses the family
// cannot carry encode as zero bytes (or "0.0.0.0" in v1).
QByteArray encodeHeader(const HeaderSpec &spec);

} // namespace pl::proxy
