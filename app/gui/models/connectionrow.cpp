#include "connectionrow.h"

#include "proxy/format.h"

namespace pl::gui {

using namespace pl::proxy;

namespace {

QString text(ByteSpan bytes)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(bytes.data()),
                             static_cast<qsizetype>(bytes.size()));
}

} // namespace

ConnectionRow makeConnectionRow(capture::Connection connection, VendorProfile vendor)
{
    ConnectionRow row;
    row.connection = std::move(connection);
    QStringList findings;
    for (const capture::Finding &f : row.connection.findings)
        findings << QString::fromLatin1(capture::findingCodeName(f.code));
    if (row.connection.headerPresent) {
        const DecodeResult r = row.connection.decodeHeader(vendor);
        const ProxyHeader &h = r.header;
        row.version = static_cast<std::uint8_t>(h.version);
        row.command = h.command;
        row.crc = h.crcState;
        if (h.addressesDecoded) {
            row.ppSource = endpointText(h, h.source);
            row.ppDestination = endpointText(h, h.destination);
        }
        const VendorIds &v = h.vendor;
        row.vpcId = text(v.alibabaVpcId);
        if (!v.alibabaEndpointId.empty())
            row.endpointId = text(v.alibabaEndpointId);
        else if (!v.awsVpceId.empty())
            row.endpointId = text(v.awsVpceId);
        else if (v.azureLinkId)
            row.endpointId = QStringLiteral("LinkID %1").arg(*v.azureLinkId);
        else if (v.gcpPscId)
            row.endpointId = QStringLiteral("PSC %1").arg(*v.gcpPscId);
        if (r.error)
            row.errorCode = QString::fromLatin1(errorCodeName(r.error.code));
        for (const Warning &w : r.warnings)
            findings << QString::fromLatin1(warningCodeName(w.code));
    }
    findings.removeDuplicates();
    row.findings = findings.join(QLatin1String(", "));
    return row;
}

} // namespace pl::gui
