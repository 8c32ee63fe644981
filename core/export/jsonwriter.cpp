#include "jsonwriter.h"

#include <QLocale>
#include <QString>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace pl::exporting {

namespace {

// "000102...ff": a byte's two lowercase digits in one copy.
constexpr std::array<char, 512> kHexPairs = [] {
    std::array<char, 512> pairs{};
    constexpr char digits[] = "0123456789abcdef";
    for (std::size_t b = 0; b < 256; ++b) {
        pairs[2 * b] = digits[b >> 4];
        pairs[2 * b + 1] = digits[b & 0xf];
    }
    return pairs;
}();

template <typename Integer>
std::size_t decimal(char (&text)[24], Integer value)
{
    return static_cast<std::size_t>(std::to_chars(text, text + sizeof text, value).ptr - text);
}

bool isPlainAscii(proxy::ByteSpan bytes)
{
    for (const std::uint8_t b : bytes)
        if (b >= 0x80)
            return false;
    return true;
}

} // namespace

void JsonWriter::flush()
{
    if (m_size == 0)
        return;
    m_out.append(m_buffer, static_cast<qsizetype>(m_size));
    m_size = 0;
}

void JsonWriter::putLong(const char *data, std::size_t size)
{
    flush();
    if (size > sizeof m_buffer) {
        m_out.append(data, static_cast<qsizetype>(size));
        return;
    }
    std::memcpy(m_buffer, data, size);
    m_size = size;
}

namespace {

bool needsEscape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

// Whether any of 8 bytes needs an escape: one of them below 0x20, a quote
// or a backslash (bit tricks on the word; bytes of UTF-8 sequences, 0x80
// and up, never match). Most text has none: it is copied 8 bytes a step.
bool anyNeedsEscape(std::uint64_t word)
{
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const auto hasZero = [](std::uint64_t v) {
        return (v - ones) & ~v & highs;
    };
    const std::uint64_t below20 = (word - ones * 0x20) & ~word & highs;
    return (below20 | hasZero(word ^ (ones * '"')) | hasZero(word ^ (ones * '\\'))) != 0;
}

} // namespace

// Escapes as QJsonDocument does: the two-character forms for " \ \b \f \n
// \r \t, \u00xx for other control characters, everything else as UTF-8.
void JsonWriter::putEscaped(const char *data, std::size_t size)
{
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < size) {
        if (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, data + i, 8);
            if (!anyNeedsEscape(word)) {
                i += 8;
                continue;
            }
        }
        for (const std::size_t stop = std::min(size, i + 8); i < stop; ++i) {
            const auto c = static_cast<unsigned char>(data[i]);
            if (!needsEscape(c))
                continue;
            put(data + start, i - start);
            start = i + 1;
            char escape[6] = {'\\', 0, 0, 0, 0, 0};
            std::size_t length = 2;
            switch (c) {
            case '"':
                escape[1] = '"';
                break;
            case '\\':
                escape[1] = '\\';
                break;
            case '\b':
                escape[1] = 'b';
                break;
            case '\f':
                escape[1] = 'f';
                break;
            case '\n':
                escape[1] = 'n';
                break;
            case '\r':
                escape[1] = 'r';
                break;
            case '\t':
                escape[1] = 't';
                break;
            default:
                escape[1] = 'u';
                escape[2] = '0';
                escape[3] = '0';
                escape[4] = kHexPairs[2u * c];
                escape[5] = kHexPairs[2u * c + 1u];
                length = 6;
            }
            put(escape, length);
        }
    }
    put(data + start, size - start);
}

void JsonWriter::open(char bracket)
{
    separate();
    put(bracket);
    m_first = true;
}

void JsonWriter::close(char bracket)
{
    put(bracket);
    m_first = false;
}

void JsonWriter::string(QStringView text)
{
    separate();
    put('"');
    // Most texts (summaries, addresses, names) are ASCII: its length found
    // four UTF-16 units a step, then narrowed in chunks by a loop without
    // an exit (the compiler vectorises it); the first other character sends
    // the rest through UTF-8.
    const char16_t *units = text.utf16();
    const auto size = static_cast<std::size_t>(text.size());
    std::size_t ascii = 0;
    for (std::uint64_t word; ascii + 4 <= size; ascii += 4) {
        std::memcpy(&word, units + ascii, sizeof word);
        if (word & 0xff80ff80ff80ff80ull)
            break;
    }
    while (ascii < size && units[ascii] < 0x80)
        ++ascii;
    char chunk[256];
    for (std::size_t at = 0; at < ascii;) {
        const std::size_t n = std::min(ascii - at, sizeof chunk);
        for (std::size_t i = 0; i < n; ++i)
            chunk[i] = static_cast<char>(units[at + i]);
        putEscaped(chunk, n);
        at += n;
    }
    if (ascii < size) {
        const QByteArray bytes = text.mid(static_cast<qsizetype>(ascii)).toUtf8();
        putEscaped(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    }
    put('"');
}

void JsonWriter::hex(proxy::ByteSpan bytes)
{
    separate();
    put('"');
    char digits[128];
    std::size_t n = 0;
    for (const std::uint8_t b : bytes) {
        std::memcpy(digits + n, kHexPairs.data() + 2 * b, 2);
        n += 2;
        if (n == sizeof digits) {
            put(digits, n);
            n = 0;
        }
    }
    put(digits, n);
    put('"');
}

void JsonWriter::latin1(std::string_view text)
{
    separate();
    put('"');
    putEscaped(text.data(), text.size());
    put('"');
}

void JsonWriter::name(std::string_view text)
{
#ifndef NDEBUG
    for (const char c : text)
        Q_ASSERT(!needsEscape(static_cast<unsigned char>(c)));
#endif
    separate();
    put('"');
    put(text.data(), text.size());
    put('"');
}

void JsonWriter::utf8(proxy::ByteSpan bytes)
{
    const char *data = reinterpret_cast<const char *>(bytes.data());
    const auto size = static_cast<qsizetype>(bytes.size());
    if (isPlainAscii(bytes))
        latin1(std::string_view(data, bytes.size())); // ASCII is Latin-1
    else // through QString, so invalid sequences become U+FFFD as elsewhere
        string(QString::fromUtf8(data, size));
}

void JsonWriter::number(std::int64_t value)
{
    separate();
    char text[24];
    put(text, decimal(text, value));
}

void JsonWriter::number(std::uint64_t value)
{
    separate();
    char text[24];
    put(text, decimal(text, value));
}

void JsonWriter::number(double value)
{
    // QJsonValue keeps a whole double within +-2^53 as an integer (Qt 6's
    // own bounds, inclusive); others print in the shortest form.
    if (value >= -9007199254740992.0 && value <= 9007199254740992.0 &&
        value == double(std::int64_t(value)))
        return number(std::int64_t(value));
    if (!std::isfinite(value))
        return null();
    separate();
    const QByteArray text = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    put(text.constData(), static_cast<std::size_t>(text.size()));
}

void JsonWriter::boolean(bool value)
{
    separate();
    if (value)
        put("true", 4);
    else
        put("false", 5);
}

void JsonWriter::null()
{
    separate();
    put("null", 4);
}

} // namespace pl::exporting
