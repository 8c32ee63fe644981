#pragma once

#include "flowlog/flowquery.h"
#include "models/flowloginputs.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSpinBox;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace pl::gui {

class BarChart;
class FlowFindingFilterModel;
class FlowFindingModel;
class FlowLogLoader;
struct FlowLogResult;

// The Flow logs tool: the VPC flow-log compliance check (issue 13). Logs
// and ownership inputs (ranges, inventory, ip-ranges.json) in, findings
// out: a filterable table, bytes per instance and per destination, and a
// detail pane that says why each finding is a request and whose the
// destination is. The check runs on FlowLogLoader's thread.
class FlowLogView : public QWidget
{
    Q_OBJECT

public:
    enum class ExportFormat
    {
        Csv,
        Markdown,
        JsonLines
    };

    explicit FlowLogView(QWidget *parent = nullptr);
    ~FlowLogView() override;

    // Logs among paths replace the current logs, ownership inputs are
    // added; then the check runs again.
    void openFiles(const QStringList &paths);
    void setInputs(const FlowLogInputs &inputs);
    const FlowLogInputs &inputs() const { return m_inputs; }
    void reload();
    void cancelLoading();
    bool isLoading() const;

    // The visible findings in their on-screen order (the summary covers the
    // whole check); written atomically. Returns an error, empty on success.
    QString exportFindings(const QString &path, ExportFormat format) const;
    // Athena's is for a table of the loaded logs' format when they have one
    // the query can read (athenaFormat()), else for the standard table.
    QString query(flowlog::QueryEngine engine) const;
    void copyQuery(flowlog::QueryEngine engine);

    // Flow logs menu for the main window's menu bar.
    QMenu *menu() const { return m_menu; }

    FlowFindingModel *model() const { return m_model; }
    FlowFindingFilterModel *proxyModel() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QTextBrowser *detail() const { return m_detail; }
    BarChart *instanceChart() const { return m_instanceChart; }
    BarChart *serviceChart() const { return m_serviceChart; }
    const FlowLogResult *result() const { return m_result.get(); }

signals:
    void loadFinished(bool ok, const QString &message);
    void statusMessage(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void openLogsDialog();
    void addOwnershipDialog();
    void updateRecentMenu();
    void updateInputsLabel();
    void onFinished(std::shared_ptr<const FlowLogResult> result, bool cancelled);
    void fillFilterCombos();
    void applyFilters();
    void onVisibleRowsChanged();
    void showCurrentFinding();
    QString summaryText() const;
    std::vector<std::string> athenaFormat(QString *why) const;

    FlowLogInputs m_inputs;
    std::shared_ptr<const FlowLogResult> m_result;
    FlowFindingModel *m_model;
    FlowFindingFilterModel *m_proxy;
    FlowLogLoader *m_loader;
    QLabel *m_inputsLabel;
    QLineEdit *m_ports;
    QSpinBox *m_memory;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QComboBox *m_classFilter;
    QComboBox *m_instanceFilter;
    QComboBox *m_serviceFilter;
    QComboBox *m_vpcFilter;
    QLabel *m_counts;
    QLabel *m_summary;
    QLabel *m_problems; // errors of the input, in red
    QLabel *m_notes;    // what is worth knowing, no error
    QTableView *m_table;
    QTextBrowser *m_detail;
    BarChart *m_instanceChart;
    BarChart *m_serviceChart;
    QMenu *m_menu;
    QMenu *m_recentMenu;
};

} // namespace pl::gui
