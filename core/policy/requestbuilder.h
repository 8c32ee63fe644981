#pragma once

#include "policyrequest.h"
#include "proxy/header.h"

namespace pl::capture {
struct Connection;
class RequestSummary;
} // namespace pl::capture

#include <QString>

namespace pl::policy {

// What is known about a connection besides its PROXY header: who really
// connected (the load balancer) and what the client sent after the header.
// Plain data, so the capture reader, the listener and the GUI can all fill it.
struct ConnectionFacts
{
    QString peerIp; // empty: unknown
    quint16 peerPort = 0;
    quint16 localPort = 0;
    QString httpMethod; // empty: not HTTP
    QString httpPath;
    QString httpHost;
    QString httpUserAgent;
    QString tlsSni;
};

// The HTTP/TLS fields of a request summary (method, path, Host, User-Agent;
// SNI) into facts.
void addRequestSummary(ConnectionFacts &facts, const capture::RequestSummary &summary);

// The facts a capture shows about a connection: its TCP/UDP client (the
// load balancer), the server port and the payload summary.
ConnectionFacts factsFromCapture(const capture::Connection &connection);

// Builds the request the policy judges from a decoded header: pp:*, vendor
// and derived keys (each with the TLV and bytes it came from), conn:* and
// http:/tls: keys from facts. Action is http:<METHOD> for HTTP, tcp:Connect
// otherwise; resource is the HTTP path, or "*" when there is none.
PolicyRequest requestFromConnection(const proxy::DecodeResult &decoded,
                                    const ConnectionFacts &facts = {});

} // namespace pl::policy
