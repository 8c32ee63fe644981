#pragma once

#include "capture/connection.h"
#include "proxy/header.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace pl::net {

// How a connection to the listener ended, as far as its header goes.
enum class RecordOutcome : std::uint8_t
{
    Ok,                 // header complete and accepted (or no header under "optional")
    NoData,             // closed without sending a byte (plain TCP health checks)
    MissingHeader,      // bytes arrived that are not a PROXY header, and one is required
    InvalidHeader,      // a header that does not decode (garbage)
    PolicyMismatch,     // v1 where v2 is required or the reverse
    Truncated,          // closed before the header was complete
    HeaderTimeout,      // header still incomplete when the header timeout fired
    HeaderTooLarge,     // more bytes than the limit before the header completed
    TooManyConnections, // refused at accept: the concurrency limit was reached
    UpstreamFailed,     // header fine, the upstream could not be reached
    ListenerStopped,    // still in flight when the listener stopped (Ctrl-C, Stop)
};

const char *recordOutcomeName(RecordOutcome outcome); // stable names for JSON

// One connection (or datagram) the listener received: the record a capture
// of it would hold (transport, client, server, accept time as its first
// time, header bytes, request summary), plus what only a live connection
// has: timings, the outcome and what the listener did. Plain data, safe to
// queue across threads.
struct ListenerRecord
{
    capture::Connection connection;
    quint64 id = 0;
    qint64 headerMs = -1;  // from accept to header complete
    qint64 durationMs = 0; // from accept to close

    QByteArray payloadHead; // the first bytes after the header (at most kPayloadKeepBytes)
    // 64-bit, unlike a capture's: an echo or upstream session can be long.
    quint64 bytesIn = 0;  // from the client, header included
    quint64 bytesOut = 0; // to the client
    RecordOutcome outcome = RecordOutcome::Ok;
    QString message;  // plain words when the outcome is not Ok
    QString action;   // what the listener answered: "http 200", "closed", "echo", "upstream ..."
    QString decision; // access policy decision ("Allow", "ExplicitDeny"...); empty: none
    QString decisionReason; // the decisive statement, in words

    // Decodes the header bytes again; the spans point into this record.
    proxy::DecodeResult decodeHeader(proxy::VendorProfile vendor = proxy::VendorProfile::Auto) const
    {
        return connection.decodeHeader(vendor);
    }
};

// One JSON Lines object: the capture connection's object
// (exporting::connectionJson: transport, time, last_time, client, server,
// header with its hex, warnings, error, payload, end, findings; no frame
// fields) with the listener's response (what it did), 64-bit
// client_bytes/server_bytes, and id, header_present, outcome, decision,
// decision_reason, header_ms, duration_ms. `error` is the decoder's error
// when the header is invalid, else the listener's {code, offset, message}
// when the outcome is not Ok.
QJsonObject listenerRecordJson(const ListenerRecord &record,
                               proxy::VendorProfile vendor = proxy::VendorProfile::Auto);
// A few human-readable lines: client, header summary, payload, outcome.
QString listenerRecordText(const ListenerRecord &record,
                           proxy::VendorProfile vendor = proxy::VendorProfile::Auto);
// "127.0.0.1:8080" or "[::1]:8080".
QString hostPortText(const QHostAddress &address, quint16 port);
// The record's client and server from a socket's view, and its first time
// (now): where a capture would have them.
void setAccepted(ListenerRecord &record, bool udp, const QHostAddress &client, quint16 clientPort,
                 const QHostAddress &server, quint16 serverPort);
// The rest of the capture record once the connection is over: last time
// (accept + duration), how it ended, byte counts (saturated to the
// record's 32 bits; the JSON has the 64-bit ones) and the findings a
// capture of it would show (no data; no PROXY header).
void setFinished(ListenerRecord &record, capture::EndState end);

} // namespace pl::net

Q_DECLARE_METATYPE(pl::net::ListenerRecord)
