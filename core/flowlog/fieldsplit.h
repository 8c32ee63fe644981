#pragma once

#include <string_view>
#include <vector>

namespace pl::flowlog {

// The fields of an AWS text line: runs of blanks and tabs (hand-edited
// files) separate fields as one space does; blanks at either end make no
// empty field. The views point into `line`.
void splitBlankSeparated(std::string_view line, std::vector<std::string_view> &parts);

} // namespace pl::flowlog
