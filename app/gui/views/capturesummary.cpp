#include "capturesummary.h"

#include "widgets/barchart.h"

#include <QLabel>
#include <QLocale>
#include <QStringList>
#include <QVBoxLayout>

namespace pl::gui {

namespace {

QList<BarChart::Bar> barsOf(const QMap<QString, std::uint64_t> &map)
{
    QList<BarChart::Bar> bars;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        bars.append({it.key(), it.value()});
    return bars;
}

// "12,345": counters of big captures stay readable.
QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

} // namespace

CaptureSummary::CaptureSummary(QWidget *parent)
    : QWidget(parent), m_totals(new QLabel(this)), m_reading(new QLabel(this)),
      m_vpc(new BarChart(this)), m_endpoint(new BarChart(this)), m_crc(new BarChart(this)),
      m_findings(new BarChart(this))
{
    setObjectName(QStringLiteral("captureSummary"));
    m_totals->setWordWrap(true);
    m_reading->setObjectName(QStringLiteral("captureReading"));
    m_reading->setWordWrap(true);
    m_reading->setToolTip(tr("Counted while the capture was read. Packets that could not be "
                             "decoded are missing from their connections: a header in an IP "
                             "fragment or past the snapshot length is not shown."));
    m_vpc->setTitle(tr("Connections per VPC ID"));
    m_endpoint->setTitle(tr("Connections per endpoint ID"));
    m_crc->setTitle(tr("CRC32C"));
    m_findings->setTitle(tr("Findings"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_totals);
    layout->addWidget(m_reading);
    layout->addWidget(m_vpc);
    layout->addWidget(m_endpoint);
    layout->addWidget(m_crc);
    layout->addWidget(m_findings);
    layout->addStretch(1);
    clear();
}

void CaptureSummary::clear()
{
    m_totals->setText(tr("No capture loaded"));
    m_reading->clear();
    for (BarChart *chart : {m_vpc, m_endpoint, m_crc, m_findings})
        chart->setBars({});
}

void CaptureSummary::setStats(const capture::CaptureStats &s)
{
    m_totals->setText(tr("<b>%1</b> connections · %2 with a PROXY header · %3 without · "
                         "v1 %4 · v2 %5 (LOCAL %6) · %7 invalid")
                          .arg(s.connections)
                          .arg(s.withHeader)
                          .arg(s.withoutHeader)
                          .arg(s.v1)
                          .arg(s.v2)
                          .arg(s.local)
                          .arg(s.invalidHeaders));
    setReading(s.counters());
    m_vpc->setBars(barsOf(s.vpcIds()));
    QMap<QString, std::uint64_t> endpoints = s.endpointIds();
    const QMap<QString, std::uint64_t> azure = s.azureLinkIds();
    const QMap<QString, std::uint64_t> gcp = s.gcpPscIds();
    for (auto it = azure.cbegin(); it != azure.cend(); ++it)
        endpoints.insert(QStringLiteral("LinkID ") + it.key(), it.value());
    for (auto it = gcp.cbegin(); it != gcp.cend(); ++it)
        endpoints.insert(QStringLiteral("PSC ") + it.key(), it.value());
    m_endpoint->setBars(barsOf(endpoints));
    QList<BarChart::Bar> crc;
    if (s.crcValid)
        crc.append({tr("valid"), s.crcValid});
    if (s.crcInvalid)
        crc.append({tr("invalid"), s.crcInvalid});
    if (s.crcAbsent)
        crc.append({tr("absent"), s.crcAbsent});
    m_crc->setBars(crc);
    QMap<QString, std::uint64_t> findings = s.findings();
    const QMap<QString, std::uint64_t> errors = s.errors();
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        findings.insert(it.key(), findings.value(it.key()) + it.value());
    m_findings->setBars(barsOf(findings));
}

void CaptureSummary::setReading(const capture::CaptureCounters &n)
{
    // Only what happened: a plain capture reads as one short line.
    QStringList read{
        tr("Read %1 packets (%2 bytes)").arg(count(n.packets), count(n.capturedBytes))};
    if (n.tunnelledPackets)
        read << tr("%1 from inside VXLAN/GENEVE tunnels").arg(count(n.tunnelledPackets));
    if (n.nonIpFrames)
        read << tr("%1 non-IP frames (ARP, LLDP…)").arg(count(n.nonIpFrames));
    if (n.reassembledPackets)
        read << tr("%1 packets reassembled from IP fragments").arg(count(n.reassembledPackets));
    if (n.ignoredUdpDatagrams)
        read << tr("%1 UDP datagrams of flows without a PROXY header")
                    .arg(count(n.ignoredUdpDatagrams));
    QStringList lost;
    if (n.lostFragments)
        lost << tr("%1 IP fragments of incomplete or conflicting datagrams")
                    .arg(count(n.lostFragments));
    if (n.snaplenCutPackets)
        lost << tr("%1 packets cut by the snapshot length").arg(count(n.snaplenCutPackets));
    if (n.cutTransportHeaders)
        lost << tr("%1 packets with a cut TCP/UDP header").arg(count(n.cutTransportHeaders));
    if (n.malformedIp)
        lost << tr("%1 malformed IP packets").arg(count(n.malformedIp));
    if (n.unsupportedLinkFrames)
        lost << tr("%1 frames of interfaces with a link type not read (802.11, USB…)")
                    .arg(count(n.unsupportedLinkFrames));
    QString text = read.join(QStringLiteral(" · ")).toHtmlEscaped();
    if (!lost.isEmpty())
        text +=
            QStringLiteral("<br><span style=\"color:#b35900\">%1</span>")
                .arg(tr("Not decoded: %1").arg(lost.join(QStringLiteral(" · "))).toHtmlEscaped());
    m_reading->setText(text);
}

} // namespace pl::gui
