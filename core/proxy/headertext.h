#pragma once

#include "header.h"

#include <QString>

namespace pl::proxy {

// Text forms shared by the breakdown, the JSON export, the CLI and the GUI.
QString hexString(ByteSpan bytes, QChar separator = {});
// "0x0764b56b": a number as 0x and `digits` lowercase hex digits.
QString hexNumber(std::uint32_t value, int digits);
// The bytes as UTF-8 text, as they are (IDs, host names).
QString utf8Text(ByteSpan bytes);
// The bytes as text when they are printable ASCII/UTF-8, else their hex.
QString printableOrHex(ByteSpan bytes);
// Text safe for a terminal, as decode prints it: control characters (C0,
// DEL, C1: what escape sequences are made of) become \xNN or \u00NN; a
// newline stays one when keepNewlines (a multi-line report).
QString escapedControls(QStringView text, bool keepNewlines = false);
// NUL-padded UNIX path as text, control characters escaped.
QString unixPathText(ByteSpan path);

QString addressText(const ProxyHeader &header, const Endpoint &endpoint);
// "10.0.0.14", or "10.0.0.14:59074" with a port (port < 0: none). Written by
// hand: capture exports format several per connection.
QString ipv4Text(const std::uint8_t *address, int port = -1);
// The same into a buffer ("255.255.255.255:65535" fits); returns its length.
std::size_t ipv4Chars(const std::uint8_t *address, int port, char (&text)[24]);
// "10.0.0.14:59074" or "[2001:db8::1]:443" from an address's bytes (4 or
// 16): the one way endpoints are written, whether they come from a PROXY
// header, a captured packet or a socket.
QString hostPortText(const std::uint8_t *address, bool ipv6, std::uint16_t port);
// "10.0.0.14:59074", "[2001:db8::1]:443" or the UNIX path; empty when absent.
QString endpointText(const ProxyHeader &header, const Endpoint &endpoint);

// The ID a user calls "the endpoint": Alibaba endpoint ID, else AWS VPC
// endpoint ID, else "LinkID N" (Azure), else "PSC N" (GCP); empty if none.
QString endpointIdText(const VendorIds &ids);

// Values outside the protocol's (a header with an invalid nibble) are "UNKNOWN".
const char *commandName(Command command);       // "LOCAL", "PROXY"
const char *familyName(Family family);          // "UNSPEC", "INET", "INET6", "UNIX"
const char *transportName(Transport transport); // "UNSPEC", "STREAM", "DGRAM"
const char *crcStateName(CrcState state);       // "valid", "invalid", "absent"
// What the family/transport pair means to a user ("TCP over IPv4").
QString familyDescription(Family family, Transport transport);

} // namespace pl::proxy
