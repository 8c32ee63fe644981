#pragma once

#include "bytes.h"
#include "diagnostic.h"
#include "vendorprofile.h"

#include <array>
#include <optional>

namespace pl::proxy {

enum class Version : std::uint8_t
{
    V1 = 1,
    V2 = 2
};
enum class Command : std::uint8_t
{
    Local = 0,
    Proxy = 1
};
enum class Family : std::uint8_t
{
    Unspec = 0,
    Inet = 1,
    Inet6 = 2,
    Unix = 3
};
enum class Transport : std::uint8_t
{
    Unspec = 0,
    Stream = 1,
    Dgram = 2
};
enum class CrcState : std::uint8_t
{
    Absent,
    Valid,
    Invalid
};

inline constexpr std::array<std::uint8_t, 12> kV2Signature{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D,
                                                           0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
inline constexpr std::size_t kV2FixedSize = 16;
inline constexpr std::size_t kV1MaxSize = 107;
inline constexpr std::size_t kInetBlockSize = 12;
inline constexpr std::size_t kInet6BlockSize = 36;
inline constexpr std::size_t kUnixPathSize = 108;
inline constexpr std::size_t kUnixBlockSize = 2 * kUnixPathSize;

// One endpoint. IP bytes are copied (16 bytes, no allocation); a UNIX path
// refers to the input.
struct Endpoint
{
    std::array<std::uint8_t, 16> ip{};
    std::uint16_t port = 0;
    ByteSpan unixPath; // the 108 raw bytes, NUL padded
};

// A TLV as found in the header; value refers to the input bytes.
struct Tlv
{
    std::uint8_t type = 0;
    std::uint32_t offset = 0; // of the type byte, from the start of the header
    ByteSpan value;

    std::uint16_t length() const { return static_cast<std::uint16_t>(value.size()); }
    std::uint32_t valueOffset() const { return offset + 3; }
};

// Iterates TLVs in a region the decoder has already validated. Stops before
// a TLV that would not fit, so it is safe on any span.
class TlvRange
{
public:
    class Iterator
    {
    public:
        Iterator(ByteSpan region, std::size_t pos, std::uint32_t base)
            : m_region(region), m_pos(pos), m_base(base)
        {
            clampToValid();
        }
        Tlv operator*() const
        {
            const std::uint16_t len = readBe16(m_region, m_pos + 1);
            return Tlv{m_region[m_pos], static_cast<std::uint32_t>(m_base + m_pos),
                       m_region.subspan(m_pos + 3, len)};
        }
        Iterator &operator++()
        {
            m_pos += 3u + readBe16(m_region, m_pos + 1);
            clampToValid();
            return *this;
        }
        bool operator==(const Iterator &other) const { return m_pos == other.m_pos; }

    private:
        void clampToValid()
        {
            if (m_pos + 3 > m_region.size() ||
                m_pos + 3u + readBe16(m_region, m_pos + 1) > m_region.size())
                m_pos = m_region.size();
        }
        ByteSpan m_region;
        std::size_t m_pos;
        std::uint32_t m_base;
    };

    TlvRange() = default;
    TlvRange(ByteSpan region, std::uint32_t baseOffset) : m_region(region), m_base(baseOffset) {}
    Iterator begin() const { return {m_region, 0, m_base}; }
    Iterator end() const { return {m_region, m_region.size(), m_base}; }
    std::uint32_t baseOffset() const { return m_base; }
    ByteSpan region() const { return m_region; }

private:
    ByteSpan m_region;
    std::uint32_t m_base = 0;
};

struct SslInfo
{
    bool present = false;
    std::uint8_t client = 0;
    std::uint32_t verify = 0;
    std::uint32_t offset = 0; // of the SSL TLV's type byte
    ByteSpan version;
    ByteSpan cn;
    ByteSpan cipher;
    TlvRange subTlvs;

    // verify == 0 only means "verified" when a certificate was presented.
    bool certificateVerified() const { return present && verify == 0 && (client & 0x06) != 0; }
};

struct VendorIds
{
    ByteSpan alibabaVpcId;
    ByteSpan alibabaEndpointId;
    ByteSpan alibabaEndpointServiceId;
    ByteSpan awsVpceId;
    std::optional<std::uint32_t> azureLinkId;
    std::optional<std::uint64_t> gcpPscId;
    std::uint8_t seen = 0; // VendorBit set
};

// A decoded PROXY header (v1 or v2). Spans refer to the input given to
// decode(); keep those bytes alive while using it.
struct ProxyHeader
{
    Version version = Version::V2;
    Command command = Command::Proxy;
    Family family = Family::Unspec;
    Transport transport = Transport::Unspec;
    bool fixedPartDecoded = false; // v2 bytes 12..15 were read
    bool addressesDecoded = false;
    bool awsHealthCheckLayout = false; // LOCAL, TLVs from byte 16, family ignored
    std::uint16_t declaredLength = 0;  // v2 length field
    std::uint32_t totalLength = 0;     // bytes the header occupies (16 + length, or v1 line)
    ByteSpan bytes;                    // the header's bytes (may be short when truncated)

    Endpoint source;
    Endpoint destination;
    ByteSpan v1Source; // v1 address and port text
    ByteSpan v1Destination;
    ByteSpan v1SourcePort;
    ByteSpan v1DestinationPort;
    ByteSpan v1Line; // v1 line without CRLF

    TlvRange tlvs;
    CrcState crcState = CrcState::Absent;
    std::uint32_t crcOffset = 0; // of the CRC32C value
    std::uint32_t crcReceived = 0;
    std::uint32_t crcComputed = 0;

    ByteSpan alpn;
    ByteSpan authority;
    ByteSpan uniqueId;
    ByteSpan netns;
    bool hasAlpn = false;
    bool hasAuthority = false;
    bool hasUniqueId = false;
    bool hasNetns = false;
    SslInfo ssl;
    VendorIds vendor;
    VendorProfile profile = VendorProfile::Auto; // as requested
};

// The version as sent: a binary header's nibble (3 for an unsupported 3,
// error bad_version, which the decoder otherwise carries as V2); 1 for a
// text header; the decoder's version while the fixed part is unread.
inline int sentVersionNumber(const ProxyHeader &h)
{
    return h.fixedPartDecoded && h.version == Version::V2 && h.bytes.size() > 12
               ? int(h.bytes[12] >> 4)
               : int(h.version);
}

struct DecodeOptions
{
    VendorProfile vendor = VendorProfile::Auto;
    bool verifyCrc = true;
};

struct DecodeResult
{
    ProxyHeader header;
    DecodeError error;
    Warnings warnings;

    bool ok() const { return !error; }
    // True when more input could complete the header (a stream reader waits).
    bool needsMoreData() const { return error.code == ErrorCode::Truncated; }
};

// Decodes the PROXY header (v1 or v2) at the start of input. Bytes after the
// header are left alone, except that a second header there is reported.
DecodeResult decode(ByteSpan input, const DecodeOptions &options = {});

// True when input starts with (a prefix of) a v2 signature or "PROXY ".
bool looksLikeProxyHeader(ByteSpan input);

} // namespace pl::proxy
