#pragma once

#include "capture/connectionfilter.h"

#include <QSortFilterProxyModel>

namespace pl::gui {

class ConnectionTableModel;

// Sorts on raw values (numbers, addresses) and filters with capture::ConnectionFilter.
class ConnectionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ConnectionFilterModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    const capture::ConnectionFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    capture::ConnectionFilter m_filter;
};

} // namespace pl::gui
