#pragma once

#include "proxy/bytes.h"

#include <QString>

namespace pl::perf {
class SummaryTexts;
}

namespace pl::capture {

struct PayloadSummary
{
    QString text;
    // True when more bytes would not change the text: the reader can stop
    // buffering this direction.
    bool complete = false;
};

// What the client sent after the header: "GET /login HTTP/1.1 Host: a.example",
// "TLS ClientHello SNI=a.example ALPN=h2,http/1.1", "binary", or "" (nothing).
// Texts come from (and go to) `texts`, so repeated ones are shared.
PayloadSummary summarizeRequest(proxy::ByteSpan bytes, perf::SummaryTexts &texts);
// The server's first answer: the HTTP status line, "TLS ServerHello",
// "TLS alert", or "binary".
PayloadSummary summarizeResponse(proxy::ByteSpan bytes, perf::SummaryTexts &texts);

// Bytes a summary may need; past this the text is built from what arrived.
inline constexpr std::uint32_t kRequestSummaryBytes = 4096;
inline constexpr std::uint32_t kResponseSummaryBytes = 1024;

} // namespace pl::capture
