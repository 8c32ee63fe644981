#pragma once

class QAbstractItemView;
class QString;

namespace pl::gui {

// Ctrl+C and a context-menu "Copy" on any table or tree: the selected rows
// as tab-separated text (visible columns only), ready for a spreadsheet.
void installTableCopy(QAbstractItemView *view);
QString selectedRowsAsText(const QAbstractItemView *view);

} // namespace pl::gui
