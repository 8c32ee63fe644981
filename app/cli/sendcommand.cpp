#include "sendcommand.h"

#include "console.h"
#include "headeroptions.h"
#include "io/inputstream.h"
#include "io/outputfile.h"
#include "net/matrixrunner.h"
#include "net/sender.h"
#include "proxy/faultmatrix.h"
#include "proxy/hextext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSslCertificate>
#include <QTimer>

namespace pl::cli {

using namespace pl::net;

namespace {

const QString kCmd = QStringLiteral("send");
// Inputs are read whole, so each has a size beyond which it is refused
// (`--payload-file /dev/zero` grew to 2 GiB and aborted).
constexpr qint64 kPayloadFileLimit = 64 * 1024 * 1024;
constexpr qint64 kMatrixFileLimit = 16 * 1024 * 1024;
constexpr qlonglong kMaxTimeoutMs = 24LL * 60 * 60 * 1000;

void addSendOptions(QCommandLineParser &parser)
{
    addHeaderOptions(parser);
    parser.addOptions({
        {QStringLiteral("no-header"), QStringLiteral("Connect without a PROXY header.")},
        {QStringLiteral("http"),
         QStringLiteral("Send an HTTP request after the header: --http METHOD PATH."),
         QStringLiteral("METHOD")},
        {QStringLiteral("host"), QStringLiteral("Host header of the --http request."),
         QStringLiteral("H")},
        {QStringLiteral("header"),
         QStringLiteral("Extra header of the --http request, 'K: V' (repeatable)."),
         QStringLiteral("K: V")},
        {QStringLiteral("body"), QStringLiteral("Body of the --http request."),
         QStringLiteral("TEXT")},
        {QStringLiteral("payload-hex"), QStringLiteral("Raw payload after the header, as hex."),
         QStringLiteral("HEX")},
        {QStringLiteral("payload-file"), QStringLiteral("Raw payload after the header, from FILE."),
         QStringLiteral("FILE")},
        {QStringLiteral("tls"), QStringLiteral("Start TLS after the header.")},
        {QStringLiteral("sni"), QStringLiteral("TLS server name (default: HOST)."),
         QStringLiteral("NAME")},
        {QStringLiteral("insecure"), QStringLiteral("Do not verify the server's certificate.")},
        {QStringLiteral("ca"), QStringLiteral("PEM file of CA certificates to verify with."),
         QStringLiteral("FILE")},
        {QStringLiteral("timeout"),
         QStringLiteral("Milliseconds for connecting and answering (default 5000)."),
         QStringLiteral("MS")},
        {QStringLiteral("json"), QStringLiteral("Print the result as one JSON object.")},
        {QStringLiteral("matrix"),
         QStringLiteral("Send every variation of FILE (CSV with columns name,options, or a JSON "
                        "array of {name, options}); options are added to the command line's."),
         QStringLiteral("FILE")},
        {QStringLiteral("fault-matrix"),
         QStringLiteral("Send the header of this command line as the standard matrix: as given, "
                        "CRC32C absent, CRC32C wrong, v1, and each --fault.")},
        {QStringLiteral("concurrency"),
         QStringLiteral("Matrix: connections in flight at once (default 10)."),
         QStringLiteral("N")},
        {QStringLiteral("export"),
         QStringLiteral("Matrix: also write the results to FILE (.csv or .jsonl)."),
         QStringLiteral("FILE")},
    });
}

// "host:port", "[v6]:port".
bool parseTarget(const QString &text, QString *host, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p == 0 || p > 65535)
        return false;
    *host = text.left(colon);
    if (host->startsWith(QLatin1Char('[')) && host->endsWith(QLatin1Char(']')))
        *host = host->mid(1, host->size() - 2);
    *port = static_cast<quint16>(p);
    return !host->isEmpty();
}

// Builds one request from parsed options; nullopt with *error on bad input.
std::optional<SendRequest> requestFromOptions(const QCommandLineParser &p, QString *error)
{
    SendRequest request;
    const QStringList positional = p.positionalArguments();
    if (positional.isEmpty()) {
        *error = QStringLiteral("missing HOST:PORT");
        return std::nullopt;
    }
    if (positional.size() > 1 && !p.isSet(QStringLiteral("http"))) {
        *error = QStringLiteral("unexpected argument '%1'").arg(positional.at(1));
        return std::nullopt;
    }
    if (!parseTarget(positional.constFirst(), &request.host, &request.port)) {
        *error = QStringLiteral("expected HOST:PORT, got '%1'").arg(positional.constFirst());
        return std::nullopt;
    }
    if (!p.isSet(QStringLiteral("no-header"))) {
        const auto spec = headerSpecFromOptions(p, error);
        if (!spec)
            return std::nullopt;
        request.header = *spec;
        request.udp = spec->transport == proxy::Transport::Dgram;
    }

    const int payloadKinds = int(p.isSet(QStringLiteral("http"))) +
                             int(p.isSet(QStringLiteral("payload-hex"))) +
                             int(p.isSet(QStringLiteral("payload-file")));
    if (payloadKinds > 1) {
        *error = QStringLiteral("choose one of --http, --payload-hex and --payload-file");
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("http"))) {
        // --http METHOD PATH: the path is the positional argument after the target.
        if (positional.size() != 2) {
            *error = QStringLiteral("--http needs METHOD and PATH, e.g. --http GET /");
            return std::nullopt;
        }
        HttpTemplate http;
        http.method = p.value(QStringLiteral("http")).toUtf8();
        http.path = positional.at(1).toUtf8();
        http.host = p.isSet(QStringLiteral("host")) ? p.value(QStringLiteral("host")).toUtf8()
                                                    : request.host.toUtf8();
        for (const QString &h : p.values(QStringLiteral("header"))) {
            if (!h.contains(QLatin1Char(':'))) {
                *error = QStringLiteral("--header '%1': expected 'Name: value'").arg(h);
                return std::nullopt;
            }
            http.headers.append(h.toUtf8());
        }
        http.body = p.value(QStringLiteral("body")).toUtf8();
        request.payload = buildHttpRequest(http);
    } else if (p.isSet(QStringLiteral("payload-hex"))) {
        const proxy::HexParseResult hex =
            proxy::parseHexText(p.value(QStringLiteral("payload-hex")));
        if (!hex.ok()) {
            *error = QStringLiteral("--payload-hex: ") + proxy::hexErrorText(hex);
            return std::nullopt;
        }
        request.payload = hex.bytes;
    } else if (p.isSet(QStringLiteral("payload-file"))) {
        const io::BoundedRead read = io::readFileBounded(p.value(QStringLiteral("payload-file")),
                                                         kPayloadFileLimit, "a payload file");
        if (!read.ok()) {
            *error = read.error;
            return std::nullopt;
        }
        request.payload = read.bytes;
    }

    request.tls.enabled = p.isSet(QStringLiteral("tls"));
    request.tls.serverName = p.value(QStringLiteral("sni"));
    request.tls.verify = !p.isSet(QStringLiteral("insecure"));
    if (p.isSet(QStringLiteral("ca"))) {
        request.tls.caCertificates = QSslCertificate::fromPath(p.value(QStringLiteral("ca")));
        if (request.tls.caCertificates.isEmpty()) {
            *error =
                QStringLiteral("--ca: no PEM certificate in %1").arg(p.value(QStringLiteral("ca")));
            return std::nullopt;
        }
    }
    if (request.tls.enabled && request.udp) {
        *error = QStringLiteral("--tls is for TCP; a DGRAM header is sent over UDP");
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const qlonglong ms = p.value(QStringLiteral("timeout")).toLongLong(&ok);
        if (!ok || ms <= 0) {
            *error = QStringLiteral("--timeout must be a positive number of milliseconds");
            return std::nullopt;
        }
        if (ms > kMaxTimeoutMs) {
            *error = QStringLiteral("--timeout: at most %1 ms (one day)").arg(kMaxTimeoutMs);
            return std::nullopt;
        }
        request.timeoutMs = static_cast<int>(ms);
    }
    return request;
}

struct MatrixEntry
{
    QString name;
    QStringList options;
};

// CSV: a header line naming the columns "name" and "options"; options is a
// command line fragment ("--v1 --src 1.2.3.4:5 --dst 6.7.8.9:80").
// JSON: [{"name": "...", "options": "..." or [...]}].
std::optional<QList<MatrixEntry>> readMatrix(const QString &path, QString *error)
{
    const io::BoundedRead read = io::readFileBounded(path, kMatrixFileLimit, "a matrix file");
    if (!read.ok()) {
        *error = read.error;
        return std::nullopt;
    }
    const QByteArray &data = read.bytes;
    QList<MatrixEntry> entries;
    if (data.trimmed().startsWith('[')) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
        if (!doc.isArray()) {
            *error =
                QStringLiteral("%1: not a JSON array (%2)").arg(path, parseError.errorString());
            return std::nullopt;
        }
        for (const QJsonValue &v : doc.array()) {
            const QJsonObject o = v.toObject();
            MatrixEntry e{o.value(QStringLiteral("name")).toString(), {}};
            const QJsonValue options = o.value(QStringLiteral("options"));
            if (options.isArray())
                for (const QJsonValue &a : options.toArray())
                    e.options << a.toString();
            else
                e.options = QProcess::splitCommand(options.toString());
            entries.append(e);
        }
        return entries;
    }
    const QList<QByteArray> lines = data.split('\n');
    qsizetype nameColumn = -1, optionsColumn = -1;
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        // Only "options" may contain commas when it is the last column.
        if (nameColumn < 0 && optionsColumn < 0) {
            const QStringList header = line.split(QLatin1Char(','));
            nameColumn = header.indexOf(QStringLiteral("name"));
            optionsColumn = header.indexOf(QStringLiteral("options"));
            if (optionsColumn < 0) {
                *error = QStringLiteral("%1: the first line must name the columns "
                                        "(name,options)")
                             .arg(path);
                return std::nullopt;
            }
            continue;
        }
        const QStringList cells = line.split(QLatin1Char(','));
        MatrixEntry e;
        e.name = nameColumn >= 0 ? cells.value(nameColumn).trimmed()
                                 : QString::number(entries.size() + 1);
        QString options = cells.mid(optionsColumn).join(QLatin1Char(','));
        if (options.startsWith(QLatin1Char('"')) && options.endsWith(QLatin1Char('"')))
            options = options.mid(1, options.size() - 2)
                          .replace(QStringLiteral("\"\""), QStringLiteral("\""));
        e.options = QProcess::splitCommand(options);
        entries.append(e);
    }
    return entries;
}

// The command line without the matrix-only options, so each row can add its own.
QStringList baseArguments(const QStringList &arguments)
{
    const QStringList matrixOnly{QStringLiteral("--matrix"), QStringLiteral("--concurrency"),
                                 QStringLiteral("--export")};
    QStringList base;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (matrixOnly.contains(a)) {
            ++i; // and its value
            continue;
        }
        if (matrixOnly.contains(a.section(QLatin1Char('='), 0, 0)))
            continue;
        base << a;
    }
    return base;
}

std::optional<int> concurrencyOption(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("concurrency")))
        return 10;
    bool ok = false;
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt(&ok);
    if (!ok || concurrency <= 0)
        return std::nullopt;
    return concurrency;
}

int runRows(const QCommandLineParser &parser, const QList<MatrixRow> &rows);

int runMatrix(const QCommandLineParser &parser, const QStringList &arguments)
{
    QString error;
    const auto entries = readMatrix(parser.value(QStringLiteral("matrix")), &error);
    if (!entries)
        return usageError(kCmd, error);
    const QStringList base = baseArguments(arguments);
    QList<MatrixRow> rows;
    for (const MatrixEntry &e : *entries) {
        QCommandLineParser rowParser;
        addSendOptions(rowParser);
        if (!rowParser.parse(base + e.options))
            return usageError(
                kCmd, QStringLiteral("matrix row '%1': %2").arg(e.name, rowParser.errorText()));
        const auto request = requestFromOptions(rowParser, &error);
        if (!request)
            return usageError(kCmd, QStringLiteral("matrix row '%1': %2").arg(e.name, error));
        rows.append({e.name, *request});
    }
    return runRows(parser, rows);
}

// The standard matrix (core's faultMatrix, as the Client view sends it) of
// the command line's header; rows are named by their stable keys.
int runFaultMatrix(const QCommandLineParser &parser)
{
    QString error;
    const auto request = requestFromOptions(parser, &error);
    if (!request)
        return usageError(kCmd, error);
    if (!request->header)
        return usageError(kCmd, QStringLiteral("--fault-matrix needs a header (not --no-header)"));
    QList<MatrixRow> rows;
    for (const proxy::FaultVariant &v : proxy::faultMatrix(*request->header)) {
        MatrixRow row{QString::fromLatin1(v.key), *request};
        row.request.header = v.header;
        row.request.udp = v.header.transport == proxy::Transport::Dgram;
        rows.append(row);
    }
    return runRows(parser, rows);
}

int runRows(const QCommandLineParser &parser, const QList<MatrixRow> &rows)
{
    const auto concurrency = concurrencyOption(parser);
    if (!concurrency)
        return usageError(kCmd, QStringLiteral("--concurrency must be a positive number"));
    MatrixRunner runner;
    QObject::connect(&runner, &MatrixRunner::finished, &runner, [] { QCoreApplication::quit(); });
    QTimer::singleShot(0, &runner, [&] { runner.start(rows, *concurrency); });
    QCoreApplication::exec();

    const QList<SendResult> &results = runner.results();
    if (parser.isSet(QStringLiteral("json"))) {
        out() << matrixResultsJsonLines(rows, results);
    } else {
        out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                     .arg(QStringLiteral("#"), 3)
                     .arg(QStringLiteral("name"), -24)
                     .arg(QStringLiteral("outcome"), -20)
                     .arg(QStringLiteral("status"), 6)
                     .arg(QStringLiteral("total ms"), 8);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const SendResult &r = results.at(i);
            out() << QStringLiteral("%1  %2  %3  %4  %5%6\n")
                         .arg(i + 1, 3)
                         .arg(rows.at(i).name, -24)
                         .arg(r.ok() ? QStringLiteral("ok")
                                     : QLatin1String(sendFailureName(r.failure)),
                              -20)
                         .arg(r.status >= 0 ? QString::number(r.status) : QStringLiteral("-"), 6)
                         .arg(r.totalMs, 8)
                         .arg(r.ok() ? QString() : QStringLiteral("  ") + r.message);
        }
        out()
            << QStringLiteral("%1 connections in %2 ms\n").arg(rows.size()).arg(runner.elapsedMs());
    }
    if (parser.isSet(QStringLiteral("export"))) {
        const QString path = parser.value(QStringLiteral("export"));
        const QByteArray content =
            (path.endsWith(QLatin1String(".csv")) ? matrixResultsCsv(rows, results)
                                                  : matrixResultsJsonLines(rows, results))
                .toUtf8();
        if (const QString writeError = io::writeOutputFile(path, content); !writeError.isEmpty())
            return usageError(kCmd, QStringLiteral("cannot write %1: %2").arg(path, writeError));
    }
    return ExitOk;
}

} // namespace

int runSend(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Send a crafted PROXY header (and optionally TLS and a payload) to HOST:PORT and show "
        "the answer."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("HOST:PORT"), QStringLiteral("Where to connect."));
    addSendOptions(parser);
    if (!parser.parse(arguments))
        return usageError(kCmd, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, kCmd);
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("matrix")) && parser.isSet(QStringLiteral("fault-matrix")))
        return usageError(kCmd, QStringLiteral("--matrix and --fault-matrix exclude each other"));
    if (parser.isSet(QStringLiteral("matrix")))
        return runMatrix(parser, arguments);
    if (parser.isSet(QStringLiteral("fault-matrix")))
        return runFaultMatrix(parser);

    QString error;
    const auto request = requestFromOptions(parser, &error);
    if (!request)
        return usageError(kCmd, error);

    Sender sender;
    SendResult result;
    QObject::connect(&sender, &Sender::finished, &sender, [&result](const SendResult &r) {
        result = r;
        QCoreApplication::quit();
    });
    QTimer::singleShot(0, &sender, [&] { sender.start(*request); });
    QCoreApplication::exec();

    const QString target = parser.positionalArguments().constFirst();
    if (parser.isSet(QStringLiteral("json")))
        out() << QJsonDocument(sendResultJson(result, target)).toJson(QJsonDocument::Compact)
              << Qt::endl;
    else
        out() << sendResultText(result);
    return result.ok() ? ExitOk : ExitInvalidInput;
}

} // namespace pl::cli
