#pragma once

#include "capture/connection.h"

#include <QJsonObject>

namespace pl::exporting {

// One connection of a capture, the CLI JSON contract (architecture.md):
// frame, client, server, header, warnings, error, plus first_frame,
// last_frame, header_frame, time, last_time, transport, payload, response,
// end, findings.
QJsonObject connectionJson(const capture::Connection &connection,
                           proxy::VendorProfile vendor = proxy::VendorProfile::Auto);

} // namespace pl::exporting
