#include "stopsignals.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace pl::cli {
namespace {

// The self-pipe: a signal handler may only do async-signal-safe work, so it
// writes one byte that a QSocketNotifier turns into an event.
int g_pipe[2] = {-1, -1};
volatile std::sig_atomic_t g_signalled = 0;

extern "C" void handleStopSignal(int signal)
{
    if (g_signalled) {
        // Second Ctrl-C: the user does not want to wait for the clean stop.
        ::signal(signal, SIG_DFL);
        ::raise(signal);
        return;
    }
    g_signalled = 1;
    const char byte = static_cast<char>(signal);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
}

} // namespace

void onStopSignal(QObject *context, std::function<void()> onStop)
{
    if (g_pipe[0] < 0) {
        if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
            return; // no clean stop, but the default one still works
        struct sigaction action
        {};
        action.sa_handler = handleStopSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, nullptr);
        ::sigaction(SIGTERM, &action, nullptr);
    }
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context,
                     [notifier, onStop = std::move(onStop)] {
                         char byte = 0;
                         while (::read(g_pipe[0], &byte, 1) > 0) {
                         }
                         notifier->setEnabled(false);
                         onStop();
                     });
}

} // namespace pl::cli
