#include "listenerrecordmodel.h"

#include "models/severitystyle.h"
#include "proxy/headertext.h"

namespace pl::gui {

using namespace pl::proxy;

ListenerRecordModel::ListenerRecordModel(QObject *parent) : QAbstractTableModel(parent) {}

void ListenerRecordModel::addRecord(const net::ListenerRecord &record)
{
    Row row{record, {}, {}, {}, {}, {}, {}, record.outcome != net::RecordOutcome::Ok};
    if (!record.headerBytes.isEmpty()) {
        // Decode from the row's own copy: the spans must outlive this call.
        const DecodeResult r = row.record.decodeHeader(m_vendor);
        const ProxyHeader &h = r.header;
        if (h.fixedPartDecoded)
            row.version = QStringLiteral("v%1 %2")
                              .arg(static_cast<int>(h.version))
                              .arg(QLatin1String(commandName(h.command)));
        if (h.addressesDecoded) {
            row.ppSource = endpointText(h, h.source);
            row.ppDestination = endpointText(h, h.destination);
        }
        row.vpc = utf8Text(h.vendor.alibabaVpcId);
        row.endpoint = endpointIdText(h.vendor);
        if (h.version == Version::V2 && h.fixedPartDecoded)
            row.crc = QLatin1String(crcStateName(h.crcState));
        row.problem = row.problem || !r.ok();
    }
    const auto at = static_cast<int>(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(std::move(row));
    endInsertRows();
}

void ListenerRecordModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ListenerRecordModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ListenerRecordModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ListenerRecordModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[index.row()];
    const net::ListenerRecord &r = row.record;
    if (role == Qt::BackgroundRole)
        return row.problem ? severityBackground(Severity::Warning) : QVariant();
    if (role == Qt::ForegroundRole)
        return row.problem ? severityForeground(Severity::Warning) : QVariant();
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn)
        return r.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return QString::number(r.id);
    case TimeColumn:
        return r.acceptedAt.toString(QStringLiteral("HH:mm:ss.zzz"));
    case ClientColumn:
        return QString((r.udp ? QStringLiteral("udp ") : QString()) +
                       net::hostPortText(r.clientAddress, r.clientPort));
    case VersionColumn:
        return row.version.isEmpty() ? (r.headerPresent ? tr("broken") : tr("none")) : row.version;
    case PpSourceColumn:
        return row.ppSource;
    case PpDestinationColumn:
        return row.ppDestination;
    case VpcColumn:
        return row.vpc;
    case EndpointColumn:
        return row.endpoint;
    case CrcColumn:
        return row.crc;
    case PayloadColumn:
        return r.payload.text();
    case OutcomeColumn:
        return r.outcome == net::RecordOutcome::Ok
                   ? tr("ok")
                   : QString(QLatin1String(net::recordOutcomeName(r.outcome)) +
                             QStringLiteral(": ") + r.message);
    case ActionColumn:
        return r.action;
    default:
        return {};
    }
}

QVariant ListenerRecordModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case ClientColumn:
        return tr("Peer");
    case VersionColumn:
        return tr("PROXY");
    case PpSourceColumn:
        return tr("PP source");
    case PpDestinationColumn:
        return tr("PP destination");
    case VpcColumn:
        return tr("VPC ID");
    case EndpointColumn:
        return tr("Endpoint ID");
    case CrcColumn:
        return tr("CRC32C");
    case PayloadColumn:
        return tr("Payload");
    case OutcomeColumn:
        return tr("Outcome");
    case ActionColumn:
        return tr("Answer");
    default:
        return {};
    }
}

} // namespace pl::gui
