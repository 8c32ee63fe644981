#pragma once

#include "flowrecord.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pl::flowlog {

// Reads the top-level fields of one JSON Lines object (an SLS record) into
// FieldValues. Two builds of the same reader, both simdjson: the On-Demand
// API compiled for AVX2 reads only the tokens a record needs and is chosen
// when the CPU has AVX2; the DOM parser, which picks its kernels at run
// time itself, serves the others.
class JsonLineParser
{
public:
    virtual ~JsonLineParser() = default;
    // text must be followed by LineReader::kPadding readable bytes. The
    // values are views into text or the parser's buffers, valid until the
    // next call. Returns an empty string, or why the line is malformed.
    virtual std::string parse(std::string_view text, FieldValues &values) = 0;

protected:
    // The field of a JSON key, remembered by the key's position: SLS writes
    // the same keys in the same order on every line. Inline: it runs for
    // every key of every line.
    std::optional<Field> fieldAt(std::size_t position, std::string_view key)
    {
        if (position < m_keys.size() && sameKey(m_keys[position], key))
            return m_keys[position].field;
        return learnKey(position, key);
    }
    // The field of the key whose raw text starts at `raw` (just after its
    // opening quote, in a line followed by LineReader::kPadding bytes) when
    // it is the key learnt at this position: its bytes and the closing
    // quote compared a word at a time, with no scan for the key's end. Null
    // when it is not (or the learnt key has bytes that JSON escapes): then
    // read the key and ask fieldAt().
    const std::optional<Field> *rawKeyAt(std::size_t position, const char *raw) const
    {
        if (position >= m_keys.size() || !m_keys[position].rawComparable)
            return nullptr;
        const Key &cached = m_keys[position];
        std::size_t i = 0;
        for (; (i + 1) * 8 <= cached.size; ++i) {
            std::uint64_t word;
            std::memcpy(&word, raw + i * 8, 8);
            if (word != cached.words[i])
                return nullptr;
        }
        if (const std::size_t rest = cached.size - i * 8; rest != 0) {
            // A whole word read: the padding keeps it in bounds, and a
            // word-sized load avoids the stall of reading back a byte-wise
            // copy.
            std::uint64_t word;
            std::memcpy(&word, raw + i * 8, 8);
            if ((word & lowBytes(rest)) != cached.words[i])
                return nullptr;
        }
        return raw[cached.size] == '"' ? &cached.field : nullptr;
    }

private:
    // A key as 8-byte words, zero after its end: compared a word at a time
    // (22 keys a line make a memcmp call per key the cost to beat).
    struct Key
    {
        static constexpr std::size_t kWords = 4;
        std::uint64_t words[kWords] = {};
        std::size_t size = SIZE_MAX; // SIZE_MAX: nothing cached; above 32: never cached
        std::optional<Field> field;
        bool rawComparable = false; // cached, and written the same raw and unescaped
    };
    // A mask of the first n (1-7) bytes of a word read from memory.
    static constexpr std::uint64_t lowBytes(std::size_t n)
    {
        if constexpr (std::endian::native == std::endian::little)
            return (std::uint64_t(1) << (n * 8)) - 1;
        else
            return ~((std::uint64_t(1) << (64 - n * 8)) - 1);
    }
    static bool sameKey(const Key &cached, std::string_view key)
    {
        if (cached.size != key.size() || key.size() > sizeof cached.words)
            return false;
        std::size_t i = 0;
        for (; (i + 1) * 8 <= key.size(); ++i) {
            std::uint64_t word;
            std::memcpy(&word, key.data() + i * 8, 8);
            if (word != cached.words[i])
                return false;
        }
        if (const std::size_t rest = key.size() - i * 8; rest != 0) {
            std::uint64_t word = 0; // zero after the key, as in the cache
            std::memcpy(&word, key.data() + i * 8, rest);
            return word == cached.words[i];
        }
        return true;
    }
    std::optional<Field> learnKey(std::size_t position, std::string_view key);
    std::vector<Key> m_keys;
};

// The fastest parser this CPU runs.
std::unique_ptr<JsonLineParser> makeJsonLineParser();
// Each build alone (tests hold them to the same answers); the On-Demand
// one is null where the CPU or the compiler lacks AVX2.
std::unique_ptr<JsonLineParser> makeDomJsonLineParser();
std::unique_ptr<JsonLineParser> makeOnDemandJsonLineParser();

} // namespace pl::flowlog
