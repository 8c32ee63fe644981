#pragma once

#include <QByteArray>
#include <QTextStream>

class QCommandLineParser;

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

// The parser's help with a usage line that names the subcommand
// ("Usage: plinspect policy eval [options] POLICY"), not the binary's path.
QString commandHelp(const QCommandLineParser &parser, const QString &command);

// Writes bytes straight to stdout (bypassing out(), which is flushed first
// by the caller); a failure's reason is kept for finishOutput().
void writeStdout(const QByteArray &bytes);

// Flushes out() and stdout, keeping a failure's reason for finishOutput().
void flushStdout();

// Flushes standard output and checks that everything printed reached it (a
// full disk, a closed pipe): then says so on stderr and returns
// ExitInvalidInput if status was ExitOk. Otherwise returns status.
int finishOutput(int status);

} // namespace pl::cli
