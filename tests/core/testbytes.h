#pragma once

// Small helpers shared by the core test suites.

#include "proxy/bytes.h"
#include "proxy/hextext.h"

#include <QByteArray>
#include <QString>

namespace pl::test {

inline proxy::ByteSpan span(const QByteArray &bytes)
{
    return {reinterpret_cast<const std::uint8_t *>(bytes.constData()),
            static_cast<std::size_t>(bytes.size())};
}

// Hex with any separators; a typo in a test table fails loudly.
inline QByteArray hex(const char *text)
{
    const proxy::HexParseResult parsed = proxy::parseHexText(QString::fromLatin1(text));
    Q_ASSERT_X(parsed.ok(), "pl::test::hex", text);
    return parsed.bytes;
}

// A v2 header from its parts: the length field is computed.
inline QByteArray v2(const char *verCmd, const char *family, const QByteArray &addresses,
                     const QByteArray &tlvs)
{
    QByteArray out = hex("0d0a0d0a000d0a515549540a");
    out += hex(verCmd);
    out += hex(family);
    const auto length = addresses.size() + tlvs.size();
    out.append(static_cast<char>((length >> 8) & 0xFF));
    out.append(static_cast<char>(length & 0xFF));
    return out + addresses + tlvs;
}

inline QByteArray tlv(int type, const QByteArray &value)
{
    QByteArray out;
    out.append(static_cast<char>(type));
    out.append(static_cast<char>((value.size() >> 8) & 0xFF));
    out.append(static_cast<char>(value.size() & 0xFF));
    return out + value;
}

// The documented Alibaba Cloud example (100 bytes, CRC32C 0x0764b56b).
inline QByteArray alibabaExample()
{
    return hex("0d0a0d0a000d0a515549540a 21 11 0054"
               "0a00000e 0a00000f e6c2 0050"
               "03 0004 0764b56b"
               "e1 0018 02 65702d6270316932383834383765353836313532643462"
               "e1 001a 01 7670632d627031373971656b6530777a6f316d72386278686c"
               "04 0006 000000000000");
}

// 10.0.0.1:1000 -> 10.0.0.2:80
inline QByteArray inetAddresses()
{
    return hex("0a000001 0a000002 03e8 0050");
}

} // namespace pl::test
