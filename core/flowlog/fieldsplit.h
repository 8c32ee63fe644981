#pragma once

#include <string_view>
#include <vector>

namespace pl::flowlog {

// The fields of an AWS text line: runs of blanks and tabs (hand-edited
// files) separate fields as one space does; blanks at either end make no
// empty field. The views point into `line`. With `padded`, 64 readable
// bytes follow the line (LineReader::kPadding): its last block is read in
// place rather than copied out.
void splitBlankSeparated(std::string_view line, std::vector<std::string_view> &parts,
                         bool padded = false);

} // namespace pl::flowlog
