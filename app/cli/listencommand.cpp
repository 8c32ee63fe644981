#include "listencommand.h"

#include "console.h"
#include "net/listener.h"
#include "policy/evaluator.h"
#include "policylayers.h"
#include "proxy/headertext.h"
#include "proxy/vendorprofile.h"
#include "stopsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

namespace pl::cli {

using namespace pl::net;

namespace {

// "127.0.0.1:8080", "[::1]:8080", ":8080" (loopback) or "8080".
bool parseBind(const QString &text, QHostAddress *address, quint16 *port)
{
    QString host;
    QString portText = text;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0 || text.mid(close + 1, 1) != QLatin1String(":"))
            return false;
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else if (text.contains(QLatin1Char(':'))) {
        host = text.section(QLatin1Char(':'), 0, -2);
        portText = text.section(QLatin1Char(':'), -1);
    }
    bool ok = false;
    const uint p = portText.toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    *port = static_cast<quint16>(p);
    if (host.isEmpty()) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    return address->setAddress(host);
}

bool parsePositive(const QCommandLineParser &p, const QString &name, int *out)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v <= 0)
        return false;
    *out = v;
    return true;
}

} // namespace

int runListen(const QStringList &arguments)
{
    const QString cmd = QStringLiteral("listen");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Be the backend: accept connections, read each PROXY header and show it."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("bind"),
         QStringLiteral("Address and port (default 127.0.0.1:8080; port 0 picks a free one)."),
         QStringLiteral("ADDR:PORT")},
        {QStringLiteral("require"),
         QStringLiteral("Header policy: v2, v1, either (default) or optional."),
         QStringLiteral("POLICY")},
        {QStringLiteral("respond"),
         QStringLiteral("http (200 with a summary, default), close or echo."),
         QStringLiteral("MODE")},
        {QStringLiteral("json-response"),
         QStringLiteral("http: answer with the JSON record instead of text.")},
        {QStringLiteral("upstream"),
         QStringLiteral("Forward each connection to HOST:PORT once its header is read."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("pass-header"),
         QStringLiteral("With --upstream: send the header on (default: strip it).")},
        {QStringLiteral("header-timeout"),
         QStringLiteral("Milliseconds to wait for a complete header (default 3000)."),
         QStringLiteral("MS")},
        {QStringLiteral("idle-timeout"),
         QStringLiteral("echo/upstream: close after this long without bytes (default 10000)."),
         QStringLiteral("MS")},
        {QStringLiteral("max-connections"),
         QStringLiteral("Concurrent connections; more are refused and counted (default 512)."),
         QStringLiteral("N")},
        {QStringLiteral("max-header-bytes"),
         QStringLiteral("Bytes allowed before the header completes (default 65551)."),
         QStringLiteral("N")},
        {QStringLiteral("no-udp"), QStringLiteral("Do not listen for UDP datagrams.")},
        {QStringLiteral("vendor"),
         QStringLiteral("Vendor TLV profile: auto, alibaba, aws, azure, gcp or none."),
         QStringLiteral("VENDOR")},
        {QStringLiteral("policy"),
         QStringLiteral("Enforce this access policy (repeat for layers): 403 with the decisive "
                        "statement for HTTP, close otherwise."),
         QStringLiteral("FILE")},
        {QStringLiteral("count"), QStringLiteral("Exit after N connections."), QStringLiteral("N")},
        {QStringLiteral("json"), QStringLiteral("Print JSON Lines, one object per connection.")},
    });
    if (!parser.parse(arguments))
        return usageError(cmd, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, cmd);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(cmd, QStringLiteral("unexpected argument '%1'")
                                   .arg(parser.positionalArguments().constFirst()));

    ListenerConfig config;
    config.port = 8080;
    if (parser.isSet(QStringLiteral("bind")) &&
        !parseBind(parser.value(QStringLiteral("bind")), &config.address, &config.port))
        return usageError(cmd, QStringLiteral("--bind: expected ADDR:PORT, [V6ADDR]:PORT or PORT"));
    if (parser.isSet(QStringLiteral("require"))) {
        const auto policy = headerPolicyFromName(parser.value(QStringLiteral("require")));
        if (!policy)
            return usageError(cmd, QStringLiteral("--require must be v2, v1, either or optional"));
        config.policy = *policy;
    }
    if (parser.isSet(QStringLiteral("policy"))) {
        QList<policy::PolicyDocument> layers;
        if (const auto refused = loadPolicyLayers(cmd, parser.values(QStringLiteral("policy")),
                                                  std::nullopt, &layers))
            return *refused;
        config.accessPolicy = std::make_shared<const policy::PolicySet>(layers);
    }
    if (parser.isSet(QStringLiteral("respond"))) {
        const auto mode = responseModeFromName(parser.value(QStringLiteral("respond")));
        if (!mode)
            return usageError(cmd, QStringLiteral("--respond must be http, close or echo"));
        config.respond = *mode;
    }
    config.jsonResponse = parser.isSet(QStringLiteral("json-response"));
    if (parser.isSet(QStringLiteral("upstream"))) {
        const QString up = parser.value(QStringLiteral("upstream"));
        QHostAddress ignored;
        quint16 port = 0;
        const qsizetype colon = up.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const uint p = colon > 0 ? up.mid(colon + 1).toUInt(&ok) : 0;
        if (!ok || p == 0 || p > 65535)
            return usageError(cmd, QStringLiteral("--upstream: expected HOST:PORT"));
        port = static_cast<quint16>(p);
        QString host = up.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        config.upstreamHost = host;
        config.upstreamPort = port;
    }
    config.upstreamPassHeader = parser.isSet(QStringLiteral("pass-header"));
    if (!parsePositive(parser, QStringLiteral("header-timeout"), &config.headerTimeoutMs) ||
        !parsePositive(parser, QStringLiteral("idle-timeout"), &config.idleTimeoutMs) ||
        !parsePositive(parser, QStringLiteral("max-connections"), &config.maxConnections))
        return usageError(cmd, QStringLiteral("timeouts and limits must be positive numbers"));
    int maxHeader = static_cast<int>(config.maxHeaderBytes);
    if (!parsePositive(parser, QStringLiteral("max-header-bytes"), &maxHeader) || maxHeader < 16)
        return usageError(cmd, QStringLiteral("--max-header-bytes must be at least 16"));
    config.maxHeaderBytes = maxHeader;
    config.udp = !parser.isSet(QStringLiteral("no-udp"));
    if (parser.isSet(QStringLiteral("vendor"))) {
        const auto vendor =
            proxy::vendorProfileFromName(parser.value(QStringLiteral("vendor")).toStdString());
        if (!vendor)
            return usageError(cmd, QStringLiteral("unknown vendor profile '%1'")
                                       .arg(parser.value(QStringLiteral("vendor"))));
        config.vendor = *vendor;
    }
    int count = 0;
    if (!parsePositive(parser, QStringLiteral("count"), &count))
        return usageError(cmd, QStringLiteral("--count must be a positive number"));
    const bool json = parser.isSet(QStringLiteral("json"));

    Listener listener;
    if (!listener.start(config)) {
        err() << "plinspect listen: " << listener.errorString() << Qt::endl;
        return ExitUsage;
    }
    // The port line goes to stderr so that stdout stays pure JSON Lines.
    err() << "listening on " << hostPortText(listener.address(), listener.port())
          << (config.udp ? " (TCP and UDP)" : " (TCP)") << ", header "
          << headerPolicyName(config.policy) << ", respond " << responseModeName(config.respond)
          << Qt::endl;

    int seen = 0;
    QObject::connect(&listener, &Listener::connectionFinished, &listener,
                     [&](const ListenerRecord &record) {
                         if (json)
                             out() << QJsonDocument(listenerRecordJson(record, config.vendor))
                                          .toJson(QJsonDocument::Compact)
                                   << Qt::endl;
                         else
                             out() << listenerRecordText(record, config.vendor) << Qt::endl;
                         // A moment for the last answer to leave before exiting.
                         if (count > 0 && ++seen >= count)
                             QTimer::singleShot(200, &listener, [] { QCoreApplication::quit(); });
                     });
    // Ctrl-C or SIGTERM: the connections still in flight are recorded
    // ("listener_stopped") and printed before a clean exit 0.
    onStopSignal(&listener, [&listener] {
        listener.stop();
        QCoreApplication::quit();
    });
    return QCoreApplication::exec() == 0 ? ExitOk : ExitInvalidInput;
}

} // namespace pl::cli
