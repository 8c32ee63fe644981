#pragma once

#include "flowreport.h"

#include <QByteArray>
#include <QJsonObject>

namespace pl::flowlog {

// The output contract of `plinspect flowlog check` (flow-logs.md): shared
// by the CLI and exports.
QJsonObject findingJson(const Finding &finding);
QJsonObject summaryJson(const FlowReport &report);
// One finding per line, then the summary object ("summary": true).
QByteArray reportJsonLines(const FlowReport &report);
QByteArray reportCsv(const FlowReport &report);
QByteArray reportMarkdown(const FlowReport &report);
// The readable summary: totals, instances and destinations ranked by bytes,
// top findings with their recommendation, input problems.
QByteArray reportText(const FlowReport &report, int maxFindings = 20);

// "1.5 GiB", "980 B".
QString byteText(std::uint64_t bytes);

} // namespace pl::flowlog
