#include "requestsummary.h"

#include <QList>

namespace pl::net {

bool looksLikeHttpRequest(const QByteArray &payload)
{
    const qsizetype space = payload.indexOf(' ');
    const qsizetype limit = space < 0 ? payload.size() : space;
    if (limit == 0 || limit > 16)
        return false;
    for (qsizetype i = 0; i < limit; ++i)
        if (payload[i] < 'A' || payload[i] > 'Z')
            return false;
    return true;
}

bool httpRequestHeadComplete(const QByteArray &payload)
{
    return payload.contains("\r\n\r\n");
}

QString summarizeRequest(const QByteArray &payload)
{
    if (payload.isEmpty())
        return {};
    if (payload.size() >= 3 && payload[0] == 0x16 && payload[1] == 0x03)
        return QStringLiteral("TLS ClientHello");
    if (!looksLikeHttpRequest(payload) || payload.indexOf(' ') < 0)
        return QStringLiteral("binary (%1 bytes)").arg(payload.size());
    const qsizetype lineEnd = payload.indexOf("\r\n");
    QString summary = QString::fromLatin1(lineEnd < 0 ? payload : payload.left(lineEnd));
    if (lineEnd < 0)
        return summary;
    const qsizetype headEnd = payload.indexOf("\r\n\r\n");
    const QByteArray head = payload.mid(lineEnd + 2, headEnd < 0 ? -1 : headEnd - lineEnd - 2);
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "host") {
            summary +=
                QStringLiteral(" Host: ") + QString::fromLatin1(line.mid(colon + 1).trimmed());
            break;
        }
    }
    return summary;
}

} // namespace pl::net
