#pragma once

#include "capture/connectionrow.h"
#include "net/listenerrecord.h"

#include <QAbstractTableModel>

namespace pl::gui {

// Connections the listener received, newest last. The header columns are
// the Captures table's: each record's connection becomes a ConnectionRow on
// arrival and is shown with the same accessors and words.
class ListenerRecordModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        TimeColumn,
        ClientColumn,
        VersionColumn,
        PpSourceColumn,
        PpDestinationColumn,
        VpcColumn,
        EndpointColumn,
        CrcColumn,
        PayloadColumn,
        OutcomeColumn,
        ActionColumn,
        ColumnCount
    };

    explicit ListenerRecordModel(QObject *parent = nullptr);

    void setVendorProfile(proxy::VendorProfile vendor) { m_vendor = vendor; }
    void addRecord(const net::ListenerRecord &record);
    void clear();
    const net::ListenerRecord &recordAt(int row) const { return m_rows[row].record; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        net::ListenerRecord record;
        capture::ConnectionRow columns; // a copy of record.connection (shared data)
        bool problem = false;
    };
    QList<Row> m_rows;
    capture::StringPool m_pool;
    proxy::VendorProfile m_vendor = proxy::VendorProfile::Auto;
};

} // namespace pl::gui
