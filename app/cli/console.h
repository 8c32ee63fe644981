#pragma once

#include <QTextStream>

namespace pl::cli {

// Exit statuses of the CLI contract.
enum ExitCode
{
    ExitOk = 0,
    ExitInvalidInput = 1,
    ExitUsage = 2
};

QTextStream &out();
QTextStream &err();

// Prints "plinspect <command>: <message>" to stderr and returns ExitUsage.
int usageError(const QString &command, const QString &message);

} // namespace pl::cli
