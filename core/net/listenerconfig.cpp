#include "listenerconfig.h"

namespace pl::net {

const char *responseModeName(ResponseMode mode)
{
    switch (mode) {
    case ResponseMode::Http:
        return "http";
    case ResponseMode::Close:
        return "close";
    case ResponseMode::Echo:
        return "echo";
    }
    return "http";
}

std::optional<ResponseMode> responseModeFromName(const QString &name)
{
    for (const ResponseMode m : {ResponseMode::Http, ResponseMode::Close, ResponseMode::Echo})
        if (name == QLatin1String(responseModeName(m)))
            return m;
    return std::nullopt;
}

} // namespace pl::net
