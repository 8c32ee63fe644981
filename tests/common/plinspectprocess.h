#pragma once

// Runs the real plinspect executable as a user would, for the CLI tests of
// every module.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace pl::test {

struct Run
{
    int exitCode = -1; // -1: crashed or timed out
    QByteArray out;
    QByteArray err;
};

// Runs any program to its end (killed after timeoutMs), in env when given.
inline Run runProcess(const QString &program, const QStringList &args, int timeoutMs = 30000,
                      const QProcessEnvironment &env = QProcessEnvironment())
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

inline Run plinspect(const QStringList &args, int timeoutMs = 30000,
                     const QProcessEnvironment &env = QProcessEnvironment())
{
    return runProcess(QStringLiteral(PL_PLINSPECT), args, timeoutMs, env);
}

// tshark's output lines (the independent decoder of the cross-checks), or
// one line saying why it failed.
inline QStringList tsharkLines(const QStringList &args)
{
    const Run r = runProcess(QStringLiteral("tshark"), args, 60000);
    if (r.exitCode != 0)
        return {QStringLiteral("tshark failed: ") + QString::fromUtf8(r.err)};
    QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
    lines.removeAll(QString());
    return lines;
}

// The environment of a user whose system speaks Simplified Chinese.
inline QProcessEnvironment chineseEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("zh_CN.UTF-8"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("zh_CN"));
    return env;
}

// JSON Lines output; empty when any line is not a JSON object.
inline QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {};
        objects << doc.object();
    }
    return objects;
}

} // namespace pl::test
