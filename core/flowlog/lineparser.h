#pragma once

#include "flowrecord.h"
#include "textarena.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pl::flowlog {

class JsonLineParser;
struct ReadOptions;

// How the lines of one file are written, decided from its first line.
struct LineFormat
{
    enum class Kind
    {
        JsonLines,
        Csv,
        Text
    };
    Kind kind = Kind::Text;
    std::vector<std::optional<Field>> columns; // CSV and text: position -> field (or none)
    std::size_t textFields = 0;                // the fields of a header-less AWS record
    bool fromHeader = false;                   // columns named by a header line
    bool timestamped = false; // header-less, each line after a time (a CloudWatch export)
    // A header of AWS Transit Gateway flow logs (tgw-id, tgw-attachment-id):
    // traffic between attachments, no ENI's; the reader refuses the file.
    bool transitGateway = false;
    // The first line opens a JSON document (an array, or an object spread
    // over lines), not JSON Lines: said in the malformed lines' reason.
    bool jsonDocument = false;
    // The first line is "[" alone: a JSON array with one record object per
    // line (the "," after each and the closing "]" are passed over).
    bool jsonArray = false;
    // JSON Lines of CloudWatch Logs events ({"timestamp":..., "message":
    // "2 123456789012 eni-..."}, as `jq -c '.events[]'` or a subscription
    // writes them): each message is an AWS text record of `columns`.
    bool awsMessages = false;
    // Each line is one event's message taken out of a CloudWatch Logs
    // subscription message (a Firehose delivery): AWS text of `columns`.
    bool subscription = false;
    // CSV or JSON Lines whose field names are AWS's (interface_id,
    // flow_direction, pkt_srcaddr...): an AWS log in another form, such as an
    // Athena result; its traffic-path codes are AWS's.
    bool awsNames = false;
    std::vector<std::string> columnProblems; // header names not read, or read twice

    // AWS records (text, CloudWatch events that wrap them, or AWS's field
    // names in CSV or JSON); else Alibaba's.
    bool isAws() const { return kind == Kind::Text || awsMessages || awsNames; }
};

enum class FirstLine
{
    Record, // parse it with the format
    Header, // read: the format's columns
    Unknown // neither: malformed (unknownLineReason), the next line decides
};

// Appends the columns of a header-less AWS record: --format's fields, or
// the default format's.
void addAwsRecordColumns(LineFormat &format, const ReadOptions &options);
// Decides the format from a file's first non-blank line (without a BOM).
FirstLine detectLineFormat(std::string_view line, const ReadOptions &options, LineFormat &format);
// Why a line whose format detectLineFormat() could not tell is malformed.
std::string unknownLineReason(const LineFormat &format);
// Why a line of a JSON document that is not one record per line is not read.
std::string jsonDocumentReason();

// A line of a JSON array with one record per line (LineFormat::jsonArray):
// the record, its "," cut off; "]" or blanks; or a part of an object over
// several lines (a pretty-printed array, jsonDocumentReason()).
enum class ArrayLine
{
    Record,
    Nothing,
    NotARecord
};
ArrayLine jsonArrayRecord(std::string_view &line);

// Turns one non-blank line of a file into a record. One per thread: it
// keeps the buffers (and the JSON parser) of the lines before.
class LineParser
{
public:
    explicit LineParser(const LineFormat &format);
    ~LineParser();
    LineParser(const LineParser &) = delete;
    LineParser &operator=(const LineParser &) = delete;

    // text must be followed by LineReader::kPadding readable bytes. The
    // record's text views point into text, or into `owned` for values that
    // are not written there as they are (JSON escapes, CSV doubled quotes):
    // both must outlive the record, which must be as FlowRecord{} makes it
    // (buildRecord). Returns an empty string, or why the line is malformed.
    std::string parse(std::string_view text, FlowRecord &record, TextArena &owned);

private:
    // padded: text is followed by LineReader::kPadding readable bytes.
    std::string parseColumns(std::string_view text, bool csv, TextArena &owned, bool padded);
    std::string parseMessage(std::string_view line, TextArena &owned);

    const LineFormat &m_format;
    FieldValues m_values{};
    bool m_distinctColumns = true; // no field in two columns
    std::vector<std::string_view> m_parts;
    std::unique_ptr<JsonLineParser> m_json;
};

} // namespace pl::flowlog
