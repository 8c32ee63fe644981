#pragma once

#include "proxy/vendorprofile.h"

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QTreeView;
class QLabel;

namespace pl::gui {

class BreakdownModel;
class HexView;

// One header, three linked views: the breakdown tree, the hex view and the
// diagnostics list. Selecting a row highlights its bytes; clicking a byte
// selects its row; a diagnostic jumps to its byte.
class HeaderInspector : public QWidget
{
    Q_OBJECT

public:
    explicit HeaderInspector(QWidget *parent = nullptr);

    void setHeader(const QByteArray &bytes, proxy::VendorProfile vendor);
    void clear(const QString &emptyText = {});

    BreakdownModel *model() const { return m_model; }
    QTreeView *breakdownView() const { return m_tree; }
    HexView *hexView() const { return m_hex; }
    QListWidget *diagnosticsList() const { return m_diagnostics; }
    // The breakdown as a Markdown table (for export and the clipboard).
    QString markdown() const;

public slots:
    void selectOffset(int offset);

private:
    void onRowSelected();
    void onDiagnosticActivated(QListWidgetItem *item);
    void fillDiagnostics();

    BreakdownModel *m_model;
    QTreeView *m_tree;
    HexView *m_hex;
    QListWidget *m_diagnostics;
    QLabel *m_summary;
};

} // namespace pl::gui
