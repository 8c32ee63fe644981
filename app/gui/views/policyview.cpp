#include "policyview.h"

#include "appsettings.h"
#include "capturesview.h"
#include "io/outputfile.h"
#include "models/capturejudge.h"
#include "models/connectionfiltermodel.h"
#include "models/connectiontablemodel.h"
#include "policy/batch.h"
#include "policy/checkedpolicy.h"
#include "policy/jsonpositions.h"
#include "policy/policydiff.h"
#include "policy/policydocument.h"
#include "policy/requestbuilder.h"
#include "policyexportdialog.h"
#include "widgets/jsonhighlighter.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBlock>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pl::gui {

using namespace pl::policy;

namespace {

QString joined(const QStringList &values)
{
    return values.isEmpty() ? QStringLiteral("(absent)") : values.join(QLatin1String(", "));
}

} // namespace

PolicyView::PolicyView(QWidget *parent)
    : QWidget(parent), m_editor(new QPlainTextEdit(this)), m_request(new QPlainTextEdit(this)),
      m_templates(new QComboBox(this)),
      m_fromConnection(new QPushButton(tr("Use selected capture connection"), this)),
      m_batchButton(new QPushButton(tr("Evaluate the whole capture"), this)),
      m_decision(new QLabel(this)), m_errors(new QListWidget(this)), m_tree(new QTreeWidget(this)),
      m_batch(new QTableWidget(this)), m_cases(new QTableWidget(this)),
      m_diff(new QTableWidget(this)), m_results(new QTabWidget(this)), m_debounce(new QTimer(this)),
      m_judge(new CaptureJudge(this)), m_runStatus(new QLabel(this))
{
    m_editor->setObjectName(QStringLiteral("policyEditor"));
    m_request->setObjectName(QStringLiteral("requestEditor"));
    m_decision->setObjectName(QStringLiteral("policyDecision"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setFont(mono);
    m_request->setFont(mono);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    new JsonHighlighter(m_editor->document());
    new JsonHighlighter(m_request->document());

    m_templates->addItem(tr("Templates..."), QString());
    const struct
    {
        QString title;
        QString file;
    } templates[] = {
        {tr("Sample: login only through the production endpoint"),
         QStringLiteral(":/samples/sample-policy.json")},
        {tr("Only /login through endpoint X (backend rule on TLV 0xE1/0x02)"),
         QStringLiteral(":/policy-templates/login-only-through-endpoint.json")},
        {tr("This account only from VPC Y (acs:SourceVpc)"),
         QStringLiteral(":/policy-templates/account-only-from-vpc.json")},
        {tr("Own-account principals only through this endpoint"),
         QStringLiteral(":/policy-templates/own-account-through-endpoint.json")},
        {tr("Writes only from a VPC"),
         QStringLiteral(":/policy-templates/writes-only-from-vpc.json")},
    };
    for (const auto &t : templates)
        m_templates->addItem(t.title, t.file);

    m_decision->setTextFormat(Qt::RichText);
    m_decision->setWordWrap(true);
    m_errors->setMaximumHeight(90);
    m_errors->setWordWrap(true);
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Check"), tr("Expected"), tr("Actual"), tr("From")});
    m_tree->header()->setStretchLastSection(true);
    m_batch->setColumnCount(3);
    m_batch->setHorizontalHeaderLabels({tr("Statement / decision"), tr("Line"), tr("Hits")});
    m_batch->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_batch->verticalHeader()->hide();
    m_batch->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const auto setUpTable = [](QTableWidget *t, const QStringList &headers) {
        t->setColumnCount(static_cast<int>(headers.size()));
        t->setHorizontalHeaderLabels(headers);
        t->horizontalHeader()->setStretchLastSection(true);
        t->verticalHeader()->hide();
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    };
    setUpTable(m_cases, {tr("Test case"), tr("Expected"), tr("Got"), tr("Result")});
    setUpTable(m_diff, {tr("Request"), tr("Before"), tr("After"), tr("Why")});
    // The capture run's progress and outcome sit above its table: the
    // decision label above belongs to the single request.
    auto *run = new QWidget(this);
    auto *runLayout = new QVBoxLayout(run);
    runLayout->setContentsMargins(0, 0, 0, 0);
    m_runStatus->setObjectName(QStringLiteral("captureRunStatus"));
    runLayout->addWidget(m_runStatus);
    runLayout->addWidget(m_batch);
    m_results->addTab(run, tr("Capture run"));
    m_results->addTab(m_cases, tr("Test cases"));
    m_results->addTab(m_diff, tr("Diff"));
    auto *casesButton = new QPushButton(tr("Test cases..."), this);
    auto *diffButton = new QPushButton(tr("Diff against..."), this);
    casesButton->setToolTip(
        tr("Load a test-case table (JSON or CSV); pass/fail follows every edit"));
    diffButton->setToolTip(tr("Compare an older version of the policy with this one over the test "
                              "cases and the capture"));
    connect(casesButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Test cases"), {},
                                                          tr("Test cases (*.json *.csv)"));
        if (!path.isEmpty()) {
            const QString error = loadTestCases(path);
            if (!error.isEmpty())
                m_decision->setText(error.toHtmlEscaped());
        }
    });
    connect(diffButton, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Older policy"), {}, tr("Policies (*.json)"));
        if (!path.isEmpty()) {
            const QString error = diffAgainst(path);
            if (!error.isEmpty())
                m_decision->setText(error.toHtmlEscaped());
        }
    });

    auto *exportButton = new QPushButton(tr("Export for backend..."), this);
    exportButton->setObjectName(QStringLiteral("exportForBackend"));
    exportButton->setToolTip(tr("Generate the nginx, OpenResty or HAProxy configuration that "
                                "enforces this policy, and check a running backend with it"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const CheckedPolicy checked = checkPolicyText(
            m_editor->toPlainText().toUtf8(),
            m_path.isEmpty() ? QStringLiteral("policy.json") : QFileInfo(m_path).fileName());
        if (!checked.usable()) {
            m_decision->setText(checked.errorMessages().join(QLatin1Char('\n')).toHtmlEscaped());
            return;
        }
        auto *dialog = new PolicyExportDialog(checked.document, m_testCases, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_templates);
    leftLayout->addWidget(m_editor, 1);
    leftLayout->addWidget(m_errors);

    auto *requestBox = new QWidget(this);
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    auto *requestBar = new QHBoxLayout;
    requestBar->addWidget(new QLabel(tr("Request (JSON)"), this));
    requestBar->addStretch(1);
    requestBar->addWidget(m_fromConnection);
    requestBar->addWidget(m_batchButton);
    requestBar->addWidget(casesButton);
    requestBar->addWidget(diffButton);
    requestBar->addWidget(exportButton);
    requestLayout->addLayout(requestBar);
    requestLayout->addWidget(m_request);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(requestBox);
    auto *decisionBox = new QWidget(this);
    auto *decisionLayout = new QVBoxLayout(decisionBox);
    decisionLayout->setContentsMargins(0, 0, 0, 0);
    decisionLayout->addWidget(m_decision);
    decisionLayout->addWidget(m_tree, 1);
    right->addWidget(decisionBox);
    right->addWidget(m_results);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 3);
    right->setStretchFactor(2, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &PolicyView::evaluateNow);
    connect(m_editor, &QPlainTextEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_request, &QPlainTextEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_templates, &QComboBox::activated, this, &PolicyView::loadTemplate);
    connect(m_fromConnection, &QPushButton::clicked, this, &PolicyView::useSelectedConnection);
    connect(m_batchButton, &QPushButton::clicked, this, &PolicyView::evaluateCapture);
    connect(m_judge, &CaptureJudge::progress, this, &PolicyView::showJudgeProgress);
    connect(m_judge, &CaptureJudge::finished, this, &PolicyView::applyJudgement);

    // The sample policy and a request it allows; judged once, at the end.
    QFile sample(QStringLiteral(":/samples/sample-policy.json"));
    if (sample.open(QIODevice::ReadOnly))
        m_editor->setPlainText(QString::fromUtf8(sample.readAll()));
    m_request->setPlainText(QStringLiteral(
        "{\n  \"action\": \"http:GET\",\n  \"resource\": \"/login\",\n  \"context\": {\n"
        "    \"alibaba:EndpointId\": \"ep-bp1i288487e586152d4b\",\n"
        "    \"acs:SourceVpc\": \"vpc-bp179qeke0wzo1mr8bxhl\"\n  }\n}\n"));
    m_editor->document()->setModified(false);
    evaluateNow();
}

void PolicyView::setPolicyText(const QString &json)
{
    m_editor->setPlainText(json);
    evaluateNow();
}

QString PolicyView::policyText() const
{
    return m_editor->toPlainText();
}

void PolicyView::setRequestJson(const QString &json)
{
    m_request->setPlainText(json);
    evaluateNow();
}

bool PolicyView::isModified() const
{
    return m_editor->document()->isModified();
}

QString PolicyView::openPolicy(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return file.errorString();
    const QByteArray text = file.read(kMaxPolicyBytes + 1);
    if (text.size() > kMaxPolicyBytes)
        return tr("larger than the %1 MiB limit for a policy").arg(kMaxPolicyBytes / (1024 * 1024));
    setPolicyText(QString::fromUtf8(text));
    m_path = path;
    m_editor->document()->setModified(false);
    AppSettings::addRecentPolicy(path);
    emit recentPoliciesChanged();
    return {};
}

QString PolicyView::savePolicy(const QString &path)
{
    // Atomic for a regular file: the old policy stays intact until the new
    // one is complete.
    if (QString error = io::writeOutputFile(path, m_editor->toPlainText().toUtf8());
        !error.isEmpty())
        return error;
    m_path = path;
    m_editor->document()->setModified(false);
    AppSettings::addRecentPolicy(path);
    emit recentPoliciesChanged();
    return {};
}

bool PolicyView::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved policy"), tr("The policy has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save && !m_path.isEmpty())
        return savePolicy(m_path).isEmpty();
    return answer == QMessageBox::Discard;
}

void PolicyView::loadTemplate(int index)
{
    const QString file = m_templates->itemData(index).toString();
    m_templates->setCurrentIndex(0);
    if (file.isEmpty() || !maybeSave())
        return;
    QFile f(file);
    if (f.open(QIODevice::ReadOnly)) {
        setPolicyText(QString::fromUtf8(f.readAll()));
        m_path.clear();
    }
}

std::optional<PolicySet> PolicyView::parseEditor()
{
    // The CLI's check: a policy lint rejects (a CIDR or number that does not
    // parse, an operator the dialect lacks) is not evaluated, since its
    // Denies might silently never match.
    const CheckedPolicy checked =
        checkPolicyText(m_editor->toPlainText().toUtf8(),
                        m_path.isEmpty() ? tr("policy") : QFileInfo(m_path).fileName());
    m_errors->clear();
    QList<int> errorLines;
    for (const LintFinding &f : checked.findings) {
        if (f.severity != LintSeverity::Error)
            continue;
        m_errors->addItem(
            f.pos.line > 0
                ? tr("line %1, column %2: %3").arg(f.pos.line).arg(f.pos.column).arg(f.message)
                : f.message);
        errorLines << f.pos.line;
    }
    if (!checked.usable()) {
        highlight(errorLines, {});
        return std::nullopt;
    }
    return PolicySet(checked.document);
}

void PolicyView::evaluateNow()
{
    m_debounce->stop();
    const auto set = parseEditor();
    if (!set) {
        m_decision->setText(tr("<b>The policy has errors</b>: fix those below it"));
        m_tree->clear();
        emit evaluated(QString());
        return;
    }
    QJsonParseError jsonError;
    const QByteArray requestJson = m_request->toPlainText().toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(requestJson, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !doc.isObject()) {
        m_decision->setText(tr("<b>The request is not a JSON object</b> (%1)")
                                .arg(jsonError.error != QJsonParseError::NoError
                                         ? policy::parseErrorText(jsonError, requestJson)
                                         : tr("not an object")));
        m_tree->clear();
        highlight({}, {});
        emit evaluated(QString());
        return;
    }
    const RequestParse request = requestFromJson(doc.object());
    if (!request.ok()) {
        m_decision->setText(tr("<b>Request:</b> %1").arg(request.error.toHtmlEscaped()));
        m_tree->clear();
        emit evaluated(QString());
        return;
    }
    showExplanation(set->explain(request.request));
    runTestCases(*set);
}

QString PolicyView::loadTestCases(const QString &path)
{
    const TestCaseFile file = policy::loadTestCases(path);
    if (!file.ok())
        return formatError(QFileInfo(path).fileName(), file.errors.constFirst());
    m_testCases = file.cases;
    m_results->setCurrentWidget(m_cases);
    evaluateNow();
    return {};
}

void PolicyView::runTestCases(const PolicySet &set)
{
    if (m_testCases.isEmpty())
        return;
    const TestReport report = policy::runTestCases(set, m_testCases);
    m_cases->setRowCount(static_cast<int>(report.results.size()));
    int row = 0;
    for (const TestResult &r : report.results) {
        const QStringList cells{r.testCase->name,
                                QLatin1String(expectationName(r.testCase->expect)),
                                QLatin1String(decisionName(r.explanation.decision)),
                                r.passed ? tr("pass") : tr("FAIL")};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setBackground(r.passed ? QColor(0xD6, 0xF5, 0xDD) : QColor(0xFF, 0xD6, 0xD6));
            item->setForeground(QColor(0x20, 0x20, 0x20));
            m_cases->setItem(row, c, item);
        }
        ++row;
    }
    m_results->setTabText(
        m_results->indexOf(m_cases),
        tr("Test cases: %1 passed, %2 failed").arg(report.passed).arg(report.failed));
}

QString PolicyView::diffAgainst(const QString &path)
{
    const CheckedPolicy before = loadCheckedPolicy(path);
    if (!before.usable())
        return before.errorMessages().constFirst();
    const auto after = parseEditor();
    if (!after)
        return tr("The policy in the editor has errors");
    PolicyDiff diff(PolicySet(before.document), *after);
    for (const TestCase &c : std::as_const(m_testCases))
        diff.add(c.name, c.request);
    if (m_captures && !m_captures->isLoading()) {
        const ConnectionTableModel *model = m_captures->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            const capture::ConnectionRow row = model->viewAt(r);
            diff.add(tr("frame %1 %2")
                         .arg(row.connection.firstFrame)
                         .arg(capture::endpointText(row.connection.client)),
                     requestForRow(row, m_captures->vendorProfile()));
        }
    }
    m_diff->setRowCount(static_cast<int>(diff.changes().size()));
    int row = 0;
    for (const DecisionChange &c : diff.changes()) {
        const QStringList cells{c.label, QLatin1String(decisionName(c.before.decision)),
                                QLatin1String(decisionName(c.after.decision)), c.reason};
        for (int col = 0; col < cells.size(); ++col)
            m_diff->setItem(row, col, new QTableWidgetItem(cells[col]));
        ++row;
    }
    m_diff->resizeColumnsToContents();
    m_results->setTabText(m_results->indexOf(m_diff),
                          tr("Diff: %1 of %2 change").arg(diff.changes().size()).arg(diff.total()));
    m_results->setCurrentWidget(m_diff);
    return {};
}

QString PolicyView::decisionText() const
{
    return m_decision->text();
}

QString PolicyView::runStatusText() const
{
    return m_runStatus->text();
}

void PolicyView::showExplanation(const Explanation &e)
{
    const bool allowed = e.decision == Decision::Allow;
    const QString name = QLatin1String(decisionName(e.decision));
    m_decision->setText(QStringLiteral("<span style='font-size:14pt; color:%1'><b>%2</b></span> %3")
                            .arg(allowed ? QStringLiteral("#1b8a2e") : QStringLiteral("#c62828"),
                                 name, e.summary().toHtmlEscaped()));
    m_tree->clear();
    QList<int> decisiveLines;
    for (const StatementRef &ref : e.decisive)
        decisiveLines << ref.pos.line;
    for (const LayerCheck &layer : e.layers) {
        auto *layerItem =
            new QTreeWidgetItem(m_tree, {layer.name + QStringLiteral(": ") +
                                         QLatin1String(decisionName(layer.decision))});
        for (const StatementCheck &s : layer.statements) {
            auto *st = new QTreeWidgetItem(
                layerItem, {tr("%1 %2 (line %3): %4")
                                .arg(QLatin1String(effectName(s.ref.effect)), s.ref.label())
                                .arg(s.ref.pos.line)
                                .arg(s.matched ? tr("matches") : tr("does not match"))});
            if (s.decisive) {
                QFont bold = st->font(0);
                bold.setBold(true);
                st->setFont(0, bold);
                st->setBackground(0, QColor(s.ref.effect == Effect::Deny ? 0xFFD6D6 : 0xD6F5DD));
            }
            for (const ElementCheck &el : s.elements)
                new QTreeWidgetItem(
                    st, {el.element + (el.matched ? QStringLiteral(" ✓") : QStringLiteral(" ✗")),
                         joined(el.expected), el.actual, el.provenance.text()});
            for (const ConditionCheck &c : s.conditions)
                new QTreeWidgetItem(st,
                                    {c.operatorName + QLatin1Char(' ') + c.key +
                                         (c.matched ? QStringLiteral(" ✓") : QStringLiteral(" ✗")),
                                     joined(c.expected), joined(c.actual),
                                     c.present ? c.provenance.text() : c.note()});
        }
    }
    m_tree->expandAll();
    for (int c = 0; c < 3; ++c) {
        m_tree->resizeColumnToContents(c);
        m_tree->setColumnWidth(c, std::min(m_tree->columnWidth(c), c == 0 ? 420 : 240));
    }
    highlight({}, decisiveLines);
    emit evaluated(name);
}

void PolicyView::highlight(const QList<int> &errorLines, const QList<int> &decisiveLines)
{
    QList<QTextEdit::ExtraSelection> marks;
    const auto mark = [&](int line, const QColor &colour) {
        const QTextBlock block = m_editor->document()->findBlockByLineNumber(line - 1);
        if (!block.isValid())
            return;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format.setBackground(colour);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << s;
    };
    for (int line : decisiveLines)
        mark(line, QColor(0xFF, 0xF0, 0xC2));
    for (int line : errorLines)
        mark(line, QColor(0xFF, 0xB3, 0xB3));
    m_editor->setExtraSelections(marks);
}

void PolicyView::useSelectedConnection()
{
    if (!m_captures)
        return;
    const QModelIndex current =
        m_captures->proxyModel()->mapToSource(m_captures->table()->currentIndex());
    if (!current.isValid()) {
        m_decision->setText(tr("Select a connection in the Captures view first"));
        return;
    }
    const PolicyRequest request =
        requestForRow(m_captures->model()->rowAt(current.row()), m_captures->vendorProfile());
    setRequestJson(QString::fromUtf8(
        QJsonDocument(requestToJson(request, false)).toJson(QJsonDocument::Indented)));
}

void PolicyView::evaluateCapture()
{
    if (m_judge->isRunning()) { // the button reads "Cancel" meanwhile
        m_judge->cancel();
        return;
    }
    if (!m_captures || m_captures->isLoading() || m_captures->model()->rowCount() == 0) {
        m_decision->setText(tr("Open a capture (and let it finish loading) first"));
        return;
    }
    const auto set = parseEditor();
    if (!set)
        return;
    m_batchButton->setText(tr("Cancel the evaluation"));
    m_results->setCurrentWidget(m_batch->parentWidget());
    m_judge->start(m_captures->model()->snapshot(), *set, m_captures->vendorProfile());
}

void PolicyView::showJudgeProgress(qulonglong judged, qulonglong total)
{
    m_runStatus->setText(tr("Evaluating the capture: %1 of %2 connections").arg(judged).arg(total));
}

void PolicyView::applyJudgement(const std::shared_ptr<const CaptureJudgement> &result)
{
    m_batchButton->setText(tr("Evaluate the whole capture"));
    if (result->cancelled) {
        m_runStatus->setText(tr("Evaluation cancelled: the Decision column is unchanged"));
        return;
    }
    // The capture may have been reloaded, or another opened, during the run.
    if (!m_captures || !m_captures->model()->setDecisions(result->generation, result->decisions)) {
        m_runStatus->setText(
            tr("The capture changed during the evaluation: its decisions were discarded"));
        return;
    }
    const policy::BatchEvaluator &batch = *result->batch;
    m_runStatus->setText(tr("Evaluated %1 connections").arg(batch.total()));
    m_results->setCurrentWidget(m_batch->parentWidget());
    m_batch->setRowCount(0);
    const auto addRow = [this](const QString &what, const QString &line, quint64 hits) {
        const int r = m_batch->rowCount();
        m_batch->insertRow(r);
        m_batch->setItem(r, 0, new QTableWidgetItem(what));
        m_batch->setItem(r, 1, new QTableWidgetItem(line));
        m_batch->setItem(r, 2, new QTableWidgetItem(QString::number(hits)));
    };
    for (Decision d : {Decision::Allow, Decision::ExplicitDeny, Decision::ImplicitDeny})
        addRow(QLatin1String(decisionName(d)), QString(), batch.count(d));
    const PolicySet &policies = batch.policies();
    for (int l = 0; l < policies.layers().size(); ++l)
        for (int s = 0; s < policies.layers()[l].statements.size(); ++s) {
            const StatementRef ref = policies.statementRef(l, s);
            const quint64 hits = batch.hits(l, s);
            addRow(tr("%1 %2%3").arg(QLatin1String(effectName(ref.effect)), ref.label(),
                                     hits == 0 ? tr(" (never hit)") : QString()),
                   QString::number(ref.pos.line), hits);
        }
}

} // namespace pl::gui
