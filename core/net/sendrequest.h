#pragma once

#include "proxy/headerspec.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <optional>

namespace pl::net {

// An HTTP/1.1 request from a template. "Connection: close" is added unless
// the headers set Connection, so the response ends with the connection.
struct HttpTemplate
{
    QByteArray method = "GET";
    QByteArray path = "/";
    QByteArray host;           // Host header; empty: the target's host
    QList<QByteArray> headers; // "Name: value"
    QByteArray body;           // Content-Length is added when not empty
};

QByteArray buildHttpRequest(const HttpTemplate &request);

// TLS after the PROXY header (the header itself always goes in clear, as a
// load balancer sends it).
struct TlsOptions
{
    bool enabled = false;
    QString serverName; // SNI and the name verified; empty: the target host
    bool verify = true;
    QList<QSslCertificate> caCertificates; // empty: the system's
    QSslCertificate clientCertificate;
    QSslKey clientKey;
};

// One connection to send: target, header, payload.
struct SendRequest
{
    QString host;
    quint16 port = 0;
    std::optional<proxy::HeaderSpec> header; // none: connect without a header
    QByteArray rawHeader;                    // when not empty, sent instead of encoding `header`
    QByteArray payload;                      // after the header (and after the TLS handshake)
    bool udp = false;                        // one datagram: header + payload (DGRAM headers)
    TlsOptions tls;
    int timeoutMs = 5000; // connect + answer
    int quietMs = 300;    // non-HTTP answers: done after this long without bytes
    qsizetype maxResponseBytes = 1024 * 1024;

    QByteArray headerBytes() const; // what goes on the wire first
};

// Why a send failed, in words a user recognises.
enum class SendFailure : std::uint8_t
{
    None,
    HostNotFound,
    Refused,           // nothing listens there
    ClosedAfterHeader, // connected, sent the header, closed (or reset) without an answer
    Timeout,           // no answer (or no connection) in time
    TlsError,          // handshake or certificate failure
    NetworkError,      // anything else the socket reports
    NotHttp,           // an HTTP request was answered with bytes that are not HTTP/1.x
    BodyCutShort,      // the answer ended before its Content-Length
};

const char *sendFailureName(SendFailure failure); // stable names for JSON

struct SendResult
{
    SendFailure failure = SendFailure::None;
    QString message; // plain words; empty on success
    QByteArray headerSent;
    QByteArray payloadSent;
    QHostAddress localAddress; // our end (what a LOCAL header stands for)
    quint16 localPort = 0;
    QByteArray response; // raw bytes received (capped)
    // HTTP, when the answer is HTTP:
    int status = -1;
    QString statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Milliseconds from the start, -1 when it did not happen.
    qint64 connectMs = -1;
    qint64 tlsMs = -1;
    qint64 firstByteMs = -1;
    qint64 totalMs = -1;
    QString tlsProtocol; // e.g. "TLSv1.3", when TLS was used

    bool ok() const { return failure == SendFailure::None; }
};

// Parses the status line, headers and body of an HTTP/1.x answer into result.
void parseHttpResponse(SendResult &result);
// After an otherwise successful exchange: marks result failed when an HTTP
// request (payload) got an answer that is not HTTP/1.x, or a body shorter
// than its Content-Length (unless the answer was cut at maxResponseBytes).
void checkHttpAnswer(SendResult &result, const QByteArray &payload, qsizetype maxResponseBytes);
// {target, status, status_line, response (text), body, error {code, message},
// timings {connect_ms, tls_ms, first_byte_ms, total_ms}, header (hex), local}.
QJsonObject sendResultJson(const SendResult &result, const QString &target = {});
// Human-readable: status line or failure, timings, headers, body preview.
QString sendResultText(const SendResult &result, qsizetype bodyPreview = 2048);

} // namespace pl::net

Q_DECLARE_METATYPE(pl::net::SendResult)
