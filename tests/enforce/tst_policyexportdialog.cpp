// Issue 15, GUI: the Policy view's "Export for backend..." dialog previews
// each target's files, lists what a target refuses with the policy line,
// saves the files, and checks a running backend case by case.

#include "enforcetestutil.h"
#include "net/listener.h"
#include "views/policyexportdialog.h"

#include <QCheckBox>
#include <QDir>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace pl;
using namespace enforcetest;

namespace {

QStringList listText(const QListWidget *list)
{
    QStringList lines;
    for (int i = 0; i < list->count(); ++i)
        lines << list->item(i)->text();
    return lines;
}

QStringList tabNames(const QTabWidget *tabs)
{
    QStringList names;
    for (int i = 0; i < tabs->count(); ++i)
        names << tabs->tabText(i);
    return names;
}

} // namespace

class TestPolicyExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void previewsAndRefusesPerTarget();
    void checksABackendCaseByCase();
    void showsKeysTheHeaderCannotCarry();
};

void TestPolicyExportDialog::previewsAndRefusesPerTarget()
{
    const policy::PolicyDocument doc =
        loadPolicy(templatePath(QStringLiteral("login-only-through-endpoint.json")));
    gui::PolicyExportDialog dialog(doc, {});
    dialog.setTarget(QStringLiteral("haproxy"));
    QCOMPARE(dialog.preview()->count(), 0);
    const QString refused = listText(dialog.refusals()).join(QLatin1Char('\n'));
    QVERIFY2(refused.contains(QStringLiteral("login-only-through-endpoint.json:9:21")),
             qPrintable(refused));
    QVERIFY(!dialog.saveTo(QDir::tempPath()).isEmpty()); // nothing half-enforced

    dialog.setTarget(QStringLiteral("nginx-njs"));
    QVERIFY(listText(dialog.refusals()).join(QLatin1Char('\n')).contains(QStringLiteral(":14:7")));
    dialog.findChild<QCheckBox *>()->setChecked(true); // the listener serves only HTTP
    QCOMPARE(tabNames(dialog.preview()),
             (QStringList{QStringLiteral("nginx.conf"), QStringLiteral("plinspect-policy.js")}));
    QTemporaryDir dir;
    QCOMPARE(dialog.saveTo(dir.path()), QString());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("plinspect-policy.js"))));

    dialog.setTarget(QStringLiteral("openresty"));
    QCOMPARE(tabNames(dialog.preview()),
             (QStringList{QStringLiteral("nginx.conf"), QStringLiteral("plinspect_policy.lua")}));
    QVERIFY(listText(dialog.refusals())
                .join(QLatin1Char('\n'))
                .contains(QStringLiteral("UNTESTED HERE")));
}

void TestPolicyExportDialog::checksABackendCaseByCase()
{
    const policy::PolicyDocument doc =
        loadPolicy(templatePath(QStringLiteral("login-only-through-endpoint.json")));
    const QList<policy::TestCase> cases =
        loadCases(dataPath(QStringLiteral("login-only-through-endpoint.cases.json")));
    // A backend that enforces the same policy: our listener (403 on deny).
    net::ListenerConfig config;
    config.udp = false;
    config.payloadWaitMs = 50;
    config.accessPolicy = std::make_shared<const policy::PolicySet>(doc);
    net::Listener backend;
    QVERIFY(backend.start(config));
    gui::PolicyExportDialog dialog(doc, cases);
    QSignalSpy finished(&dialog, &gui::PolicyExportDialog::checkFinished);
    dialog.checkBackend(QStringLiteral("127.0.0.1:%1").arg(backend.port()));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toInt(), 0);
    QTableWidget *table = dialog.checkTable();
    QCOMPARE(table->rowCount(), cases.size());
    QCOMPARE(table->item(1, 0)->text(), cases.at(1).name);
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("ExplicitDeny"));
    QVERIFY(table->item(1, 2)->text().startsWith(QStringLiteral("denied")));
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("agrees"));
}

// A case keyed on the time: the backend never sees it, so the row judges the
// request as sent and says how the case as typed would have gone.
void TestPolicyExportDialog::showsKeysTheHeaderCannotCarry()
{
    const policy::PolicyParse parse = policy::parsePolicy(R"({"Version": "1", "Statement": [
      {"Sid": "OurVpc", "Effect": "Allow", "Action": "*", "Resource": "*",
       "Condition": {"StringEquals": {"acs:SourceVpc": "vpc-ours"}}},
      {"Sid": "NotAfterTheMigration", "Effect": "Deny", "Action": "*", "Resource": "*",
       "Condition": {"DateGreaterThan": {"acs:CurrentTime": "2030-01-01T00:00:00Z"}}}]})",
                                                          QStringLiteral("migration.json"));
    QVERIFY(parse.ok());
    const policy::TestCaseFile cases = policy::parseTestCasesJson(R"([
      {"name": "after the migration", "expect": "ExplicitDeny",
       "request": {"action": "http:GET", "resource": "/",
                   "context": {"acs:SourceVpc": "vpc-ours", "acs:CurrentTime": "2031-05-05T00:00:00Z"}}},
      {"name": "other VPC", "expect": "ImplicitDeny",
       "request": {"action": "http:GET", "resource": "/", "context": {"acs:SourceVpc": "vpc-x"}}}
    ])");
    QVERIFY(cases.ok());
    net::ListenerConfig config;
    config.udp = false;
    config.payloadWaitMs = 50;
    config.accessPolicy = std::make_shared<const policy::PolicySet>(parse.document);
    net::Listener backend;
    QVERIFY(backend.start(config));
    gui::PolicyExportDialog dialog(parse.document, cases.cases);
    QSignalSpy finished(&dialog, &gui::PolicyExportDialog::checkFinished);
    dialog.checkBackend(QStringLiteral("127.0.0.1:%1").arg(backend.port()));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toInt(), 0);
    const QTableWidget *table = dialog.checkTable();
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Allow (as typed: ExplicitDeny)"));
    QVERIFY(table->item(0, 1)->toolTip().contains(QStringLiteral("acs:CurrentTime")));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("agrees"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("ImplicitDeny"));
    QVERIFY(table->item(1, 1)->toolTip().isEmpty());
    // PL_LOOK_MS keeps the dialog on screen for a screenshot under Xvfb.
    if (const int ms = qEnvironmentVariableIntValue("PL_LOOK_MS"); ms > 0) {
        dialog.resize(1100, 700);
        dialog.show();
        QTest::qWait(ms);
    }
}

QTEST_MAIN(TestPolicyExportDialog)
#include "tst_policyexportdialog.moc"
