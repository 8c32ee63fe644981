#include "captureloader.h"

#include "export/pcapngwriter.h"
#include "jobthread.h"

#include <QElapsedTimer>

namespace pl::gui {

struct CaptureLoader::Job
{
    quint64 generation = 0;
    QString path;
    proxy::VendorProfile vendor = proxy::VendorProfile::Auto;
    bool live = false;
    capture::LiveOptions liveOptions;
    QString savePath; // live: where every packet goes
    capture::CaptureEngine engine;
    capture::CaptureStats stats;
    QString error;
    bool ok = false;
};

CaptureLoader::CaptureLoader(QObject *parent) : QObject(parent), m_worker(new JobThread(this))
{
    qRegisterMetaType<std::shared_ptr<capture::ConnectionChunk>>();
    qRegisterMetaType<capture::CaptureStats>();
    connect(m_worker, &JobThread::tick, this, [this] {
        if (!m_job)
            return;
        const capture::CaptureProgress p = m_job->engine.progress();
        emit progress(p.bytesRead, p.totalBytes, p.connections);
        if (m_job->live)
            emit liveProgress(p.packets, p.connections, p.dropped);
    });
}

CaptureLoader::~CaptureLoader()
{
    m_worker->stop(); // the work emits through this object
}

bool CaptureLoader::isLoading() const
{
    return m_worker->isRunning();
}

void CaptureLoader::cancel()
{
    m_worker->cancel();
}

void CaptureLoader::load(const QString &path, proxy::VendorProfile vendor)
{
    m_worker->stop(); // superseded: its late batches carry an old generation
    auto job = std::make_shared<Job>();
    job->generation = ++m_generation;
    job->path = path;
    job->vendor = vendor;
    job->stats = capture::CaptureStats(vendor);
    start(job);
}

void CaptureLoader::loadLive(const capture::LiveOptions &options, const QString &savePath,
                             proxy::VendorProfile vendor)
{
    m_worker->stop();
    auto job = std::make_shared<Job>();
    job->generation = ++m_generation;
    job->live = true;
    job->liveOptions = options;
    job->savePath = savePath;
    job->vendor = vendor;
    job->stats = capture::CaptureStats(vendor);
    start(job);
}

void CaptureLoader::start(std::shared_ptr<Job> job)
{
    m_job = job;
    const auto work = [this, job] {
        std::unique_ptr<exporting::PcapngWriter> writer;
        if (job->live) {
            if (!job->engine.openLive(job->liveOptions)) {
                job->error = job->engine.error().message;
                return;
            }
            writer = std::make_unique<exporting::PcapngWriter>(job->savePath);
            if (const QString error = writer->open(); !error.isEmpty()) {
                job->error = tr("cannot write %1: %2").arg(job->savePath, error);
                return;
            }
            const int linkType = job->engine.linkType();
            const std::uint32_t snaplen = job->engine.snaplen();
            job->engine.setPacketTap(
                [w = writer.get(), linkType, snaplen](const capture::Packet &p) {
                    w->writePacket(linkType, snaplen, p.timeNs, p.wireLength, p.data);
                });
        } else if (!job->engine.openFile(job->path)) {
            job->error = job->engine.error().message;
            return;
        }
        auto pending = std::make_shared<capture::ConnectionChunk>();
        QElapsedTimer sinceSend;
        sinceSend.start();
        bool firstSent = false;
        capture::StringPool pool;
        const auto send = [&] {
            if (pending->size() == 0)
                return;
            pending->squeeze(); // nothing is appended to a chunk once sent
            QMetaObject::invokeMethod(
                this,
                [this, rows = std::move(pending), generation = job->generation]() {
                    if (generation == m_generation)
                        emit batchReady(rows);
                },
                Qt::QueuedConnection);
            pending = std::make_shared<capture::ConnectionChunk>();
            sinceSend.restart();
            firstSent = true;
        };
        for (;;) {
            QList<capture::Connection> batch = job->engine.nextBatch();
            if (batch.isEmpty())
                break;
            for (capture::Connection &c : batch) {
                job->stats.add(c);
                pending->append(capture::makeConnectionRow(std::move(c), job->vendor, pool));
                // A full chunk: a batch of 4k rows, big enough to keep signal
                // overhead low, small enough that inserting them never
                // stalls the event loop.
                if (pending->full())
                    send();
            }
            // First rows at once; then at least every 50 ms.
            if (!firstSent || sinceSend.elapsed() >= 50)
                send();
        }
        send();
        job->stats.setCounters(job->engine.counters());
        job->error = job->engine.error() ? job->engine.error().message : QString();
        if (writer) {
            if (const QString error = writer->commit(); !error.isEmpty() && job->error.isEmpty())
                job->error = tr("cannot write %1: %2").arg(job->savePath, error);
        }
        // A live capture ends by Stop: that is its normal end.
        job->ok = job->error.isEmpty() && (job->live || !job->engine.cancelled());
    };
    m_worker->start(
        work, [job] { job->engine.cancel(); }, [this, job] { finish(job); });
}

void CaptureLoader::finish(const std::shared_ptr<Job> &job)
{
    const capture::CaptureProgress p = job->engine.progress();
    emit progress(p.bytesRead, p.totalBytes, p.connections);
    if (job->live)
        emit liveProgress(p.packets, p.connections, job->engine.liveStats().dropped);
    m_job.reset();
    // Queued batches were posted before this; they arrive first.
    emit finished(job->ok, job->engine.cancelled(), job->error, job->stats);
}

} // namespace pl::gui
