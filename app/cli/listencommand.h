#pragma once

#include <QStringList>

namespace pl::cli {

// plinspect listen [--bind ADDR:PORT] [--require ...] [--respond ...]
// [--upstream HOST:PORT] [--json]: a test backend that shows every header.
int runListen(const QStringList &arguments);

} // namespace pl::cli
