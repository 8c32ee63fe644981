#include "subscriptionmessage.h"

#include "linereader.h"

#include <simdjson.h>

namespace pl::flowlog {

struct SubscriptionParser::Dom
{
    simdjson::dom::parser parser;
};

SubscriptionParser::SubscriptionParser() : m_dom(std::make_unique<Dom>()) {}

SubscriptionParser::~SubscriptionParser() = default;

bool SubscriptionParser::looksLikeOne(std::string_view start)
{
    if (start.substr(0, 3) == "\xEF\xBB\xBF")
        start.remove_prefix(3);
    const std::size_t first = start.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || start[first] != '{')
        return false;
    // `aws logs filter-log-events` and `get-log-events` print "events"
    // first.
    const std::size_t firstKey = start.find_first_not_of(" \t\r\n", first + 1);
    if (firstKey != std::string_view::npos && start.substr(firstKey, 8) == "\"events\"")
        return true;
    // CloudWatch writes messageType first; a few keys' room for other
    // writers. An SLS record has no such key, nor a CloudWatch event.
    const std::size_t key = start.find("\"messageType\"", first);
    return key != std::string_view::npos && key - first < 4096 &&
           start.find("\"srcaddr\"", first) > key;
}

std::string SubscriptionParser::parse(std::string_view text, SubscriptionMessage &out)
{
    out.control = false;
    out.messages.clear();
    out.eventsWithoutMessage = 0;
    static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);
    simdjson::dom::element doc;
    if (const auto error = m_dom->parser.parse(text.data(), text.size(), false).get(doc))
        return std::string("not a CloudWatch Logs subscription message: not JSON (") +
               simdjson::error_message(error) + ")";
    simdjson::dom::object object;
    if (doc.get_object().get(object))
        return "not a CloudWatch Logs subscription message: not a JSON object";
    std::string_view type;
    if (object["messageType"].get_string().get(type) == simdjson::SUCCESS &&
        type == "CONTROL_MESSAGE") {
        out.control = true;
        return {};
    }
    simdjson::dom::array events;
    if (object["logEvents"].get_array().get(events) && object["events"].get_array().get(events))
        return "a CloudWatch Logs message without a \"logEvents\" (subscription) or "
               "\"events\" (aws logs) array";
    for (const simdjson::dom::element event : events) {
        std::string_view message;
        if (event["message"].get_string().get(message))
            ++out.eventsWithoutMessage;
        else
            out.messages.push_back(message);
    }
    return {};
}

} // namespace pl::flowlog
