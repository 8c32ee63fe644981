#pragma once

#include "connection.h"

#include <QHashFunctions>
#include <QMetaType>

#include <unordered_map>
#include <unordered_set>

namespace pl::capture {

// A capture connection plus what the table shows and sorts on that the
// connection does not hold already, derived once on the loader thread so
// that sorting a million rows does not decode a million headers again.
// Compact on purpose (a capture can hold millions): the header's version,
// command, CRC, error and vendor IDs are read from connection.facts (taken
// with the row's vendor profile), the PROXY addresses are kept as bytes,
// and texts are made when shown.
struct ConnectionRow
{
    enum class PpAddresses : std::uint8_t
    {
        None,  // no header, LOCAL, UNSPEC, or addresses not decoded
        Inet,  // ppSourceEndpoint/ppDestinationEndpoint hold them
        Other, // AF_UNIX paths: read from the header when shown
    };

    Connection connection;
    NetEndpoint ppSourceEndpoint;
    NetEndpoint ppDestinationEndpoint;
    PpAddresses ppAddresses = PpAddresses::None;
    QString findings; // finding and warning names, comma separated (shared)

    // Whether the header's version was read: false with no header, or one
    // broken before its version byte.
    bool versionRead() const;
    // The version as sent when read, else 0: 1 for a text header; a binary
    // header's nibble, 2 or one it does not support (0, 1, 3..15, error
    // bad_version).
    std::uint8_t version() const;
    // A text header (v1); a binary one whose nibble is 1 is not.
    bool isV1() const;
    proxy::Command command() const { return connection.facts.command; }
    proxy::CrcState crc() const { return connection.facts.crc; }
    bool hasError() const;
    QString errorCode() const; // empty when the header decoded
    QString ppSource() const;  // from the PROXY header
    QString ppDestination() const;
    QString vpcId() const;      // Alibaba VPC ID
    QString endpointId() const; // Alibaba endpoint ID, or AWS VPCE / Azure LinkID / GCP PSC ID

private:
    QString ppText(bool source) const;
};

// Captures repeat the same responses, payloads and findings a million
// times; the pool hands out one shared copy of each (implicit sharing),
// which halves the memory of a big capture.
struct QStringHasher
{
    std::size_t operator()(const QString &s) const noexcept { return qHash(s); }
};

class StringPool
{
public:
    QString intern(const QString &text);
    // The same for request summaries (the reader's cache is small and
    // direct-mapped: two requests that share a slot are rebuilt each time).
    RequestSummary intern(const RequestSummary &summary);

private:
    // std::unordered_set: QSet's inline code trips -Wnull-dereference at -O2.
    std::unordered_set<QString, QStringHasher> m_strings;
    std::unordered_map<QString, RequestSummary, QStringHasher> m_requests;
};

ConnectionRow makeConnectionRow(Connection connection, proxy::VendorProfile vendor,
                                StringPool &pool);
// The row's PROXY addresses from a decode of its header.
void setPpAddresses(ConnectionRow &row, const proxy::DecodeResult &decoded);
// The addresses of a v2 INET or INET6 header, read at their fixed offsets
// (no decode); false when the header is not one or is too short.
bool readV2Addresses(proxy::ByteSpan header, NetEndpoint &source, NetEndpoint &destination);

} // namespace pl::capture

Q_DECLARE_METATYPE(QList<pl::capture::ConnectionRow>)
