#include "console.h"

#include <cstdio>

namespace pl::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString &command, const QString &message)
{
    err() << "plinspect " << command << ": " << message << Qt::endl;
    return ExitUsage;
}

} // namespace pl::cli
