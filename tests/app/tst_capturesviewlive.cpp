// The Captures view's live capture and Wireshark hand-off, offscreen: the
// Start dialog lists interfaces and checks the filter before starting; a
// connection made on loopback appears in the table while the capture runs;
// Stop, Save as pcapng; the filtered rows exported as a capture hold
// exactly those connections.

#include "capture/captureengine.h"
#include "models/connectionfiltermodel.h"
#include "models/connectiontablemodel.h"
#include "views/capturesview.h"
#include "views/livecapturedialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace pl::gui;

namespace {

const QString kSample = QStringLiteral(PL_SOURCE_DIR "/resources/samples/sample.pcapng");

// The capture's connections as "client -> server" lines, read by the engine.
QStringList connectionsOf(const QString &path)
{
    pl::capture::CaptureEngine engine;
    if (!engine.openFile(path))
        return {engine.error().message};
    QStringList lines;
    engine.run([&](QList<pl::capture::Connection> &&batch) {
        for (const pl::capture::Connection &c : batch)
            lines << pl::capture::endpointText(c.client) + QStringLiteral(" -> ") +
                         pl::capture::endpointText(c.server);
    });
    return lines;
}

} // namespace

class TestCapturesViewLive : public QObject
{
    Q_OBJECT

private slots:
    void startDialogChecksTheFilter();
    void exportsTheFilteredConnections();
    void liveConnectionsAppearAndCanBeSaved();
};

void TestCapturesViewLive::startDialogChecksTheFilter()
{
    LiveCaptureDialog dialog;
    auto *interfaces = dialog.findChild<QTreeWidget *>(QStringLiteral("interfaceList"));
    auto *filter = dialog.findChild<QComboBox *>(QStringLiteral("captureFilter"));
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("captureFilterStatus"));
    auto *start = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(interfaces && filter && status && start);
    const QList<QTreeWidgetItem *> lo =
        interfaces->findItems(QStringLiteral("lo"), Qt::MatchExactly);
    QCOMPARE(lo.size(), 1);
    QVERIFY2(lo.first()->text(1).contains(QStringLiteral("loopback")),
             qPrintable(lo.first()->text(1)));
    QVERIFY(lo.first()->text(2).contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(filter->currentText(), QStringLiteral("tcp or udp"));
    QVERIFY(start->isEnabled());

    filter->setCurrentText(QStringLiteral("tcp port"));
    QVERIFY(!start->isEnabled());
    QVERIFY2(status->text().startsWith(QStringLiteral("Invalid filter: ")),
             qPrintable(status->text()));
    filter->setCurrentText(QStringLiteral("tcp port 8080"));
    QVERIFY(start->isEnabled());
    interfaces->setCurrentItem(lo.first());
    const pl::capture::LiveOptions options = dialog.options();
    QCOMPARE(options.interfaceName, QStringLiteral("lo"));
    QCOMPARE(options.filter, QStringLiteral("tcp port 8080"));
}

void TestCapturesViewLive::exportsTheFilteredConnections()
{
    CapturesView view;
    QSignalSpy loaded(&view, &CapturesView::loadFinished);
    view.open(kSample);
    QVERIFY(loaded.wait(30000));
    view.setFilterText(QStringLiteral("vpc:vpc-2zeh8xx0a9b8c7d6e5f4"));
    QCOMPARE(view.proxyModel()->rowCount(), 5);
    QStringList shown;
    for (int r = 0; r < view.proxyModel()->rowCount(); ++r) {
        const auto &c =
            view.model()
                ->rowAt(view.proxyModel()->mapToSource(view.proxyModel()->index(r, 0)).row())
                .connection;
        shown << pl::capture::endpointText(c.client) + QStringLiteral(" -> ") +
                     pl::capture::endpointText(c.server);
    }
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("filtered.pcapng"));
    QCOMPARE(view.exportPackets(out, false), QString());
    QCOMPARE(connectionsOf(out), shown);

    // Selected rows only: the first two.
    view.table()->clearSelection();
    view.table()->selectionModel()->select(view.proxyModel()->index(0, 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view.table()->selectionModel()->select(view.proxyModel()->index(1, 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(view.selectedConnectionCount(), 2);
    const QString selected = dir.filePath(QStringLiteral("selected.pcapng"));
    QCOMPARE(view.exportPackets(selected, true), QString());
    QCOMPARE(connectionsOf(selected), shown.mid(0, 2));
}

void TestCapturesViewLive::liveConnectionsAppearAndCanBeSaved()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 204 No Content\r\n\r\n");
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });

    CapturesView view;
    QSignalSpy finished(&view, &CapturesView::loadFinished);
    pl::capture::LiveOptions options;
    options.interfaceName = QStringLiteral("lo");
    options.filter = QStringLiteral("tcp port %1").arg(server.serverPort());
    view.startLive(options);
    QVERIFY(view.isCapturingLive());
    QTest::qWait(300); // the handle is open before the connection starts
    if (!finished.isEmpty()) {
        const QString error = finished.first().at(1).toString();
        if (error.contains(QStringLiteral("permission")))
            QSKIP(qPrintable(error));
        QFAIL(qPrintable(error));
    }

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write(
        "\r\n\r\n\0\r\nQUIT\n\x21\x11\x00\x0c\x0a\x00\x00\x01\x0a\x00\x00\x02\x30\x39\x00\x50"
        "GET / HTTP/1.1\r\nHost: live.test\r\n\r\n",
        16 + 12 + 35);
    // The server answers and closes (the event loop runs while waiting).
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 5000);
    // The connection shows while the capture still runs.
    QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, 10000);
    QVERIFY(view.isCapturingLive());
    const auto &row = view.model()->rowAt(0);
    QCOMPARE(row.ppSource(), QStringLiteral("10.0.0.1:12345"));
    QCOMPARE(row.connection.payload.text(), QStringLiteral("GET / HTTP/1.1 Host: live.test"));
    auto *counts = view.findChild<QLabel *>(QStringLiteral("liveCounts"));
    QTRY_VERIFY(counts->text().contains(QStringLiteral("1 connections")));

    view.stopLive();
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.last().at(0).toBool());
    QVERIFY(!view.isCapturingLive());
    QVERIFY(view.hasLiveCapture());
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("saved.pcapng"));
    QCOMPARE(view.saveLiveCapture(saved), QString());
    QCOMPARE(connectionsOf(saved),
             QStringList{pl::capture::endpointText(row.connection.client) + QStringLiteral(" -> ") +
                         pl::capture::endpointText(row.connection.server)});
}

QTEST_MAIN(TestCapturesViewLive)
#include "tst_capturesviewlive.moc"
