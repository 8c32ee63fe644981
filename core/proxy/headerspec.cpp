#include "headerspec.h"

#include "tlvtypes.h"

namespace pl::proxy {
namespace {

TlvSpec subtyped(std::uint8_t type, std::uint8_t subtype, const QByteArray &id)
{
    QByteArray value;
    value.reserve(id.size() + 1);
    value.append(static_cast<char>(subtype));
    value.append(id);
    return TlvSpec{type, value};
}

} // namespace

TlvSpec alibabaVpcIdTlv(const QByteArray &vpcId)
{
    return subtyped(tlv::Alibaba, tlv::AlibabaVpcId, vpcId);
}

TlvSpec alibabaEndpointIdTlv(const QByteArray &endpointId)
{
    return subtyped(tlv::Alibaba, tlv::AlibabaEndpointId, endpointId);
}

TlvSpec alibabaEndpointServiceIdTlv(const QByteArray &serviceId)
{
    return subtyped(tlv::Alibaba, tlv::AlibabaEndpointServiceId, serviceId);
}

TlvSpec awsVpceIdTlv(const QByteArray &vpceId)
{
    return subtyped(tlv::Aws, tlv::AwsVpceId, vpceId);
}

TlvSpec azureLinkIdTlv(std::uint32_t linkId)
{
    QByteArray value(5, '\0');
    value[0] = static_cast<char>(tlv::AzureLinkId);
    for (int i = 0; i < 4; ++i) // little-endian, as Azure documents it
        value[1 + i] = static_cast<char>((linkId >> (8 * i)) & 0xFFu);
    return TlvSpec{tlv::Azure, value};
}

TlvSpec gcpPscIdTlv(std::uint64_t pscId)
{
    QByteArray value(8, '\0');
    for (int i = 0; i < 8; ++i)
        value[i] = static_cast<char>((pscId >> (8 * (7 - i))) & 0xFFu);
    return TlvSpec{tlv::GcpPsc, value};
}

TlvSpec sslTlv(std::uint8_t client, std::uint32_t verify, const QList<TlvSpec> &subTlvs)
{
    QByteArray value;
    value.append(static_cast<char>(client));
    for (int shift = 24; shift >= 0; shift -= 8)
        value.append(static_cast<char>((verify >> shift) & 0xFFu));
    for (const TlvSpec &sub : subTlvs) {
        value.append(static_cast<char>(sub.type));
        value.append(static_cast<char>((sub.value.size() >> 8) & 0xFF));
        value.append(static_cast<char>(sub.value.size() & 0xFF));
        value.append(sub.value);
    }
    return TlvSpec{tlv::Ssl, value};
}

const char *faultName(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return "none";
    case Fault::BadSignature:
        return "bad-signature";
    case Fault::BadLength:
        return "bad-length";
    case Fault::Truncate:
        return "truncate";
    case Fault::BadFamily:
        return "bad-family";
    case Fault::BadCommand:
        return "bad-command";
    }
    return "none";
}

std::optional<Fault> faultFromName(std::string_view name)
{
    for (Fault f : {Fault::None, Fault::BadSignature, Fault::BadLength, Fault::Truncate,
                    Fault::BadFamily, Fault::BadCommand})
        if (name == faultName(f))
            return f;
    return std::nullopt;
}

} // namespace pl::proxy
