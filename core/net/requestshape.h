#pragma once

#include <QByteArray>
#include <QString>

namespace pl::net {

// Bytes of payload a listener keeps to summarise a request.
inline constexpr qsizetype kPayloadKeepBytes = 4096;

// True when payload starts like an HTTP/1.x request line (a method in capitals
// and a space).
bool looksLikeHttpRequest(const QByteArray &payload);
// True when the request's header block has ended (CRLF CRLF seen).
bool httpRequestHeadComplete(const QByteArray &payload);

} // namespace pl::net
