// The On-Demand build of JsonLineParser. simdjson compiles its On-Demand
// API for one instruction set only, the build's: this file alone is built
// with AVX2 (PL_FLOWLOG_ONDEMAND_AVX2, see CMakeLists.txt) and used only
// after the library's own CPU check said the CPU runs that kernel. Keep it
// to this class: whatever else is compiled here is AVX2 code.
#include "jsonlineparser.h"
#include "linereader.h"

#include <cstring>
#include <utility>

#if PL_FLOWLOG_ONDEMAND_AVX2
#include <simdjson.h>
#endif

namespace pl::flowlog {

#if PL_FLOWLOG_ONDEMAND_AVX2
namespace {

static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);

// The text of a key from just after its opening quote, in place, when it
// has no escapes; a null view when it has, to be unescaped by simdjson.
// Stage 1 has already checked that the string is closed.
std::string_view quotedText(const char *text)
{
    const char *end = text;
    while (*end != '"') {
        if (*end == '\\')
            return {};
        ++end;
    }
    return {text, std::size_t(end - text)};
}

// Whether the n bytes at text, followed by readable padding, hold no
// backslash: eight bytes at a time (a value is about ten bytes; a byte loop
// or a memchr call per value cost more than the rest of its parse).
bool noBackslash(const char *text, std::size_t n)
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    for (std::size_t i = 0; i < n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text + i, 8);
        word ^= kOnes * '\\';
        // A high bit where a byte was a backslash (and, by the borrow, only
        // above a byte that was one): little-endian, so the string's bytes
        // are the low ones (this file is built for x86 only).
        std::uint64_t found = (word - kOnes) & ~word & kHighs;
        if (n - i < 8)
            found &= (std::uint64_t(1) << ((n - i) * 8)) - 1;
        if (found != 0)
            return false;
    }
    return true;
}

// A raw token without the whitespace after it: a token runs to the next
// structural character.
std::string_view trimmed(std::string_view token)
{
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' ||
                              token.back() == '\n'))
        token.remove_suffix(1);
    return token;
}

// The text of a string value from its raw token (quotes included) when it
// holds no escape; a null view otherwise, to be unescaped by simdjson.
std::string_view unquoted(std::string_view token)
{
    token = trimmed(token);
    if (token.size() < 2 || token.back() != '"')
        return {};
    const std::string_view text(token.data() + 1, token.size() - 2);
    return noBackslash(text.data(), text.size()) ? text : std::string_view();
}

class OnDemandJsonLineParser final : public JsonLineParser
{
public:
    std::string parse(std::string_view text, FieldValues &values) override
    {
        namespace od = simdjson::ondemand;
        values.fill({});
        od::document doc;
        if (m_parser.iterate(text.data(), text.size(), text.size() + LineReader::kPadding).get(doc))
            return refused(text, values);
        od::object object;
        if (doc.get_object().get(object))
            return refused(text, values);
        std::size_t position = 0;
        for (auto member : object) {
            od::field field;
            if (std::move(member).get(field))
                return refused(text, values);
            // SLS writes the same keys in the same order: the learnt key at
            // this position is tried on the raw bytes first.
            const char *rawKey = field.key().raw();
            std::optional<Field> which;
            if (const std::optional<Field> *known = rawKeyAt(position, rawKey)) {
                which = *known;
            } else {
                std::string_view key = quotedText(rawKey);
                if (key.data() == nullptr && field.unescaped_key().get(key))
                    return refused(text, values);
                which = fieldAt(position, key);
            }
            ++position;
            if (!which)
                continue; // skipped unread: On-Demand moves past it
            od::value value = field.value();
            // The token's first byte tells its type (what value.type()
            // would peek at): one look at the token, not two.
            const std::string_view token = value.raw_json_token();
            std::string_view valueText;
            const char first = token.empty() ? '\0' : token.front();
            if (first == '"') {
                valueText = unquoted(token);
                if (valueText.data() == nullptr && value.get_string().get(valueText))
                    return refused(text, values);
            } else if (first == '-' || (first >= '0' && first <= '9')) {
                // The number's own text (buildRecord reads it, refusing
                // fractions and exponents as the DOM build does).
                valueText = trimmed(token);
            } else if (first == 'n') {
                // is_null() is an error on "nul" or "nan": taken as a bool
                // it threw, and nothing caught it.
                bool isNull = false;
                if (value.is_null().get(isNull) || !isNull)
                    return refused(text, values);
            } else {
                return refused(text, values); // the DOM build names the key
            }
            if (!setFieldValue(values, *which, valueText))
                return twoValuesReason(*which);
        }
        // On-Demand stops at the object's end: text after it (a second
        // record on the line, lines joined by CR only) goes to the DOM build,
        // which refuses the line.
        if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS)
            return refused(text, values);
        return {};
    }

private:
    // A line On-Demand refuses goes to the DOM build, which validates all of
    // it: the reason is then the same whichever build the CPU picked.
    std::string refused(std::string_view text, FieldValues &values)
    {
        if (!m_dom)
            m_dom = makeDomJsonLineParser();
        return m_dom->parse(text, values);
    }

    simdjson::ondemand::parser m_parser;
    std::unique_ptr<JsonLineParser> m_dom;
};

} // namespace
#endif

std::unique_ptr<JsonLineParser> makeOnDemandJsonLineParser()
{
#if PL_FLOWLOG_ONDEMAND_AVX2
    const std::string_view cpu = simdjson::get_active_implementation()->name();
    if (cpu == "haswell" || cpu == "icelake")
        return std::make_unique<OnDemandJsonLineParser>();
#endif
    return nullptr;
}

} // namespace pl::flowlog
