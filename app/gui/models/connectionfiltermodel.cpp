#include "connectionfiltermodel.h"

#include "connectiontablemodel.h"
#include "policy/policytypes.h"

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
    const std::int8_t decision = model->decisionAt(sourceRow);
    return m_filter.matches(
        model->viewAt(sourceRow),
        decision < 0 ? QString()
                     : QString::fromLatin1(policy::decisionName(policy::Decision(decision))));
}

} // namespace pl::gui
