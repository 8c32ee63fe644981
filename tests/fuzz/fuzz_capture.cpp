// libFuzzer entry point for capture files: the bytes are a pcap or pcapng
// file (libpcap's reader, and the workbench's own pcapng reader for files of
// several link types), read into connections and rendered as the GUI's rows,
// JSON and the totals. Memory errors and UB are the sanitizers' job; this
// file checks the promises the views rely on: a connection's frames are
// frames that were read, in order, and its header frame among them.

#include "capture/captureengine.h"
#include "capture/capturestats.h"
#include "capture/connectionrow.h"
#include "export/connectionjson.h"
#include "memoryfile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace pl::capture;

// __builtin_trap, not assert: the fuzz preset builds with NDEBUG, and a trap
// makes libFuzzer save the input as a crash reproducer.
void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    CaptureEngine engine;
    if (!engine.openFile(QString::fromStdString(pl::fuzz::memoryFilePath(data, size))))
        return 0;
    CaptureStats stats;
    StringPool pool;
    QByteArray json;
    engine.run([&](QList<Connection> &&batch) {
        for (const Connection &c : std::as_const(batch)) {
            require(c.firstFrame >= 1 && c.firstFrame <= c.lastFrame);
            require(c.headerFrame == 0 ||
                    (c.headerFrame >= c.firstFrame && c.headerFrame <= c.lastFrame));
            stats.add(c);
            json.clear();
            pl::exporting::writeConnectionJson(json, c);
            makeConnectionRow(c, pl::proxy::VendorProfile::Auto, pool);
        }
    });
    const std::uint64_t packets = engine.counters().packets;
    stats.setCounters(engine.counters());
    (void)stats.toText();
    require(stats.connections <= packets);
    return 0;
}
