#include "connectiontablemodel.h"

#include "models/severitystyle.h"
#include "policy/policytypes.h"

namespace pl::gui {

using namespace pl::proxy;

ConnectionTableModel::ConnectionTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConnectionTableModel::appendRows(QList<capture::ConnectionRow> rows)
{
    if (rows.isEmpty())
        return;
    if (m_rows.empty())
        m_firstTimeNs = rows.constFirst().connection.firstTimeNs;
    const auto first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    for (capture::ConnectionRow &row : rows)
        m_rows.push_back(std::move(row));
    endInsertRows();
}

void ConnectionTableModel::clear()
{
    beginResetModel();
    std::deque<capture::ConnectionRow>().swap(m_rows); // give the memory back
    endResetModel();
}

void ConnectionTableModel::setDecisions(const std::vector<std::int8_t> &decisions)
{
    const std::size_t n = std::min(decisions.size(), m_rows.size());
    for (std::size_t i = 0; i < n; ++i)
        m_rows[i].decision = decisions[i];
    if (n > 0)
        emit dataChanged(index(0, DecisionColumn), index(static_cast<int>(n) - 1, DecisionColumn));
}

int ConnectionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConnectionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectionTableModel::crcText(CrcState crc, std::uint8_t version)
{
    if (version != 2)
        return {};
    switch (crc) {
    case CrcState::Valid:
        return tr("valid");
    case CrcState::Invalid:
        return tr("INVALID");
    case CrcState::Absent:
        break;
    }
    return tr("absent");
}

QString ConnectionTableModel::versionText(const capture::ConnectionRow &row)
{
    if (row.version == 0)
        return row.connection.headerPresent ? tr("broken") : tr("none");
    return QStringLiteral("v%1 %2")
        .arg(row.version)
        .arg(QLatin1String(row.command == Command::Local ? "LOCAL" : "PROXY"));
}

QVariant ConnectionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const capture::ConnectionRow &r = rowAt(index.row());
    const capture::Connection &c = r.connection;
    const bool problem = !r.errorCode.isEmpty() || !c.headerPresent;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FrameColumn:
            return QString::number(c.firstFrame);
        case TimeColumn:
            return QString::number(static_cast<double>(c.firstTimeNs - m_firstTimeNs) / 1e9, 'f',
                                   6);
        case ClientColumn:
            return capture::endpointText(c.client);
        case ServerColumn:
            return capture::endpointText(c.server);
        case VersionColumn:
            return versionText(r);
        case PpSourceColumn:
            return r.ppSource;
        case PpDestinationColumn:
            return r.ppDestination;
        case VpcColumn:
            return r.vpcId;
        case EndpointColumn:
            return r.endpointId;
        case CrcColumn:
            return crcText(r.crc, r.version);
        case PayloadColumn:
            return c.payload;
        case ResponseColumn:
            return c.response;
        case DecisionColumn:
            return r.decision < 0 ? QString()
                                  : QString::fromLatin1(policy::decisionName(
                                        static_cast<policy::Decision>(r.decision)));
        case FindingsColumn:
            return r.errorCode.isEmpty()
                       ? r.findings
                       : r.errorCode +
                             (r.findings.isEmpty() ? QString() : QStringLiteral(", ") + r.findings);
        default:
            return {};
        }
    case RawRole:
        switch (index.column()) {
        case FrameColumn:
            return QVariant::fromValue<qulonglong>(c.firstFrame);
        case TimeColumn:
            return QVariant::fromValue<qlonglong>(c.firstTimeNs);
        case ClientColumn:
        case ServerColumn: {
            const capture::NetEndpoint &e = index.column() == ClientColumn ? c.client : c.server;
            // Address bytes then port: sorts numerically, not as text.
            return QVariant(QByteArray(reinterpret_cast<const char *>(e.ip.data()), 16) +
                            QByteArray::number(e.port).rightJustified(5, '0'));
        }
        case CrcColumn:
            return static_cast<int>(r.crc) + 10 * r.version;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::BackgroundRole:
        if (!r.errorCode.isEmpty())
            return severityBackground(Severity::Error);
        if (problem || !r.findings.isEmpty())
            return severityBackground(Severity::Warning);
        return {};
    case Qt::ForegroundRole:
        return problem || !r.findings.isEmpty() ? severityForeground(Severity::Warning)
                                                : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == FindingsColumn || index.column() == PayloadColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case HasErrorRole:
        return !r.errorCode.isEmpty() || r.crc == CrcState::Invalid;
    case HeaderMissingRole:
        return !c.headerPresent;
    default:
        return {};
    }
}

QVariant ConnectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FrameColumn:
        return tr("Frame");
    case TimeColumn:
        return tr("Time");
    case ClientColumn:
        return tr("Client");
    case ServerColumn:
        return tr("Server");
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
    case ResponseColumn:
        return tr("Response");
    case FindingsColumn:
        return tr("Findings");
    case DecisionColumn:
        return tr("Decision");
    default:
        return {};
    }
}

} // namespace pl::gui
