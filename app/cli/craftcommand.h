#pragma once

#include <QStringList>

namespace pl::cli {

// plinspect craft [header options] (--hex | --out FILE)
int runCraft(const QStringList &arguments);

} // namespace pl::cli
