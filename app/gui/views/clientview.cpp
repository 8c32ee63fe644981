#include "clientview.h"

#include "headerinspector.h"
#include "io/outputfile.h"
#include "net/matrixrunner.h"
#include "net/sender.h"
#include "proxy/endpointtext.h"
#include "proxy/faultmatrix.h"
#include "proxy/headerbuilder.h"
#include "proxy/headerfields.h"
#include "proxy/hextext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pl::gui {

using namespace pl::proxy;

ClientView::ClientView(QWidget *parent)
    : QWidget(parent), m_sender(new net::Sender(this)), m_version(new QComboBox(this)),
      m_command(new QComboBox(this)), m_crc(new QComboBox(this)), m_fault(new QComboBox(this)),
      m_dgram(new QCheckBox(tr("DGRAM (UDP)"), this)),
      m_tls(new QCheckBox(tr("TLS after the header"), this)),
      m_tlsVerify(new QCheckBox(tr("verify certificate"), this)),
      m_send(new QPushButton(tr("Send"), this)), m_specError(new QLabel(this)),
      m_preview(new HeaderInspector(this)), m_response(new QPlainTextEdit(this)),
      m_previewTimer(new QTimer(this)), m_matrix(new QTableWidget(this)),
      m_matrixRunner(new net::MatrixRunner(this))
{
    m_version->addItems({QStringLiteral("v2"), QStringLiteral("v1")});
    m_command->addItems({QStringLiteral("PROXY"), QStringLiteral("LOCAL")});
    // Item data: the values HeaderFields takes, as the CLI's options do.
    m_crc->addItem(tr("CRC32C present and correct"), QStringLiteral("auto"));
    m_crc->addItem(tr("no CRC32C"), QStringLiteral("none"));
    m_crc->addItem(tr("wrong CRC32C"), QStringLiteral("wrong"));
    m_fault->addItem(tr("no fault"), QString());
    for (Fault f : {Fault::BadSignature, Fault::BadLength, Fault::Truncate, Fault::BadFamily,
                    Fault::BadCommand})
        m_fault->addItem(QLatin1String(faultName(f)), QLatin1String(faultName(f)));
    m_tlsVerify->setChecked(true);
    m_specError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_send->setObjectName(QStringLiteral("clientSend"));
    m_response->setObjectName(QStringLiteral("clientResponse"));
    m_response->setReadOnly(true);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_response->setPlaceholderText(tr("The backend's answer, timings and failures appear here"));

    auto *header = new QGroupBox(tr("Header"), this);
    auto *hf = new QFormLayout(header);
    auto *row = new QHBoxLayout;
    row->addWidget(m_version);
    row->addWidget(m_command);
    row->addWidget(m_dgram);
    hf->addRow(tr("Version"), row);
    m_src = addLine(QStringLiteral("src"), QStringLiteral("10.0.0.14:59074"),
                    tr("ADDR:PORT, [V6]:PORT or /path"));
    m_dst = addLine(QStringLiteral("dst"), QStringLiteral("10.0.0.15:80"));
    hf->addRow(tr("Source"), m_src);
    hf->addRow(tr("Destination"), m_dst);
    m_vpc = addLine(QStringLiteral("vpc"), QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));
    m_endpoint = addLine(QStringLiteral("endpoint"), QStringLiteral("ep-bp1i288487e586152d4b"));
    m_endpointService = addLine(QStringLiteral("endpointService"), {}, tr("epsrv-..."));
    m_vpce = addLine(QStringLiteral("vpce"), {}, tr("vpce-..."));
    m_azure = addLine(QStringLiteral("azure"), {}, tr("uint32"));
    m_gcp = addLine(QStringLiteral("gcp"), {}, tr("uint64"));
    m_authority = addLine(QStringLiteral("authority"), {}, tr("host name (TLS SNI)"));
    m_alpn = addLine(QStringLiteral("alpn"), {}, tr("h2, http/1.1"));
    m_uniqueId = addLine(QStringLiteral("uniqueId"), {}, tr("opaque, at most 128 bytes"));
    m_rawTlvs = addLine(QStringLiteral("rawTlvs"), {}, tr("TYPE=HEX; TYPE=HEX (e.g. 0xF0=0102)"));
    hf->addRow(tr("Alibaba VPC ID"), m_vpc);
    hf->addRow(tr("Alibaba endpoint ID"), m_endpoint);
    hf->addRow(tr("Alibaba endpoint service ID"), m_endpointService);
    hf->addRow(tr("AWS VPC endpoint ID"), m_vpce);
    hf->addRow(tr("Azure LinkID"), m_azure);
    hf->addRow(tr("GCP PSC connection ID"), m_gcp);
    hf->addRow(tr("Authority"), m_authority);
    hf->addRow(tr("ALPN"), m_alpn);
    hf->addRow(tr("Unique ID"), m_uniqueId);
    hf->addRow(tr("Other TLVs"), m_rawTlvs);
    hf->addRow(tr("CRC32C"), m_crc);
    hf->addRow(tr("Fault"), m_fault);
    hf->addRow(m_specError);

    auto *target = new QGroupBox(tr("Send to"), this);
    auto *tf = new QFormLayout(target);
    m_target = addLine(QStringLiteral("target"), QStringLiteral("127.0.0.1:8080"), tr("HOST:PORT"));
    m_method = addLine(QStringLiteral("method"), QStringLiteral("GET"));
    m_path = addLine(QStringLiteral("path"), QStringLiteral("/login"));
    m_host = addLine(QStringLiteral("host"), {}, tr("Host header (default: the target)"));
    tf->addRow(tr("Backend"), m_target);
    auto *http = new QHBoxLayout;
    http->addWidget(m_method);
    http->addWidget(m_path, 1);
    tf->addRow(tr("HTTP request"), http);
    tf->addRow(tr("Host"), m_host);
    auto *tls = new QHBoxLayout;
    tls->addWidget(m_tls);
    tls->addWidget(m_tlsVerify);
    tf->addRow(tr("TLS"), tls);
    auto *matrixButton = new QPushButton(tr("Fault matrix"), this);
    matrixButton->setToolTip(tr("Send this header as every variation a backend should handle: "
                                "valid, no CRC32C, wrong CRC32C, v1 and each fault"));
    auto *exportButton = new QPushButton(tr("Export results..."), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(matrixButton);
    buttons->addWidget(exportButton);
    tf->addRow(buttons);
    connect(matrixButton, &QPushButton::clicked, this, &ClientView::runFaultMatrix);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export matrix results"), {}, tr("CSV (*.csv)"));
        if (!path.isEmpty()) {
            const QString error = exportMatrix(path);
            if (!error.isEmpty())
                m_response->setPlainText(tr("Could not write %1: %2").arg(path, error));
        }
    });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(header);
    leftLayout->addWidget(target);
    leftLayout->addStretch(1);
    left->setMaximumWidth(520);

    m_matrix->setObjectName(QStringLiteral("clientMatrix"));
    m_matrix->setColumnCount(4);
    m_matrix->setHorizontalHeaderLabels(
        {tr("Variation"), tr("Backend answer"), tr("ms"), tr("Header bytes")});
    m_matrix->horizontalHeader()->setStretchLastSection(true);
    m_matrix->verticalHeader()->hide();
    m_matrix->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrix->hide();
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_preview);
    right->addWidget(m_response);
    right->addWidget(m_matrix);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    right->setStretchFactor(2, 1);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(left);
    layout->addWidget(right, 1);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(100);
    connect(m_previewTimer, &QTimer::timeout, this, &ClientView::updatePreview);
    for (QComboBox *box : {m_version, m_command, m_crc, m_fault})
        connect(box, &QComboBox::currentIndexChanged, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_dgram, &QCheckBox::toggled, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_send, &QPushButton::clicked, this, &ClientView::send);
    connect(m_sender, &net::Sender::finished, this, &ClientView::showResult);
    connect(m_matrixRunner, &net::MatrixRunner::resultReady, this,
            [this](int index, const net::SendResult &r) {
                const QString answer = r.status > 0
                                           ? r.statusLine
                                           : QLatin1String(net::sendFailureName(r.failure)) +
                                                 QStringLiteral(": ") + r.message;
                m_matrix->setItem(index, 1, new QTableWidgetItem(answer));
                m_matrix->setItem(index, 2, new QTableWidgetItem(QString::number(r.totalMs)));
                m_matrix->setItem(index, 3,
                                  new QTableWidgetItem(QString::fromLatin1(r.headerSent.toHex())));
            });
    connect(m_matrixRunner, &net::MatrixRunner::finished, this, [this] {
        m_matrix->resizeColumnsToContents();
        emit matrixFinished();
    });
    updatePreview();
}

ClientView::~ClientView() = default;

QLineEdit *ClientView::addLine(const QString &name, const QString &text, const QString &placeholder)
{
    auto *line = new QLineEdit(text, this);
    line->setObjectName(name);
    line->setPlaceholderText(placeholder);
    line->setClearButtonEnabled(true);
    connect(line, &QLineEdit::textChanged, m_previewTimer, qOverload<>(&QTimer::start));
    return line;
}

QLineEdit *ClientView::field(const QString &objectName) const
{
    return findChild<QLineEdit *>(objectName);
}

void ClientView::setTarget(const QString &hostPort)
{
    m_target->setText(hostPort);
}

std::optional<HeaderSpec> ClientView::headerSpec(QString *error) const
{
    using Kind = HeaderFields::TlvKind;
    HeaderFields f;
    f.v1 = m_version->currentIndex() == 1;
    f.command = m_command->currentIndex() == 1 ? QStringLiteral("local") : QStringLiteral("proxy");
    f.dgram = m_dgram->isChecked();
    f.source = m_src->text();
    f.destination = m_dst->text();
    f.crc = m_crc->currentData().toString();
    f.fault = m_fault->currentData().toString();
    // The TLV fields belong to v2: a v1 header is the form without them.
    if (!f.v1) {
        const auto add = [&f](Kind kind, const QLineEdit *edit) {
            if (!edit->text().trimmed().isEmpty())
                f.tlvs.append({kind, edit->text().trimmed()});
        };
        add(Kind::Authority, m_authority);
        add(Kind::Alpn, m_alpn);
        add(Kind::UniqueId, m_uniqueId);
        add(Kind::AlibabaEndpointId, m_endpoint);
        add(Kind::AlibabaVpcId, m_vpc);
        add(Kind::AlibabaEndpointServiceId, m_endpointService);
        add(Kind::AwsVpceId, m_vpce);
        add(Kind::AzureLinkId, m_azure);
        add(Kind::GcpPscId, m_gcp);
        for (const QString &item : m_rawTlvs->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
            f.tlvs.append({Kind::Raw, item.trimmed()});
    }
    auto built = buildHeaderSpec(f);
    if (const auto *e = std::get_if<HeaderFieldError>(&built)) {
        *error = fieldLabel(*e) + QStringLiteral(": ") + e->message;
        return std::nullopt;
    }
    return std::get<HeaderSpec>(std::move(built));
}

QString ClientView::fieldLabel(const HeaderFieldError &e)
{
    switch (e.field) {
    case HeaderField::Source:
        return tr("Source");
    case HeaderField::Destination:
        return tr("Destination");
    case HeaderField::Addresses:
        return tr("Source and destination");
    case HeaderField::Tlv:
        switch (e.tlv) {
        case HeaderFields::TlvKind::AzureLinkId:
            return tr("Azure LinkID");
        case HeaderFields::TlvKind::GcpPscId:
            return tr("GCP PSC connection ID");
        default:
            return tr("Other TLVs '%1'").arg(e.value);
        }
    default:
        return tr("Header");
    }
}

void ClientView::updatePreview()
{
    QString error;
    const auto spec = headerSpec(&error);
    m_specError->setText(error);
    if (!spec) {
        m_preview->clear(error);
        return;
    }
    m_preview->setHeader(encodeHeader(*spec), VendorProfile::Auto);
}

bool ClientView::isSending() const
{
    return m_sender->isRunning();
}

std::optional<net::SendRequest> ClientView::requestFromForm(QString *error) const
{
    const auto spec = headerSpec(error);
    if (!spec)
        return std::nullopt;
    const auto target = parseEndpointText(m_target->text().trimmed());
    if (!target || target->isUnix()) {
        *error = tr("The backend must be HOST:PORT");
        return std::nullopt;
    }
    net::SendRequest request;
    request.host = target->address.toString();
    request.port = target->port;
    request.header = *spec;
    request.udp = spec->transport == Transport::Dgram;
    if (!m_method->text().trimmed().isEmpty()) {
        net::HttpTemplate http;
        http.method = m_method->text().trimmed().toLatin1();
        http.path = m_path->text().trimmed().toUtf8();
        http.host = m_host->text().trimmed().toUtf8();
        if (http.host.isEmpty())
            http.host = m_target->text().trimmed().toUtf8();
        request.payload = net::buildHttpRequest(http);
    }
    request.tls.enabled = m_tls->isChecked();
    request.tls.verify = m_tlsVerify->isChecked();
    return request;
}

void ClientView::send()
{
    QString error;
    const auto request = requestFromForm(&error);
    if (!request) {
        m_response->setPlainText(error);
        emit sendFinished(false);
        return;
    }
    m_send->setEnabled(false);
    m_response->setPlainText(tr("Sending to %1 ...").arg(m_target->text()));
    m_sender->start(*request);
}

void ClientView::runFaultMatrix()
{
    QString error;
    const auto base = requestFromForm(&error);
    if (!base) {
        m_response->setPlainText(error);
        return;
    }
    if (!base->header)
        return; // the form always builds one
    QList<net::MatrixRow> rows;
    for (const FaultVariant &v : faultMatrix(*base->header)) {
        net::MatrixRow row{v.title, *base};
        row.request.header = v.header;
        rows.append(row);
    }
    m_matrix->setRowCount(0);
    m_matrix->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        m_matrix->setItem(r, 0, new QTableWidgetItem(rows[r].name));
    m_matrix->show();
    m_matrixRunner->start(rows, 4);
}

QString ClientView::exportMatrix(const QString &path) const
{
    return io::writeOutputFile(
        path, net::matrixResultsCsv(m_matrixRunner->rows(), m_matrixRunner->results()).toUtf8());
}

void ClientView::showResult(const net::SendResult &r)
{
    m_send->setEnabled(true);
    QString text;
    if (!r.ok())
        text += tr("FAILED (%1): %2\n\n")
                    .arg(QLatin1String(net::sendFailureName(r.failure)), r.message);
    text += tr("Sent %1 header bytes and %2 payload bytes from %3:%4\n")
                .arg(r.headerSent.size())
                .arg(r.payloadSent.size())
                .arg(r.localAddress.toString())
                .arg(r.localPort);
    text += tr("connect %1 ms · TLS %2 ms · first byte %3 ms · total %4 ms\n\n")
                .arg(r.connectMs)
                .arg(r.tlsMs)
                .arg(r.firstByteMs)
                .arg(r.totalMs);
    if (!r.statusLine.isEmpty()) {
        text += r.statusLine + u'\n';
        for (const auto &h : r.headers)
            text += QString::fromLatin1(h.first) + QStringLiteral(": ") +
                    QString::fromUtf8(h.second) + u'\n';
        text += u'\n' + QString::fromUtf8(r.body.left(4096));
    } else if (!r.response.isEmpty()) {
        text += QString::fromUtf8(r.response.left(4096));
    }
    m_response->setPlainText(text);
    emit sendFinished(r.ok());
}

} // namespace pl::gui
