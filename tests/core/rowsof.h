#pragma once

// A capture read whole into table rows, for the row, filter and export tests.

#include "capture/captureengine.h"
#include "capture/connectionrow.h"

#include <QList>
#include <QString>

namespace pl::test {

inline QList<capture::ConnectionRow>
rowsOf(const QString &path, proxy::VendorProfile vendor = proxy::VendorProfile::Auto)
{
    capture::CaptureEngine engine;
    if (!engine.openFile(path))
        return {};
    capture::StringPool pool;
    QList<capture::ConnectionRow> rows;
    for (QList<capture::Connection> batch = engine.nextBatch(); !batch.isEmpty();
         batch = engine.nextBatch())
        for (capture::Connection &c : batch)
            rows.append(capture::makeConnectionRow(std::move(c), vendor, pool));
    return rows;
}

} // namespace pl::test
