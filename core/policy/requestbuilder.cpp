#include "requestbuilder.h"

#include "capture/connection.h"
#include "policytr.h"
#include "proxy/headertext.h"
#include "proxy/tlvtypes.h"

#include <QMap>
#include <QRegularExpression>

namespace pl::policy {

using proxy::ByteSpan;
using Origin = Provenance::Origin;

namespace {

int offsetIn(const proxy::ProxyHeader &h, ByteSpan part)
{
    if (part.empty() || h.bytes.empty() || part.data() < h.bytes.data() ||
        part.data() >= h.bytes.data() + h.bytes.size())
        return -1;
    return static_cast<int>(part.data() - h.bytes.data());
}

Provenance fromBytes(Origin origin, const char *what, const proxy::ProxyHeader &h, ByteSpan part)
{
    return {origin, what, offsetIn(h, part), static_cast<int>(part.size()), {}};
}

QString hex2(std::uint8_t v)
{
    return QStringLiteral("0x%1")
        .arg(v, 2, 16, QLatin1Char('0'))
        .toUpper()
        .replace(QLatin1String("0X"), QLatin1String("0x"));
}

// Where the v2 address block puts source/destination address and port.
struct AddressLayout
{
    int srcIp, dstIp, srcPort, dstPort, ipLength;
};

std::optional<AddressLayout> addressLayout(const proxy::ProxyHeader &h)
{
    if (h.version != proxy::Version::V2 || !h.addressesDecoded)
        return std::nullopt;
    if (h.family == proxy::Family::Inet)
        return AddressLayout{16, 20, 24, 26, 4};
    if (h.family == proxy::Family::Inet6)
        return AddressLayout{16, 32, 48, 50, 16};
    return std::nullopt;
}

void addHeaderKeys(PolicyRequest &r, const proxy::ProxyHeader &h)
{
    const bool v1 = h.version == proxy::Version::V1;
    r.setContext(QStringLiteral("pp:Version"), QString::number(static_cast<int>(h.version)),
                 {Origin::Header,
                  v1 ? QT_TRANSLATE_NOOP("pl::policy::PolicyText", "v1 signature")
                     : QT_TRANSLATE_NOOP("pl::policy::PolicyText", "version/command byte"),
                  v1 ? 0 : 12, v1 ? 5 : 1});
    r.setContext(QStringLiteral("pp:Command"), QLatin1String(proxy::commandName(h.command)),
                 {Origin::Header,
                  v1 ? QT_TRANSLATE_NOOP("pl::policy::PolicyText", "v1 line")
                     : QT_TRANSLATE_NOOP("pl::policy::PolicyText", "version/command byte"),
                  v1 ? -1 : 12, v1 ? 0 : 1});
    const bool ipFamily = h.family == proxy::Family::Inet || h.family == proxy::Family::Inet6;
    if (h.addressesDecoded && ipFamily && h.command == proxy::Command::Proxy) {
        const auto layout = addressLayout(h);
        const auto prov = [&](const char *what, int at, int length) {
            if (!layout)
                return Provenance{Origin::Header,
                                  QT_TRANSLATE_NOOP("pl::policy::PolicyText", "v1 line, %1"), -1, 0,
                                  PolicyText::tr(what)};
            return Provenance{Origin::Header, what, at, length, {}};
        };
        const QString src = proxy::addressText(h, h.source);
        const QString dst = proxy::addressText(h, h.destination);
        const Provenance srcProv =
            prov(QT_TRANSLATE_NOOP("pl::policy::PolicyText", "source address"),
                 layout ? layout->srcIp : 0, layout ? layout->ipLength : 0);
        r.setContext(QStringLiteral("pp:SourceIp"), src, srcProv);
        r.setContext(QStringLiteral("pp:SourcePort"), QString::number(h.source.port),
                     prov(QT_TRANSLATE_NOOP("pl::policy::PolicyText", "source port"),
                          layout ? layout->srcPort : 0, 2));
        r.setContext(QStringLiteral("pp:DestinationIp"), dst,
                     prov(QT_TRANSLATE_NOOP("pl::policy::PolicyText", "destination address"),
                          layout ? layout->dstIp : 0, layout ? layout->ipLength : 0));
        r.setContext(QStringLiteral("pp:DestinationPort"), QString::number(h.destination.port),
                     prov(QT_TRANSLATE_NOOP("pl::policy::PolicyText", "destination port"),
                          layout ? layout->dstPort : 0, 2));
        Provenance derived = srcProv;
        derived.origin = Origin::Derived;
        derived.what = QT_TRANSLATE_NOOP("pl::policy::PolicyText", "= pp:SourceIp (%1)");
        derived.arg = srcProv.source();
        r.setContext(QStringLiteral("acs:SourceIp"), src, derived);
    }
    if (h.hasAuthority)
        r.setContext(QStringLiteral("pp:Authority"), proxy::printableOrHex(h.authority),
                     fromBytes(Origin::Header,
                               QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x02 (AUTHORITY)"),
                               h, h.authority));
    if (h.hasAlpn)
        r.setContext(QStringLiteral("pp:Alpn"), proxy::printableOrHex(h.alpn),
                     fromBytes(Origin::Header,
                               QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x01 (ALPN)"), h,
                               h.alpn));
    if (h.hasUniqueId)
        r.setContext(QStringLiteral("pp:UniqueId"), proxy::printableOrHex(h.uniqueId),
                     fromBytes(Origin::Header,
                               QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x05 (UNIQUE_ID)"),
                               h, h.uniqueId));
    if (h.ssl.present) {
        if (!h.ssl.version.empty())
            r.setContext(QStringLiteral("pp:SslVersion"), proxy::printableOrHex(h.ssl.version),
                         fromBytes(Origin::Header,
                                   QT_TRANSLATE_NOOP("pl::policy::PolicyText",
                                                     "TLV 0x20/0x21 (SSL_VERSION)"),
                                   h, h.ssl.version));
        if (!h.ssl.cn.empty())
            r.setContext(
                QStringLiteral("pp:SslCn"), proxy::printableOrHex(h.ssl.cn),
                fromBytes(Origin::Header,
                          QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x20/0x22 (SSL_CN)"), h,
                          h.ssl.cn));
        r.setContext(
            QStringLiteral("pp:SslVerified"),
            h.ssl.certificateVerified() ? QStringLiteral("true") : QStringLiteral("false"),
            {Origin::Header,
             QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x20 (SSL) client and verify fields"),
             static_cast<int>(h.ssl.offset) + 3, 5});
    }
    if (h.crcState != proxy::CrcState::Absent)
        r.setContext(
            QStringLiteral("pp:Crc32cValid"),
            h.crcState == proxy::CrcState::Valid ? QStringLiteral("true") : QStringLiteral("false"),
            {Origin::Header, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0x03 (CRC32C)"),
             static_cast<int>(h.crcOffset), 4});
    // Every TLV by type, as hex of its raw value.
    QMap<std::uint8_t, QStringList> raw;
    QMap<std::uint8_t, Provenance> rawProv;
    for (const proxy::Tlv tlv : h.tlvs) {
        raw[tlv.type] << proxy::hexString(tlv.value);
        if (!rawProv.contains(tlv.type))
            rawProv.insert(tlv.type,
                           {Origin::Header, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV %1"),
                            static_cast<int>(tlv.valueOffset()), tlv.length(), hex2(tlv.type)});
    }
    for (auto it = raw.cbegin(); it != raw.cend(); ++it)
        r.setContext(QStringLiteral("pp:Tlv/") + hex2(it.key()), it.value(),
                     rawProv.value(it.key()));
}

void addVendorKeys(PolicyRequest &r, const proxy::ProxyHeader &h)
{
    const proxy::VendorIds &v = h.vendor;
    const auto text = [](ByteSpan b) {
        return proxy::printableOrHex(b);
    };
    if (!v.alibabaVpcId.empty()) {
        const Provenance p =
            fromBytes(Origin::Vendor,
                      QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xE1/0x01 (Alibaba VPC ID)"),
                      h, v.alibabaVpcId);
        r.setContext(QStringLiteral("alibaba:SourceVpc"), text(v.alibabaVpcId), p);
        Provenance derived = p;
        derived.origin = Origin::Derived;
        derived.what = QT_TRANSLATE_NOOP("pl::policy::PolicyText", "= alibaba:SourceVpc (%1)");
        derived.arg = p.source();
        r.setContext(QStringLiteral("acs:SourceVpc"), text(v.alibabaVpcId), derived);
    }
    if (!v.alibabaEndpointId.empty())
        r.setContext(QStringLiteral("alibaba:EndpointId"), text(v.alibabaEndpointId),
                     fromBytes(Origin::Vendor,
                               QT_TRANSLATE_NOOP("pl::policy::PolicyText",
                                                 "TLV 0xE1/0x02 (Alibaba endpoint ID)"),
                               h, v.alibabaEndpointId));
    if (!v.alibabaEndpointServiceId.empty())
        r.setContext(QStringLiteral("alibaba:EndpointServiceId"), text(v.alibabaEndpointServiceId),
                     fromBytes(Origin::Vendor,
                               QT_TRANSLATE_NOOP("pl::policy::PolicyText",
                                                 "TLV 0xE1/0x03 (Alibaba endpoint service ID)"),
                               h, v.alibabaEndpointServiceId));
    if (!v.awsVpceId.empty())
        r.setContext(QStringLiteral("aws:SourceVpce"), text(v.awsVpceId),
                     fromBytes(Origin::Vendor,
                               QT_TRANSLATE_NOOP("pl::policy::PolicyText",
                                                 "TLV 0xEA/0x01 (AWS VPC endpoint ID)"),
                               h, v.awsVpceId));
    // Azure and GCP IDs are numbers; find their TLVs for the byte range.
    for (const proxy::Tlv tlv : h.tlvs) {
        if (v.azureLinkId && tlv.type == proxy::tlv::Azure && tlv.length() == 5)
            r.setContext(QStringLiteral("azure:LinkId"), QString::number(*v.azureLinkId),
                         {Origin::Vendor,
                          QT_TRANSLATE_NOOP("pl::policy::PolicyText",
                                            "TLV 0xEE/0x01 (Azure LinkID, little-endian)"),
                          static_cast<int>(tlv.valueOffset()) + 1, 4});
        if (v.gcpPscId && tlv.type == proxy::tlv::GcpPsc && tlv.length() == 8)
            r.setContext(
                QStringLiteral("gcp:PscConnectionId"), QString::number(*v.gcpPscId),
                {Origin::Vendor,
                 QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLV 0xE0 (GCP PSC connection ID)"),
                 static_cast<int>(tlv.valueOffset()), 8});
    }
}

} // namespace

ConnectionFacts factsFromCapture(const capture::Connection &connection)
{
    ConnectionFacts facts;
    facts.peerIp = capture::hostAddress(connection.client).toString();
    facts.peerPort = connection.client.port;
    facts.localPort = connection.server.port;
    addRequestSummary(facts, connection.payload);
    return facts;
}

void addRequestSummary(ConnectionFacts &facts, const capture::RequestSummary &summary)
{
    const capture::RequestSummary::Fields &f = summary.fields();
    switch (f.kind) {
    case capture::RequestSummary::Kind::Http:
        if (f.method.isEmpty())
            return; // not METHOD PATH HTTP/x: nothing to judge by
        facts.httpMethod = f.method;
        facts.httpPath = f.path;
        facts.httpHost = f.host;
        facts.httpUserAgent = f.userAgent;
        return;
    case capture::RequestSummary::Kind::Tls:
        facts.tlsSni = f.sni;
        return;
    case capture::RequestSummary::Kind::None:
    case capture::RequestSummary::Kind::Binary:
        return;
    }
}

PolicyRequest requestFromConnection(const proxy::DecodeResult &decoded,
                                    const ConnectionFacts &facts)
{
    PolicyRequest r;
    r.reserveContext(32);
    const proxy::ProxyHeader &h = decoded.header;
    if (h.fixedPartDecoded) {
        addHeaderKeys(r, h);
        addVendorKeys(r, h);
    }
    if (!facts.peerIp.isEmpty()) {
        r.setContext(QStringLiteral("conn:PeerIp"), facts.peerIp,
                     {Origin::Connection,
                      QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TCP/IP peer (who connected)"),
                      -1, 0});
        r.setContext(QStringLiteral("conn:PeerPort"), QString::number(facts.peerPort),
                     {Origin::Connection,
                      QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TCP/IP peer port"), -1, 0});
    }
    if (facts.localPort != 0)
        r.setContext(
            QStringLiteral("conn:LocalPort"), QString::number(facts.localPort),
            {Origin::Connection, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "local port"), -1, 0});
    const Provenance requestLine{
        Origin::Payload, QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP request line"), -1, 0};
    if (!facts.httpMethod.isEmpty()) {
        r.action = QStringLiteral("http:") + facts.httpMethod;
        r.actionProvenance = requestLine;
        r.resource = facts.httpPath;
        r.resourceProvenance = requestLine;
        r.setContext(QStringLiteral("http:Method"), facts.httpMethod, requestLine);
        r.setContext(QStringLiteral("http:Path"), facts.httpPath, requestLine);
        if (!facts.httpHost.isEmpty())
            r.setContext(QStringLiteral("http:Host"), facts.httpHost,
                         {Origin::Payload,
                          QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP Host header"), -1, 0});
        if (!facts.httpUserAgent.isEmpty())
            r.setContext(QStringLiteral("http:UserAgent"), facts.httpUserAgent,
                         {Origin::Payload,
                          QT_TRANSLATE_NOOP("pl::policy::PolicyText", "HTTP User-Agent header"), -1,
                          0});
    } else {
        r.action = QStringLiteral("tcp:Connect");
        r.actionProvenance = {Origin::Default,
                              QT_TRANSLATE_NOOP("pl::policy::PolicyText", "not an HTTP request"),
                              -1, 0};
        r.resource = QStringLiteral("*");
        r.resourceProvenance = {
            Origin::Default,
            QT_TRANSLATE_NOOP("pl::policy::PolicyText", "not an HTTP request: any resource"), -1,
            0};
    }
    if (!facts.tlsSni.isEmpty())
        r.setContext(QStringLiteral("tls:Sni"), facts.tlsSni,
                     {Origin::Payload,
                      QT_TRANSLATE_NOOP("pl::policy::PolicyText", "TLS ClientHello server_name"),
                      -1, 0});
    return r;
}

} // namespace pl::policy
