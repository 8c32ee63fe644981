#include "sender.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUdpSocket>

namespace pl::net {

Sender::Sender(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<pl::net::SendResult>();
    m_timeout.setSingleShot(true);
    m_quiet.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &Sender::onTimeout);
    connect(&m_quiet, &QTimer::timeout, this, [this] { complete(); });
}

Sender::~Sender()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString Sender::target() const
{
    return m_request.host.contains(QLatin1Char(':'))
               ? QStringLiteral("[%1]:%2").arg(m_request.host).arg(m_request.port)
               : QStringLiteral("%1:%2").arg(m_request.host).arg(m_request.port);
}

void Sender::start(const SendRequest &request)
{
    if (m_running)
        return;
    m_request = request;
    m_result = SendResult{};
    m_sslErrors.clear();
    m_headerWritten = false;
    m_running = true;
    m_clock.start();
    m_timeout.start(request.timeoutMs);
    if (request.udp)
        startUdp();
    else
        startTcp();
}

void Sender::abort()
{
    if (m_running)
        complete(SendFailure::Timeout, QStringLiteral("cancelled"));
}

void Sender::startTcp()
{
    if (m_request.tls.enabled) {
        m_ssl = new QSslSocket(this);
        m_socket = m_ssl;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        if (!m_request.tls.caCertificates.isEmpty())
            conf.setCaCertificates(m_request.tls.caCertificates);
        if (!m_request.tls.clientCertificate.isNull()) {
            conf.setLocalCertificate(m_request.tls.clientCertificate);
            conf.setPrivateKey(m_request.tls.clientKey);
        }
        conf.setPeerVerifyMode(m_request.tls.verify ? QSslSocket::VerifyPeer
                                                    : QSslSocket::VerifyNone);
        m_ssl->setSslConfiguration(conf);
        m_ssl->setPeerVerifyName(m_request.tls.serverName.isEmpty() ? m_request.host
                                                                    : m_request.tls.serverName);
        connect(m_ssl, &QSslSocket::encrypted, this, &Sender::onEncrypted);
        connect(m_ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &e : errors)
                m_sslErrors << e.errorString();
        });
    } else {
        m_socket = new QTcpSocket(this);
    }
    connect(m_socket, &QAbstractSocket::connected, this, &Sender::onConnected);
    connect(m_socket, &QAbstractSocket::readyRead, this, &Sender::onReadyRead);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &Sender::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &Sender::onDisconnected);
    m_socket->connectToHost(m_request.host, m_request.port);
}

void Sender::startUdp()
{
    m_socket = new QUdpSocket(this);
    connect(m_socket, &QAbstractSocket::connected, this, [this] {
        m_result.connectMs = m_clock.elapsed();
        m_result.localAddress = m_socket->localAddress();
        m_result.localPort = m_socket->localPort();
        m_result.headerSent = m_request.headerBytes();
        m_result.payloadSent = m_request.payload;
        m_headerWritten = true;
        m_socket->write(m_result.headerSent + m_result.payloadSent);
    });
    connect(m_socket, &QAbstractSocket::readyRead, this, [this] {
        auto *udp = static_cast<QUdpSocket *>(m_socket);
        while (udp->hasPendingDatagrams()) {
            QByteArray datagram(
                static_cast<qsizetype>(std::max<qint64>(0, udp->pendingDatagramSize())),
                Qt::Uninitialized);
            udp->readDatagram(datagram.data(), datagram.size());
            if (m_result.firstByteMs < 0)
                m_result.firstByteMs = m_clock.elapsed();
            m_result.response += datagram;
        }
        complete();
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &Sender::onSocketError);
    m_socket->connectToHost(m_request.host, m_request.port);
}

void Sender::onConnected()
{
    m_result.connectMs = m_clock.elapsed();
    m_result.localAddress = m_socket->localAddress();
    m_result.localPort = m_socket->localPort();
    // The header goes first and in clear, as a load balancer sends it.
    m_result.headerSent = m_request.headerBytes();
    if (!m_result.headerSent.isEmpty())
        m_socket->write(m_result.headerSent);
    m_headerWritten = true;
    if (m_ssl) {
        m_ssl->startClientEncryption();
        return;
    }
    m_result.payloadSent = m_request.payload;
    if (!m_request.payload.isEmpty())
        m_socket->write(m_request.payload);
}

void Sender::onEncrypted()
{
    m_result.tlsMs = m_clock.elapsed();
    const QSsl::SslProtocol p = m_ssl->sessionProtocol();
    m_result.tlsProtocol = p == QSsl::TlsV1_3   ? QStringLiteral("TLSv1.3")
                           : p == QSsl::TlsV1_2 ? QStringLiteral("TLSv1.2")
                                                : QStringLiteral("TLS");
    m_result.payloadSent = m_request.payload;
    if (!m_request.payload.isEmpty())
        m_ssl->write(m_request.payload);
}

void Sender::onReadyRead()
{
    if (!m_running)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    if (m_result.firstByteMs < 0)
        m_result.firstByteMs = m_clock.elapsed();
    const qsizetype room = m_request.maxResponseBytes - m_result.response.size();
    m_result.response += bytes.left(std::max<qsizetype>(0, room));
    if (responseComplete() || room <= bytes.size()) {
        complete();
        return;
    }
    if (!m_result.response.startsWith("HTTP/"))
        m_quiet.start(m_request.quietMs);
}

bool Sender::responseComplete() const
{
    const QByteArray &r = m_result.response;
    if (!r.startsWith("HTTP/"))
        return false;
    const qsizetype headEnd = r.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const qsizetype bodyStart = headEnd + 4;
    const QByteArray head = r.left(headEnd).toLower();
    const int status = r.mid(9, 3).toInt();
    if ((status >= 100 && status < 200) || status == 204 || status == 304 ||
        m_request.payload.startsWith("HEAD "))
        return true;
    const qsizetype cl = head.indexOf("\ncontent-length:");
    if (cl >= 0) {
        const qsizetype end = head.indexOf('\n', cl + 1);
        const qsizetype length =
            head.mid(cl + 16, end < 0 ? -1 : end - cl - 16).trimmed().toLongLong();
        return r.size() - bodyStart >= length;
    }
    if (head.contains("\ntransfer-encoding: chunked"))
        return r.endsWith("\r\n0\r\n\r\n") || r.mid(bodyStart).startsWith("0\r\n\r\n");
    return false; // the body ends with the connection
}

void Sender::onSocketError()
{
    if (!m_running)
        return;
    const QAbstractSocket::SocketError e = m_socket->error();
    switch (e) {
    case QAbstractSocket::RemoteHostClosedError:
        onDisconnected();
        return;
    case QAbstractSocket::ConnectionRefusedError:
        if (m_request.udp && m_headerWritten)
            complete(SendFailure::Refused,
                     QStringLiteral("%1 answered 'port unreachable': nothing listens for UDP there")
                         .arg(target()));
        else
            complete(
                SendFailure::Refused,
                QStringLiteral("connection refused by %1: nothing listens there").arg(target()));
        return;
    case QAbstractSocket::HostNotFoundError:
        complete(SendFailure::HostNotFound,
                 QStringLiteral("host not found: %1").arg(m_request.host));
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        complete(SendFailure::TlsError,
                 QStringLiteral("TLS handshake with %1 failed: %2")
                     .arg(target(), m_sslErrors.isEmpty()
                                        ? m_socket->errorString()
                                        : m_sslErrors.join(QStringLiteral("; "))));
        return;
    case QAbstractSocket::SocketTimeoutError:
        onTimeout();
        return;
    default:
        complete(SendFailure::NetworkError,
                 QStringLiteral("%1: %2").arg(target(), m_socket->errorString()));
        return;
    }
}

void Sender::onDisconnected()
{
    if (!m_running)
        return;
    if (!m_result.response.isEmpty()) {
        complete();
        return;
    }
    if (m_ssl && !m_ssl->isEncrypted() && m_headerWritten) {
        complete(SendFailure::ClosedAfterHeader,
                 QStringLiteral("%1 closed the connection during the TLS handshake, right after "
                                "the %2-byte PROXY header: it most likely refused the header%3")
                     .arg(target())
                     .arg(m_result.headerSent.size())
                     .arg(sizeHint()));
        return;
    }
    if (m_headerWritten && !m_result.headerSent.isEmpty()) {
        complete(SendFailure::ClosedAfterHeader,
                 QStringLiteral("%1 closed (or reset) the connection right after the %2-byte "
                                "PROXY header without answering: it most likely refused the "
                                "header%3")
                     .arg(target())
                     .arg(m_result.headerSent.size())
                     .arg(sizeHint()));
        return;
    }
    complete(SendFailure::ClosedAfterHeader,
             QStringLiteral("%1 closed the connection without answering").arg(target()));
}

QString Sender::sizeHint() const
{
    // The one refusal users hit most without a clue: old nginx's buffer.
    if (static_cast<std::size_t>(m_result.headerSent.size()) > proxy::kV1MaxSize &&
        m_result.headerSent.startsWith('\r'))
        return QStringLiteral(" (the header is %1 bytes: nginx before 1.23.3 refuses headers "
                              "over 107 bytes on stream and TLS listeners)")
            .arg(m_result.headerSent.size());
    return {};
}

void Sender::onTimeout()
{
    if (!m_running)
        return;
    if (!m_result.response.isEmpty()) {
        complete(SendFailure::None,
                 QStringLiteral("answer still incomplete after %1 ms").arg(m_request.timeoutMs));
        return;
    }
    if (m_result.connectMs < 0) {
        complete(SendFailure::Timeout, QStringLiteral("no connection to %1 within %2 ms")
                                           .arg(target())
                                           .arg(m_request.timeoutMs));
        return;
    }
    if (m_request.udp) {
        complete(SendFailure::Timeout,
                 QStringLiteral("no datagram came back from %1 within %2 ms (a UDP backend that "
                                "drops a datagram says nothing)")
                     .arg(target())
                     .arg(m_request.timeoutMs));
        return;
    }
    if (m_ssl && !m_ssl->isEncrypted()) {
        complete(SendFailure::Timeout,
                 QStringLiteral("TLS handshake with %1 not finished within %2 ms")
                     .arg(target())
                     .arg(m_request.timeoutMs));
        return;
    }
    complete(SendFailure::Timeout,
             QStringLiteral("connected to %1 and sent %2 bytes, but no answer within %3 ms")
                 .arg(target())
                 .arg(m_result.headerSent.size() + m_result.payloadSent.size())
                 .arg(m_request.timeoutMs));
}

void Sender::complete(SendFailure failure, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    m_timeout.stop();
    m_quiet.stop();
    m_result.failure = failure;
    m_result.message = message;
    m_result.totalMs = m_clock.elapsed();
    parseHttpResponse(m_result);
    checkHttpAnswer(m_result, m_request.payload, m_request.maxResponseBytes);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
        m_ssl = nullptr;
    }
    const SendResult result = m_result;
    emit finished(result);
}

} // namespace pl::net
