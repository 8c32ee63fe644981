#include "headeroptions.h"

#include "proxy/endpointtext.h"
#include "proxy/hextext.h"
#include "proxy/tlvtypes.h"

#include <QCommandLineParser>
#include <QHash>

namespace pl::cli {

using namespace pl::proxy;

namespace {

QCommandLineOption valueOption(const char *name, const char *description, const char *valueName)
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
                              QString::fromLatin1(valueName));
}

bool parseUnsigned(const QString &text, quint64 max, quint64 &out)
{
    bool ok = false;
    out = text.startsWith(QLatin1String("0x")) ? text.mid(2).toULongLong(&ok, 16)
                                               : text.toULongLong(&ok, 10);
    return ok && out <= max;
}

std::optional<TlvSpec> sslTlvFromOptions(const QCommandLineParser &p, QString *error)
{
    quint64 client = sslclient::Ssl;
    quint64 verify = 0;
    if (p.isSet(QStringLiteral("ssl-client")) &&
        !parseUnsigned(p.value(QStringLiteral("ssl-client")), 0xFF, client)) {
        *error = QStringLiteral("--ssl-client must be 0..255");
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("ssl-verify")) &&
        !parseUnsigned(p.value(QStringLiteral("ssl-verify")), 0xFFFFFFFF, verify)) {
        *error = QStringLiteral("--ssl-verify must be a 32-bit unsigned number");
        return std::nullopt;
    }
    QList<TlvSpec> subs;
    if (p.isSet(QStringLiteral("ssl-version")))
        subs.append({tlv::SslVersion, p.value(QStringLiteral("ssl-version")).toUtf8()});
    if (p.isSet(QStringLiteral("ssl-cn")))
        subs.append({tlv::SslCn, p.value(QStringLiteral("ssl-cn")).toUtf8()});
    if (p.isSet(QStringLiteral("ssl-cipher")))
        subs.append({tlv::SslCipher, p.value(QStringLiteral("ssl-cipher")).toUtf8()});
    return sslTlv(static_cast<std::uint8_t>(client), static_cast<std::uint32_t>(verify), subs);
}

} // namespace

void addHeaderOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("v1"), QStringLiteral("Text header (PROXY protocol v1).")},
        valueOption("command", "local or proxy (default proxy).", "CMD"),
        valueOption("family", "inet, inet6, unix or unspec (default: from --src).", "FAMILY"),
        {QStringLiteral("dgram"), QStringLiteral("Transport DGRAM (UDP) instead of STREAM.")},
        valueOption("src", "Source ADDR:PORT, [V6]:PORT or /unix/path.", "ADDR:PORT"),
        valueOption("dst", "Destination ADDR:PORT, [V6]:PORT or /unix/path.", "ADDR:PORT"),
        valueOption("alpn", "ALPN TLV (0x01).", "S"),
        valueOption("authority", "AUTHORITY TLV (0x02), e.g. the TLS SNI.", "S"),
        valueOption("unique-id", "UNIQUE_ID TLV (0x05).", "S"),
        valueOption("netns", "NETNS TLV (0x30).", "S"),
        valueOption("ssl-client", "SSL TLV (0x20) client flags: 1 SSL, 2 CERT_CONN, 4 CERT_SESS.",
                    "N"),
        valueOption("ssl-verify", "SSL TLV verify result (default 0 = verified).", "N"),
        valueOption("ssl-version", "SSL_VERSION sub-TLV (adds the SSL TLV).", "S"),
        valueOption("ssl-cn", "SSL_CN sub-TLV (adds the SSL TLV).", "S"),
        valueOption("ssl-cipher", "SSL_CIPHER sub-TLV (adds the SSL TLV).", "S"),
        valueOption("alibaba-vpc-id", "Alibaba Cloud TLV 0xE1/0x01 VPC ID.", "ID"),
        valueOption("alibaba-endpoint-id", "Alibaba Cloud TLV 0xE1/0x02 endpoint ID.", "ID"),
        valueOption("alibaba-endpoint-service-id",
                    "Alibaba Cloud TLV 0xE1/0x03 endpoint service ID.", "ID"),
        valueOption("aws-vpce-id", "AWS TLV 0xEA/0x01 VPC endpoint ID.", "ID"),
        valueOption("azure-link-id", "Azure TLV 0xEE/0x01 LinkID (uint32).", "N"),
        valueOption("gcp-psc-id", "GCP TLV 0xE0 PSC connection ID (uint64).", "N"),
        valueOption("tlv", "Any TLV as TYPE=HEX, e.g. 0xF0=0102 (repeatable).", "TYPE=HEX"),
        valueOption("crc32c", "auto (present, correct), none or wrong (default auto).", "MODE"),
        {QStringLiteral("crc-last"), QStringLiteral("Put the CRC32C TLV last, not first.")},
        valueOption("pad-to", "NOOP padding up to this header size (AWS pads to 100).", "N"),
        valueOption("fault", "bad-signature, bad-length, truncate, bad-family or bad-command.",
                    "NAME"),
    });
}

std::optional<HeaderSpec> headerSpecFromOptions(const QCommandLineParser &p, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<HeaderSpec> {
        *error = message;
        return std::nullopt;
    };
    HeaderSpec spec;
    spec.version = p.isSet(QStringLiteral("v1")) ? Version::V1 : Version::V2;
    spec.crc = spec.version == Version::V1 ? CrcMode::None : CrcMode::Auto;

    const QString command = p.value(QStringLiteral("command"));
    if (command == QLatin1String("local"))
        spec.command = Command::Local;
    else if (!command.isEmpty() && command != QLatin1String("proxy"))
        return fail(QStringLiteral("--command must be local or proxy"));

    std::optional<EndpointText> src, dst;
    if (p.isSet(QStringLiteral("src")) &&
        !(src = parseEndpointText(p.value(QStringLiteral("src")))))
        return fail(QStringLiteral("--src: expected ADDR:PORT, [V6ADDR]:PORT or /path"));
    if (p.isSet(QStringLiteral("dst")) &&
        !(dst = parseEndpointText(p.value(QStringLiteral("dst")))))
        return fail(QStringLiteral("--dst: expected ADDR:PORT, [V6ADDR]:PORT or /path"));

    const QString family = p.value(QStringLiteral("family"));
    if (family == QLatin1String("inet"))
        spec.family = Family::Inet;
    else if (family == QLatin1String("inet6"))
        spec.family = Family::Inet6;
    else if (family == QLatin1String("unix"))
        spec.family = Family::Unix;
    else if (family == QLatin1String("unspec"))
        spec.family = Family::Unspec;
    else if (!family.isEmpty())
        return fail(QStringLiteral("--family must be inet, inet6, unix or unspec"));
    else if (!src)
        spec.family = spec.command == Command::Local ? Family::Unspec : Family::Inet;
    else if (!src->unixPath.isEmpty())
        spec.family = Family::Unix;
    else
        spec.family =
            src->address.protocol() == QAbstractSocket::IPv6Protocol ? Family::Inet6 : Family::Inet;
    spec.transport = spec.family == Family::Unspec      ? Transport::Unspec
                     : p.isSet(QStringLiteral("dgram")) ? Transport::Dgram
                                                        : Transport::Stream;
    if (spec.command == Command::Proxy && spec.family != Family::Unspec && (!src || !dst))
        return fail(QStringLiteral("a PROXY header needs --src and --dst (or --command local)"));
    if (src) {
        spec.sourceAddress = src->address;
        spec.sourcePort = src->port;
        spec.sourcePath = src->unixPath;
    }
    if (dst) {
        spec.destinationAddress = dst->address;
        spec.destinationPort = dst->port;
        spec.destinationPath = dst->unixPath;
    }

    // TLVs go on the wire in the order their options were given, so users
    // can reproduce a vendor's layout exactly. Repeated options repeat TLVs.
    QHash<QString, int> seen;
    bool sslDone = false;
    for (const QString &name : p.optionNames()) {
        const int occurrence = seen[name]++;
        const QString value = p.values(name).value(occurrence);
        if (name == QLatin1String("alpn")) {
            spec.tlvs.append({tlv::Alpn, value.toUtf8()});
        } else if (name == QLatin1String("authority")) {
            spec.tlvs.append({tlv::Authority, value.toUtf8()});
        } else if (name == QLatin1String("unique-id")) {
            spec.tlvs.append({tlv::UniqueId, value.toUtf8()});
        } else if (name == QLatin1String("netns")) {
            spec.tlvs.append({tlv::Netns, value.toUtf8()});
        } else if (name.startsWith(QLatin1String("ssl-")) && !sslDone) {
            sslDone = true;
            auto ssl = sslTlvFromOptions(p, error);
            if (!ssl)
                return std::nullopt;
            spec.tlvs.append(*ssl);
        } else if (name == QLatin1String("alibaba-vpc-id")) {
            spec.tlvs.append(alibabaVpcIdTlv(value.toUtf8()));
        } else if (name == QLatin1String("alibaba-endpoint-id")) {
            spec.tlvs.append(alibabaEndpointIdTlv(value.toUtf8()));
        } else if (name == QLatin1String("alibaba-endpoint-service-id")) {
            spec.tlvs.append(alibabaEndpointServiceIdTlv(value.toUtf8()));
        } else if (name == QLatin1String("aws-vpce-id")) {
            spec.tlvs.append(awsVpceIdTlv(value.toUtf8()));
        } else if (name == QLatin1String("azure-link-id")) {
            quint64 id = 0;
            if (!parseUnsigned(value, 0xFFFFFFFFu, id))
                return fail(QStringLiteral("--azure-link-id must be a 32-bit unsigned number"));
            spec.tlvs.append(azureLinkIdTlv(static_cast<std::uint32_t>(id)));
        } else if (name == QLatin1String("gcp-psc-id")) {
            quint64 id = 0;
            if (!parseUnsigned(value, ~quint64{0}, id))
                return fail(QStringLiteral("--gcp-psc-id must be a 64-bit unsigned number"));
            spec.tlvs.append(gcpPscIdTlv(id));
        } else if (name == QLatin1String("tlv")) {
            const qsizetype eq = value.indexOf(QLatin1Char('='));
            quint64 type = 0;
            if (eq < 0 || !parseUnsigned(value.left(eq), 0xFF, type))
                return fail(
                    QStringLiteral("--tlv %1: expected TYPE=HEX with TYPE 0..255").arg(value));
            const HexParseResult bytes = parseHexText(value.mid(eq + 1));
            if (!bytes.ok())
                return fail(QStringLiteral("--tlv %1: value is not hex").arg(value));
            if (bytes.bytes.size() > 0xFFFF)
                return fail(QStringLiteral("--tlv %1: value longer than 65535 bytes").arg(value));
            spec.tlvs.append({static_cast<std::uint8_t>(type), bytes.bytes});
        }
    }

    const QString crc = p.value(QStringLiteral("crc32c"));
    if (crc == QLatin1String("none"))
        spec.crc = CrcMode::None;
    else if (crc == QLatin1String("wrong"))
        spec.crc = CrcMode::Wrong;
    else if (crc == QLatin1String("auto"))
        spec.crc = CrcMode::Auto;
    else if (!crc.isEmpty())
        return fail(QStringLiteral("--crc32c must be auto, none or wrong"));
    spec.crcFirst = !p.isSet(QStringLiteral("crc-last"));
    if (p.isSet(QStringLiteral("pad-to"))) {
        quint64 pad = 0;
        if (!parseUnsigned(p.value(QStringLiteral("pad-to")), 0xFFFF + 16, pad))
            return fail(QStringLiteral("--pad-to must be a size in bytes"));
        spec.padTo = static_cast<std::uint32_t>(pad);
    }
    if (p.isSet(QStringLiteral("fault"))) {
        const auto fault = faultFromName(p.value(QStringLiteral("fault")).toStdString());
        if (!fault)
            return fail(QStringLiteral("--fault must be bad-signature, bad-length, truncate, "
                                       "bad-family or bad-command"));
        spec.fault = *fault;
    }
    if (spec.version == Version::V1 && (!spec.tlvs.isEmpty() || crc == QLatin1String("wrong")))
        return fail(QStringLiteral("v1 headers carry no TLVs or CRC32C"));
    if (spec.version == Version::V1 && spec.family == Family::Unix)
        return fail(QStringLiteral("v1 headers carry no UNIX addresses"));
    return spec;
}

} // namespace pl::cli
