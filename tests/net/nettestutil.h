#pragma once

// Helpers for the live network tests: free ports, waiting for a sender,
// starting real peers (HAProxy, nginx) in a temporary directory.

#include "net/sender.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

namespace nettest {

inline quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

inline pl::net::SendResult sendAndWait(const pl::net::SendRequest &request)
{
    pl::net::Sender sender;
    QSignalSpy spy(&sender, &pl::net::Sender::finished);
    sender.start(request);
    if (spy.isEmpty() && !spy.wait(request.timeoutMs + 5000))
        return {};
    return spy.takeFirst().at(0).value<pl::net::SendResult>();
}

inline QString findBinary(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"),
                                                     QStringLiteral("/usr/local/sbin"),
                                                     QStringLiteral("/sbin")});
    return path;
}

// True once something accepts TCP connections on 127.0.0.1:port.
inline bool waitForPort(quint16 port, int timeoutMs = 5000)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(200)) {
            probe.abort();
            return true;
        }
        QTest::qWait(50);
    }
    return false;
}

// A daemon running in the foreground for the duration of a test.
class Daemon
{
public:
    ~Daemon() { stop(); }
    bool start(const QString &program, const QStringList &args)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program, args);
        return m_process.waitForStarted(5000);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
    bool running() const { return m_process.state() == QProcess::Running; }
    QByteArray output() { return m_process.readAll(); }

private:
    QProcess m_process;
};

// Runs a command to completion; false (with output in *log) when it fails.
inline bool run(const QString &program, const QStringList &args, QByteArray *log = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok =
        p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (log)
        *log = p.readAll();
    return ok;
}

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace nettest
