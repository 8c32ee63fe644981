#pragma once

#include "perf/summarytexts.h"
#include "proxy/bytes.h"
#include "requestsummary.h"

#include <QString>

namespace pl::capture {

// Repeated summaries shared between the records of one reader.
struct SummaryCaches
{
    perf::SummaryTexts texts;
    RequestSummaryCache requests;
};

struct PayloadSummary
{
    QString text;
    // True when more bytes would not change the text: the reader can stop
    // buffering this direction.
    bool complete = false;
    // A response's HTTP status code (200, 403...); 0 when it is not an HTTP
    // status line.
    std::uint16_t status = 0;
};

struct RequestRead
{
    RequestSummary summary;
    // True when more bytes would not change the summary.
    bool complete = false;
};

// What the client sent after the header: "GET /login HTTP/1.1 Host: a.example",
// "TLS ClientHello SNI=a.example ALPN=h2,http/1.1", "binary", or nothing;
// with the method, path, Host, User-Agent, SNI and ALPN as fields.
RequestRead summarizeRequest(proxy::ByteSpan bytes, SummaryCaches &caches);
// The same outside a capture reader (a listener's connection, a test),
// through caches of the calling thread.
RequestRead summarizeRequest(proxy::ByteSpan bytes);
// The server's first answer: the HTTP status line, "TLS ServerHello",
// "TLS alert", or "binary".
PayloadSummary summarizeResponse(proxy::ByteSpan bytes, perf::SummaryTexts &texts);

// Bytes a summary may need; past this the text is built from what arrived.
inline constexpr std::uint32_t kRequestSummaryBytes = 4096;
inline constexpr std::uint32_t kResponseSummaryBytes = 1024;

} // namespace pl::capture
