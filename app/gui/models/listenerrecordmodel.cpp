#include "listenerrecordmodel.h"

#include "models/connectiontablemodel.h"
#include "models/severitystyle.h"

#include <QDateTime>

namespace pl::gui {

using proxy::Severity;

namespace {

// The Captures table's column for one of ours that shows the same thing.
ConnectionTableModel::Column sharedColumn(int column)
{
    switch (column) {
    case ListenerRecordModel::VersionColumn:
        return ConnectionTableModel::VersionColumn;
    case ListenerRecordModel::PpSourceColumn:
        return ConnectionTableModel::PpSourceColumn;
    case ListenerRecordModel::PpDestinationColumn:
        return ConnectionTableModel::PpDestinationColumn;
    case ListenerRecordModel::VpcColumn:
        return ConnectionTableModel::VpcColumn;
    case ListenerRecordModel::EndpointColumn:
        return ConnectionTableModel::EndpointColumn;
    case ListenerRecordModel::CrcColumn:
        return ConnectionTableModel::CrcColumn;
    case ListenerRecordModel::PayloadColumn:
        return ConnectionTableModel::PayloadColumn;
    default:
        return ConnectionTableModel::ColumnCount; // none: no title, no text
    }
}

} // namespace

ListenerRecordModel::ListenerRecordModel(QObject *parent) : QAbstractTableModel(parent) {}

void ListenerRecordModel::addRecord(const net::ListenerRecord &record)
{
    Row row{record, capture::makeConnectionRow(record.connection, m_vendor, m_pool),
            record.outcome != net::RecordOutcome::Ok};
    row.problem = row.problem || row.columns.hasError();
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
    const capture::ConnectionRow &c = row.columns;
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
        return QDateTime::fromMSecsSinceEpoch(c.connection.firstTimeNs / 1000000, Qt::UTC)
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case ClientColumn:
        return QString((c.connection.transport == capture::TransportProtocol::Udp
                            ? QStringLiteral("udp ")
                            : QString()) +
                       capture::endpointText(c.connection.client));
    case OutcomeColumn:
        return r.outcome == net::RecordOutcome::Ok
                   ? tr("ok")
                   : QString(QLatin1String(net::recordOutcomeName(r.outcome)) +
                             QStringLiteral(": ") + r.message);
    case ActionColumn:
        return r.action;
    default:
        return ConnectionTableModel::recordText(c, sharedColumn(index.column()));
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
    case OutcomeColumn:
        return tr("Outcome");
    case ActionColumn:
        return tr("Answer");
    default:
        return ConnectionTableModel::columnTitle(sharedColumn(section));
    }
}

} // namespace pl::gui
