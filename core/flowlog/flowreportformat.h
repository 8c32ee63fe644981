#pragma once

#include "flowreport.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace pl::flowlog {

// The output contract of `plinspect flowlog check` (flow-logs.md): shared
// by the CLI and exports.
// Receives a report piece by piece (some findings or rows at a time, up to
// about 64 KiB): a report of many findings is written as it is formatted,
// never held whole.
using ReportSink = std::function<void(const QByteArray &bytes)>;
// One finding per line, then the summary object ("summary": true)
// (flowreportjson.cpp).
void writeReportJsonLines(const FlowReport &report, const ReportSink &sink);
void writeReportCsv(const FlowReport &report, const ReportSink &sink);
void writeReportMarkdown(const FlowReport &report, const ReportSink &sink);
// The same, whole (GUI exports, tests).
QByteArray reportJsonLines(const FlowReport &report);
QByteArray reportCsv(const FlowReport &report);
QByteArray reportMarkdown(const FlowReport &report);
// The readable summary: totals, instances and destinations ranked by bytes,
// top findings with their recommendation, input problems.
QByteArray reportText(const FlowReport &report, int maxFindings = 20);

// "1.5 GiB", "980 B".
QString byteText(std::uint64_t bytes);
// Bytes in (the answers), "?" when the input cannot say (a query's rows).
QString inboundByteText(std::uint64_t bytes, bool known);
// Text from the logs for a terminal: control characters as \xNN.
QString printableText(const std::string &text);

} // namespace pl::flowlog
