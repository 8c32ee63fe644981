#pragma once

#include <cstdint>

namespace pl::proxy {

// Registered PPv2 TLV types (doc/proxy-protocol.txt, section 2.2).
namespace tlv {
inline constexpr std::uint8_t Alpn = 0x01;
inline constexpr std::uint8_t Authority = 0x02;
inline constexpr std::uint8_t Crc32c = 0x03;
inline constexpr std::uint8_t Noop = 0x04;
inline constexpr std::uint8_t UniqueId = 0x05;
inline constexpr std::uint8_t Ssl = 0x20;
inline constexpr std::uint8_t SslVersion = 0x21;
inline constexpr std::uint8_t SslCn = 0x22;
inline constexpr std::uint8_t SslCipher = 0x23;
inline constexpr std::uint8_t SslSigAlg = 0x24;
inline constexpr std::uint8_t SslKeyAlg = 0x25;
inline constexpr std::uint8_t SslGroup = 0x26;
inline constexpr std::uint8_t SslSigScheme = 0x27;
inline constexpr std::uint8_t SslClientCert = 0x28;
inline constexpr std::uint8_t Netns = 0x30;
inline constexpr std::uint8_t CustomFirst = 0xE0;
inline constexpr std::uint8_t CustomLast = 0xEF;
inline constexpr std::uint8_t ExperimentalFirst = 0xF0;
inline constexpr std::uint8_t ExperimentalLast = 0xF7;
inline constexpr std::uint8_t ReservedFirst = 0xF8;

// Cloud vendors' custom types.
inline constexpr std::uint8_t GcpPsc = 0xE0;
inline constexpr std::uint8_t Alibaba = 0xE1;
inline constexpr std::uint8_t Aws = 0xEA;
inline constexpr std::uint8_t Azure = 0xEE;

inline constexpr std::uint8_t AlibabaVpcId = 0x01;
inline constexpr std::uint8_t AlibabaEndpointId = 0x02;
inline constexpr std::uint8_t AlibabaEndpointServiceId = 0x03;
inline constexpr std::uint8_t AwsVpceId = 0x01;
inline constexpr std::uint8_t AzureLinkId = 0x01;
} // namespace tlv

// SSL TLV client field bits.
namespace sslclient {
inline constexpr std::uint8_t Ssl = 0x01;
inline constexpr std::uint8_t CertConn = 0x02;
inline constexpr std::uint8_t CertSess = 0x04;
} // namespace sslclient

// Short spec name of a type ("ALPN", "SSL_CN", "NOOP"); nullptr for custom,
// experimental and unassigned types.
const char *tlvTypeName(std::uint8_t type);

} // namespace pl::proxy
