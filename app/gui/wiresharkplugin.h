#pragma once

#include <QString>

namespace pl::gui {

// Wireshark's personal plugin folder (Help > About Wireshark > Folders):
// Lua plugins there load at Wireshark's next start.
QString defaultWiresharkPluginDir();

// Copies the bundled plugin (resources/wireshark/privatelink.lua) into dir,
// atomically. Returns an error message, empty on success; *path is the file.
QString installWiresharkPlugin(const QString &dir, QString *path);

} // namespace pl::gui
