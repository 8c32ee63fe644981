#include "headeroptions.h"

#include "proxy/headerfields.h"

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

// The option a field error is about, as the user typed it.
QString optionOf(const HeaderFieldError &e)
{
    switch (e.field) {
    case HeaderField::Version:
        return QStringLiteral("--v1");
    case HeaderField::Command:
        return QStringLiteral("--command");
    case HeaderField::Family:
        return QStringLiteral("--family");
    case HeaderField::Source:
        return QStringLiteral("--src");
    case HeaderField::Destination:
        return QStringLiteral("--dst");
    case HeaderField::Addresses:
        return QStringLiteral("--src/--dst");
    case HeaderField::SslClient:
        return QStringLiteral("--ssl-client");
    case HeaderField::SslVerify:
        return QStringLiteral("--ssl-verify");
    case HeaderField::Crc:
        return QStringLiteral("--crc32c");
    case HeaderField::PadTo:
        return QStringLiteral("--pad-to");
    case HeaderField::Fault:
        return QStringLiteral("--fault");
    case HeaderField::Tlv:
        switch (e.tlv) {
        case HeaderFields::TlvKind::AzureLinkId:
            return QStringLiteral("--azure-link-id");
        case HeaderFields::TlvKind::GcpPscId:
            return QStringLiteral("--gcp-psc-id");
        default:
            return QStringLiteral("--tlv");
        }
    }
    return {};
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
    using Kind = HeaderFields::TlvKind;
    HeaderFields f;
    f.v1 = p.isSet(QStringLiteral("v1"));
    f.command = p.value(QStringLiteral("command"));
    f.family = p.value(QStringLiteral("family"));
    f.dgram = p.isSet(QStringLiteral("dgram"));
    f.source = p.value(QStringLiteral("src"));
    f.destination = p.value(QStringLiteral("dst"));
    f.sslClient = p.value(QStringLiteral("ssl-client"));
    f.sslVerify = p.value(QStringLiteral("ssl-verify"));
    f.sslVersion = p.value(QStringLiteral("ssl-version"));
    f.sslCn = p.value(QStringLiteral("ssl-cn"));
    f.sslCipher = p.value(QStringLiteral("ssl-cipher"));
    f.crc = p.value(QStringLiteral("crc32c"));
    f.crcLast = p.isSet(QStringLiteral("crc-last"));
    f.padTo = p.value(QStringLiteral("pad-to"));
    f.fault = p.value(QStringLiteral("fault"));

    // TLVs go on the wire in the order their options were given, so users
    // can reproduce a vendor's layout exactly. Repeated options repeat TLVs;
    // the SSL TLV sits where its first option was.
    static const QHash<QString, Kind> kinds{
        {QStringLiteral("alpn"), Kind::Alpn},
        {QStringLiteral("authority"), Kind::Authority},
        {QStringLiteral("unique-id"), Kind::UniqueId},
        {QStringLiteral("netns"), Kind::Netns},
        {QStringLiteral("alibaba-vpc-id"), Kind::AlibabaVpcId},
        {QStringLiteral("alibaba-endpoint-id"), Kind::AlibabaEndpointId},
        {QStringLiteral("alibaba-endpoint-service-id"), Kind::AlibabaEndpointServiceId},
        {QStringLiteral("aws-vpce-id"), Kind::AwsVpceId},
        {QStringLiteral("azure-link-id"), Kind::AzureLinkId},
        {QStringLiteral("gcp-psc-id"), Kind::GcpPscId},
        {QStringLiteral("tlv"), Kind::Raw},
    };
    QHash<QString, int> seen;
    bool ssl = false;
    for (const QString &name : p.optionNames()) {
        const int occurrence = seen[name]++;
        if (const auto kind = kinds.constFind(name); kind != kinds.constEnd())
            f.tlvs.append({*kind, p.values(name).value(occurrence)});
        else if (name.startsWith(QLatin1String("ssl-")) && !ssl) {
            ssl = true;
            f.tlvs.append({Kind::Ssl, QString()});
        }
    }

    auto built = buildHeaderSpec(f);
    if (const auto *e = std::get_if<HeaderFieldError>(&built)) {
        *error = e->value.trimmed().isEmpty()
                     ? QStringLiteral("%1: %2").arg(optionOf(*e), e->message)
                     : QStringLiteral("%1 '%2': %3").arg(optionOf(*e), e->value, e->message);
        return std::nullopt;
    }
    return std::get<HeaderSpec>(std::move(built));
}

} // namespace pl::cli
