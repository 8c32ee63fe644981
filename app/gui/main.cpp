// privatelink-inspector: the desktop workbench.

#include "appsettings.h"
#include "mainwindow.h"
#include "views/capturesview.h"

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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("privatelink-inspector"));
    QApplication::setApplicationDisplayName(QStringLiteral("PrivateLink Inspector"));
    QApplication::setApplicationVersion(QStringLiteral(PL_VERSION));
    QApplication::setOrganizationName(QStringLiteral("PrivateLink Inspector"));
    QApplication::setOrganizationDomain(QStringLiteral("privatelink-inspector.example"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("PrivateLink Inspector"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption sample(QStringLiteral("sample"),
                              QStringLiteral("Open the bundled sample capture."));
    parser.addOption(sample);
    parser.addPositionalArgument(QStringLiteral("capture"),
                                 QStringLiteral("A .pcap or .pcapng file to open."),
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
    return QApplication::exec();
}
