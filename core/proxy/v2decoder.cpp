#include "crc32c.h"
#include "decoder_p.h"
#include "tlvtypes.h"

#include <algorithm>
#include <bitset>
#include <vector>

namespace pl::proxy::detail {
namespace {

std::uint32_t u32(std::size_t value)
{
    return static_cast<std::uint32_t>(value);
}

std::size_t addressBlockSize(Family family)
{
    switch (family) {
    case Family::Inet:
        return kInetBlockSize;
    case Family::Inet6:
        return kInet6BlockSize;
    case Family::Unix:
        return kUnixBlockSize;
    case Family::Unspec:
        break;
    }
    return 0;
}

bool validFamilyByte(std::uint8_t byte)
{
    switch (byte) {
    case 0x00:
    case 0x11:
    case 0x12:
    case 0x21:
    case 0x22:
    case 0x31:
    case 0x32:
        return true;
    default:
        return false;
    }
}

bool isPrintableAscii(ByteSpan bytes)
{
    for (std::uint8_t b : bytes)
        if (b < 0x20 || b > 0x7E)
            return false;
    return !bytes.empty();
}

// Walks one TLV region (the header's, or an SSL TLV's sub-TLVs) and records
// what it finds. Offsets are always from the start of the header.
class TlvWalker
{
public:
    TlvWalker(const DecodeOptions &options, DecodeResult &result)
        : m_options(options), m_result(result), m_header(result.header)
    {}

    // Returns false (with result.error set) when the region is malformed.
    bool walk(ByteSpan region, std::uint32_t base, bool insideSsl)
    {
        std::size_t pos = 0;
        while (pos < region.size()) {
            const std::uint32_t at = base + u32(pos);
            if (region.size() - pos < 3) {
                if (insideSsl) {
                    return fail(ErrorCode::TlvOverrun, at, 3, u32(region.size() - pos));
                }
                m_result.warnings.add(WarningCode::TrailingBytes, at, u32(region.size() - pos));
                return true;
            }
            const std::uint16_t length = readBe16(region, pos + 1);
            if (pos + 3 + length > region.size())
                return fail(ErrorCode::TlvOverrun, at + 1, length, u32(region.size() - pos - 3));
            const Tlv tlv{region[pos], at, region.subspan(pos + 3, length)};
            if (!(insideSsl ? handleSslSub(tlv) : handle(tlv)))
                return false;
            pos += 3u + length;
        }
        return true;
    }

private:
    bool fail(ErrorCode code, std::uint32_t offset, std::uint32_t a1 = 0, std::uint32_t a2 = 0)
    {
        m_result.error = DecodeError{code, offset, a1, a2};
        return false;
    }

    // True for a TLV (or subtype) seen before: warned, and its value not
    // taken. nginx's lookup and HAProxy's fetches return the first one, so
    // the header shows what the backend will act on.
    bool noteDuplicate(std::size_t key, const Tlv &tlv)
    {
        const bool repeat = m_seen.test(key);
        if (repeat)
            m_result.warnings.add(WarningCode::DuplicateTlv, tlv.offset, tlv.type);
        m_seen.set(key);
        return repeat;
    }

    bool handle(const Tlv &tlv)
    {
        const bool repeat =
            tlv.type != tlv::Noop && tlv.type != tlv::Alibaba && noteDuplicate(tlv.type, tlv);
        switch (tlv.type) {
        case tlv::Alpn:
            if (!repeat) {
                m_header.alpn = tlv.value;
                m_header.hasAlpn = true;
            }
            return true;
        case tlv::Authority:
            if (!repeat) {
                m_header.authority = tlv.value;
                m_header.hasAuthority = true;
            }
            if (tlv.length() > 255)
                m_result.warnings.add(WarningCode::AuthorityTooLong, tlv.offset, tlv.length());
            return true;
        case tlv::Crc32c:
            if (tlv.length() != 4)
                return fail(ErrorCode::BadCrcLength, tlv.offset + 1, tlv.length());
            if (!repeat) {
                m_header.crcOffset = tlv.valueOffset();
                m_header.crcReceived = readBe32(tlv.value, 0);
            } else {
                m_repeatedCrcs.push_back(tlv.valueOffset());
            }
            m_hasCrc = true;
            return true;
        case tlv::Noop:
            for (std::size_t i = 0; i < tlv.value.size(); ++i) {
                if (tlv.value[i] != 0) {
                    m_result.warnings.add(WarningCode::NoopNotZero, tlv.valueOffset() + u32(i));
                    break;
                }
            }
            return true;
        case tlv::UniqueId:
            if (!repeat) {
                m_header.uniqueId = tlv.value;
                m_header.hasUniqueId = true;
            }
            if (tlv.length() > 128)
                m_result.warnings.add(WarningCode::UniqueIdTooLong, tlv.offset, tlv.length());
            return true;
        case tlv::Ssl: {
            // A second SSL TLV is still checked, sub-TLVs and all; the
            // first one's facts stay.
            const SslInfo first = m_header.ssl;
            const bool ok = handleSsl(tlv);
            if (repeat)
                m_header.ssl = first;
            return ok;
        }
        case tlv::Netns:
            if (!repeat) {
                m_header.netns = tlv.value;
                m_header.hasNetns = true;
            }
            return true;
        default:
            break;
        }
        if (tlv.type >= tlv::CustomFirst && tlv.type <= tlv::CustomLast)
            handleCustom(tlv, repeat);
        return true;
    }

    bool handleSsl(const Tlv &tlv)
    {
        if (tlv.length() < 5)
            return fail(ErrorCode::BadSslLength, tlv.offset + 1, tlv.length());
        SslInfo &ssl = m_header.ssl;
        ssl.present = true;
        ssl.offset = tlv.offset;
        ssl.client = tlv.value[0];
        ssl.verify = readBe32(tlv.value, 1);
        ssl.subTlvs = TlvRange(tlv.value.subspan(5), tlv.valueOffset() + 5);
        if (ssl.verify == 0 && (ssl.client & (sslclient::CertConn | sslclient::CertSess)) == 0)
            m_result.warnings.add(WarningCode::SslVerifyWithoutCert, tlv.valueOffset() + 1);
        return walk(tlv.value.subspan(5), tlv.valueOffset() + 5, true);
    }

    bool handleSslSub(const Tlv &tlv)
    {
        if (noteDuplicate(0x100u + tlv.type, tlv))
            return true;
        SslInfo &ssl = m_header.ssl;
        switch (tlv.type) {
        case tlv::SslVersion:
            ssl.version = tlv.value;
            break;
        case tlv::SslCn:
            ssl.cn = tlv.value;
            break;
        case tlv::SslCipher:
            ssl.cipher = tlv.value;
            break;
        default:
            break;
        }
        return true;
    }

    bool profileAccepts(VendorProfile owner, const Tlv &tlv)
    {
        const VendorProfile chosen = m_options.vendor;
        if (chosen == VendorProfile::Auto || chosen == owner)
            return true;
        if (chosen != VendorProfile::None)
            m_result.warnings.add(WarningCode::VendorMismatch, tlv.offset, tlv.type);
        return false;
    }

    void malformed(const Tlv &tlv, VendorProfile owner)
    {
        // Under Auto a foreign layout is just someone else's TLV; only an
        // explicit profile makes a wrong shape a finding.
        if (m_options.vendor == owner)
            m_result.warnings.add(WarningCode::VendorTlvMalformed, tlv.offset, tlv.type);
    }

    void handleCustom(const Tlv &tlv, bool repeat)
    {
        const VendorProfile owner = vendorOfType(tlv.type);
        if (owner == VendorProfile::None) {
            if (m_options.vendor != VendorProfile::Auto && m_options.vendor != VendorProfile::None)
                m_result.warnings.add(WarningCode::VendorMismatch, tlv.offset, tlv.type);
            return;
        }
        if (!profileAccepts(owner, tlv))
            return;
        VendorIds &ids = m_header.vendor;
        switch (tlv.type) {
        case tlv::Alibaba: {
            if (tlv.value.empty() || !isPrintableAscii(tlv.value.subspan(1))) {
                malformed(tlv, owner);
                return;
            }
            const std::uint8_t subtype = tlv.value[0];
            repeat = noteDuplicate(0x200u + subtype, tlv);
            ByteSpan *slot = subtype == tlv::AlibabaVpcId        ? &ids.alibabaVpcId
                             : subtype == tlv::AlibabaEndpointId ? &ids.alibabaEndpointId
                             : subtype == tlv::AlibabaEndpointServiceId
                                 ? &ids.alibabaEndpointServiceId
                                 : nullptr;
            if (!slot) {
                m_result.warnings.add(WarningCode::UnknownVendorSubtype, tlv.valueOffset(),
                                      subtype);
                return;
            }
            if (!repeat)
                *slot = tlv.value.subspan(1);
            ids.seen |= VendorBitAlibaba;
            return;
        }
        case tlv::Aws:
            if (tlv.value.size() < 2 || !isPrintableAscii(tlv.value.subspan(1))) {
                malformed(tlv, owner);
                return;
            }
            if (tlv.value[0] != tlv::AwsVpceId) {
                m_result.warnings.add(WarningCode::UnknownVendorSubtype, tlv.valueOffset(),
                                      tlv.value[0]);
                return;
            }
            if (!repeat)
                ids.awsVpceId = tlv.value.subspan(1);
            ids.seen |= VendorBitAws;
            return;
        case tlv::Azure:
            if (tlv.value.size() != 5 || tlv.value[0] != tlv::AzureLinkId) {
                malformed(tlv, owner);
                return;
            }
            if (!repeat)
                ids.azureLinkId = readLe32(tlv.value, 1);
            ids.seen |= VendorBitAzure;
            return;
        case tlv::GcpPsc:
            if (tlv.value.size() != 8) {
                malformed(tlv, owner);
                return;
            }
            if (!repeat)
                ids.gcpPscId = readBe64(tlv.value, 0);
            ids.seen |= VendorBitGcp;
            return;
        default:
            return;
        }
    }

public:
    bool hasCrc() const { return m_hasCrc; }
    // The value offsets of CRC32C TLVs after the first.
    const std::vector<std::uint32_t> &repeatedCrcs() const { return m_repeatedCrcs; }

private:
    const DecodeOptions &m_options;
    DecodeResult &m_result;
    ProxyHeader &m_header;
    std::bitset<0x300> m_seen; // types, then SSL sub-types (+0x100), then Alibaba subtypes (+0x200)
    bool m_hasCrc = false;
    std::vector<std::uint32_t> m_repeatedCrcs;
};

// HAProxy checks every CRC32C TLV it meets, zeroing each value in place
// before computing: the n-th is checked with the n first zeroed. A second
// TLV that does not hold that sum makes it refuse the header, however
// right the first one is. Returns false with result.error set.
bool checkRepeatedCrcs(ByteSpan header, std::uint32_t first,
                       const std::vector<std::uint32_t> &repeated, DecodeResult &result)
{
    if (repeated.empty())
        return true; // the common case: no copy (decode allocates nothing)
    std::vector<std::uint8_t> copy(header.begin(), header.end());
    std::fill_n(copy.begin() + first, 4, std::uint8_t(0));
    for (const std::uint32_t at : repeated) {
        const std::uint32_t received = readBe32(header, at);
        std::fill_n(copy.begin() + at, 4, std::uint8_t(0));
        const std::uint32_t computed = crc32c(ByteSpan(copy.data(), copy.size()));
        if (computed != received) {
            result.error = DecodeError{ErrorCode::CrcMismatch, at, received, computed};
            return false;
        }
    }
    return true;
}

void readAddresses(ByteSpan header, Family family, ProxyHeader &h)
{
    switch (family) {
    case Family::Inet:
        std::copy_n(header.begin() + 16, 4, h.source.ip.begin());
        std::copy_n(header.begin() + 20, 4, h.destination.ip.begin());
        h.source.port = readBe16(header, 24);
        h.destination.port = readBe16(header, 26);
        break;
    case Family::Inet6:
        std::copy_n(header.begin() + 16, 16, h.source.ip.begin());
        std::copy_n(header.begin() + 32, 16, h.destination.ip.begin());
        h.source.port = readBe16(header, 48);
        h.destination.port = readBe16(header, 50);
        break;
    case Family::Unix:
        h.source.unixPath = header.subspan(16, kUnixPathSize);
        h.destination.unixPath = header.subspan(16 + kUnixPathSize, kUnixPathSize);
        break;
    case Family::Unspec:
        break;
    }
    h.addressesDecoded = family != Family::Unspec;
}

// Decodes TLVs starting at tlvStart into result, whose fixed part and
// addresses are already read.
void decodeBody(ByteSpan header, std::size_t tlvStart, const DecodeOptions &options,
                DecodeResult &result)
{
    ProxyHeader &h = result.header;
    h.tlvs = TlvRange(header.subspan(tlvStart), u32(tlvStart));
    TlvWalker walker(options, result);
    if (!walker.walk(header.subspan(tlvStart), u32(tlvStart), false))
        return;
    if (walker.hasCrc()) {
        // Not verifying (benchmark path only): the received value is taken as computed.
        h.crcComputed = options.verifyCrc ? headerCrc32c(header, h.crcOffset) : h.crcReceived;
        if (h.crcComputed == h.crcReceived) {
            h.crcState = CrcState::Valid;
            if (options.verifyCrc &&
                !checkRepeatedCrcs(header, h.crcOffset, walker.repeatedCrcs(), result))
                h.crcState = CrcState::Invalid;
        } else {
            h.crcState = CrcState::Invalid;
            result.error =
                DecodeError{ErrorCode::CrcMismatch, h.crcOffset, h.crcReceived, h.crcComputed};
        }
    }
}

// The layout the family byte announces: addresses, then TLVs.
void decodeStandardLayout(ByteSpan header, const DecodeOptions &options, DecodeResult &result)
{
    ProxyHeader &h = result.header;
    const std::size_t addrSize = addressBlockSize(h.family);
    if (h.declaredLength < addrSize) {
        result.error = DecodeError{ErrorCode::AddressOverrun, 14, h.declaredLength, u32(addrSize)};
        return;
    }
    readAddresses(header, h.family, h);
    decodeBody(header, kV2FixedSize + addrSize, options, result);
}

// Zero-type TLVs: type 0x00 is unassigned, so a reading that needs them is
// reading padding or addresses as TLVs.
std::size_t zeroTypeTlvs(const DecodeResult &r)
{
    std::size_t count = 0;
    for (const Tlv tlv : r.header.tlvs)
        count += tlv.type == 0 ? 1 : 0;
    return count;
}

// Which reading of a LOCAL header with an address family to keep. A valid
// CRC32C is proof: it matches in one reading only. Otherwise the reading that
// needs no junk wins (a damaged checksum in the AWS layout is then reported
// where it is); ties keep the standard reading, which the family byte
// announces.
LocalLayoutReason chooseAwsHealthCheckLayout(const DecodeResult &standard, const DecodeResult &aws)
{
    // A reading "parses" when only its checksum can be wrong.
    const auto parses = [](const DecodeResult &r) {
        return r.ok() || r.error.code == ErrorCode::CrcMismatch;
    };
    if (!parses(aws))
        return LocalLayoutReason::Standard;
    const bool awsCrc = aws.header.crcState == CrcState::Valid;
    const bool awsClean = zeroTypeTlvs(aws) == 0;
    if (!parses(standard))
        return awsCrc || awsClean ? LocalLayoutReason::StandardFailed : LocalLayoutReason::Standard;
    if (awsCrc && standard.header.crcState != CrcState::Valid)
        return LocalLayoutReason::CrcOnlyInAwsLayout;
    if (standard.header.crcState == CrcState::Absent && awsClean && zeroTypeTlvs(standard) > 0)
        return LocalLayoutReason::NoJunkInAwsLayout;
    return LocalLayoutReason::Standard;
}

} // namespace

void decodeV2(ByteSpan input, const DecodeOptions &options, DecodeResult &result)
{
    ProxyHeader &h = result.header;
    h.version = Version::V2;
    const std::size_t sigCheck = std::min(input.size(), kV2Signature.size());
    for (std::size_t i = 0; i < sigCheck; ++i) {
        if (input[i] != kV2Signature[i]) {
            h.bytes = input.first(i);
            result.error = DecodeError{ErrorCode::BadSignature, u32(i)};
            return;
        }
    }
    if (input.size() < kV2FixedSize) {
        h.bytes = input;
        result.error = DecodeError{ErrorCode::Truncated, u32(input.size()), u32(input.size()),
                                   u32(kV2FixedSize)};
        return;
    }
    const std::uint8_t verCmd = input[12];
    const std::uint8_t famProto = input[13];
    h.declaredLength = readBe16(input, 14);
    h.totalLength = u32(kV2FixedSize + h.declaredLength);
    h.command = static_cast<Command>(verCmd & 0x0F);
    h.family = static_cast<Family>(famProto >> 4);
    h.transport = static_cast<Transport>(famProto & 0x0F);
    h.fixedPartDecoded = true;
    h.bytes = input.first(std::min<std::size_t>(input.size(), h.totalLength));

    if ((verCmd >> 4) != 2) {
        result.error = DecodeError{ErrorCode::BadVersion, 12, u32(verCmd >> 4)};
        return;
    }
    if ((verCmd & 0x0F) > 1) {
        result.error = DecodeError{ErrorCode::BadCommand, 12, u32(verCmd & 0x0F)};
        return;
    }
    if (!validFamilyByte(famProto)) {
        result.error = DecodeError{ErrorCode::BadFamily, 13, famProto};
        return;
    }
    if (input.size() < h.totalLength) {
        result.error =
            DecodeError{ErrorCode::Truncated, u32(input.size()), u32(input.size()), h.totalLength};
        return;
    }
    if (h.totalLength > kV1MaxSize)
        result.warnings.add(WarningCode::LongerThanNginxLimit, 14, h.totalLength);

    const ByteSpan header = h.bytes;
    if (h.command != Command::Local) {
        // The common case decodes in place: a DecodeResult is large, and
        // copies of it were most of a decode's time.
        decodeStandardLayout(header, options, result);
        return;
    }
    const DecodeResult fixedPart = result;
    decodeStandardLayout(header, options, result);
    if (addressBlockSize(h.family) > 0) {
        // AWS NLB health checks: LOCAL, family INET, but TLVs right after
        // byte 16. Read both ways and let the bytes decide (see
        // chooseAwsHealthCheckLayout): the standard reading often parses too,
        // with garbage addresses and zero-type padding TLVs.
        DecodeResult aws = fixedPart;
        decodeBody(header, kV2FixedSize, options, aws);
        const LocalLayoutReason reason = chooseAwsHealthCheckLayout(result, aws);
        if (reason != LocalLayoutReason::Standard) {
            aws.header.awsHealthCheckLayout = true;
            aws.warnings.add(WarningCode::AwsHealthCheckLayout, 13,
                             static_cast<std::uint32_t>(reason));
            result = std::move(aws);
            return;
        }
    }
    if (result.header.addressesDecoded && result.ok())
        result.warnings.add(WarningCode::LocalWithAddresses, 16);
}

} // namespace pl::proxy::detail
