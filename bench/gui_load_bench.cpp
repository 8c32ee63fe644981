// Opens a capture in the GUI (offscreen) and measures what a user feels:
// time to the first rows, time to the whole capture, and the longest stall
// of the event loop while loading (a 5 ms timer that should always fire).
// The raw libpcap read of the same file is timed in the same run, so the
// figures can be read as ratios on any machine.
//
// Usage: gui_load_bench CAPTURE   (QT_QPA_PLATFORM=offscreen is set for you)

#include "perf/vectorstate.h"
#include "models/connectiontablemodel.h"
#include "views/capturesview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <pcap/pcap.h>

namespace {

double rawPcapSeconds(const QString &path, long &packets)
{
    char err[PCAP_ERRBUF_SIZE];
    // The bare loop at its best: in a GUI process the AVX upper state is
    // dirty by now, which makes libpcap's reads 2-3x slower (see
    // core/perf/vectorstate.h); the reader clears it, so must this loop.
    pl::perf::clearUpperVectorState();
    QElapsedTimer t;
    t.start();
    pcap_t *p = pcap_open_offline(path.toLocal8Bit().constData(), err);
    if (!p)
        return -1;
    pcap_pkthdr *h = nullptr;
    const u_char *data = nullptr;
    unsigned sink = 0;
    while (pcap_next_ex(p, &h, &data) == 1) {
        sink += data[0];
        ++packets;
    }
    pcap_close(p);
    std::fprintf(stderr, "%s", sink == 1 ? "" : "");
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: gui_load_bench CAPTURE\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);

    long packets = 0;
    const double raw = rawPcapSeconds(path, packets);

    pl::gui::CapturesView view;
    view.resize(1400, 900);
    view.show();
    // The window's first paint (fonts, styles) happens before the user opens
    // a file; measure loading, not start-up.
    QApplication::processEvents();

    QElapsedTimer clock;
    qint64 firstRowsNs = -1;
    qint64 lastTick = 0;
    qint64 longestStallNs = 0;
    qint64 longestStallAtNs = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (now - lastTick > longestStallNs) {
            longestStallNs = now - lastTick;
            longestStallAtNs = now;
        }
        lastTick = now;
    });
    QObject::connect(view.model(), &QAbstractItemModel::rowsInserted, &app, [&] {
        if (firstRowsNs < 0)
            firstRowsNs = clock.nsecsElapsed();
    });
    double totalSeconds = 0;
    QObject::connect(&view, &pl::gui::CapturesView::loadFinished, &app, [&] {
        totalSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
        // Let the last rows paint, then stop.
        QTimer::singleShot(50, &app, &QApplication::quit);
    });
    clock.start();
    ticker.start();
    view.open(path);
    QApplication::exec();

    const double first = static_cast<double>(firstRowsNs) / 1e9;
    std::printf("capture                 %s\n", argv[1]);
    std::printf("packets                 %ld\n", packets);
    std::printf("connections             %d\n", view.model()->rowCount());
    std::printf("raw libpcap read        %.3f s\n", raw);
    std::printf("time to first rows      %.3f s\n", first);
    std::printf("time to complete        %.3f s  (%.1fx the raw libpcap read)\n", totalSeconds,
                totalSeconds / raw);
    std::printf("longest event-loop stall %.1f ms (ending at %.3f s)\n",
                static_cast<double>(longestStallNs) / 1e6,
                static_cast<double>(longestStallAtNs) / 1e9);
    std::printf("connections per second  %.0f\n", view.model()->rowCount() / totalSeconds);
    return 0;
}
