#include "listenerconnection.h"

#include "capture/payloadsummary.h"
#include "policy/evaluator.h"
#include "policy/requestbuilder.h"
#include "proxy/bytearrayspan.h"
#include "proxy/diagnostic.h"
#include "requestshape.h"

#include <QJsonDocument>
#include <QTcpSocket>

namespace pl::net {

namespace {

// The request as a capture summarises it: the same text and fields.
capture::RequestSummary summaryOf(const QByteArray &payloadHead)
{
    return capture::summarizeRequest(proxy::byteSpan(payloadHead)).summary;
}

// An echo or relay target that does not read may not grow our buffers forever.
constexpr qint64 kMaxPendingWrite = 4 * 1024 * 1024;
// How long a closing socket may take to flush before it is aborted.
constexpr int kCloseGraceMs = 2000;

} // namespace

ListenerConnection::ListenerConnection(QTcpSocket *socket, const ListenerConfig &config, quint64 id,
                                       QObject *parent)
    : QObject(parent), m_socket(socket), m_config(config)
{
    m_socket->setParent(this);
    m_record.id = id;
    setAccepted(m_record, false, socket->peerAddress(), socket->peerPort(), socket->localAddress(),
                socket->localPort());
    m_deadline.setSingleShot(true);
    m_lifetime.setSingleShot(true);
}

void ListenerConnection::start()
{
    m_clock.start();
    // Qt's buffer stops pulling from the kernel past this: a flood stays in
    // the kernel's window instead of our memory.
    m_socket->setReadBufferSize(static_cast<qint64>(kMaxV2HeaderSize) + kPayloadKeepBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &ListenerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ListenerConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            onDisconnected();
    });
    connect(&m_deadline, &QTimer::timeout, this, &ListenerConnection::onDeadline);
    connect(&m_lifetime, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Header)
            onDeadline();
        else
            finish(RecordOutcome::Ok, QStringLiteral("closed after %1 ms (connection time limit)")
                                          .arg(m_config.maxConnectionMs));
    });
    m_deadline.start(m_config.headerTimeoutMs);
    m_lifetime.start(m_config.maxConnectionMs);
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void ListenerConnection::abortNow(const QString &why)
{
    m_endState = capture::EndState::Rst; // the socket is aborted below
    finish(RecordOutcome::ListenerStopped, why);
    m_socket->abort();
    if (m_upstream)
        m_upstream->abort();
}

void ListenerConnection::onReadyRead()
{
    switch (m_phase) {
    case Phase::Header:
        readHeader();
        break;
    case Phase::Request:
        takePayload(m_socket->readAll());
        maybeAnswerRequest(false);
        break;
    case Phase::Echo: {
        const QByteArray bytes = m_socket->readAll();
        takePayload(bytes);
        writeToClient(bytes);
        m_deadline.start(m_config.idleTimeoutMs);
        break;
    }
    case Phase::Forward: {
        const QByteArray bytes = m_socket->readAll();
        takePayload(bytes);
        if (m_upstream->state() == QAbstractSocket::ConnectedState)
            m_upstream->write(bytes);
        else
            m_toUpstream += bytes;
        if (m_upstream->bytesToWrite() + m_toUpstream.size() > kMaxPendingWrite)
            finish(RecordOutcome::Ok, QStringLiteral("upstream does not keep up; closed"));
        m_deadline.start(m_config.idleTimeoutMs);
        break;
    }
    case Phase::Done:
        m_socket->readAll(); // drain: a closing socket must not stall on unread bytes
        break;
    }
}

void ListenerConnection::readHeader()
{
    const QByteArray chunk = m_socket->readAll();
    m_record.bytesIn += static_cast<quint64>(chunk.size());
    m_buffer += chunk;
    proxy::DecodeOptions options;
    options.vendor = m_config.vendor;
    const HeaderProgress progress =
        assessHeader(proxy::byteSpan(m_buffer), m_config.policy,
                     static_cast<std::size_t>(m_config.maxHeaderBytes), options);
    const auto keepHeaderBytes = [this](qsizetype length) {
        m_record.connection.headerPresent = true;
        m_record.connection.headerBytes = m_buffer.left(length);
    };
    switch (progress.state) {
    case HeaderState::NeedMore:
        return;
    case HeaderState::Complete: {
        const auto length = static_cast<qsizetype>(progress.length);
        keepHeaderBytes(length);
        m_record.headerMs = m_clock.elapsed();
        const QByteArray rest = m_buffer.mid(length);
        m_buffer.clear();
        emit headerComplete(m_record);
        enterPayloadPhase(rest);
        return;
    }
    case HeaderState::NoHeader: {
        m_record.headerMs = m_clock.elapsed();
        const QByteArray rest = m_buffer;
        m_buffer.clear();
        emit headerComplete(m_record);
        enterPayloadPhase(rest);
        return;
    }
    case HeaderState::Missing:
        m_record.payloadHead = m_buffer.left(kPayloadKeepBytes);
        m_record.connection.payload = summaryOf(m_record.payloadHead);
        refuse(RecordOutcome::MissingHeader,
               QStringLiteral("no PROXY header: the connection starts with other bytes "
                              "(policy %1)")
                   .arg(QLatin1String(headerPolicyName(m_config.policy))));
        return;
    case HeaderState::Invalid:
        keepHeaderBytes(std::min(m_buffer.size(), static_cast<qsizetype>(kMaxV2HeaderSize)));
        refuse(RecordOutcome::InvalidHeader,
               QStringLiteral("invalid PROXY header: %1").arg(proxy::errorMessage(progress.error)));
        return;
    case HeaderState::PolicyMismatch:
        keepHeaderBytes(static_cast<qsizetype>(progress.length));
        refuse(RecordOutcome::PolicyMismatch,
               QStringLiteral("a PROXY v%1 header, but this listener requires %2")
                   .arg(m_config.policy == HeaderPolicy::RequireV2 ? 1 : 2)
                   .arg(m_config.policy == HeaderPolicy::RequireV2 ? QStringLiteral("v2")
                                                                   : QStringLiteral("v1")));
        return;
    case HeaderState::TooLarge:
        keepHeaderBytes(std::min(m_buffer.size(), m_config.maxHeaderBytes));
        refuse(RecordOutcome::HeaderTooLarge,
               QStringLiteral("header larger than the limit of %1 bytes (%2 bytes announced or "
                              "received)")
                   .arg(m_config.maxHeaderBytes)
                   .arg(std::max<qint64>(m_buffer.size(), progress.error.arg2)));
        return;
    }
}

void ListenerConnection::takePayload(const QByteArray &bytes)
{
    if (m_phase != Phase::Header)
        m_record.bytesIn += static_cast<quint64>(bytes.size());
    const qsizetype room = kPayloadKeepBytes - m_record.payloadHead.size();
    if (room > 0 && !bytes.isEmpty()) {
        m_record.payloadHead += bytes.left(room);
        m_record.connection.payload = summaryOf(m_record.payloadHead);
    }
}

void ListenerConnection::enterPayloadPhase(const QByteArray &payload)
{
    // Bytes after the header were already counted in bytesIn.
    const qsizetype room = kPayloadKeepBytes - m_record.payloadHead.size();
    m_record.payloadHead += payload.left(room);
    m_record.connection.payload = summaryOf(m_record.payloadHead);

    // Non-HTTP modes are judged on what arrived with the header (tcp:Connect
    // when nothing did); http waits for the request head below.
    const bool judgeNow =
        !m_config.upstreamHost.isEmpty() || m_config.respond != ResponseMode::Http;
    if (judgeNow && !policyAllows()) {
        m_record.action = QStringLiteral("closed by policy");
        finish();
        return;
    }
    if (!m_config.upstreamHost.isEmpty()) {
        startUpstream(payload);
        return;
    }
    switch (m_config.respond) {
    case ResponseMode::Close:
        m_record.action = QStringLiteral("closed");
        finish();
        return;
    case ResponseMode::Echo:
        m_phase = Phase::Echo;
        m_record.action = QStringLiteral("echo");
        writeToClient(payload);
        m_deadline.start(m_config.idleTimeoutMs);
        return;
    case ResponseMode::Http:
        m_phase = Phase::Request;
        m_deadline.start(m_config.payloadWaitMs);
        maybeAnswerRequest(false);
        return;
    }
}

void ListenerConnection::maybeAnswerRequest(bool force)
{
    const QByteArray &p = m_record.payloadHead;
    const bool http = looksLikeHttpRequest(p);
    const bool ready = force || p.size() >= kPayloadKeepBytes ||
                       (http && httpRequestHeadComplete(p)) || (!p.isEmpty() && !http);
    if (!ready)
        return;
    if (http) {
        const qsizetype headEnd = p.indexOf("\r\n\r\n");
        const QByteArray head = p.left(headEnd < 0 ? p.size() : headEnd).toLower();
        m_wantsJson = head.contains("\naccept: application/json");
    }
    if (!policyAllows()) {
        m_record.action = QStringLiteral("http 403");
        m_record.durationMs = m_clock.elapsed();
        writeHttp(403, "Forbidden", "text/plain; charset=utf-8",
                  (m_record.decisionReason + QLatin1Char('\n')).toUtf8());
        finish();
        return;
    }
    m_record.action = QStringLiteral("http 200");
    m_record.durationMs = m_clock.elapsed();
    if (m_config.jsonResponse || m_wantsJson) {
        // The record as it stands now: still open, its findings known.
        ListenerRecord now = m_record;
        setFinished(now, capture::EndState::Open);
        writeHttp(
            200, "OK", "application/json",
            QJsonDocument(listenerRecordJson(now, m_config.vendor)).toJson(QJsonDocument::Compact) +
                '\n');
    } else {
        writeHttp(200, "OK", "text/plain; charset=utf-8",
                  listenerRecordText(m_record, m_config.vendor).toUtf8());
    }
    finish();
}

bool ListenerConnection::policyAllows()
{
    if (!m_config.accessPolicy)
        return true;
    // The facts a capture of this connection would give: one builder.
    const policy::ConnectionFacts facts = policy::factsFromCapture(m_record.connection);
    const proxy::DecodeResult decoded = m_record.decodeHeader(m_config.vendor);
    const policy::Verdict verdict =
        m_config.accessPolicy->evaluate(policy::requestFromConnection(decoded, facts));
    m_record.decision = QLatin1String(policy::decisionName(verdict.decision));
    m_record.decisionReason = policy::decisionSummary(
        verdict.decision, verdict.decisive,
        verdict.denyingLayer >= 0 ? m_config.accessPolicy->layerName(verdict.denyingLayer)
                                  : QString());
    return verdict.decision == policy::Decision::Allow;
}

void ListenerConnection::refuse(RecordOutcome outcome, const QString &message)
{
    if (m_config.respond == ResponseMode::Http && m_config.upstreamHost.isEmpty()) {
        m_record.action = QStringLiteral("http 400");
        writeHttp(400, "Bad Request", "text/plain; charset=utf-8",
                  (message + QLatin1Char('\n')).toUtf8());
    } else {
        m_record.action = QStringLiteral("closed");
    }
    finish(outcome, message);
}

void ListenerConnection::writeHttp(int status, const QByteArray &reason,
                                   const QByteArray &contentType, const QByteArray &body)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                          "\r\nContent-Type: " + contentType +
                          "\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\nConnection: close\r\nServer: plinspect\r\n\r\n" + body;
    // What a capture of the answer would read from its status line.
    m_record.connection.responseStatus = static_cast<std::uint16_t>(status);
    writeToClient(response);
}

void ListenerConnection::writeToClient(const QByteArray &bytes)
{
    if (bytes.isEmpty() || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->write(bytes);
    m_record.bytesOut += static_cast<quint64>(bytes.size());
    if (m_socket->bytesToWrite() > kMaxPendingWrite)
        finish(RecordOutcome::Ok, QStringLiteral("the client does not read what it is sent"));
}

void ListenerConnection::startUpstream(const QByteArray &payload)
{
    m_phase = Phase::Forward;
    const QString target = hostPortText(QHostAddress(m_config.upstreamHost), m_config.upstreamPort);
    m_record.action =
        QStringLiteral("upstream %1 (%2)")
            .arg(QHostAddress(m_config.upstreamHost).isNull()
                     ? QStringLiteral("%1:%2").arg(m_config.upstreamHost).arg(m_config.upstreamPort)
                     : target,
                 m_config.upstreamPassHeader ? QStringLiteral("header passed")
                                             : QStringLiteral("header stripped"));
    m_upstream = new QTcpSocket(this);
    m_toUpstream =
        (m_config.upstreamPassHeader ? m_record.connection.headerBytes : QByteArray()) + payload;
    connect(m_upstream, &QTcpSocket::connected, this, [this] {
        m_upstream->write(m_toUpstream);
        m_toUpstream.clear();
    });
    connect(m_upstream, &QTcpSocket::readyRead, this, &ListenerConnection::onUpstreamReadyRead);
    connect(m_upstream, &QTcpSocket::disconnected, this, [this] { finish(); });
    connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError)
            return; // disconnected() follows
        if (m_record.bytesOut == 0 && m_upstream->state() != QAbstractSocket::ConnectedState)
            finish(RecordOutcome::UpstreamFailed, QStringLiteral("upstream %1:%2: %3")
                                                      .arg(m_config.upstreamHost)
                                                      .arg(m_config.upstreamPort)
                                                      .arg(m_upstream->errorString()));
        else
            finish();
    });
    m_deadline.start(m_config.idleTimeoutMs);
    m_upstream->connectToHost(m_config.upstreamHost, m_config.upstreamPort);
}

void ListenerConnection::onUpstreamReadyRead()
{
    writeToClient(m_upstream->readAll());
    m_deadline.start(m_config.idleTimeoutMs);
}

void ListenerConnection::onDisconnected()
{
    if (m_phase == Phase::Done)
        return;
    if (m_phase == Phase::Header) {
        if (m_buffer.isEmpty()) {
            finish(RecordOutcome::NoData, QStringLiteral("closed without sending any byte"));
        } else {
            m_record.connection.headerPresent = true;
            m_record.connection.headerBytes =
                m_buffer.left(static_cast<qsizetype>(kMaxV2HeaderSize));
            finish(RecordOutcome::Truncated,
                   QStringLiteral("closed after %1 bytes, before the header was complete")
                       .arg(m_buffer.size()));
        }
        return;
    }
    if (m_phase == Phase::Forward && m_upstream &&
        m_upstream->state() == QAbstractSocket::ConnectedState) {
        // Let the upstream finish what the client sent, then close it.
        m_upstream->write(m_toUpstream);
        m_upstream->disconnectFromHost();
    }
    finish();
}

void ListenerConnection::onDeadline()
{
    switch (m_phase) {
    case Phase::Header:
        m_record.connection.headerPresent = !m_buffer.isEmpty();
        m_record.connection.headerBytes = m_buffer.left(static_cast<qsizetype>(kMaxV2HeaderSize));
        m_record.action = QStringLiteral("closed");
        m_endState = capture::EndState::Rst; // aborted below
        finish(RecordOutcome::HeaderTimeout,
               QStringLiteral("header incomplete after %1 ms (%2 bytes received)")
                   .arg(m_config.headerTimeoutMs)
                   .arg(m_buffer.size()));
        m_socket->abort();
        return;
    case Phase::Request:
        maybeAnswerRequest(true);
        return;
    case Phase::Echo:
    case Phase::Forward:
        finish(RecordOutcome::Ok,
               QStringLiteral("idle for %1 ms; closed").arg(m_config.idleTimeoutMs));
        return;
    case Phase::Done:
        return;
    }
}

void ListenerConnection::finish(RecordOutcome outcome, const QString &message)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_deadline.stop();
    m_lifetime.stop();
    m_record.outcome = outcome;
    if (!message.isEmpty() && (outcome != RecordOutcome::Ok || m_record.message.isEmpty()))
        m_record.message = message;
    m_record.durationMs = m_clock.elapsed();
    setFinished(m_record, m_endState);
    emit finished(this, m_record);
    closeAndDelete();
}

void ListenerConnection::closeAndDelete()
{
    // Closing flushes what was written; the object goes once both sockets
    // are closed, or after a grace period.
    const auto tryDelete = [this] {
        const bool clientOpen = m_socket->state() != QAbstractSocket::UnconnectedState;
        const bool upstreamOpen =
            m_upstream && m_upstream->state() != QAbstractSocket::UnconnectedState;
        if (!clientOpen && !upstreamOpen)
            deleteLater();
    };
    connect(m_socket, &QTcpSocket::disconnected, this, tryDelete);
    if (m_upstream)
        connect(m_upstream, &QTcpSocket::disconnected, this, tryDelete);
    m_socket->disconnectFromHost();
    if (m_upstream && m_upstream->bytesToWrite() == 0 && m_toUpstream.isEmpty())
        m_upstream->disconnectFromHost();
    QTimer::singleShot(kCloseGraceMs, this, [this] {
        m_socket->abort();
        if (m_upstream)
            m_upstream->abort();
        deleteLater();
    });
    tryDelete();
}

} // namespace pl::net
