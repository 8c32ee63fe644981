#pragma once

#include <QStringList>

namespace pl::cli {

// `plinspect policy eval|test|diff|lint ...` (policy-language.md). Exit
// status: 0 success, 1 a test failed, lint found an error or an input does
// not parse, 2 usage error.
int runPolicy(const QStringList &arguments);

} // namespace pl::cli
