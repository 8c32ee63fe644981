#pragma once

#include "header.h"

#include <QList>
#include <QString>

namespace pl::proxy {

// One line of the byte-by-byte table, like the vendor documentation's:
// which bytes, which field, what they mean. Produced here so the GUI, the
// CLI and every export show the same thing.
struct BreakdownRow
{
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    QString field; // stable path: "tlv[1].endpoint_id"
    QString label; // translated name: "PrivateLink endpoint ID"
    QString value; // decoded value
    QString note;  // what to know about it (CRC state, warnings, errors)
    Severity severity = Severity::Info;
    int depth = 0; // 0 header fields and TLVs, 1 their parts, 2+ SSL sub-TLVs
};

// input is the same span given to decode(); rows never reach past it.
QList<BreakdownRow> breakdown(const DecodeResult &result, ByteSpan input);

} // namespace pl::proxy
