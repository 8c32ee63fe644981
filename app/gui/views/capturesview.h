#pragma once

#include "proxy/vendorprofile.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace pl::capture {
class CaptureStats;
struct ConnectionRow;
} // namespace pl::capture

namespace pl::gui {

class CaptureLoader;
class CaptureSummary;
class ConnectionFilterModel;
class ConnectionTableModel;
class HeaderInspector;

// The Captures tool: connection table with filter bar, the selected
// connection's header (breakdown, hex, diagnostics) and the capture summary.
class CapturesView : public QWidget
{
    Q_OBJECT

public:
    enum class ExportFormat
    {
        JsonLines,
        Csv
    };

    explicit CapturesView(QWidget *parent = nullptr);

    void open(const QString &path);
    void reload();
    void cancelLoading();
    bool isLoading() const;
    QString currentPath() const { return m_path; }
    void setVendorProfile(proxy::VendorProfile vendor);
    proxy::VendorProfile vendorProfile() const { return m_vendor; }

    // Writes atomically; returns an error message, empty on success.
    QString exportConnections(const QString &path, ExportFormat format) const;
    QString exportBreakdownMarkdown(const QString &path) const;
    QString exportHeaderBytes(const QString &path, bool asHex) const;
    bool hasSelectedHeader() const;

    void focusFilter();
    void setFilterText(const QString &text);
    void selectNextFinding(int direction);

    QByteArray columnState() const;
    void restoreColumnState(const QByteArray &state);

    ConnectionTableModel *model() const { return m_model; }
    ConnectionFilterModel *proxyModel() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    HeaderInspector *inspector() const { return m_inspector; }

signals:
    void loadFinished(bool ok, const QString &error);
    void statusMessage(const QString &message);

private:
    void onBatch(const QList<capture::ConnectionRow> &rows);
    void onFinished(bool ok, bool cancelled, const QString &error,
                    const capture::CaptureStats &stats);
    void onCurrentRowChanged();
    void updateCounts();
    void buildColumnMenu();

    ConnectionTableModel *m_model;
    ConnectionFilterModel *m_proxy;
    CaptureLoader *m_loader;
    QTableView *m_table;
    QLineEdit *m_filter;
    QLabel *m_filterProblems;
    QLabel *m_counts;
    QToolButton *m_columns;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    HeaderInspector *m_inspector;
    CaptureSummary *m_summary;
    QString m_path;
    proxy::VendorProfile m_vendor = proxy::VendorProfile::Auto;
    bool m_firstBatch = false;
};

} // namespace pl::gui
