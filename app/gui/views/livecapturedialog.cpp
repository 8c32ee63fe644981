#include "livecapturedialog.h"

#include "capture/captureinterfaces.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pl::gui {

namespace {

constexpr char kDefaultFilter[] = "tcp or udp";

} // namespace

LiveCaptureDialog::LiveCaptureDialog(QWidget *parent)
    : QDialog(parent), m_interfaces(new QTreeWidget(this)), m_filter(new QComboBox(this)),
      m_filterStatus(new QLabel(this)), m_snaplen(new QSpinBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Start live capture"));
    m_interfaces->setObjectName(QStringLiteral("interfaceList"));
    m_filter->setObjectName(QStringLiteral("captureFilter"));
    m_filterStatus->setObjectName(QStringLiteral("captureFilterStatus"));
    m_snaplen->setObjectName(QStringLiteral("snapLength"));

    m_interfaces->setHeaderLabels({tr("Interface"), tr("State"), tr("Addresses")});
    m_interfaces->setRootIsDecorated(false);
    m_interfaces->header()->setStretchLastSection(true);
    fillInterfaces();

    m_filter->setEditable(true);
    m_filter->addItems({QLatin1String(kDefaultFilter), QStringLiteral("tcp"),
                        QStringLiteral("tcp port 80"), QStringLiteral("tcp port 443"),
                        QStringLiteral("udp")});
    m_filter->setCurrentText(QLatin1String(kDefaultFilter));
    m_filter->setToolTip(tr("A BPF capture filter, as for tcpdump; empty captures everything"));
    m_snaplen->setRange(64, 262144);
    m_snaplen->setValue(262144);
    m_snaplen->setSuffix(tr(" bytes"));
    m_filterStatus->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));

    auto *form = new QFormLayout;
    form->addRow(tr("Capture filter:"), m_filter);
    form->addRow(QString(), m_filterStatus);
    form->addRow(tr("Snap length:"), m_snaplen);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Interfaces:"), this));
    layout->addWidget(m_interfaces, 1);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(720, 420);

    connect(m_filter, &QComboBox::currentTextChanged, this, &LiveCaptureDialog::checkInput);
    connect(m_interfaces, &QTreeWidget::currentItemChanged, this, &LiveCaptureDialog::checkInput);
    connect(m_interfaces, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    checkInput();
}

void LiveCaptureDialog::fillInterfaces()
{
    QString error;
    const QList<capture::CaptureInterface> interfaces = capture::captureInterfaces(&error);
    QTreeWidgetItem *preferred = nullptr;
    for (const capture::CaptureInterface &i : interfaces) {
        QStringList state;
        if (i.loopback)
            state << tr("loopback");
        state << (i.up ? tr("up") : tr("down"));
        auto *item = new QTreeWidgetItem(m_interfaces, {i.name, state.join(QLatin1String(", ")),
                                                        i.addresses.join(QLatin1String("  "))});
        item->setToolTip(0, i.description);
        item->setData(0, Qt::UserRole, i.name);
        // The first interface that is up and not loopback is the usual choice.
        if (!preferred && i.up && !i.loopback && i.name != QLatin1String("any"))
            preferred = item;
    }
    m_interfaces->resizeColumnToContents(0);
    m_interfaces->resizeColumnToContents(1);
    if (!error.isEmpty())
        m_filterStatus->setText(tr("Cannot list interfaces: %1").arg(error));
    m_interfaces->setCurrentItem(preferred ? preferred : m_interfaces->topLevelItem(0));
}

void LiveCaptureDialog::suggestPort(quint16 port)
{
    if (port != 0)
        m_filter->insertItem(1, QStringLiteral("tcp port %1").arg(port));
}

void LiveCaptureDialog::checkInput()
{
    const QString filter = m_filter->currentText().trimmed();
    const QString error = filter.isEmpty() ? QString() : capture::checkCaptureFilter(filter);
    if (error.isEmpty()) {
        m_filterStatus->setStyleSheet(QString());
        m_filterStatus->setText(filter.isEmpty() ? tr("No filter: every packet is read")
                                                 : tr("Filter is valid"));
    } else {
        m_filterStatus->setStyleSheet(QStringLiteral("color: #b00020"));
        m_filterStatus->setText(tr("Invalid filter: %1").arg(error));
    }
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(error.isEmpty() && m_interfaces->currentItem() != nullptr);
}

capture::LiveOptions LiveCaptureDialog::options() const
{
    capture::LiveOptions options;
    if (const QTreeWidgetItem *item = m_interfaces->currentItem())
        options.interfaceName = item->data(0, Qt::UserRole).toString();
    options.filter = m_filter->currentText().trimmed();
    options.snaplen = m_snaplen->value();
    return options;
}

} // namespace pl::gui
