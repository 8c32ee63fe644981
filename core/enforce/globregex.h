#pragma once

#include <QString>

namespace pl::enforce {

// A policy value as the body of a PCRE pattern (no anchors), for HAProxy
// `-m reg` ACLs and nginx map regexes. Regex characters are escaped; with
// glob, `*` is any run (newlines too) and `?` one UTF-8 character: both
// servers match bytes, and the simulator counts characters ("é" is one).
QString regexBody(const QString &value, bool glob);

// The anchor at the end of such a pattern: `$` also matches before a final
// newline, so "a.example.com\n" met "^?\.example\.com$" where the
// simulator sees one character more. `\z` is the very end (PCRE and PCRE2;
// nginx and HAProxy keep the backslash as it is).
inline constexpr char kRegexEnd[] = "\\z";

} // namespace pl::enforce
