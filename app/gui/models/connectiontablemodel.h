#pragma once

#include "capture/connectionchunk.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace pl::gui {

// Rows in chunks that never change once a snapshot shares them: a policy
// run reads its snapshot on a worker thread while the GUI clears, reloads
// or appends to the table.
using RowChunk = capture::ConnectionChunk;
struct RowSnapshot
{
    std::vector<std::shared_ptr<const RowChunk>> chunks;
    std::size_t rows = 0;
    quint64 generation = 0; // the table's when taken: see generation()
};

// Connections of a capture, appended batch by batch while it loads.
class ConnectionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FrameColumn,
        TimeColumn,
        ClientColumn,
        ServerColumn,
        VersionColumn,
        PpSourceColumn,
        PpDestinationColumn,
        VpcColumn,
        EndpointColumn,
        CrcColumn,
        PayloadColumn,
        ResponseColumn,
        FindingsColumn,
        DecisionColumn, // filled by the Policy view's capture run
        ColumnCount
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1, // the value sorting compares
        HasErrorRole,
        HeaderMissingRole,
    };

    explicit ConnectionTableModel(QObject *parent = nullptr);

    void appendRows(QList<capture::ConnectionRow> rows);
    // Rows packed elsewhere (the loader's thread): linked in as they are.
    void appendChunk(std::shared_ptr<capture::ConnectionChunk> chunk);
    void clear();
    // Counts clear()s: a result computed from a snapshot of an older
    // generation belongs to rows that are gone.
    quint64 generation() const { return m_generation; }
    RowSnapshot snapshot() const;
    // One policy::Decision per row (as int8), in row order, for the rows of
    // generation; false (and nothing changed) when the table has moved on.
    bool setDecisions(quint64 generation, const std::vector<std::int8_t> &decisions);
    // policy::Decision as int8, -1 when not judged.
    std::int8_t decisionAt(int row) const
    {
        const auto r = static_cast<std::size_t>(row);
        return r < m_decisions.size() ? m_decisions[r] : std::int8_t(-1);
    }
    // A row with its own copy of the header bytes.
    capture::ConnectionRow rowAt(int row) const;
    // The same without the copy: its header bytes are the table's, valid
    // until the table next changes (for a filter or a loop over rows).
    capture::ConnectionRow viewAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString crcText(proxy::CrcState crc, std::uint8_t version);
    static QString versionText(const capture::ConnectionRow &row);
    // The columns any connection record shows (the Listener table too):
    // Client, Server, PROXY, PP source/destination, VPC, endpoint, CRC,
    // payload and response; their title and a row's text.
    static QString columnTitle(Column column);
    static QString recordText(const capture::ConnectionRow &row, Column column);

private:
    // kChunkRows rows a chunk, packed (capture::ConnectionChunk: a million
    // rows in a third of the memory of ConnectionRows): growing to a
    // million rows never moves the ones already there (a QList
    // reallocation did, and stalled the event loop for half a second). A
    // chunk shared by a snapshot is not appended to; the next rows start a
    // new one, and rowAt() then searches the chunk starts.
    static constexpr std::size_t kChunkBits = 12;
    static constexpr std::size_t kChunkRows = std::size_t(1) << kChunkBits;
    static_assert(kChunkRows == capture::ConnectionChunk::kRows);
    // Where row `row` lives: its chunk and index there.
    std::pair<const RowChunk *, std::size_t> locate(int row) const;
    std::vector<std::shared_ptr<RowChunk>> m_chunks;
    std::vector<std::size_t> m_chunkStarts;
    bool m_uniform = true; // every chunk but the last is full
    std::size_t m_rowCount = 0;
    std::vector<std::int8_t> m_decisions; // empty until a policy run
    quint64 m_generation = 0;
    std::int64_t m_firstTimeNs = 0; // times are shown relative to the first connection
};

} // namespace pl::gui
