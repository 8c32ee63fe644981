#include "capturesview.h"

#include "capturesummary.h"
#include "export/connectionjson.h"
#include "headerinspector.h"
#include "io/outputfile.h"
#include "models/breakdownmodel.h"
#include "models/captureloader.h"
#include "models/connectionfiltermodel.h"
#include "models/connectiontablemodel.h"
#include "widgets/tablecopy.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace pl::gui {

namespace {

QString csvField(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n'))) {
        text.replace(QLatin1Char('"'), QLatin1String("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

CapturesView::CapturesView(QWidget *parent)
    : QWidget(parent), m_model(new ConnectionTableModel(this)),
      m_proxy(new ConnectionFilterModel(this)), m_loader(new CaptureLoader(this)),
      m_table(new QTableView(this)), m_filter(new QLineEdit(this)),
      m_filterProblems(new QLabel(this)), m_counts(new QLabel(this)),
      m_columns(new QToolButton(this)), m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_inspector(new HeaderInspector(this)),
      m_summary(new CaptureSummary(this))
{
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
           "finding:NAME; -term negates"));
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
    progressBar->addWidget(m_cancel);
    m_progress->hide();
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
    connect(m_cancel, &QPushButton::clicked, this, &CapturesView::cancelLoading);
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

void CapturesView::open(const QString &path)
{
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

void CapturesView::onBatch(const QList<capture::ConnectionRow> &rows)
{
    m_model->appendRows(rows);
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
    if (cancelled)
        message = tr("Loading cancelled: %1 connections read").arg(m_model->rowCount());
    else if (!error.isEmpty())
        message = tr("%1: %2 (the %3 connections read before it are shown)")
                      .arg(QFileInfo(m_path).fileName(), error)
                      .arg(m_model->rowCount());
    else
        message =
            tr("%1: %2 connections").arg(QFileInfo(m_path).fileName()).arg(m_model->rowCount());
    if (m_model->rowCount() == 0)
        m_inspector->clear(error.isEmpty() ? tr("This capture has no TCP or UDP connections")
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
                                              : row.connection.payload));
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
    if (format == ExportFormat::Csv) {
        QStringList header;
        for (int c = 0; c < ConnectionTableModel::ColumnCount; ++c)
            header << csvField(m_model->headerData(c, Qt::Horizontal).toString());
        file.write(header.join(QLatin1Char(',')).toUtf8() + "\r\n");
    }
    // The rows as filtered and sorted on screen: export what you see.
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const int source = m_proxy->mapToSource(m_proxy->index(r, 0)).row();
        if (format == ExportFormat::JsonLines) {
            QByteArray line;
            exporting::writeConnectionJson(line, m_model->rowAt(source).connection, m_vendor);
            line.append('\n');
            file.write(line);
        } else {
            QStringList cells;
            for (int c = 0; c < ConnectionTableModel::ColumnCount; ++c)
                cells << csvField(m_model->index(source, c).data().toString());
            file.write(cells.join(QLatin1Char(',')).toUtf8() + "\r\n");
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
            m_model->rowAt(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        if (!row.findings.isEmpty() || !row.errorCode.isEmpty() || !row.connection.headerPresent) {
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
