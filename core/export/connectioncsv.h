#pragma once

#include "capture/connectionrow.h"

#include <QByteArray>

namespace pl::exporting {

// The connections table as CSV (RFC 4180, CRLF): the table's columns under
// stable English keys, with English values, whatever the UI language, so a
// spreadsheet or a script reading the file never depends on it.
//   frame,first_time,client,server,proxy,pp_source,pp_destination,vpc_id,
//   endpoint_id,crc32c,payload,response,findings,decision
QByteArray connectionCsvHeader();
// decision: a policy decision's name ("Allow", "ExplicitDeny"...), empty
// when the row was not judged.
QByteArray connectionCsvRow(const capture::ConnectionRow &row, const QString &decision);

// A CSV field, quoted when it must be. Text that came off the wire
// (payload, response) and starts like a spreadsheet formula (=, +, -, @)
// gets a leading apostrophe: opening the file must not run it.
QByteArray csvField(const QString &text, bool fromWire = false);

} // namespace pl::exporting
