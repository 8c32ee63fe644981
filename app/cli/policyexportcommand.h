#pragma once

#include <QStringList>

namespace pl::cli {

// plinspect policy export POLICY --target T [--upstream HOST:PORT]
// [--listen [ADDR:]PORT] [--out DIR] [--http-only]: the enforcing backend
// configuration generated from the policy (core/enforce). Exit 1 with the
// refusals when the target cannot express something.
int runPolicyExport(const QStringList &arguments);

} // namespace pl::cli
