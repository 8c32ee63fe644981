#pragma once

#include <QMainWindow>

class QComboBox;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace pl::gui {

class CapturesView;
class ClientView;
class DecodeBytesView;
class FlowLogView;
class ListenerView;
class PolicyView;

// The shell: navigation, menus, toolbar, status bar. Each tool is its own
// widget; this class only wires them to actions and settings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    void openCapture(const QString &path);
    void showTool(int index);
    CapturesView *capturesView() const { return m_captures; }
    DecodeBytesView *decodeBytesView() const { return m_decode; }
    ListenerView *listenerView() const { return m_listener; }
    ClientView *clientView() const { return m_client; }
    PolicyView *policyView() const { return m_policy; }
    FlowLogView *flowLogView() const { return m_flowLogs; }

    enum Tool
    {
        CapturesTool,
        DecodeBytesTool,
        ListenerTool,
        ClientTool,
        PolicyTool,
        FlowLogsTool
    };

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void updateRecentMenu();
    void openDialog();
    void openPolicyFile(const QString &path);
    void exportDialog();
    void about();
    void installWiresharkPlugin();

    QListWidget *m_nav;
    QStackedWidget *m_stack;
    CapturesView *m_captures;
    DecodeBytesView *m_decode;
    ListenerView *m_listener;
    ClientView *m_client;
    PolicyView *m_policy;
    FlowLogView *m_flowLogs;
    QComboBox *m_vendor;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_recentPolicyMenu = nullptr;
};

} // namespace pl::gui
