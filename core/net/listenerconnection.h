#pragma once

#include "listenerconfig.h"
#include "listenerrecord.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace pl::net {

// One accepted TCP connection: reads the header under the policy and the
// limits, then answers (http, close, echo) or relays to the upstream. Emits
// finished() exactly once, then deletes itself once its sockets are closed.
class ListenerConnection : public QObject
{
    Q_OBJECT

public:
    ListenerConnection(QTcpSocket *socket, const ListenerConfig &config, quint64 id,
                       QObject *parent = nullptr);

    void start();
    // Ends the connection now (listener stopping); the record is still emitted.
    void abortNow(const QString &why);

signals:
    void headerComplete(const pl::net::ListenerRecord &record);
    void finished(pl::net::ListenerConnection *connection, const pl::net::ListenerRecord &record);

private:
    enum class Phase : std::uint8_t
    {
        Header,
        Request, // http: waiting for the request to answer it
        Echo,
        Forward,
        Done,
    };

    void onReadyRead();
    void onDisconnected();
    void onDeadline();
    void readHeader();
    void enterPayloadPhase(const QByteArray &payload);
    void takePayload(const QByteArray &bytes);
    void maybeAnswerRequest(bool force);
    // Judges the connection with the access policy (true when there is none
    // or it allows) and records the decision.
    bool policyAllows();
    void refuse(RecordOutcome outcome, const QString &message);
    void writeHttp(int status, const QByteArray &reason, const QByteArray &contentType,
                   const QByteArray &body);
    void startUpstream(const QByteArray &payload);
    void onUpstreamReadyRead();
    void finish(RecordOutcome outcome = RecordOutcome::Ok, const QString &message = {});
    void closeAndDelete();
    void writeToClient(const QByteArray &bytes);

    QTcpSocket *m_socket;
    QTcpSocket *m_upstream = nullptr;
    ListenerConfig m_config;
    ListenerRecord m_record;
    QByteArray m_buffer;     // header phase: everything received so far
    QByteArray m_toUpstream; // forward: bytes waiting for the upstream to connect
    QTimer m_deadline;       // header timeout, then payload wait or idle timeout
    QTimer m_lifetime;       // maxConnectionMs
    QElapsedTimer m_clock;
    Phase m_phase = Phase::Header;
    // How the socket ends: closed (FIN) unless aborted (RST); a reset by the
    // client reads as a close in Qt, so it cannot be told apart.
    capture::EndState m_endState = capture::EndState::Fin;
    bool m_wantsJson = false;
};

} // namespace pl::net
