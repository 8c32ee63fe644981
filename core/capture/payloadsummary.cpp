#include "payloadsummary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
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

// Another method (RFC 9110: a token; WebDAV's PROPFIND, MKCOL, REPORT...):
// upper-case letters, '-' or '_' and a space. Taken for HTTP once its request
// line ends in " HTTP/d" (the listed methods are taken at once).
enum class OtherMethod : std::uint8_t
{
    No,
    Http,
    NotYet // the line is still arriving
};
OtherMethod otherHttpMethod(std::string_view text)
{
    constexpr std::size_t kLongestMethod = 32;
    std::size_t n = 0;
    while (n < text.size() && n <= kLongestMethod &&
           ((text[n] >= 'A' && text[n] <= 'Z') || text[n] == '-' || text[n] == '_'))
        ++n;
    if (n == 0 || n > kLongestMethod)
        return OtherMethod::No;
    if (n == text.size())
        return OtherMethod::NotYet;
    if (text[n] != ' ')
        return OtherMethod::No;
    const std::size_t lineEnd = text.find("\r\n");
    if (lineEnd == std::string_view::npos)
        return text.size() < kRequestSummaryBytes ? OtherMethod::NotYet : OtherMethod::No;
    const std::string_view line = text.substr(0, lineEnd);
    const std::size_t version = line.rfind(" HTTP/");
    return version != std::string_view::npos && version > n && line.size() >= version + 7 &&
                   line[version + 6] >= '0' && line[version + 6] <= '9'
               ? OtherMethod::Http
               : OtherMethod::No;
}

// A header line's value when its name (lower case, colon included) is
// `name`; null otherwise. Leading spaces are not part of the value.
std::string_view headerValue(std::string_view line, std::string_view name)
{
    if (line.size() <= name.size())
        return {};
    for (std::size_t i = 0; i < name.size(); ++i) {
        // ASCII lower case of a letter; the colon and '-' compare as they are.
        const char c = line[i] >= 'A' && line[i] <= 'Z' ? char(line[i] | 0x20) : line[i];
        if (c != name[i])
            return {};
    }
    std::string_view value = line.substr(name.size());
    while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
    return value.empty() ? std::string_view(line.data() + line.size(), 0) : value;
}

// The first bytes of text, at most n, never ending inside a UTF-8 character
// (a cut one would show as U+FFFD).
std::string_view shownPart(std::string_view text, std::size_t n)
{
    if (text.size() <= n)
        return text;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
        --n;
    return text.substr(0, n);
}

std::string_view firstWord(std::string_view text)
{
    return text.substr(0, text.find_first_of(" \t"));
}

// The method and path of "METHOD SP PATH SP HTTP/d...", else nothing. The
// whole line is read, however long (a path past what the text shows is
// still the path a policy judges); a line the bytes read so far cut short
// gives the path up to there (`cut`), which a prefix rule still sees.
void requestLineFields(std::string_view line, bool cut, RequestSummary::Fields &f)
{
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos || space == 0)
        return;
    const std::string_view method = line.substr(0, space);
    if (!std::all_of(method.begin(), method.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return;
    const std::string_view rest = line.substr(space + 1);
    const std::string_view path = firstWord(rest);
    const std::string_view version = rest.substr(path.size());
    const bool whole = version.starts_with(" HTTP/") && version.size() >= 7 && version[6] >= '0' &&
                       version[6] <= '9';
    if (path.empty() || (!whole && !(cut && version.empty())))
        return;
    f.method = QString::fromLatin1(method.data(), static_cast<qsizetype>(method.size()));
    // Paths, hosts and agents are UTF-8 on the wire (nginx and the runtimes
    // compare them so): "/文档" is not read as Latin-1 mojibake.
    f.path = QString::fromUtf8(path.data(), static_cast<qsizetype>(path.size()));
}

// Request line plus Host (the text), and the User-Agent when it is in the
// bytes read so far. Complete once Host is seen or the header block ends.
RequestRead httpRequest(std::string_view text, SummaryCaches &caches)
{
    constexpr std::size_t kLongestLine = 512;
    constexpr std::size_t kLongestHost = 256;
    constexpr std::size_t kLongestAgent = 256;
    constexpr std::string_view kHost = " Host: ";
    const std::size_t lineEnd = text.find("\r\n");
    const std::string_view wholeLine = text.substr(0, lineEnd);
    const std::string_view line = shownPart(wholeLine, kLongestLine);
    // Whole values: what a policy judges (a Deny on a User-Agent must see
    // all of it); the text shows the first bytes of each.
    std::string_view host;
    std::string_view agent;
    bool headersEnded = false;
    if (lineEnd != std::string_view::npos) {
        // Header lines up to the empty line that ends them (one pass: no
        // separate search for the end of the block); a last line still
        // arriving is looked at too.
        std::size_t at = lineEnd + 2;
        while (at < text.size() && (host.data() == nullptr || agent.data() == nullptr)) {
            std::size_t end = text.find("\r\n", at);
            if (end == at) {
                headersEnded = true;
                break;
            }
            if (end == std::string_view::npos)
                end = text.size();
            const std::string_view header = text.substr(at, end - at);
            if (host.data() == nullptr && (header[0] == 'H' || header[0] == 'h'))
                host = headerValue(header, "host:");
            else if (agent.data() == nullptr && (header[0] == 'U' || header[0] == 'u'))
                agent = headerValue(header, "user-agent:");
            at = end + 2;
        }
    }
    const bool hasHost = host.data() != nullptr;
    // Composed on the stack: this runs once per connection while reading,
    // and a repeated request costs no allocation at all. The key adds what
    // the text leaves out (the User-Agent).
    std::array<char, kLongestLine + kHost.size() + kLongestHost + 1 + kLongestAgent> composed;
    std::size_t length = 0;
    const auto append = [&](std::string_view part) {
        if (part.empty())
            return; // its data() may be null: no memcpy from it
        std::memcpy(composed.data() + length, part.data(), part.size());
        length += part.size();
    };
    append(line);
    if (hasHost) {
        append(kHost);
        append(shownPart(host, kLongestHost));
    }
    const std::string_view summaryText(composed.data(), length);
    append("\n");
    append(shownPart(agent, kLongestAgent));
    RequestRead read;
    read.complete = hasHost || headersEnded;
    const auto make = [&] {
        RequestSummary::Fields f;
        f.kind = RequestSummary::Kind::Http;
        f.text = caches.texts.text(summaryText);
        // Cut: no line end in all the bytes a summary reads.
        requestLineFields(
            wholeLine, lineEnd == std::string_view::npos && text.size() >= kRequestSummaryBytes, f);
        if (hasHost) {
            const std::string_view name = firstWord(host);
            f.host = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        }
        while (!agent.empty() && (agent.back() == ' ' || agent.back() == '\t'))
            agent.remove_suffix(1);
        f.userAgent = QString::fromUtf8(agent.data(), static_cast<qsizetype>(agent.size()));
        return RequestSummary(std::move(f));
    };
    // The cache's key holds the line, Host and User-Agent as the text shows
    // them: a longer one is made apart, or two requests that differ past
    // the shown bytes would share one path, host or agent.
    const bool longer = wholeLine.size() > kLongestLine || host.size() > kLongestHost ||
                        agent.size() > kLongestAgent;
    read.summary =
        longer ? make() : caches.requests.get(std::string_view(composed.data(), length), make);
    return read;
}

// A summary of one kind whose text says it all ("binary", "TLS").
RequestSummary plainSummary(std::string_view text, RequestSummary::Kind kind, SummaryCaches &caches)
{
    return caches.requests.get(text, [&] {
        RequestSummary::Fields f;
        f.kind = kind;
        f.text = caches.texts.text(text);
        return RequestSummary(std::move(f));
    });
}

// TLS ClientHello: SNI (extension 0) and ALPN (16). Every length is checked
// against what arrived; a hello cut short gives what could be read.
RequestRead tlsClientHello(proxy::ByteSpan b, SummaryCaches &caches)
{
    using Kind = RequestSummary::Kind;
    RequestRead s;
    s.summary = plainSummary("TLS", Kind::Tls, caches);
    const std::size_t recordEnd = std::min<std::size_t>(b.size(), 5u + proxy::readBe16(b, 3));
    s.complete = b.size() >= 5u + proxy::readBe16(b, 3);
    if (recordEnd < 9 || b[5] != 0x01) {
        s.complete = b.size() >= 6;
        return s;
    }
    s.summary = plainSummary("TLS ClientHello", Kind::Tls, caches);
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
    // The text names both fields: it is the key.
    s.summary = caches.requests.get(text, [&] {
        RequestSummary::Fields f;
        f.kind = Kind::Tls;
        f.text = caches.texts.text(text);
        f.sni = QString::fromLatin1(sni.data(), static_cast<qsizetype>(sni.size()));
        f.alpn = QString::fromLatin1(alpn.data(), static_cast<qsizetype>(alpn.size()));
        return RequestSummary(std::move(f));
    });
    return s;
}

bool isTlsRecord(proxy::ByteSpan b)
{
    return b.size() >= 5 && b[0] >= 0x14 && b[0] <= 0x17 && b[1] == 0x03;
}

} // namespace

RequestRead summarizeRequest(proxy::ByteSpan bytes, SummaryCaches &caches)
{
    if (bytes.empty())
        return {};
    const std::string_view text =
        view(bytes.first(std::min<std::size_t>(bytes.size(), kRequestSummaryBytes)));
    if (isHttpMethod(text))
        return httpRequest(text, caches);
    switch (otherHttpMethod(text)) {
    case OtherMethod::Http:
        return httpRequest(text, caches);
    case OtherMethod::NotYet:
        return {}; // more bytes tell
    case OtherMethod::No:
        break;
    }
    if (isTlsRecord(bytes) && bytes[0] == 0x16)
        return tlsClientHello(bytes, caches);
    if (bytes.size() < 5 &&
        (bytes[0] == 0x16 || std::isupper(static_cast<unsigned char>(bytes[0]))))
        return {}; // too little to tell yet
    return {plainSummary("binary", RequestSummary::Kind::Binary, caches), true};
}

RequestRead summarizeRequest(proxy::ByteSpan bytes)
{
    // One set per thread, made once: the listener summarises each time
    // bytes arrive, and building 30 KiB of empty caches every time was most
    // of the call. Summaries are immutable, so sharing them is harmless.
    thread_local const auto caches = std::make_unique<SummaryCaches>();
    return summarizeRequest(bytes, *caches);
}

namespace {

// "HTTP/1.1 403 Forbidden" -> 403: three digits after the version and one
// space, as RFC 9112's status-line has them; else 0.
std::uint16_t httpStatus(std::string_view line)
{
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos || line.size() < space + 4)
        return 0;
    std::uint16_t code = 0;
    for (std::size_t i = space + 1; i < space + 4; ++i) {
        if (line[i] < '0' || line[i] > '9')
            return 0;
        code = static_cast<std::uint16_t>(code * 10 + (line[i] - '0'));
    }
    if (line.size() > space + 4 && line[space + 4] != ' ')
        return 0;
    return code >= 100 ? code : 0;
}

} // namespace

PayloadSummary summarizeResponse(proxy::ByteSpan bytes, perf::SummaryTexts &texts)
{
    if (bytes.empty())
        return {};
    const std::string_view text =
        view(bytes.first(std::min<std::size_t>(bytes.size(), kResponseSummaryBytes)));
    if (text.starts_with("HTTP/")) {
        const std::size_t end = text.find("\r\n");
        const std::string_view line = text.substr(0, end);
        return {texts.text(shownPart(line, 256)), end != std::string_view::npos, httpStatus(line)};
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
