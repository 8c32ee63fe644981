#include "connectionrow.h"

#include "proxy/headertext.h"

namespace pl::capture {

using namespace pl::proxy;

QString StringPool::intern(const QString &text)
{
    if (text.isEmpty())
        return {};
    const auto it = m_strings.find(text);
    if (it != m_strings.end())
        return *it;
    if (m_strings.size() > 100000)
        return text; // unique values (e.g. paths with IDs) would only grow the pool
    m_strings.insert(text);
    return text;
}

ConnectionRow makeConnectionRow(Connection connection, VendorProfile vendor, StringPool &pool)
{
    ConnectionRow row;
    row.connection = std::move(connection);
    QStringList findings;
    for (const Finding &f : row.connection.findings)
        findings << QString::fromLatin1(findingCodeName(f.code));
    if (row.connection.headerPresent) {
        const DecodeResult r = row.connection.decodeHeader(vendor);
        const ProxyHeader &h = r.header;
        row.version = static_cast<std::uint8_t>(h.version);
        row.command = h.command;
        row.crc = h.crcState;
        if (h.addressesDecoded) {
            row.ppSource = endpointText(h, h.source);
            row.ppDestination = pool.intern(endpointText(h, h.destination));
        }
        const VendorIds &v = h.vendor;
        row.vpcId = pool.intern(utf8Text(v.alibabaVpcId));
        row.endpointId = pool.intern(endpointIdText(v));
        if (r.error)
            row.errorCode = QString::fromLatin1(errorCodeName(r.error.code));
        for (const Warning &w : r.warnings)
            findings << QString::fromLatin1(warningCodeName(w.code));
    }
    findings.removeDuplicates();
    row.findings = pool.intern(findings.join(QLatin1String(", ")));
    row.connection.response = pool.intern(row.connection.response);
    row.connection.payload = pool.intern(row.connection.payload);
    return row;
}

} // namespace pl::capture
