#pragma once

#include <QByteArray>
#include <QHostAddress>

#include <optional>

namespace pl::proxy {

// An endpoint as users type it for a header: "10.0.0.14:59074",
// "[2001:db8::1]:443", or an absolute UNIX path ("/run/app.sock").
struct EndpointText
{
    QHostAddress address;
    quint16 port = 0;
    QByteArray unixPath; // set for UNIX endpoints

    bool isUnix() const { return !unixPath.isEmpty(); }
};

std::optional<EndpointText> parseEndpointText(const QString &text);

} // namespace pl::proxy
