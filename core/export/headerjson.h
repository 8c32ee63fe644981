#pragma once

#include "proxy/breakdown.h"
#include "proxy/header.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pl::exporting {

class JsonWriter;

// The writers behind the functions below (keys in alphabetical order):
// the `header` object; the `error` key (when there is an error); the
// `warnings` key.
void writeHeaderJson(JsonWriter &writer, const proxy::DecodeResult &result);
void writeErrorJson(JsonWriter &writer, const proxy::DecodeResult &result);
void writeWarningsJson(JsonWriter &writer, const proxy::DecodeResult &result);

// The `header` object of the CLI JSON contract (architecture.md): version,
// command, family, protocol, length, src, dst, crc32c, tlvs, vendor IDs.
QJsonObject headerJson(const proxy::DecodeResult &result);
// `warnings` [] and `error` {code, offset, message}, added to an object.
void addDiagnosticsJson(QJsonObject &object, const proxy::DecodeResult &result);
// One decoded header (raw input): {"header": ..., "warnings": [...], "error": ...}.
QJsonObject decodeResultJson(const proxy::DecodeResult &result);
// Breakdown rows {offset, length, hex, field, label, value, note, severity, depth}.
QJsonArray breakdownJson(const QList<proxy::BreakdownRow> &rows, proxy::ByteSpan input);

} // namespace pl::exporting
