#include "mainwindow.h"

#include "appsettings.h"
#include "languagemenu.h"
#include "views/capturesview.h"
#include "views/clientview.h"
#include "views/decodebytesview.h"
#include "views/flowlogview.h"
#include "views/listenerview.h"
#include "views/policyview.h"
#include "wiresharkplugin.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace pl::gui {

using proxy::VendorProfile;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_nav(new QListWidget(this)), m_stack(new QStackedWidget(this)),
      m_captures(new CapturesView(this)), m_decode(new DecodeBytesView(this)),
      m_listener(new ListenerView(this)), m_client(new ClientView(this)),
      m_policy(new PolicyView(this)), m_flowLogs(new FlowLogView(this)),
      m_vendor(new QComboBox(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PrivateLink Inspector"));
    setAcceptDrops(true);

    m_nav->setObjectName(QStringLiteral("toolList"));
    m_stack->setObjectName(QStringLiteral("toolStack"));
    const struct
    {
        QString name;
        QWidget *widget;
    } tools[] = {
        {tr("Captures"), m_captures}, {tr("Decode bytes"), m_decode}, {tr("Listener"), m_listener},
        {tr("Client"), m_client},     {tr("Policy"), m_policy},       {tr("Flow logs"), m_flowLogs},
    };
    for (const auto &tool : tools) {
        m_nav->addItem(tool.name);
        m_stack->addWidget(tool.widget);
    }
    m_nav->setFixedWidth(m_nav->sizeHintForColumn(0) + 32);
    m_nav->setSpacing(3);
    m_nav->setCurrentRow(0);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_vendor->setObjectName(QStringLiteral("vendorProfile"));
    const struct
    {
        QString label;
        VendorProfile profile;
    } vendors[] = {{tr("Vendor: auto-detect"), VendorProfile::Auto},
                   {tr("Alibaba Cloud"), VendorProfile::Alibaba},
                   {QStringLiteral("AWS"), VendorProfile::Aws},
                   {QStringLiteral("Azure"), VendorProfile::Azure},
                   {QStringLiteral("Google Cloud"), VendorProfile::Gcp},
                   {tr("No vendor TLVs"), VendorProfile::None}};
    for (const auto &v : vendors)
        m_vendor->addItem(v.label, static_cast<int>(v.profile));
    m_vendor->setCurrentIndex(m_vendor->findData(static_cast<int>(AppSettings::vendorProfile())));
    m_captures->setVendorProfile(AppSettings::vendorProfile());
    m_decode->setVendorProfile(AppSettings::vendorProfile());
    m_listener->setVendorProfile(AppSettings::vendorProfile());
    connect(m_vendor, &QComboBox::currentIndexChanged, this, [this] {
        const auto profile = static_cast<VendorProfile>(m_vendor->currentData().toInt());
        AppSettings::setVendorProfile(profile);
        m_captures->setVendorProfile(profile);
        m_decode->setVendorProfile(profile);
        m_listener->setVendorProfile(profile);
    });

    m_policy->setCaptureSource(m_captures);
    createActions();
    connect(m_captures, &CapturesView::statusMessage, this,
            [this](const QString &m) { statusBar()->showMessage(m); });
    connect(m_flowLogs, &FlowLogView::statusMessage, this,
            [this](const QString &m) { statusBar()->showMessage(m); });
    m_captures->restoreColumnState(AppSettings::captureColumns());
    if (!restoreGeometry(AppSettings::windowGeometry()))
        resize(1560, 940);
    restoreState(AppSettings::windowState());
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open capture..."), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    QAction *reload = file->addAction(tr("Re&load"), m_captures, &CapturesView::reload);
    reload->setShortcut(QKeySequence::Refresh);
    QAction *exportAction = file->addAction(tr("&Export..."), this, &MainWindow::exportDialog);
    file->addMenu(m_captures->exportCaptureMenu());
    file->addSeparator();
    file->addAction(tr("Open &policy..."), this, [this] {
        if (!m_policy->maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open policy"), QString(),
                                                          tr("Policies (*.json);;All files (*)"));
        if (!path.isEmpty())
            openPolicyFile(path);
    });
    m_recentPolicyMenu = file->addMenu(tr("Open recent polic&y"));
    connect(m_policy, &PolicyView::recentPoliciesChanged, this, &MainWindow::updateRecentMenu);
    QAction *savePolicy = file->addAction(tr("&Save policy as..."), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save policy"), QString(),
                                                          tr("Policies (*.json)"));
        if (path.isEmpty())
            return;
        const QString error = m_policy->savePolicy(path);
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Save policy"),
                                 tr("Could not write %1: %2").arg(path, error));
    });
    savePolicy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    QAction *find = go->addAction(tr("&Filter connections"), this, [this] {
        showTool(CapturesTool);
        m_captures->focusFilter();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *next =
        go->addAction(tr("&Next finding"), this, [this] { m_captures->selectNextFinding(+1); });
    next->setShortcut(QKeySequence(Qt::Key_F8));
    QAction *previous =
        go->addAction(tr("&Previous finding"), this, [this] { m_captures->selectNextFinding(-1); });
    previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    go->addSeparator();
    for (int i = 0; i < m_nav->count(); ++i) {
        QAction *a = go->addAction(m_nav->item(i)->text(), this, [this, i] { showTool(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }

    menuBar()->addMenu(m_captures->captureMenu());
    m_captures->setPortSuggestion([this] { return m_listener->boundPort(); });
    menuBar()->addMenu(m_flowLogs->menu());

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addMenu(new LanguageMenu(settings));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Install &Wireshark plugin..."), this, &MainWindow::installWiresharkPlugin);
    help->addAction(tr("&About PrivateLink Inspector"), this, &MainWindow::about);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->addAction(open);
    bar->addAction(reload);
    bar->addAction(exportAction);
    bar->addSeparator();
    bar->addWidget(m_vendor);
    updateRecentMenu();
}

void MainWindow::installWiresharkPlugin()
{
    QString path;
    const QString error = gui::installWiresharkPlugin(defaultWiresharkPluginDir(), &path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Wireshark plugin"),
                             tr("Could not install the plugin: %1").arg(error));
        return;
    }
    QMessageBox::information(
        this, tr("Wireshark plugin"),
        tr("Installed %1.\n\nRestart Wireshark: PROXY headers then show a \"pl\" tree with the "
           "Alibaba Cloud VPC and endpoint IDs, the AWS, Azure and Google Cloud IDs and the "
           "CRC32C verdict, as filterable fields, e.g. pl.vpc_id == \"vpc-...\" or "
           "pl.crc32c == \"invalid\".")
            .arg(QDir::toNativeSeparators(path)));
}

void MainWindow::showTool(int index)
{
    m_nav->setCurrentRow(index);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = AppSettings::recentFiles();
    for (const QString &path : files)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { openCapture(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!files.isEmpty());
    if (!m_recentPolicyMenu)
        return;
    m_recentPolicyMenu->clear();
    const QStringList policies = AppSettings::recentPolicies();
    for (const QString &path : policies)
        m_recentPolicyMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (m_policy->maybeSave())
                                openPolicyFile(path);
                        })
            ->setToolTip(path);
    m_recentPolicyMenu->setEnabled(!policies.isEmpty());
}

void MainWindow::openCapture(const QString &path)
{
    showTool(CapturesTool);
    m_captures->open(path);
    AppSettings::addRecentFile(path);
    updateRecentMenu();
    setWindowTitle(tr("%1 - PrivateLink Inspector").arg(QFileInfo(path).fileName()));
}

void MainWindow::openPolicyFile(const QString &path)
{
    showTool(PolicyTool);
    const QString error = m_policy->openPolicy(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Open policy"), tr("Could not read %1: %2").arg(path, error));
}

void MainWindow::openDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open capture"), QFileInfo(m_captures->currentPath()).absolutePath(),
        tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
    if (!path.isEmpty())
        openCapture(path);
}

void MainWindow::exportDialog()
{
    const QString jsonl = tr("Connections as JSON Lines (*.jsonl)");
    const QString csv = tr("Connections as CSV (*.csv)");
    const QString md = tr("Selected header breakdown as Markdown (*.md)");
    const QString hex = tr("Selected header as hex (*.hex)");
    const QString bin = tr("Selected header as binary (*.bin)");
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"), QString(),
        QStringList{jsonl, csv, md, hex, bin}.join(QLatin1String(";;")), &filter);
    if (path.isEmpty())
        return;
    QString error;
    if (filter == jsonl)
        error = m_captures->exportConnections(path, CapturesView::ExportFormat::JsonLines);
    else if (filter == csv)
        error = m_captures->exportConnections(path, CapturesView::ExportFormat::Csv);
    else if (filter == md)
        error = m_captures->exportBreakdownMarkdown(path);
    else
        error = m_captures->exportHeaderBytes(path, filter == hex);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"),
                             tr("Could not write %1: %2").arg(path, error));
    else
        statusBar()->showMessage(tr("Exported to %1").arg(path));
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About PrivateLink Inspector"),
                       tr("<h3>PrivateLink Inspector %1</h3><p>Inspect, simulate and test PROXY "
                          "protocol v1/v2 headers from cloud PrivateLink and network load "
                          "balancers: Alibaba Cloud, AWS, Azure and Google Cloud.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_policy->maybeSave()) {
        event->ignore();
        return;
    }
    m_captures->cancelLoading();
    m_flowLogs->cancelLoading();
    AppSettings::setWindowGeometry(saveGeometry());
    AppSettings::setWindowState(saveState());
    AppSettings::setCaptureColumns(m_captures->columnState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openCapture(urls.first().toLocalFile());
}

} // namespace pl::gui
