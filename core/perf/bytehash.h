#pragma once

#include <cstdint>
#include <string_view>

namespace pl::perf {

// A fast hash for short byte strings (IDs, summary texts): eight bytes at a
// time, one multiply each, and a final mix so that the low bits (which
// power-of-two tables use) depend on every byte. Not keyed: a capture
// crafted to collide only makes its totals slower, never wrong.
std::uint64_t hashBytes(std::string_view bytes);

} // namespace pl::perf
