#include "sendrequest.h"

#include "listenerrecord.h"
#include "proxy/bytearrayspan.h"
#include "proxy/headertext.h"
#include "proxy/headerbuilder.h"

#include <QJsonArray>
#include <QStringDecoder>

namespace pl::net {

QByteArray buildHttpRequest(const HttpTemplate &request)
{
    QByteArray out =
        request.method + ' ' + (request.path.isEmpty() ? "/" : request.path) + " HTTP/1.1\r\n";
    bool hasConnection = false;
    bool hasLength = false;
    if (!request.host.isEmpty())
        out += "Host: " + request.host + "\r\n";
    for (const QByteArray &h : request.headers) {
        const QByteArray name = h.left(h.indexOf(':')).trimmed().toLower();
        hasConnection |= name == "connection";
        hasLength |= name == "content-length";
        out += h.trimmed() + "\r\n";
    }
    if (!hasConnection)
        out += "Connection: close\r\n";
    if (!request.body.isEmpty() && !hasLength)
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    out += "\r\n" + request.body;
    return out;
}

QByteArray SendRequest::headerBytes() const
{
    if (!rawHeader.isEmpty())
        return rawHeader;
    return header ? proxy::encodeHeader(*header) : QByteArray();
}

const char *sendFailureName(SendFailure failure)
{
    switch (failure) {
    case SendFailure::None:
        return "none";
    case SendFailure::HostNotFound:
        return "host_not_found";
    case SendFailure::Refused:
        return "refused";
    case SendFailure::ClosedAfterHeader:
        return "closed_after_header";
    case SendFailure::Timeout:
        return "timeout";
    case SendFailure::TlsError:
        return "tls_error";
    case SendFailure::NetworkError:
        return "network_error";
    case SendFailure::NotHttp:
        return "not_http";
    case SendFailure::BodyCutShort:
        return "body_cut_short";
    }
    return "none";
}

void parseHttpResponse(SendResult &result)
{
    const QByteArray &r = result.response;
    if (!r.startsWith("HTTP/"))
        return;
    const qsizetype lineEnd = r.indexOf("\r\n");
    const QByteArray line = lineEnd < 0 ? r : r.left(lineEnd);
    result.statusLine = QString::fromLatin1(line);
    const QList<QByteArray> parts = line.split(' ');
    bool ok = false;
    const int status = parts.size() >= 2 ? parts[1].toInt(&ok) : -1;
    result.status = ok ? status : -1;
    result.headers.clear();
    if (lineEnd < 0)
        return;
    const qsizetype headEnd = r.indexOf("\r\n\r\n");
    const QByteArray head = r.mid(lineEnd + 2, headEnd < 0 ? -1 : headEnd - lineEnd - 2);
    for (const QByteArray &h : head.split('\n')) {
        const qsizetype colon = h.indexOf(':');
        if (colon > 0)
            result.headers.append({h.left(colon).trimmed(), h.mid(colon + 1).trimmed()});
    }
    result.body = headEnd < 0 ? QByteArray() : r.mid(headEnd + 4);
}

namespace {

// What a server sent, safe for a terminal: its bytes may carry escape
// sequences. CRLF line ends read as lines; every other control is shown.
QString terminalText(const QByteArray &bytes, bool multiLine)
{
    QString text = QString::fromUtf8(bytes);
    if (multiLine)
        text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return proxy::escapedControls(text, multiLine);
}

// JSON keeps what was received: text when it is UTF-8, else base64 with a
// sibling "<key>_encoding": "base64" (never U+FFFD in place of bytes).
void insertBytes(QJsonObject &o, const QString &key, const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError()) {
        o.insert(key, text);
        return;
    }
    o.insert(key, QString::fromLatin1(bytes.toBase64()));
    o.insert(key + QStringLiteral("_encoding"), QStringLiteral("base64"));
}

bool isHttpRequest(const QByteArray &payload)
{
    const qsizetype lineEnd = payload.indexOf("\r\n");
    return lineEnd > 0 && payload.left(lineEnd).contains(" HTTP/1.");
}

} // namespace

void checkHttpAnswer(SendResult &result, const QByteArray &payload, qsizetype maxResponseBytes)
{
    if (!result.ok() || !isHttpRequest(payload) || result.response.isEmpty())
        return;
    if (result.status < 100 || result.status > 999) {
        result.failure = SendFailure::NotHttp;
        result.message = QStringLiteral("the answer to an HTTP request is not HTTP/1.x");
        return;
    }
    if (result.response.size() >= maxResponseBytes || payload.startsWith("HEAD "))
        return;
    for (const auto &h : result.headers) {
        if (h.first.toLower() != "content-length")
            continue;
        bool ok = false;
        const qint64 declared = h.second.toLongLong(&ok);
        if (ok && result.body.size() < declared) {
            result.failure = SendFailure::BodyCutShort;
            result.message = QStringLiteral("the body ended after %1 of %2 bytes")
                                 .arg(result.body.size())
                                 .arg(declared);
        }
        return;
    }
}

QJsonObject sendResultJson(const SendResult &result, const QString &target)
{
    QJsonObject o;
    if (!target.isEmpty())
        o.insert(QStringLiteral("target"), target);
    if (!result.localAddress.isNull())
        o.insert(QStringLiteral("local"), hostPortText(result.localAddress, result.localPort));
    o.insert(QStringLiteral("header"), proxy::hexString(proxy::byteSpan(result.headerSent)));
    o.insert(QStringLiteral("header_length"), result.headerSent.size());
    o.insert(QStringLiteral("payload_length"), result.payloadSent.size());
    if (result.status >= 0) {
        o.insert(QStringLiteral("status"), result.status);
        o.insert(QStringLiteral("status_line"), result.statusLine);
        QJsonObject headers;
        for (const auto &h : result.headers)
            headers.insert(QString::fromLatin1(h.first), QString::fromLatin1(h.second));
        o.insert(QStringLiteral("headers"), headers);
        insertBytes(o, QStringLiteral("body"), result.body);
    }
    insertBytes(o, QStringLiteral("response"), result.response);
    if (!result.tlsProtocol.isEmpty())
        o.insert(QStringLiteral("tls"), result.tlsProtocol);
    o.insert(QStringLiteral("timings"),
             QJsonObject{{QStringLiteral("connect_ms"), result.connectMs},
                         {QStringLiteral("tls_ms"), result.tlsMs},
                         {QStringLiteral("first_byte_ms"), result.firstByteMs},
                         {QStringLiteral("total_ms"), result.totalMs}});
    if (!result.ok())
        o.insert(
            QStringLiteral("error"),
            QJsonObject{{QStringLiteral("code"), QLatin1String(sendFailureName(result.failure))},
                        {QStringLiteral("message"), result.message}});
    return o;
}

QString sendResultText(const SendResult &result, qsizetype bodyPreview)
{
    QString text;
    if (!result.ok())
        text += QStringLiteral("FAILED (%1): %2\n")
                    .arg(QLatin1String(sendFailureName(result.failure)), result.message);
    else if (result.status >= 0)
        text += proxy::escapedControls(result.statusLine) + QLatin1Char('\n');
    else
        text += QStringLiteral("answer: %1 bytes (not HTTP)\n").arg(result.response.size());
    const auto ms = [](qint64 v) {
        return v < 0 ? QStringLiteral("-") : QStringLiteral("%1 ms").arg(v);
    };
    text +=
        QStringLiteral("timings: connect %1, %2first byte %3, total %4\n")
            .arg(ms(result.connectMs),
                 result.tlsMs >= 0 ? QStringLiteral("TLS %1, ").arg(ms(result.tlsMs)) : QString(),
                 ms(result.firstByteMs), ms(result.totalMs));
    text += QStringLiteral("sent: header %1 bytes, payload %2 bytes\n")
                .arg(result.headerSent.size())
                .arg(result.payloadSent.size());
    if (result.status >= 0) {
        for (const auto &h : result.headers)
            text += terminalText(h.first, false) + QStringLiteral(": ") +
                    terminalText(h.second, false) + QLatin1Char('\n');
        if (!result.body.isEmpty()) {
            text += QLatin1Char('\n') + terminalText(result.body.left(bodyPreview), true);
            if (result.body.size() > bodyPreview)
                text +=
                    QStringLiteral("\n[... %1 more bytes]").arg(result.body.size() - bodyPreview);
            if (!text.endsWith(QLatin1Char('\n')))
                text += QLatin1Char('\n');
        }
    } else if (!result.response.isEmpty()) {
        text += QLatin1Char('\n') + terminalText(result.response.left(bodyPreview), true) +
                QLatin1Char('\n');
    }
    return text;
}

} // namespace pl::net
