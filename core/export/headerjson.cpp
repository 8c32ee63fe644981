#include "headerjson.h"

#include "proxy/format.h"
#include "proxy/tlvtypes.h"

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

// Sub-TLVs only for the top-level SSL TLV: nested 0x20 values are opaque
// (descending into them let a 64 KiB header print half a gigabyte).
QJsonArray tlvsJson(const TlvRange &range, bool topLevel = true)
{
    QJsonArray out;
    for (const Tlv tlv : range) {
        QJsonObject o{{QStringLiteral("offset"), static_cast<qint64>(tlv.offset)},
                      {QStringLiteral("type"), tlv.type},
                      {QStringLiteral("name"), tlvName(tlv.type)},
                      {QStringLiteral("length"), tlv.length()},
                      {QStringLiteral("value"), hexString(tlv.value)}};
        if (topLevel && tlv.type == tlv::Ssl && tlv.length() >= 5)
            o.insert(QStringLiteral("sub_tlvs"),
                     tlvsJson(TlvRange(tlv.value.subspan(5), tlv.valueOffset() + 5), false));
        out.append(o);
    }
    return out;
}

} // namespace

QJsonObject headerJson(const DecodeResult &result)
{
    const ProxyHeader &h = result.header;
    QJsonObject o;
    o.insert(QStringLiteral("version"), static_cast<int>(h.version));
    if (!h.fixedPartDecoded)
        return o;
    o.insert(QStringLiteral("command"), QLatin1String(commandName(h.command)));
    o.insert(QStringLiteral("family"), QLatin1String(familyName(h.family)));
    o.insert(QStringLiteral("protocol"), QLatin1String(transportName(h.transport)));
    o.insert(QStringLiteral("length"), static_cast<qint64>(h.totalLength));
    if (h.addressesDecoded) {
        o.insert(QStringLiteral("src"), endpointText(h, h.source));
        o.insert(QStringLiteral("dst"), endpointText(h, h.destination));
    }
    if (h.version == Version::V1)
        return o;
    o.insert(QStringLiteral("declared_length"), h.declaredLength);
    o.insert(QStringLiteral("crc32c"), QLatin1String(crcStateName(h.crcState)));
    if (h.crcState != CrcState::Absent) {
        o.insert(QStringLiteral("crc32c_received"),
                 QStringLiteral("%1").arg(h.crcReceived, 8, 16, QLatin1Char('0')));
        o.insert(QStringLiteral("crc32c_computed"),
                 QStringLiteral("%1").arg(h.crcComputed, 8, 16, QLatin1Char('0')));
    }
    if (h.awsHealthCheckLayout)
        o.insert(QStringLiteral("aws_health_check_layout"), true);
    o.insert(QStringLiteral("tlvs"), tlvsJson(h.tlvs));
    if (h.hasAlpn)
        o.insert(QStringLiteral("alpn"), utf8Text(h.alpn));
    if (h.hasAuthority)
        o.insert(QStringLiteral("authority"), utf8Text(h.authority));
    if (h.hasUniqueId)
        o.insert(QStringLiteral("unique_id"), printableOrHex(h.uniqueId));
    if (h.hasNetns)
        o.insert(QStringLiteral("netns"), utf8Text(h.netns));
    if (h.ssl.present) {
        QJsonObject ssl{{QStringLiteral("client"), h.ssl.client},
                        {QStringLiteral("verify"), static_cast<qint64>(h.ssl.verify)},
                        {QStringLiteral("certificate_verified"), h.ssl.certificateVerified()}};
        if (!h.ssl.version.empty())
            ssl.insert(QStringLiteral("version"), utf8Text(h.ssl.version));
        if (!h.ssl.cn.empty())
            ssl.insert(QStringLiteral("cn"), utf8Text(h.ssl.cn));
        if (!h.ssl.cipher.empty())
            ssl.insert(QStringLiteral("cipher"), utf8Text(h.ssl.cipher));
        o.insert(QStringLiteral("ssl"), ssl);
    }
    const VendorIds &v = h.vendor;
    if (!v.alibabaVpcId.empty())
        o.insert(QStringLiteral("vpc_id"), utf8Text(v.alibabaVpcId));
    if (!v.alibabaEndpointId.empty())
        o.insert(QStringLiteral("endpoint_id"), utf8Text(v.alibabaEndpointId));
    if (!v.alibabaEndpointServiceId.empty())
        o.insert(QStringLiteral("endpoint_service_id"), utf8Text(v.alibabaEndpointServiceId));
    if (!v.awsVpceId.empty())
        o.insert(QStringLiteral("vpce_id"), utf8Text(v.awsVpceId));
    // 64-bit IDs as strings: JSON numbers lose precision above 2^53.
    if (v.azureLinkId)
        o.insert(QStringLiteral("azure_link_id"), static_cast<qint64>(*v.azureLinkId));
    if (v.gcpPscId)
        o.insert(QStringLiteral("gcp_psc_id"), QString::number(*v.gcpPscId));
    return o;
}

void addDiagnosticsJson(QJsonObject &object, const DecodeResult &result)
{
    QJsonArray warnings;
    for (const Warning &w : result.warnings)
        warnings.append(
            QJsonObject{{QStringLiteral("code"), QLatin1String(warningCodeName(w.code))},
                        {QStringLiteral("offset"), static_cast<qint64>(w.offset)},
                        {QStringLiteral("message"), warningMessage(w)}});
    object.insert(QStringLiteral("warnings"), warnings);
    if (result.error)
        object.insert(
            QStringLiteral("error"),
            QJsonObject{{QStringLiteral("code"), QLatin1String(errorCodeName(result.error.code))},
                        {QStringLiteral("offset"), static_cast<qint64>(result.error.offset)},
                        {QStringLiteral("message"), errorMessage(result.error)}});
}

QJsonObject decodeResultJson(const DecodeResult &result)
{
    QJsonObject o{{QStringLiteral("header"), headerJson(result)}};
    addDiagnosticsJson(o, result);
    return o;
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
