#pragma once

#include <functional>

class QObject;

namespace pl::cli {

// Calls onStop on the event loop's thread when SIGINT or SIGTERM arrives
// (Ctrl-C, `kill`), instead of the default of dying mid-write. A second
// signal while stopping ends the process at once, as users expect. The
// handler lives as long as context.
void onStopSignal(QObject *context, std::function<void()> onStop);

} // namespace pl::cli
