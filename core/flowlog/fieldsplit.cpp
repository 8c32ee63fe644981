#include "fieldsplit.h"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pl::flowlog {

namespace {

constexpr std::size_t kBlock = 64;

// Bit i set where byte i of the 64 at `at` is a blank or a tab. SSE2 is in
// every x86-64 CPU, so this needs no run-time check.
std::uint64_t blankMask(const char *at)
{
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    std::uint64_t mask = 0;
    for (unsigned i = 0; i < kBlock / 16; ++i) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(at + 16 * i));
        const __m128i blank =
            _mm_or_si128(_mm_cmpeq_epi8(bytes, space), _mm_cmpeq_epi8(bytes, tab));
        mask |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(blank))) << (16 * i);
    }
    return mask;
#else
    std::uint64_t mask = 0;
    for (unsigned i = 0; i < kBlock; ++i)
        mask |= std::uint64_t(at[i] == ' ' || at[i] == '\t') << i;
    return mask;
#endif
}

} // namespace

void splitBlankSeparated(std::string_view line, std::vector<std::string_view> &parts, bool padded)
{
    // 64 bytes at a time: a byte loop was a quarter of the whole check on
    // AWS logs (fields of a few bytes, about 130 bytes a line). A field
    // starts or ends wherever blank and non-blank meet, so the edges of the
    // blank mask, taken in order, alternate start, end, start...
    parts.clear();
    const char *const begin = line.data();
    const std::size_t size = line.size();
    std::uint64_t blankBefore = 1; // the line's start counts as a blank
    std::size_t fieldStart = 0;
    bool inField = false;
    char tail[kBlock];
    for (std::size_t base = 0; base < size; base += kBlock) {
        const char *block = begin + base;
        // The last, short block: blanks after the line's end, which end a
        // field exactly there and start none.
        const bool last = size - base < kBlock;
        if (last && !padded) {
            std::memset(tail, ' ', kBlock);
            std::memcpy(tail, block, size - base);
            block = tail;
        }
        std::uint64_t blank = blankMask(block);
        if (last && padded) // the padding's bytes taken for blanks (a call less per line)
            blank |= ~std::uint64_t(0) << (size - base);
        std::uint64_t edges = blank ^ ((blank << 1) | blankBefore);
        blankBefore = blank >> 63;
        while (edges != 0) {
            const std::size_t at = base + std::size_t(std::countr_zero(edges));
            edges &= edges - 1;
            if (!inField)
                fieldStart = at;
            else
                parts.emplace_back(begin + fieldStart, at - fieldStart);
            inField = !inField;
        }
    }
    if (inField) // a field up to the end of a line of whole blocks
        parts.emplace_back(begin + fieldStart, size - fieldStart);
}

} // namespace pl::flowlog
