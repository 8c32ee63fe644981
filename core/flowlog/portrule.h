#pragma once

#include <cstdint>

namespace pl::flowlog {

// Rule 3's port thresholds, shared by the check (FlowShard) and the
// queries that run it where the logs live (flowLogQuery).
// Below this, a port is a service's (well-known ports).
constexpr std::uint16_t kServicePortLimit = 1024;
// Where the systems' ephemeral ranges start (Linux 32768, Windows and the
// IANA range 49152): a port from here on is most likely a client's. Below
// it sit the services on high ports (3306, 5432, 8080, 8443, 9200...).
constexpr std::uint16_t kEphemeralFirst = 32768;

} // namespace pl::flowlog
