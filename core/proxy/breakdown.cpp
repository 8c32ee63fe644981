#include "breakdown.h"

#include "headertext.h"
#include "tlvtypes.h"

#include <QCoreApplication>
#include <QStringBuilder>

namespace pl::proxy {
// The translation context of this file's messages: lupdate files the
// BreakdownText::tr() calls under it, as the program looks them up.
class BreakdownText
{
    Q_DECLARE_TR_FUNCTIONS(pl::proxy::BreakdownText)
};

namespace {

QString hexByte(std::uint32_t value)
{
    return hexNumber(value, 2);
}

QString bytesCount(std::size_t n)
{
    return n == 1 ? BreakdownText::tr("1 byte") : BreakdownText::tr("%1 bytes").arg(n);
}

QString field(const QString &prefix, const char *name)
{
    return prefix.isEmpty() ? QString::fromLatin1(name)
                            : prefix % QLatin1Char('.') % QLatin1String(name);
}

class RowBuilder
{
public:
    RowBuilder(const DecodeResult &result, ByteSpan input) : m_result(result), m_input(input) {}

    QList<BreakdownRow> build()
    {
        const ProxyHeader &h = m_result.header;
        if (h.version == Version::V1)
            buildV1();
        else
            buildV2();
        attachDiagnostics();
        return m_rows;
    }

private:
    void add(std::uint32_t offset, std::uint32_t length, QString fieldPath, QString label,
             QString value, QString note = {}, int depth = 0)
    {
        m_rows.append(BreakdownRow{offset, length, std::move(fieldPath), std::move(label),
                                   std::move(value), std::move(note), Severity::Info, depth});
    }

    bool have(std::size_t end) const { return end <= m_input.size(); }

    void buildV1()
    {
        const ProxyHeader &h = m_result.header;
        if (!h.fixedPartDecoded) {
            add(0, static_cast<std::uint32_t>(std::min<std::size_t>(m_input.size(), kV1MaxSize)),
                QStringLiteral("line"), BreakdownText::tr("v1 header line"),
                printableOrHex(h.bytes));
            return;
        }
        add(0, 6, QStringLiteral("signature"), BreakdownText::tr("Signature"),
            QStringLiteral("PROXY"), BreakdownText::tr("PROXY protocol v1 (text)"));
        add(6, static_cast<std::uint32_t>(h.v1Line.size() - 6), QStringLiteral("line"),
            BreakdownText::tr("Protocol and addresses"),
            // UNKNOWN's text is the sender's, controls and all.
            escapedControls(QString::fromLatin1(reinterpret_cast<const char *>(h.v1Line.data()) + 6,
                                                static_cast<qsizetype>(h.v1Line.size() - 6))),
            h.family == Family::Unspec
                ? BreakdownText::tr("UNKNOWN: the receiver uses the real endpoints")
                : familyDescription(h.family, h.transport));
        if (h.addressesDecoded) {
            const auto field = [&](ByteSpan text, const char *path, const QString &label,
                                   const QString &value) {
                add(static_cast<std::uint32_t>(text.data() - m_input.data()),
                    static_cast<std::uint32_t>(text.size()), QLatin1String(path), label, value, {},
                    1);
            };
            field(h.v1Source, "src_addr", BreakdownText::tr("Source IP"), addressText(h, h.source));
            field(h.v1Destination, "dst_addr", BreakdownText::tr("Destination IP"),
                  addressText(h, h.destination));
            field(h.v1SourcePort, "src_port", BreakdownText::tr("Source port"),
                  QString::number(h.source.port));
            field(h.v1DestinationPort, "dst_port", BreakdownText::tr("Destination port"),
                  QString::number(h.destination.port));
        }
        add(static_cast<std::uint32_t>(h.v1Line.size()), 2, QStringLiteral("crlf"),
            BreakdownText::tr("Line end"), QStringLiteral("CRLF"));
    }

    void buildV2()
    {
        const ProxyHeader &h = m_result.header;
        const auto sigLen =
            static_cast<std::uint32_t>(std::min(m_input.size(), kV2Signature.size()));
        const bool sigBad = m_result.error.code == ErrorCode::BadSignature;
        add(0, sigLen, QStringLiteral("signature"), BreakdownText::tr("Signature"),
            sigBad ? BreakdownText::tr("not a PROXY v2 signature")
                   : BreakdownText::tr("PROXY protocol v2"),
            BreakdownText::tr("fixed 12 bytes \\r\\n\\r\\n\\0\\r\\nQUIT\\n"));
        if (!h.fixedPartDecoded)
            return;
        const std::uint8_t verCmd = m_input[12];
        const std::uint8_t famProto = m_input[13];
        const bool cmdKnown = (verCmd & 0x0F) <= 1;
        add(12, 1, QStringLiteral("version_command"), BreakdownText::tr("Version and command"),
            BreakdownText::tr("version %1, %2")
                .arg(verCmd >> 4)
                .arg(cmdKnown ? QString::fromLatin1(commandName(h.command))
                              : BreakdownText::tr("unknown command %1").arg(verCmd & 0x0F)),
            h.command == Command::Local && cmdKnown
                ? BreakdownText::tr(
                      "LOCAL: health check or proxy's own connection; use the real endpoints")
                : QString());
        add(13, 1, QStringLiteral("family_transport"), BreakdownText::tr("Family and transport"),
            m_result.error.code == ErrorCode::BadFamily
                ? BreakdownText::tr("invalid (%1)").arg(hexByte(famProto))
                : QString::fromLatin1(familyName(h.family)) % QLatin1String(", ") %
                      QLatin1String(transportName(h.transport)),
            m_result.error.code == ErrorCode::BadFamily ? QString()
                                                        : familyDescription(h.family, h.transport));
        add(14, 2, QStringLiteral("length"), BreakdownText::tr("Length"),
            BreakdownText::tr("%1 bytes follow").arg(h.declaredLength),
            BreakdownText::tr("header is %1 bytes in all").arg(h.totalLength));
        if (h.addressesDecoded)
            addAddresses();
        if (h.awsHealthCheckLayout)
            add(16, 0, QStringLiteral("addresses"), BreakdownText::tr("Addresses"),
                BreakdownText::tr("none"),
                BreakdownText::tr(
                    "AWS health-check layout: TLVs start at byte 16 whatever the family says "
                    "(%1)")
                    .arg(localLayoutReasonText(awsLayoutReason())));
        int index = 0;
        for (const Tlv tlv : h.tlvs)
            addTlv(tlv, QStringLiteral("tlv[%1]").arg(index++), 0);
        // A TLV the walker refused (overrun) is not in the range: show its bytes.
        addUnparsedTail();
    }

    LocalLayoutReason awsLayoutReason() const
    {
        for (const Warning &w : m_result.warnings)
            if (w.code == WarningCode::AwsHealthCheckLayout)
                return static_cast<LocalLayoutReason>(w.arg);
        return LocalLayoutReason::StandardFailed;
    }

    void addAddresses()
    {
        const ProxyHeader &h = m_result.header;
        switch (h.family) {
        case Family::Inet:
        case Family::Inet6: {
            const std::uint32_t ipLen = h.family == Family::Inet ? 4 : 16;
            add(16, ipLen, QStringLiteral("src_addr"), BreakdownText::tr("Source IP"),
                addressText(h, h.source));
            add(16 + ipLen, ipLen, QStringLiteral("dst_addr"), BreakdownText::tr("Destination IP"),
                addressText(h, h.destination));
            add(16 + 2 * ipLen, 2, QStringLiteral("src_port"), BreakdownText::tr("Source port"),
                QString::number(h.source.port));
            add(18 + 2 * ipLen, 2, QStringLiteral("dst_port"),
                BreakdownText::tr("Destination port"), QString::number(h.destination.port));
            break;
        }
        case Family::Unix:
            add(16, kUnixPathSize, QStringLiteral("src_path"), BreakdownText::tr("Source path"),
                unixPathText(h.source.unixPath));
            add(16 + kUnixPathSize, kUnixPathSize, QStringLiteral("dst_path"),
                BreakdownText::tr("Destination path"), unixPathText(h.destination.unixPath));
            break;
        case Family::Unspec:
            break;
        }
    }

    void addUnparsedTail()
    {
        const ProxyHeader &h = m_result.header;
        const ErrorCode code = m_result.error.code;
        if (code != ErrorCode::TlvOverrun && code != ErrorCode::Truncated &&
            code != ErrorCode::BadCrcLength && code != ErrorCode::BadSslLength)
            return;
        std::uint32_t covered = 16;
        for (const BreakdownRow &row : std::as_const(m_rows))
            if (row.depth == 0)
                covered = std::max(covered, row.offset + row.length);
        const auto end = static_cast<std::uint32_t>(
            std::min<std::size_t>(m_input.size(), h.totalLength ? h.totalLength : m_input.size()));
        if (end > covered)
            add(covered, end - covered, QStringLiteral("unparsed"),
                BreakdownText::tr("Unparsed bytes"),
                hexString(m_input.subspan(covered, end - covered), QLatin1Char(' ')));
    }

    QString typeLabel(std::uint8_t type) const
    {
        if (const char *name = tlvTypeName(type))
            return hexByte(type) % QLatin1Char(' ') % QLatin1String(name);
        const VendorProfile owner = vendorOfType(type);
        if (owner != VendorProfile::None)
            return BreakdownText::tr("%1 (%2 custom type)")
                .arg(hexByte(type), QLatin1String(vendorDisplayName(owner)));
        if (type >= tlv::CustomFirst && type <= tlv::CustomLast)
            return BreakdownText::tr("%1 (custom type)").arg(hexByte(type));
        if (type >= tlv::ExperimentalFirst && type <= tlv::ExperimentalLast)
            return BreakdownText::tr("%1 (experimental)").arg(hexByte(type));
        if (type >= tlv::ReservedFirst)
            return BreakdownText::tr("%1 (reserved)").arg(hexByte(type));
        return BreakdownText::tr("%1 (unassigned)").arg(hexByte(type));
    }

    // insideSsl: a sub-TLV of the SSL TLV, where only the SSL sub-types
    // (0x21-0x28) mean anything: a 0x03 there is no CRC32C.
    void addTlv(const Tlv &tlv, const QString &path, int depth, bool insideSsl = false)
    {
        const ProxyHeader &h = m_result.header;
        const std::uint32_t total = 3u + tlv.length();
        const qsizetype groupRow = m_rows.size();
        add(tlv.offset, total, path, BreakdownText::tr("TLV"), typeLabel(tlv.type), {}, depth);
        add(tlv.offset, 1, field(path, "type"), BreakdownText::tr("Type"), typeLabel(tlv.type), {},
            depth + 1);
        add(tlv.offset + 1, 2, field(path, "length"), BreakdownText::tr("Length"),
            bytesCount(tlv.length()), {}, depth + 1);
        const std::uint32_t at = tlv.valueOffset();
        const std::uint32_t len = tlv.length();
        const int child = depth + 1;
        auto value = [&](const QString &label, const QString &text, const QString &note = {}) {
            add(at, len, field(path, "value"), label, text, note, child);
        };
        const bool sslSubType = tlv.type >= tlv::SslVersion && tlv.type <= tlv::SslClientCert;
        const int kind = insideSsl && !sslSubType ? -1 : tlv.type;
        switch (kind) {
        case tlv::Alpn:
            value(BreakdownText::tr("ALPN"), printableOrHex(tlv.value));
            break;
        case tlv::Authority:
            value(BreakdownText::tr("Authority (TLS SNI)"), printableOrHex(tlv.value));
            break;
        case tlv::Crc32c: {
            QString note;
            const DecodeError &e = m_result.error;
            if (h.crcOffset != at && e.code == ErrorCode::CrcMismatch && e.offset == at)
                note = BreakdownText::tr("invalid: computed %1 with the CRC32C values before "
                                         "it zeroed, as HAProxy checks a second one")
                           .arg(hexNumber(e.arg2, 8));
            else if (h.crcOffset != at)
                note = h.crcState == CrcState::Valid
                           ? BreakdownText::tr("valid, checked as HAProxy checks a second one")
                           : BreakdownText::tr("not checked");
            else if (h.crcState == CrcState::Valid)
                note = BreakdownText::tr("valid (computed %1)").arg(hexNumber(h.crcComputed, 8));
            else if (h.crcState == CrcState::Invalid && e.offset == at)
                note = BreakdownText::tr("invalid: computed %1").arg(hexNumber(h.crcComputed, 8));
            else if (h.crcState == CrcState::Invalid)
                note = BreakdownText::tr("valid; a later CRC32C TLV is not");
            value(BreakdownText::tr("CRC32C"),
                  len == 4 ? hexNumber(readBe32(tlv.value, 0), 8) : hexString(tlv.value), note);
            m_rows[groupRow].note = note;
            break;
        }
        case tlv::Noop:
            value(
                BreakdownText::tr("Padding"), BreakdownText::tr("%1 bytes of padding").arg(len),
                BreakdownText::tr("0x04 is NOOP (vendor documents call it NETNS; NETNS is 0x30)"));
            break;
        case tlv::UniqueId:
            value(BreakdownText::tr("Unique ID"), printableOrHex(tlv.value));
            break;
        case tlv::Netns:
            value(BreakdownText::tr("Network namespace"), printableOrHex(tlv.value));
            break;
        case tlv::Ssl:
            // Only a top-level SSL TLV has client/verify fields and sub-TLVs;
            // a 0x20 nested inside one is just bytes (and must not recurse).
            if (depth == 0)
                addSsl(tlv, path, child);
            else
                value(BreakdownText::tr("Value"), hexString(tlv.value, QLatin1Char(' ')));
            break;
        case tlv::SslVersion:
        case tlv::SslCn:
        case tlv::SslCipher:
        case tlv::SslSigAlg:
        case tlv::SslKeyAlg:
        case tlv::SslGroup:
        case tlv::SslSigScheme:
            if (depth > 0) {
                value(QString::fromLatin1(tlvTypeName(tlv.type)), printableOrHex(tlv.value));
                break;
            }
            value(BreakdownText::tr("Value"), hexString(tlv.value, QLatin1Char(' ')));
            break;
        case tlv::SslClientCert:
            value(BreakdownText::tr("Client certificate (DER)"), bytesCount(len));
            break;
        default:
            if (kind < 0 || !addVendor(tlv, path, child))
                value(BreakdownText::tr("Value"), hexString(tlv.value, QLatin1Char(' ')));
            break;
        }
        // The group row summarises the value for a collapsed view.
        const BreakdownRow &last = m_rows.constLast();
        if (last.depth == child && last.field != field(path, "length"))
            m_rows[groupRow].value = m_rows[groupRow].value % QLatin1String(": ") % last.value;
    }

    void addSsl(const Tlv &tlv, const QString &path, int depth)
    {
        const SslInfo &ssl = m_result.header.ssl;
        if (tlv.length() < 5)
            return;
        QStringList flags;
        if (ssl.client & sslclient::Ssl)
            flags << QStringLiteral("SSL");
        if (ssl.client & sslclient::CertConn)
            flags << QStringLiteral("CERT_CONN");
        if (ssl.client & sslclient::CertSess)
            flags << QStringLiteral("CERT_SESS");
        add(tlv.valueOffset(), 1, field(path, "client"), BreakdownText::tr("Client"),
            hexByte(ssl.client) % QLatin1String(" (") %
                (flags.isEmpty() ? BreakdownText::tr("no TLS") : flags.join(QLatin1Char('|'))) %
                QLatin1Char(')'),
            {}, depth);
        add(tlv.valueOffset() + 1, 4, field(path, "verify"), BreakdownText::tr("Verify"),
            QString::number(ssl.verify),
            ssl.certificateVerified() ? BreakdownText::tr("client certificate verified")
            : ssl.verify == 0 ? BreakdownText::tr("0 but no certificate: nothing was verified")
                              : BreakdownText::tr("certificate not verified"),
            depth);
        int index = 0;
        const QString base = field(path, "sub");
        for (const Tlv sub : ssl.subTlvs)
            addTlv(sub, base % QStringLiteral("[%1]").arg(index++), depth, true);
    }

    bool addVendor(const Tlv &tlv, const QString &path, int depth)
    {
        const VendorIds &ids = m_result.header.vendor;
        const auto isSpan = [&](ByteSpan s) {
            return !s.empty() && s.data() == tlv.value.data() + 1;
        };
        const std::uint32_t at = tlv.valueOffset();
        auto subtype = [&](const QString &meaning) {
            add(at, 1, field(path, "subtype"), BreakdownText::tr("Subtype"),
                hexByte(tlv.value[0]) % QLatin1Char(' ') % meaning, {}, depth);
        };
        auto id = [&](const char *key, const QString &label, ByteSpan value) {
            add(at + 1, static_cast<std::uint32_t>(value.size()), field(path, key), label,
                printableOrHex(value), {}, depth);
        };
        if (tlv.type == tlv::Alibaba && isSpan(ids.alibabaVpcId)) {
            subtype(BreakdownText::tr("VPC ID"));
            id("vpc_id", BreakdownText::tr("VPC ID"), ids.alibabaVpcId);
        } else if (tlv.type == tlv::Alibaba && isSpan(ids.alibabaEndpointId)) {
            subtype(BreakdownText::tr("PrivateLink endpoint ID"));
            id("endpoint_id", BreakdownText::tr("PrivateLink endpoint ID"), ids.alibabaEndpointId);
        } else if (tlv.type == tlv::Alibaba && isSpan(ids.alibabaEndpointServiceId)) {
            subtype(BreakdownText::tr("PrivateLink endpoint service ID"));
            id("endpoint_service_id", BreakdownText::tr("Endpoint service ID"),
               ids.alibabaEndpointServiceId);
        } else if (tlv.type == tlv::Aws && isSpan(ids.awsVpceId)) {
            subtype(BreakdownText::tr("VPC endpoint ID"));
            id("vpce_id", BreakdownText::tr("VPC endpoint ID"), ids.awsVpceId);
        } else if (tlv.type == tlv::Azure && ids.azureLinkId && tlv.length() == 5) {
            subtype(BreakdownText::tr("Private Link LinkID"));
            add(at + 1, 4, field(path, "azure_link_id"),
                BreakdownText::tr("LinkID (little-endian)"), QString::number(*ids.azureLinkId),
                hexNumber(*ids.azureLinkId, 8), depth);
        } else if (tlv.type == tlv::GcpPsc && ids.gcpPscId && tlv.length() == 8) {
            add(at, 8, field(path, "gcp_psc_id"), BreakdownText::tr("PSC connection ID"),
                QString::number(*ids.gcpPscId), BreakdownText::tr("big-endian uint64"), depth);
        } else {
            return false;
        }
        return true;
    }

    // Each diagnostic marks the most specific row holding its byte.
    void mark(std::uint32_t offset, Severity severity, const QString &text)
    {
        qsizetype best = -1;
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const BreakdownRow &row = m_rows[i];
            const bool inside = offset >= row.offset && (offset < row.offset + row.length ||
                                                         (row.length == 0 && offset == row.offset));
            if (inside && (best < 0 || row.depth > m_rows[best].depth ||
                           (row.depth == m_rows[best].depth && row.length < m_rows[best].length)))
                best = i;
        }
        if (best < 0) {
            add(offset, 0,
                severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning"),
                severity == Severity::Error ? BreakdownText::tr("Error")
                                            : BreakdownText::tr("Warning"),
                QString(), text);
            m_rows.last().severity = severity;
            return;
        }
        BreakdownRow &row = m_rows[best];
        row.note = row.note.isEmpty() ? text : row.note % QLatin1String("; ") % text;
        if (severity > row.severity)
            row.severity = severity;
    }

    void attachDiagnostics()
    {
        if (m_result.error)
            mark(m_result.error.offset, Severity::Error, errorMessage(m_result.error));
        for (const Warning &w : m_result.warnings) {
            if (w.code == WarningCode::SecondHeader)
                continue; // after the header: reported in the diagnostics list only
            mark(w.offset, warningSeverity(w.code), warningMessage(w));
        }
    }

    const DecodeResult &m_result;
    ByteSpan m_input;
    QList<BreakdownRow> m_rows;
};

} // namespace

QList<BreakdownRow> breakdown(const DecodeResult &result, ByteSpan input)
{
    return RowBuilder(result, input).build();
}

} // namespace pl::proxy
