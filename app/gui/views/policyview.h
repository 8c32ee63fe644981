#pragma once

#include "policy/evaluator.h"
#include "policy/testcases.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace pl::gui {

class CaptureJudge;
class CapturesView;
struct CaptureJudgement;

// The Policy tool: a RAM/IAM-style JSON editor with inline errors and
// templates, a request (typed, or taken from the selected capture
// connection), the decision with its explanation tree, and a batch run over
// the whole capture that fills the capture table's Decision column.
class PolicyView : public QWidget
{
    Q_OBJECT

public:
    explicit PolicyView(QWidget *parent = nullptr);

    void setCaptureSource(CapturesView *captures) { m_captures = captures; }
    void setPolicyText(const QString &json);
    QString policyText() const;
    void setRequestJson(const QString &json);
    // Open/save; save is atomic. Both return an error message, empty on success.
    QString openPolicy(const QString &path);
    QString savePolicy(const QString &path);
    bool isModified() const;
    // Asks to save unsaved changes; false when the user cancels.
    bool maybeSave();

    // A test-case file (JSON or CSV); its pass/fail table follows every edit.
    QString loadTestCases(const QString &path);
    // Compares the policy in `path` (the old version) with the editor's over
    // the loaded test cases and the capture; returns an error, empty on success.
    QString diffAgainst(const QString &path);
    QTableWidget *caseTable() const { return m_cases; }
    QTableWidget *diffTable() const { return m_diff; }

    void useSelectedConnection();
    void evaluateCapture();
    void evaluateNow();

    QString decisionText() const;
    // The whole-capture run's progress or outcome.
    QString runStatusText() const;
    QTreeWidget *explanationTree() const { return m_tree; }
    QListWidget *errorList() const { return m_errors; }
    QTableWidget *batchTable() const { return m_batch; }
    QPlainTextEdit *editor() const { return m_editor; }

signals:
    void evaluated(const QString &decision);
    void recentPoliciesChanged();

private:
    std::optional<policy::PolicySet> parseEditor();
    void showExplanation(const policy::Explanation &explanation);
    void highlight(const QList<int> &errorLines, const QList<int> &decisiveLines);
    void showJudgeProgress(qulonglong judged, qulonglong total);
    void applyJudgement(const std::shared_ptr<const CaptureJudgement> &result);
    void loadTemplate(int index);

    QPlainTextEdit *m_editor;
    QPlainTextEdit *m_request;
    QComboBox *m_templates;
    QPushButton *m_fromConnection;
    QPushButton *m_batchButton;
    QLabel *m_decision;
    QListWidget *m_errors;
    QTreeWidget *m_tree;
    QTableWidget *m_batch;
    QTableWidget *m_cases;
    QTableWidget *m_diff;
    QTabWidget *m_results;
    QList<policy::TestCase> m_testCases;
    void runTestCases(const policy::PolicySet &set);
    QTimer *m_debounce;
    CapturesView *m_captures = nullptr;
    CaptureJudge *m_judge; // the whole-capture run
    QLabel *m_runStatus;   // its progress and outcome
    QString m_path;
};

} // namespace pl::gui
