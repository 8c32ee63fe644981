// privatelink-inspector: the desktop workbench.

#include "appsettings.h"
#include "capture/heapsettings.h"
#include "mainwindow.h"
#include "translator.h"
#include "views/capturesview.h"
#include "views/decodebytesview.h"

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

} // namespace

int main(int argc, char *argv[])
{
    pl::capture::growHeapInLargeSteps();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("privatelink-inspector"));
    QApplication::setApplicationDisplayName(QStringLiteral("PrivateLink Inspector"));
    QApplication::setApplicationVersion(QStringLiteral(PL_VERSION));
    QApplication::setOrganizationName(QStringLiteral("PrivateLink Inspector"));
    QApplication::setOrganizationDomain(QStringLiteral("privatelink-inspector.example"));
    // Settings > Language (system locale by default); --language overrides it
    // for one run (screenshots, bug reports).
    const QString language = languageArgument(QApplication::arguments());
    pl::i18n::install(language.isEmpty() ? pl::gui::AppSettings::language() : language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "PrivateLink Inspector"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption sample(
        QStringLiteral("sample"),
        QCoreApplication::translate("main", "Open the bundled sample capture."));
    parser.addOption(sample);
    // For scripts (screenshots, demos): start on a tool with a filter or paste.
    QCommandLineOption tool(
        QStringLiteral("tool"),
        QCoreApplication::translate("main",
                                    "Start on a tool: captures, decode, listener, client, policy."),
        QStringLiteral("name"));
    QCommandLineOption filter(QStringLiteral("filter"),
                              QCoreApplication::translate("main", "Capture filter to apply."),
                              QStringLiteral("text"));
    QCommandLineOption paste(
        QStringLiteral("paste"),
        QCoreApplication::translate("main", "Bytes to decode in the Decode bytes view."),
        QStringLiteral("text"));
    QCommandLineOption languageOption(
        QStringLiteral("language"),
        QCoreApplication::translate(
            "main", "Language for this run: system, en or zh_CN (default: Settings > Language)."),
        QStringLiteral("name"));
    parser.addOptions({tool, filter, paste, languageOption});
    parser.addPositionalArgument(
        QStringLiteral("capture"),
        QCoreApplication::translate("main", "A .pcap or .pcapng file to open."),
        QStringLiteral("[capture]"));
    parser.process(app);

    pl::gui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        window.openCapture(files.first());
    } else if (parser.isSet(sample) || pl::gui::AppSettings::firstRun()) {
        const QString path = extractSample();
        if (!path.isEmpty())
            window.openCapture(path);
    }
    pl::gui::AppSettings::setFirstRunDone();
    if (parser.isSet(filter))
        window.capturesView()->setFilterText(parser.value(filter));
    if (parser.isSet(paste))
        window.decodeBytesView()->setInput(parser.value(paste));
    const QStringList tools{QStringLiteral("captures"), QStringLiteral("decode"),
                            QStringLiteral("listener"), QStringLiteral("client"),
                            QStringLiteral("policy")};
    if (parser.isSet(tool) && tools.contains(parser.value(tool)))
        window.showTool(static_cast<int>(tools.indexOf(parser.value(tool))));
    return QApplication::exec();
}
