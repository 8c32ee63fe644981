#pragma once

#include <QStringList>

namespace pl::cli {

// plinspect decode [--json] [--breakdown] [--vendor P] (--hex HEX | FILE...)
int runDecode(const QStringList &arguments);

} // namespace pl::cli
