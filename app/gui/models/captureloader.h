#pragma once

#include "capture/capturestats.h"
#include "capture/connectionchunk.h"

#include <QObject>

#include <memory>

namespace pl::gui {

class JobThread;

// Reads a capture on a worker thread and hands rows back to the GUI thread
// in batches, packed there (the GUI thread only links them in, and a
// backlog of batches costs packed rows): the first batch as soon as it
// exists, then coalesced so the event loop never drowns. A new load()
// supersedes the running one.
class CaptureLoader : public QObject
{
    Q_OBJECT

public:
    explicit CaptureLoader(QObject *parent = nullptr);
    ~CaptureLoader() override;

    void load(const QString &path, proxy::VendorProfile vendor);
    // Captures live until cancel(); every packet is also written to
    // savePath (pcapng), so that afterwards the capture is a file like any other.
    void loadLive(const capture::LiveOptions &options, const QString &savePath,
                  proxy::VendorProfile vendor);
    void cancel();
    bool isLoading() const;

signals:
    void batchReady(const std::shared_ptr<pl::capture::ConnectionChunk> &rows);
    void progress(qint64 bytesRead, qint64 totalBytes, qulonglong connections);
    void liveProgress(qulonglong packets, qulonglong connections, qulonglong dropped);
    // ok: read to the end without error; error: what stopped it (rows read
    // before a damaged record are kept).
    void finished(bool ok, bool cancelled, const QString &error,
                  const pl::capture::CaptureStats &stats);

private:
    struct Job;
    void start(std::shared_ptr<Job> job);
    void finish(const std::shared_ptr<Job> &job);

    JobThread *m_worker;
    std::shared_ptr<Job> m_job;
    quint64 m_generation = 0;
};

} // namespace pl::gui

Q_DECLARE_METATYPE(pl::capture::CaptureStats)
Q_DECLARE_METATYPE(std::shared_ptr<pl::capture::ConnectionChunk>)
