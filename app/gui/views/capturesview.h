#pragma once

#include "proxy/vendorprofile.h"

#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QTemporaryDir;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace pl::capture {
class CaptureStats;
class ConnectionChunk;
struct LiveOptions;
} // namespace pl::capture

namespace pl::exporting {
struct ConnectionFrames;
}

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
    ~CapturesView() override;

    void open(const QString &path);
    void reload();
    void cancelLoading();
    bool isLoading() const;
    QString currentPath() const { return m_path; }
    // Live capture: connections appear as they complete; every packet is
    // kept in a temporary pcapng, which then serves as the current file.
    void startLive(const capture::LiveOptions &options);
    void stopLive() { cancelLoading(); }
    bool isCapturingLive() const;
    // A finished live capture that can be saved.
    bool hasLiveCapture() const;
    QString saveLiveCapture(const QString &path) const;
    // All packets of the selected (or all filtered) connections as pcapng.
    QString exportPackets(const QString &path, bool selectedOnly) const;
    // Where the Start dialog's "tcp port N" suggestion comes from (the listener).
    void setPortSuggestion(std::function<quint16()> port) { m_suggestPort = std::move(port); }
    int selectedConnectionCount() const;
    // Capture > Start..., Stop, Save as pcapng...
    QMenu *captureMenu() const { return m_captureMenu; }
    // File > Export connections as capture > selected / filtered
    QMenu *exportCaptureMenu() const { return m_exportCaptureMenu; }
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
    void onBatch(const std::shared_ptr<capture::ConnectionChunk> &rows);
    void onFinished(bool ok, bool cancelled, const QString &error,
                    const capture::CaptureStats &stats);
    void onCurrentRowChanged();
    void updateCounts();
    void buildColumnMenu();
    void buildCaptureMenus();
    void updateCaptureActions();
    void startLiveDialog();
    void saveLiveDialog();
    void exportPacketsDialog(bool selectedOnly);
    QList<exporting::ConnectionFrames> chosenConnections(bool selectedOnly) const;

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
    bool m_live = false; // the current (or last) load is a live capture
    std::unique_ptr<QTemporaryDir> m_liveDir;
    QLabel *m_liveCounts;
    QMenu *m_captureMenu = nullptr;
    QMenu *m_exportCaptureMenu = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_exportSelected = nullptr;
    QAction *m_exportFiltered = nullptr;
    std::function<quint16()> m_suggestPort;
};

} // namespace pl::gui
