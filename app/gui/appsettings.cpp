#include "appsettings.h"

#include <QFileInfo>
#include <QSettings>

namespace pl::gui {

namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kRecent = QStringLiteral("files/recent");
const QString kRecentPolicies = QStringLiteral("files/recentPolicies");
const QString kRecentFlowLogs = QStringLiteral("files/recentFlowLogs");
const QString kVendor = QStringLiteral("decode/vendorProfile");
const QString kColumns = QStringLiteral("captures/columns");
const QString kFirstRun = QStringLiteral("app/firstRunDone");
const QString kLanguage = QStringLiteral("app/language");
} // namespace

QByteArray AppSettings::windowGeometry()
{
    return QSettings().value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    QSettings().setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState()
{
    return QSettings().value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    QSettings().setValue(kState, state);
}

QStringList AppSettings::recentFiles()
{
    return QSettings().value(kRecent).toStringList();
}

namespace {

QStringList withRecent(QStringList files, const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > AppSettings::kMaxRecentFiles)
        files.removeLast();
    return files;
}

} // namespace

QStringList AppSettings::recentPolicies()
{
    return QSettings().value(kRecentPolicies).toStringList();
}

void AppSettings::addRecentPolicy(const QString &path)
{
    QSettings().setValue(kRecentPolicies, withRecent(recentPolicies(), path));
}

QStringList AppSettings::recentFlowLogFiles()
{
    return QSettings().value(kRecentFlowLogs).toStringList();
}

void AppSettings::addRecentFlowLogFile(const QString &path)
{
    QSettings().setValue(kRecentFlowLogs, withRecent(recentFlowLogFiles(), path));
}

void AppSettings::addRecentFile(const QString &path)
{
    QSettings().setValue(kRecent, withRecent(recentFiles(), path));
}

proxy::VendorProfile AppSettings::vendorProfile()
{
    const QString name = QSettings().value(kVendor, QStringLiteral("auto")).toString();
    return proxy::vendorProfileFromName(name.toStdString()).value_or(proxy::VendorProfile::Auto);
}

void AppSettings::setVendorProfile(proxy::VendorProfile profile)
{
    QSettings().setValue(kVendor, QLatin1String(proxy::vendorProfileName(profile)));
}

QByteArray AppSettings::captureColumns()
{
    return QSettings().value(kColumns).toByteArray();
}

void AppSettings::setCaptureColumns(const QByteArray &state)
{
    QSettings().setValue(kColumns, state);
}

QString AppSettings::language()
{
    return QSettings().value(kLanguage, QStringLiteral("system")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    QSettings().setValue(kLanguage, language);
}

bool AppSettings::firstRun()
{
    return !QSettings().value(kFirstRun, false).toBool();
}

void AppSettings::setFirstRunDone()
{
    QSettings().setValue(kFirstRun, true);
}

} // namespace pl::gui
