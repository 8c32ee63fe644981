#pragma once

#include "capture/requestsummary.h"
#include "proxy/header.h"

#include <QByteArray>
#include <QDateTime>
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

// One connection (or datagram) the listener received: the same fields as a
// capture's connection record (client, server, header, payload), plus what
// the listener did with it. Plain data, safe to queue across threads.
struct ListenerRecord
{
    quint64 id = 0;
    bool udp = false;
    QHostAddress clientAddress;
    quint16 clientPort = 0;
    QHostAddress serverAddress;
    quint16 serverPort = 0;
    QDateTime acceptedAt;
    qint64 headerMs = -1;  // from accept to header complete
    qint64 durationMs = 0; // from accept to close

    bool headerPresent = false;      // the client's first bytes are a PROXY header (or start one)
    QByteArray headerBytes;          // exactly the header, or what arrived of it when it failed
    QByteArray payloadHead;          // the first bytes after the header (at most kPayloadKeepBytes)
    capture::RequestSummary payload; // payloadHead summarised, as a capture does
    quint64 bytesIn = 0;             // from the client, header included
    quint64 bytesOut = 0;            // to the client
    RecordOutcome outcome = RecordOutcome::Ok;
    QString message;  // plain words when the outcome is not Ok
    QString action;   // what the listener answered: "http 200", "closed", "echo", "upstream ..."
    QString decision; // access policy decision ("Allow", "ExplicitDeny"...); empty: none
    QString decisionReason; // the decisive statement, in words

    // Decodes headerBytes again; the spans point into this record.
    proxy::DecodeResult
    decodeHeader(proxy::VendorProfile vendor = proxy::VendorProfile::Auto) const;
};

// One JSON Lines object, the capture connection's fields where they apply:
// id, transport, time, client, server, header (null when none), warnings,
// error, payload, response (what the listener did), client_bytes,
// server_bytes, outcome, header_ms, duration_ms. `error` is the
// decoder's error when the header is invalid, else the listener's
// {code, offset, message} when the outcome is not Ok.
QJsonObject listenerRecordJson(const ListenerRecord &record,
                               proxy::VendorProfile vendor = proxy::VendorProfile::Auto);
// A few human-readable lines: client, header summary, payload, outcome.
QString listenerRecordText(const ListenerRecord &record,
                           proxy::VendorProfile vendor = proxy::VendorProfile::Auto);
// "127.0.0.1:8080" or "[::1]:8080".
QString hostPortText(const QHostAddress &address, quint16 port);

} // namespace pl::net

Q_DECLARE_METATYPE(pl::net::ListenerRecord)
