#pragma once

#include "enforce/enforcement.h"
#include "policy/testcases.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace pl::net {
class BackendCheck;
}

namespace pl::gui {

// "Export for backend...": the configuration that enforces the policy for
// one target (core/enforce), previewed file by file, with what the target
// refuses and why (policy line), a save into a folder, and a "Check against
// backend" run of the test cases showing simulated vs observed decisions.
class PolicyExportDialog : public QDialog
{
    Q_OBJECT

public:
    PolicyExportDialog(policy::PolicyDocument document, QList<policy::TestCase> cases,
                       QWidget *parent = nullptr);

    QTabWidget *preview() const { return m_preview; }
    QListWidget *refusals() const { return m_refusals; }
    QTableWidget *checkTable() const { return m_checkTable; }
    const enforce::EnforceResult &result() const { return m_result; }
    void setTarget(const QString &target);
    // Writes every file into dir; returns an error, empty on success.
    QString saveTo(const QString &dir) const;
    void checkBackend(const QString &hostPort);

signals:
    void checkFinished(int mismatches);

private:
    void regenerate();

    policy::PolicyDocument m_document;
    QList<policy::TestCase> m_cases;
    QComboBox *m_target;
    QLineEdit *m_listen;
    QLineEdit *m_upstream;
    QCheckBox *m_httpOnly;
    QTabWidget *m_preview;
    QListWidget *m_refusals;
    QPushButton *m_save;
    QLineEdit *m_backend;
    QPushButton *m_check;
    QTableWidget *m_checkTable;
    net::BackendCheck *m_run = nullptr;
    enforce::EnforceResult m_result;
};

} // namespace pl::gui
