// The GUI offscreen, driven as a user would: open a capture, select a
// connection, follow bytes between breakdown and hex view, filter, export.

#include "appsettings.h"
#include "capture/connectionfilter.h"
#include "mainwindow.h"
#include "models/breakdownmodel.h"
#include "models/connectionfiltermodel.h"
#include "models/connectiontablemodel.h"
#include "models/listenerrecordmodel.h"
#include "views/capturesview.h"
#include "views/clientview.h"
#include "views/decodebytesview.h"
#include "views/headerinspector.h"
#include "views/listenerview.h"
#include "views/policyview.h"
#include "widgets/hexview.h"
#include "wiresharkplugin.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace pl::gui;

namespace {

const QString kSample = QStringLiteral(PL_SOURCE_DIR "/resources/samples/sample.pcapng");

const char kExampleHex[] = "0d0a0d0a000d0a515549540a211100540a00000e0a00000fe6c20050030004"
                           "0764b56be100180265702d6270316932383834383765353836313532643462"
                           "e1001a017670632d627031373971656b6530777a6f316d72386278686c04000600"
                           "0000000000";

// The tree as text: one line per row, indented by depth.
QString dumpTree(const QAbstractItemModel *model, const QModelIndex &parent = {}, int depth = 0)
{
    QString out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(parent); ++c)
            cells << model->index(r, c, parent).data().toString();
        out += QString(depth * 2, QLatin1Char(' ')) + cells.join(QLatin1String(" | ")) + u'\n';
        out += dumpTree(model, model->index(r, 0, parent), depth + 1);
    }
    return out;
}

bool waitForLoad(CapturesView *view)
{
    QSignalSpy spy(view, &CapturesView::loadFinished);
    return spy.wait(30000) && spy.first().at(0).toBool();
}

} // namespace

class TestGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void breakdownModelOfTheDocumentedExample();
    void filterLanguage_data();
    void filterLanguage();
    void opensCaptureAndLinksBreakdownAndHex();
    void filtersConnections();
    void exportsAndReadsBack();
    void decodeBytesViewDecodesPastedText();
    void damagedCaptureKeepsWhatWasRead();
    void summarySaysWhatReadingMet();
    void clientSendsToListenerEndToEnd();
    void clientPreviewFollowsTheForm();
    void clientFaultMatrixAgainstListener();
    void policyEditShowsDecision();
    void policyOverCapture();
    void policyTestCasesAndDiff();
    void wiresharkPluginInstallsTheShippedFile();
};

void TestGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a throwaway place
    QVERIFY(QFile::exists(kSample));
}

void TestGui::breakdownModelOfTheDocumentedExample()
{
    BreakdownModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeader(QByteArray::fromHex(kExampleHex), pl::proxy::VendorProfile::Auto);
    const QString expected = QStringLiteral(
        "0-11 | 0d 0a 0d 0a 00 0d 0a 51 55 49 54 0a | Signature | PROXY protocol v2 | fixed 12 "
        "bytes \\r\\n\\r\\n\\0\\r\\nQUIT\\n\n"
        "12 | 21 | Version and command | version 2, PROXY | \n"
        "13 | 11 | Family and transport | INET, STREAM | TCP over IPv4\n"
        "14-15 | 00 54 | Length | 84 bytes follow | header is 100 bytes in all\n"
        "16-19 | 0a 00 00 0e | Source IP | 10.0.0.14 | \n"
        "20-23 | 0a 00 00 0f | Destination IP | 10.0.0.15 | \n"
        "24-25 | e6 c2 | Source port | 59074 | \n"
        "26-27 | 00 50 | Destination port | 80 | \n"
        "28-34 | 03 00 04 07 64 b5 6b | TLV | 0x03 CRC32C: 0x0764b56b | valid (computed "
        "0x0764b56b)\n"
        "  28 | 03 | Type | 0x03 CRC32C | \n"
        "  29-30 | 00 04 | Length | 4 bytes | \n"
        "  31-34 | 07 64 b5 6b | CRC32C | 0x0764b56b | valid (computed 0x0764b56b)\n"
        "35-61 | e1 00 18 02 65 70 2d 62 70 31 69 32 38 38 34 ... | TLV | 0xe1 (Alibaba Cloud "
        "custom type): ep-bp1i288487e586152d4b | \n"
        "  35 | e1 | Type | 0xe1 (Alibaba Cloud custom type) | \n"
        "  36-37 | 00 18 | Length | 24 bytes | \n"
        "  38 | 02 | Subtype | 0x02 PrivateLink endpoint ID | \n"
        "  39-61 | 65 70 2d 62 70 31 69 32 38 38 34 38 37 65 35 ... | PrivateLink endpoint ID | "
        "ep-bp1i288487e586152d4b | \n"
        "62-90 | e1 00 1a 01 76 70 63 2d 62 70 31 37 39 71 65 ... | TLV | 0xe1 (Alibaba Cloud "
        "custom type): vpc-bp179qeke0wzo1mr8bxhl | \n"
        "  62 | e1 | Type | 0xe1 (Alibaba Cloud custom type) | \n"
        "  63-64 | 00 1a | Length | 26 bytes | \n"
        "  65 | 01 | Subtype | 0x01 VPC ID | \n"
        "  66-90 | 76 70 63 2d 62 70 31 37 39 71 65 6b 65 30 77 ... | VPC ID | "
        "vpc-bp179qeke0wzo1mr8bxhl | \n"
        "91-99 | 04 00 06 00 00 00 00 00 00 | TLV | 0x04 NOOP: 6 bytes of padding | \n"
        "  91 | 04 | Type | 0x04 NOOP | \n"
        "  92-93 | 00 06 | Length | 6 bytes | \n"
        "  94-99 | 00 00 00 00 00 00 | Padding | 6 bytes of padding | 0x04 is NOOP (vendor "
        "documents call it NETNS; NETNS is 0x30)\n");
    QCOMPARE(dumpTree(&model), expected);
    // A byte maps to the most specific row: byte 40 is inside the endpoint ID.
    QCOMPARE(model.indexForOffset(40).data(BreakdownModel::FieldPathRole).toString(),
             QStringLiteral("tlv[1].endpoint_id"));
}

void TestGui::filterLanguage_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("expected"); // connections of the sample that match
    QTest::newRow("everything") << "" << 26;
    QTest::newRow("by vpc") << "vpc:bp179qeke0wzo1mr8bxhl" << 10;
    QTest::newRow("by endpoint") << "ep:ep-bp1i288487e586152d4b" << 7;
    QTest::newRow("aws vpce as endpoint") << "ep:vpce-" << 1;
    QTest::newRow("crc invalid") << "crc:invalid" << 1;
    QTest::newRow("crc valid") << "crc:valid" << 24;
    QTest::newRow("errors") << "error" << 1;
    QTest::newRow("missing header") << "missing" << 1;
    QTest::newRow("health checks") << "local" << 3;
    QTest::newRow("not health checks") << "v2 -local" << 22;
    QTest::newRow("free text path") << "/login" << 9;
    QTest::newRow("combined") << "/login ep:ep-bp1i288487e586152d4b" << 3;
}

void TestGui::filterLanguage()
{
    QFETCH(QString, filter);
    QFETCH(int, expected);
    CapturesView view;
    view.open(kSample);
    QVERIFY(waitForLoad(&view));
    QAbstractItemModelTester tester(view.proxyModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.proxyModel()->setFilterText(filter);
    QCOMPARE(view.proxyModel()->rowCount(), expected);
    QVERIFY(view.proxyModel()->filter().problems().isEmpty());
}

void TestGui::opensCaptureAndLinksBreakdownAndHex()
{
    MainWindow window;
    window.show();
    window.openCapture(kSample);
    CapturesView *captures = window.capturesView();
    QAbstractItemModelTester tester(captures->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(waitForLoad(captures));
    QCOMPARE(captures->model()->rowCount(), 26);
    QTableView *table = window.findChild<QTableView *>(QStringLiteral("connectionTable"));
    QVERIFY(table);
    table->selectRow(0); // the documented example
    HeaderInspector *inspector = captures->inspector();
    QCOMPARE(inspector->model()->bytes().size(), 100);
    QCOMPARE(inspector->model()->result().header.crcState, pl::proxy::CrcState::Valid);

    // Breakdown row -> hex selection.
    QTreeView *tree = inspector->breakdownView();
    HexView *hex = inspector->hexView();
    QVERIFY(tree && hex);
    const QModelIndex vpcTlv = inspector->model()->index(10, 0); // tlv[2], the VPC ID TLV
    QCOMPARE(vpcTlv.data(BreakdownModel::FieldPathRole).toString(), QStringLiteral("tlv[2]"));
    tree->setCurrentIndex(vpcTlv);
    QCOMPARE(hex->selectionOffset(), 62);
    QCOMPARE(hex->selectionLength(), 29);

    // Click on a hex byte -> its breakdown row (byte 20: destination IP).
    hex->resize(700, 300);
    QPoint point;
    for (int x = 0; x < 700 && point.isNull(); ++x)
        if (hex->offsetAt(QPoint(x, hex->fontMetrics().height() * 1 + 2)) == 20)
            point = QPoint(x, hex->fontMetrics().height() + 2);
    QVERIFY(!point.isNull());
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, point);
    QCOMPARE(tree->currentIndex().data(BreakdownModel::FieldPathRole).toString(),
             QStringLiteral("dst_addr"));
    QCOMPARE(hex->selectionOffset(), 20);

    // A diagnostic jumps to its byte: the connection with the bad CRC32C.
    captures->proxyModel()->setFilterText(QStringLiteral("crc:invalid"));
    table->selectRow(0);
    QListWidget *diagnostics = inspector->diagnosticsList();
    QVERIFY(diagnostics->count() >= 1);
    QVERIFY(diagnostics->item(0)->text().startsWith(QStringLiteral("crc_mismatch at byte 31")));
    diagnostics->itemClicked(diagnostics->item(0));
    QCOMPARE(tree->currentIndex().data(BreakdownModel::FieldPathRole).toString(),
             QStringLiteral("tlv[0].value"));
}

void TestGui::filtersConnections()
{
    MainWindow window;
    window.openCapture(kSample);
    QVERIFY(waitForLoad(window.capturesView()));
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    QTest::keyClicks(filter, QStringLiteral("missing"));
    QCOMPARE(window.capturesView()->proxyModel()->rowCount(), 1);
    const QModelIndex payload =
        window.capturesView()->proxyModel()->index(0, ConnectionTableModel::PayloadColumn);
    QVERIFY(payload.data().toString().startsWith(QStringLiteral("GET /login")));
    // Next finding walks rows that have one.
    filter->clear();
    window.capturesView()->table()->selectRow(0);
    window.capturesView()->selectNextFinding(+1);
    const QModelIndex current = window.capturesView()->table()->currentIndex();
    QVERIFY(
        !current.siblingAtColumn(ConnectionTableModel::FindingsColumn).data().toString().isEmpty());
}

void TestGui::exportsAndReadsBack()
{
    CapturesView view;
    view.open(kSample);
    QVERIFY(waitForLoad(&view));
    view.proxyModel()->setFilterText(QStringLiteral("vpc:bp179qeke0wzo1mr8bxhl"));
    QTemporaryDir dir;
    const QString jsonl = dir.filePath(QStringLiteral("c.jsonl"));
    QCOMPARE(view.exportConnections(jsonl, CapturesView::ExportFormat::JsonLines), QString());
    QFile f(jsonl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 10); // the filtered rows only
    const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(first[QStringLiteral("header")][QStringLiteral("vpc_id")].toString(),
             QStringLiteral("vpc-bp179qeke0wzo1mr8bxhl"));

    const QString csv = dir.filePath(QStringLiteral("c.csv"));
    QCOMPARE(view.exportConnections(csv, CapturesView::ExportFormat::Csv), QString());
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = c.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 11);
    QVERIFY(rows.first().startsWith("frame,first_time,client,server,proxy,"));

    view.table()->selectRow(0);
    const QString md = dir.filePath(QStringLiteral("h.md"));
    QCOMPARE(view.exportBreakdownMarkdown(md), QString());
    QFile m(md);
    QVERIFY(m.open(QIODevice::ReadOnly));
    const QByteArray markdown = m.readAll();
    QVERIFY(markdown.startsWith("| Offset | Bytes | Field | Value | Note |"));
    QVERIFY(markdown.contains("| 66 | `7670632d627031373971656b6530777a6f316d72386278686c` |"));

    const QString bin = dir.filePath(QStringLiteral("h.bin"));
    QCOMPARE(view.exportHeaderBytes(bin, false), QString());
    QFile b(bin);
    QVERIFY(b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll().toHex(), QByteArray(kExampleHex));
}

void TestGui::decodeBytesViewDecodesPastedText()
{
    DecodeBytesView view;
    view.setInput(QStringLiteral("PROXY TCP4 192.0.2.1 198.51.100.1 5000 80\\r\\n"));
    const BreakdownModel *model = view.inspector()->model();
    QVERIFY(!model->isEmpty());
    QCOMPARE(model->result().header.version, pl::proxy::Version::V1);
    QCOMPARE(model->result().header.source.port, 5000);
    view.setInput(QString::fromLatin1(QByteArray::fromHex(kExampleHex).toBase64()));
    QCOMPARE(model->bytes().size(), 100);
    QCOMPARE(model->result().header.crcState, pl::proxy::CrcState::Valid);
}

void TestGui::damagedCaptureKeepsWhatWasRead()
{
    CapturesView view;
    QSignalSpy spy(&view, &CapturesView::loadFinished);
    view.open(QStringLiteral(PL_SOURCE_DIR "/tests/data/captures/truncated_file.pcap"));
    QVERIFY(spy.wait(30000));
    QCOMPARE(spy.first().at(0).toBool(), false);
    QVERIFY(!spy.first().at(1).toString().isEmpty()); // the error is shown
    QVERIFY(view.model()->rowCount() >= 1);           // and what came before it kept
}

void TestGui::summarySaysWhatReadingMet()
{
    // Tunnels opened and packets not decoded are said beside the totals: a
    // header in an IP fragment is missing from the table, and the user must
    // be told why.
    const auto readingOf = [](const char *capture) {
        CapturesView view;
        QSignalSpy spy(&view, &CapturesView::loadFinished);
        view.open(QStringLiteral(PL_SOURCE_DIR "/tests/data/captures/") + QLatin1String(capture));
        spy.wait(30000);
        const auto *label = view.findChild<QLabel *>(QStringLiteral("captureReading"));
        return label ? label->text() : QStringLiteral("no captureReading label");
    };
    const QString tunnels = readingOf("tunnels_vxlan_geneve.pcap");
    QVERIFY2(tunnels.contains(QStringLiteral("16 from inside VXLAN/GENEVE tunnels")),
             qPrintable(tunnels));
    QVERIFY2(!tunnels.contains(QStringLiteral("Not decoded")), qPrintable(tunnels));
    const QString fragments = readingOf("ip_fragments.pcap");
    QVERIFY2(fragments.contains(QStringLiteral("3 packets reassembled from IP fragments")),
             qPrintable(fragments));
    QVERIFY2(fragments.contains(
                 QStringLiteral("Not decoded: 6 IP fragments of incomplete or conflicting")),
             qPrintable(fragments));
    const QString cut = readingOf("snaplen_cut.pcap");
    QVERIFY2(cut.contains(QStringLiteral("cut by the snapshot length")), qPrintable(cut));
    const QString wifi = readingOf("pcapng_unsupported_first_interface.pcapng");
    QVERIFY2(wifi.contains(QStringLiteral("2 frames of interfaces with a link type not read")),
             qPrintable(wifi));
    QVERIFY2(!wifi.contains(QStringLiteral("non-IP")), qPrintable(wifi));
}

void TestGui::clientSendsToListenerEndToEnd()
{
    // Both tools, real sockets on loopback: what the client crafts is what
    // the listener shows, byte for byte.
    MainWindow window;
    ListenerView *listener = window.listenerView();
    QAbstractItemModelTester tester(listener->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    listener->portBox()->setValue(0); // a free port
    QCOMPARE(listener->start(), QString());
    QVERIFY(listener->boundPort() > 0);

    ClientView *client = window.clientView();
    client->setTarget(QStringLiteral("127.0.0.1:%1").arg(listener->boundPort()));
    client->field(QStringLiteral("vpc"))->setText(QStringLiteral("vpc-gui-test"));
    QSignalSpy sent(client, &ClientView::sendFinished);
    client->send();
    QVERIFY(sent.wait(10000));
    QCOMPARE(sent.first().at(0).toBool(), true);
    QVERIFY(client->responseView()->toPlainText().contains(QStringLiteral("200")));

    QTRY_COMPARE(listener->model()->rowCount(), 1);
    listener->table()->selectRow(0);
    const BreakdownModel *shown = listener->inspector()->model();
    QTRY_COMPARE(client->preview()->model()->bytes(), shown->bytes()); // preview is debounced
    QCOMPARE(listener->model()->index(0, ListenerRecordModel::VpcColumn).data().toString(),
             QStringLiteral("vpc-gui-test"));
    QCOMPARE(listener->model()->index(0, ListenerRecordModel::CrcColumn).data().toString(),
             QStringLiteral("valid"));
    QVERIFY(listener->model()
                ->index(0, ListenerRecordModel::PayloadColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("GET /login")));
    listener->stop();
}

void TestGui::clientPreviewFollowsTheForm()
{
    ClientView client;
    client.field(QStringLiteral("vpc"))->clear();
    client.field(QStringLiteral("endpoint"))->clear();
    client.field(QStringLiteral("src"))->setText(QStringLiteral("[2001:db8::1]:443"));
    client.field(QStringLiteral("dst"))->setText(QStringLiteral("[2001:db8::2]:8443"));
    client.field(QStringLiteral("vpce"))->setText(QStringLiteral("vpce-0abc"));
    QTRY_COMPARE(client.preview()->model()->result().header.family, pl::proxy::Family::Inet6);
    QCOMPARE(client.preview()->model()->result().header.crcState, pl::proxy::CrcState::Valid);
    QVERIFY(!client.preview()->model()->result().header.vendor.awsVpceId.empty());
    client.field(QStringLiteral("rawTlvs"))->setText(QStringLiteral("0xF0=0102; 0xF1=ff"));
    QTRY_COMPARE(client.preview()->model()->result().header.tlvs.region().size(),
                 std::size_t{7 + 3 + 2 + 3 + 1 + 3 + 10}); // CRC, F0, F1, 0xEA
    client.field(QStringLiteral("rawTlvs"))->setText(QStringLiteral("0xF0=zz"));
    QTRY_VERIFY(client.preview()->model()->isEmpty());
    client.field(QStringLiteral("rawTlvs"))->clear();
    client.field(QStringLiteral("src"))->setText(QStringLiteral("not an address"));
    QTRY_VERIFY(client.preview()->model()->isEmpty());
}

void TestGui::clientFaultMatrixAgainstListener()
{
    // Every variation a backend must handle, against our listener: the valid
    // header and v1 are answered 200, the broken ones are refused (400).
    MainWindow window;
    ListenerView *listener = window.listenerView();
    listener->portBox()->setValue(0);
    QCOMPARE(listener->start(), QString());
    ClientView *client = window.clientView();
    client->setTarget(QStringLiteral("127.0.0.1:%1").arg(listener->boundPort()));
    QSignalSpy done(client, &ClientView::matrixFinished);
    client->runFaultMatrix();
    QVERIFY(done.wait(20000));
    QTableWidget *table = client->matrixTable();
    QCOMPARE(table->rowCount(), 9);
    QHash<QString, QString> answers;
    for (int r = 0; r < table->rowCount(); ++r)
        answers.insert(table->item(r, 0)->text(), table->item(r, 1)->text());
    QVERIFY(answers.value(QStringLiteral("as given")).contains(QStringLiteral("200")));
    QVERIFY(answers.value(QStringLiteral("v1 text header")).contains(QStringLiteral("200")));
    QVERIFY(answers.value(QStringLiteral("CRC32C absent")).contains(QStringLiteral("200")));
    for (const char *refused : {"CRC32C wrong", "bad-signature", "bad-family", "bad-command"})
        QVERIFY2(answers.value(QLatin1String(refused)).contains(QStringLiteral("400")),
                 qPrintable(QLatin1String(refused) + QStringLiteral(": ") +
                            answers.value(QLatin1String(refused))));
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("m.csv"));
    QCOMPARE(client->exportMatrix(csv), QString());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().trimmed().split('\n').size(), 10); // header line + 9 rows
    listener->stop();
}

void TestGui::policyEditShowsDecision()
{
    PolicyView view;
    // The bundled sample policy and request: /login through the production
    // endpoint from our VPC is allowed.
    QVERIFY(view.decisionText().contains(QStringLiteral(">Allow<")));
    QString policy = view.policyText();
    policy.replace(QStringLiteral("ep-bp1i288487e586152d4b"), QStringLiteral("ep-other"));
    view.editor()->setPlainText(policy);
    view.evaluateNow();
    QVERIFY2(view.decisionText().contains(QStringLiteral(">ExplicitDeny<")),
             qPrintable(view.decisionText()));
    // The explanation names the decisive statement and what it expected.
    const QList<QTreeWidgetItem *> hits = view.explanationTree()->findItems(
        QStringLiteral("LoginOnlyThroughProdEndpoint"), Qt::MatchContains | Qt::MatchRecursive);
    QVERIFY(!hits.isEmpty());
    QVERIFY(hits.first()->font(0).bold());
    // A syntax error is shown with its line and column.
    view.editor()->setPlainText(QStringLiteral("{\n  \"Version\": \"1\",\n  \"Statement\": [\n}"));
    view.evaluateNow();
    QCOMPARE(view.errorList()->count(), 1);
    QVERIFY2(view.errorList()->item(0)->text().startsWith(QStringLiteral("line 4, column 1")),
             qPrintable(view.errorList()->item(0)->text()));
    // Saving is atomic and reads back the same.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    view.editor()->setPlainText(policy);
    QCOMPARE(view.savePolicy(path), QString());
    QVERIFY(!view.isModified());
    PolicyView other;
    QCOMPARE(other.openPolicy(path), QString());
    QCOMPARE(other.policyText(), policy);
    QCOMPARE(AppSettings::recentPolicies().value(0), QFileInfo(path).absoluteFilePath());
}

void TestGui::policyOverCapture()
{
    MainWindow window;
    window.openCapture(kSample);
    QVERIFY(waitForLoad(window.capturesView()));
    PolicyView *policy = window.policyView();
    window.capturesView()->table()->selectRow(0); // the documented header, GET /login
    policy->useSelectedConnection();
    QVERIFY(policy->decisionText().contains(QStringLiteral(">Allow<")));
    QSignalSpy done(window.capturesView()->model(), &QAbstractItemModel::dataChanged);
    policy->evaluateCapture();
    QVERIFY(done.wait(10000));
    // Every connection judged; /login through another endpoint is denied.
    const QAbstractItemModel *m = window.capturesView()->model();
    int allowed = 0, denied = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QString d = m->index(r, ConnectionTableModel::DecisionColumn).data().toString();
        allowed += d == QLatin1String("Allow");
        denied += d.endsWith(QLatin1String("Deny"));
    }
    QCOMPARE(allowed + denied, 26);
    QVERIFY(allowed > 0 && denied > 0);
    window.capturesView()->proxyModel()->setFilterText(QStringLiteral("decision:deny"));
    QCOMPARE(window.capturesView()->proxyModel()->rowCount(), denied);
    QVERIFY(policy->batchTable()->rowCount() >= 5); // 3 decisions + statements
    QCOMPARE(policy->batchTable()->item(0, 0)->text(), QStringLiteral("Allow"));
    QCOMPARE(policy->batchTable()->item(0, 2)->text().toInt(), allowed);
}

void TestGui::policyTestCasesAndDiff()
{
    PolicyView view;
    const QString original = view.policyText();
    QTemporaryDir dir;
    const QString cases = dir.filePath(QStringLiteral("cases.json"));
    QFile f(cases);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"([
      {"name": "login via prod endpoint", "expect": "Allow",
       "request": {"action": "http:GET", "resource": "/login",
                   "context": {"alibaba:EndpointId": "ep-bp1i288487e586152d4b",
                               "acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}}},
      {"name": "login via another endpoint", "expect": "Deny",
       "request": {"action": "http:GET", "resource": "/login",
                   "context": {"alibaba:EndpointId": "ep-x",
                               "acs:SourceVpc": "vpc-bp179qeke0wzo1mr8bxhl"}}}
    ])");
    f.close();
    QCOMPARE(view.loadTestCases(cases), QString());
    QCOMPARE(view.caseTable()->rowCount(), 2);
    QCOMPARE(view.caseTable()->item(0, 3)->text(), QStringLiteral("pass"));
    QCOMPARE(view.caseTable()->item(1, 3)->text(), QStringLiteral("pass"));

    // Dropping the deny statement: the second case fails as the user types.
    const QString old = dir.filePath(QStringLiteral("old.json"));
    QCOMPARE(view.savePolicy(old), QString());
    QString edited = original;
    edited.replace(QStringLiteral("\"Effect\": \"Deny\""), QStringLiteral("\"Effect\": \"Allow\""));
    view.editor()->setPlainText(edited);
    view.evaluateNow();
    QCOMPARE(view.caseTable()->item(1, 3)->text(), QStringLiteral("FAIL"));
    QCOMPARE(view.caseTable()->item(1, 2)->text(), QStringLiteral("Allow"));

    // The diff against the saved version names the request that changed.
    QCOMPARE(view.diffAgainst(old), QString());
    QCOMPARE(view.diffTable()->rowCount(), 1);
    QCOMPARE(view.diffTable()->item(0, 0)->text(), QStringLiteral("login via another endpoint"));
    QCOMPARE(view.diffTable()->item(0, 1)->text(), QStringLiteral("ExplicitDeny"));
    QCOMPARE(view.diffTable()->item(0, 2)->text(), QStringLiteral("Allow"));
    QVERIFY(!view.diffTable()->item(0, 3)->text().isEmpty());
}

void TestGui::wiresharkPluginInstallsTheShippedFile()
{
    // Help > Install Wireshark plugin copies the plugin the package ships
    // (and tst_wiresharkplugin runs through tshark) into the plugin folder.
    QTemporaryDir home;
    const QString dir = home.filePath(QStringLiteral("lib/wireshark/plugins"));
    QString path;
    QCOMPARE(pl::gui::installWiresharkPlugin(dir, &path), QString());
    QFile installed(path);
    QVERIFY(installed.open(QIODevice::ReadOnly));
    QFile shipped(QStringLiteral(PL_SOURCE_DIR "/resources/wireshark/privatelink.lua"));
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    QCOMPARE(installed.readAll(), shipped.readAll());
    QVERIFY(pl::gui::defaultWiresharkPluginDir().endsWith(
        QLatin1String("/.local/lib/wireshark/plugins")));
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
