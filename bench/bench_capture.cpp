// Capture reading throughput, side by side in one run: a bare libpcap read
// loop (the floor), the capture engine with totals (what `decode --stats`
// does), and the engine with one JSON object per connection (`--json`).
// Usage: bench_capture FILE.pcap   (bench/make_big_capture.py writes one)

#include "capture/captureengine.h"
#include "capture/capturestats.h"
#include "export/connectionjson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>
#include <cstring>
#include <pcap/pcap.h>
#include <sys/resource.h>

namespace {

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void report(const char *what, qint64 ns, double megabytes, std::uint64_t connections)
{
    const double seconds = static_cast<double>(ns) / 1e9;
    std::printf("%-28s %8.3f s %9.1f MB/s %12.0f conn/s  peak RSS %ld MiB\n", what, seconds,
                megabytes / seconds, static_cast<double>(connections) / seconds,
                peakRssKiB() / 1024);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // --raw-only: just the bare libpcap loop, for side-by-side runs of whole
    // processes (scripts/bench-capture measures their wall time and RSS).
    const bool rawOnly = argc > 2 && std::strcmp(argv[1], "--raw-only") == 0;
    if (argc < 2 || (argc > 2 && !rawOnly)) {
        std::fprintf(stderr, "usage: bench_capture [--raw-only] FILE.pcap\n");
        return 2;
    }
    const char *file = rawOnly ? argv[2] : argv[1];
    const QString path = QString::fromLocal8Bit(file);
    const double megabytes = static_cast<double>(QFileInfo(path).size()) / 1e6;

    // 1. Bare libpcap: every packet read, nothing decoded.
    QElapsedTimer timer;
    timer.start();
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t *pcap = pcap_open_offline(file, errbuf);
    if (!pcap) {
        std::fprintf(stderr, "%s\n", errbuf);
        return 1;
    }
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    while (pcap_next_ex(pcap, &header, &data) == 1) {
        ++packets;
        bytes += header->caplen + data[0]; // touch the data like a reader would
    }
    pcap_close(pcap);
    const qint64 bare = timer.nsecsElapsed();
    if (rawOnly) {
        std::printf("bare libpcap read loop: %.3f s, %llu packets\n",
                    static_cast<double>(bare) / 1e9,
                    static_cast<unsigned long long>(packets + (bytes == 0)));
        return 0;
    }

    // 2. Engine + totals.
    timer.restart();
    pl::capture::CaptureStats stats;
    {
        pl::capture::CaptureEngine engine;
        if (!engine.openFile(path))
            return 1;
        engine.run([&](QList<pl::capture::Connection> &&batch) {
            for (const auto &c : std::as_const(batch))
                stats.add(c);
        });
    }
    const qint64 withStats = timer.nsecsElapsed();

    // 3. Engine + one compact JSON object per connection (written nowhere).
    timer.restart();
    std::uint64_t jsonBytes = 0;
    std::uint64_t connections = 0;
    {
        pl::capture::CaptureEngine engine;
        if (!engine.openFile(path))
            return 1;
        engine.run([&](QList<pl::capture::Connection> &&batch) {
            for (const auto &c : std::as_const(batch)) {
                QByteArray line;
                pl::exporting::writeConnectionJson(line, c);
                jsonBytes += static_cast<std::uint64_t>(line.size());
                ++connections;
            }
        });
    }
    const qint64 withJson = timer.nsecsElapsed();

    std::printf("%s: %.1f MB, %llu packets, %llu connections (%llu with header)\n", file, megabytes,
                static_cast<unsigned long long>(packets),
                static_cast<unsigned long long>(stats.connections),
                static_cast<unsigned long long>(stats.withHeader));
    report("bare libpcap read loop", bare, megabytes, stats.connections);
    report("engine + stats", withStats, megabytes, stats.connections);
    report("engine + JSON per connection", withJson, megabytes, connections);
    std::printf("(%llu bytes read, %llu bytes of JSON)\n", static_cast<unsigned long long>(bytes),
                static_cast<unsigned long long>(jsonBytes));
    return 0;
}
