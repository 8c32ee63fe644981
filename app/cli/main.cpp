// plinspect: the command-line twin of PrivateLink Inspector.

#include "capturecommand.h"
#include "console.h"
#include "craftcommand.h"
#include "decodecommand.h"
#include "flowlogcommand.h"
#include "listencommand.h"
#include "perf/heapsettings.h"
#include "policycommand.h"
#include "proxy/crc32c.h"
#include "sendcommand.h"
#include "translator.h"

#include <QCoreApplication>

namespace {

constexpr char kUsage[] =
    "Usage: plinspect COMMAND [options]\n"
    "\n"
    "Inspect, craft and test PROXY protocol v1/v2 headers (cloud PrivateLink, NLB).\n"
    "\n"
    "Commands:\n"
    "  decode   Decode headers from --hex, raw header files or captures\n"
    "  capture  Capture live on an interface; one record per connection as it completes\n"
    "  craft    Encode a header (valid or with deliberate faults)\n"
    "  policy   eval|test|diff|lint access policies (RAM/IAM JSON) over requests\n"
    "  send     Send a crafted header (+ TLS, payload) to HOST:PORT; --matrix for many\n"
    "  listen   Be the backend: show every header a load balancer sends\n"
    "  flowlog  check|query VPC flow logs for traffic that could use PrivateLink\n"
    "\n"
    "Options:\n"
    "  -h, --help     Show this help; 'plinspect COMMAND --help' for a command's options\n"
    "  -v, --version  Show the version\n"
    "\n"
    "Exit status: 0 success, 1 invalid input (what was decoded is still printed),\n"
    "2 usage error.\n";

// Runs one command; main() checks that its output was written.
int run(QStringList args)
{
    if (args.size() < 2) {
        pl::cli::err() << kUsage;
        return pl::cli::ExitUsage;
    }
    const QString command = args.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        pl::cli::out() << kUsage;
        return pl::cli::ExitOk;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        pl::cli::out() << "plinspect " << PL_VERSION << " (Qt " << qVersion() << ", CRC32C "
                       << (pl::proxy::crc32cUsesHardware() ? "SSE4.2" : "table") << ")\n";
        return pl::cli::ExitOk;
    }
    // Each command parses its own options; drop the command word so that
    // QCommandLineParser sees "plinspect --opt ...".
    args.removeAt(1);
    if (command == QLatin1String("decode"))
        return pl::cli::runDecode(args);
    if (command == QLatin1String("capture"))
        return pl::cli::runCapture(args);
    if (command == QLatin1String("craft"))
        return pl::cli::runCraft(args);
    if (command == QLatin1String("policy"))
        return pl::cli::runPolicy(args);
    if (command == QLatin1String("send"))
        return pl::cli::runSend(args);
    if (command == QLatin1String("listen"))
        return pl::cli::runListen(args);
    if (command == QLatin1String("flowlog"))
        return pl::cli::runFlowlog(args);
    return pl::cli::usageError(command, QStringLiteral("unknown command (see plinspect --help)"));
}

} // namespace

int main(int argc, char *argv[])
{
    pl::perf::growHeapInLargeSteps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("plinspect"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PL_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("PrivateLink Inspector"));
    // Decode errors, warnings, breakdown labels, findings and policy messages
    // follow the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    pl::i18n::install(QString());

    return pl::cli::finishOutput(run(QCoreApplication::arguments()));
}
