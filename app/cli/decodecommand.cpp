#include "decodecommand.h"

#include "breakdowntable.h"
#include "capturedecode.h"
#include "console.h"
#include "export/headerjson.h"
#include "io/inputstream.h"
#include "proxy/bytearrayspan.h"
#include "proxy/headersummary.h"
#include "proxy/headertext.h"
#include "proxy/hextext.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QStringBuilder>

namespace pl::cli {

using namespace pl::proxy;

namespace {

struct Input
{
    QString name;
    QByteArray bytes;
};

// A raw header file: a v2 header is at most 65,551 bytes, as hex text with
// separators about three times that. Anything bigger is not a header file.
constexpr qint64 kHeaderFileLimit = 1024 * 1024;

void printSummary(QTextStream &s, const DecodeResult &r)
{
    const ProxyHeader &h = r.header;
    const HeaderSummary summary = summarizeHeader(r);
    if (!summary.decoded) {
        s << "not decoded\n";
        return;
    }
    s << "PROXY v" << summary.versionNumber << ' ' << commandName(summary.command) << "  "
      << summary.family;
    if (summary.hasAddresses)
        s << "  " << summary.source << " -> " << summary.destination;
    s << "  header " << summary.length << " bytes";
    if (summary.crc)
        s << "  CRC32C " << crcStateName(*summary.crc);
    s << '\n';
    const auto text = [](ByteSpan b) {
        return printableOrHex(b);
    };
    const VendorIds &v = h.vendor;
    if (!v.alibabaVpcId.empty() || !v.alibabaEndpointId.empty() ||
        !v.alibabaEndpointServiceId.empty()) {
        s << "Alibaba Cloud:";
        if (!v.alibabaVpcId.empty())
            s << "  VPC ID " << text(v.alibabaVpcId);
        if (!v.alibabaEndpointId.empty())
            s << "  endpoint ID " << text(v.alibabaEndpointId);
        if (!v.alibabaEndpointServiceId.empty())
            s << "  endpoint service ID " << text(v.alibabaEndpointServiceId);
        s << '\n';
    }
    if (!v.awsVpceId.empty())
        s << "AWS:  VPC endpoint ID " << text(v.awsVpceId) << '\n';
    if (v.azureLinkId)
        s << "Azure:  LinkID " << *v.azureLinkId << '\n';
    if (v.gcpPscId)
        s << "Google Cloud:  PSC connection ID " << *v.gcpPscId << '\n';
}

void printDiagnostics(QTextStream &s, const DecodeResult &r)
{
    if (r.error)
        s << "error " << errorCodeName(r.error.code) << " at byte " << r.error.offset << ": "
          << errorMessage(r.error) << '\n';
    for (const Warning &w : r.warnings)
        s << (warningSeverity(w.code) == Severity::Info ? "info " : "warning ")
          << warningCodeName(w.code) << " at byte " << w.offset << ": " << warningMessage(w)
          << '\n';
}

} // namespace

int runDecode(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Decode PROXY protocol v1/v2 headers from hex, raw files or captures."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("json"), QStringLiteral("Print JSON Lines (one object per header).")},
        {QStringLiteral("breakdown"), QStringLiteral("Print the byte-by-byte rows.")},
        {QStringLiteral("vendor"),
         QStringLiteral("Vendor profile for custom TLVs: auto, alibaba, aws, azure, gcp, none."),
         QStringLiteral("profile"), QStringLiteral("auto")},
        {QStringLiteral("hex"), QStringLiteral("Decode these hex bytes (repeatable)."),
         QStringLiteral("HEX")},
        {QStringLiteral("stats"),
         QStringLiteral("Captures: print totals (connections, versions, CRC, IDs) only.")},
        {QStringLiteral("filter"),
         QStringLiteral("Captures: only connections matching EXPR, in the GUI's filter language "
                        "(vpc:ID ep:ID crc:valid|invalid|absent finding:NAME client:TEXT "
                        "server:TEXT host:TEXT sni:TEXT method:TEXT path:TEXT status:CODE "
                        "error missing v1 v2 local TEXT; -TERM negates)."),
         QStringLiteral("EXPR")},
        {QStringLiteral("w"),
         QStringLiteral("Captures: write all packets of the shown connections to FILE as "
                        "pcapng (for Wireshark)."),
         QStringLiteral("FILE")},
    });
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Raw header file (binary or hex text)."),
                                 QStringLiteral("[FILE...]"));
    if (!parser.parse(arguments))
        return usageError(QStringLiteral("decode"), parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << commandHelp(parser, QStringLiteral("decode"));
        return ExitOk;
    }
    const auto profile =
        vendorProfileFromName(parser.value(QStringLiteral("vendor")).toStdString());
    if (!profile)
        return usageError(QStringLiteral("decode"),
                          QStringLiteral("unknown vendor profile '%1'")
                              .arg(parser.value(QStringLiteral("vendor"))));

    QList<Input> inputs;
    for (const QString &hex : parser.values(QStringLiteral("hex"))) {
        const HexParseResult parsed = parseHexText(hex);
        if (!parsed.ok())
            return usageError(QStringLiteral("decode"),
                              QStringLiteral("--hex: ") + hexErrorText(parsed));
        inputs.append({QStringLiteral("--hex"), parsed.bytes});
    }
    // Each input is opened once: a pipe (`<(zcat x.pcap.gz)`), a FIFO or
    // standard input ("-") cannot be opened again. Its first bytes say
    // whether it is a capture (streamed, never read whole) or a header file.
    const QStringList paths = parser.positionalArguments();
    std::vector<io::InputStream> opened;
    bool anyCapture = false;
    for (const QString &path : paths) {
        io::InputStream in = io::openInputStream(path, 4);
        if (!in.ok())
            return usageError(QStringLiteral("decode"),
                              QStringLiteral("cannot open %1: %2").arg(path, in.error));
        // A compressed capture (big.pcap.gz) decoded as a raw header would
        // be one confusing bad_signature: say what it is and what to do.
        if (const io::Compression *c = io::compressionOf(in.head))
            return usageError(QStringLiteral("decode"),
                              QStringLiteral("%1 is %2-compressed: decompress it first (a pipe "
                                             "will do: plinspect decode <(%3 %1))")
                                  .arg(path, QLatin1String(c->name), QLatin1String(c->cat)));
        anyCapture = anyCapture || io::isCaptureMagic(in.head);
        // A regular file is opened again when its turn comes: hundreds of
        // captures on one command line must not hold hundreds of descriptors.
        if (in.seekable && io::isCaptureMagic(in.head))
            in.stream.reset();
        opened.push_back(std::move(in));
    }
    if (anyCapture) {
        // Every FILE goes to the capture decoder (which refuses a mix with raw input).
        return runCaptureDecode(CaptureDecodeRequest{
            paths, std::move(opened), *profile, parser.isSet(QStringLiteral("json")),
            parser.isSet(QStringLiteral("stats")), parser.isSet(QStringLiteral("breakdown")),
            parser.isSet(QStringLiteral("hex")), parser.value(QStringLiteral("filter")),
            parser.value(QStringLiteral("w"))});
    }
    for (std::size_t i = 0; i < opened.size(); ++i) {
        const QString &path = paths.at(static_cast<qsizetype>(i));
        const io::BoundedRead read =
            io::readAllBounded(opened[i].stream.get(), kHeaderFileLimit, path, "a header file");
        if (!read.ok())
            return usageError(QStringLiteral("decode"), read.error);
        QByteArray bytes = read.bytes;
        if (looksLikeHexText(bytes)) {
            const HexParseResult parsed = parseHexText(QString::fromLatin1(bytes));
            if (parsed.ok())
                bytes = parsed.bytes;
        }
        inputs.append({path, bytes});
    }
    if (inputs.isEmpty())
        return usageError(QStringLiteral("decode"), QStringLiteral("give --hex HEX or a FILE"));
    if (parser.isSet(QStringLiteral("filter")) || parser.isSet(QStringLiteral("w")))
        return usageError(QStringLiteral("decode"),
                          QStringLiteral("--filter and -w apply to capture files only"));

    const bool json = parser.isSet(QStringLiteral("json"));
    const bool rowsOnly = parser.isSet(QStringLiteral("breakdown"));
    const DecodeOptions options{*profile, true};
    int status = ExitOk;
    for (const Input &input : std::as_const(inputs)) {
        const ByteSpan bytes = proxy::byteSpan(input.bytes);
        const DecodeResult result = decode(bytes, options);
        if (!result.ok())
            status = ExitInvalidInput;
        if (json && rowsOnly) {
            for (const auto row : exporting::breakdownJson(breakdown(result, bytes), bytes))
                out() << QJsonDocument(row.toObject()).toJson(QJsonDocument::Compact) << '\n';
        } else if (json) {
            QJsonObject o = exporting::decodeResultJson(result);
            o.insert(QStringLiteral("input"), input.name);
            out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        } else {
            if (inputs.size() > 1)
                out() << "== " << input.name << '\n';
            printSummary(out(), result);
            out() << '\n';
            printBreakdownTable(out(), breakdown(result, bytes), bytes);
            out() << '\n';
            printDiagnostics(out(), result);
        }
    }
    out().flush();
    return status;
}

} // namespace pl::cli
