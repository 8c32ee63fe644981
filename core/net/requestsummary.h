#pragma once

#include <QByteArray>
#include <QString>

namespace pl::net {

// Bytes of payload a listener keeps to summarise a request.
inline constexpr qsizetype kPayloadKeepBytes = 4096;

// What a client sent after its header: "GET /login HTTP/1.1 Host: a.example",
// "TLS ClientHello", "binary (12 bytes)", or "" when nothing arrived.
QString summarizeRequest(const QByteArray &payload);
// True when payload starts like an HTTP/1.x request line (a method in capitals
// and a space).
bool looksLikeHttpRequest(const QByteArray &payload);
// True when the request's header block has ended (CRLF CRLF seen).
bool httpRequestHeadComplete(const QByteArray &payload);

} // namespace pl::net
