#pragma once

#include <cstdint>
#include <string_view>

namespace pl::capture {

// A fast hash for short byte strings (IDs, summary texts): eight bytes at a
// time, one multiply each. Not for untrusted keys in long-lived tables:
// every user is bounded or probes linearly over few keys.
std::uint64_t hashBytes(std::string_view bytes);

} // namespace pl::capture
