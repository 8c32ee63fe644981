#include "lineparser.h"

#include "fieldsplit.h"
#include "jsonlineparser.h"
#include "recordreader.h"

#include <algorithm>
#include <array>

namespace pl::flowlog {

namespace {

// The fields a record keeps as text (FlowRecord's views).
constexpr std::array kTextFields{Field::AccountId,    Field::EniId,  Field::VmId,
                                 Field::VpcId,        Field::Region, Field::TrafficPath,
                                 Field::PktDstService};

std::vector<std::optional<Field>> columnsFromNames(const std::vector<std::string_view> &names,
                                                   std::vector<std::string> &problems)
{
    std::vector<std::optional<Field>> columns;
    columns.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::optional<Field> field = fieldFromName(names[i]);
        if (!field && !isFlowLogFieldName(names[i]))
            problems.push_back("header column " + std::to_string(i + 1) + " '" +
                               std::string(names[i].substr(0, 64)) +
                               "' is no flow-log field: not read");
        for (std::size_t j = 0; field && j < columns.size(); ++j) {
            if (columns[j] == field)
                problems.push_back("header columns " + std::to_string(j + 1) + " and " +
                                   std::to_string(i + 1) + " give the same field: a line " +
                                   "with two values there is malformed");
        }
        columns.push_back(field);
    }
    return columns;
}

// CSV fields; quoted fields have their quotes removed, and a doubled quote
// inside is one quote (written into `owned`, the text stays as it is).
// Returns null, or why the line is no CSV: an open quote, or text between
// a closing quote and the next comma.
const char *splitCsv(std::string_view line, std::vector<std::string_view> &parts,
                     TextArena *owned = nullptr)
{
    parts.clear();
    std::size_t i = 0;
    while (true) {
        if (i < line.size() && line[i] == '"') {
            std::size_t close = i + 1;
            while (true) {
                close = line.find('"', close);
                if (close == std::string_view::npos)
                    return "unterminated quote";
                if (close + 1 < line.size() && line[close + 1] == '"') {
                    close += 2;
                    continue;
                }
                break;
            }
            std::string_view field = line.substr(i + 1, close - i - 1);
            if (owned && field.find("\"\"") != std::string_view::npos) {
                std::string unquoted;
                for (std::size_t k = 0; k < field.size(); ++k) {
                    unquoted += field[k];
                    if (field[k] == '"')
                        ++k; // the second of the pair
                }
                field = owned->keep(unquoted);
            }
            parts.push_back(field);
            i = close + 1;
            if (i < line.size() && line[i] != ',')
                return "text after a closing quote";
        } else {
            const std::size_t comma = std::min(line.find(',', i), line.size());
            parts.push_back(line.substr(i, comma - i));
            i = comma;
        }
        if (i >= line.size())
            return nullptr;
        ++i; // the comma
    }
}

// A field name only AWS's flow logs use (Alibaba's are eni-id, vm-id,
// vswitch-id, direction), compared as fieldFromName() does.
bool isAwsOnlyName(std::string_view name)
{
    static constexpr std::array<std::string_view, 8> kNames{
        "interface-id", "instance-id", "subnet-id",           "flow-direction",
        "pkt-srcaddr",  "pkt-dstaddr", "pkt-dst-aws-service", "pkt-src-aws-service"};
    if (name.size() > 32)
        return false;
    std::string normalised;
    for (const char c : name)
        normalised += c == '_' ? '-' : char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return std::find(kNames.begin(), kNames.end(), normalised) != kNames.end();
}

// A JSON object with one of AWS's own keys (an Athena or S3 Select JSON
// export of an AWS flow log).
bool hasAwsKey(std::string_view object)
{
    for (const std::string_view key :
         {"\"interface_id\"", "\"interface-id\"", "\"flow_direction\"", "\"flow-direction\"",
          "\"instance_id\"", "\"instance-id\""}) {
        if (object.find(key) != std::string_view::npos)
            return true;
    }
    return false;
}

std::string countText(std::size_t got, const LineFormat &format)
{
    const std::size_t want = format.columns.size();
    if (format.timestamped)
        return "wrong field count (" + std::to_string(got) + ", the format has a time and " +
               std::to_string(want - 1) + " fields)";
    return "wrong field count (" + std::to_string(got) +
           (format.fromHeader ? ", the header has " : ", the format has ") + std::to_string(want) +
           ")";
}

bool digits(std::string_view text, std::size_t at, std::size_t n)
{
    for (std::size_t i = at; i < at + n; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9')
            return false;
    }
    return true;
}

// An ISO 8601 UTC time as CloudWatch Logs writes it before each event it
// exports to S3: 2021-03-26T03:29:31.000Z (the fraction optional).
bool isIsoTimestamp(std::string_view t)
{
    if (t.size() < 20 || t.back() != 'Z' || !digits(t, 0, 4) || t[4] != '-' || !digits(t, 5, 2) ||
        t[7] != '-' || !digits(t, 8, 2) || t[10] != 'T' || !digits(t, 11, 2) || t[13] != ':' ||
        !digits(t, 14, 2) || t[16] != ':' || !digits(t, 17, 2))
        return false;
    if (t.size() == 20)
        return true;
    return t.size() > 21 && t[19] == '.' && digits(t, 20, t.size() - 21);
}

// A CloudWatch event's record of another field count than the format the
// check took: the log's own format was not given.
void addFormatHint(std::string &reason, const char *where)
{
    if (reason.rfind("wrong field count", 0) == 0)
        reason += std::string(" ") + where + ": give the log's format with --format";
}

} // namespace

void addAwsRecordColumns(LineFormat &format, const ReadOptions &options)
{
    const std::vector<std::string> names =
        options.awsFormat.empty() ? awsDefaultFormat() : options.awsFormat;
    for (const std::string &name : names)
        format.columns.push_back(fieldFromName(name));
}

FirstLine detectLineFormat(std::string_view text, const ReadOptions &options, LineFormat &format)
{
    format.columns.clear();
    format.timestamped = false;
    format.transitGateway = false;
    format.jsonDocument = false;
    format.jsonArray = false;
    format.awsMessages = false;
    format.awsNames = false;
    format.kind = LineFormat::Kind::Text;
    format.textFields =
        options.awsFormat.empty() ? awsDefaultFormat().size() : options.awsFormat.size();
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return FirstLine::Unknown;
    const std::string_view t = text.substr(first);
    const std::string_view trimmed = t.substr(0, t.find_last_not_of(" \t\r") + 1);
    if (trimmed == "[") { // the array's records follow, one per line (or not: see the reader)
        format.kind = LineFormat::Kind::JsonLines;
        format.jsonArray = true;
        return FirstLine::Header;
    }
    if (t.front() == '[' || trimmed == "{") {
        format.jsonDocument = true;
        return FirstLine::Unknown;
    }
    if (t.front() == '{') {
        format.kind = LineFormat::Kind::JsonLines;
        // An event that wraps a record, not a record (SLS has no "message").
        format.awsMessages = t.find("\"message\"") != std::string_view::npos &&
                             t.find("\"srcaddr\"") == std::string_view::npos;
        if (format.awsMessages)
            addAwsRecordColumns(format, options);
        else
            format.awsNames = hasAwsKey(t);
        return FirstLine::Record;
    }
    // A header names fields the check knows: all of its names, or three
    // at least (AWS custom formats may hold fields the check does not read).
    const auto isHeader = [](const std::vector<std::string_view> &words) {
        std::size_t known = 0;
        for (const std::string_view word : words)
            known += fieldFromName(word).has_value();
        return known == words.size() || known >= 3;
    };
    std::vector<std::string_view> tokens;
    if (t.find(',') != std::string_view::npos) {
        // SLS's CSV starts with its header row. Under --dialect aws a line
        // with commas may still be AWS text, unless it is such a header
        // (then the reader refuses the file as the other cloud's).
        if (!splitCsv(t, tokens) && isHeader(tokens)) {
            format.kind = LineFormat::Kind::Csv;
            format.fromHeader = true;
            format.columns = columnsFromNames(tokens, format.columnProblems);
            format.awsNames = std::any_of(tokens.begin(), tokens.end(), isAwsOnlyName);
            return FirstLine::Header;
        }
        if (options.dialect != Dialect::Aws)
            return FirstLine::Unknown;
    }
    splitBlankSeparated(t, tokens);
    if (isHeader(tokens)) {
        format.kind = LineFormat::Kind::Text;
        format.fromHeader = true;
        format.columns = columnsFromNames(tokens, format.columnProblems);
        format.transitGateway = std::any_of(tokens.begin(), tokens.end(), [](std::string_view n) {
            return n == "tgw-id" || n == "tgw-attachment-id";
        });
        return FirstLine::Header;
    }
    // A record of the given format (CloudWatch exports have no header), or
    // of the default one: it must have that format's fields. CloudWatch
    // Logs' export to S3 writes each event's time, a blank, then the
    // record: that column is passed over on every line of the file.
    const bool timestamped =
        tokens.size() == format.textFields + 1 && isIsoTimestamp(tokens.front());
    if (tokens.size() != format.textFields && !timestamped)
        return FirstLine::Unknown;
    format.kind = LineFormat::Kind::Text;
    format.timestamped = timestamped;
    if (timestamped)
        format.columns.push_back(std::nullopt);
    addAwsRecordColumns(format, options);
    return FirstLine::Record;
}

LineParser::LineParser(const LineFormat &format) : m_format(format)
{
    if (format.kind == LineFormat::Kind::JsonLines)
        m_json = makeJsonLineParser();
    for (std::size_t i = 0; i < format.columns.size(); ++i) {
        for (std::size_t j = 0; format.columns[i] && j < i; ++j) {
            if (format.columns[j] == format.columns[i])
                m_distinctColumns = false;
        }
    }
}

LineParser::~LineParser() = default;

std::string jsonDocumentReason()
{
    return "a JSON document (an array, or an object over several lines), not JSON Lines: "
           "write one record object per line (jq -c '.[]'; for CloudWatch events jq -r "
           "'.events[].message' gives AWS text)";
}

ArrayLine jsonArrayRecord(std::string_view &line)
{
    const auto trimEnd = [](std::string_view &text) {
        text = text.substr(0, text.find_last_not_of(" \t\r") + 1);
    };
    trimEnd(line);
    if (!line.empty() && line.back() == ',') {
        line.remove_suffix(1);
        trimEnd(line);
    }
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line.substr(first) == "]")
        return ArrayLine::Nothing;
    return line[first] == '{' && line.back() == '}' ? ArrayLine::Record : ArrayLine::NotARecord;
}

std::string unknownLineReason(const LineFormat &format)
{
    if (format.jsonDocument)
        return jsonDocumentReason();
    return "neither a flow-log record nor a header: not JSON, no CSV header row, not AWS text "
           "with a header line or " +
           std::to_string(format.textFields) + " fields";
}

std::string LineParser::parse(std::string_view text, FlowRecord &record, TextArena &owned)
{
    std::string reason;
    switch (m_format.kind) {
    case LineFormat::Kind::JsonLines:
        reason = m_json->parse(text, m_values);
        if (reason.empty() && m_format.awsMessages) {
            reason = parseMessage(text, owned);
            break;
        }
        // An escaped string's value is in the JSON parser's buffer, which
        // the next line reuses: the record keeps a copy.
        for (const Field field : kTextFields) {
            std::string_view &value = m_values[std::size_t(field)];
            if (!value.empty() &&
                (value.data() < text.data() || value.data() >= text.data() + text.size()))
                value = owned.keep(value);
        }
        break;
    case LineFormat::Kind::Csv:
        reason = parseColumns(text, true, owned, true);
        break;
    case LineFormat::Kind::Text:
        reason = parseColumns(text, false, owned, true);
        if (m_format.subscription)
            addFormatHint(reason, "in a subscription event");
        break;
    }
    if (reason.empty())
        reason = buildRecord(m_values, record);
    // AWS writes text; Alibaba's SLS JSON Lines and CSV.
    if (reason.empty() && !record.trafficPath.empty())
        record.viaGatewayEndpoint = pathIsGatewayEndpoint(record.trafficPath, m_format.isAws());
    return reason;
}

std::string LineParser::parseMessage(std::string_view line, TextArena &owned)
{
    std::string_view message = m_values[std::size_t(Field::Message)];
    if (message.empty() || message == "-")
        return "a JSON object without a flow-log record or a \"message\" holding one";
    // Unescaped into the JSON parser's buffer, which the next line reuses.
    // In the line, it is followed by the line's padding.
    const bool inLine = message.data() >= line.data() && message.data() < line.data() + line.size();
    if (!inLine)
        message = owned.keep(message);
    std::string reason = parseColumns(message, false, owned, inLine);
    addFormatHint(reason, "in the message");
    return reason;
}

std::string LineParser::parseColumns(std::string_view text, bool csv, TextArena &owned, bool padded)
{
    // A line of CSV or text sets its columns' fields only, and all of them
    // once it has the right count: with each field in one column, the
    // values are simply overwritten. Clearing all fields first (a string
    // of stores) was some 5 % of the parse of an AWS line.
    const bool overwrite = m_distinctColumns && m_format.kind != LineFormat::Kind::JsonLines;
    if (m_format.kind == LineFormat::Kind::JsonLines) {
        m_values.fill({}); // the message's fields replace the event's
    } else if (!overwrite) {
        for (const std::optional<Field> &column : m_format.columns) {
            if (column)
                m_values[std::size_t(*column)] = {};
        }
    }
    if (csv) {
        if (const char *reason = splitCsv(text, m_parts, &owned))
            return reason;
    } else {
        splitBlankSeparated(text, m_parts, padded);
    }
    const auto &columns = m_format.columns;
    if (m_parts.size() != columns.size())
        return countText(m_parts.size(), m_format);
    for (std::size_t i = 0; i < m_parts.size(); ++i) {
        if (!columns[i])
            continue;
        if (overwrite)
            m_values[std::size_t(*columns[i])] = m_parts[i];
        else if (!setFieldValue(m_values, *columns[i], m_parts[i]))
            return twoValuesReason(*columns[i]);
    }
    return {};
}

} // namespace pl::flowlog
