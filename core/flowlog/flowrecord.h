#pragma once

#include "ipaddress.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pl::flowlog {

// The fields the check reads, whatever the dialect calls them. Names are
// matched case-insensitively with '_' and '-' equal, so "traffic_path",
// "traffic-path" and "log_status" all map (flow-logs.md).
enum class Field : std::uint8_t
{
    Version,
    AccountId,
    EniId,     // eni-id, interface-id
    VmId,      // vm-id, instance-id
    VswitchId, // vswitch-id, subnet-id
    VpcId,
    Region,
    Type,
    Protocol,
    SrcAddr,
    SrcPort,
    DstAddr,
    DstPort,
    Direction, // direction (in/out), flow-direction (ingress/egress)
    Action,
    Packets,
    Bytes,
    Start, // start, first_seen
    End,   // end, last_seen
    TcpFlags,
    LogStatus,
    TrafficPath,
    PktSrcAddr,
    PktDstAddr,
    PktDstService, // pkt-dst-aws-service
    Records,       // aggregated query results read back
    PacketsIn,     // a query row's answers: the same flows' inbound records
    BytesIn,
    // A CloudWatch Logs event's "message" (JSON Lines only, not a column
    // name): an AWS text record.
    Message,
    Count
};
constexpr std::size_t kFieldCount = std::size_t(Field::Count);

std::optional<Field> fieldFromName(std::string_view name);
// A name of a flow-log field, read by the check or not (AWS v2-v8, SLS,
// the query's columns): any other name in a header or --format is most
// likely a typo of one it reads ("dst_prt" would leave every port unread).
bool isFlowLogFieldName(std::string_view name);
// The field's name as the output says it ("dstport").
std::string_view fieldName(Field field);

enum class Direction : std::uint8_t
{
    Unknown,
    In,
    Out
};
enum class Action : std::uint8_t
{
    Unknown,
    Accept,
    Reject
};
enum class LogStatus : std::uint8_t
{
    Ok,
    NoData,
    SkipData
};

// One record, as views into its batch's text (the line, or the batch's
// TextArena for unescaped values), valid during the sink's call only:
// nothing of it is kept by the check beyond counters and interned IDs.
struct FlowRecord
{
    std::string_view accountId, eniId, vmId, vpcId, region, trafficPath, dstService;
    IpAddress src, dst;
    bool hasAddresses = false;
    std::uint16_t srcPort = 0, dstPort = 0;
    bool hasPorts = false;
    int protocol = -1;
    int tcpFlags = -1;
    std::uint64_t packets = 0, bytes = 0, records = 1;
    // A row of a query's aggregated result (a records column and no source
    // port): many records, no source port and no TCP flags.
    bool aggregated = false;
    // Such a row with its answers (packets-in and bytes-in columns, as
    // `flowlog query` now writes them): the flows' accepted inbound records.
    bool hasAnswers = false;
    std::uint64_t packetsIn = 0, bytesIn = 0;
    // The traffic path names a gateway endpoint: the traffic is on a
    // private path already (pathIsGatewayEndpoint).
    bool viaGatewayEndpoint = false;
    std::int64_t start = 0, end = 0;
    Direction direction = Direction::Unknown;
    Action action = Action::Unknown;
    LogStatus status = LogStatus::Ok;
};

using FieldValues = std::array<std::string_view, kFieldCount>;

// setFieldValue() for a field the line gave before: false when the value
// differs.
bool setFieldValueAgain(FieldValues &values, Field field, std::string_view text);

// Sets a field's value while a line is read, false when the line gave it
// before with another value (a key twice, two names of one field, two
// header columns): which one the record holds would be a guess. null, ""
// and "-" say nothing and conflict with no value; direction's two
// spellings (in/out, ingress/egress) agree. Inline for a field's first
// value, the usual case: a call per field was some 7% of the instructions
// on AWS text.
inline bool setFieldValue(FieldValues &values, Field field, std::string_view text)
{
    std::string_view &value = values[std::size_t(field)];
    if (value.data() == nullptr) {
        value = text;
        return true;
    }
    return setFieldValueAgain(values, field, text);
}

// The reason for a line setFieldValue() refused.
std::string twoValuesReason(Field field);

// Sums of counters the input gives (bytes, packets, records) stop at the
// largest value instead of wrapping: a hostile or broken log cannot make a
// big total small.
inline void addSaturating(std::uint64_t &sum, std::uint64_t value)
{
    if (__builtin_add_overflow(sum, value, &sum))
        sum = UINT64_MAX;
}

// Bytes out and in as one figure (saturating): what findings and instances
// are ranked by.
inline std::uint64_t bothWays(std::uint64_t out, std::uint64_t in)
{
    addSaturating(out, in);
    return out;
}

// Fills a record from raw field values ("-" or empty = not applicable).
// The record must be as FlowRecord{} makes it (the caller builds it in
// place): clearing it again here was some 5 % of a line's parse.
// Returns an empty string, or why the line is malformed.
std::string buildRecord(const FieldValues &values, FlowRecord &record);

// Whether a record's traffic path says it went through a gateway endpoint:
// Alibaba's code 6 (or its older name gatewayEndpoint), AWS's 7. The codes
// differ between the clouds (Alibaba's 7 is a NAT gateway), so the caller
// says whose log it is. AWS's 2 (internet gateway or gateway endpoint)
// does not tell: not counted.
bool pathIsGatewayEndpoint(std::string_view trafficPath, bool aws);

} // namespace pl::flowlog
