#include "capturestats.h"

#include <QJsonArray>
#include <QTextStream>

namespace pl::capture {

namespace {

QString text(proxy::ByteSpan bytes)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(bytes.data()),
                             static_cast<qsizetype>(bytes.size()));
}

QJsonObject mapJson(const QMap<QString, std::uint64_t> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), static_cast<qint64>(it.value()));
    return o;
}

} // namespace

void CaptureStats::add(const Connection &c)
{
    ++connections;
    ++(c.transport == TransportProtocol::Udp ? udp : tcp);
    if (c.transport == TransportProtocol::Tcp)
        ++ends[QLatin1String(endStateName(c.end))];
    for (const Finding &f : c.findings)
        ++findings[QLatin1String(findingCodeName(f.code))];
    if (!c.headerPresent) {
        ++withoutHeader;
        return;
    }
    ++withHeader;
    const proxy::DecodeResult r = c.decodeHeader(m_vendor);
    const proxy::ProxyHeader &h = r.header;
    if (r.error) {
        ++invalidHeaders;
        ++errors[QLatin1String(proxy::errorCodeName(r.error.code))];
    }
    if (!h.fixedPartDecoded && h.version == proxy::Version::V2 && r.error)
        return;
    ++(h.version == proxy::Version::V1 ? v1 : v2);
    if (h.version == proxy::Version::V2) {
        if (h.command == proxy::Command::Local)
            ++local;
        switch (h.crcState) {
        case proxy::CrcState::Valid:
            ++crcValid;
            break;
        case proxy::CrcState::Invalid:
            ++crcInvalid;
            break;
        case proxy::CrcState::Absent:
            ++crcAbsent;
            break;
        }
    }
    const proxy::VendorIds &v = h.vendor;
    if (!v.alibabaVpcId.empty())
        ++vpcIds[text(v.alibabaVpcId)];
    if (!v.alibabaEndpointId.empty())
        ++endpointIds[text(v.alibabaEndpointId)];
    if (!v.awsVpceId.empty())
        ++endpointIds[text(v.awsVpceId)];
    if (v.azureLinkId)
        ++azureLinkIds[QString::number(*v.azureLinkId)];
    if (v.gcpPscId)
        ++gcpPscIds[QString::number(*v.gcpPscId)];
}

QJsonObject CaptureStats::toJson() const
{
    const CaptureCounters &n = m_counters;
    return QJsonObject{
        {QStringLiteral("connections"), static_cast<qint64>(connections)},
        {QStringLiteral("tcp"), static_cast<qint64>(tcp)},
        {QStringLiteral("udp"), static_cast<qint64>(udp)},
        {QStringLiteral("with_header"), static_cast<qint64>(withHeader)},
        {QStringLiteral("without_header"), static_cast<qint64>(withoutHeader)},
        {QStringLiteral("v1"), static_cast<qint64>(v1)},
        {QStringLiteral("v2"), static_cast<qint64>(v2)},
        {QStringLiteral("local"), static_cast<qint64>(local)},
        {QStringLiteral("crc32c"),
         QJsonObject{{QStringLiteral("valid"), static_cast<qint64>(crcValid)},
                     {QStringLiteral("invalid"), static_cast<qint64>(crcInvalid)},
                     {QStringLiteral("absent"), static_cast<qint64>(crcAbsent)}}},
        {QStringLiteral("invalid_headers"), static_cast<qint64>(invalidHeaders)},
        {QStringLiteral("errors"), mapJson(errors)},
        {QStringLiteral("findings"), mapJson(findings)},
        {QStringLiteral("end"), mapJson(ends)},
        {QStringLiteral("vpc_ids"), mapJson(vpcIds)},
        {QStringLiteral("endpoint_ids"), mapJson(endpointIds)},
        {QStringLiteral("azure_link_ids"), mapJson(azureLinkIds)},
        {QStringLiteral("gcp_psc_ids"), mapJson(gcpPscIds)},
        {QStringLiteral("packets"), static_cast<qint64>(n.packets)},
        {QStringLiteral("ip_fragments"), static_cast<qint64>(n.fragments)},
        {QStringLiteral("non_ip_frames"), static_cast<qint64>(n.nonIpFrames)},
        {QStringLiteral("malformed_packets"), static_cast<qint64>(n.malformedIp)},
        {QStringLiteral("snaplen_cut_packets"), static_cast<qint64>(n.snaplenCutPackets)},
        {QStringLiteral("ignored_udp_datagrams"), static_cast<qint64>(n.ignoredUdpDatagrams)},
        {QStringLiteral("stray_tcp_segments"), static_cast<qint64>(n.strayTcpSegments)},
    };
}

QString CaptureStats::toText() const
{
    QString out;
    QTextStream s(&out);
    const auto line = [&](const QString &label, std::uint64_t value) {
        s << qSetFieldWidth(28) << Qt::left << label << qSetFieldWidth(0) << value << '\n';
    };
    const auto section = [&](const QString &title, const QMap<QString, std::uint64_t> &map) {
        if (map.isEmpty())
            return;
        s << title << '\n';
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            line(QStringLiteral("  ") + it.key(), it.value());
    };
    const CaptureCounters &n = m_counters;
    line(QStringLiteral("packets"), n.packets);
    line(QStringLiteral("connections"), connections);
    line(QStringLiteral("  tcp"), tcp);
    line(QStringLiteral("  udp datagrams"), udp);
    line(QStringLiteral("with header"), withHeader);
    line(QStringLiteral("without header"), withoutHeader);
    line(QStringLiteral("v1"), v1);
    line(QStringLiteral("v2"), v2);
    line(QStringLiteral("  of which LOCAL"), local);
    line(QStringLiteral("CRC32C valid"), crcValid);
    line(QStringLiteral("CRC32C invalid"), crcInvalid);
    line(QStringLiteral("CRC32C absent"), crcAbsent);
    line(QStringLiteral("invalid headers"), invalidHeaders);
    section(QStringLiteral("errors"), errors);
    section(QStringLiteral("findings"), findings);
    section(QStringLiteral("connection end"), ends);
    section(QStringLiteral("VPC IDs"), vpcIds);
    section(QStringLiteral("endpoint IDs"), endpointIds);
    section(QStringLiteral("Azure LinkIDs"), azureLinkIds);
    section(QStringLiteral("GCP PSC IDs"), gcpPscIds);
    line(QStringLiteral("IP fragments (skipped)"), n.fragments);
    line(QStringLiteral("snaplen-cut packets"), n.snaplenCutPackets);
    line(QStringLiteral("non-IP frames"), n.nonIpFrames);
    line(QStringLiteral("malformed packets"), n.malformedIp);
    line(QStringLiteral("ignored UDP datagrams"), n.ignoredUdpDatagrams);
    s.flush();
    return out;
}

} // namespace pl::capture
