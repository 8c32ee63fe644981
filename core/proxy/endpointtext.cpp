#include "endpointtext.h"

namespace pl::proxy {

std::optional<EndpointText> parseEndpointText(const QString &text)
{
    EndpointText ep;
    if (text.startsWith(QLatin1Char('/')) || text.startsWith(QLatin1Char('@'))) {
        ep.unixPath = text.toUtf8();
        return ep;
    }
    qsizetype colon = -1;
    QString host;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != QLatin1Char(':'))
            return std::nullopt;
        host = text.mid(1, close - 1);
        colon = close + 1;
    } else {
        colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0)
            return std::nullopt;
        host = text.left(colon);
        if (host.contains(QLatin1Char(':')))
            return std::nullopt; // IPv6 needs brackets, or the port is ambiguous
    }
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535 || !ep.address.setAddress(host))
        return std::nullopt;
    ep.port = static_cast<quint16>(port);
    return ep;
}

} // namespace pl::proxy
