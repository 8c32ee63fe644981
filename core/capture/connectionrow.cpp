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

RequestSummary StringPool::intern(const RequestSummary &summary)
{
    if (summary.isEmpty() || m_requests.size() > 100000)
        return summary;
    // Text and User-Agent make every field (the text holds the request
    // line, Host, SNI and ALPN).
    const RequestSummary::Fields &f = summary.fields();
    const QString key = f.text + QLatin1Char('\n') + f.userAgent;
    return m_requests.try_emplace(key, summary).first->second;
}

bool ConnectionRow::versionRead() const
{
    const HeaderFacts &f = connection.facts;
    // A header cut or broken before its version was read claims none (the
    // capture's totals do not count it as v1 or v2 either).
    return connection.headerPresent && (f.versionKnown || f.error == ErrorCode::None);
}

std::uint8_t ConnectionRow::version() const
{
    return versionRead() ? connection.facts.versionNumber : 0;
}

bool ConnectionRow::isV1() const
{
    return versionRead() && connection.facts.version == proxy::Version::V1;
}

bool ConnectionRow::hasError() const
{
    return connection.headerPresent && connection.facts.error != ErrorCode::None;
}

QString ConnectionRow::errorCode() const
{
    return hasError() ? QString::fromLatin1(errorCodeName(connection.facts.error)) : QString();
}

namespace {

// The text of an AF_UNIX address, from a decode of the header (rare: the
// row keeps no copy).
QString unixAddressText(const Connection &c, bool source)
{
    const DecodeResult r = c.decodeHeader(c.facts.vendor);
    return endpointText(r.header, source ? r.header.source : r.header.destination);
}

QString factText(const Connection &c, HeaderFacts::Span span)
{
    return utf8Text(HeaderFacts::bytesOf(span, c.headerSpan()));
}

} // namespace

QString ConnectionRow::ppSource() const
{
    return ppText(true);
}

QString ConnectionRow::ppDestination() const
{
    return ppText(false);
}

QString ConnectionRow::ppText(bool source) const
{
    switch (ppAddresses) {
    case PpAddresses::Inet:
        return endpointText(source ? ppSourceEndpoint : ppDestinationEndpoint);
    case PpAddresses::Other:
        return unixAddressText(connection, source);
    case PpAddresses::None:
        break;
    }
    return {};
}

QString ConnectionRow::vpcId() const
{
    return connection.headerPresent ? factText(connection, connection.facts.alibabaVpcId)
                                    : QString();
}

QString ConnectionRow::endpointId() const
{
    if (!connection.headerPresent)
        return {};
    const HeaderFacts &f = connection.facts;
    // The order of proxy::endpointIdText: one ID per row.
    if (!f.alibabaEndpointId.empty())
        return factText(connection, f.alibabaEndpointId);
    if (!f.awsVpceId.empty())
        return factText(connection, f.awsVpceId);
    if (f.azureLinkId)
        return QStringLiteral("LinkID %1").arg(*f.azureLinkId);
    if (f.gcpPscId)
        return QStringLiteral("PSC %1").arg(*f.gcpPscId);
    return {};
}

void setPpAddresses(ConnectionRow &row, const DecodeResult &decoded)
{
    const ProxyHeader &h = decoded.header;
    row.ppAddresses = ConnectionRow::PpAddresses::None;
    row.ppSourceEndpoint = row.ppDestinationEndpoint = NetEndpoint{};
    if (!h.addressesDecoded)
        return;
    if (h.family == Family::Inet || h.family == Family::Inet6) {
        const bool v6 = h.family == Family::Inet6;
        const std::size_t size = v6 ? 16 : 4;
        row.ppAddresses = ConnectionRow::PpAddresses::Inet;
        std::copy_n(h.source.ip.data(), size, row.ppSourceEndpoint.ip.data());
        std::copy_n(h.destination.ip.data(), size, row.ppDestinationEndpoint.ip.data());
        row.ppSourceEndpoint.port = h.source.port;
        row.ppDestinationEndpoint.port = h.destination.port;
        row.ppSourceEndpoint.ipv6 = row.ppDestinationEndpoint.ipv6 = v6;
    } else if (h.family == Family::Unix) {
        row.ppAddresses = ConnectionRow::PpAddresses::Other;
    }
}

bool readV2Addresses(ByteSpan header, NetEndpoint &source, NetEndpoint &destination)
{
    // Signature (12), version and command, family and transport, length
    // (2); then INET: source, destination (4 each), ports; INET6: 16 each.
    if (header.size() < 16 || (header[12] >> 4) != 2)
        return false;
    const unsigned family = header[13] >> 4;
    const std::size_t size = family == 1 ? 4 : family == 2 ? 16 : 0;
    if (size == 0 || header.size() < 16 + 2 * size + 4)
        return false;
    const auto port = [&header](std::size_t at) {
        return static_cast<std::uint16_t>((header[at] << 8) | header[at + 1]);
    };
    source = destination = NetEndpoint{};
    std::copy_n(header.data() + 16, size, source.ip.data());
    std::copy_n(header.data() + 16 + size, size, destination.ip.data());
    source.port = port(16 + 2 * size);
    destination.port = port(16 + 2 * size + 2);
    source.ipv6 = destination.ipv6 = size == 16;
    return true;
}

ConnectionRow makeConnectionRow(Connection connection, VendorProfile vendor, StringPool &pool)
{
    ConnectionRow row;
    row.connection = std::move(connection);
    Connection &c = row.connection;
    QStringList findings;
    for (const Finding &f : c.findings)
        findings << QString::fromLatin1(findingCodeName(f.code));
    if (c.headerPresent) {
        const DecodeResult r = c.decodeHeader(vendor);
        // The facts the row reads, for this vendor profile (the reader's
        // when it used the same one).
        if (!c.facts.decoded || c.facts.vendor != vendor)
            c.facts = headerFactsOf(r, c.headerSpan(), c.headerSpan().size(), vendor);
        setPpAddresses(row, r);
        for (const Warning &w : r.warnings)
            findings << QString::fromLatin1(warningCodeName(w.code));
    }
    findings.removeDuplicates();
    row.findings = pool.intern(findings.join(QLatin1String(", ")));
    c.response = pool.intern(c.response);
    c.payload = pool.intern(c.payload);
    return row;
}

} // namespace pl::capture
