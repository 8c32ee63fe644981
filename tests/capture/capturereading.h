#pragma once

// Reading a capture fixture whole, for the capture tests.

#include "capture/captureengine.h"

#include <QList>
#include <QString>

namespace pl::test {

inline QString fixture(const char *name)
{
    return QStringLiteral(PL_CAPTURE_FIXTURES "/") + QLatin1String(name);
}

struct ReadAll
{
    QList<pl::capture::Connection> connections;
    pl::capture::CaptureError error;
    pl::capture::CaptureCounters counters;
    pl::capture::CaptureProgress progress;
    int batches = 0;
};

inline ReadAll readAll(const QString &path, qsizetype batchSize = 512)
{
    ReadAll result;
    pl::capture::CaptureEngine engine(
        pl::capture::CaptureOptions{pl::proxy::VendorProfile::Auto, batchSize});
    if (!engine.openFile(path)) {
        result.error = engine.error();
        return result;
    }
    engine.run([&](QList<pl::capture::Connection> &&batch) {
        ++result.batches;
        result.connections.append(std::move(batch));
    });
    result.error = engine.error();
    result.counters = engine.counters();
    result.progress = engine.progress();
    return result;
}

} // namespace pl::test
