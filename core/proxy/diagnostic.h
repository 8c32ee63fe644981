#pragma once

#include <array>
#include <cstdint>

class QString;

namespace pl::proxy {

enum class Severity : std::uint8_t
{
    Info,
    Warning,
    Error
};

// Why a header is invalid. Every code has a test that triggers it.
enum class ErrorCode : std::uint8_t
{
    None,
    Truncated,      // the input ends before the header does (args: have, need)
    BadSignature,   // neither the v2 signature nor "PROXY " (offset: first wrong byte)
    BadVersion,     // v2 version nibble is not 2
    BadCommand,     // v2 command nibble is neither LOCAL nor PROXY
    BadFamily,      // v2 family/transport byte outside 00 11 12 21 22 31 32
    AddressOverrun, // declared length too short for the address block (args: length, need)
    TlvOverrun,     // a TLV header or value runs past the end (args: declared, available)
    BadCrcLength,   // CRC32C TLV value is not exactly 4 bytes (arg: length)
    CrcMismatch,    // CRC32C received differs from computed (args: received, computed)
    BadSslLength,   // SSL TLV shorter than its 5 fixed bytes (arg: length)
    V1TooLong,      // no CRLF within the 107 bytes v1 allows (arg: 107)
    V1BadLineEnd,   // lone CR or LF
    V1BadProtocol,  // not TCP4, TCP6 or UNKNOWN
    V1BadAddress,   // address does not parse for the protocol
    V1BadPort,      // port empty, > 65535, leading zero or not digits
    V1BadSyntax,    // separators or field count wrong
};
// Codes above, None included (for tables indexed by code).
inline constexpr std::size_t kErrorCodeCount = static_cast<std::size_t>(ErrorCode::V1BadSyntax) + 1;

// What parses but will bite in production.
enum class WarningCode : std::uint8_t
{
    UniqueIdTooLong,      // > 128 bytes: HAProxy refuses it
    AuthorityTooLong,     // > 255 bytes: HAProxy refuses it
    LongerThanNginxLimit, // > 107 bytes: nginx <= 1.23.2 refuses on stream/TLS listeners
    SslVerifyWithoutCert, // verify == 0 but no certificate flag: not "verified"
    DuplicateTlv,         // the same TLV (or vendor subtype) twice
    NoopNotZero,          // NOOP padding with non-zero bytes
    TrailingBytes,        // 1 or 2 bytes after the last TLV: not a TLV (HAProxy refuses)
    SecondHeader,         // another PROXY header right after this one
    VendorMismatch,       // a custom type that is not the chosen vendor's
    VendorTlvMalformed,   // the vendor's type with a value of the wrong shape
    UnknownVendorSubtype, // vendor's type with a subtype this decoder does not know
    AwsHealthCheckLayout, // LOCAL with TLVs right after byte 16 (info)
    LocalWithAddresses,   // LOCAL carrying an address block: receivers ignore it (info)
};

// Why a LOCAL header with an address family was read in the AWS health-check
// layout (the AwsHealthCheckLayout warning's argument).
enum class LocalLayoutReason : std::uint8_t
{
    Standard,           // not taken: the family byte's layout is kept
    StandardFailed,     // the standard reading does not parse; this one does
    CrcOnlyInAwsLayout, // CRC32C matches in this reading only
    NoJunkInAwsLayout,  // no CRC either way; the standard reading needs zero-type TLVs
};

struct DecodeError
{
    ErrorCode code = ErrorCode::None;
    std::uint32_t offset = 0;
    std::uint32_t arg1 = 0;
    std::uint32_t arg2 = 0;

    explicit operator bool() const { return code != ErrorCode::None; }
};

struct Warning
{
    WarningCode code{};
    std::uint32_t offset = 0;
    std::uint32_t arg = 0;
};

// A fixed-capacity list: decoding never allocates. Headers with more than
// kCapacity warnings keep the first ones and count the rest.
class Warnings
{
public:
    static constexpr std::size_t kCapacity = 16;

    void add(WarningCode code, std::uint32_t offset, std::uint32_t arg = 0)
    {
        if (m_count < kCapacity)
            m_items[m_count++] = Warning{code, offset, arg};
        else
            ++m_dropped;
    }
    const Warning *begin() const { return m_items.data(); }
    const Warning *end() const { return m_items.data() + m_count; }
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    std::uint32_t dropped() const { return m_dropped; }
    bool contains(WarningCode code) const
    {
        for (const Warning &w : *this)
            if (w.code == code)
                return true;
        return false;
    }

private:
    std::array<Warning, kCapacity> m_items{};
    std::size_t m_count = 0;
    std::uint32_t m_dropped = 0;
};

// Stable identifiers used in JSON and by scripts ("crc_mismatch").
const char *errorCodeName(ErrorCode code);
const char *warningCodeName(WarningCode code);
Severity warningSeverity(WarningCode code);

// Translated, human-readable text with the arguments filled in.
QString errorMessage(const DecodeError &error);
QString warningMessage(const Warning &warning);
// Why a LOCAL header was read in the AWS health-check layout, one phrase.
QString localLayoutReasonText(LocalLayoutReason reason);

} // namespace pl::proxy
