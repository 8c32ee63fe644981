#pragma once

#include "proxy/breakdown.h"

class QTextStream;

namespace pl::cli {

// The breakdown as an aligned text table, like the vendor documentation's.
void printBreakdownTable(QTextStream &stream, const QList<proxy::BreakdownRow> &rows,
                         proxy::ByteSpan input);

} // namespace pl::cli
