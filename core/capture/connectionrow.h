#pragma once

#include "connection.h"

#include <QHashFunctions>
#include <QMetaType>

#include <unordered_set>

namespace pl::capture {

// A capture connection plus the values the table shows and sorts on,
// derived once on the loader thread so that sorting a million rows does not
// decode a million headers again.
struct ConnectionRow
{
    Connection connection;
    QString ppSource; // from the PROXY header
    QString ppDestination;
    QString vpcId;            // Alibaba VPC ID
    QString endpointId;       // Alibaba endpoint ID, or AWS VPCE / Azure LinkID / GCP PSC ID
    QString findings;         // finding and warning names, comma separated
    QString errorCode;        // empty when the header decoded
    std::uint8_t version = 0; // 0: no header
    proxy::Command command = proxy::Command::Proxy;
    proxy::CrcState crc = proxy::CrcState::Absent;
};

// Captures repeat the same VPC IDs, endpoints, responses and findings a
// million times; the pool hands out one shared copy of each (implicit
// sharing), which halves the memory of a big capture.
struct QStringHasher
{
    std::size_t operator()(const QString &s) const noexcept { return qHash(s); }
};

class StringPool
{
public:
    QString intern(const QString &text);

private:
    // std::unordered_set: QSet's inline code trips -Wnull-dereference at -O2.
    std::unordered_set<QString, QStringHasher> m_strings;
};

ConnectionRow makeConnectionRow(Connection connection, proxy::VendorProfile vendor,
                                StringPool &pool);

} // namespace pl::capture

Q_DECLARE_METATYPE(QList<pl::capture::ConnectionRow>)
