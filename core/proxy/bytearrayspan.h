#pragma once

#include "proxy/bytes.h"

#include <QByteArray>

namespace pl::proxy {

// A read-only view of a QByteArray for the decoder. The array must outlive
// the span and stay unmodified.
inline ByteSpan byteSpan(const QByteArray &bytes)
{
    return {reinterpret_cast<const std::uint8_t *>(bytes.constData()),
            static_cast<std::size_t>(bytes.size())};
}

} // namespace pl::proxy
