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
    "regexp_like(lower(dstaddr), '^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]|ff[0-9a-f]{2}):') OR "
    "dstaddr = '::1'";

} // namespace

QString flowLogQuery(QueryEngine engine, const QueryOptions &options)
{
    const QString ports = portList(options.listeningPorts);
    if (engine == QueryEngine::Sls) {
        QStringList privateTests;
        for (const char *cidr : kPrivateV4)
            privateTests << QStringLiteral("is_subnet_of('%1', dstaddr)").arg(QLatin1String(cidr));
        QString service = QStringLiteral("try_cast(srcport AS bigint) < 1024");
        QString target = QStringLiteral("try_cast(dstport AS bigint) < 1024");
        if (!ports.isEmpty()) {
            service += QStringLiteral(" OR try_cast(srcport AS bigint) IN (%1)").arg(ports);
            target += QStringLiteral(" OR try_cast(dstport AS bigint) IN (%1)").arg(ports);
        }
        return QStringLiteral(
                   "direction: out and log-status: OK | SELECT \"vm-id\", \"eni-id\", "
                   "\"vpc-id\", region, 'out' AS direction, action, 'OK' AS \"log-status\", "
                   "srcaddr, dstaddr, dstport, protocol, count(*) AS records, "
                   "sum(try_cast(packets AS bigint)) AS packets, "
                   "sum(try_cast(bytes AS bigint)) AS bytes, min(try_cast(start AS bigint)) AS "
                   "start, max(try_cast(\"end\" AS bigint)) AS \"end\" FROM log WHERE "
                   "(CASE WHEN strpos(dstaddr, ':') > 0 THEN NOT (%4) ELSE NOT (%1) END) "
                   "AND (try_cast(\"tcp-flags\" AS bigint) IS NULL OR "
                   "bitwise_and(try_cast(\"tcp-flags\" AS bigint), 18) != 18) "
                   "AND NOT ((%2) AND NOT (%3)) "
                   "GROUP BY \"vm-id\", \"eni-id\", \"vpc-id\", region, action, srcaddr, "
                   "dstaddr, dstport, protocol ORDER BY bytes DESC LIMIT 1000000\n")
            .arg(privateTests.join(QStringLiteral(" OR ")), service, target,
                 QLatin1String(kPrivateV6Sls));
    }
    QStringList privateTests;
    for (const char *cidr : kPrivateV4)
        privateTests << QStringLiteral("contains('%1', CAST(dstaddr AS IPADDRESS))")
                            .arg(QLatin1String(cidr));
    privateTests << QStringLiteral("contains('fc00::/7', CAST(dstaddr AS IPADDRESS))")
                 << QStringLiteral("contains('fe80::/10', CAST(dstaddr AS IPADDRESS))");
    QString service = QStringLiteral("srcport < 1024");
    QString target = QStringLiteral("dstport < 1024");
    if (!ports.isEmpty()) {
        service += QStringLiteral(" OR srcport IN (%1)").arg(ports);
        target += QStringLiteral(" OR dstport IN (%1)").arg(ports);
    }
    return QStringLiteral(
               "-- Athena over the standard VPC flow-log table (fields v2-v5, "
               "flow_direction needs v5)\n"
               "SELECT instance_id AS \"instance-id\", interface_id AS \"interface-id\", "
               "vpc_id AS \"vpc-id\", region, 'egress' AS \"flow-direction\", action, "
               "'OK' AS \"log-status\", srcaddr, COALESCE(NULLIF(pkt_dstaddr, '-'), dstaddr) AS "
               "dstaddr, dstport, protocol, pkt_dst_aws_service AS \"pkt-dst-aws-service\", "
               "count(*) AS records, sum(packets) AS packets, sum(bytes) AS bytes, "
               "min(start) AS start, max(\"end\") AS \"end\"\n"
               "FROM %1\n"
               "WHERE log_status = 'OK' AND flow_direction = 'egress'\n"
               "  AND NOT (%2)\n"
               "  AND (tcp_flags IS NULL OR bitwise_and(tcp_flags, 18) <> 18)\n"
               "  AND NOT ((%3) AND NOT (%4))\n"
               "GROUP BY 1, 2, 3, 4, 6, 8, 9, 10, 11, 12\n"
               "ORDER BY bytes DESC\n")
        .arg(options.table, privateTests.join(QStringLiteral(" OR ")), service, target);
}

} // namespace pl::flowlog
