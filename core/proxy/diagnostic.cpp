#include "diagnostic.h"

#include "headertext.h"

#include <QCoreApplication>
#include <QString>
#include <QStringBuilder>

namespace pl::proxy {
// The translation context of this file's messages: lupdate files the
// DiagnosticText::tr() calls under it, as the program looks them up.
class DiagnosticText
{
    Q_DECLARE_TR_FUNCTIONS(pl::proxy::DiagnosticText)
};

namespace {

QString hex8(std::uint32_t value)
{
    return QLatin1String("0x") % QStringLiteral("%1").arg(value, 2, 16, QLatin1Char('0')).toUpper();
}

} // namespace

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return "none";
    case ErrorCode::Truncated:
        return "truncated";
    case ErrorCode::BadSignature:
        return "bad_signature";
    case ErrorCode::BadVersion:
        return "bad_version";
    case ErrorCode::BadCommand:
        return "bad_command";
    case ErrorCode::BadFamily:
        return "bad_family";
    case ErrorCode::AddressOverrun:
        return "address_overrun";
    case ErrorCode::TlvOverrun:
        return "tlv_overrun";
    case ErrorCode::BadCrcLength:
        return "bad_crc_length";
    case ErrorCode::CrcMismatch:
        return "crc_mismatch";
    case ErrorCode::BadSslLength:
        return "bad_ssl_length";
    case ErrorCode::V1TooLong:
        return "v1_too_long";
    case ErrorCode::V1BadLineEnd:
        return "v1_bad_line_end";
    case ErrorCode::V1BadProtocol:
        return "v1_bad_protocol";
    case ErrorCode::V1BadAddress:
        return "v1_bad_address";
    case ErrorCode::V1BadPort:
        return "v1_bad_port";
    case ErrorCode::V1BadSyntax:
        return "v1_bad_syntax";
    }
    return "unknown";
}

const char *warningCodeName(WarningCode code)
{
    switch (code) {
    case WarningCode::UniqueIdTooLong:
        return "unique_id_too_long";
    case WarningCode::AuthorityTooLong:
        return "authority_too_long";
    case WarningCode::LongerThanNginxLimit:
        return "longer_than_nginx_limit";
    case WarningCode::SslVerifyWithoutCert:
        return "ssl_verify_without_cert";
    case WarningCode::DuplicateTlv:
        return "duplicate_tlv";
    case WarningCode::NoopNotZero:
        return "noop_not_zero";
    case WarningCode::TrailingBytes:
        return "trailing_bytes";
    case WarningCode::SecondHeader:
        return "second_header";
    case WarningCode::VendorMismatch:
        return "vendor_mismatch";
    case WarningCode::VendorTlvMalformed:
        return "vendor_tlv_malformed";
    case WarningCode::UnknownVendorSubtype:
        return "unknown_vendor_subtype";
    case WarningCode::AwsHealthCheckLayout:
        return "aws_health_check_layout";
    case WarningCode::LocalWithAddresses:
        return "local_with_addresses";
    }
    return "unknown";
}

Severity warningSeverity(WarningCode code)
{
    switch (code) {
    case WarningCode::AwsHealthCheckLayout:
    case WarningCode::LocalWithAddresses:
        return Severity::Info;
    default:
        return Severity::Warning;
    }
}

QString errorMessage(const DecodeError &error)
{
    switch (error.code) {
    case ErrorCode::None:
        return {};
    case ErrorCode::Truncated:
        return DiagnosticText::tr("Header truncated: %1 bytes present, %2 needed")
            .arg(error.arg1)
            .arg(error.arg2);
    case ErrorCode::BadSignature:
        return DiagnosticText::tr("Not a PROXY protocol signature (byte %1 differs)")
            .arg(error.offset);
    case ErrorCode::BadVersion:
        return DiagnosticText::tr("Unsupported version %1 (must be 2)").arg(error.arg1);
    case ErrorCode::BadCommand:
        return DiagnosticText::tr("Unknown command %1 (only LOCAL 0 and PROXY 1 exist)")
            .arg(error.arg1);
    case ErrorCode::BadFamily:
        return DiagnosticText::tr("Invalid address family/transport byte %1").arg(hex8(error.arg1));
    case ErrorCode::AddressOverrun:
        return DiagnosticText::tr("Length %1 is too short for the %2-byte address block")
            .arg(error.arg1)
            .arg(error.arg2);
    case ErrorCode::TlvOverrun:
        return DiagnosticText::tr("TLV runs past the end of the header: needs %1 bytes, %2 left")
            .arg(error.arg1)
            .arg(error.arg2);
    case ErrorCode::BadCrcLength:
        return DiagnosticText::tr("CRC32C TLV has length %1 (must be 4)").arg(error.arg1);
    case ErrorCode::CrcMismatch:
        return DiagnosticText::tr("CRC32C mismatch: received %1, computed %2")
            .arg(hexNumber(error.arg1, 8), hexNumber(error.arg2, 8));
    case ErrorCode::BadSslLength:
        return DiagnosticText::tr("SSL TLV has length %1 (needs at least 5: client and verify)")
            .arg(error.arg1);
    case ErrorCode::V1TooLong:
        return DiagnosticText::tr("v1 header has no CRLF within %1 bytes").arg(error.arg1);
    case ErrorCode::V1BadLineEnd:
        return DiagnosticText::tr("v1 header has a lone CR or LF (lines end with CRLF)");
    case ErrorCode::V1BadProtocol:
        return DiagnosticText::tr("v1 protocol must be TCP4, TCP6 or UNKNOWN");
    case ErrorCode::V1BadAddress:
        return DiagnosticText::tr("v1 address does not parse for its protocol");
    case ErrorCode::V1BadPort:
        return DiagnosticText::tr("v1 port must be 0..65535 without leading zeros");
    case ErrorCode::V1BadSyntax:
        return DiagnosticText::tr("v1 header fields are not separated by single spaces");
    }
    return {};
}

QString localLayoutReasonText(LocalLayoutReason reason)
{
    switch (reason) {
    case LocalLayoutReason::Standard:
        return DiagnosticText::tr("the family byte's layout was kept");
    case LocalLayoutReason::StandardFailed:
        return DiagnosticText::tr("the family byte's layout does not parse, this one does");
    case LocalLayoutReason::CrcOnlyInAwsLayout:
        return DiagnosticText::tr("CRC32C matches only in this reading");
    case LocalLayoutReason::NoJunkInAwsLayout:
        return DiagnosticText::tr(
            "no CRC32C either way, and the family byte's layout would need garbage "
            "addresses and zero-type TLVs");
    }
    return {};
}

QString warningMessage(const Warning &warning)
{
    switch (warning.code) {
    case WarningCode::UniqueIdTooLong:
        return DiagnosticText::tr(
                   "UNIQUE_ID is %1 bytes (spec limit 128; HAProxy refuses the header)")
            .arg(warning.arg);
    case WarningCode::AuthorityTooLong:
        return DiagnosticText::tr("AUTHORITY is %1 bytes (HAProxy refuses more than 255)")
            .arg(warning.arg);
    case WarningCode::LongerThanNginxLimit:
        return DiagnosticText::tr(
                   "Header is %1 bytes: nginx up to 1.23.2 refuses headers over 107 bytes on "
                   "stream and TLS listeners")
            .arg(warning.arg);
    case WarningCode::SslVerifyWithoutCert:
        return DiagnosticText::tr(
            "SSL verify is 0 but no client certificate was presented: this is not a "
            "verified certificate");
    case WarningCode::DuplicateTlv:
        return DiagnosticText::tr("TLV type %1 appears more than once").arg(hex8(warning.arg));
    case WarningCode::NoopNotZero:
        return DiagnosticText::tr("NOOP padding contains non-zero bytes");
    case WarningCode::TrailingBytes:
        return DiagnosticText::tr(
                   "%1 bytes after the last TLV are too short to be a TLV (HAProxy refuses this)")
            .arg(warning.arg);
    case WarningCode::SecondHeader:
        return DiagnosticText::tr(
            "A second PROXY header follows this one (possible spoofing: the load "
            "balancer does not strip a client's own header)");
    case WarningCode::VendorMismatch:
        return DiagnosticText::tr(
                   "Custom TLV type %1 does not belong to the selected vendor profile")
            .arg(hex8(warning.arg));
    case WarningCode::VendorTlvMalformed:
        return DiagnosticText::tr("Vendor TLV %1 does not have the vendor's documented layout")
            .arg(hex8(warning.arg));
    case WarningCode::UnknownVendorSubtype:
        return DiagnosticText::tr("Unknown vendor subtype %1").arg(hex8(warning.arg));
    case WarningCode::AwsHealthCheckLayout:
        return DiagnosticText::tr(
                   "AWS NLB health-check layout: LOCAL with TLVs right after byte 16 (the "
                   "family byte is ignored): %1")
            .arg(localLayoutReasonText(static_cast<LocalLayoutReason>(warning.arg)));
    case WarningCode::LocalWithAddresses:
        return DiagnosticText::tr(
            "LOCAL header carries addresses; receivers use the real connection "
            "endpoints instead");
    }
    return {};
}

} // namespace pl::proxy
