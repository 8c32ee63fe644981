#include "headerjson.h"

#include "export/jsonwriter.h"
#include "proxy/headertext.h"
#include "proxy/tlvtypes.h"

#include <QJsonDocument>

#include <array>

namespace pl::exporting {

using namespace pl::proxy;

namespace {

QString tlvName(std::uint8_t type)
{
    if (const char *name = tlvTypeName(type))
        return QString::fromLatin1(name);
    const VendorProfile owner = vendorOfType(type);
    if (owner != VendorProfile::None)
        return QString::fromLatin1(vendorProfileName(owner)).toUpper();
    if (type >= tlv::CustomFirst && type <= tlv::CustomLast)
        return QStringLiteral("CUSTOM");
    if (type >= tlv::ExperimentalFirst && type <= tlv::ExperimentalLast)
        return QStringLiteral("EXPERIMENTAL");
    if (type >= tlv::ReservedFirst)
        return QStringLiteral("RESERVED");
    return QStringLiteral("UNASSIGNED");
}

// Every type's name, made once (TLVs are named per connection in exports).
const std::array<QString, 256> &tlvNames()
{
    static const std::array<QString, 256> names = [] {
        std::array<QString, 256> all;
        for (int type = 0; type < 256; ++type)
            all[static_cast<std::size_t>(type)] = tlvName(static_cast<std::uint8_t>(type));
        return all;
    }();
    return names;
}

QJsonObject parsedObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// Sub-TLVs only for the top-level SSL TLV: nested 0x20 values are opaque
// (descending into them let a 64 KiB header print half a gigabyte).
void writeTlvs(JsonWriter &w, const TlvRange &range, bool topLevel = true)
{
    w.beginArray();
    for (const Tlv tlv : range) {
        w.beginObject();
        w.field("length", tlv.length());
        w.field("name", tlvNames()[tlv.type]);
        w.field("offset", tlv.offset);
        if (topLevel && tlv.type == tlv::Ssl && tlv.length() >= 5) {
            w.key("sub_tlvs");
            writeTlvs(w, TlvRange(tlv.value.subspan(5), tlv.valueOffset() + 5), false);
        }
        w.field("type", tlv.type);
        w.key("value");
        w.hex(tlv.value);
        w.endObject();
    }
    w.endArray();
}

void writeSsl(JsonWriter &w, const SslInfo &ssl)
{
    w.beginObject();
    w.field("certificate_verified", ssl.certificateVerified());
    if (!ssl.cipher.empty())
        w.field("cipher", ssl.cipher);
    w.field("client", ssl.client);
    if (!ssl.cn.empty())
        w.field("cn", ssl.cn);
    w.field("verify", ssl.verify);
    if (!ssl.version.empty())
        w.field("version", ssl.version);
    w.endObject();
}

void writeCrcHex(JsonWriter &w, std::string_view key, std::uint32_t value)
{
    const std::uint8_t bytes[] = {
        static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
        static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
    w.key(key);
    w.hex(ByteSpan(bytes, sizeof bytes));
}

} // namespace

// Keys in alphabetical order (see JsonWriter); each condition is the one
// under which the contract has the key.
void writeHeaderJson(JsonWriter &w, const DecodeResult &result)
{
    const ProxyHeader &h = result.header;
    const bool fixed = h.fixedPartDecoded;
    const bool v2 = fixed && h.version == Version::V2; // v1 stops after the addresses
    const bool crc = v2 && h.crcState != CrcState::Absent;
    const VendorIds &v = h.vendor;
    w.beginObject();
    if (v2 && h.hasAlpn)
        w.field("alpn", h.alpn);
    if (v2 && h.hasAuthority)
        w.field("authority", h.authority);
    if (v2 && h.awsHealthCheckLayout)
        w.field("aws_health_check_layout", true);
    if (v2 && v.azureLinkId)
        w.field("azure_link_id", *v.azureLinkId);
    if (fixed)
        w.field("command", commandName(h.command));
    if (v2)
        w.field("crc32c", crcStateName(h.crcState));
    if (crc) {
        writeCrcHex(w, "crc32c_computed", h.crcComputed);
        writeCrcHex(w, "crc32c_received", h.crcReceived);
    }
    if (v2)
        w.field("declared_length", h.declaredLength);
    if (fixed && h.addressesDecoded)
        w.field("dst", endpointText(h, h.destination));
    if (v2 && !v.alibabaEndpointId.empty())
        w.field("endpoint_id", v.alibabaEndpointId);
    if (v2 && !v.alibabaEndpointServiceId.empty())
        w.field("endpoint_service_id", v.alibabaEndpointServiceId);
    if (fixed)
        w.field("family", familyName(h.family));
    // 64-bit IDs as strings: JSON numbers lose precision above 2^53.
    if (v2 && v.gcpPscId)
        w.field("gcp_psc_id", QString::number(*v.gcpPscId));
    if (fixed)
        w.field("length", h.totalLength);
    if (v2 && h.hasNetns)
        w.field("netns", h.netns);
    if (fixed)
        w.field("protocol", transportName(h.transport));
    if (fixed && h.addressesDecoded)
        w.field("src", endpointText(h, h.source));
    if (v2 && h.ssl.present) {
        w.key("ssl");
        writeSsl(w, h.ssl);
    }
    if (v2) {
        w.key("tlvs");
        writeTlvs(w, h.tlvs);
    }
    if (v2 && h.hasUniqueId)
        w.field("unique_id", printableOrHex(h.uniqueId));
    // As sent: an unsupported 3 (error bad_version) is not shown as 2.
    w.field("version", sentVersionNumber(h));
    if (v2 && !v.alibabaVpcId.empty())
        w.field("vpc_id", v.alibabaVpcId);
    if (v2 && !v.awsVpceId.empty())
        w.field("vpce_id", v.awsVpceId);
    w.endObject();
}

void writeErrorJson(JsonWriter &w, const DecodeResult &result)
{
    if (!result.error)
        return;
    w.key("error");
    w.beginObject();
    w.field("code", errorCodeName(result.error.code));
    w.field("message", errorMessage(result.error));
    w.field("offset", result.error.offset);
    w.endObject();
}

void writeWarningsJson(JsonWriter &w, const DecodeResult &result)
{
    w.key("warnings");
    w.beginArray();
    for (const Warning &warning : result.warnings) {
        w.beginObject();
        w.field("code", warningCodeName(warning.code));
        w.field("message", warningMessage(warning));
        w.field("offset", warning.offset);
        w.endObject();
    }
    w.endArray();
}

QJsonObject headerJson(const DecodeResult &result)
{
    QByteArray json;
    JsonWriter w(json);
    writeHeaderJson(w, result);
    w.flush();
    return parsedObject(json);
}

void addDiagnosticsJson(QJsonObject &object, const DecodeResult &result)
{
    QByteArray json;
    JsonWriter w(json);
    w.beginObject();
    writeErrorJson(w, result);
    writeWarningsJson(w, result);
    w.endObject();
    w.flush();
    const QJsonObject diagnostics = parsedObject(json);
    for (auto it = diagnostics.begin(); it != diagnostics.end(); ++it)
        object.insert(it.key(), it.value());
}

QJsonObject decodeResultJson(const DecodeResult &result)
{
    QByteArray json;
    JsonWriter w(json);
    w.beginObject();
    writeErrorJson(w, result);
    w.key("header");
    writeHeaderJson(w, result);
    writeWarningsJson(w, result);
    w.endObject();
    w.flush();
    return parsedObject(json);
}

QJsonArray breakdownJson(const QList<BreakdownRow> &rows, ByteSpan input)
{
    static const char *const kSeverity[] = {"info", "warning", "error"};
    QJsonArray out;
    for (const BreakdownRow &row : rows) {
        const std::size_t end = std::min<std::size_t>(input.size(), row.offset + row.length);
        const ByteSpan bytes =
            row.offset < end ? input.subspan(row.offset, end - row.offset) : ByteSpan{};
        out.append(QJsonObject{
            {QStringLiteral("offset"), static_cast<qint64>(row.offset)},
            {QStringLiteral("length"), static_cast<qint64>(row.length)},
            {QStringLiteral("hex"), hexString(bytes)},
            {QStringLiteral("field"), row.field},
            {QStringLiteral("label"), row.label},
            {QStringLiteral("value"), row.value},
            {QStringLiteral("note"), row.note},
            {QStringLiteral("severity"), QLatin1String(kSeverity[static_cast<int>(row.severity)])},
            {QStringLiteral("depth"), row.depth}});
    }
    return out;
}

} // namespace pl::exporting
