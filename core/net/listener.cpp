#include "listener.h"

#include "capture/payloadsummary.h"
#include "listenerconnection.h"
#include "proxy/bytearrayspan.h"
#include "requestshape.h"

#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>

namespace pl::net {

Listener::Listener(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<pl::net::ListenerRecord>();
    qRegisterMetaType<pl::net::ListenerStats>();
}

Listener::~Listener()
{
    // Connections are children; destroying them emits nothing further.
    const auto connections = findChildren<ListenerConnection *>(Qt::FindDirectChildrenOnly);
    for (ListenerConnection *c : connections)
        c->disconnect(this);
}

bool Listener::start(const ListenerConfig &config)
{
    stop();
    m_config = config;
    m_error.clear();
    m_server = new QTcpServer(this);
    // Our limit is enforced at accept (with a record); the backlog absorbs bursts.
    m_server->setMaxPendingConnections(std::max(30, config.maxConnections));
    connect(m_server, &QTcpServer::newConnection, this, &Listener::acceptPending);
    if (!m_server->listen(config.address, config.port)) {
        m_error = QStringLiteral("cannot listen on %1 (TCP): %2")
                      .arg(hostPortText(config.address, config.port), m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return false;
    }
    if (config.udp) {
        m_udp = new QUdpSocket(this);
        if (!m_udp->bind(config.address, m_server->serverPort())) {
            m_error = QStringLiteral("cannot listen on %1 (UDP): %2")
                          .arg(hostPortText(config.address, m_server->serverPort()),
                               m_udp->errorString());
            stop();
            return false;
        }
        connect(m_udp, &QUdpSocket::readyRead, this, &Listener::readDatagrams);
    }
    return true;
}

void Listener::stop()
{
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    if (m_udp) {
        m_udp->close();
        m_udp->deleteLater();
        m_udp = nullptr;
    }
    const auto connections = findChildren<ListenerConnection *>(Qt::FindDirectChildrenOnly);
    for (ListenerConnection *c : connections)
        c->abortNow(QStringLiteral("listener stopped"));
}

bool Listener::isListening() const
{
    return m_server && m_server->isListening();
}

QHostAddress Listener::address() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 Listener::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void Listener::acceptPending()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        ++m_stats.accepted;
        if (m_stats.active >= static_cast<quint64>(std::max(0, m_config.maxConnections))) {
            ListenerRecord record;
            record.id = m_nextId++;
            setAccepted(record, false, socket->peerAddress(), socket->peerPort(),
                        socket->localAddress(), socket->localPort());
            record.outcome = RecordOutcome::TooManyConnections;
            record.message = QStringLiteral("refused: %1 connections already open (the limit)")
                                 .arg(m_stats.active);
            record.action = QStringLiteral("closed");
            setFinished(record, capture::EndState::Rst);
            socket->abort();
            socket->deleteLater();
            count(record);
            emit connectionFinished(record);
            emit statsChanged(m_stats);
            continue;
        }
        ++m_stats.active;
        auto *connection = new ListenerConnection(socket, m_config, m_nextId++, this);
        connect(connection, &ListenerConnection::headerComplete, this,
                &Listener::onConnectionHeader);
        connect(connection, &ListenerConnection::finished, this, &Listener::onConnectionFinished);
        connection->start();
    }
}

void Listener::onConnectionHeader(const ListenerRecord &record)
{
    emit headerReceived(record);
}

void Listener::onConnectionFinished(ListenerConnection *connection, const ListenerRecord &record)
{
    connection->disconnect(this);
    if (m_stats.active > 0)
        --m_stats.active;
    count(record);
    emit connectionFinished(record);
    emit statsChanged(m_stats);
}

void Listener::count(const ListenerRecord &record)
{
    ++m_stats.finished;
    switch (record.outcome) {
    case RecordOutcome::Ok:
    case RecordOutcome::UpstreamFailed:
    case RecordOutcome::ListenerStopped:
        if (record.connection.headerPresent)
            ++m_stats.headers;
        else
            ++m_stats.withoutHeader;
        break;
    case RecordOutcome::NoData:
        ++m_stats.noData;
        break;
    case RecordOutcome::MissingHeader:
    case RecordOutcome::InvalidHeader:
    case RecordOutcome::PolicyMismatch:
        ++m_stats.garbage;
        break;
    case RecordOutcome::HeaderTimeout:
        ++m_stats.timedOut;
        ++m_stats.truncated;
        break;
    case RecordOutcome::Truncated:
        ++m_stats.truncated;
        break;
    case RecordOutcome::HeaderTooLarge:
    case RecordOutcome::TooManyConnections:
        ++m_stats.overLimit;
        break;
    }
}

void Listener::readDatagrams()
{
    while (m_udp && m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_udp->receiveDatagram();
        if (!datagram.isValid())
            continue;
        ++m_stats.datagrams;
        const QByteArray data = datagram.data();
        ListenerRecord record;
        record.id = m_nextId++;
        setAccepted(record, true, datagram.senderAddress(),
                    static_cast<quint16>(datagram.senderPort()), m_udp->localAddress(),
                    m_udp->localPort());
        capture::Connection &c = record.connection;
        record.headerMs = 0;
        record.bytesIn = static_cast<quint64>(data.size());

        proxy::DecodeOptions options;
        options.vendor = m_config.vendor;
        const HeaderProgress progress =
            assessHeader(proxy::byteSpan(data), m_config.policy,
                         static_cast<std::size_t>(m_config.maxHeaderBytes), options);
        qsizetype payloadAt = 0;
        switch (progress.state) {
        case HeaderState::Complete:
            c.headerPresent = true;
            payloadAt = static_cast<qsizetype>(progress.length);
            c.headerBytes = data.left(payloadAt);
            break;
        case HeaderState::NoHeader:
            break;
        case HeaderState::NeedMore: // a datagram is all there is
            c.headerPresent = true;
            c.headerBytes = data;
            record.outcome = RecordOutcome::Truncated;
            record.message =
                QStringLiteral("datagram of %1 bytes ends inside the header").arg(data.size());
            break;
        case HeaderState::Missing:
            record.outcome = RecordOutcome::MissingHeader;
            record.message = QStringLiteral("no PROXY header at the start of the datagram");
            payloadAt = 0;
            break;
        case HeaderState::Invalid:
        case HeaderState::PolicyMismatch:
        case HeaderState::TooLarge:
            c.headerPresent = true;
            c.headerBytes = data.left(progress.length > 0 ? static_cast<qsizetype>(progress.length)
                                                          : data.size());
            record.outcome = progress.state == HeaderState::Invalid ? RecordOutcome::InvalidHeader
                             : progress.state == HeaderState::PolicyMismatch
                                 ? RecordOutcome::PolicyMismatch
                                 : RecordOutcome::HeaderTooLarge;
            record.message = QStringLiteral("header refused (%1)")
                                 .arg(QLatin1String(recordOutcomeName(record.outcome)));
            payloadAt = data.size();
            break;
        }
        const QByteArray payload = data.mid(payloadAt);
        record.payloadHead = payload.left(kPayloadKeepBytes);
        c.payload = capture::summarizeRequest(proxy::byteSpan(record.payloadHead)).summary;

        QByteArray reply;
        if (record.outcome == RecordOutcome::Ok) {
            if (m_config.respond == ResponseMode::Echo)
                reply = payload;
            else if (m_config.respond == ResponseMode::Http)
                reply = listenerRecordText(record, m_config.vendor).toUtf8();
        }
        if (!reply.isEmpty()) {
            m_udp->writeDatagram(datagram.makeReply(reply));
            record.bytesOut = static_cast<quint64>(reply.size());
            record.action = m_config.respond == ResponseMode::Echo ? QStringLiteral("echo")
                                                                   : QStringLiteral("summary");
        }
        setFinished(record, capture::EndState::Open); // UDP: no end state
        count(record);
        emit connectionFinished(record);
        emit statsChanged(m_stats);
    }
}

} // namespace pl::net
