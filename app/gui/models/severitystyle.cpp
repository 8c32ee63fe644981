#include "severitystyle.h"

#include <QBrush>
#include <QColor>

namespace pl::gui {

QVariant severityBackground(proxy::Severity severity)
{
    switch (severity) {
    case proxy::Severity::Error:
        return QBrush(QColor(0xFF, 0xD6, 0xD6));
    case proxy::Severity::Warning:
        return QBrush(QColor(0xFF, 0xF0, 0xC2));
    case proxy::Severity::Info:
        break;
    }
    return {};
}

QVariant severityForeground(proxy::Severity severity)
{
    // Dark text on the light backgrounds, whatever the desktop theme.
    if (severity == proxy::Severity::Info)
        return {};
    return QBrush(QColor(0x20, 0x20, 0x20));
}

} // namespace pl::gui
