#include "connectiontablemodel.h"

#include "models/severitystyle.h"
#include "policy/policytypes.h"
#include "proxy/headertext.h"

#include <algorithm>

namespace pl::gui {

using namespace pl::proxy;

ConnectionTableModel::ConnectionTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConnectionTableModel::appendRows(QList<capture::ConnectionRow> rows)
{
    if (rows.isEmpty())
        return;
    if (m_rowCount == 0)
        m_firstTimeNs = rows.constFirst().connection.firstTimeNs;
    const auto first = static_cast<int>(m_rowCount);
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    for (capture::ConnectionRow &row : rows) {
        // use_count() only grows on this thread (snapshot()): 1 means no
        // snapshot holds the chunk, so it may still take rows.
        if (m_chunks.empty() || m_chunks.back()->full() || m_chunks.back().use_count() != 1) {
            if (!m_chunks.empty() && !m_chunks.back()->full())
                m_uniform = false;
            m_chunks.push_back(std::make_shared<RowChunk>());
            m_chunkStarts.push_back(m_rowCount);
        }
        m_chunks.back()->append(row);
        if (m_chunks.back()->full())
            m_chunks.back()->squeeze();
        ++m_rowCount;
    }
    endInsertRows();
}

void ConnectionTableModel::appendChunk(std::shared_ptr<capture::ConnectionChunk> chunk)
{
    if (!chunk || chunk->size() == 0)
        return;
    if (m_rowCount == 0)
        m_firstTimeNs = chunk->view(0).connection.firstTimeNs;
    // A live capture sends a few rows every 50 ms: those join the last chunk
    // while it has room (a chunk each would cost more than the rows).
    if (chunk->size() < kChunkRows / 16 && !m_chunks.empty() && m_chunks.back().use_count() == 1 &&
        m_chunks.back()->size() + chunk->size() <= kChunkRows) {
        QList<capture::ConnectionRow> rows;
        rows.reserve(static_cast<qsizetype>(chunk->size()));
        for (std::size_t i = 0; i < chunk->size(); ++i)
            rows.append(chunk->view(i)); // copied into the last chunk below
        appendRows(std::move(rows));
        return;
    }
    const auto first = static_cast<int>(m_rowCount);
    beginInsertRows({}, first, first + static_cast<int>(chunk->size()) - 1);
    if (!m_chunks.empty() && !m_chunks.back()->full())
        m_uniform = false;
    m_chunkStarts.push_back(m_rowCount);
    m_rowCount += chunk->size();
    m_chunks.push_back(std::move(chunk));
    endInsertRows();
}

void ConnectionTableModel::clear()
{
    beginResetModel();
    ++m_generation;
    m_chunks = {}; // a running snapshot keeps its own references
    m_chunkStarts = {};
    m_uniform = true;
    m_rowCount = 0;
    m_decisions = {};
    endResetModel();
}

RowSnapshot ConnectionTableModel::snapshot() const
{
    RowSnapshot s;
    s.chunks.assign(m_chunks.begin(), m_chunks.end());
    s.rows = m_rowCount;
    s.generation = m_generation;
    return s;
}

std::pair<const RowChunk *, std::size_t> ConnectionTableModel::locate(int row) const
{
    const auto r = static_cast<std::size_t>(row);
    if (m_uniform)
        return {m_chunks[r >> kChunkBits].get(), r & (kChunkRows - 1)};
    const auto next = std::upper_bound(m_chunkStarts.begin(), m_chunkStarts.end(), r);
    const auto chunk = static_cast<std::size_t>(next - m_chunkStarts.begin()) - 1;
    return {m_chunks[chunk].get(), r - m_chunkStarts[chunk]};
}

capture::ConnectionRow ConnectionTableModel::rowAt(int row) const
{
    const auto [chunk, index] = locate(row);
    return chunk->row(index);
}

capture::ConnectionRow ConnectionTableModel::viewAt(int row) const
{
    const auto [chunk, index] = locate(row);
    return chunk->view(index);
}

bool ConnectionTableModel::setDecisions(quint64 generation,
                                        const std::vector<std::int8_t> &decisions)
{
    if (generation != m_generation)
        return false;
    m_decisions = decisions;
    m_decisions.resize(m_rowCount, std::int8_t(-1));
    if (m_rowCount > 0)
        emit dataChanged(index(0, DecisionColumn),
                         index(static_cast<int>(m_rowCount) - 1, DecisionColumn));
    return true;
}

int ConnectionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rowCount);
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
    if (!row.versionRead())
        return row.connection.headerPresent ? tr("broken") : tr("none");
    return QStringLiteral("v%1 %2")
        .arg(row.version())
        .arg(QLatin1String(proxy::commandName(row.command())));
}

QVariant ConnectionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto [chunk, at] = locate(index.row());
    // What sorting asks most (frame and time), read without building the row.
    if (role == RawRole && index.column() == FrameColumn)
        return QVariant::fromValue<qulonglong>(chunk->firstFrame(at));
    if (role == RawRole && index.column() == TimeColumn)
        return QVariant::fromValue<qlonglong>(chunk->firstTimeNs(at));
    // A view: its header bytes stay the chunk's, which no append can move
    // while data() runs.
    const capture::ConnectionRow r = chunk->view(at);
    const capture::Connection &c = r.connection;
    const bool problem = r.hasError() || !c.headerPresent;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FrameColumn:
            return QString::number(c.firstFrame);
        case TimeColumn:
            return QString::number(static_cast<double>(c.firstTimeNs - m_firstTimeNs) / 1e9, 'f',
                                   6);
        case DecisionColumn: {
            const std::int8_t decision = decisionAt(index.row());
            return decision < 0 ? QString()
                                : QString::fromLatin1(policy::decisionName(
                                      static_cast<policy::Decision>(decision)));
        }
        case FindingsColumn:
            return !r.hasError()
                       ? r.findings
                       : r.errorCode() +
                             (r.findings.isEmpty() ? QString() : QStringLiteral(", ") + r.findings);
        default:
            return recordText(r, static_cast<Column>(index.column()));
        }
    case RawRole:
        switch (index.column()) {
        case ClientColumn:
        case ServerColumn: {
            const capture::NetEndpoint &e = index.column() == ClientColumn ? c.client : c.server;
            // Address bytes then port: sorts numerically, not as text.
            return QVariant(QByteArray(reinterpret_cast<const char *>(e.ip.data()), 16) +
                            QByteArray::number(e.port).rightJustified(5, '0'));
        }
        case CrcColumn:
            return static_cast<int>(r.crc()) + 10 * r.version();
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::BackgroundRole:
        if (r.hasError())
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
        return r.hasError() || r.crc() == CrcState::Invalid;
    case HeaderMissingRole:
        return !c.headerPresent;
    default:
        return {};
    }
}

QString ConnectionTableModel::recordText(const capture::ConnectionRow &row, Column column)
{
    const capture::Connection &c = row.connection;
    switch (column) {
    case ClientColumn:
        return capture::endpointText(c.client);
    case ServerColumn:
        return capture::endpointText(c.server);
    case VersionColumn:
        return versionText(row);
    case PpSourceColumn:
        return row.ppSource();
    case PpDestinationColumn:
        return row.ppDestination();
    case VpcColumn:
        return row.vpcId();
    case EndpointColumn:
        return row.endpointId();
    case CrcColumn:
        return crcText(row.crc(), row.version());
    case PayloadColumn:
        return c.payload.text();
    case ResponseColumn:
        return c.response;
    default:
        return {};
    }
}

QVariant ConnectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return columnTitle(static_cast<Column>(section));
}

QString ConnectionTableModel::columnTitle(Column column)
{
    switch (column) {
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
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pl::gui
