// With zh_CN installed, the main window speaks Chinese: tool list, menus,
// connection table and breakdown headers, breakdown rows.

#include "appsettings.h"
#include "languagemenu.h"
#include "mainwindow.h"
#include "translator.h"
#include "views/capturesview.h"
#include "views/headerinspector.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QListWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using pl::gui::AppSettings;
using pl::gui::CapturesView;
using pl::gui::MainWindow;

namespace {

const QString kSample = QStringLiteral(PL_SOURCE_DIR "/resources/samples/sample.pcapng");

bool hasCjk(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

QStringList headers(const QAbstractItemModel *model)
{
    QStringList labels;
    for (int c = 0; c < model->columnCount(); ++c)
        labels.append(model->headerData(c, Qt::Horizontal).toString());
    return labels;
}

} // namespace

class TestGuiTranslation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mainViewsShowChinese();
    void languageChoicePersists();
};

void TestGuiTranslation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCOMPARE(pl::i18n::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
}

void TestGuiTranslation::mainViewsShowChinese()
{
    MainWindow window;
    window.show();
    QSignalSpy loaded(window.capturesView(), &CapturesView::loadFinished);
    window.openCapture(kSample);
    QVERIFY(loaded.wait(30000));

    auto *tools = window.findChild<QListWidget *>(QStringLiteral("toolList"));
    QVERIFY(tools);
    QCOMPARE(tools->item(0)->text(), QStringLiteral("抓包"));
    for (int i = 0; i < tools->count(); ++i)
        QVERIFY2(hasCjk(tools->item(i)->text()), qPrintable(tools->item(i)->text()));

    QStringList menus;
    for (QAction *menu : window.menuBar()->actions())
        menus.append(menu->text());
    QVERIFY2(menus.contains(QStringLiteral("文件(&F)")), qPrintable(menus.join(u',')));
    for (const QString &menu : menus)
        QVERIFY2(hasCjk(menu), qPrintable(menu));

    auto *table = window.findChild<QTableView *>(QStringLiteral("connectionTable"));
    QVERIFY(table);
    const QStringList columns = headers(table->model());
    QVERIFY2(columns.contains(QStringLiteral("客户端")) &&
                 columns.contains(QStringLiteral("终端节点 ID")),
             qPrintable(columns.join(u',')));
    // Protocol tokens stay as engineers know them.
    QVERIFY2(columns.contains(QStringLiteral("VPC ID")) &&
                 columns.contains(QStringLiteral("CRC32C")),
             qPrintable(columns.join(u',')));

    table->selectRow(0); // the documented Alibaba Cloud example
    QTreeView *tree = window.capturesView()->inspector()->breakdownView();
    const QStringList breakdownColumns = headers(tree->model());
    QVERIFY2(breakdownColumns.contains(QStringLiteral("偏移")) &&
                 breakdownColumns.contains(QStringLiteral("字段")),
             qPrintable(breakdownColumns.join(u',')));
    QStringList rows;
    for (int r = 0; r < tree->model()->rowCount(); ++r)
        rows.append(tree->model()->index(r, 2).data().toString());
    QVERIFY2(rows.contains(QStringLiteral("签名")), qPrintable(rows.join(u',')));

    auto *language = window.findChild<pl::gui::LanguageMenu *>(QStringLiteral("languageMenu"));
    QVERIFY(language);
    QVERIFY(hasCjk(language->title()));
    QStringList choices;
    for (QAction *a : language->actions())
        choices.append(a->text());
    QVERIFY2(choices.contains(QStringLiteral("English")) &&
                 choices.contains(QStringLiteral("简体中文")),
             qPrintable(choices.join(u',')));
}

void TestGuiTranslation::languageChoicePersists()
{
    QCOMPARE(AppSettings::language(), QStringLiteral("system"));
    AppSettings::setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(AppSettings::language(), QStringLiteral("zh_CN"));
    QCOMPARE(pl::i18n::resolveLanguage(AppSettings::language()), QStringLiteral("zh_CN"));
    AppSettings::setLanguage(QStringLiteral("system"));
}

QTEST_MAIN(TestGuiTranslation)
#include "tst_guitranslation.moc"
