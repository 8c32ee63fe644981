#include "requestshape.h"

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

} // namespace pl::net
