#pragma once

#include "sendrequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QAbstractSocket;
class QSslSocket;

namespace pl::net {

// Sends one crafted connection (header, optional TLS, payload) and collects
// the answer with timings. One at a time per object; finished() is emitted
// exactly once per start().
class Sender : public QObject
{
    Q_OBJECT

public:
    explicit Sender(QObject *parent = nullptr);
    ~Sender() override;

    void start(const SendRequest &request);
    // Ends the running send; finished() reports a timeout-like failure.
    void abort();
    bool isRunning() const { return m_running; }

signals:
    void finished(const pl::net::SendResult &result);

private:
    void startTcp();
    void startUdp();
    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void onTimeout();
    bool responseComplete() const;
    void complete(SendFailure failure = SendFailure::None, const QString &message = {});
    QString target() const;
    QString sizeHint() const;

    SendRequest m_request;
    SendResult m_result;
    QAbstractSocket *m_socket = nullptr;
    QSslSocket *m_ssl = nullptr; // m_socket when TLS is on
    QTimer m_timeout;
    QTimer m_quiet;
    QElapsedTimer m_clock;
    QStringList m_sslErrors;
    bool m_running = false;
    bool m_headerWritten = false;
};

} // namespace pl::net
