#pragma once

#include "proxy/breakdown.h"

#include <QString>

namespace pl::exporting {

// A header's breakdown as a Markdown table like the vendor documentation's
// (Offset | Bytes | Field | Value | Note), nested rows indented.
QString breakdownMarkdown(const QList<proxy::BreakdownRow> &rows, proxy::ByteSpan input);

} // namespace pl::exporting
