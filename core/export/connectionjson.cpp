#include "connectionjson.h"

#include "export/headerjson.h"
#include "export/jsonwriter.h"
#include "proxy/headertext.h"

#include <QJsonDocument>

namespace pl::exporting {

using namespace pl::capture;

namespace {

// Written from a stack buffer: no QString a field (IPv6 goes the long way).
void writeEndpoint(JsonWriter &w, const NetEndpoint &e)
{
    if (e.ipv6) {
        w.string(endpointText(e));
        return;
    }
    char text[24];
    w.name(std::string_view(text, proxy::ipv4Chars(e.ip.data(), e.port, text)));
}

void writeTimestamp(JsonWriter &w, std::int64_t ns)
{
    char text[32];
    w.name(std::string_view(text, timestampChars(ns, text)));
}

} // namespace

void writeConnectionJson(QByteArray &out, const Connection &c, proxy::VendorProfile vendor,
                         const QString &input)
{
    if (out.isEmpty())
        out.reserve(1024); // a typical line, written without regrowing
    JsonWriter w(out);
    // The spans of `result` point into c.headerBytes, which outlives it.
    const proxy::DecodeResult result =
        c.headerPresent ? c.decodeHeader(vendor) : proxy::DecodeResult{};
    // Keys in alphabetical order (see JsonWriter).
    w.beginObject();
    w.key("client");
    writeEndpoint(w, c.client);
    w.field("client_bytes", c.clientBytes);
    // UDP has no connection end; null says so rather than a made-up state.
    w.key("end");
    if (c.transport == TransportProtocol::Tcp)
        w.name(endStateName(c.end));
    else
        w.null();
    if (c.headerPresent)
        writeErrorJson(w, result);
    w.key("findings");
    w.beginArray();
    for (const Finding &f : c.findings) {
        w.beginObject();
        w.field("code", findingCodeName(f.code));
        if (f.frame != 0)
            w.field("frame", f.frame);
        w.field("message", findingMessage(f));
        if (f.offset != 0)
            w.field("offset", f.offset);
        w.endObject();
    }
    w.endArray();
    // Frames are 1-based: 0 is a connection no capture holds (the
    // listener's), which has no frame fields.
    const bool framed = c.firstFrame != 0;
    if (framed) {
        w.field("first_frame", c.firstFrame);
        w.field("frame", c.firstFrame);
    }
    w.key("header");
    if (c.headerPresent) {
        writeHeaderJson(w, result);
        if (framed)
            w.field("header_frame", c.headerFrame);
    } else {
        w.null();
    }
    if (!input.isEmpty())
        w.field("input", input);
    if (framed)
        w.field("last_frame", c.lastFrame);
    w.key("last_time");
    writeTimestamp(w, c.lastTimeNs);
    w.field("payload", c.payload.text());
    w.field("response", c.response);
    w.key("server");
    writeEndpoint(w, c.server);
    w.field("server_bytes", c.serverBytes);
    w.key("time");
    writeTimestamp(w, c.firstTimeNs);
    w.field("transport", transportProtocolName(c.transport));
    if (c.headerPresent) {
        writeWarningsJson(w, result);
    } else {
        w.key("warnings");
        w.beginArray();
        w.endArray();
    }
    w.endObject();
}

QJsonObject connectionJson(const Connection &c, proxy::VendorProfile vendor)
{
    QByteArray json;
    writeConnectionJson(json, c, vendor);
    return QJsonDocument::fromJson(json).object();
}

} // namespace pl::exporting
