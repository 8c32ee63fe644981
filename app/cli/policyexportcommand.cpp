#include "policyexportcommand.h"

#include "console.h"
#include "enforce/enforcement.h"
#include "policy/checkedpolicy.h"
#include "proxy/endpointtext.h"
#include "proxy/headertext.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace pl::cli {

int runPolicyExport(const QStringList &arguments)
{
    const QString cmd = QStringLiteral("policy export");
    const QString targets = enforce::targetNames().join(QLatin1Char('|'));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Generate the backend configuration that enforces POLICY. Every "
                       "statement is named by its line in the generated comments; what the "
                       "target cannot express is refused with its line (exit 1), never "
                       "dropped.\nTargets: nginx-njs (nginx 1.22 stream + njs), openresty "
                       "(Lua; nginx wiring untested here), nginx-realip and haproxy "
                       "(address-only policies), nginx-tlv (nginx >= 1.23.2) and haproxy-tlv "
                       "(HAProxy >= 2.9): first TLV of a type only, untested here."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("target"), QStringLiteral("One of %1.").arg(targets),
         QStringLiteral("TARGET")},
        {QStringLiteral("upstream"),
         QStringLiteral("Where allowed connections go (default 127.0.0.1:8080)."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("listen"),
         QStringLiteral("Where the backend listens (default 0.0.0.0:8443)."),
         QStringLiteral("[ADDR:]PORT")},
        {QStringLiteral("out"),
         QStringLiteral("Write the files into DIR (atomically) instead of printing them."),
         QStringLiteral("DIR")},
        {QStringLiteral("http-only"),
         QStringLiteral("nginx-njs: the listener serves only HTTP, so clients that send "
                        "nothing need not be judged as tcp:Connect.")},
    });
    parser.addPositionalArgument(QStringLiteral("POLICY"), QStringLiteral("The policy file."));
    if (!parser.parse(arguments))
        return usageError(cmd, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, cmd);
        return ExitOk;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.size() != 1)
        return usageError(cmd, QStringLiteral("give one POLICY file"));
    const auto generator = enforce::generatorFor(parser.value(QStringLiteral("target")));
    if (!generator)
        return usageError(cmd, QStringLiteral("--target must be one of %1").arg(targets));

    enforce::EnforceOptions options;
    if (parser.isSet(QStringLiteral("upstream"))) {
        const auto up = proxy::parseEndpointText(parser.value(QStringLiteral("upstream")));
        if (!up || up->isUnix() || up->port == 0)
            return usageError(cmd, QStringLiteral("--upstream wants HOST:PORT"));
        options.upstreamHost = up->address.toString();
        options.upstreamPort = up->port;
    }
    if (parser.isSet(QStringLiteral("listen"))) {
        const QString value = parser.value(QStringLiteral("listen"));
        bool isPort = false;
        const uint port = value.toUInt(&isPort);
        if (isPort && port > 0 && port <= 65535) {
            options.listenPort = static_cast<quint16>(port);
        } else {
            const auto at = proxy::parseEndpointText(value);
            if (!at || at->isUnix() || at->port == 0)
                return usageError(cmd, QStringLiteral("--listen wants PORT or ADDR:PORT"));
            options.listenAddress = at->address.toString();
            options.listenPort = at->port;
        }
    }
    options.httpOnly = parser.isSet(QStringLiteral("http-only"));

    const QString path = paths.constFirst();
    const policy::CheckedPolicy checked = policy::loadCheckedPolicy(path);
    if (checked.check == policy::PolicyCheck::Unreadable) {
        for (const QString &message : checked.errorMessages())
            usageError(cmd, proxy::escapedControls(message));
        return ExitUsage;
    }
    for (const QString &message : checked.errorMessages())
        err() << proxy::escapedControls(message) << Qt::endl;
    if (!checked.usable())
        return ExitInvalidInput;

    policy::PolicyDocument document = checked.document;
    document.name = QFileInfo(path).fileName();
    const enforce::EnforceResult result = generator->generate(document, options);
    if (!result.refusals.isEmpty()) {
        err() << "plinspect " << cmd << ": " << generator->target() << " cannot enforce " << path
              << " as written:\n";
        for (const enforce::Refusal &r : result.refusals)
            err() << "  " << proxy::escapedControls(r.text(path)) << '\n';
        err().flush();
        return ExitInvalidInput;
    }
    for (const QString &note : result.notes)
        err() << "note: " << proxy::escapedControls(note) << '\n';
    err().flush();

    if (!parser.isSet(QStringLiteral("out"))) {
        for (const enforce::GeneratedFile &f : result.files) {
            if (result.files.size() > 1)
                out() << "==> " << f.name << " <==\n";
            out().flush();
            writeStdout(f.content);
            if (result.files.size() > 1)
                out() << '\n';
        }
        return finishOutput(ExitOk);
    }
    const QString dir = parser.value(QStringLiteral("out"));
    if (!QDir().mkpath(dir)) {
        err() << "plinspect " << cmd << ": cannot create directory " << dir << Qt::endl;
        return ExitInvalidInput;
    }
    if (const QString error = enforce::saveGeneratedFiles(result.files, dir); !error.isEmpty()) {
        err() << "plinspect " << cmd << ": " << error << " (no file was changed)" << Qt::endl;
        return ExitInvalidInput;
    }
    for (const enforce::GeneratedFile &f : result.files)
        out() << "wrote " << QDir(dir).filePath(f.name) << '\n';
    return finishOutput(ExitOk);
}

} // namespace pl::cli
