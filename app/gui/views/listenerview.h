#pragma once

#include "proxy/vendorprofile.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace pl::net {
class Listener;
struct ListenerStats;
} // namespace pl::net

namespace pl::gui {

class HeaderInspector;
class ListenerRecordModel;

// A test backend in the window: start it on a port, point a load balancer
// (or `plinspect send`) at it, and watch each header arrive, byte by byte.
class ListenerView : public QWidget
{
    Q_OBJECT

public:
    explicit ListenerView(QWidget *parent = nullptr);
    ~ListenerView() override;

    void setVendorProfile(proxy::VendorProfile vendor);
    // Starts with the form's settings; returns the error, empty on success.
    QString start();
    void stop();
    quint16 boundPort() const;
    ListenerRecordModel *model() const { return m_model; }
    HeaderInspector *inspector() const { return m_inspector; }
    QTableView *table() const { return m_table; }
    QSpinBox *portBox() const { return m_port; }

private:
    void onStats(const net::ListenerStats &stats);
    void setFormEnabled(bool enabled);
    void showSelected();

    net::Listener *m_listener;
    ListenerRecordModel *m_model;
    QLineEdit *m_address;
    QSpinBox *m_port;
    QComboBox *m_policy;
    QComboBox *m_respond;
    QPushButton *m_startStop;
    QLabel *m_status;
    QTableView *m_table;
    HeaderInspector *m_inspector;
    proxy::VendorProfile m_vendor = proxy::VendorProfile::Auto;
};

} // namespace pl::gui
