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

QTEST_MAIN(TestPolicyExportDialog)
#include "tst_policyexportdialog.moc"
