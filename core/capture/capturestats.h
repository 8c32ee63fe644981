#pragma once

#include "captureengine.h"

#include <QJsonObject>
#include <QMap>

namespace pl::capture {

// Totals over a capture: what `plinspect decode --stats` prints and what the
// GUI's capture summary shows.
class CaptureStats
{
public:
    explicit CaptureStats(proxy::VendorProfile vendor = proxy::VendorProfile::Auto)
        : m_vendor(vendor)
    {}

    void add(const Connection &connection);
    void setCounters(const CaptureCounters &counters) { m_counters = counters; }

    std::uint64_t connections = 0;
    std::uint64_t tcp = 0;
    std::uint64_t udp = 0;
    std::uint64_t withHeader = 0;
    std::uint64_t withoutHeader = 0;
    std::uint64_t v1 = 0;
    std::uint64_t v2 = 0;
    std::uint64_t local = 0; // v2 LOCAL (health checks)
    std::uint64_t crcValid = 0;
    std::uint64_t crcInvalid = 0;
    std::uint64_t crcAbsent = 0; // v2 headers without the CRC32C TLV
    std::uint64_t invalidHeaders = 0;
    QMap<QString, std::uint64_t> errors;      // by error code name
    QMap<QString, std::uint64_t> findings;    // by finding code name
    QMap<QString, std::uint64_t> ends;        // "fin", "rst", "open"
    QMap<QString, std::uint64_t> vpcIds;      // Alibaba VPC ID
    QMap<QString, std::uint64_t> endpointIds; // Alibaba endpoint ID, AWS VPC endpoint ID
    QMap<QString, std::uint64_t> azureLinkIds;
    QMap<QString, std::uint64_t> gcpPscIds;
    const CaptureCounters &counters() const { return m_counters; }

    QJsonObject toJson() const;
    // Aligned "label  value" lines.
    QString toText() const;

private:
    proxy::VendorProfile m_vendor;
    CaptureCounters m_counters;
};

} // namespace pl::capture
