#pragma once

#include "header.h"

#include <QString>

#include <optional>
#include <vector>

namespace pl::proxy {

// The facts every short view of a header shows, read once from a decode:
// the CLI's summary line, the decode table's cell, the inspector's line
// and the listener's text each lay them out their own way.
struct HeaderSummary
{
    bool decoded = false; // the fixed part (version, command, family) was read
    Version version = Version::V2;
    // The version as sent: a binary header's nibble, 3 when it is an
    // unsupported 3 (error bad_version), not 2.
    int versionNumber = 2;
    Command command = Command::Proxy;
    QString family;            // "TCP over IPv4"
    bool hasAddresses = false; // source and destination below
    QString source;            // "10.0.0.14:59074", "[2001:db8::1]:443", a UNIX path
    QString destination;
    std::uint32_t length = 0;    // the whole header, in bytes
    std::optional<CrcState> crc; // v2 only
    struct Id
    {
        const char *key; // the JSON export's key: "vpc_id", "azure_link_id"...
        QString value;
    };
    // What the header says about where the client came from, in the JSON
    // export's order and words: authority, alpn, unique_id, netns, vpc_id,
    // endpoint_id, endpoint_service_id, vpce_id, azure_link_id, gcp_psc_id
    // (v2 only, those present).
    std::vector<Id> ids;
};

HeaderSummary summarizeHeader(const DecodeResult &result);

} // namespace pl::proxy
