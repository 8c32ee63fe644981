#pragma once

#include "capture/connection.h"

#include <QJsonObject>

namespace pl::exporting {

// One connection of a capture, the CLI JSON contract (architecture.md):
// frame, client, server, header, warnings, error, plus first_frame,
// last_frame, header_frame, time, last_time, transport, payload, response,
// end, findings. A connection without frames (firstFrame 0: the
// listener's) has no frame fields.
// The same object appended to `out` as compact JSON, without building a
// QJsonObject: what capture exports use, one line per connection. A
// non-empty `input` adds "input": the capture file it came from, for
// output that covers several files.
void writeConnectionJson(QByteArray &out, const capture::Connection &connection,
                         proxy::VendorProfile vendor = proxy::VendorProfile::Auto,
                         const QString &input = {});
QJsonObject connectionJson(const capture::Connection &connection,
                           proxy::VendorProfile vendor = proxy::VendorProfile::Auto);

} // namespace pl::exporting
