#pragma once

#include "headerspec.h"

#include <QList>
#include <QString>

namespace pl::proxy {

// One variation of a header for a backend test.
struct FaultVariant
{
    const char *key; // stable English name for JSON and scripts: "crc-wrong", "truncate"
    QString title;   // for people, translated
    HeaderSpec header;
};

// The standard matrix a backend behind a PROXY-protocol load balancer
// should get right: the header as given, without and with a wrong CRC32C,
// as a v1 text header, and each deliberate fault (the Client view's "Fault
// matrix" and `plinspect send --fault-matrix`).
QList<FaultVariant> faultMatrix(const HeaderSpec &base);

} // namespace pl::proxy
