#pragma once

#include "sendrequest.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

namespace pl::net {

class Sender;

// One row of a matrix run: a named variation and what came back.
struct MatrixRow
{
    QString name;
    SendRequest request;
};

// Sends many crafted connections with bounded concurrency on the event loop
// (no threads: sockets are asynchronous). Results arrive as they finish;
// cancel() stops starting new ones and aborts those in flight.
class MatrixRunner : public QObject
{
    Q_OBJECT

public:
    explicit MatrixRunner(QObject *parent = nullptr);
    ~MatrixRunner() override;

    void start(const QList<MatrixRow> &rows, int concurrency);
    void cancel();
    bool isRunning() const { return m_running; }
    // In row order; rows not run (cancelled) have failure Timeout "cancelled".
    const QList<SendResult> &results() const { return m_results; }
    const QList<MatrixRow> &rows() const { return m_rows; }
    qint64 elapsedMs() const { return m_elapsedMs; }

signals:
    void resultReady(int row, const pl::net::SendResult &result);
    void progress(int done, int total);
    void finished();

private:
    void launchMore();
    void onSenderFinished(Sender *sender, const SendResult &result);

    QList<MatrixRow> m_rows;
    QList<SendResult> m_results;
    QList<Sender *> m_idle;
    QHash<Sender *, int> m_busy;
    int m_next = 0;
    int m_done = 0;
    int m_concurrency = 1;
    bool m_running = false;
    QElapsedTimer m_clock;
    qint64 m_elapsedMs = 0;
};

// Results as a table: CSV (one line per row, header line first) or JSON
// Lines (sendResultJson plus "row" and "name").
QString matrixResultsCsv(const QList<MatrixRow> &rows, const QList<SendResult> &results);
QString matrixResultsJsonLines(const QList<MatrixRow> &rows, const QList<SendResult> &results);

} // namespace pl::net
