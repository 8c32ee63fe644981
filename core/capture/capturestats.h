#pragma once

#include "captureengine.h"
#include "perf/textcounts.h"

#include <QJsonObject>
#include <QMap>

#include <array>
#include <unordered_map>

namespace pl::capture {

// Totals over a capture: what `plinspect decode --stats` prints and what the
// GUI's capture summary shows. add() runs once per connection on the
// reading path, so it counts into arrays and hash maps and uses the facts
// the reader kept (no second decode); the sorted, named maps are built when
// asked for.
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

    QMap<QString, std::uint64_t> errors() const;      // by error code name
    QMap<QString, std::uint64_t> findings() const;    // by finding code name
    QMap<QString, std::uint64_t> ends() const;        // "fin", "rst", "open"
    QMap<QString, std::uint64_t> vpcIds() const;      // Alibaba VPC ID
    QMap<QString, std::uint64_t> endpointIds() const; // Alibaba endpoint ID, AWS VPC endpoint ID
    QMap<QString, std::uint64_t> azureLinkIds() const;
    QMap<QString, std::uint64_t> gcpPscIds() const;
    const CaptureCounters &counters() const { return m_counters; }

    QJsonObject toJson() const;
    // Aligned "label  value" lines.
    QString toText() const;

private:
    static QMap<QString, std::uint64_t> named(const perf::TextCounts &counts);

    proxy::VendorProfile m_vendor;
    CaptureCounters m_counters;
    std::array<std::uint64_t, proxy::kErrorCodeCount> m_errors{};
    std::array<std::uint64_t, kFindingCodeCount> m_findings{};
    std::array<std::uint64_t, kEndStateCount> m_ends{};
    perf::TextCounts m_vpcIds;
    perf::TextCounts m_endpointIds;
    std::unordered_map<std::uint32_t, std::uint64_t> m_azureLinkIds;
    std::unordered_map<std::uint64_t, std::uint64_t> m_gcpPscIds;
};

} // namespace pl::capture
