#pragma once

#include "proxy/vendorprofile.h"

#include <QByteArray>
#include <QStringList>

namespace pl::gui {

// Every persisted setting, its key and its default, in one place.
class AppSettings
{
public:
    static constexpr int kMaxRecentFiles = 10;

    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray &geometry);
    static QByteArray windowState();
    static void setWindowState(const QByteArray &state);
    static QStringList recentFiles();
    static void addRecentFile(const QString &path);
    static QStringList recentPolicies();
    static void addRecentPolicy(const QString &path);
    // Flow logs view: logs and ownership inputs alike.
    static QStringList recentFlowLogFiles();
    static void addRecentFlowLogFile(const QString &path);
    static proxy::VendorProfile vendorProfile();
    static void setVendorProfile(proxy::VendorProfile profile);
    static QByteArray captureColumns();
    static void setCaptureColumns(const QByteArray &state);
    // "system" (follow the system locale), "en" or "zh_CN"; read at start-up.
    static QString language();
    static void setLanguage(const QString &language);
    // The bundled sample opens on the very first run only.
    static bool firstRun();
    static void setFirstRunDone();
};

} // namespace pl::gui
