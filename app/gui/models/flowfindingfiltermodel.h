#pragma once

#include <QSortFilterProxyModel>

namespace pl::gui {

// Sorts findings on raw values and keeps those of one class, instance,
// service and VPC (each filter off when empty / -1).
class FlowFindingFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit FlowFindingFilterModel(QObject *parent = nullptr);

    void setClassFilter(int findingClass); // FindingClass as int, -1: any
    void setInstanceFilter(const QString &instance);
    void setServiceFilter(const QString &service);
    void setVpcFilter(const QString &vpc);
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_class = -1;
    QString m_instance, m_service, m_vpc;
};

} // namespace pl::gui
