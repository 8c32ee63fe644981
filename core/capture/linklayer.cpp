#include "linklayer.h"

#include <QCoreApplication>

#include <pcap/dlt.h>
#include <pcap/pcap.h>

namespace pl::capture {

namespace {

constexpr std::uint16_t kEtherIPv4 = 0x0800;
constexpr std::uint16_t kEtherIPv6 = 0x86DD;
constexpr std::uint16_t kEtherVlan = 0x8100;    // 802.1Q
constexpr std::uint16_t kEtherQinQ = 0x88A8;    // 802.1ad
constexpr std::uint16_t kEtherQinQOld = 0x9100; // pre-standard QinQ, still seen

// Raw IP has several DLT values: 12 (most systems), 14 (BSD/OS) and the file
// format's LINKTYPE_RAW 101 when libpcap does not map it. DLT_RAW's own value
// varies by platform, so the numbers are spelled out.
constexpr int kDltRawA = 12;
constexpr int kDltRawB = 14;
constexpr int kLinktypeRaw = 101;
constexpr int kDltLinuxSll2 = 276;

} // namespace

LinkFrame byEtherType(std::uint16_t etherType, proxy::ByteSpan rest)
{
    if (etherType == kEtherIPv4)
        return {NetworkProtocol::IPv4, rest};
    if (etherType == kEtherIPv6)
        return {NetworkProtocol::IPv6, rest};
    return {};
}

namespace {

// Version nibble decides: raw captures carry no type field.
LinkFrame byVersionNibble(proxy::ByteSpan rest)
{
    if (rest.empty())
        return {};
    const int version = rest[0] >> 4;
    if (version == 4)
        return {NetworkProtocol::IPv4, rest};
    if (version == 6)
        return {NetworkProtocol::IPv6, rest};
    return {};
}

LinkFrame ethernet(proxy::ByteSpan frame)
{
    std::size_t at = 12;
    // Tags stack (QinQ: outer 802.1ad, inner 802.1Q); each is 4 bytes.
    while (at + 2 <= frame.size()) {
        const std::uint16_t type = proxy::readBe16(frame, at);
        if (type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld) {
            at += 4;
            continue;
        }
        return byEtherType(type, frame.subspan(at + 2));
    }
    return {};
}

// BSD loopback: a 4-byte address family, host order for NULL (either byte
// order in practice), network order for LOOP. AF_INET6 differs per OS.
LinkFrame bsdLoopback(proxy::ByteSpan frame)
{
    if (frame.size() < 4)
        return {};
    const std::uint32_t be = proxy::readBe32(frame, 0);
    const std::uint32_t le = proxy::readLe32(frame, 0);
    const std::uint32_t family = be < 256 ? be : le;
    const proxy::ByteSpan rest = frame.subspan(4);
    if (family == 2)
        return {NetworkProtocol::IPv4, rest};
    if (family == 10 || family == 24 || family == 28 || family == 30)
        return {NetworkProtocol::IPv6, rest};
    return {};
}

} // namespace

bool isSupportedLinkType(int linkType)
{
    switch (linkType) {
    case DLT_EN10MB:
    case DLT_LINUX_SLL:
    case kDltLinuxSll2:
    case DLT_NULL:
    case DLT_LOOP:
    case kDltRawA:
    case kDltRawB:
    case kLinktypeRaw:
    case DLT_IPV4:
    case DLT_IPV6:
        return true;
    default:
        return false;
    }
}

QString linkTypeName(int linkType)
{
    const char *name = pcap_datalink_val_to_name(linkType);
    const char *description = pcap_datalink_val_to_description(linkType);
    if (!name)
        return QStringLiteral("link type %1").arg(linkType);
    QString text = QString::fromLatin1(name);
    if (description)
        text += QStringLiteral(" (") + QString::fromLatin1(description) + QLatin1Char(')');
    return text + QStringLiteral(", link type %1").arg(linkType);
}

// The translation context of link-layer messages (lupdate reads it).
class LinkLayerText
{
    Q_DECLARE_TR_FUNCTIONS(pl::capture::LinkLayerText)
};

QString unsupportedLinkTypeMessage(int linkType)
{
    return LinkLayerText::tr(
               "unsupported link-layer type %1; supported: Ethernet (with VLAN tags), Linux "
               "cooked v1/v2, BSD loopback (NULL/LOOP), raw IPv4/IPv6")
        .arg(linkTypeName(linkType));
}

LinkFrame decodeLinkLayer(int linkType, proxy::ByteSpan frame)
{
    switch (linkType) {
    case DLT_EN10MB:
        return ethernet(frame);
    case DLT_LINUX_SLL: // 16 bytes, protocol at 14
        if (frame.size() < 16)
            return {};
        return byEtherType(proxy::readBe16(frame, 14), frame.subspan(16));
    case kDltLinuxSll2: // 20 bytes, protocol at 0
        if (frame.size() < 20)
            return {};
        return byEtherType(proxy::readBe16(frame, 0), frame.subspan(20));
    case DLT_NULL:
    case DLT_LOOP:
        return bsdLoopback(frame);
    case kDltRawA:
    case kDltRawB:
    case kLinktypeRaw:
        return byVersionNibble(frame);
    case DLT_IPV4:
        return {NetworkProtocol::IPv4, frame};
    case DLT_IPV6:
        return {NetworkProtocol::IPv6, frame};
    default:
        return {};
    }
}

} // namespace pl::capture
