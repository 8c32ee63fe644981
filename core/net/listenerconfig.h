#pragma once

#include "headerreader.h"
#include "proxy/vendorprofile.h"

#include <QHostAddress>
#include <QString>

#include <memory>
#include <optional>

namespace pl::policy {
class PolicySet;
}

namespace pl::net {

// What the listener answers once a header is complete.
enum class ResponseMode : std::uint8_t
{
    Http,  // 200 with a summary of what arrived (400 with the reason when refused)
    Close, // close right after the header
    Echo,  // send back every payload byte
};

const char *responseModeName(ResponseMode mode); // "http", "close", "echo"
std::optional<ResponseMode> responseModeFromName(const QString &name);

// One listener's settings. Defaults are safe for a test backend on loopback.
struct ListenerConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost); // others only when asked
    quint16 port = 0;                                             // 0: any free port
    bool udp = true; // also bind UDP on the same port (DGRAM headers)

    HeaderPolicy policy = HeaderPolicy::Either;
    ResponseMode respond = ResponseMode::Http;
    bool jsonResponse = false; // http: JSON body instead of text (also on Accept: application/json)
    proxy::VendorProfile vendor = proxy::VendorProfile::Auto;

    // Hardening: slow or hostile clients cannot hold the listener.
    int headerTimeoutMs = 3000;  // accept to header complete
    int payloadWaitMs = 300;     // http: how long to wait for a request after the header
    int idleTimeoutMs = 10000;   // echo/upstream: no bytes either way
    int maxConnectionMs = 60000; // any connection, whatever it does
    int maxConnections = 512;    // concurrent; more are closed at accept and counted
    qsizetype maxHeaderBytes =
        static_cast<qsizetype>(kMaxV2HeaderSize); // before the header completes

    // Transparent proxy: forward to upstream once the header is complete.
    QString upstreamHost; // empty: no forwarding
    quint16 upstreamPort = 0;
    bool upstreamPassHeader = false; // false: strip the header

    // Access policy enforced once the header (and, for http, the request
    // head) is in: denied HTTP requests get 403 naming the decisive
    // statement, other connections are closed. Null: no enforcement.
    std::shared_ptr<const policy::PolicySet> accessPolicy;
};

} // namespace pl::net
