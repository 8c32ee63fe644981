#pragma once

#include <QStringList>

namespace pl::cli {

// plinspect send HOST:PORT [header options] [payload options] [--tls] [--json]
// [--matrix FILE]: sends crafted connections and prints what came back.
int runSend(const QStringList &arguments);

} // namespace pl::cli
