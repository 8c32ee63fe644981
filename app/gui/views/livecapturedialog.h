#pragma once

#include "capture/pcapsource.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;
class QTreeWidget;

namespace pl::gui {

// Capture > Start...: libpcap's interfaces (addresses, loopback/up), a BPF
// filter checked as it is typed (pcap_compile), the snap length.
class LiveCaptureDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LiveCaptureDialog(QWidget *parent = nullptr);

    // Offers "tcp port N" among the filter suggestions (e.g. the listener's).
    void suggestPort(quint16 port);
    capture::LiveOptions options() const;

private:
    void fillInterfaces();
    void checkInput();

    QTreeWidget *m_interfaces;
    QComboBox *m_filter;
    QLabel *m_filterStatus;
    QSpinBox *m_snaplen;
    QDialogButtonBox *m_buttons;
};

} // namespace pl::gui
