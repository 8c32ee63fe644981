#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pl::flowlog {

// One CloudWatch Logs subscription message, the JSON object a subscription
// filter sends (to Firehose, which writes them to S3 back to back):
// {"messageType":"DATA_MESSAGE","owner":...,"logGroup":...,"logStream":...,
//  "subscriptionFilters":[...],"logEvents":[{"id":...,"timestamp":...,
//  "message":"2 123456789012 eni-... ACCEPT OK"},...]}
// or what `aws logs filter-log-events` / `get-log-events` print:
// {"events":[{"logStreamName":...,"timestamp":...,"message":...},...],...}
struct SubscriptionMessage
{
    // CONTROL_MESSAGE: the destination's health check, no log events.
    bool control = false;
    // The events' messages (AWS records), valid until the next parse.
    std::vector<std::string_view> messages;
    // Events without a string "message": counted malformed by the reader.
    std::size_t eventsWithoutMessage = 0;
};

class SubscriptionParser
{
public:
    SubscriptionParser();
    ~SubscriptionParser();
    SubscriptionParser(const SubscriptionParser &) = delete;
    SubscriptionParser &operator=(const SubscriptionParser &) = delete;

    // text must be followed by LineReader::kPadding readable bytes. Returns
    // an empty string, or why the text is no subscription message.
    std::string parse(std::string_view text, SubscriptionMessage &out);

    // Whether a file's first bytes open a subscription message (its
    // "messageType" key in the first object) or the aws CLI's events (an
    // object whose first key is "events").
    static bool looksLikeOne(std::string_view start);

private:
    struct Dom;
    std::unique_ptr<Dom> m_dom;
};

} // namespace pl::flowlog
