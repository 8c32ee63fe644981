#pragma once

#include "proxy/headerspec.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace pl::net {
class MatrixRunner;
class Sender;
struct SendRequest;
struct SendResult;
} // namespace pl::net

namespace pl::proxy {
struct HeaderFieldError;
}

namespace pl::gui {

class HeaderInspector;

// Craft a header (valid or broken) with a live byte-by-byte preview, send
// it to a backend with an optional HTTP request, and read the answer.
class ClientView : public QWidget
{
    Q_OBJECT

public:
    explicit ClientView(QWidget *parent = nullptr);
    ~ClientView() override;

    // The spec the form describes, or an error naming the bad field.
    std::optional<proxy::HeaderSpec> headerSpec(QString *error) const;
    void setTarget(const QString &hostPort);
    void send();
    bool isSending() const;
    // Sends the form's header as every variation a backend should handle
    // (valid, CRC32C absent and wrong, v1, each fault), 4 at a time.
    void runFaultMatrix();
    QString exportMatrix(const QString &path) const;
    QTableWidget *matrixTable() const { return m_matrix; }
    HeaderInspector *preview() const { return m_preview; }
    QPlainTextEdit *responseView() const { return m_response; }
    QLineEdit *field(const QString &objectName) const;

signals:
    void sendFinished(bool ok);
    void matrixFinished();

private:
    static QString fieldLabel(const proxy::HeaderFieldError &error);
    void updatePreview();
    void showResult(const net::SendResult &result);
    QLineEdit *addLine(const QString &name, const QString &text, const QString &placeholder = {});

    net::Sender *m_sender;
    QComboBox *m_version;
    QComboBox *m_command;
    QComboBox *m_crc;
    QComboBox *m_fault;
    QCheckBox *m_dgram;
    QLineEdit *m_src, *m_dst, *m_vpc, *m_endpoint, *m_endpointService, *m_vpce, *m_azure, *m_gcp,
        *m_authority, *m_alpn, *m_uniqueId, *m_rawTlvs, *m_target, *m_method, *m_path, *m_host;
    QCheckBox *m_tls;
    QCheckBox *m_tlsVerify;
    QPushButton *m_send;
    QLabel *m_specError;
    HeaderInspector *m_preview;
    QPlainTextEdit *m_response;
    QTimer *m_previewTimer;
    QTableWidget *m_matrix;
    net::MatrixRunner *m_matrixRunner;
    std::optional<net::SendRequest> requestFromForm(QString *error) const;
};

} // namespace pl::gui
