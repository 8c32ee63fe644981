#include "jsonlineparser.h"

#include "linereader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <simdjson.h>

namespace pl::flowlog {

std::optional<Field> JsonLineParser::learnKey(std::size_t position, std::string_view key)
{
    if (position >= m_keys.size())
        m_keys.resize(position + 1);
    Key &cached = m_keys[position];
    cached = Key{};
    // "message" is no column name of a flow log: a JSON key only.
    cached.field = key == "message" ? std::optional<Field>(Field::Message) : fieldFromName(key);
    if (key.size() <= sizeof cached.words) {
        cached.size = key.size();
        std::memcpy(cached.words, key.data(), key.size());
        cached.rawComparable = std::none_of(key.begin(), key.end(), [](char c) {
            return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
        });
    }
    return cached.field;
}

namespace {

class DomJsonLineParser final : public JsonLineParser
{
public:
    std::string parse(std::string_view text, FieldValues &values) override
    {
        values.fill({});
        // It reads the line in place: LineReader keeps padding after it.
        static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);
        simdjson::dom::element doc;
        if (m_parser.parse(text.data(), text.size(), false).get(doc))
            return "not JSON";
        simdjson::dom::object object;
        if (doc.get_object().get(object))
            return "not a JSON object";
        std::size_t position = 0;
        for (const auto field : object) {
            const auto which = fieldAt(position++, field.key);
            if (!which)
                continue;
            const simdjson::dom::element value = field.value;
            std::string_view valueText;
            // A number is written in a scratch buffer first: compared with
            // what the field holds (maybe an earlier number of the same
            // field, in its buffer), then kept in the field's own buffer.
            std::array<char, 24> scratch;
            char *number = scratch.data();
            char *numberEnd = number + scratch.size();
            switch (value.type()) {
            case simdjson::dom::element_type::STRING:
                valueText = value.get_string().value_unsafe();
                break;
            case simdjson::dom::element_type::INT64:
                valueText = std::string_view(
                    number,
                    std::size_t(
                        std::to_chars(number, numberEnd, value.get_int64().value_unsafe()).ptr -
                        number));
                break;
            case simdjson::dom::element_type::UINT64:
                valueText = std::string_view(
                    number,
                    std::size_t(
                        std::to_chars(number, numberEnd, value.get_uint64().value_unsafe()).ptr -
                        number));
                break;
            case simdjson::dom::element_type::NULL_VALUE:
                break;
            default:
                return "unexpected JSON value for " + std::string(field.key);
            }
            if (!setFieldValue(values, *which, valueText))
                return twoValuesReason(*which);
            if (values[std::size_t(*which)].data() == scratch.data()) {
                char *kept = m_numbers[std::size_t(*which)].data();
                std::memcpy(kept, scratch.data(), valueText.size());
                values[std::size_t(*which)] = std::string_view(kept, valueText.size());
            }
        }
        return {};
    }

private:
    simdjson::dom::parser m_parser;
    std::array<std::array<char, 24>, kFieldCount> m_numbers{};
};

} // namespace

std::unique_ptr<JsonLineParser> makeDomJsonLineParser()
{
    return std::make_unique<DomJsonLineParser>();
}

std::unique_ptr<JsonLineParser> makeJsonLineParser()
{
    if (auto onDemand = makeOnDemandJsonLineParser())
        return onDemand;
    return makeDomJsonLineParser();
}

} // namespace pl::flowlog
