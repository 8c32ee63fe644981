#include "flowfindingmodel.h"

#include "flowlog/flowreportformat.h"
#include "flowlog/recommendation.h"

#include <QDateTime>

namespace pl::gui {

using flowlog::Finding;
using flowlog::FindingClass;

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

FlowFindingModel::FlowFindingModel(QObject *parent) : QAbstractTableModel(parent) {}

void FlowFindingModel::setFindings(std::vector<Finding> findings)
{
    beginResetModel();
    m_findings = std::move(findings);
    endResetModel();
}

void FlowFindingModel::clear()
{
    setFindings({});
}

int FlowFindingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

int FlowFindingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FlowFindingModel::classText(FindingClass findingClass)
{
    switch (findingClass) {
    case FindingClass::GatewayEndpoint:
        return tr("Gateway endpoint");
    case FindingClass::InterfaceEndpoint:
        return tr("Interface endpoint");
    case FindingClass::CrossVpc:
        return tr("PrivateLink between VPCs");
    case FindingClass::Hairpin:
        return tr("Hairpin via public IP");
    case FindingClass::Internet:
        return tr("Internet egress");
    case FindingClass::Rejected:
        return tr("Rejected");
    }
    return {};
}

QString FlowFindingModel::serviceText(const Finding &f)
{
    if (f.owner.kind == flowlog::OwnerKind::Inventory)
        return tr("own %1").arg(qs(f.owner.inventoryKind));
    if (!f.owner.service.empty())
        return qs(f.owner.service);
    if (!f.owner.provider.empty())
        return tr("%1 (service unknown)").arg(qs(f.owner.provider));
    return tr("Internet");
}

QString FlowFindingModel::destinationText(const Finding &f)
{
    if (f.owner.kind != flowlog::OwnerKind::Inventory && f.owner.provider.empty() &&
        f.owner.service.empty())
        return tr("Internet");
    return qs(f.destinationName());
}

QString FlowFindingModel::protocolText(int protocol)
{
    switch (protocol) {
    case 1:
        return QStringLiteral("ICMP");
    case 6:
        return QStringLiteral("TCP");
    case 17:
        return QStringLiteral("UDP");
    case 58:
        return QStringLiteral("ICMPv6");
    default:
        return QString::number(protocol);
    }
}

QString FlowFindingModel::timeText(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QVariant FlowFindingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Finding &f = findingAt(index.row());
    if (role == ClassRole)
        return static_cast<int>(f.findingClass);
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case PortColumn:
        case FlowsColumn:
        case RecordsColumn:
        case BytesColumn:
        case BytesOutColumn:
        case BytesInColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == RecommendationColumn || index.column() == DestinationColumn)
            return index.column() == RecommendationColumn ? flowlog::recommendationText(f, true)
                                                          : destinationText(f);
        if (index.column() >= BytesColumn && index.column() <= BytesInColumn) {
            const QString out = tr("%1 bytes out (the requests)").arg(f.bytes);
            if (!f.inboundKnown)
                return QString(out + QLatin1Char('\n') +
                               tr("Bytes in unknown: the query's rows do not give their answers "
                                  "(packets-in, bytes-in)"));
            return QString(out + QLatin1Char('\n') +
                           tr("%1 bytes in (the answers)").arg(f.bytesIn));
        }
        return {};
    }
    if (role == RawRole) {
        switch (index.column()) {
        case ClassColumn:
            return static_cast<int>(f.findingClass);
        case PortColumn:
            return f.port * 256 + f.protocol;
        case FlowsColumn:
            return QVariant::fromValue<qulonglong>(f.flows);
        case RecordsColumn:
            return QVariant::fromValue<qulonglong>(f.records);
        case BytesColumn:
            return QVariant::fromValue<qulonglong>(f.totalBytes());
        case BytesOutColumn:
            return QVariant::fromValue<qulonglong>(f.bytes);
        case BytesInColumn:
            return QVariant::fromValue<qulonglong>(f.bytesIn);
        case FirstSeenColumn:
            return QVariant::fromValue<qlonglong>(f.firstSeen);
        case LastSeenColumn:
            return QVariant::fromValue<qlonglong>(f.lastSeen);
        case ConfidenceColumn:
            return f.highConfidence ? 1 : 0;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ClassColumn:
        return classText(f.findingClass);
    case SourceColumn:
        return qs(f.sourceName());
    case VpcColumn:
        return qs(f.vpcId);
    case DestinationColumn:
        return destinationText(f);
    case ServiceColumn:
        return serviceText(f);
    case PortColumn:
        return QStringLiteral("%1/%2").arg(f.port).arg(protocolText(f.protocol));
    case FlowsColumn:
        return QString::number(f.flows);
    case RecordsColumn:
        return QString::number(f.records);
    case BytesColumn:
        return flowlog::byteText(f.totalBytes());
    case BytesOutColumn:
        return flowlog::byteText(f.bytes);
    case BytesInColumn:
        return flowlog::inboundByteText(f.bytesIn, f.inboundKnown);
    case FirstSeenColumn:
        return timeText(f.firstSeen);
    case LastSeenColumn:
        return timeText(f.lastSeen);
    case ConfidenceColumn:
        return f.highConfidence ? tr("high") : tr("low");
    case RecommendationColumn:
        return flowlog::recommendationText(f, true);
    default:
        return {};
    }
}

QVariant FlowFindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ClassColumn:
        return tr("Class");
    case SourceColumn:
        return tr("Instance");
    case VpcColumn:
        return tr("VPC");
    case DestinationColumn:
        return tr("Destination");
    case ServiceColumn:
        return tr("Service");
    case PortColumn:
        return tr("Port");
    case FlowsColumn:
        return tr("Flows");
    case RecordsColumn:
        return tr("Records");
    case BytesColumn:
        return tr("Bytes");
    case BytesOutColumn:
        return tr("Out");
    case BytesInColumn:
        return tr("In");
    case FirstSeenColumn:
        return tr("First seen (UTC)");
    case LastSeenColumn:
        return tr("Last seen (UTC)");
    case ConfidenceColumn:
        return tr("Confidence");
    case RecommendationColumn:
        return tr("Recommendation");
    default:
        return {};
    }
}

} // namespace pl::gui
