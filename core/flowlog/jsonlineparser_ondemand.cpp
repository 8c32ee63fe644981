// The On-Demand build of JsonLineParser. simdjson compiles its On-Demand
// API for one instruction set only, the build's: this file alone is built
// with AVX2 (PL_FLOWLOG_ONDEMAND_AVX2, see CMakeLists.txt) and used only
// after the library's own CPU check said the CPU runs that kernel. Keep it
// to this class: whatever else is compiled here is AVX2 code.
#include "jsonlineparser.h"
#include "linereader.h"

#include <utility>

#if PL_FLOWLOG_ONDEMAND_AVX2
#include <simdjson.h>
#endif

namespace pl::flowlog {

#if PL_FLOWLOG_ONDEMAND_AVX2
namespace {

static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);

// The text of a string token from just after its opening quote, in place,
// when it has no escapes (flow-log values never do); a null view when it
// has, to be unescaped by simdjson. Stage 1 has already checked that the
// string is closed.
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
            std::string_view key = quotedText(field.key().raw());
            if (key.data() == nullptr && field.unescaped_key().get(key))
                return refused(text, values);
            const auto which = fieldAt(position++, key);
            if (!which)
                continue; // skipped unread: On-Demand moves past it
            od::value value = field.value();
            od::json_type type;
            if (value.type().get(type))
                return refused(text, values);
            std::string_view valueText;
            switch (type) {
            case od::json_type::string:
                valueText = quotedText(value.raw_json_token().data() + 1);
                if (valueText.data() == nullptr && value.get_string().get(valueText))
                    return refused(text, values);
                break;
            case od::json_type::number:
                // The number's own text (buildRecord reads it, refusing
                // fractions and exponents as the DOM build does).
                valueText = value.raw_json_token();
                while (!valueText.empty() && (valueText.back() == ' ' || valueText.back() == '\t' ||
                                              valueText.back() == '\r'))
                    valueText.remove_suffix(1);
                break;
            case od::json_type::null:
                if (!value.is_null())
                    return refused(text, values);
                break;
            default:
                return "unexpected JSON value for " + std::string(key);
            }
            values[std::size_t(*which)] = valueText;
        }
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
