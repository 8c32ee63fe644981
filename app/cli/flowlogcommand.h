#pragma once

#include <QStringList>

namespace pl::cli {

// `plinspect flowlog check LOGS...` and `plinspect flowlog query --engine
// sls|athena` (flow-logs.md). Exit status: 0 success, 1 some input lines
// were malformed or a file could not be read (the rest is still reported),
// 2 usage error.
int runFlowlog(const QStringList &arguments);

} // namespace pl::cli
