#include "policyexportdialog.h"

#include "net/backendcheck.h"
#include "proxy/endpointtext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <optional>

namespace pl::gui {

namespace {

std::optional<proxy::EndpointText> endpoint(const QString &text)
{
    const auto e = proxy::parseEndpointText(text.trimmed());
    if (!e || e->isUnix() || e->port == 0)
        return std::nullopt;
    return e;
}

} // namespace

PolicyExportDialog::PolicyExportDialog(policy::PolicyDocument document,
                                       QList<policy::TestCase> cases, QWidget *parent)
    : QDialog(parent), m_document(std::move(document)), m_cases(std::move(cases)),
      m_target(new QComboBox(this)), m_listen(new QLineEdit(QStringLiteral("0.0.0.0:8443"), this)),
      m_upstream(new QLineEdit(QStringLiteral("127.0.0.1:8080"), this)),
      m_httpOnly(new QCheckBox(tr("The listener serves only HTTP (nginx-njs)"), this)),
      m_preview(new QTabWidget(this)), m_refusals(new QListWidget(this)),
      m_save(new QPushButton(tr("Save to folder..."), this)),
      m_backend(new QLineEdit(QStringLiteral("127.0.0.1:8443"), this)),
      m_check(new QPushButton(tr("Check against backend"), this)),
      m_checkTable(new QTableWidget(this))
{
    setWindowTitle(tr("Export for backend"));
    setObjectName(QStringLiteral("policyExportDialog"));
    m_target->setObjectName(QStringLiteral("exportTarget"));
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_refusals->setObjectName(QStringLiteral("exportRefusals"));
    m_checkTable->setObjectName(QStringLiteral("exportCheckTable"));
    for (const QString &name : enforce::targetNames())
        m_target->addItem(name, name);
    m_refusals->setWordWrap(true);
    m_checkTable->setColumnCount(4);
    m_checkTable->setHorizontalHeaderLabels(
        {tr("Test case"), tr("Simulated"), tr("Observed"), tr("Result")});
    // Case names and answers are read whole; the verdict column takes the rest.
    m_checkTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_checkTable->horizontalHeader()->setStretchLastSection(true);
    m_checkTable->setWordWrap(false);
    m_checkTable->verticalHeader()->hide();
    m_checkTable->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *form = new QFormLayout;
    form->addRow(tr("Target"), m_target);
    form->addRow(tr("Listen on"), m_listen);
    form->addRow(tr("Upstream"), m_upstream);
    form->addRow(QString(), m_httpOnly);

    auto *checkBar = new QHBoxLayout;
    checkBar->addWidget(new QLabel(tr("Backend"), this));
    checkBar->addWidget(m_backend, 1);
    checkBar->addWidget(m_check);
    m_check->setToolTip(tr("Send each test case of the Policy view to the running backend and "
                           "compare its answer with the simulated decision"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_preview);
    split->addWidget(m_refusals);
    auto *checkBox = new QWidget(this);
    auto *checkLayout = new QVBoxLayout(checkBox);
    checkLayout->setContentsMargins(0, 0, 0, 0);
    checkLayout->addLayout(checkBar);
    checkLayout->addWidget(m_checkTable, 1);
    split->addWidget(checkBox);
    split->setStretchFactor(0, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(m_target, &QComboBox::currentIndexChanged, this, &PolicyExportDialog::regenerate);
    connect(m_listen, &QLineEdit::editingFinished, this, &PolicyExportDialog::regenerate);
    connect(m_upstream, &QLineEdit::editingFinished, this, &PolicyExportDialog::regenerate);
    connect(m_httpOnly, &QCheckBox::toggled, this, &PolicyExportDialog::regenerate);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Save the configuration"));
        if (dir.isEmpty())
            return;
        const QString error = saveTo(dir);
        if (!error.isEmpty())
            m_refusals->addItem(error);
    });
    connect(m_check, &QPushButton::clicked, this, [this] { checkBackend(m_backend->text()); });
    resize(900, 700);
    regenerate();
}

void PolicyExportDialog::setTarget(const QString &target)
{
    m_target->setCurrentIndex(m_target->findData(target));
}

void PolicyExportDialog::regenerate()
{
    const auto generator = enforce::generatorFor(m_target->currentData().toString());
    if (!generator)
        return;
    enforce::EnforceOptions options;
    m_refusals->clear();
    if (const auto listen = endpoint(m_listen->text())) {
        options.listenAddress = listen->address.toString();
        options.listenPort = listen->port;
    } else {
        m_refusals->addItem(tr("Listen on: give ADDRESS:PORT"));
    }
    if (const auto up = endpoint(m_upstream->text())) {
        options.upstreamHost = up->address.toString();
        options.upstreamPort = up->port;
    } else {
        m_refusals->addItem(tr("Upstream: give ADDRESS:PORT"));
    }
    options.httpOnly = m_httpOnly->isChecked();
    m_result = generator->generate(m_document, options);
    m_preview->clear();
    for (const enforce::GeneratedFile &f : m_result.files) {
        auto *text = new QPlainTextEdit(m_preview);
        text->setReadOnly(true);
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setPlainText(QString::fromUtf8(f.content));
        m_preview->addTab(text, f.name);
    }
    for (const enforce::Refusal &r : m_result.refusals)
        m_refusals->addItem(tr("Refused: %1").arg(r.text(m_document.name)));
    for (const QString &note : m_result.notes)
        m_refusals->addItem(tr("Note: %1").arg(note));
    if (m_result.ok() && m_result.refusals.isEmpty() && m_result.notes.isEmpty())
        m_refusals->addItem(tr("Every statement is enforced."));
    m_save->setEnabled(m_result.ok());
}

QString PolicyExportDialog::saveTo(const QString &dir) const
{
    if (!m_result.ok())
        return tr("Nothing to save: the target refuses part of the policy.");
    return enforce::saveGeneratedFiles(m_result.files, dir);
}

void PolicyExportDialog::checkBackend(const QString &hostPort)
{
    const auto backend = endpoint(hostPort);
    m_checkTable->setRowCount(0);
    if (!backend || m_cases.isEmpty()) {
        m_checkTable->setRowCount(1);
        m_checkTable->setItem(0, 0,
                              new QTableWidgetItem(!backend ? tr("Backend: give ADDRESS:PORT")
                                                            : tr("Load test cases in the "
                                                                 "Policy view first.")));
        return;
    }
    delete m_run;
    m_run = new net::BackendCheck(policy::PolicySet(m_document), m_cases,
                                  backend->address.toString(), backend->port, this);
    m_check->setEnabled(false);
    connect(m_run, &net::BackendCheck::caseFinished, this,
            [this](const net::BackendCheckResult &r) {
                const int row = m_checkTable->rowCount();
                m_checkTable->insertRow(row);
                m_checkTable->setItem(row, 0, new QTableWidgetItem(r.name));
                QString simulated = QLatin1String(policy::decisionName(r.simulated));
                if (r.typedDecision)
                    simulated += tr(" (as typed: %1)")
                                     .arg(QLatin1String(policy::decisionName(*r.typedDecision)));
                auto *simulatedItem = new QTableWidgetItem(simulated);
                if (!r.unsentKeys.isEmpty())
                    simulatedItem->setToolTip(tr("Not sent, no header carries them: %1")
                                                  .arg(r.unsentKeys.join(QStringLiteral(", "))));
                m_checkTable->setItem(row, 1, simulatedItem);
                m_checkTable->setItem(
                    row, 2,
                    new QTableWidgetItem(QStringLiteral("%1 (%2)").arg(
                        QLatin1String(net::backendAnswerName(r.answer)), r.observed)));
                m_checkTable->setItem(
                    row, 3, new QTableWidgetItem(r.match ? tr("agrees") : tr("MISMATCH")));
            });
    connect(m_run, &net::BackendCheck::finished, this, [this] {
        m_check->setEnabled(true);
        emit checkFinished(m_run->mismatches());
    });
    m_run->start();
}

} // namespace pl::gui
