#include "crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace pl::proxy {
namespace {

constexpr std::uint32_t kPolynomial = 0x82F63B78u;

// Slicing-by-8 tables: eight bytes per step keeps the fallback within a few
// times of the hardware instruction.
constexpr std::array<std::array<std::uint32_t, 256>, 8> makeTables()
{
    std::array<std::array<std::uint32_t, 256>, 8> tables{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t crc = i;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ kPolynomial : crc >> 1;
        tables[0][i] = crc;
    }
    for (std::size_t t = 1; t < 8; ++t) {
        for (std::size_t i = 0; i < 256; ++i) {
            const std::uint32_t prev = tables[t - 1][i];
            tables[t][i] = (prev >> 8) ^ tables[0][prev & 0xFFu];
        }
    }
    return tables;
}

constexpr auto kTables = makeTables();

bool detectHardware()
{
#if defined(__x86_64__)
    return __builtin_cpu_supports("sse4.2");
#else
    return false;
#endif
}

const bool kHasHardware = detectHardware();

std::uint32_t update(std::uint32_t state, ByteSpan data)
{
    return kHasHardware ? detail::crc32cUpdateHardware(state, data)
                        : detail::crc32cUpdateTable(state, data);
}

} // namespace

namespace detail {

std::uint32_t crc32cUpdateTable(std::uint32_t state, ByteSpan data)
{
    std::size_t i = 0;
    const std::size_t n = data.size();
    for (; i + 8 <= n; i += 8) {
        const std::uint32_t lo =
            state ^ (std::uint32_t{data[i]} | std::uint32_t{data[i + 1]} << 8 |
                     std::uint32_t{data[i + 2]} << 16 | std::uint32_t{data[i + 3]} << 24);
        state = kTables[7][lo & 0xFFu] ^ kTables[6][(lo >> 8) & 0xFFu] ^
                kTables[5][(lo >> 16) & 0xFFu] ^ kTables[4][lo >> 24] ^ kTables[3][data[i + 4]] ^
                kTables[2][data[i + 5]] ^ kTables[1][data[i + 6]] ^ kTables[0][data[i + 7]];
    }
    for (; i < n; ++i)
        state = (state >> 8) ^ kTables[0][(state ^ data[i]) & 0xFFu];
    return state;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) std::uint32_t crc32cUpdateHardware(std::uint32_t state,
                                                                     ByteSpan data)
{
    std::uint64_t crc = state;
    std::size_t i = 0;
    const std::size_t n = data.size();
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word; // x86 is little-endian: the load is the byte order crc32 wants
        std::memcpy(&word, data.data() + i, sizeof word);
        crc = _mm_crc32_u64(crc, word);
    }
    auto crc32 = static_cast<std::uint32_t>(crc);
    for (; i < n; ++i)
        crc32 = _mm_crc32_u8(crc32, data[i]);
    return crc32;
}
#else
std::uint32_t crc32cUpdateHardware(std::uint32_t state, ByteSpan data)
{
    return crc32cUpdateTable(state, data);
}
#endif

} // namespace detail

std::uint32_t crc32c(ByteSpan data)
{
    return ~update(0xFFFFFFFFu, data);
}

std::uint32_t headerCrc32c(ByteSpan header, std::size_t valueOffset)
{
    static constexpr std::array<std::uint8_t, 4> kZeros{};
    if (valueOffset + kZeros.size() > header.size())
        return crc32c(header); // no room for the field: nothing to zero
    std::uint32_t state = update(0xFFFFFFFFu, header.first(valueOffset));
    state = update(state, kZeros);
    state = update(state, header.subspan(valueOffset + 4));
    return ~state;
}

bool crc32cUsesHardware()
{
    return kHasHardware;
}

} // namespace pl::proxy
