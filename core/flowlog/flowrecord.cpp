#include "flowrecord.h"

#include <algorithm>
#include <charconv>

namespace pl::flowlog {

namespace {

struct FieldName
{
    std::string_view name;
    Field field;
};

// Normalised names: lower case, '_' as '-'.
constexpr std::array kFieldNames{
    FieldName{"version", Field::Version},
    FieldName{"account-id", Field::AccountId},
    FieldName{"eni-id", Field::EniId},
    FieldName{"interface-id", Field::EniId},
    FieldName{"vm-id", Field::VmId},
    FieldName{"instance-id", Field::VmId},
    FieldName{"vswitch-id", Field::VswitchId},
    FieldName{"subnet-id", Field::VswitchId},
    FieldName{"vpc-id", Field::VpcId},
    FieldName{"region", Field::Region},
    FieldName{"type", Field::Type},
    FieldName{"protocol", Field::Protocol},
    FieldName{"srcaddr", Field::SrcAddr},
    FieldName{"srcport", Field::SrcPort},
    FieldName{"dstaddr", Field::DstAddr},
    FieldName{"dstport", Field::DstPort},
    FieldName{"direction", Field::Direction},
    FieldName{"flow-direction", Field::Direction},
    FieldName{"action", Field::Action},
    FieldName{"packets", Field::Packets},
    FieldName{"bytes", Field::Bytes},
    FieldName{"start", Field::Start},
    FieldName{"first-seen", Field::Start},
    FieldName{"end", Field::End},
    FieldName{"last-seen", Field::End},
    FieldName{"tcp-flags", Field::TcpFlags},
    FieldName{"log-status", Field::LogStatus},
    FieldName{"traffic-path", Field::TrafficPath},
    FieldName{"pkt-srcaddr", Field::PktSrcAddr},
    FieldName{"pkt-dstaddr", Field::PktDstAddr},
    FieldName{"pkt-dst-aws-service", Field::PktDstService},
    FieldName{"records", Field::Records},
    FieldName{"packets-in", Field::PacketsIn},
    FieldName{"bytes-in", Field::BytesIn},
};

// Fields the check does not read, normalised as kFieldNames.
constexpr std::array<std::string_view, 19> kUnreadFields{"az-id",
                                                         "sublocation-type",
                                                         "sublocation-id",
                                                         "pkt-src-aws-service",
                                                         "reject-reason",
                                                         "ecs-cluster-arn",
                                                         "ecs-cluster-name",
                                                         "ecs-container-instance-arn",
                                                         "ecs-container-instance-id",
                                                         "ecs-container-id",
                                                         "ecs-second-container-id",
                                                         "ecs-service-name",
                                                         "ecs-task-definition-arn",
                                                         "ecs-task-arn",
                                                         "ecs-task-id",
                                                         "encryption-status",
                                                         "srctype",
                                                         "dsttype",
                                                         "resource-id"};

bool absent(std::string_view v)
{
    // Written out so that it inlines: a call per field read was measurable.
    return v.empty() || (v.size() == 1 && v.front() == '-');
}

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// Against a literal, for the status, action and direction of every record.
// Always inlined, so that the literal's length and letters are known when
// compiling (left to itself, the compiler kept one out-of-line copy per
// length: 2% of the check). Branch-free over the bytes: a letter of the
// literal matches a byte whose value OR 0x20 is that letter in lower case,
// which only the letter in either case gives; other bytes must be equal.
template <std::size_t N>
[[gnu::always_inline]] inline bool equalsIgnoreCase(std::string_view a, const char (&b)[N])
{
    if (a.size() != N - 1)
        return false;
    unsigned differ = 0;
    for (std::size_t i = 0; i + 1 < N; ++i) {
        const char lower = lowerAscii(b[i]);
        const bool letter = lower >= 'a' && lower <= 'z';
        differ |= unsigned((letter ? char(a[i] | 0x20) : a[i]) != lower);
    }
    return differ == 0;
}

// A whole number; written as a decimal too ("2048.0", as a JSON encoder of
// floats or a dataframe's export gives counts), never with a fraction: a
// count of bytes or a port is whole ("12." too: the same number, as some
// writers of floats give it).
template <typename T>
bool parseNumber(std::string_view v, T &out)
{
    const char *const last = v.data() + v.size();
    const auto [end, ec] = std::from_chars(v.data(), last, out);
    if (ec != std::errc())
        return false;
    if (end == last)
        return true;
    return *end == '.' && end != v.data() &&
           std::all_of(end + 1, last, [](char c) { return c == '0'; });
}

std::string bad(const char *field, std::string_view value)
{
    std::string reason = "bad ";
    reason += field;
    reason += " '";
    reason += value.substr(0, 64);
    reason += "'";
    return reason;
}

} // namespace

std::optional<Field> fieldFromName(std::string_view name)
{
    char buffer[32];
    if (name.size() >= sizeof buffer)
        return std::nullopt;
    for (std::size_t i = 0; i < name.size(); ++i)
        buffer[i] = name[i] == '_' ? '-' : lowerAscii(name[i]);
    const std::string_view normalised(buffer, name.size());
    for (const FieldName &f : kFieldNames) {
        if (f.name == normalised)
            return f.field;
    }
    return std::nullopt;
}

bool isFlowLogFieldName(std::string_view name)
{
    if (fieldFromName(name))
        return true;
    std::string normalised;
    for (const char c : name)
        normalised += c == '_' ? '-' : lowerAscii(c);
    // SLS's own fields: __topic__, __source__, __time__, __tag__:..., _time_
    return normalised.rfind("-", 0) == 0 ||
           std::find(kUnreadFields.begin(), kUnreadFields.end(), normalised) != kUnreadFields.end();
}

std::string_view fieldName(Field field)
{
    if (field == Field::Message)
        return "message";
    for (const FieldName &f : kFieldNames) {
        if (f.field == field)
            return f.name; // the first name of a field is the one the output uses
    }
    return "field";
}

bool pathIsGatewayEndpoint(std::string_view trafficPath, bool aws)
{
    if (aws)
        return trafficPath == "7";
    return trafficPath == "6" || equalsIgnoreCase(trafficPath, "gatewayEndpoint");
}

bool setFieldValueAgain(FieldValues &values, Field field, std::string_view text)
{
    std::string_view &value = values[std::size_t(field)];
    if (absent(value)) {
        if (value.data() == nullptr || !absent(text))
            value = text;
        return true;
    }
    if (absent(text) || value == text)
        return true;
    // The words the check reads in any case ("ACCEPT", "accept") agree
    // in any case too.
    if ((field == Field::Action || field == Field::LogStatus) && value.size() == text.size() &&
        std::equal(value.begin(), value.end(), text.begin(),
                   [](char a, char b) { return lowerAscii(a) == lowerAscii(b); }))
        return true;
    const auto out = [](std::string_view v) {
        return equalsIgnoreCase(v, "out") || equalsIgnoreCase(v, "egress");
    };
    const auto in = [](std::string_view v) {
        return equalsIgnoreCase(v, "in") || equalsIgnoreCase(v, "ingress");
    };
    return field == Field::Direction && ((out(value) && out(text)) || (in(value) && in(text)));
}

std::string twoValuesReason(Field field)
{
    return std::string(fieldName(field)) + " given twice with different values";
}

std::string buildRecord(const FieldValues &values, FlowRecord &r)
{
    const auto value = [&values](Field f) {
        return values[std::size_t(f)];
    };

    const std::string_view status = value(Field::LogStatus);
    if (!absent(status)) {
        if (equalsIgnoreCase(status, "OK"))
            r.status = LogStatus::Ok;
        else if (equalsIgnoreCase(status, "NODATA"))
            r.status = LogStatus::NoData;
        else if (equalsIgnoreCase(status, "SKIPDATA"))
            r.status = LogStatus::SkipData;
        else
            return bad("log-status", status);
    }
    r.accountId = value(Field::AccountId);
    r.eniId = absent(value(Field::EniId)) ? std::string_view() : value(Field::EniId);
    r.vmId = absent(value(Field::VmId)) ? std::string_view() : value(Field::VmId);
    r.vpcId = absent(value(Field::VpcId)) ? std::string_view() : value(Field::VpcId);
    r.region = absent(value(Field::Region)) ? std::string_view() : value(Field::Region);
    r.trafficPath = value(Field::TrafficPath);
    r.dstService =
        absent(value(Field::PktDstService)) ? std::string_view() : value(Field::PktDstService);
    // True when the field is absent or a number: the message is made only
    // for a bad line.
    const auto number = [&](Field f, auto &out) {
        const std::string_view v = value(f);
        return absent(v) || parseNumber(v, out);
    };
    // Unix seconds: before 1970 or past the year 9999 is not a window of a
    // flow log (milliseconds, most likely).
    constexpr std::int64_t kLastSecond = 253402300799;
    const auto time = [&](Field f, std::int64_t &out) {
        return number(f, out) && out >= 0 && out <= kLastSecond;
    };
    if (!time(Field::Start, r.start))
        return bad("start", value(Field::Start));
    if (!time(Field::End, r.end))
        return bad("end", value(Field::End));
    if (!absent(value(Field::Start)) && !absent(value(Field::End)) && r.end < r.start)
        return "end " + std::string(value(Field::End).substr(0, 24)) + " before start " +
               std::string(value(Field::Start).substr(0, 24));
    if (r.status != LogStatus::Ok)
        return {}; // NODATA / SKIPDATA: traffic fields are "-"

    const std::string_view action = value(Field::Action);
    if (equalsIgnoreCase(action, "ACCEPT"))
        r.action = Action::Accept;
    else if (equalsIgnoreCase(action, "REJECT"))
        r.action = Action::Reject;
    else if (!absent(action))
        return bad("action", action);

    const std::string_view direction = value(Field::Direction);
    if (equalsIgnoreCase(direction, "out") || equalsIgnoreCase(direction, "egress"))
        r.direction = Direction::Out;
    else if (equalsIgnoreCase(direction, "in") || equalsIgnoreCase(direction, "ingress"))
        r.direction = Direction::In;
    else if (!absent(direction))
        return bad("direction", direction);

    if (!number(Field::Protocol, r.protocol))
        return bad("protocol", value(Field::Protocol));
    if (!number(Field::Packets, r.packets))
        return bad("packets", value(Field::Packets));
    if (!number(Field::Bytes, r.bytes))
        return bad("bytes", value(Field::Bytes));
    if (!number(Field::TcpFlags, r.tcpFlags) ||
        (!absent(value(Field::TcpFlags)) && (r.tcpFlags < 0 || r.tcpFlags > 255)))
        return bad("tcp-flags", value(Field::TcpFlags)); // one byte of flags, OR-ed
    if (!number(Field::Records, r.records))
        return bad("records", value(Field::Records));
    // A row of a query's result: its records column, and no source port
    // (a log with its own records column and source ports stays raw).
    const bool hasRecords = !absent(value(Field::Records));
    r.aggregated = hasRecords && absent(value(Field::SrcPort));
    if (hasRecords && r.records == 0)
        return bad("records", value(Field::Records)); // a group has one at least
    if (!r.aggregated)
        r.records = 1; // a raw record is one, whatever else its line holds
    // A query row's answers: both columns or neither (a query written
    // before them has neither, and its bytes in stay unknown).
    const bool hasPacketsIn = !absent(value(Field::PacketsIn));
    const bool hasBytesIn = !absent(value(Field::BytesIn));
    // On a raw record they would be read as nothing: said, not dropped.
    if (!r.aggregated && (hasPacketsIn || hasBytesIn))
        return "packets-in and bytes-in belong to a query's row (a records column and no "
               "srcport)";
    if (r.aggregated && (hasPacketsIn || hasBytesIn)) {
        if (!hasPacketsIn || !hasBytesIn)
            return hasPacketsIn ? "missing bytes-in" : "missing packets-in";
        if (!number(Field::PacketsIn, r.packetsIn))
            return bad("packets-in", value(Field::PacketsIn));
        if (!number(Field::BytesIn, r.bytesIn))
            return bad("bytes-in", value(Field::BytesIn));
        // The queries group by action and take accepted answers only, so a
        // rejected group has none: a count there comes from another query,
        // and the check would have to drop it unseen.
        if (r.action == Action::Reject && (r.packetsIn != 0 || r.bytesIn != 0))
            return "packets-in and bytes-in on a REJECT row: a rejected attempt has no answers";
        r.hasAnswers = true;
    }
    if (absent(value(Field::Protocol)))
        return "missing protocol";
    if (r.protocol < 0)
        return bad("protocol", value(Field::Protocol));
    if (r.protocol > 255)
        return bad("protocol", value(Field::Protocol));

    // Behind a NAT gateway (AWS) the packet-level addresses are the real ends.
    const bool pktSrc = !absent(value(Field::PktSrcAddr));
    const bool pktDst = !absent(value(Field::PktDstAddr));
    const std::string_view src = value(pktSrc ? Field::PktSrcAddr : Field::SrcAddr);
    const std::string_view dst = value(pktDst ? Field::PktDstAddr : Field::DstAddr);
    if (absent(src) || absent(dst))
        return absent(src) ? "missing srcaddr" : "missing dstaddr";
    const auto srcIp = parseIpAddress(src);
    if (!srcIp)
        return bad(pktSrc ? "pkt-srcaddr" : "srcaddr", src);
    const auto dstIp = parseIpAddress(dst);
    if (!dstIp)
        return bad(pktDst ? "pkt-dstaddr" : "dstaddr", dst);
    r.src = *srcIp;
    r.dst = *dstIp;
    r.hasAddresses = true;

    const std::string_view sp = value(Field::SrcPort);
    const std::string_view dp = value(Field::DstPort);
    // Both or neither (a query's row has the destination port only): one
    // alone would read as port 0, a service port.
    if (!r.aggregated && absent(sp) != absent(dp))
        return absent(sp) ? "missing srcport" : "missing dstport";
    if (!absent(sp) || !absent(dp)) {
        unsigned srcPort = 0;
        unsigned dstPort = 0;
        if (!absent(sp) && (!parseNumber(sp, srcPort) || srcPort > 65535))
            return bad("srcport", sp);
        if (!absent(dp) && (!parseNumber(dp, dstPort) || dstPort > 65535))
            return bad("dstport", dp);
        r.srcPort = std::uint16_t(srcPort);
        r.dstPort = std::uint16_t(dstPort);
        r.hasPorts = true;
    }
    return {};
}

} // namespace pl::flowlog
