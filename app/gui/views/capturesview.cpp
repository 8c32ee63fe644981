#include "capturesview.h"

#include "capture/pcapsource.h"
#include "capturesummary.h"
#include "export/connectioncsv.h"
#include "export/connectionjson.h"
#include "export/packetexport.h"
#include "headerinspector.h"
#include "io/outputfile.h"
#include "livecapturedialog.h"
#include "models/breakdownmodel.h"
#include "models/captureloader.h"
#include "models/connectionfiltermodel.h"
#include "models/connectiontablemodel.h"
#include "policy/policytypes.h"
#include "widgets/tablecopy.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

namespace pl::gui {

CapturesView::CapturesView(QWidget *parent)
    : QWidget(parent), m_model(new ConnectionTableModel(this)),
      m_proxy(new ConnectionFilterModel(this)), m_loader(new CaptureLoader(this)),
      m_table(new QTableView(this)), m_filter(new QLineEdit(this)),
      m_filterProblems(new QLabel(this)), m_counts(new QLabel(this)),
      m_columns(new QToolButton(this)), m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_inspector(new HeaderInspector(this)),
      m_summary(new CaptureSummary(this)), m_liveCounts(new QLabel(this))
{
    m_liveCounts->setObjectName(QStringLiteral("liveCounts"));
    m_table->setObjectName(QStringLiteral("connectionTable"));
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_counts->setObjectName(QStringLiteral("connectionCounts"));

    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ConnectionTableModel::FrameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    installTableCopy(m_table);

    m_filter->setPlaceholderText(
        tr("Filter: free text, vpc:ID, ep:ID, crc:invalid, error, missing, v1, v2, local, "
           "finding:NAME, host:, path:, status:403; -term negates"));
    m_filter->setClearButtonEnabled(true);
    m_filterProblems->setStyleSheet(QStringLiteral("color: #b00020"));
    m_columns->setText(tr("Columns"));
    m_columns->setPopupMode(QToolButton::InstantPopup);
    buildColumnMenu();

    auto *filterBar = new QHBoxLayout;
    filterBar->addWidget(m_filter, 1);
    filterBar->addWidget(m_filterProblems);
    filterBar->addWidget(m_counts);
    filterBar->addWidget(m_columns);

    auto *progressBar = new QHBoxLayout;
    progressBar->addWidget(m_progress, 1);
    progressBar->addWidget(m_liveCounts);
    progressBar->addWidget(m_cancel);
    m_progress->hide();
    m_liveCounts->hide();
    m_cancel->hide();

    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_inspector);
    lower->addWidget(m_summary);
    lower->setStretchFactor(0, 5);
    lower->setStretchFactor(1, 2);
    m_summary->setMinimumWidth(380);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(lower);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterBar);
    layout->addLayout(progressBar);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        m_filterProblems->setText(
            m_proxy->filter().problems().isEmpty()
                ? QString()
                : tr("not understood: %1")
                      .arg(m_proxy->filter().problems().join(QLatin1String(", "))));
        updateCounts();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CapturesView::onCurrentRowChanged);
    connect(m_loader, &CaptureLoader::batchReady, this, &CapturesView::onBatch);
    connect(m_loader, &CaptureLoader::finished, this, &CapturesView::onFinished);
    connect(m_loader, &CaptureLoader::progress, this,
            [this](qint64 read, qint64 total, qulonglong connections) {
                if (total > 0) {
                    m_progress->setRange(0, 1000);
                    m_progress->setValue(static_cast<int>(read * 1000 / total));
                }
                m_progress->setFormat(tr("%1 connections · %p%").arg(connections));
            });
    connect(m_loader, &CaptureLoader::liveProgress, this,
            [this](qulonglong packets, qulonglong connections, qulonglong dropped) {
                m_liveCounts->setText(tr("%1 packets · %2 connections · %3 dropped")
                                          .arg(packets)
                                          .arg(connections)
                                          .arg(dropped));
            });
    connect(m_cancel, &QPushButton::clicked, this, &CapturesView::cancelLoading);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CapturesView::updateCaptureActions);
    buildCaptureMenus();
    m_inspector->clear(tr("Open a capture (File > Open, or drop a .pcap/.pcapng here)"));
}

void CapturesView::buildColumnMenu()
{
    auto *menu = new QMenu(m_columns);
    for (int c = 0; c < ConnectionTableModel::ColumnCount; ++c) {
        QAction *a = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this,
                [this, c](bool on) { m_table->setColumnHidden(c, !on); });
    }
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        const QList<QAction *> actions = menu->actions();
        for (int c = 0; c < actions.size(); ++c)
            actions[c]->setChecked(!m_table->isColumnHidden(c));
    });
    m_columns->setMenu(menu);
}

CapturesView::~CapturesView() = default;

void CapturesView::open(const QString &path)
{
    m_live = false;
    m_liveCounts->hide();
    m_cancel->setText(tr("Cancel"));
    m_path = path;
    m_model->clear();
    m_summary->clear();
    m_inspector->clear(tr("Loading %1 ...").arg(QFileInfo(path).fileName()));
    m_firstBatch = true;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_loader->load(path, m_vendor);
    emit statusMessage(tr("Reading %1").arg(path));
    updateCaptureActions();
}

void CapturesView::startLive(const capture::LiveOptions &options)
{
    auto dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid()) {
        emit statusMessage(
            tr("Cannot start the capture: no temporary folder (%1)").arg(dir->errorString()));
        return;
    }
    m_liveDir = std::move(dir);
    m_live = true;
    m_path = m_liveDir->filePath(QStringLiteral("live-%1.pcapng").arg(options.interfaceName));
    m_model->clear();
    m_summary->clear();
    m_inspector->clear(
        tr("Capturing on %1: connections appear as they complete").arg(options.interfaceName));
    m_firstBatch = true;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_liveCounts->setText(tr("%1 packets · %2 connections · %3 dropped").arg(0).arg(0).arg(0));
    m_liveCounts->show();
    m_cancel->setText(tr("Stop"));
    m_cancel->show();
    m_loader->loadLive(options, m_path, m_vendor);
    emit statusMessage(tr("Capturing on %1 (%2)")
                           .arg(options.interfaceName,
                                options.filter.isEmpty() ? tr("no filter") : options.filter));
    updateCaptureActions();
}

bool CapturesView::isCapturingLive() const
{
    return m_live && isLoading();
}

bool CapturesView::hasLiveCapture() const
{
    return m_live && !isLoading() && QFileInfo::exists(m_path);
}

QString CapturesView::saveLiveCapture(const QString &path) const
{
    QFile in(m_path);
    if (!in.open(QIODevice::ReadOnly))
        return in.errorString();
    io::OutputFile out(path);
    if (QString error = out.open(); !error.isEmpty())
        return error;
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 20);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError)
            return in.errorString();
        out.write(chunk);
    }
    return out.commit();
}

int CapturesView::selectedConnectionCount() const
{
    return static_cast<int>(m_table->selectionModel()->selectedRows().size());
}

QList<exporting::ConnectionFrames> CapturesView::chosenConnections(bool selectedOnly) const
{
    QList<int> sourceRows;
    if (selectedOnly) {
        for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
            sourceRows << m_proxy->mapToSource(index).row();
    } else {
        for (int r = 0; r < m_proxy->rowCount(); ++r)
            sourceRows << m_proxy->mapToSource(m_proxy->index(r, 0)).row();
    }
    QList<exporting::ConnectionFrames> chosen;
    chosen.reserve(sourceRows.size());
    for (int row : std::as_const(sourceRows))
        chosen << exporting::connectionFrames(m_model->viewAt(row).connection);
    return chosen;
}

QString CapturesView::exportPackets(const QString &path, bool selectedOnly) const
{
    return exporting::writeConnectionPackets(m_path, chosenConnections(selectedOnly), path).error;
}

void CapturesView::buildCaptureMenus()
{
    m_captureMenu = new QMenu(tr("&Capture"), this);
    m_startAction = m_captureMenu->addAction(tr("&Start..."), this, &CapturesView::startLiveDialog);
    m_startAction->setObjectName(QStringLiteral("startCaptureAction"));
    m_stopAction = m_captureMenu->addAction(tr("S&top"), this, &CapturesView::stopLive);
    m_stopAction->setObjectName(QStringLiteral("stopCaptureAction"));
    m_saveAction =
        m_captureMenu->addAction(tr("Save as &pcapng..."), this, &CapturesView::saveLiveDialog);
    m_saveAction->setObjectName(QStringLiteral("saveCaptureAction"));

    m_exportCaptureMenu = new QMenu(tr("Export connections as &capture"), this);
    m_exportSelected = m_exportCaptureMenu->addAction(tr("&Selected connections..."), this,
                                                      [this] { exportPacketsDialog(true); });
    m_exportFiltered = m_exportCaptureMenu->addAction(tr("&Filtered connections..."), this,
                                                      [this] { exportPacketsDialog(false); });
    connect(m_loader, &CaptureLoader::finished, this, &CapturesView::updateCaptureActions);
    connect(m_exportCaptureMenu, &QMenu::aboutToShow, this, &CapturesView::updateCaptureActions);
    updateCaptureActions();
}

void CapturesView::updateCaptureActions()
{
    if (!m_startAction)
        return;
    const bool loading = isLoading();
    m_startAction->setEnabled(!loading);
    m_stopAction->setEnabled(isCapturingLive());
    m_saveAction->setEnabled(hasLiveCapture());
    const bool exportable = !loading && !m_path.isEmpty() && m_model->rowCount() > 0;
    const int selected = selectedConnectionCount();
    m_exportSelected->setEnabled(exportable && selected > 0);
    m_exportSelected->setText(tr("&Selected connections (%1)...").arg(selected));
    m_exportFiltered->setEnabled(exportable && m_proxy->rowCount() > 0);
    m_exportFiltered->setText(tr("&Filtered connections (%1)...").arg(m_proxy->rowCount()));
}

void CapturesView::startLiveDialog()
{
    LiveCaptureDialog dialog(this);
    if (m_suggestPort)
        dialog.suggestPort(m_suggestPort());
    if (dialog.exec() == QDialog::Accepted)
        startLive(dialog.options());
}

void CapturesView::saveLiveDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save capture"), QString(),
                                                      tr("pcapng captures (*.pcapng)"));
    if (path.isEmpty())
        return;
    const QString error = saveLiveCapture(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Save capture"), tr("Cannot save %1: %2").arg(path, error));
    else
        emit statusMessage(tr("Saved %1").arg(path));
}

void CapturesView::exportPacketsDialog(bool selectedOnly)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export connections as capture"),
                                                      QString(), tr("pcapng captures (*.pcapng)"));
    if (path.isEmpty())
        return;
    // The capture is read again: off the GUI thread, like loading it.
    auto result = std::make_shared<exporting::PacketExportResult>();
    QThread *worker =
        QThread::create([result, source = m_path, chosen = chosenConnections(selectedOnly), path] {
            *result = exporting::writeConnectionPackets(source, chosen, path);
        });
    m_exportCaptureMenu->setEnabled(false);
    connect(worker, &QThread::finished, this, [this, worker, result, path] {
        worker->deleteLater();
        m_exportCaptureMenu->setEnabled(true);
        if (!result->error.isEmpty())
            QMessageBox::warning(this, tr("Export connections as capture"), result->error);
        else
            emit statusMessage(tr("Exported the connections' packets to %1").arg(path));
    });
    emit statusMessage(tr("Exporting to %1 ...").arg(path));
    worker->start();
}

void CapturesView::reload()
{
    if (!m_path.isEmpty())
        open(m_path);
}

void CapturesView::cancelLoading()
{
    m_loader->cancel();
}

bool CapturesView::isLoading() const
{
    return m_loader->isLoading();
}

void CapturesView::setVendorProfile(proxy::VendorProfile vendor)
{
    if (vendor == m_vendor)
        return;
    m_vendor = vendor;
    reload(); // vendor IDs are derived per row
}

void CapturesView::onBatch(const std::shared_ptr<capture::ConnectionChunk> &rows)
{
    m_model->appendChunk(rows);
    if (m_firstBatch && m_proxy->rowCount() > 0) {
        m_firstBatch = false;
        m_table->resizeColumnsToContents();
        for (int c = 0; c < ConnectionTableModel::ColumnCount; ++c)
            m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 260));
        m_table->selectRow(0);
    }
    updateCounts();
}

void CapturesView::onFinished(bool ok, bool cancelled, const QString &error,
                              const capture::CaptureStats &stats)
{
    m_progress->hide();
    m_cancel->hide();
    m_summary->setStats(stats);
    updateCounts();
    QString message;
    if (m_live) {
        m_cancel->setText(tr("Cancel"));
        if (!error.isEmpty() && m_model->rowCount() == 0) {
            // No permission, interface gone: say what to do, keep the rest working.
            m_liveCounts->hide();
            m_inspector->clear(error);
            QMessageBox::warning(this, tr("Live capture"), error);
            emit statusMessage(error);
            emit loadFinished(false, error);
            return;
        }
        message = error.isEmpty()
                      ? tr("Capture stopped: %1 connections; Capture > Save as pcapng keeps it")
                            .arg(m_model->rowCount())
                      : tr("Capture stopped: %1").arg(error);
    } else if (cancelled)
        message = tr("Loading cancelled: %1 connections read").arg(m_model->rowCount());
    else if (!error.isEmpty())
        message = tr("%1: %2 (the %3 connections read before it are shown)")
                      .arg(QFileInfo(m_path).fileName(), error)
                      .arg(m_model->rowCount());
    else
        message =
            tr("%1: %2 connections").arg(QFileInfo(m_path).fileName()).arg(m_model->rowCount());
    if (m_model->rowCount() == 0)
        m_inspector->clear(error.isEmpty() ? m_live
                                                 ? tr("No connection was captured")
                                                 : tr("This capture has no TCP or UDP connections")
                                           : error);
    emit statusMessage(message);
    emit loadFinished(ok, error);
}

void CapturesView::updateCounts()
{
    m_counts->setText(tr("%1 of %2 connections").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void CapturesView::onCurrentRowChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid())
        return;
    const capture::ConnectionRow &row = m_model->rowAt(current.row());
    if (row.connection.headerBytes.isEmpty()) {
        m_inspector->clear(row.connection.headerPresent
                               ? tr("The header bytes were not captured")
                               : tr("No PROXY header: the client's first bytes were %1")
                                     .arg(row.connection.payload.isEmpty()
                                              ? tr("absent")
                                              : row.connection.payload.text()));
        return;
    }
    m_inspector->setHeader(row.connection.headerBytes, m_vendor);
}

bool CapturesView::hasSelectedHeader() const
{
    return !m_inspector->model()->isEmpty();
}

QString CapturesView::exportConnections(const QString &path, ExportFormat format) const
{
    io::OutputFile file(path);
    if (QString error = file.open(); !error.isEmpty())
        return error;
    if (format == ExportFormat::Csv)
        file.write(exporting::connectionCsvHeader());
    // The rows as filtered and sorted on screen: export what you see.
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const int source = m_proxy->mapToSource(m_proxy->index(r, 0)).row();
        if (format == ExportFormat::JsonLines) {
            QByteArray line;
            exporting::writeConnectionJson(line, m_model->viewAt(source).connection, m_vendor);
            line.append('\n');
            file.write(line);
        } else {
            // English keys and values whatever the UI language.
            const std::int8_t decision = m_model->decisionAt(source);
            file.write(exporting::connectionCsvRow(
                m_model->viewAt(source),
                decision < 0 ? QString()
                             : QLatin1String(policy::decisionName(policy::Decision(decision)))));
        }
    }
    return file.commit();
}

QString CapturesView::exportBreakdownMarkdown(const QString &path) const
{
    return io::writeOutputFile(path, m_inspector->markdown().toUtf8());
}

QString CapturesView::exportHeaderBytes(const QString &path, bool asHex) const
{
    const QByteArray &bytes = m_inspector->model()->bytes();
    return io::writeOutputFile(path, asHex ? bytes.toHex() + '\n' : bytes);
}

void CapturesView::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void CapturesView::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

void CapturesView::selectNextFinding(int direction)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    int r = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -direction;
    for (int step = 0; step < rows; ++step) {
        r = (r + direction + rows) % rows;
        const capture::ConnectionRow &row =
            m_model->viewAt(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        if (!row.findings.isEmpty() || row.hasError() || !row.connection.headerPresent) {
            m_table->selectRow(r);
            m_table->scrollTo(m_proxy->index(r, 0));
            return;
        }
    }
    emit statusMessage(tr("No connection with findings"));
}

QByteArray CapturesView::columnState() const
{
    return m_table->horizontalHeader()->saveState();
}

void CapturesView::restoreColumnState(const QByteArray &state)
{
    m_table->horizontalHeader()->restoreState(state);
}

} // namespace pl::gui
