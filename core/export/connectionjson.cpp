#include "connectionjson.h"

#include "export/headerjson.h"

#include <QJsonArray>

namespace pl::exporting {

using namespace pl::capture;

QJsonObject connectionJson(const Connection &c, proxy::VendorProfile vendor)
{
    QJsonObject o{
        {QStringLiteral("frame"), static_cast<qint64>(c.firstFrame)},
        {QStringLiteral("first_frame"), static_cast<qint64>(c.firstFrame)},
        {QStringLiteral("last_frame"), static_cast<qint64>(c.lastFrame)},
        {QStringLiteral("time"), timestampText(c.firstTimeNs)},
        {QStringLiteral("last_time"), timestampText(c.lastTimeNs)},
        {QStringLiteral("transport"), QLatin1String(transportProtocolName(c.transport))},
        {QStringLiteral("client"), endpointText(c.client)},
        {QStringLiteral("server"), endpointText(c.server)},
        {QStringLiteral("payload"), c.payload},
        {QStringLiteral("response"), c.response},
        {QStringLiteral("client_bytes"), static_cast<qint64>(c.clientBytes)},
        {QStringLiteral("server_bytes"), static_cast<qint64>(c.serverBytes)},
    };
    // UDP has no connection end; null says so rather than a made-up state.
    o.insert(QStringLiteral("end"), c.transport == TransportProtocol::Tcp
                                        ? QJsonValue(QLatin1String(endStateName(c.end)))
                                        : QJsonValue());
    if (c.headerPresent) {
        // The spans of `result` point into c.headerBytes, which outlives it.
        const proxy::DecodeResult result = c.decodeHeader(vendor);
        o.insert(QStringLiteral("header"), headerJson(result));
        o.insert(QStringLiteral("header_frame"), static_cast<qint64>(c.headerFrame));
        addDiagnosticsJson(o, result);
    } else {
        o.insert(QStringLiteral("header"), QJsonValue());
        o.insert(QStringLiteral("warnings"), QJsonArray());
    }
    QJsonArray findings;
    for (const Finding &f : c.findings) {
        QJsonObject finding{{QStringLiteral("code"), QLatin1String(findingCodeName(f.code))},
                            {QStringLiteral("message"), findingMessage(f)}};
        if (f.frame != 0)
            finding.insert(QStringLiteral("frame"), static_cast<qint64>(f.frame));
        if (f.offset != 0)
            finding.insert(QStringLiteral("offset"), static_cast<qint64>(f.offset));
        findings.append(finding);
    }
    o.insert(QStringLiteral("findings"), findings);
    return o;
}

} // namespace pl::exporting
