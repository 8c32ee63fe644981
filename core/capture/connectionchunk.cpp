#include "connectionchunk.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace pl::capture {

namespace {

constexpr std::uint32_t kMax32 = std::numeric_limits<std::uint32_t>::max();

enum Bits : std::uint8_t
{
    Udp = 1,
    HeaderPresent = 2,
    ClientV6 = 4,
    ServerV6 = 8,
    Wide = 16, // kept whole in m_wide
};

// Packed::ppAddresses beyond ConnectionRow::PpAddresses: INET addresses
// that only a decode gives (a v1 header's text).
constexpr std::uint8_t kPpDecode = 3;

enum FactBits : std::uint8_t
{
    Decoded = 1,
    VersionKnown = 2,
    HasAzure = 4,
    HasGcp = 8,
};

} // namespace

struct ConnectionChunk::Packed
{
    std::uint64_t firstFrame = 0;
    std::int64_t firstTimeNs = 0;
    std::uint64_t vendorValue = 0;      // the Azure LinkID or the GCP PSC ID of the facts
    std::uint32_t lastFrameDelta = 0;   // lastFrame - firstFrame
    std::uint32_t headerFrameDelta = 0; // headerFrame - firstFrame + 1; 0: no header frame
    std::uint32_t lastTimeDelta = 0;    // lastTimeNs - firstTimeNs
    std::uint32_t headerOffset = 0;     // into m_headers
    std::uint32_t clientBytes = 0, serverBytes = 0;
    std::uint32_t clientIp = 0, serverIp = 0; // IPv4, or an index into m_ipv6
    std::uint16_t clientPort = 0, serverPort = 0;
    std::uint16_t headerLength = 0;
    std::uint16_t payload = 0, response = 0, findingText = 0;
    std::uint16_t findings = 0; // index + 1 into m_findings; 0: none
    std::uint16_t responseStatus = 0;
    std::array<std::uint16_t, 3> spanOffset{};
    std::array<std::uint8_t, 3> spanLength{};
    std::uint8_t bits = 0;
    std::uint8_t factBits = 0;
    std::uint8_t end = 0;
    std::uint8_t headerError = 0;
    std::uint8_t vendor = 0, version = 0, command = 0, crc = 0, factError = 0;
    std::uint8_t ppAddresses = 0;
};

ConnectionChunk::ConnectionChunk()
{
    m_rows.reserve(kRows);
}

ConnectionChunk::~ConnectionChunk() = default;

std::size_t ConnectionChunk::size() const
{
    return m_rows.size();
}

template <typename T, typename Key>
std::uint16_t ConnectionChunk::indexOf(std::vector<T> &values,
                                       std::unordered_map<Key, std::uint16_t> &indices,
                                       const T &value, Key key)
{
    // At most kRows distinct values a chunk: the index fits 16 bits.
    const auto [it, fresh] = indices.try_emplace(key, static_cast<std::uint16_t>(values.size()));
    if (fresh)
        values.push_back(value);
    return it->second;
}

std::uint32_t ConnectionChunk::ipOf(const NetEndpoint &endpoint, bool &v6)
{
    v6 = endpoint.ipv6;
    if (!v6) {
        std::uint32_t ip = 0;
        std::memcpy(&ip, endpoint.ip.data(), 4);
        return ip;
    }
    m_ipv6.push_back(endpoint.ip);
    return static_cast<std::uint32_t>(m_ipv6.size() - 1);
}

bool ConnectionChunk::pack(const ConnectionRow &row, Packed &p)
{
    const Connection &c = row.connection;
    const HeaderFacts &f = c.facts;
    // What does not fit the packed form keeps the whole row.
    if (c.lastFrame < c.firstFrame || c.lastFrame - c.firstFrame > kMax32 ||
        (c.headerFrame != 0 &&
         (c.headerFrame < c.firstFrame || c.headerFrame - c.firstFrame >= kMax32)) ||
        c.lastTimeNs < c.firstTimeNs ||
        static_cast<std::uint64_t>(c.lastTimeNs - c.firstTimeNs) > kMax32 ||
        c.headerBytes.size() > std::numeric_limits<std::uint16_t>::max() ||
        (f.azureLinkId && f.gcpPscId))
        return false;
    const HeaderFacts::Span spans[3] = {f.alibabaVpcId, f.alibabaEndpointId, f.awsVpceId};
    for (std::size_t i = 0; i < 3; ++i) {
        if (spans[i].offset > std::numeric_limits<std::uint16_t>::max() ||
            spans[i].length > std::numeric_limits<std::uint8_t>::max())
            return false;
        p.spanOffset[i] = static_cast<std::uint16_t>(spans[i].offset);
        p.spanLength[i] = static_cast<std::uint8_t>(spans[i].length);
    }
    p.firstFrame = c.firstFrame;
    p.firstTimeNs = c.firstTimeNs;
    p.lastFrameDelta = static_cast<std::uint32_t>(c.lastFrame - c.firstFrame);
    p.headerFrameDelta =
        c.headerFrame == 0 ? 0 : static_cast<std::uint32_t>(c.headerFrame - c.firstFrame + 1);
    p.lastTimeDelta = static_cast<std::uint32_t>(c.lastTimeNs - c.firstTimeNs);
    p.clientBytes = c.clientBytes;
    p.serverBytes = c.serverBytes;
    p.clientPort = c.client.port;
    p.serverPort = c.server.port;
    bool v6 = false;
    p.clientIp = ipOf(c.client, v6);
    p.bits |= v6 ? ClientV6 : 0;
    p.serverIp = ipOf(c.server, v6);
    p.bits |= v6 ? ServerV6 : 0;
    p.bits |= c.transport == TransportProtocol::Udp ? Udp : 0;
    p.bits |= c.headerPresent ? HeaderPresent : 0;
    p.end = static_cast<std::uint8_t>(c.end);
    p.responseStatus = c.responseStatus;
    p.headerError = static_cast<std::uint8_t>(c.headerError);

    p.factBits =
        static_cast<std::uint8_t>((f.decoded ? Decoded : 0) | (f.versionKnown ? VersionKnown : 0) |
                                  (f.azureLinkId ? HasAzure : 0) | (f.gcpPscId ? HasGcp : 0));
    p.vendorValue = f.azureLinkId ? *f.azureLinkId : f.gcpPscId ? *f.gcpPscId : 0;
    p.vendor = static_cast<std::uint8_t>(f.vendor);
    // The nibble as sent (0..15), the high bit for a text header (v1).
    p.version = std::uint8_t(f.versionNumber | (f.version == proxy::Version::V1 ? 0x80 : 0));
    p.command = static_cast<std::uint8_t>(f.command);
    p.crc = static_cast<std::uint8_t>(f.crc);
    p.factError = static_cast<std::uint8_t>(f.error);

    p.headerOffset = static_cast<std::uint32_t>(m_headers.size());
    p.headerLength = static_cast<std::uint16_t>(c.headerBytes.size());
    m_headers.insert(m_headers.end(), c.headerBytes.cbegin(), c.headerBytes.cend());

    p.payload = indexOf(m_payloads, m_payloadIndex, c.payload,
                        static_cast<const void *>(&c.payload.fields()));
    p.response = indexOf(m_responses, m_responseIndex, c.response,
                         static_cast<const void *>(c.response.constData()));
    p.findingText = indexOf(m_findingTexts, m_findingTextIndex, row.findings,
                            static_cast<const void *>(row.findings.constData()));
    if (!c.findings.isEmpty()) {
        m_findings.push_back(c.findings);
        p.findings = static_cast<std::uint16_t>(m_findings.size());
    }
    // INET addresses are read back from the header at their fixed offsets
    // when that gives the row's; else (v1 text) from a decode when shown.
    p.ppAddresses = static_cast<std::uint8_t>(row.ppAddresses);
    if (row.ppAddresses == ConnectionRow::PpAddresses::Inet) {
        NetEndpoint source, destination;
        if (!readV2Addresses(c.headerSpan(), source, destination) ||
            !(source == row.ppSourceEndpoint) || !(destination == row.ppDestinationEndpoint))
            p.ppAddresses = kPpDecode;
    }
    return true;
}

void ConnectionChunk::append(const ConnectionRow &row)
{
    Q_ASSERT(!full()); // the 16-bit indices hold for kRows rows
    // Room for a chunk of headers like the first, within reason (a first
    // header of 64 KiB would otherwise reserve 256 MiB).
    if (m_headers.capacity() == 0)
        m_headers.reserve(std::min<std::size_t>(
            static_cast<std::size_t>(row.connection.headerBytes.size()) * kRows, 1 << 20));
    Packed p;
    if (!pack(row, p)) {
        p = Packed{};
        p.bits = Wide;
        m_wide.emplace(static_cast<std::uint32_t>(m_rows.size()), row);
    }
    m_rows.push_back(p);
}

void ConnectionChunk::squeeze()
{
    m_rows.shrink_to_fit();
    m_headers.shrink_to_fit();
    m_ipv6.shrink_to_fit();
    m_payloads.shrink_to_fit();
    m_responses.shrink_to_fit();
    m_findingTexts.shrink_to_fit();
    m_findings.shrink_to_fit();
    m_payloadIndex = {};
    m_responseIndex = {};
    m_findingTextIndex = {};
}

ConnectionRow ConnectionChunk::row(std::size_t index) const
{
    return unpack(index, true);
}

ConnectionRow ConnectionChunk::view(std::size_t index) const
{
    return unpack(index, false);
}

ConnectionRow ConnectionChunk::unpack(std::size_t index, bool ownHeader) const
{
    const Packed &p = m_rows[index];
    if (p.bits & Wide)
        return m_wide.at(static_cast<std::uint32_t>(index));
    ConnectionRow row;
    Connection &c = row.connection;
    c.transport = (p.bits & Udp) ? TransportProtocol::Udp : TransportProtocol::Tcp;
    const auto endpoint = [this](NetEndpoint &e, std::uint32_t ip, bool v6, std::uint16_t port) {
        e.ipv6 = v6;
        e.port = port;
        if (v6)
            e.ip = m_ipv6[ip];
        else
            std::memcpy(e.ip.data(), &ip, 4);
    };
    endpoint(c.client, p.clientIp, (p.bits & ClientV6) != 0, p.clientPort);
    endpoint(c.server, p.serverIp, (p.bits & ServerV6) != 0, p.serverPort);
    c.firstFrame = p.firstFrame;
    c.lastFrame = p.firstFrame + p.lastFrameDelta;
    c.headerFrame = p.headerFrameDelta == 0 ? 0 : p.firstFrame + p.headerFrameDelta - 1;
    c.firstTimeNs = p.firstTimeNs;
    c.lastTimeNs = p.firstTimeNs + static_cast<std::int64_t>(p.lastTimeDelta);
    if (p.headerLength > 0) { // m_headers may hold nothing at all (no pointer to offset)
        const char *header = m_headers.data() + p.headerOffset;
        // A view's bytes stay this chunk's: see view().
        c.headerBytes = ownHeader ? QByteArray(header, p.headerLength)
                                  : QByteArray::fromRawData(header, p.headerLength);
    }
    c.headerPresent = (p.bits & HeaderPresent) != 0;
    c.headerError = static_cast<proxy::ErrorCode>(p.headerError);
    HeaderFacts &f = c.facts;
    f.decoded = (p.factBits & Decoded) != 0;
    f.versionKnown = (p.factBits & VersionKnown) != 0;
    f.vendor = static_cast<proxy::VendorProfile>(p.vendor);
    f.versionNumber = std::uint8_t(p.version & 0x7F);
    f.version = (p.version & 0x80) != 0 ? proxy::Version::V1 : proxy::Version::V2;
    f.command = static_cast<proxy::Command>(p.command);
    f.crc = static_cast<proxy::CrcState>(p.crc);
    f.error = static_cast<proxy::ErrorCode>(p.factError);
    HeaderFacts::Span *spans[3] = {&f.alibabaVpcId, &f.alibabaEndpointId, &f.awsVpceId};
    for (std::size_t i = 0; i < 3; ++i)
        *spans[i] = {p.spanOffset[i], p.spanLength[i]};
    if (p.factBits & HasAzure)
        f.azureLinkId = static_cast<std::uint32_t>(p.vendorValue);
    if (p.factBits & HasGcp)
        f.gcpPscId = p.vendorValue;
    c.payload = m_payloads[p.payload];
    c.response = m_responses[p.response];
    c.end = static_cast<EndState>(p.end);
    c.responseStatus = p.responseStatus;
    if (p.findings != 0)
        c.findings = m_findings[p.findings - 1u];
    c.clientBytes = p.clientBytes;
    c.serverBytes = p.serverBytes;
    row.findings = m_findingTexts[p.findingText];
    if (p.ppAddresses == kPpDecode) {
        setPpAddresses(row, c.decodeHeader(f.vendor));
    } else {
        row.ppAddresses = static_cast<ConnectionRow::PpAddresses>(p.ppAddresses);
        if (row.ppAddresses == ConnectionRow::PpAddresses::Inet)
            readV2Addresses(c.headerSpan(), row.ppSourceEndpoint, row.ppDestinationEndpoint);
    }
    return row;
}

std::uint64_t ConnectionChunk::firstFrame(std::size_t index) const
{
    const Packed &p = m_rows[index];
    return (p.bits & Wide) ? m_wide.at(static_cast<std::uint32_t>(index)).connection.firstFrame
                           : p.firstFrame;
}

std::int64_t ConnectionChunk::firstTimeNs(std::size_t index) const
{
    const Packed &p = m_rows[index];
    return (p.bits & Wide) ? m_wide.at(static_cast<std::uint32_t>(index)).connection.firstTimeNs
                           : p.firstTimeNs;
}

std::size_t ConnectionChunk::memoryBytes() const
{
    return m_rows.capacity() * sizeof(Packed) + m_headers.capacity() + m_ipv6.capacity() * 16 +
           m_findings.capacity() * sizeof(QList<Finding>) + m_wide.size() * sizeof(ConnectionRow);
}

} // namespace pl::capture
