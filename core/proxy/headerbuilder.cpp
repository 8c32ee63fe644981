#include "headerbuilder.h"

#include "bytearrayspan.h"
#include "crc32c.h"
#include "tlvtypes.h"

namespace pl::proxy {
namespace {

void appendBe16(QByteArray &out, std::size_t value)
{
    out.append(static_cast<char>((value >> 8) & 0xFFu));
    out.append(static_cast<char>(value & 0xFFu));
}

void appendTlv(QByteArray &out, std::uint8_t type, const QByteArray &value)
{
    out.append(static_cast<char>(type));
    appendBe16(out, static_cast<std::size_t>(value.size()));
    out.append(value);
}

void appendIp(QByteArray &out, const QHostAddress &address, Family family)
{
    if (family == Family::Inet) {
        const quint32 v4 =
            address.protocol() == QAbstractSocket::IPv4Protocol ? address.toIPv4Address() : 0;
        for (int shift = 24; shift >= 0; shift -= 8)
            out.append(static_cast<char>((v4 >> shift) & 0xFFu));
        return;
    }
    Q_IPV6ADDR v6{};
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        v6 = address.toIPv6Address();
    else if (address.protocol() == QAbstractSocket::IPv4Protocol)
        v6 = QHostAddress(QStringLiteral("::ffff:") + address.toString()).toIPv6Address();
    out.append(reinterpret_cast<const char *>(v6.c), 16);
}

void appendUnixPath(QByteArray &out, const QByteArray &path)
{
    QByteArray padded = path.left(static_cast<qsizetype>(kUnixPathSize));
    padded.resize(static_cast<qsizetype>(kUnixPathSize), '\0');
    out.append(padded);
}

std::size_t blockSize(Family family)
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

QByteArray encodeV1(const HeaderSpec &spec)
{
    QByteArray line = spec.fault == Fault::BadSignature ? QByteArrayLiteral("PROXX ")
                      : spec.fault == Fault::BadCommand ? QByteArrayLiteral("proxy ")
                                                        : QByteArrayLiteral("PROXY ");
    if (spec.family == Family::Unspec || spec.command == Command::Local) {
        line += "UNKNOWN";
    } else {
        const bool v6 = spec.family == Family::Inet6;
        line += spec.fault == Fault::BadFamily ? "TCP5" : (v6 ? "TCP6" : "TCP4");
        const QString zero = v6 ? QStringLiteral("::") : QStringLiteral("0.0.0.0");
        const auto text = [&](const QHostAddress &a) {
            return (a.isNull() ? zero : a.toString()).toLatin1();
        };
        line += ' ' + text(spec.sourceAddress) + ' ' + text(spec.destinationAddress) + ' ' +
                QByteArray::number(spec.sourcePort) + ' ' +
                QByteArray::number(spec.destinationPort);
    }
    if (spec.fault == Fault::BadLength) {
        // No line end within the 107 bytes the spec allows.
        line += QByteArray(static_cast<qsizetype>(kV1MaxSize) - line.size() + 1, ' ');
        return line;
    }
    line += "\r\n";
    if (spec.fault == Fault::Truncate)
        line.truncate(line.size() / 2);
    return line;
}

QByteArray encodeV2(const HeaderSpec &spec)
{
    QByteArray out;
    out.reserve(128);
    out.append(reinterpret_cast<const char *>(kV2Signature.data()),
               static_cast<qsizetype>(kV2Signature.size()));
    const std::uint8_t command =
        spec.fault == Fault::BadCommand ? 0x0F : static_cast<std::uint8_t>(spec.command);
    out.append(static_cast<char>(0x20 | command));
    const std::uint8_t family =
        spec.fault == Fault::BadFamily ? 4 : static_cast<std::uint8_t>(spec.family);
    out.append(static_cast<char>((family << 4) | static_cast<std::uint8_t>(spec.transport)));
    appendBe16(out, 0); // patched below

    switch (spec.family) {
    case Family::Inet:
    case Family::Inet6:
        appendIp(out, spec.sourceAddress, spec.family);
        appendIp(out, spec.destinationAddress, spec.family);
        appendBe16(out, spec.sourcePort);
        appendBe16(out, spec.destinationPort);
        break;
    case Family::Unix:
        appendUnixPath(out, spec.sourcePath);
        appendUnixPath(out, spec.destinationPath);
        break;
    case Family::Unspec:
        break;
    }
    Q_ASSERT(static_cast<std::size_t>(out.size()) == kV2FixedSize + blockSize(spec.family));

    qsizetype crcAt = -1;
    const auto appendCrc = [&] {
        crcAt = out.size() + 3;
        appendTlv(out, tlv::Crc32c, QByteArray(4, '\0'));
    };
    if (spec.crc != CrcMode::None && spec.crcFirst)
        appendCrc();
    for (const TlvSpec &t : spec.tlvs)
        appendTlv(out, t.type, t.value);
    if (spec.crc != CrcMode::None && !spec.crcFirst)
        appendCrc();
    // NOOP padding: needs at least the 3-byte TLV header to fit.
    if (spec.padTo >= static_cast<std::uint32_t>(out.size()) + 3)
        appendTlv(out, tlv::Noop,
                  QByteArray(static_cast<qsizetype>(spec.padTo) - out.size() - 3, '\0'));

    const std::size_t length = static_cast<std::size_t>(out.size()) - kV2FixedSize;
    out[14] = static_cast<char>((length >> 8) & 0xFFu);
    out[15] = static_cast<char>(length & 0xFFu);

    if (crcAt >= 0) {
        std::uint32_t crc = headerCrc32c(byteSpan(out), static_cast<std::size_t>(crcAt));
        if (spec.crc == CrcMode::Wrong)
            crc ^= 0x00000001u; // plausible, off by one bit
        for (int i = 0; i < 4; ++i)
            out[crcAt + i] = static_cast<char>((crc >> (8 * (3 - i))) & 0xFFu);
    }

    switch (spec.fault) {
    case Fault::BadSignature:
        out[11] = 0x0B; // a prefix-only check passes; a full check does not
        break;
    case Fault::BadLength:
        // One byte short: the receiver sees the last TLV (or the address
        // block) overrun, and the byte left over lands in the payload.
        out[14] = static_cast<char>(((length - 1) >> 8) & 0xFFu);
        out[15] = static_cast<char>((length - 1) & 0xFFu);
        if (length == 0) {
            out[14] = static_cast<char>(0xFF);
            out[15] = static_cast<char>(0xFF);
        }
        break;
    case Fault::Truncate:
        out.truncate(out.size() / 2);
        break;
    default:
        break;
    }
    return out;
}

} // namespace

std::size_t v2SizeWithoutPadding(const HeaderSpec &spec)
{
    std::size_t size = kV2FixedSize + blockSize(spec.family);
    if (spec.crc != CrcMode::None)
        size += 3 + 4;
    for (const TlvSpec &t : spec.tlvs)
        size += 3 + static_cast<std::size_t>(t.value.size());
    return size;
}

QByteArray encodeHeader(const HeaderSpec &spec)
{
    return spec.version == Version::V1 ? encodeV1(spec) : encodeV2(spec);
}

} // namespace pl::proxy
