#pragma once

#include "flowreport.h"

#include <QString>

namespace pl::flowlog {

// What to do about a finding, in one sentence: in English for the output
// contract (JSON, CSV, Markdown, the CLI's summary: Finding::recommendation),
// or in the UI language for people (the Flow logs view).
QString recommendationText(const Finding &finding, bool translated);

} // namespace pl::flowlog
