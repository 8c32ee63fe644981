#pragma once

#include "proxy/diagnostic.h"

#include <QVariant>

namespace pl::gui {

// One palette for severities across tables, hex view and diagnostics.
QVariant severityBackground(proxy::Severity severity);
QVariant severityForeground(proxy::Severity severity);

} // namespace pl::gui
