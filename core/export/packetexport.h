#pragma once

#include "capture/connection.h"

#include <QList>
#include <QString>

#include <atomic>
#include <cstdint>

namespace pl::exporting {

// What identifies a connection's packets in the capture it came from: its
// 5-tuple (either direction) within its frame range.
struct ConnectionFrames
{
    capture::TransportProtocol transport = capture::TransportProtocol::Tcp;
    capture::NetEndpoint client;
    capture::NetEndpoint server;
    std::uint64_t firstFrame = 0;
    std::uint64_t lastFrame = 0;
};

ConnectionFrames connectionFrames(const capture::Connection &connection);

struct PacketExportResult
{
    QString error;        // empty on success
    bool written = false; // the output exists (also after a damaged record, with error set)
    std::uint64_t packetsRead = 0;
    std::uint64_t packetsWritten = 0;
};

// Reads capturePath again (it must be a file, not a pipe) and writes every
// packet of the given connections (handshake, data, answers, FIN: all of
// each connection, both directions) to outPath as pcapng, keeping the
// original link layer and nanosecond timestamps. cancel, when given, stops
// early with an error and leaves no output file.
PacketExportResult writeConnectionPackets(const QString &capturePath,
                                          const QList<ConnectionFrames> &connections,
                                          const QString &outPath,
                                          const std::atomic<bool> *cancel = nullptr);

} // namespace pl::exporting
