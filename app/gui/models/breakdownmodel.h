#pragma once

#include "proxy/breakdown.h"

#include <QAbstractItemModel>
#include <QByteArray>

namespace pl::gui {

// The byte-by-byte breakdown as a tree: header fields and TLVs at the top,
// their parts (and SSL sub-TLVs) nested. Holds its own copy of the bytes so
// the decode result's spans stay valid.
class BreakdownModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        OffsetColumn,
        BytesColumn,
        FieldColumn,
        ValueColumn,
        NoteColumn,
        ColumnCount
    };
    enum Role
    {
        OffsetRole = Qt::UserRole + 1,
        LengthRole,
        SeverityRole,  // int(proxy::Severity)
        FieldPathRole, // "tlv[1].endpoint_id"
    };

    explicit BreakdownModel(QObject *parent = nullptr);

    void setHeader(const QByteArray &bytes, proxy::VendorProfile vendor);
    void clear();

    const QByteArray &bytes() const { return m_bytes; }
    const proxy::DecodeResult &result() const { return m_result; }
    const QList<proxy::BreakdownRow> &rows() const { return m_rows; }
    bool isEmpty() const { return m_rows.isEmpty(); }
    // The most specific row whose bytes include offset (invalid if none).
    QModelIndex indexForOffset(int offset) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void buildTree();

    QByteArray m_bytes;
    proxy::DecodeResult m_result;
    QList<proxy::BreakdownRow> m_rows;
    QList<int> m_parent;          // row -> parent row (-1 for top level)
    QList<int> m_position;        // row -> position among its siblings
    QList<QList<int>> m_children; // row -> child rows
    QList<int> m_topLevel;
};

} // namespace pl::gui
