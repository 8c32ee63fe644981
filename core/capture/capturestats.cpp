#include "capturestats.h"

#include <QJsonArray>
#include <QTextStream>

namespace pl::capture {

namespace {

QJsonObject mapJson(const QMap<QString, std::uint64_t> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), static_cast<qint64>(it.value()));
    return o;
}

template <typename Array, typename NameOf>
QMap<QString, std::uint64_t> namedCounts(const Array &counts, NameOf nameOf)
{
    QMap<QString, std::uint64_t> map;
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (counts[i] != 0)
            map.insert(QLatin1String(nameOf(i)), counts[i]);
    return map;
}

template <typename Key>
QMap<QString, std::uint64_t> numberCounts(const std::unordered_map<Key, std::uint64_t> &counts)
{
    QMap<QString, std::uint64_t> map;
    for (const auto &[key, n] : counts)
        map.insert(QString::number(key), n);
    return map;
}

} // namespace

QMap<QString, std::uint64_t> CaptureStats::named(const perf::TextCounts &counts)
{
    QMap<QString, std::uint64_t> map;
    for (const perf::TextCounts::Entry &e : counts.entries())
        if (e.count != 0)
            // Different bytes can make the same text (invalid UTF-8 becomes U+FFFD).
            map[QString::fromUtf8(e.text.data(), static_cast<qsizetype>(e.text.size()))] += e.count;
    return map;
}

void CaptureStats::add(const Connection &c)
{
    ++connections;
    ++(c.transport == TransportProtocol::Udp ? udp : tcp);
    if (c.transport == TransportProtocol::Tcp)
        ++m_ends[static_cast<std::size_t>(c.end)];
    for (const Finding &f : c.findings)
        ++m_findings[static_cast<std::size_t>(f.code)];
    if (!c.headerPresent) {
        ++withoutHeader;
        return;
    }
    ++withHeader;
    const HeaderFacts f = c.headerFacts(m_vendor);
    if (f.error != proxy::ErrorCode::None) {
        ++invalidHeaders;
        ++m_errors[static_cast<std::size_t>(f.error)];
    }
    // A header broken before its version, or a binary one whose nibble is
    // not 2 (bad_version: 0, 1, 3...), is neither v1 nor v2 here, as its
    // row says (v1 is the text header).
    if (!f.versionKnown && f.error != proxy::ErrorCode::None)
        return;
    if (f.version == proxy::Version::V2 && f.versionNumber != 2)
        return;
    ++(f.version == proxy::Version::V1 ? v1 : v2);
    if (f.version == proxy::Version::V2) {
        if (f.command == proxy::Command::Local)
            ++local;
        switch (f.crc) {
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
    const proxy::ByteSpan header = c.headerSpan();
    if (!f.alibabaVpcId.empty())
        m_vpcIds.add(HeaderFacts::bytesOf(f.alibabaVpcId, header));
    if (!f.alibabaEndpointId.empty())
        m_endpointIds.add(HeaderFacts::bytesOf(f.alibabaEndpointId, header));
    if (!f.awsVpceId.empty())
        m_endpointIds.add(HeaderFacts::bytesOf(f.awsVpceId, header));
    if (f.azureLinkId)
        ++m_azureLinkIds[*f.azureLinkId];
    if (f.gcpPscId)
        ++m_gcpPscIds[*f.gcpPscId];
}

QMap<QString, std::uint64_t> CaptureStats::errors() const
{
    return namedCounts(m_errors, [](std::size_t i) {
        return proxy::errorCodeName(static_cast<proxy::ErrorCode>(i));
    });
}

QMap<QString, std::uint64_t> CaptureStats::findings() const
{
    return namedCounts(m_findings,
                       [](std::size_t i) { return findingCodeName(static_cast<FindingCode>(i)); });
}

QMap<QString, std::uint64_t> CaptureStats::ends() const
{
    return namedCounts(m_ends,
                       [](std::size_t i) { return endStateName(static_cast<EndState>(i)); });
}

QMap<QString, std::uint64_t> CaptureStats::vpcIds() const
{
    return named(m_vpcIds);
}

QMap<QString, std::uint64_t> CaptureStats::endpointIds() const
{
    return named(m_endpointIds);
}

QMap<QString, std::uint64_t> CaptureStats::azureLinkIds() const
{
    return numberCounts(m_azureLinkIds);
}

QMap<QString, std::uint64_t> CaptureStats::gcpPscIds() const
{
    return numberCounts(m_gcpPscIds);
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
        {QStringLiteral("errors"), mapJson(errors())},
        {QStringLiteral("findings"), mapJson(findings())},
        {QStringLiteral("end"), mapJson(ends())},
        {QStringLiteral("vpc_ids"), mapJson(vpcIds())},
        {QStringLiteral("endpoint_ids"), mapJson(endpointIds())},
        {QStringLiteral("azure_link_ids"), mapJson(azureLinkIds())},
        {QStringLiteral("gcp_psc_ids"), mapJson(gcpPscIds())},
        {QStringLiteral("packets"), static_cast<qint64>(n.packets)},
        {QStringLiteral("ip_fragments"), static_cast<qint64>(n.fragments)},
        {QStringLiteral("reassembled_packets"), static_cast<qint64>(n.reassembledPackets)},
        {QStringLiteral("lost_fragments"), static_cast<qint64>(n.lostFragments)},
        {QStringLiteral("non_ip_frames"), static_cast<qint64>(n.nonIpFrames)},
        {QStringLiteral("unsupported_link_frames"), static_cast<qint64>(n.unsupportedLinkFrames)},
        {QStringLiteral("malformed_packets"), static_cast<qint64>(n.malformedIp)},
        {QStringLiteral("snaplen_cut_packets"), static_cast<qint64>(n.snaplenCutPackets)},
        {QStringLiteral("ignored_udp_datagrams"), static_cast<qint64>(n.ignoredUdpDatagrams)},
        {QStringLiteral("stray_tcp_segments"), static_cast<qint64>(n.strayTcpSegments)},
        {QStringLiteral("tunnelled_packets"), static_cast<qint64>(n.tunnelledPackets)},
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
    section(QStringLiteral("errors"), errors());
    section(QStringLiteral("findings"), findings());
    section(QStringLiteral("connection end"), ends());
    section(QStringLiteral("VPC IDs"), vpcIds());
    section(QStringLiteral("endpoint IDs"), endpointIds());
    section(QStringLiteral("Azure LinkIDs"), azureLinkIds());
    section(QStringLiteral("GCP PSC IDs"), gcpPscIds());
    line(QStringLiteral("VXLAN/GENEVE packets"), n.tunnelledPackets);
    line(QStringLiteral("IP fragments"), n.fragments);
    line(QStringLiteral("  reassembled packets"), n.reassembledPackets);
    line(QStringLiteral("  lost (not reassembled)"), n.lostFragments);
    line(QStringLiteral("snaplen-cut packets"), n.snaplenCutPackets);
    line(QStringLiteral("non-IP frames"), n.nonIpFrames);
    if (n.unsupportedLinkFrames)
        line(QStringLiteral("unsupported link frames"), n.unsupportedLinkFrames);
    line(QStringLiteral("malformed packets"), n.malformedIp);
    line(QStringLiteral("ignored UDP datagrams"), n.ignoredUdpDatagrams);
    s.flush();
    return out;
}

} // namespace pl::capture
