#pragma once

#include "headerspec.h"

#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace pl::proxy {

// A header as a user types it, field by field: the CLI's options and the
// Client view's form fill this, and buildHeaderSpec() reads it the same
// way for both (numbers, TLV syntax, defaults and refusals).
struct HeaderFields
{
    enum class TlvKind : std::uint8_t
    {
        Alpn,
        Authority,
        UniqueId,
        Netns,
        AlibabaVpcId,
        AlibabaEndpointId,
        AlibabaEndpointServiceId,
        AwsVpceId,
        AzureLinkId, // uint32, decimal or 0x hex
        GcpPscId,    // uint64, decimal or 0x hex
        Raw,         // TYPE=HEX, TYPE 0..255 decimal or 0x hex
        Ssl,         // the SSL TLV (0x20) from the ssl* fields below, here in the order
    };
    struct Tlv
    {
        TlvKind kind;
        QString value; // unused for Ssl
    };

    bool v1 = false;
    QString command; // "proxy" (empty) or "local"
    QString family;  // inet, inet6, unix or unspec; empty: from the source
    bool dgram = false;
    QString source; // ADDR:PORT, [V6]:PORT or /unix/path; both empty: no addresses
    QString destination;
    QList<Tlv> tlvs;   // in wire order
    QString sslClient; // flags 0..255 (default 1, SSL)
    QString sslVerify; // uint32 (default 0, verified)
    QString sslVersion, sslCn, sslCipher;
    QString crc; // auto (empty), none or wrong
    bool crcLast = false;
    QString padTo; // total header size in bytes; empty: no padding
    QString fault; // a faultName(); empty: none
};

// The field a typed error is about.
enum class HeaderField : std::uint8_t
{
    Version,
    Command,
    Family,
    Source,
    Destination,
    Addresses, // the two together
    Tlv,       // HeaderFieldError::tlv says which
    SslClient,
    SslVerify,
    Crc,
    PadTo,
    Fault,
};

struct HeaderFieldError
{
    HeaderField field;
    HeaderFields::TlvKind tlv = HeaderFields::TlvKind::Raw; // when field is Tlv
    QString value;                                          // what was typed
    QString message; // why, translated, without the field's name
};

using HeaderSpecOrError = std::variant<HeaderSpec, HeaderFieldError>;
HeaderSpecOrError buildHeaderSpec(const HeaderFields &fields);

// Unsigned numbers as both tools take them: decimal or 0x hex, at most max.
std::optional<quint64> parseUnsignedField(const QString &text, quint64 max);
// "TYPE=HEX", e.g. "0xF0=0102".
std::optional<TlvSpec> parseRawTlv(const QString &text);

} // namespace pl::proxy
