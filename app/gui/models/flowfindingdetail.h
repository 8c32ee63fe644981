#pragma once

#include "flowlog/flowreport.h"

#include <QHash>
#include <QString>

namespace pl::gui {

// Why a finding is what it is, for the detail pane: the request/response
// rules that decided its flows (with counts), who owns the destination and
// the sample records as they are in the files.
QString flowRuleText(const std::string &rule);
QString flowOwnerText(const flowlog::Finding &finding);
QString flowFindingDetailHtml(const flowlog::Finding &finding,
                              const QHash<QString, QString> &sampleLines);

} // namespace pl::gui
