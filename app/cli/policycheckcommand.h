#pragma once

#include <QStringList>

namespace pl::cli {

// plinspect policy check POLICY... CASES --backend HOST:PORT [--json]
int runPolicyCheck(const QStringList &arguments);

} // namespace pl::cli
