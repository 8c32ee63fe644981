#include "matrixrunner.h"

#include "sender.h"

#include <QJsonDocument>

namespace pl::net {

MatrixRunner::MatrixRunner(QObject *parent) : QObject(parent) {}

MatrixRunner::~MatrixRunner()
{
    for (auto it = m_busy.cbegin(); it != m_busy.cend(); ++it)
        it.key()->disconnect(this);
}

void MatrixRunner::start(const QList<MatrixRow> &rows, int concurrency)
{
    if (m_running)
        return;
    m_rows = rows;
    m_results = QList<SendResult>(rows.size());
    m_next = 0;
    m_done = 0;
    m_concurrency = std::max(1, concurrency);
    m_running = true;
    m_clock.start();
    if (rows.isEmpty()) {
        m_running = false;
        emit finished();
        return;
    }
    launchMore();
}

void MatrixRunner::launchMore()
{
    while (m_running && m_busy.size() < m_concurrency && m_next < m_rows.size()) {
        Sender *sender = m_idle.isEmpty() ? nullptr : m_idle.takeLast();
        if (!sender) {
            sender = new Sender(this);
            connect(sender, &Sender::finished, this,
                    [this, sender](const SendResult &r) { onSenderFinished(sender, r); });
        }
        m_busy.insert(sender, m_next);
        sender->start(m_rows.at(m_next).request);
        ++m_next;
    }
}

void MatrixRunner::onSenderFinished(Sender *sender, const SendResult &result)
{
    const int row = m_busy.take(sender);
    m_idle.append(sender);
    m_results[row] = result;
    ++m_done;
    emit resultReady(row, result);
    emit progress(m_done, static_cast<int>(m_rows.size()));
    if (m_done == m_rows.size() || (!m_running && m_busy.isEmpty())) {
        m_running = false;
        m_elapsedMs = m_clock.elapsed();
        emit finished();
        return;
    }
    launchMore();
}

void MatrixRunner::cancel()
{
    if (!m_running)
        return;
    for (qsizetype i = m_next; i < m_rows.size(); ++i) {
        m_results[i].failure = SendFailure::Timeout;
        m_results[i].message = QStringLiteral("cancelled");
    }
    m_done += static_cast<int>(m_rows.size() - m_next);
    m_next = static_cast<int>(m_rows.size());
    m_running = false;
    if (m_busy.isEmpty()) {
        m_elapsedMs = m_clock.elapsed();
        emit finished();
        return;
    }
    const QList<Sender *> busy = m_busy.keys();
    for (Sender *s : busy)
        s->abort(); // each reports "cancelled"; the last one emits finished()
}

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QString matrixResultsCsv(const QList<MatrixRow> &rows, const QList<SendResult> &results)
{
    QString out = QStringLiteral(
        "row,name,target,outcome,status,connect_ms,first_byte_ms,total_ms,header_bytes,message\n");
    for (qsizetype i = 0; i < rows.size() && i < results.size(); ++i) {
        const SendResult &r = results.at(i);
        const SendRequest &q = rows.at(i).request;
        out +=
            QStringList{QString::number(i + 1),
                        csvField(rows.at(i).name),
                        csvField(QStringLiteral("%1:%2").arg(q.host).arg(q.port)),
                        r.ok() ? QStringLiteral("ok") : QLatin1String(sendFailureName(r.failure)),
                        r.status >= 0 ? QString::number(r.status) : QString(),
                        QString::number(r.connectMs),
                        QString::number(r.firstByteMs),
                        QString::number(r.totalMs),
                        QString::number(r.headerSent.size()),
                        csvField(r.message)}
                .join(QLatin1Char(','));
        out += QLatin1Char('\n');
    }
    return out;
}

QString matrixResultsJsonLines(const QList<MatrixRow> &rows, const QList<SendResult> &results)
{
    QString out;
    for (qsizetype i = 0; i < rows.size() && i < results.size(); ++i) {
        const SendRequest &q = rows.at(i).request;
        QJsonObject o =
            sendResultJson(results.at(i), QStringLiteral("%1:%2").arg(q.host).arg(q.port));
        o.insert(QStringLiteral("row"), i + 1);
        o.insert(QStringLiteral("name"), rows.at(i).name);
        out +=
            QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n');
    }
    return out;
}

} // namespace pl::net
