#pragma once

#include <QCoreApplication>
#include <QString>

namespace pl::policy {

// User-visible policy messages share one translation context.
inline QString tr(const char *text)
{
    return QCoreApplication::translate("Policy", text);
}

} // namespace pl::policy
