#include "flowquery.h"

#include "flowrecord.h"
#include "ownership.h"
#include "portrule.h"

#include <QStringList>

#include <algorithm>

namespace pl::flowlog {

namespace {

QString portList(const std::vector<std::uint16_t> &ports)
{
    QStringList parts;
    for (const std::uint16_t p : ports)
        parts << QString::number(p);
    return parts.join(QStringLiteral(", "));
}

// The check's special ranges (specialCidrs) of one family.
std::vector<QLatin1String> specialOf(bool v6, bool documentation)
{
    std::vector<QLatin1String> cidrs;
    for (const std::string_view cidr : specialCidrs(documentation)) {
        if ((cidr.find(':') != std::string_view::npos) == v6)
            cidrs.emplace_back(cidr.data(), qsizetype(cidr.size()));
    }
    return cidrs;
}

// is_subnet_of takes IPv4 only: the special IPv6 ranges (specialCidrs) as
// text, told by the colon (not every log has the type field): unique-local
// (fc00::/7), link-local (fe80::/10), multicast (ff00::/8) by four hex
// digits before the first colon ("fc::1" is 00fc::1, public), loopback and
// unspecified whole, and documentation (2001:db8::/32) when asked.
QString slsPrivateV6(bool documentation)
{
    QString text = QStringLiteral(
        "regexp_like(lower(ra), '^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]|ff[0-9a-f]{2}):') OR "
        "ra IN ('::1', '::')");
    if (documentation)
        text += QStringLiteral(" OR regexp_like(lower(ra), '^2001:0{0,4}db8:')");
    return text;
}

// The packets-in and bytes-in columns: a group's answers, or "-" where
// they could be another connection's (see flowLogQuery).
QString answerColumns(const char *instance, const char *packets, const char *bytes)
{
    const QString unknown = QStringLiteral("count_if(ep) > 0 OR coalesce(%1, '-') IN ('', '-')")
                                .arg(QLatin1String(instance));
    return QStringLiteral("IF(%1, '-', CAST(sum(IF(o, 0, %2)) AS varchar)) AS \"packets-in\", "
                          "IF(%1, '-', CAST(sum(IF(o, 0, %3)) AS varchar)) AS \"bytes-in\"")
        .arg(unknown, QLatin1String(packets), QLatin1String(bytes));
}

// Rule 3 between two other ports: from below the ephemeral range into it
// is a server's answer (a server on a high port).
QString serverAnswer()
{
    return QStringLiteral("lp < %1 AND rp >= %1").arg(kEphemeralFirst);
}

// Athena's tests of the private ranges on a column, as one OR.
QString athenaPrivate(const char *column, bool documentation)
{
    QStringList tests;
    const QString cast = QStringLiteral("CAST(%1 AS IPADDRESS)").arg(QLatin1String(column));
    for (const bool v6 : {false, true}) {
        for (const QLatin1String cidr : specialOf(v6, documentation))
            tests << QStringLiteral("contains('%1', %2)").arg(cidr, cast);
    }
    return tests.join(QStringLiteral(" OR "));
}

std::vector<Field> fieldsOf(const std::vector<std::string> &names)
{
    std::vector<Field> fields;
    for (const std::string &name : names) {
        if (const std::optional<Field> field = fieldFromName(name))
            fields.push_back(*field);
    }
    return fields;
}

// The fields every query reads: which interface, between whom, how much,
// when, and whether accepted.
constexpr Field kQueryFields[] = {Field::EniId,   Field::SrcAddr, Field::DstAddr,
                                  Field::SrcPort, Field::DstPort, Field::Protocol,
                                  Field::Packets, Field::Bytes,   Field::Start,
                                  Field::End,     Field::Action,  Field::LogStatus};

QString athenaQuery(const QueryOptions &options, const QString &service, const QString &target)
{
    const std::vector<Field> fields = fieldsOf(options.awsFields);
    const auto has = [&](Field f) {
        return options.awsFields.empty() ||
               std::find(fields.begin(), fields.end(), f) != fields.end();
    };
    const bool direction = has(Field::Direction);
    const bool instance = has(Field::VmId);
    QString header =
        QStringLiteral("-- Athena over the standard VPC flow-log table (fields v2-v5: "
                       "flow_direction, traffic_path and pkt_dst_aws_service need v5)\n");
    if (!options.awsFields.empty()) {
        QStringList names;
        for (const std::string &name : options.awsFields)
            names << QString::fromStdString(name);
        header = QStringLiteral("-- Athena over a VPC flow-log table of the format: %1\n")
                     .arg(names.join(QLatin1Char(' ')));
        if (!direction)
            header += QStringLiteral("-- No flow_direction: a private source and a public "
                                     "destination make a record outbound\n");
        if (!instance)
            header += QStringLiteral("-- No instance_id: the answers are unknown ('-')\n");
        if (!has(Field::TrafficPath))
            header += QStringLiteral("-- No traffic_path: records through a gateway endpoint "
                                     "count as the others\n");
    }
    // Without flow_direction, sp and dp (source, destination private) tell
    // the way: one private end and one public.
    const QString outbound =
        direction ? QStringLiteral("flow_direction = 'egress'") : QStringLiteral("sp");
    // Quoted: a name that is a word of SQL ("select", "end") is still one.
    const QString table = QLatin1Char('"') +
                          QString(options.table).replace(QLatin1Char('.'), QLatin1String("\".\"")) +
                          QLatin1Char('"');
    const QString source =
        direction ? table
                  : QStringLiteral("(SELECT *, (%1) AS sp, (%2) AS dp FROM %3)")
                        .arg(athenaPrivate("srcaddr", options.documentationPrivate),
                             athenaPrivate("dstaddr", options.documentationPrivate), table);
    const QString ways = direction ? QStringLiteral("(flow_direction = 'egress' OR "
                                                    "(flow_direction = 'ingress' AND action = "
                                                    "'ACCEPT'))")
                                   : QStringLiteral("sp <> dp AND (sp OR action = 'ACCEPT')");
    const QString endpoint =
        has(Field::TrafficPath)
            ? QStringLiteral("%1 AND coalesce(traffic_path = 7, false)").arg(outbound)
            : QStringLiteral("false");
    // Columns the table lacks are constants, and not grouped by.
    QStringList groupBy;
    const auto column = [&](bool present, const char *expression, const char *name, int ordinal) {
        if (present)
            groupBy << QString::number(ordinal);
        return present ? QString::fromLatin1(expression)
                       : QStringLiteral("'-' AS \"%1\"").arg(QLatin1String(name));
    };
    const QString keys =
        QStringList{column(instance, "instance_id AS \"instance-id\"", "instance-id", 1),
                    column(true, "interface_id AS \"interface-id\"", "interface-id", 2),
                    column(has(Field::VpcId), "vpc_id AS \"vpc-id\"", "vpc-id", 3),
                    column(has(Field::Region), "region", "region", 4)}
            .join(QStringLiteral(", "));
    groupBy << QStringLiteral("6, 8, 9, 10, 11");
    const QString serviceColumn =
        has(Field::PktDstService)
            ? QStringLiteral(
                  "  max(IF(o, pkt_dst_aws_service, NULL)) AS \"pkt-dst-aws-service\",\n")
            : QString();
    const QString answers = instance ? answerColumns("instance_id", "packets", "bytes")
                                     : QStringLiteral("'-' AS \"packets-in\", '-' AS \"bytes-in\"");
    const QString synAck =
        has(Field::TcpFlags)
            ? QStringLiteral(
                  "  AND (NOT o OR tcp_flags IS NULL OR bitwise_and(tcp_flags, 18) <> 18)\n")
            : QString();
    return header +
           QStringLiteral(
               "SELECT %1, 'egress' AS \"flow-direction\", action, "
               "'OK' AS \"log-status\", la AS srcaddr, ra AS dstaddr, rp AS dstport, protocol,\n"
               "%2"
               "  count_if(o AND NOT ep) AS records, sum(IF(o AND NOT ep, packets, 0)) AS "
               "packets, sum(IF(o AND NOT ep, bytes, 0)) AS bytes,\n"
               "  %3,\n"
               "  min(IF(o AND NOT ep, start, NULL)) AS start, "
               "max(IF(o AND NOT ep, \"end\", NULL)) AS \"end\"\n"
               "FROM (SELECT *, %4 AS o,\n"
               "    %5 AS ep,\n"
               "    IF(%4, srcaddr, dstaddr) AS la,\n"
               "    IF(%4, dstaddr, srcaddr) AS ra,\n"
               "    IF(%4, srcport, dstport) AS lp,\n"
               "    IF(%4, dstport, srcport) AS rp\n"
               "  FROM %6\n"
               "  WHERE log_status = 'OK' AND %7)\n"
               "WHERE NOT (%8)\n"
               "%9"
               "  AND NOT ((%10) AND NOT (%11))\n"
               "  AND NOT (NOT (%10) AND NOT (%11) AND %13)\n"
               "GROUP BY %12\n"
               "HAVING count_if(o AND NOT ep) > 0\n"
               "ORDER BY bytes DESC, 2, 8, 9, 10, 11, 6, 1, 3, 4\n")
               .arg(keys, serviceColumn, answers, outbound, endpoint, source, ways,
                    athenaPrivate("ra", options.documentationPrivate), synAck)
               .arg(service, target, groupBy.join(QStringLiteral(", ")), serverAnswer());
}

} // namespace

std::vector<std::string> missingQueryFields(const std::vector<std::string> &names)
{
    std::vector<std::string> missing;
    if (names.empty())
        return missing;
    const std::vector<Field> fields = fieldsOf(names);
    for (const Field f : kQueryFields) {
        if (std::find(fields.begin(), fields.end(), f) == fields.end())
            missing.emplace_back(f == Field::EniId ? "interface-id" : fieldName(f));
    }
    return missing;
}

// Both queries read outbound records and the accepted inbound ones (the
// answers), keyed alike by the local address, the remote address (ra) and
// port (rp), and the local port (lp) for the port rule. A group's records,
// packets and bytes are its outbound records', packets-in and bytes-in its
// answers' (what `flowlog check` reads back as bytes in). Left out: groups
// without an outbound record (a connection to the instance, the answers of
// a rejected attempt), outbound SYN-ACKs, and outbound records through a
// gateway endpoint (ep: on a private path already). The port rule is the
// check's (portrule.h): from a service port (below 1024 or listening) to
// another is a response, and so is, between two other ports, one from
// below the ephemeral range (32768) into it (a server on a high port). The
// answers are keyed without the local port, so they are "-" (unknown when
// read back) where they could belong to other traffic: in a group with
// records through a gateway endpoint, and for an interface without an instance ID (a NAT
// gateway's, whose answers the instance's own row counts too). Private
// addresses are tested as logged, not as AWS's pkt-* fields give them: the
// instance's leg to a NAT gateway stays out and the NAT's leg counts once.
// Rows of equal bytes are ordered by their group's keys, so two runs over
// the same logs give the same file.
QString flowLogQuery(QueryEngine engine, const QueryOptions &options)
{
    const QString ports = portList(options.listeningPorts);
    QString service = QStringLiteral("lp < %1").arg(kServicePortLimit);
    QString target = QStringLiteral("rp < %1").arg(kServicePortLimit);
    if (!ports.isEmpty()) {
        service += QStringLiteral(" OR lp IN (%1)").arg(ports);
        target += QStringLiteral(" OR rp IN (%1)").arg(ports);
    }
    if (engine == QueryEngine::Sls) {
        QStringList privateTests;
        for (const QLatin1String cidr : specialOf(false, options.documentationPrivate))
            privateTests << QStringLiteral("is_subnet_of('%1', ra)").arg(cidr);
        return QStringLiteral(
                   "log-status: OK | SELECT \"vm-id\", \"eni-id\", \"vpc-id\", region, "
                   "'out' AS direction, action, 'OK' AS \"log-status\", la AS srcaddr, "
                   "ra AS dstaddr, rp AS dstport, protocol, count_if(o AND NOT ep) AS records, "
                   "sum(IF(o AND NOT ep, pk, 0)) AS packets, "
                   "sum(IF(o AND NOT ep, b, 0)) AS bytes, "
                   "%5, "
                   "min(IF(o AND NOT ep, st, NULL)) AS start, "
                   "max(IF(o AND NOT ep, en, NULL)) AS \"end\" FROM (SELECT \"vm-id\", "
                   "\"eni-id\", \"vpc-id\", region, action, protocol, direction = 'out' AS o, "
                   "direction = 'out' AND coalesce(traffic_path IN ('6', 'gatewayEndpoint'), "
                   "false) AS ep, "
                   "IF(direction = 'out', srcaddr, dstaddr) AS la, "
                   "IF(direction = 'out', dstaddr, srcaddr) AS ra, "
                   "try_cast(IF(direction = 'out', srcport, dstport) AS bigint) AS lp, "
                   "try_cast(IF(direction = 'out', dstport, srcport) AS bigint) AS rp, "
                   "try_cast(\"tcp-flags\" AS bigint) AS fl, try_cast(packets AS bigint) AS pk, "
                   "try_cast(bytes AS bigint) AS b, try_cast(start AS bigint) AS st, "
                   "try_cast(\"end\" AS bigint) AS en FROM log WHERE direction = 'out' OR "
                   "(direction = 'in' AND action = 'ACCEPT')) WHERE "
                   "(CASE WHEN strpos(ra, ':') > 0 THEN NOT (%4) ELSE NOT (%1) END) "
                   "AND (NOT o OR fl IS NULL OR bitwise_and(fl, 18) != 18) "
                   "AND NOT ((%2) AND NOT (%3)) "
                   "AND NOT (NOT (%2) AND NOT (%3) AND %6) "
                   "GROUP BY \"vm-id\", \"eni-id\", \"vpc-id\", region, action, la, ra, rp, "
                   "protocol HAVING count_if(o AND NOT ep) > 0 ORDER BY bytes DESC, \"eni-id\", "
                   "la, ra, rp, protocol, action, \"vm-id\", \"vpc-id\", region "
                   "LIMIT 1000000\n")
            .arg(privateTests.join(QStringLiteral(" OR ")), service, target,
                 slsPrivateV6(options.documentationPrivate), answerColumns("\"vm-id\"", "pk", "b"),
                 serverAnswer());
    }
    return athenaQuery(options, service, target);
}

} // namespace pl::flowlog
