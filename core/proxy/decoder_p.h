#pragma once

// Internal to the decoder: the per-version entry points behind decode().

#include "header.h"

namespace pl::proxy::detail {

void decodeV2(ByteSpan input, const DecodeOptions &options, DecodeResult &result);
void decodeV1(ByteSpan input, DecodeResult &result);

} // namespace pl::proxy::detail
