#pragma once

#include "header.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>

namespace pl::proxy {

struct TlvSpec
{
    std::uint8_t type = 0;
    QByteArray value;
};

enum class CrcMode : std::uint8_t
{
    Auto,  // present and correct
    None,  // no CRC32C TLV
    Wrong, // present with a wrong value
};

// Deliberate faults for testing how a backend reacts.
enum class Fault : std::uint8_t
{
    None,
    BadSignature, // last signature byte changed (v1: "PROXX")
    BadLength,    // v2 length one short, so the last TLV or address overruns (v1: no CRLF)
    Truncate,     // only the first half of the header is sent
    BadFamily,    // v2 family 4 (v1: "TCP5")
    BadCommand,   // v2 command 0xF (v1: "proxy" in lower case)
};

// Everything needed to encode a v1 or v2 header.
struct HeaderSpec
{
    Version version = Version::V2;
    Command command = Command::Proxy;
    Family family = Family::Inet;
    Transport transport = Transport::Stream;
    QHostAddress sourceAddress;
    QHostAddress destinationAddress;
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 0;
    QByteArray sourcePath; // UNIX family
    QByteArray destinationPath;
    QList<TlvSpec> tlvs; // in wire order
    CrcMode crc = CrcMode::None;
    bool crcFirst = true;    // HAProxy and AWS put it first; newer nginx last
    std::uint32_t padTo = 0; // NOOP padding up to this total size (AWS pads to 100)
    Fault fault = Fault::None;
};

// Vendor presets: one TLV each, in the layout each vendor documents.
TlvSpec alibabaVpcIdTlv(const QByteArray &vpcId);
TlvSpec alibabaEndpointIdTlv(const QByteArray &endpointId);
TlvSpec alibabaEndpointServiceIdTlv(const QByteArray &serviceId);
TlvSpec awsVpceIdTlv(const QByteArray &vpceId);
TlvSpec azureLinkIdTlv(std::uint32_t linkId);
TlvSpec gcpPscIdTlv(std::uint64_t pscId);
// SSL TLV with client flags, verify result and sub-TLVs (0x21..0x28).
TlvSpec sslTlv(std::uint8_t client, std::uint32_t verify, const QList<TlvSpec> &subTlvs);

const char *faultName(Fault fault);
std::optional<Fault> faultFromName(std::string_view name);

} // namespace pl::proxy
