#include "headerfields.h"

#include "endpointtext.h"
#include "headerbuilder.h"
#include "hextext.h"
#include "tlvtypes.h"

#include <QCoreApplication>

namespace pl::proxy {

// The translation context of the field errors (lupdate reads it).
class HeaderFieldText
{
    Q_DECLARE_TR_FUNCTIONS(pl::proxy::HeaderFieldText)
};

std::optional<quint64> parseUnsignedField(const QString &text, quint64 max)
{
    const QString t = text.trimmed();
    bool ok = false;
    const quint64 value = t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
                              ? t.mid(2).toULongLong(&ok, 16)
                              : t.toULongLong(&ok, 10);
    if (!ok || value > max)
        return std::nullopt;
    return value;
}

std::optional<TlvSpec> parseRawTlv(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype eq = t.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return std::nullopt;
    const auto type = parseUnsignedField(t.left(eq), 0xFF);
    const HexParseResult value = parseHexText(t.mid(eq + 1));
    if (!type || !value.ok() || value.bytes.size() > 0xFFFF)
        return std::nullopt;
    return TlvSpec{static_cast<std::uint8_t>(*type), value.bytes};
}

namespace {

HeaderFieldError error(HeaderField field, const QString &value, const QString &message)
{
    return {field, HeaderFields::TlvKind::Raw, value, message};
}

HeaderFieldError tlvError(HeaderFields::TlvKind kind, const QString &value, const QString &message)
{
    return {HeaderField::Tlv, kind, value, message};
}

std::variant<TlvSpec, HeaderFieldError> sslTlvFrom(const HeaderFields &f)
{
    std::uint8_t client = sslclient::Ssl;
    std::uint32_t verify = 0;
    if (!f.sslClient.isEmpty()) {
        const auto v = parseUnsignedField(f.sslClient, 0xFF);
        if (!v)
            return error(HeaderField::SslClient, f.sslClient,
                         HeaderFieldText::tr("must be 0..255 (1 SSL, 2 CERT_CONN, 4 CERT_SESS)"));
        client = static_cast<std::uint8_t>(*v);
    }
    if (!f.sslVerify.isEmpty()) {
        const auto v = parseUnsignedField(f.sslVerify, 0xFFFFFFFFu);
        if (!v)
            return error(HeaderField::SslVerify, f.sslVerify,
                         HeaderFieldText::tr("must be a 32-bit unsigned number"));
        verify = static_cast<std::uint32_t>(*v);
    }
    QList<TlvSpec> subs;
    if (!f.sslVersion.isEmpty())
        subs.append({tlv::SslVersion, f.sslVersion.toUtf8()});
    if (!f.sslCn.isEmpty())
        subs.append({tlv::SslCn, f.sslCn.toUtf8()});
    if (!f.sslCipher.isEmpty())
        subs.append({tlv::SslCipher, f.sslCipher.toUtf8()});
    return sslTlv(client, verify, subs);
}

std::variant<TlvSpec, HeaderFieldError> tlvFrom(const HeaderFields &f, const HeaderFields::Tlv &t)
{
    using Kind = HeaderFields::TlvKind;
    const QByteArray text = t.value.toUtf8();
    switch (t.kind) {
    case Kind::Alpn:
        return TlvSpec{tlv::Alpn, text};
    case Kind::Authority:
        return TlvSpec{tlv::Authority, text};
    case Kind::UniqueId:
        return TlvSpec{tlv::UniqueId, text};
    case Kind::Netns:
        return TlvSpec{tlv::Netns, text};
    case Kind::AlibabaVpcId:
        return alibabaVpcIdTlv(text);
    case Kind::AlibabaEndpointId:
        return alibabaEndpointIdTlv(text);
    case Kind::AlibabaEndpointServiceId:
        return alibabaEndpointServiceIdTlv(text);
    case Kind::AwsVpceId:
        return awsVpceIdTlv(text);
    case Kind::AzureLinkId:
        if (const auto id = parseUnsignedField(t.value, 0xFFFFFFFFu))
            return azureLinkIdTlv(static_cast<std::uint32_t>(*id));
        return tlvError(t.kind, t.value, HeaderFieldText::tr("must be a 32-bit unsigned number"));
    case Kind::GcpPscId:
        if (const auto id = parseUnsignedField(t.value, ~quint64{0}))
            return gcpPscIdTlv(*id);
        return tlvError(t.kind, t.value, HeaderFieldText::tr("must be a 64-bit unsigned number"));
    case Kind::Raw:
        if (const auto raw = parseRawTlv(t.value))
            return *raw;
        return tlvError(t.kind, t.value,
                        HeaderFieldText::tr("expected TYPE=HEX, TYPE 0..255 (decimal or 0x hex) "
                                            "and at most 65535 bytes of hex"));
    case Kind::Ssl:
        return sslTlvFrom(f);
    }
    return tlvError(t.kind, t.value, HeaderFieldText::tr("unknown TLV"));
}

} // namespace

HeaderSpecOrError buildHeaderSpec(const HeaderFields &f)
{
    HeaderSpec spec;
    spec.version = f.v1 ? Version::V1 : Version::V2;

    const QString command = f.command.trimmed().toLower();
    if (command == QLatin1String("local"))
        spec.command = Command::Local;
    else if (!command.isEmpty() && command != QLatin1String("proxy"))
        return error(HeaderField::Command, f.command,
                     HeaderFieldText::tr("must be local or proxy"));

    const QString sourceText = f.source.trimmed();
    const QString destinationText = f.destination.trimmed();
    std::optional<EndpointText> src, dst;
    const QString endpointSyntax =
        HeaderFieldText::tr("expected ADDR:PORT, [V6ADDR]:PORT or an absolute /unix/path");
    if (!sourceText.isEmpty() && !(src = parseEndpointText(sourceText)))
        return error(HeaderField::Source, f.source, endpointSyntax);
    if (!destinationText.isEmpty() && !(dst = parseEndpointText(destinationText)))
        return error(HeaderField::Destination, f.destination, endpointSyntax);
    if (bool(src) != bool(dst))
        return error(HeaderField::Addresses, src ? f.source : f.destination,
                     HeaderFieldText::tr("give both the source and the destination, or neither"));

    const QString family = f.family.trimmed().toLower();
    if (family == QLatin1String("inet"))
        spec.family = Family::Inet;
    else if (family == QLatin1String("inet6"))
        spec.family = Family::Inet6;
    else if (family == QLatin1String("unix"))
        spec.family = Family::Unix;
    else if (family == QLatin1String("unspec"))
        spec.family = Family::Unspec;
    else if (!family.isEmpty())
        return error(HeaderField::Family, f.family,
                     HeaderFieldText::tr("must be inet, inet6, unix or unspec"));
    else if (!src && spec.command == Command::Local)
        spec.family = Family::Unspec; // a LOCAL header (health check) without addresses
    else if (!src)
        return error(HeaderField::Addresses, QString(),
                     HeaderFieldText::tr("a PROXY header needs a source and a destination (or "
                                         "the LOCAL command, or family unspec)"));
    else if (src->isUnix())
        spec.family = Family::Unix;
    else
        spec.family =
            src->address.protocol() == QAbstractSocket::IPv6Protocol ? Family::Inet6 : Family::Inet;
    if (spec.family != Family::Unspec && !src)
        return error(HeaderField::Addresses, QString(),
                     HeaderFieldText::tr("this family needs a source and a destination"));
    // The addresses are written as the family says: never a 0.0.0.0 or an
    // empty path in place of an address of the other kind.
    if (src && spec.family != Family::Unspec) {
        const auto kindOf = [](const EndpointText &e) {
            return e.isUnix()                                              ? Family::Unix
                   : e.address.protocol() == QAbstractSocket::IPv6Protocol ? Family::Inet6
                                                                           : Family::Inet;
        };
        for (const auto &[e, text] : {std::pair{*src, f.source}, std::pair{*dst, f.destination}}) {
            if (kindOf(e) == spec.family)
                continue;
            return error(HeaderField::Addresses, text,
                         spec.family == Family::Inet
                             ? HeaderFieldText::tr("family inet takes IPv4 addresses only")
                         : spec.family == Family::Inet6
                             ? HeaderFieldText::tr("family inet6 takes IPv6 addresses only (an "
                                                   "IPv4 one as ::ffff:a.b.c.d)")
                             : HeaderFieldText::tr("family unix takes absolute paths only"));
        }
    }
    spec.transport = spec.family == Family::Unspec ? Transport::Unspec
                     : f.dgram                     ? Transport::Dgram
                                                   : Transport::Stream;
    if (src) {
        spec.sourceAddress = src->address;
        spec.sourcePort = src->port;
        spec.sourcePath = src->unixPath;
        spec.destinationAddress = dst->address;
        spec.destinationPort = dst->port;
        spec.destinationPath = dst->unixPath;
    }

    for (const HeaderFields::Tlv &t : f.tlvs) {
        auto built = tlvFrom(f, t);
        if (auto *e = std::get_if<HeaderFieldError>(&built))
            return *e;
        const qsizetype valueSize = std::get<TlvSpec>(built).value.size();
        if (valueSize > 0xFFFF)
            return tlvError(
                t.kind, t.value.left(64),
                HeaderFieldText::tr("%1 bytes: a TLV holds at most 65,535").arg(valueSize));
        spec.tlvs.append(std::get<TlvSpec>(std::move(built)));
    }

    const QString crc = f.crc.trimmed().toLower();
    if (crc == QLatin1String("none"))
        spec.crc = CrcMode::None;
    else if (crc == QLatin1String("wrong"))
        spec.crc = CrcMode::Wrong;
    else if (crc.isEmpty() || crc == QLatin1String("auto"))
        spec.crc = spec.version == Version::V1 ? CrcMode::None : CrcMode::Auto;
    else
        return error(HeaderField::Crc, f.crc, HeaderFieldText::tr("must be auto, none or wrong"));
    spec.crcFirst = !f.crcLast;
    if (!f.padTo.trimmed().isEmpty()) {
        const auto pad = parseUnsignedField(f.padTo, 0xFFFF + 16);
        if (!pad)
            return error(HeaderField::PadTo, f.padTo,
                         HeaderFieldText::tr("must be a header size in bytes (at most 65551)"));
        spec.padTo = static_cast<std::uint32_t>(*pad);
    }
    if (!f.fault.trimmed().isEmpty()) {
        const auto fault = faultFromName(f.fault.trimmed().toStdString());
        if (!fault)
            return error(HeaderField::Fault, f.fault,
                         HeaderFieldText::tr("must be bad-signature, bad-length, truncate, "
                                             "bad-family or bad-command"));
        spec.fault = *fault;
    }
    if (spec.version == Version::V1) {
        if (f.dgram)
            return error(HeaderField::Version, QStringLiteral("v1"),
                         HeaderFieldText::tr("v1 headers carry TCP only (TCP4, TCP6, UNKNOWN)"));
        if (!spec.tlvs.isEmpty() || spec.crc == CrcMode::Wrong || spec.padTo != 0)
            return error(HeaderField::Version, QStringLiteral("v1"),
                         HeaderFieldText::tr("v1 headers carry no TLVs, CRC32C or padding"));
        if (spec.family == Family::Unix)
            return error(HeaderField::Version, QStringLiteral("v1"),
                         HeaderFieldText::tr("v1 headers carry no UNIX addresses"));
        return spec;
    }
    // The length field holds 16 bits: past 65,535 bytes after the first 16
    // the header would be written with a wrapped length (silently corrupt).
    const std::size_t size = v2SizeWithoutPadding(spec);
    constexpr std::size_t kLargest = kV2FixedSize + 0xFFFF;
    if (size > kLargest)
        return error(HeaderField::Tlv, QString(),
                     HeaderFieldText::tr("the header would be %1 bytes: a v2 header holds at "
                                         "most 65,551 (16 + 65,535)")
                         .arg(size));
    if (spec.padTo != 0 && spec.padTo < size + 3 && spec.padTo != size)
        return error(HeaderField::PadTo, f.padTo,
                     spec.padTo < size
                         ? HeaderFieldText::tr("the header is already %1 bytes").arg(size)
                         : HeaderFieldText::tr("the header is %1 bytes: padding needs 3 bytes at "
                                               "least (a NOOP TLV's type and length)")
                               .arg(size));
    return spec;
}

} // namespace pl::proxy
