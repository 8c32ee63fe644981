#pragma once

#include "capture/connectionrow.h"

#include <QAbstractTableModel>

#include <deque>
#include <vector>

namespace pl::gui {

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
    void clear();
    // One policy::Decision per row (as int8), in row order.
    void setDecisions(const std::vector<std::int8_t> &decisions);
    const capture::ConnectionRow &rowAt(int row) const
    {
        return m_rows[static_cast<std::size_t>(row)];
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString crcText(proxy::CrcState crc, std::uint8_t version);
    static QString versionText(const capture::ConnectionRow &row);

private:
    // A deque: growing to a million rows never moves the ones already there
    // (a QList reallocation did, and stalled the event loop for half a second).
    std::deque<capture::ConnectionRow> m_rows;
    std::int64_t m_firstTimeNs = 0; // times are shown relative to the first connection
};

} // namespace pl::gui
