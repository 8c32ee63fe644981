#pragma once

#include "proxy/vendorprofile.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTimer;

namespace pl::gui {

class HeaderInspector;

// Paste hex, base64 or escaped text (from a log line or the vendor's
// document) and get the same breakdown and hex view as a capture's header.
class DecodeBytesView : public QWidget
{
    Q_OBJECT

public:
    explicit DecodeBytesView(QWidget *parent = nullptr);

    void setVendorProfile(proxy::VendorProfile vendor);
    void setInput(const QString &text);
    HeaderInspector *inspector() const { return m_inspector; }

private:
    void decodeNow();

    QPlainTextEdit *m_input;
    QComboBox *m_format;
    QLabel *m_status;
    HeaderInspector *m_inspector;
    QTimer *m_debounce;
    proxy::VendorProfile m_vendor = proxy::VendorProfile::Auto;
};

} // namespace pl::gui
