#pragma once

#include <QString>

namespace pl::exporting {

// Columns of text for a terminal: how many cells a string takes (CJK and
// fullwidth characters two, combining marks and zero-width characters
// none, others one), and padding to a width in cells, so that a table of
// Chinese labels lines up as one of English ones.
qsizetype displayWidth(QStringView text);
QString padRight(const QString &text, qsizetype width);
QString padLeft(const QString &text, qsizetype width);

// Control characters (C0, DEL, C1) as \xNN: text from a capture or a log
// printed raw could move the cursor, clear the screen or break a row.
QString terminalSafe(QString text);

} // namespace pl::exporting
