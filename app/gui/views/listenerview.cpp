#include "listenerview.h"

#include "headerinspector.h"
#include "models/listenerrecordmodel.h"
#include "net/listener.h"
#include "widgets/tablecopy.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pl::gui {

ListenerView::ListenerView(QWidget *parent)
    : QWidget(parent), m_listener(new net::Listener(this)), m_model(new ListenerRecordModel(this)),
      m_address(new QLineEdit(QStringLiteral("127.0.0.1"), this)), m_port(new QSpinBox(this)),
      m_policy(new QComboBox(this)), m_respond(new QComboBox(this)),
      m_startStop(new QPushButton(tr("Start"), this)), m_status(new QLabel(this)),
      m_table(new QTableView(this)), m_inspector(new HeaderInspector(this))
{
    m_table->setObjectName(QStringLiteral("listenerTable"));
    m_startStop->setObjectName(QStringLiteral("listenerStartStop"));
    m_port->setRange(0, 65535);
    m_port->setValue(8080);
    m_port->setToolTip(tr("0 picks a free port"));
    m_address->setToolTip(tr("Loopback by default; binding other addresses exposes the "
                             "listener to the network"));
    m_policy->addItem(tr("v1 or v2"), QStringLiteral("either"));
    m_policy->addItem(tr("require v2"), QStringLiteral("v2"));
    m_policy->addItem(tr("require v1"), QStringLiteral("v1"));
    m_policy->addItem(tr("optional"), QStringLiteral("optional"));
    m_respond->addItem(tr("HTTP 200 with a summary"), QStringLiteral("http"));
    m_respond->addItem(tr("close"), QStringLiteral("close"));
    m_respond->addItem(tr("echo"), QStringLiteral("echo"));

    auto *form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("Bind"), this));
    form->addWidget(m_address);
    form->addWidget(new QLabel(tr("Port"), this));
    form->addWidget(m_port);
    form->addWidget(new QLabel(tr("Header"), this));
    form->addWidget(m_policy);
    form->addWidget(new QLabel(tr("Answer"), this));
    form->addWidget(m_respond);
    form->addWidget(m_startStop);
    form->addStretch(1);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    installTableCopy(m_table);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_inspector);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_startStop, &QPushButton::clicked, this, [this] {
        if (m_listener->isListening()) {
            stop();
        } else {
            const QString error = start();
            if (!error.isEmpty())
                m_status->setText(tr("Could not start: %1").arg(error));
        }
    });
    connect(m_listener, &net::Listener::connectionFinished, this,
            [this](const net::ListenerRecord &record) {
                m_model->addRecord(record);
                if (m_model->rowCount() == 1)
                    m_table->selectRow(0);
            });
    connect(m_listener, &net::Listener::statsChanged, this, &ListenerView::onStats);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ListenerView::showSelected);
    m_status->setText(tr("Stopped. Start the listener, then send it headers: "
                         "plinspect send 127.0.0.1:PORT --src ... --dst ..."));
    m_inspector->clear(tr("No connection yet"));
}

ListenerView::~ListenerView() = default;

void ListenerView::setVendorProfile(proxy::VendorProfile vendor)
{
    m_vendor = vendor;
    m_model->setVendorProfile(vendor);
}

QString ListenerView::start()
{
    net::ListenerConfig config;
    QHostAddress address;
    if (!address.setAddress(m_address->text().trimmed()))
        return tr("'%1' is not an IP address").arg(m_address->text());
    config.address = address;
    config.port = static_cast<quint16>(m_port->value());
    config.policy = net::headerPolicyFromName(m_policy->currentData().toString())
                        .value_or(net::HeaderPolicy::Either);
    config.respond = net::responseModeFromName(m_respond->currentData().toString())
                         .value_or(net::ResponseMode::Http);
    config.vendor = m_vendor;
    if (!m_listener->start(config))
        return m_listener->errorString();
    m_startStop->setText(tr("Stop"));
    setFormEnabled(false);
    m_status->setText(tr("Listening on %1").arg(net::hostPortText(address, m_listener->port())));
    return {};
}

void ListenerView::stop()
{
    m_listener->stop();
    m_startStop->setText(tr("Start"));
    setFormEnabled(true);
    m_status->setText(tr("Stopped"));
}

void ListenerView::setFormEnabled(bool enabled)
{
    // Settings only change while stopped: they apply when the listener starts.
    for (QWidget *w : std::initializer_list<QWidget *>{m_address, m_port, m_policy, m_respond})
        w->setEnabled(enabled);
}

quint16 ListenerView::boundPort() const
{
    return m_listener->port();
}

void ListenerView::onStats(const net::ListenerStats &s)
{
    if (!m_listener->isListening())
        return;
    m_status->setText(tr("Listening on %1 · %2 connections · %3 headers · %4 without · "
                         "%5 garbage · %6 truncated · %7 refused over limits")
                          .arg(net::hostPortText(m_listener->address(), m_listener->port()))
                          .arg(s.accepted + s.datagrams)
                          .arg(s.headers)
                          .arg(s.withoutHeader + s.noData)
                          .arg(s.garbage)
                          .arg(s.truncated)
                          .arg(s.overLimit));
}

void ListenerView::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const net::ListenerRecord &r = m_model->recordAt(current.row());
    if (r.connection.headerBytes.isEmpty())
        m_inspector->clear(r.message.isEmpty() ? tr("No PROXY header on this connection")
                                               : r.message);
    else
        m_inspector->setHeader(r.connection.headerBytes, m_vendor);
}

} // namespace pl::gui
