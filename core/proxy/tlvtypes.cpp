#include "tlvtypes.h"

namespace pl::proxy {

const char *tlvTypeName(std::uint8_t type)
{
    switch (type) {
    case tlv::Alpn:
        return "ALPN";
    case tlv::Authority:
        return "AUTHORITY";
    case tlv::Crc32c:
        return "CRC32C";
    case tlv::Noop:
        return "NOOP";
    case tlv::UniqueId:
        return "UNIQUE_ID";
    case tlv::Ssl:
        return "SSL";
    case tlv::SslVersion:
        return "SSL_VERSION";
    case tlv::SslCn:
        return "SSL_CN";
    case tlv::SslCipher:
        return "SSL_CIPHER";
    case tlv::SslSigAlg:
        return "SSL_SIG_ALG";
    case tlv::SslKeyAlg:
        return "SSL_KEY_ALG";
    case tlv::SslGroup:
        return "SSL_GROUP";
    case tlv::SslSigScheme:
        return "SSL_SIG_SCHEME";
    case tlv::SslClientCert:
        return "SSL_CLIENT_CERT";
    case tlv::Netns:
        return "NETNS";
    default:
        return nullptr;
    }
}

} // namespace pl::proxy
