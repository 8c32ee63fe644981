#pragma once

#include "flowlog/flowreport.h"

#include <QAbstractTableModel>

#include <vector>

namespace pl::gui {

// The findings of a flow-log check, one row each, largest first.
class FlowFindingModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ClassColumn,
        SourceColumn,
        VpcColumn,
        DestinationColumn,
        ServiceColumn,
        PortColumn,
        FlowsColumn,
        RecordsColumn,
        BytesColumn, // both ways: the report's order
        BytesOutColumn,
        BytesInColumn,
        FirstSeenColumn,
        LastSeenColumn,
        ConfidenceColumn,
        RecommendationColumn,
        ColumnCount
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1, // the value sorting compares
        ClassRole,                  // FindingClass as int
    };

    explicit FlowFindingModel(QObject *parent = nullptr);

    void setFindings(std::vector<flowlog::Finding> findings);
    void clear();
    const flowlog::Finding &findingAt(int row) const
    {
        return m_findings[static_cast<std::size_t>(row)];
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString classText(flowlog::FindingClass findingClass);
    // "OSS", else the provider, else the own resource, else "Internet".
    static QString serviceText(const flowlog::Finding &finding);
    // As Finding::destinationName(), with "Internet" translated.
    static QString destinationText(const flowlog::Finding &finding);
    static QString protocolText(int protocol);
    static QString timeText(std::int64_t seconds); // UTC

private:
    std::vector<flowlog::Finding> m_findings;
};

} // namespace pl::gui
