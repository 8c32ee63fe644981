#include "wiresharkplugin.h"

#include "io/outputfile.h"

#include <QDir>
#include <QFile>

namespace pl::gui {

QString defaultWiresharkPluginDir()
{
    return QDir::homePath() + QStringLiteral("/.local/lib/wireshark/plugins");
}

QString installWiresharkPlugin(const QString &dir, QString *path)
{
    QFile bundled(QStringLiteral(":/wireshark/privatelink.lua"));
    if (!bundled.open(QIODevice::ReadOnly))
        return bundled.errorString();
    if (!QDir().mkpath(dir))
        return QStringLiteral("cannot create %1").arg(dir);
    *path = QDir(dir).filePath(QStringLiteral("privatelink.lua"));
    return io::writeOutputFile(*path, bundled.readAll());
}

} // namespace pl::gui
