#pragma once

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace pl::flowlog {

enum class QueryEngine
{
    Sls,   // Alibaba Simple Log Service: search | SQL
    Athena // AWS Athena over the standard VPC flow-log table
};

struct QueryOptions
{
    std::vector<std::uint16_t> listeningPorts;
    QString table = QStringLiteral("vpc_flow_logs"); // Athena table
    // Athena: the fields of the log's format (--format), which are the
    // table's columns; empty: the standard table's v2-v5 fields. Without
    // flow-direction the query tells a record's way by its addresses (a
    // private source and a public destination: outbound), as the check
    // does; without instance-id a row's answers are unknown ("-").
    std::vector<std::string> awsFields;
    // The documentation ranges taken for private, as the check's
    // --documentation-private does.
    bool documentationPrivate = false;
};

// The fields an Athena query cannot do without; empty when `fields` (a
// log's format) has them all, or is empty (the standard table).
std::vector<std::string> missingQueryFields(const std::vector<std::string> &fields);

// The check as a query to run where the logs live: outbound OK records to
// public addresses, responses dropped by the port rule (rule 3: the query
// groups records, it does not judge flows), grouped by instance, ENI, VPC,
// destination and port, with the accepted inbound records of the same
// groups as their answers (packets-in, bytes-in; "-" where they could be
// another connection's). Its output columns use flow-log field names
// (records, packets, bytes, start, end...), so the CSV it exports can be
// read back by `plinspect flowlog check`.
QString flowLogQuery(QueryEngine engine, const QueryOptions &options = {});

} // namespace pl::flowlog
