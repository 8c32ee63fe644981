#include "payloadsummary.h"

#include "perf/summarytexts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>
#include <string_view>

namespace pl::capture {

namespace {

std::string_view view(proxy::ByteSpan bytes)
{
    return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

bool isHttpMethod(std::string_view text)
{
    static constexpr std::array<std::string_view, 10> kMethods{
        "GET ",     "POST ",  "PUT ",     "DELETE ", "HEAD ",
        "OPTIONS ", "PATCH ", "CONNECT ", "TRACE ",  "PRI "};
    return std::any_of(kMethods.begin(), kMethods.end(),
                       [&](std::string_view m) { return text.starts_with(m); });
}

// Request line plus Host. Complete once the header block ends.
PayloadSummary httpRequest(std::string_view text, perf::SummaryTexts &texts)
{
    constexpr std::size_t kLongestLine = 512;
    constexpr std::size_t kLongestHost = 256;
    constexpr std::string_view kHost = " Host: ";
    PayloadSummary s;
    const std::size_t lineEnd = text.find("\r\n");
    const std::string_view line = text.substr(0, lineEnd).substr(0, kLongestLine);
    if (lineEnd == std::string_view::npos) {
        s.text = texts.text(line);
        return s;
    }
    // Header lines up to the empty line that ends them (one pass: no
    // separate search for the end of the block); a last line still
    // arriving is looked at too.
    bool headersEnded = false;
    std::size_t at = lineEnd + 2;
    while (at < text.size()) {
        std::size_t end = text.find("\r\n", at);
        if (end == at) {
            headersEnded = true;
            break;
        }
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view header = text.substr(at, end - at);
        if (header.size() > 5 && (header[0] == 'H' || header[0] == 'h') &&
            QLatin1String(header.data(), 5).compare(QLatin1String("host:"), Qt::CaseInsensitive) ==
                0) {
            std::string_view host = header.substr(5);
            while (!host.empty() && host.front() == ' ')
                host.remove_prefix(1);
            host = host.substr(0, kLongestHost);
            // Composed on the stack: this runs once per connection while
            // reading, and a repeated text costs no allocation at all.
            std::array<char, kLongestLine + kHost.size() + kLongestHost> composed;
            std::size_t length = 0;
            for (const std::string_view part : {line, kHost, host}) {
                std::memcpy(composed.data() + length, part.data(), part.size());
                length += part.size();
            }
            s.text = texts.text(std::string_view(composed.data(), length));
            s.complete = true; // nothing after Host changes the summary
            return s;
        }
        at = end + 2;
    }
    s.text = texts.text(line);
    s.complete = headersEnded;
    return s;
}

// TLS ClientHello: SNI (extension 0) and ALPN (16). Every length is checked
// against what arrived; a hello cut short gives what could be read.
PayloadSummary tlsClientHello(proxy::ByteSpan b, perf::SummaryTexts &texts)
{
    PayloadSummary s;
    s.text = QStringLiteral("TLS");
    const std::size_t recordEnd = std::min<std::size_t>(b.size(), 5u + proxy::readBe16(b, 3));
    s.complete = b.size() >= 5u + proxy::readBe16(b, 3);
    if (recordEnd < 9 || b[5] != 0x01) {
        s.complete = b.size() >= 6;
        return s;
    }
    s.text = QStringLiteral("TLS ClientHello");
    std::size_t at = 9 + 2 + 32; // handshake header, client version, random
    const auto need = [&](std::size_t n) {
        return at + n <= recordEnd;
    };
    if (!need(1))
        return s;
    at += 1u + b[at]; // session id
    if (!need(2))
        return s;
    at += 2u + proxy::readBe16(b, at); // cipher suites
    if (!need(1))
        return s;
    at += 1u + b[at]; // compression methods
    if (!need(2))
        return s;
    const std::size_t extensionsEnd = std::min(recordEnd, at + 2 + proxy::readBe16(b, at));
    at += 2;
    std::string_view sni;
    std::string alpn; // names joined by ','
    bool hasAlpn = false;
    while (at + 4 <= extensionsEnd) {
        const std::uint16_t type = proxy::readBe16(b, at);
        const std::size_t length = proxy::readBe16(b, at + 2);
        const std::size_t value = at + 4;
        if (value + length > extensionsEnd)
            break;
        if (type == 0 && length >= 5) { // server_name list: one host_name entry
            const std::size_t nameLength = proxy::readBe16(b, value + 3);
            if (5 + nameLength <= length)
                sni = view(b.subspan(value + 5, nameLength));
        } else if (type == 16 && length >= 2) {
            std::size_t p = value + 2;
            while (p < value + length) {
                const std::size_t n = b[p];
                if (p + 1 + n > value + length)
                    break;
                if (hasAlpn)
                    alpn += ',';
                alpn += view(b.subspan(p + 1, n));
                hasAlpn = true;
                p += 1 + n;
            }
        }
        at = value + length;
    }
    if (sni.empty() && !hasAlpn)
        return s;
    std::string text = "TLS ClientHello";
    if (!sni.empty())
        text.append(" SNI=").append(sni);
    if (hasAlpn)
        text.append(" ALPN=").append(alpn);
    s.text = texts.text(text);
    return s;
}

bool isTlsRecord(proxy::ByteSpan b)
{
    return b.size() >= 5 && b[0] >= 0x14 && b[0] <= 0x17 && b[1] == 0x03;
}

} // namespace

PayloadSummary summarizeRequest(proxy::ByteSpan bytes, perf::SummaryTexts &texts)
{
    if (bytes.empty())
        return {};
    const std::string_view text =
        view(bytes.first(std::min<std::size_t>(bytes.size(), kRequestSummaryBytes)));
    if (isHttpMethod(text))
        return httpRequest(text, texts);
    if (isTlsRecord(bytes) && bytes[0] == 0x16)
        return tlsClientHello(bytes, texts);
    if (bytes.size() < 5 &&
        (bytes[0] == 0x16 || std::isupper(static_cast<unsigned char>(bytes[0]))))
        return {}; // too little to tell yet
    return {QStringLiteral("binary"), true};
}

PayloadSummary summarizeResponse(proxy::ByteSpan bytes, perf::SummaryTexts &texts)
{
    if (bytes.empty())
        return {};
    const std::string_view text =
        view(bytes.first(std::min<std::size_t>(bytes.size(), kResponseSummaryBytes)));
    if (text.starts_with("HTTP/")) {
        const std::size_t end = text.find("\r\n");
        const std::string_view line = text.substr(0, end);
        return {texts.text(line.substr(0, 256)), end != std::string_view::npos};
    }
    if (text.size() < 5 && std::string_view("HTTP/").starts_with(text))
        return {}; // too little to tell yet
    if (isTlsRecord(bytes)) {
        if (bytes[0] == 0x15)
            return {QStringLiteral("TLS alert"), true};
        if (bytes[0] == 0x16 && bytes.size() >= 6)
            return {bytes[5] == 0x02 ? QStringLiteral("TLS ServerHello") : QStringLiteral("TLS"),
                    true};
        return {};
    }
    return {QStringLiteral("binary"), true};
}

} // namespace pl::capture
