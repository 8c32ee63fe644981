#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace pl::proxy {

// Every decoder works on a read-only view of the caller's bytes; nothing is copied.
using ByteSpan = std::span<const std::uint8_t>;

// Big-endian reads. Callers check bounds first (style: never read a length
// before checking that its bytes exist).
inline std::uint16_t readBe16(ByteSpan bytes, std::size_t at)
{
    return static_cast<std::uint16_t>((bytes[at] << 8) | bytes[at + 1]);
}

inline std::uint32_t readBe32(ByteSpan bytes, std::size_t at)
{
    return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) |
           (std::uint32_t{bytes[at + 2]} << 8) | std::uint32_t{bytes[at + 3]};
}

inline std::uint64_t readBe64(ByteSpan bytes, std::size_t at)
{
    return (std::uint64_t{readBe32(bytes, at)} << 32) | readBe32(bytes, at + 4);
}

inline std::uint32_t readLe32(ByteSpan bytes, std::size_t at)
{
    return std::uint32_t{bytes[at]} | (std::uint32_t{bytes[at + 1]} << 8) |
           (std::uint32_t{bytes[at + 2]} << 16) | (std::uint32_t{bytes[at + 3]} << 24);
}

} // namespace pl::proxy
