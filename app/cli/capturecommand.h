#pragma once

#include <QStringList>

namespace pl::cli {

// `plinspect capture -i IFACE [-f FILTER] [-c COUNT] [--duration S]
// [-w FILE.pcapng] [--json|--stats]`: captures live and prints each
// connection as it completes; Ctrl-C (or SIGTERM) ends cleanly with totals,
// libpcap's received and dropped counts included. Exit status: 0, 1 when
// reading or writing failed mid-way, 2 on usage errors, a bad filter, an
// unknown interface or no permission to capture.
int runCapture(const QStringList &arguments);

} // namespace pl::cli
