#pragma once

#include "bytes.h"

namespace pl::proxy {

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78, init and final XOR
// 0xFFFFFFFF). Uses the SSE4.2 crc32 instruction when the CPU has it.
std::uint32_t crc32c(ByteSpan data);

// The PPv2 header checksum: CRC32C over the whole header with the four bytes
// of the CRC32C TLV value (at valueOffset) taken as zero. No copy is made.
std::uint32_t headerCrc32c(ByteSpan header, std::size_t valueOffset);

// Which implementation crc32c() dispatches to, for the benchmark and --version.
bool crc32cUsesHardware();

namespace detail {
// Both paths are exposed so tests can check that they agree.
std::uint32_t crc32cUpdateTable(std::uint32_t state, ByteSpan data);
std::uint32_t crc32cUpdateHardware(std::uint32_t state, ByteSpan data);
} // namespace detail

} // namespace pl::proxy
