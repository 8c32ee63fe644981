#include "headerinspector.h"

#include "export/breakdownmarkdown.h"
#include "models/breakdownmodel.h"
#include "models/severitystyle.h"
#include "proxy/bytearrayspan.h"
#include "proxy/headersummary.h"
#include "proxy/headertext.h"
#include "widgets/hexview.h"
#include "widgets/tablecopy.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace pl::gui {

using namespace pl::proxy;

namespace {
constexpr int kOffsetRole = Qt::UserRole + 1;
}

HeaderInspector::HeaderInspector(QWidget *parent)
    : QWidget(parent), m_model(new BreakdownModel(this)), m_tree(new QTreeView(this)),
      m_hex(new HexView(this)), m_diagnostics(new QListWidget(this)), m_summary(new QLabel(this))
{
    m_tree->setObjectName(QStringLiteral("breakdownView"));
    m_hex->setObjectName(QStringLiteral("hexView"));
    m_diagnostics->setObjectName(QStringLiteral("diagnosticsList"));
    m_summary->setObjectName(QStringLiteral("headerSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_diagnostics->setWordWrap(true);

    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(true);
    installTableCopy(m_tree);

    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_hex);
    lower->addWidget(m_diagnostics);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(lower);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HeaderInspector::onRowSelected);
    connect(m_hex, &HexView::byteClicked, this, &HeaderInspector::selectOffset);
    connect(m_diagnostics, &QListWidget::itemClicked, this,
            &HeaderInspector::onDiagnosticActivated);
    connect(m_diagnostics, &QListWidget::itemActivated, this,
            &HeaderInspector::onDiagnosticActivated);
    clear();
}

void HeaderInspector::setHeader(const QByteArray &bytes, VendorProfile vendor)
{
    m_model->setHeader(bytes, vendor);
    m_hex->setBytes(bytes);
    QList<HexView::Mark> marks;
    for (const BreakdownRow &row : m_model->rows())
        if (row.severity != Severity::Info)
            marks.append({static_cast<int>(row.offset), std::max(1, static_cast<int>(row.length)),
                          row.severity});
    m_hex->setMarks(marks);
    m_tree->expandToDepth(0);
    for (int c = 0; c < BreakdownModel::NoteColumn; ++c)
        m_tree->resizeColumnToContents(c);
    // Long values (IDs, padding) must not push the notes out of sight.
    m_tree->setColumnWidth(BreakdownModel::BytesColumn,
                           std::min(m_tree->columnWidth(BreakdownModel::BytesColumn), 170));
    m_tree->setColumnWidth(BreakdownModel::ValueColumn,
                           std::min(m_tree->columnWidth(BreakdownModel::ValueColumn), 330));
    fillDiagnostics();

    const HeaderSummary s = summarizeHeader(m_model->result());
    QString summary;
    if (s.decoded) {
        summary = tr("PROXY v%1 %2 · %3")
                      .arg(s.versionNumber)
                      .arg(QLatin1String(commandName(s.command)), s.family);
        if (s.hasAddresses)
            summary += QStringLiteral(" · %1 → %2").arg(s.source, s.destination);
        summary += tr(" · %1 bytes").arg(s.length);
        if (s.crc)
            summary += tr(" · CRC32C %1").arg(QLatin1String(crcStateName(*s.crc)));
    } else {
        summary = tr("Not a decodable PROXY header");
    }
    m_summary->setText(summary);
}

void HeaderInspector::clear(const QString &emptyText)
{
    m_model->clear();
    m_hex->setBytes({});
    m_diagnostics->clear();
    m_summary->setText(emptyText.isEmpty() ? tr("No header selected") : emptyText);
}

QString HeaderInspector::markdown() const
{
    return exporting::breakdownMarkdown(m_model->rows(), byteSpan(m_model->bytes()));
}

void HeaderInspector::selectOffset(int offset)
{
    const QModelIndex index = m_model->indexForOffset(offset);
    if (!index.isValid())
        return;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void HeaderInspector::onRowSelected()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid()) {
        m_hex->setSelection(-1, 0);
        return;
    }
    m_hex->setSelection(current.data(BreakdownModel::OffsetRole).toInt(),
                        current.data(BreakdownModel::LengthRole).toInt());
}

void HeaderInspector::onDiagnosticActivated(QListWidgetItem *item)
{
    const int offset = item->data(kOffsetRole).toInt();
    selectOffset(std::min<int>(offset, static_cast<int>(m_model->bytes().size()) - 1));
    m_hex->setSelection(offset, 1);
}

void HeaderInspector::fillDiagnostics()
{
    m_diagnostics->clear();
    const DecodeResult &r = m_model->result();
    auto add = [this](Severity severity, const QString &code, std::uint32_t offset,
                      const QString &message) {
        auto *item = new QListWidgetItem(tr("%1 at byte %2: %3").arg(code).arg(offset).arg(message),
                                         m_diagnostics);
        item->setData(kOffsetRole, static_cast<int>(offset));
        item->setData(Qt::BackgroundRole, severityBackground(severity));
        item->setData(Qt::ForegroundRole, severityForeground(severity));
    };
    if (r.error)
        add(Severity::Error, QLatin1String(errorCodeName(r.error.code)), r.error.offset,
            errorMessage(r.error));
    for (const Warning &w : r.warnings)
        add(warningSeverity(w.code), QLatin1String(warningCodeName(w.code)), w.offset,
            warningMessage(w));
    if (m_diagnostics->count() == 0 && !m_model->isEmpty())
        new QListWidgetItem(tr("No errors or warnings"), m_diagnostics);
}

} // namespace pl::gui
