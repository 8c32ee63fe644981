// privatelink-inspector: the desktop workbench.

#include "appsettings.h"
#include "perf/heapsettings.h"
#include "mainwindow.h"
#include "translator.h"
#include "views/capturesview.h"
#include "views/decodebytesview.h"
#include "views/flowlogview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTextStream>

namespace {

// The bundled sample is embedded; copy it out so libpcap can read it.
QString extractSample()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(dir);
    const QString target = dir + QStringLiteral("/sample.pcapng");
    QFile::remove(target);
    if (!QFile::copy(QStringLiteral(":/samples/sample.pcapng"), target))
        return {};
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    return target;
}

// --language NAME (or --language=NAME) is read before the parser runs: the
// translation has to be installed before the help texts are built.
QString languageArgument(const QStringList &args)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--language") && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(QLatin1String("--language=")))
            return args.at(i).mid(11);
    }
    return {};
}

// The options, shared by the display-less answer to --help/--version and the
// real run.
void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate("main", "PrivateLink Inspector"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("sample"),
         QCoreApplication::translate("main", "Open the bundled sample capture.")},
        // For scripts (screenshots, demos): start on a tool with a filter or paste.
        {QStringLiteral("tool"),
         QCoreApplication::translate(
             "main", "Start on a tool: captures, decode, listener, client, policy, flowlogs."),
         QStringLiteral("name")},
        {QStringLiteral("filter"), QCoreApplication::translate("main", "Capture filter to apply."),
         QStringLiteral("text")},
        {QStringLiteral("flowlog"),
         QCoreApplication::translate(
             "main", "A flow log, CIDR ranges, inventory or ip-ranges.json file for the Flow "
                     "logs view (repeatable)."),
         QStringLiteral("file")},
        {QStringLiteral("paste"),
         QCoreApplication::translate("main", "Bytes to decode in the Decode bytes view."),
         QStringLiteral("text")},
        {QStringLiteral("language"),
         QCoreApplication::translate(
             "main", "Language for this run: system, en or zh_CN (default: Settings > Language)."),
         QStringLiteral("name")},
    });
    parser.addPositionalArgument(
        QStringLiteral("capture"),
        QCoreApplication::translate("main", "A .pcap or .pcapng file to open."),
        QStringLiteral("[capture]"));
}

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("privatelink-inspector"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PL_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("PrivateLink Inspector"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("privatelink-inspector.example"));
}

void installTranslation()
{
    // Settings > Language (system locale by default); --language overrides it
    // for one run (screenshots, bug reports).
    const QString language = languageArgument(QCoreApplication::arguments());
    pl::i18n::install(language.isEmpty() ? pl::gui::AppSettings::language() : language);
}

// --help and --version need no window: answered before QApplication, which
// aborts without a display (ssh sessions, CI, package checks).
bool asksForTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--") // what follows is a file name
            return false;
        if (a == "-h" || a == "--help" || a == "-?" || a == "--help-all" || a == "-v" ||
            a == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    pl::perf::growHeapInLargeSteps();
    if (asksForTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        installTranslation();
        QCommandLineParser parser;
        describeOptions(parser);
        parser.process(app); // prints help or version and exits
        return 0;
    }
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("PrivateLink Inspector"));
    installTranslation();

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);
    const auto value = [&parser](const char *name) {
        return parser.value(QLatin1String(name));
    };
    const auto isSet = [&parser](const char *name) {
        return parser.isSet(QLatin1String(name));
    };

    pl::gui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        window.openCapture(files.first());
    } else if (isSet("sample") || pl::gui::AppSettings::firstRun()) {
        const QString path = extractSample();
        if (!path.isEmpty())
            window.openCapture(path);
    }
    pl::gui::AppSettings::setFirstRunDone();
    if (isSet("filter"))
        window.capturesView()->setFilterText(value("filter"));
    if (isSet("paste"))
        window.decodeBytesView()->setInput(value("paste"));
    if (isSet("flowlog"))
        window.flowLogView()->openFiles(parser.values(QStringLiteral("flowlog")));
    const QStringList tools{QStringLiteral("captures"), QStringLiteral("decode"),
                            QStringLiteral("listener"), QStringLiteral("client"),
                            QStringLiteral("policy"),   QStringLiteral("flowlogs")};
    if (isSet("tool") && tools.contains(value("tool")))
        window.showTool(static_cast<int>(tools.indexOf(value("tool"))));
    return QApplication::exec();
}
