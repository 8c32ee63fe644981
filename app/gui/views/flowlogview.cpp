#include "flowlogview.h"

#include "appsettings.h"
#include "flowlog/flowreportformat.h"
#include "io/outputfile.h"
#include "models/flowfindingdetail.h"
#include "models/flowfindingfiltermodel.h"
#include "models/flowfindingmodel.h"
#include "models/flowlogloader.h"
#include "widgets/barchart.h"
#include "widgets/tablecopy.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <map>
#include <set>

namespace pl::gui {

using flowlog::Finding;
using flowlog::FindingClass;

namespace {

QToolButton *menuButton(const QString &text, QMenu *menu, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

QString fileNames(const QStringList &paths)
{
    QStringList names;
    for (const QString &path : paths)
        names << QFileInfo(path).fileName();
    return names.join(QLatin1String(", "));
}

} // namespace

FlowLogView::FlowLogView(QWidget *parent)
    : QWidget(parent), m_model(new FlowFindingModel(this)),
      m_proxy(new FlowFindingFilterModel(this)), m_loader(new FlowLogLoader(this)),
      m_inputsLabel(new QLabel(this)), m_ports(new QLineEdit(this)), m_memory(new QSpinBox(this)),
      m_progress(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_classFilter(new QComboBox(this)), m_instanceFilter(new QComboBox(this)),
      m_serviceFilter(new QComboBox(this)), m_vpcFilter(new QComboBox(this)),
      m_counts(new QLabel(this)), m_summary(new QLabel(this)), m_problems(new QLabel(this)),
      m_notes(new QLabel(this)), m_table(new QTableView(this)), m_detail(new QTextBrowser(this)),
      m_instanceChart(new BarChart(this)), m_serviceChart(new BarChart(this)),
      m_menu(new QMenu(tr("Flo&w logs"), this)), m_recentMenu(new QMenu(tr("Open &recent"), this))
{
    setAcceptDrops(true);
    m_table->setObjectName(QStringLiteral("flowFindingTable"));
    m_detail->setObjectName(QStringLiteral("flowFindingDetail"));
    m_progress->setObjectName(QStringLiteral("flowLoadProgress"));
    m_cancel->setObjectName(QStringLiteral("flowCancel"));
    m_classFilter->setObjectName(QStringLiteral("flowClassFilter"));
    m_instanceFilter->setObjectName(QStringLiteral("flowInstanceFilter"));
    m_serviceFilter->setObjectName(QStringLiteral("flowServiceFilter"));
    m_vpcFilter->setObjectName(QStringLiteral("flowVpcFilter"));
    m_counts->setObjectName(QStringLiteral("flowFindingCounts"));
    m_summary->setObjectName(QStringLiteral("flowSummary"));
    m_problems->setObjectName(QStringLiteral("flowProblems"));
    m_notes->setObjectName(QStringLiteral("flowNotes"));
    m_ports->setObjectName(QStringLiteral("flowListeningPorts"));
    m_memory->setObjectName(QStringLiteral("flowMemoryBudget"));
    m_instanceChart->setObjectName(QStringLiteral("flowInstanceChart"));
    m_serviceChart->setObjectName(QStringLiteral("flowServiceChart"));

    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FlowFindingModel::BytesColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    installTableCopy(m_table);

    m_detail->setOpenLinks(false);
    m_detail->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_detail->setPlaceholderText(
        tr("Open VPC flow logs (Flow logs > Open logs, or drop files here), with the CIDR "
           "ranges, inventory or ip-ranges.json that name their destinations. Select a finding "
           "to see why its traffic was judged a request and who owns the destination."));
    m_instanceChart->setTitle(tr("Bytes per instance"));
    m_serviceChart->setTitle(tr("Bytes per destination service"));
    for (BarChart *chart : {m_instanceChart, m_serviceChart})
        chart->setValueFormatter([](quint64 bytes) { return flowlog::byteText(bytes); });

    m_ports->setPlaceholderText(tr("e.g. 8080, 9000"));
    m_ports->setToolTip(tr("Ports the instances serve on, for the port rule (rule 3); applied "
                           "on the next run."));
    m_ports->setMaximumWidth(160);
    // Flow state past the budget goes to temporary files (TMPDIR), so a
    // log of any size loads in bounded memory; 0 sends it all to disk.
    m_memory->setRange(0, 1 << 20);
    m_memory->setValue(m_inputs.memoryBudgetMiB);
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setToolTip(tr("Flow state kept in memory; beyond it flows go to temporary files "
                            "(slower, but memory stays bounded). Applied on the next run."));
    m_inputsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problems->hide();
    // What the user should know but is no error of the input (a header
    // column the check does not read, a coverage gap): apart from the
    // errors, and not in their red.
    m_notes->setWordWrap(true);
    m_notes->setStyleSheet(QStringLiteral("color: #7a5c00"));
    m_notes->hide();

    createActions();

    auto *inputBar = new QHBoxLayout;
    const QList<QAction *> actions = m_menu->actions();
    inputBar->addWidget(actionButton(actions.at(0), this));
    inputBar->addWidget(actionButton(actions.at(1), this));
    inputBar->addWidget(menuButton(tr("Recent"), m_recentMenu, this));
    inputBar->addWidget(actionButton(actions.at(3), this));
    inputBar->addWidget(actionButton(actions.at(4), this));
    inputBar->addSpacing(12);
    inputBar->addWidget(new QLabel(tr("Listening ports:"), this));
    inputBar->addWidget(m_ports);
    inputBar->addSpacing(12);
    inputBar->addWidget(new QLabel(tr("Memory:"), this));
    inputBar->addWidget(m_memory);
    inputBar->addStretch(1);
    auto *exportMenu = new QMenu(this);
    auto *queryMenu = new QMenu(this);
    for (QAction *a : actions) {
        if (a->property("flowExport").isValid())
            exportMenu->addAction(a);
        if (a->property("flowQuery").isValid())
            queryMenu->addAction(a);
    }
    inputBar->addWidget(menuButton(tr("Export"), exportMenu, this));
    inputBar->addWidget(menuButton(tr("Copy query"), queryMenu, this));

    auto *progressBar = new QHBoxLayout;
    progressBar->addWidget(m_progress, 1);
    progressBar->addWidget(m_cancel);
    m_progress->hide();
    m_cancel->hide();

    m_classFilter->addItem(tr("All classes"), -1);
    for (std::size_t c = 0; c < flowlog::kFindingClassCount; ++c)
        m_classFilter->addItem(FlowFindingModel::classText(static_cast<FindingClass>(c)),
                               static_cast<int>(c));
    auto *filterBar = new QHBoxLayout;
    filterBar->addWidget(new QLabel(tr("Show:"), this));
    for (QComboBox *combo : {m_classFilter, m_instanceFilter, m_serviceFilter, m_vpcFilter}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        filterBar->addWidget(combo);
        connect(combo, &QComboBox::currentIndexChanged, this, &FlowLogView::applyFilters);
    }
    filterBar->addStretch(1);
    filterBar->addWidget(m_counts);
    fillFilterCombos();

    auto *charts = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(charts);
    chartLayout->setContentsMargins(6, 0, 0, 0);
    chartLayout->addWidget(m_instanceChart);
    chartLayout->addSpacing(8);
    chartLayout->addWidget(m_serviceChart);
    chartLayout->addStretch(1);
    charts->setMinimumWidth(420);

    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_detail);
    lower->addWidget(charts);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(lower);
    split->setStretchFactor(0, 2); // the detail pane needs the room more than the table
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(inputBar);
    layout->addWidget(m_inputsLabel);
    layout->addLayout(progressBar);
    layout->addLayout(filterBar);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems);
    layout->addWidget(m_notes);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FlowLogView::showCurrentFinding);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &FlowLogView::onVisibleRowsChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &FlowLogView::onVisibleRowsChanged);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &FlowLogView::onVisibleRowsChanged);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &FlowLogView::onVisibleRowsChanged);
    connect(m_loader, &FlowLogLoader::finished, this, &FlowLogView::onFinished);
    connect(m_loader, &FlowLogLoader::progress, this,
            [this](qint64 read, qint64 total, qulonglong records) {
                if (total > 0) {
                    m_progress->setRange(0, 1000);
                    m_progress->setValue(static_cast<int>(std::min(read, total) * 1000 / total));
                }
                m_progress->setFormat(tr("%1 records · %p%").arg(records));
            });
    connect(m_cancel, &QPushButton::clicked, this, &FlowLogView::cancelLoading);
    updateInputsLabel();
    updateRecentMenu();
    onVisibleRowsChanged();
}

FlowLogView::~FlowLogView() = default;

void FlowLogView::createActions()
{
    // Order matters: the button bar takes the first five.
    QAction *open = m_menu->addAction(tr("&Open logs..."), this, &FlowLogView::openLogsDialog);
    m_menu->addAction(tr("&Add ranges or inventory..."), this, &FlowLogView::addOwnershipDialog);
    m_menu->addMenu(m_recentMenu);
    m_menu->addAction(tr("Re&run check"), this, &FlowLogView::reload);
    m_menu->addAction(tr("&Clear inputs"), this, [this] {
        cancelLoading();
        m_inputs = FlowLogInputs();
        m_result.reset();
        m_model->clear();
        m_summary->clear();
        m_problems->hide();
        m_notes->hide();
        fillFilterCombos();
        updateInputsLabel();
    });
    m_menu->addSeparator();
    const struct
    {
        QString text;
        ExportFormat format;
    } exports[] = {{tr("Export findings as &CSV..."), ExportFormat::Csv},
                   {tr("Export findings as &Markdown..."), ExportFormat::Markdown},
                   {tr("Export findings as &JSON Lines..."), ExportFormat::JsonLines}};
    for (const auto &e : exports) {
        QAction *a = m_menu->addAction(e.text, this, [this, format = e.format] {
            const QString filters[] = {tr("CSV (*.csv)"), tr("Markdown (*.md)"),
                                       tr("JSON Lines (*.jsonl)")};
            const QString path = QFileDialog::getSaveFileName(
                this, tr("Export findings"), QString(), filters[static_cast<int>(format)]);
            if (path.isEmpty())
                return;
            const QString error = exportFindings(path, format);
            if (!error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"),
                                     tr("Could not write %1: %2").arg(path, error));
            else
                emit statusMessage(tr("Exported to %1").arg(path));
        });
        a->setProperty("flowExport", true);
    }
    m_menu->addSeparator();
    QAction *sls = m_menu->addAction(tr("Copy &SLS query"), this,
                                     [this] { copyQuery(flowlog::QueryEngine::Sls); });
    QAction *athena = m_menu->addAction(tr("Copy A&thena query"), this,
                                        [this] { copyQuery(flowlog::QueryEngine::Athena); });
    sls->setProperty("flowQuery", true);
    athena->setProperty("flowQuery", true);
    open->setToolTip(tr("Flow-log files or directories: Alibaba SLS JSON Lines or CSV, AWS "
                        "text; plain, gzip, zstd or LZ4"));
}

void FlowLogView::openLogsDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open flow logs"),
        m_inputs.logs.isEmpty() ? QString() : QFileInfo(m_inputs.logs.first()).absolutePath(),
        tr("Flow logs (*.jsonl *.json *.csv *.txt *.log *.gz *.zst *.lz4);;All files (*)"));
    if (paths.isEmpty())
        return;
    FlowLogInputs inputs = m_inputs;
    inputs.logs.clear();
    for (const QString &path : paths) {
        inputs.add(path, FlowInputKind::Log);
        AppSettings::addRecentFlowLogFile(path);
    }
    setInputs(inputs);
}

void FlowLogView::addOwnershipDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Add ranges or inventory"), QString(),
        tr("Ranges, inventory, ip-ranges.json (*.csv *.json *.txt);;All files (*)"));
    if (!paths.isEmpty())
        openFiles(paths);
}

void FlowLogView::openFiles(const QStringList &paths)
{
    FlowLogInputs inputs = m_inputs;
    bool logsCleared = false;
    for (const QString &path : paths) {
        const FlowInputKind kind = detectFlowInput(path);
        if (kind == FlowInputKind::Log && !logsCleared) {
            inputs.logs.clear();
            logsCleared = true;
        }
        inputs.add(path, kind);
        AppSettings::addRecentFlowLogFile(path);
    }
    setInputs(inputs);
}

void FlowLogView::setInputs(const FlowLogInputs &inputs)
{
    m_inputs = inputs;
    updateInputsLabel();
    updateRecentMenu();
    reload();
}

void FlowLogView::reload()
{
    if (!parseListeningPorts(m_ports->text(), m_inputs.listeningPorts)) {
        m_problems->setText(
            tr("Listening ports: '%1' is not a list of port numbers").arg(m_ports->text()));
        m_problems->show();
        return;
    }
    m_inputs.memoryBudgetMiB = m_memory->value();
    if (m_inputs.logs.isEmpty()) {
        emit statusMessage(tr("Open flow logs to run the check"));
        return;
    }
    m_progress->setRange(0, 0);
    m_progress->setFormat(QString());
    m_progress->show();
    m_cancel->show();
    m_loader->load(m_inputs);
    emit statusMessage(tr("Checking %1").arg(fileNames(m_inputs.logs)));
}

void FlowLogView::cancelLoading()
{
    m_loader->cancel();
}

bool FlowLogView::isLoading() const
{
    return m_loader->isLoading();
}

void FlowLogView::onFinished(std::shared_ptr<const FlowLogResult> result, bool cancelled)
{
    m_progress->hide();
    m_cancel->hide();
    if (cancelled || !result) {
        const QString message = tr("Check cancelled; the previous results are kept");
        emit statusMessage(message);
        emit loadFinished(false, message);
        return;
    }
    m_result = std::move(result);
    m_model->setFindings(m_result->report.findings);
    fillFilterCombos();
    m_summary->setText(summaryText());

    QStringList problems;
    for (const QString &m : m_result->missing)
        problems << tr("no such file or directory: %1").arg(m);
    for (const QString &d : m_result->emptyDirectories)
        problems << tr("no file in directory: %1").arg(d);
    problems << m_result->ownershipErrors;
    for (const std::string &e : m_result->report.fileErrors)
        problems << QString::fromStdString(e);
    const flowlog::FlowReport &r = m_result->report;
    if (r.malformed > 0)
        problems << tr("%1 malformed line(s), first: %2")
                        .arg(r.malformed)
                        .arg(QString::fromStdString(r.malformedSamples.front()));
    QStringList notes;
    for (const std::string &n : r.notes)
        notes << tr("note: %1").arg(QString::fromStdString(n));
    if (r.skipData > 0 && !r.gaps.empty())
        notes << tr("%1 SKIPDATA window(s): records were skipped there (first at %2)")
                     .arg(r.skipData)
                     .arg(QString::fromStdString(r.gaps.front().location));
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
    m_problems->setText(problems.join(QLatin1Char('\n')));
    QStringList details;
    for (const std::string &m : r.malformedSamples)
        details << QString::fromStdString(m);
    m_problems->setToolTip(details.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());

    m_table->resizeColumnsToContents();
    for (int c = 0; c < FlowFindingModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 240));
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    const QString message =
        tr("%1: %2 findings").arg(fileNames(m_inputs.logs)).arg(m_model->rowCount());
    emit statusMessage(message);
    emit loadFinished(true, message);
}

QString FlowLogView::summaryText() const
{
    if (!m_result)
        return {};
    const flowlog::FlowReport &r = m_result->report;
    QString text =
        tr("%1 records in %2 file(s); %3 flows to public addresses: %4 requests, %5 "
           "responses dropped, %6 rejected. Could move to private paths: <b>%7 out, "
           "%8 in</b>. %9 ownership prefixes loaded.")
            .arg(r.records)
            .arg(r.files.size())
            .arg(r.flows)
            .arg(r.requestFlows)
            .arg(r.responseFlows)
            .arg(r.rejectedFlows)
            .arg(flowlog::byteText(r.privatePathBytes))
            .arg(flowlog::inboundByteText(r.privatePathBytesIn, r.privatePathInboundKnown))
            .arg(m_result->prefixes);
    if (r.alreadyPrivateFlows > 0)
        text += QLatin1Char(' ') +
                tr("%1 flow(s) (%2) already go through a gateway endpoint: not counted.")
                    .arg(r.alreadyPrivateFlows)
                    .arg(flowlog::byteText(r.alreadyPrivateBytes));
    if (r.natCopyFlows > 0)
        text +=
            QLatin1Char(' ') + tr("%1 flow(s) (%2) logged again by a NAT gateway: counted once.")
                                   .arg(r.natCopyFlows)
                                   .arg(flowlog::byteText(r.natCopyBytes));
    if (r.unknownDirectionRecords > 0)
        text += QLatin1Char(' ') + tr("%1 record(s) between two public addresses without a "
                                      "direction field ignored.")
                                       .arg(r.unknownDirectionRecords);
    if (r.spilledBytes > 0)
        text += QLatin1Char(' ') + tr("Flow state beyond the memory budget went through "
                                      "temporary files: %1.")
                                       .arg(flowlog::byteText(r.spilledBytes));
    return text;
}

void FlowLogView::fillFilterCombos()
{
    std::set<QString> instances, services, vpcs;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        instances.insert(m_model->index(r, FlowFindingModel::SourceColumn).data().toString());
        services.insert(m_model->index(r, FlowFindingModel::ServiceColumn).data().toString());
        const QString vpc = m_model->index(r, FlowFindingModel::VpcColumn).data().toString();
        if (!vpc.isEmpty())
            vpcs.insert(vpc);
    }
    const auto fill = [](QComboBox *combo, const QString &all, const std::set<QString> &values) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(all, QString());
        for (const QString &v : values)
            combo->addItem(v, v);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    };
    fill(m_instanceFilter, tr("All instances"), instances);
    fill(m_serviceFilter, tr("All services"), services);
    fill(m_vpcFilter, tr("All VPCs"), vpcs);
    applyFilters();
}

void FlowLogView::applyFilters()
{
    m_proxy->setClassFilter(m_classFilter->currentData().toInt());
    m_proxy->setInstanceFilter(m_instanceFilter->currentData().toString());
    m_proxy->setServiceFilter(m_serviceFilter->currentData().toString());
    m_proxy->setVpcFilter(m_vpcFilter->currentData().toString());
}

void FlowLogView::onVisibleRowsChanged()
{
    m_counts->setText(tr("%1 of %2 findings").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    std::map<QString, quint64> perInstance, perService;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const Finding &f = m_model->findingAt(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        perInstance[QString::fromStdString(f.sourceName())] += f.totalBytes();
        perService[FlowFindingModel::destinationText(f)] += f.totalBytes();
    }
    const auto bars = [](const std::map<QString, quint64> &values) {
        QList<BarChart::Bar> out;
        for (const auto &[label, bytes] : values)
            out.append({label, bytes});
        return out;
    };
    m_instanceChart->setBars(bars(perInstance));
    m_serviceChart->setBars(bars(perService));
    if (!m_table->currentIndex().isValid())
        m_detail->clear();
}

void FlowLogView::showCurrentFinding()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid() || !m_result) {
        m_detail->clear();
        return;
    }
    m_detail->setHtml(
        flowFindingDetailHtml(m_model->findingAt(current.row()), m_result->sampleLines));
}

QString FlowLogView::exportFindings(const QString &path, ExportFormat format) const
{
    flowlog::FlowReport report = m_result ? m_result->report : flowlog::FlowReport();
    report.findings.clear();
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        report.findings.push_back(
            m_model->findingAt(m_proxy->mapToSource(m_proxy->index(r, 0)).row()));
    QByteArray bytes;
    switch (format) {
    case ExportFormat::Csv:
        bytes = flowlog::reportCsv(report);
        break;
    case ExportFormat::Markdown:
        bytes = flowlog::reportMarkdown(report);
        break;
    case ExportFormat::JsonLines:
        bytes = flowlog::reportJsonLines(report);
        break;
    }
    return io::writeOutputFile(path, bytes);
}

// The fields of the loaded AWS logs' header, when they all have the same
// one and the query can read it: an Athena table over such logs has those
// columns, and AWS's default format (v2) lacks the v5 fields that the
// standard table's query names, so that query fails on it. Empty for the
// standard table; `why` then says what kept the logs' format out, if any.
std::vector<std::string> FlowLogView::athenaFormat(QString *why) const
{
    if (!m_result || m_result->report.awsFormats.empty())
        return {};
    const auto &formats = m_result->report.awsFormats;
    if (formats.size() > 1) {
        if (why)
            *why = tr("the loaded logs have %1 formats").arg(formats.size());
        return {};
    }
    const std::vector<std::string> missing = flowlog::missingQueryFields(formats.front());
    if (!missing.empty()) {
        if (why) {
            QStringList names;
            for (const std::string &name : missing)
                names << QString::fromStdString(name);
            *why = tr("the loaded log's format lacks %1").arg(names.join(QStringLiteral(", ")));
        }
        return {};
    }
    return formats.front();
}

QString FlowLogView::query(flowlog::QueryEngine engine) const
{
    flowlog::QueryOptions options;
    std::vector<std::uint16_t> ports;
    if (parseListeningPorts(m_ports->text(), ports))
        options.listeningPorts = ports;
    if (engine == flowlog::QueryEngine::Athena)
        options.awsFields = athenaFormat(nullptr);
    return flowlog::flowLogQuery(engine, options);
}

void FlowLogView::copyQuery(flowlog::QueryEngine engine)
{
    QApplication::clipboard()->setText(query(engine));
    if (engine == flowlog::QueryEngine::Sls) {
        emit statusMessage(tr("SLS query copied: paste it after the search in the logstore"));
        return;
    }
    QString why;
    const std::size_t fields = athenaFormat(&why).size();
    if (fields != 0)
        emit statusMessage(tr("Athena query copied, for a table with the loaded log's %1 "
                              "fields as columns: run it over your flow-log table")
                               .arg(fields));
    else if (!why.isEmpty())
        emit statusMessage(tr("Athena query copied, for the standard table (%1): run it over "
                              "your flow-log table")
                               .arg(why));
    else
        emit statusMessage(tr("Athena query copied: run it over your flow-log table"));
}

void FlowLogView::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = AppSettings::recentFlowLogFiles();
    for (const QString &path : files)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { openFiles({path}); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!files.isEmpty());
}

void FlowLogView::updateInputsLabel()
{
    QStringList ownership;
    const struct
    {
        const QStringList &paths;
        FlowInputKind kind;
    } lists[] = {{m_inputs.cidrRanges, FlowInputKind::CidrRanges},
                 {m_inputs.inventories, FlowInputKind::Inventory},
                 {m_inputs.awsIpRanges, FlowInputKind::AwsIpRanges},
                 {m_inputs.alibabaPublicIps, FlowInputKind::AlibabaPublicIps}};
    for (const auto &list : lists)
        for (const QString &path : list.paths)
            ownership << tr("%1 (%2)").arg(QFileInfo(path).fileName(),
                                           flowInputKindText(list.kind));
    m_inputsLabel->setText(tr("Logs: %1 · Owners: %2")
                               .arg(m_inputs.logs.isEmpty() ? tr("none") : fileNames(m_inputs.logs),
                                    ownership.isEmpty() ? tr("built-in private ranges only")
                                                        : ownership.join(QLatin1String(", "))));
    m_inputsLabel->setToolTip((m_inputs.logs + m_inputs.ownershipFiles()).join(QLatin1Char('\n')));
}

void FlowLogView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void FlowLogView::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openFiles(paths);
}

} // namespace pl::gui
