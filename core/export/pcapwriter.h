#pragma once

#include "proxy/headerspec.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace pl::exporting {

// One crafted connection as it would cross the wire: client and server
// endpoints, the client's first bytes (PROXY header + payload) and the
// server's answer, if any.
struct CraftedConnection
{
    QHostAddress client;
    quint16 clientPort = 0;
    QHostAddress server;
    quint16 serverPort = 0;
    QByteArray clientBytes;
    QByteArray serverBytes;
    bool udp = false;
};

// A classic pcap (link type RAW, microseconds) with each connection as a
// full TCP conversation (handshake, data, FIN) or one UDP datagram, so the
// capture reader, tshark and Wireshark can open what was crafted.
QByteArray pcapOf(const QList<CraftedConnection> &connections);

// Writes pcapOf() (atomically for a regular file, see OutputFile); returns an error message, empty
// on success.
QString writePcap(const QString &path, const QList<CraftedConnection> &connections);

} // namespace pl::exporting
