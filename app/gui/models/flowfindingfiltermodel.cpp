#include "flowfindingfiltermodel.h"

#include "flowfindingmodel.h"

namespace pl::gui {

FlowFindingFilterModel::FlowFindingFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(FlowFindingModel::RawRole);
}

void FlowFindingFilterModel::setClassFilter(int findingClass)
{
    m_class = findingClass;
    invalidateRowsFilter();
}

void FlowFindingFilterModel::setInstanceFilter(const QString &instance)
{
    m_instance = instance;
    invalidateRowsFilter();
}

void FlowFindingFilterModel::setServiceFilter(const QString &service)
{
    m_service = service;
    invalidateRowsFilter();
}

void FlowFindingFilterModel::setVpcFilter(const QString &vpc)
{
    m_vpc = vpc;
    invalidateRowsFilter();
}

bool FlowFindingFilterModel::isFiltering() const
{
    return m_class >= 0 || !m_instance.isEmpty() || !m_service.isEmpty() || !m_vpc.isEmpty();
}

bool FlowFindingFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const auto text = [&](int column) {
        return model->index(sourceRow, column, sourceParent).data().toString();
    };
    if (m_class >= 0 &&
        model->index(sourceRow, 0, sourceParent).data(FlowFindingModel::ClassRole).toInt() !=
            m_class)
        return false;
    if (!m_instance.isEmpty() && text(FlowFindingModel::SourceColumn) != m_instance)
        return false;
    if (!m_service.isEmpty() && text(FlowFindingModel::ServiceColumn) != m_service)
        return false;
    return m_vpc.isEmpty() || text(FlowFindingModel::VpcColumn) == m_vpc;
}

} // namespace pl::gui
