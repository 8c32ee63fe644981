#include "console.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIODevice>

#include <cerrno>
#include <cstdio>
#include <cstring>

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

namespace {

QString g_stdoutError; // why standard output first failed, empty while it works

void noteStdoutError(int code)
{
    if (!g_stdoutError.isEmpty())
        return;
    // QTextStream's device keeps the reason when errno is gone.
    const QIODevice *device = out().device();
    if (code == 0 && device && !device->errorString().isEmpty() &&
        device->errorString() != QLatin1String("Unknown error"))
        g_stdoutError = device->errorString();
    else
        g_stdoutError = QString::fromLocal8Bit(std::strerror(code != 0 ? code : EIO));
}

} // namespace

QString commandHelp(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const QString usage = QStringLiteral("Usage: ");
    const QStringList args = QCoreApplication::arguments();
    const QString binary = args.isEmpty() ? QString() : args.constFirst();
    if (text.startsWith(usage + binary))
        text.replace(usage.size(), binary.size(), QStringLiteral("plinspect ") + command);
    return text;
}

void writeStdout(const QByteArray &bytes)
{
    const auto size = static_cast<std::size_t>(bytes.size());
    if (std::fwrite(bytes.constData(), 1, size, stdout) != size)
        noteStdoutError(errno);
}

void flushStdout()
{
    errno = 0;
    out().flush(); // QTextStream's QFile flushes stdio too
    if (out().status() != QTextStream::Ok)
        noteStdoutError(errno);
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
        noteStdoutError(errno);
}

int finishOutput(int status)
{
    flushStdout();
    if (g_stdoutError.isEmpty())
        return status;
    err() << "plinspect: cannot write standard output: " << g_stdoutError << Qt::endl;
    return status == ExitOk ? ExitInvalidInput : status;
}

} // namespace pl::cli
