#include "flowquery.h"

#include <QStringList>

namespace pl::flowlog {

namespace {

QString portList(const std::vector<std::uint16_t> &ports)
{
    QStringList parts;
    for (const std::uint16_t p : ports)
        parts << QString::number(p);
    return parts.join(QStringLiteral(", "));
}

const char *const kPrivateV4[] = {"0.0.0.0/8",      "10.0.0.0/8",     "100.64.0.0/10",
                                  "127.0.0.0/8",    "169.254.0.0/16", "172.16.0.0/12",
                                  "192.168.0.0/16", "224.0.0.0/4",    "240.0.0.0/4"};

// is_subnet_of takes IPv4 only: IPv6 (told by its colon, since not every
// log has the type field) unique-local (fc00::/7), link-local (fe80::/10),
// multicast (ff00::/8) and loopback by their text: "fc::1" is 00fc::1,
// public, so four hex digits before the first colon.
const char kPrivateV6Sls[] =
    "regexp_like(lower(ra), '^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]|ff[0-9a-f]{2}):') OR "
    "ra = '::1'";

} // namespace

// Both queries read outbound records and the accepted inbound ones (the
// answers), keyed alike by the local address, the remote address (ra) and
// port (rp), and the local port (lp) for the port rule. A group's records,
// packets and bytes are its outbound records', packets-in and bytes-in its
// answers' (what `flowlog check` reads back as bytes in); a group without
// an outbound record (a connection to the instance, the answers of a
// rejected attempt) is left out, and so are outbound SYN-ACKs and records
// through a gateway endpoint (on a private path already).
QString flowLogQuery(QueryEngine engine, const QueryOptions &options)
{
    const QString ports = portList(options.listeningPorts);
    QString service = QStringLiteral("lp < 1024");
    QString target = QStringLiteral("rp < 1024");
    if (!ports.isEmpty()) {
        service += QStringLiteral(" OR lp IN (%1)").arg(ports);
        target += QStringLiteral(" OR rp IN (%1)").arg(ports);
    }
    if (engine == QueryEngine::Sls) {
        QStringList privateTests;
        for (const char *cidr : kPrivateV4)
            privateTests << QStringLiteral("is_subnet_of('%1', ra)").arg(QLatin1String(cidr));
        return QStringLiteral(
                   "log-status: OK | SELECT \"vm-id\", \"eni-id\", \"vpc-id\", region, "
                   "'out' AS direction, action, 'OK' AS \"log-status\", la AS srcaddr, "
                   "ra AS dstaddr, rp AS dstport, protocol, count_if(o) AS records, "
                   "sum(IF(o, pk, 0)) AS packets, sum(IF(o, b, 0)) AS bytes, "
                   "sum(IF(o, 0, pk)) AS \"packets-in\", sum(IF(o, 0, b)) AS \"bytes-in\", "
                   "min(IF(o, st, NULL)) AS start, max(IF(o, en, NULL)) AS \"end\" FROM (SELECT "
                   "\"vm-id\", "
                   "\"eni-id\", \"vpc-id\", region, action, protocol, direction = 'out' AS o, "
                   "IF(direction = 'out', srcaddr, dstaddr) AS la, "
                   "IF(direction = 'out', dstaddr, srcaddr) AS ra, "
                   "try_cast(IF(direction = 'out', srcport, dstport) AS bigint) AS lp, "
                   "try_cast(IF(direction = 'out', dstport, srcport) AS bigint) AS rp, "
                   "try_cast(\"tcp-flags\" AS bigint) AS fl, try_cast(packets AS bigint) AS pk, "
                   "try_cast(bytes AS bigint) AS b, try_cast(start AS bigint) AS st, "
                   "try_cast(\"end\" AS bigint) AS en, traffic_path AS tp FROM log WHERE "
                   "direction = 'out' OR "
                   "(direction = 'in' AND action = 'ACCEPT')) WHERE "
                   "(CASE WHEN strpos(ra, ':') > 0 THEN NOT (%4) ELSE NOT (%1) END) "
                   "AND (NOT o OR fl IS NULL OR bitwise_and(fl, 18) != 18) "
                   "AND (NOT o OR tp IS NULL OR tp NOT IN ('6', 'gatewayEndpoint')) "
                   "AND NOT ((%2) AND NOT (%3)) "
                   "GROUP BY \"vm-id\", \"eni-id\", \"vpc-id\", region, action, la, ra, rp, "
                   "protocol HAVING count_if(o) > 0 ORDER BY bytes DESC LIMIT 1000000\n")
            .arg(privateTests.join(QStringLiteral(" OR ")), service, target,
                 QLatin1String(kPrivateV6Sls));
    }
    QStringList privateTests;
    for (const char *cidr : kPrivateV4)
        privateTests
            << QStringLiteral("contains('%1', CAST(ra AS IPADDRESS))").arg(QLatin1String(cidr));
    privateTests << QStringLiteral("contains('fc00::/7', CAST(ra AS IPADDRESS))")
                 << QStringLiteral("contains('fe80::/10', CAST(ra AS IPADDRESS))");
    return QStringLiteral(
               "-- Athena over the standard VPC flow-log table (fields v2-v5, "
               "flow_direction needs v5)\n"
               "SELECT instance_id AS \"instance-id\", interface_id AS \"interface-id\", "
               "vpc_id AS \"vpc-id\", region, 'egress' AS \"flow-direction\", action, "
               "'OK' AS \"log-status\", la AS srcaddr, ra AS dstaddr, rp AS dstport, protocol, "
               "svc AS \"pkt-dst-aws-service\",\n"
               "  count_if(o) AS records, sum(IF(o, packets, 0)) AS packets, "
               "sum(IF(o, bytes, 0)) AS bytes,\n"
               "  sum(IF(o, 0, packets)) AS \"packets-in\", sum(IF(o, 0, bytes)) AS "
               "\"bytes-in\", min(IF(o, start, NULL)) AS start, max(IF(o, \"end\", NULL)) AS "
               "\"end\"\n"
               "FROM (SELECT *, flow_direction = 'egress' AS o,\n"
               "    IF(flow_direction = 'egress', srcaddr, dstaddr) AS la,\n"
               "    IF(flow_direction = 'egress', COALESCE(NULLIF(pkt_dstaddr, '-'), dstaddr), "
               "COALESCE(NULLIF(pkt_srcaddr, '-'), srcaddr)) AS ra,\n"
               "    IF(flow_direction = 'egress', srcport, dstport) AS lp,\n"
               "    IF(flow_direction = 'egress', dstport, srcport) AS rp,\n"
               "    IF(flow_direction = 'egress', pkt_dst_aws_service, pkt_src_aws_service) AS "
               "svc\n"
               "  FROM %1\n"
               "  WHERE log_status = 'OK' AND (flow_direction = 'egress' OR "
               "(flow_direction = 'ingress' AND action = 'ACCEPT')))\n"
               "WHERE NOT (%2)\n"
               "  AND (NOT o OR tcp_flags IS NULL OR bitwise_and(tcp_flags, 18) <> 18)\n"
               "  AND (NOT o OR traffic_path IS NULL OR traffic_path <> 7)\n"
               "  AND NOT ((%3) AND NOT (%4))\n"
               "GROUP BY 1, 2, 3, 4, 6, 8, 9, 10, 11, 12\n"
               "HAVING count_if(o) > 0\n"
               "ORDER BY bytes DESC\n")
        .arg(options.table, privateTests.join(QStringLiteral(" OR ")), service, target);
}

} // namespace pl::flowlog
