#include "connectionfiltermodel.h"

#include "connectiontablemodel.h"

namespace pl::gui {

ConnectionFilterModel::ConnectionFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ConnectionTableModel::RawRole);
}

void ConnectionFilterModel::setFilterText(const QString &text)
{
    m_filter = capture::ConnectionFilter(text);
    invalidateRowsFilter();
}

bool ConnectionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (m_filter.isEmpty())
        return true;
    const auto *model = static_cast<const ConnectionTableModel *>(sourceModel());
    return m_filter.matches(model->rowAt(sourceRow), model->decisionAt(sourceRow));
}

} // namespace pl::gui
