#include "policycheckcommand.h"

#include "console.h"
#include "net/backendcheck.h"
#include "policylayers.h"
#include "proxy/endpointtext.h"
#include "proxy/headertext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pl::cli {

int runPolicyCheck(const QStringList &arguments)
{
    const QString cmd = QStringLiteral("policy check");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Check a backend: send each test case's header and request to HOST:PORT and compare "
        "its answer (2xx/3xx allowed; 401/403 or a close after the header denied) with the "
        "policy's decision. Mismatches are findings (exit 1)."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("backend"), QStringLiteral("The backend to check."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("json"), QStringLiteral("Print JSON Lines, one object per case.")},
    });
    parser.addPositionalArgument(QStringLiteral("POLICY... CASES"),
                                 QStringLiteral("Policy documents (layers), then the test cases."));
    if (!parser.parse(arguments))
        return usageError(cmd, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, cmd);
        return ExitOk;
    }
    QStringList paths = parser.positionalArguments();
    if (paths.size() < 2)
        return usageError(cmd, QStringLiteral("give POLICY... and a CASES file"));
    const auto backend = proxy::parseEndpointText(parser.value(QStringLiteral("backend")));
    if (!backend || backend->isUnix())
        return usageError(cmd, QStringLiteral("--backend HOST:PORT is required"));

    const QString casesPath = paths.takeLast();
    // A policy lint rejects is not simulated: its Denies might never match.
    QList<policy::PolicyDocument> documents;
    if (const auto refused = loadPolicyLayers(cmd, paths, std::nullopt, &documents))
        return *refused;
    const policy::TestCaseFile cases = policy::loadTestCases(casesPath);
    for (const policy::PolicyError &e : cases.errors)
        err() << policy::formatError(casesPath, e) << Qt::endl;
    if (!cases.ok())
        return ExitInvalidInput;

    const bool json = parser.isSet(QStringLiteral("json"));
    net::BackendCheck check(policy::PolicySet(documents), cases.cases, backend->address.toString(),
                            backend->port);
    QObject::connect(
        &check, &net::BackendCheck::caseFinished, &check, [json](const net::BackendCheckResult &r) {
            const QString simulated = QLatin1String(policy::decisionName(r.simulated));
            const QString answer = QLatin1String(net::backendAnswerName(r.answer));
            if (json) {
                QJsonObject o{
                    {QStringLiteral("name"), r.name},
                    {QStringLiteral("simulated"), simulated},
                    {QStringLiteral("reason"), r.simulatedReason},
                    {QStringLiteral("backend"), answer},
                    {QStringLiteral("observed"), r.observed},
                    {QStringLiteral("match"), r.match},
                    {QStringLiteral("header"), QString::fromLatin1(r.headerSent.toHex())}};
                if (!r.unsentKeys.isEmpty())
                    o.insert(QStringLiteral("unsent_keys"),
                             QJsonArray::fromStringList(r.unsentKeys));
                if (r.typedDecision)
                    o.insert(QStringLiteral("simulated_as_typed"),
                             QLatin1String(policy::decisionName(*r.typedDecision)));
                out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
            } else {
                out() << (r.match ? "ok       " : "MISMATCH ") << proxy::escapedControls(r.name)
                      << ": policy " << simulated << ", backend " << answer << " ("
                      << proxy::escapedControls(r.observed) << ")";
                if (r.typedDecision)
                    out() << "; as typed the policy says "
                          << policy::decisionName(*r.typedDecision);
                if (!r.unsentKeys.isEmpty())
                    out() << "; not sent (no header carries them): "
                          << proxy::escapedControls(r.unsentKeys.join(QStringLiteral(", ")));
                out() << '\n';
            }
            out().flush();
        });
    QObject::connect(&check, &net::BackendCheck::finished, QCoreApplication::instance(),
                     &QCoreApplication::quit);
    check.start();
    QCoreApplication::exec();
    const int mismatches = check.mismatches();
    if (!json)
        out() << check.results().size() - mismatches << " agree, " << mismatches
              << " mismatch(es)\n";
    out().flush();
    return mismatches == 0 ? ExitOk : ExitInvalidInput;
}

} // namespace pl::cli
