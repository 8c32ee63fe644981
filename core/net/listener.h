#pragma once

#include "listenerconfig.h"
#include "listenerrecord.h"

#include <QObject>
#include <QPointer>

class QTcpServer;
class QUdpSocket;

namespace pl::net {

class ListenerConnection;

// Counters a user sees next to the live table.
struct ListenerStats
{
    quint64 accepted = 0;      // TCP connections accepted
    quint64 active = 0;        // open now
    quint64 finished = 0;      // records emitted (TCP and UDP)
    quint64 headers = 0;       // complete, accepted headers
    quint64 withoutHeader = 0; // accepted without a header (policy optional)
    quint64 noData = 0;        // closed without a byte
    quint64 garbage = 0;       // missing or invalid headers, policy mismatches
    quint64 truncated = 0;     // closed or timed out mid-header
    quint64 timedOut = 0;      // header timeouts (a subset of truncated)
    quint64 overLimit = 0;     // refused: too many connections or header too large
    quint64 datagrams = 0;     // UDP datagrams
};

// A test backend: accepts connections, reads each PROXY header under the
// configured policy and limits, records what arrived and answers (http,
// close, echo) or forwards to an upstream. Lives in one thread; every
// connection is handled on the event loop, never processed before its header
// is complete.
class Listener : public QObject
{
    Q_OBJECT

public:
    explicit Listener(QObject *parent = nullptr);
    ~Listener() override;

    // Binds TCP (and UDP when config.udp) and starts accepting. False with
    // errorString() when the address cannot be bound.
    bool start(const ListenerConfig &config);
    // Stops accepting and aborts the open connections (their records are emitted).
    void stop();

    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const; // the bound port (useful with port 0)
    QString errorString() const { return m_error; }
    const ListenerConfig &config() const { return m_config; }
    ListenerStats stats() const { return m_stats; }

signals:
    // As soon as a connection's header is complete (live views).
    void headerReceived(const pl::net::ListenerRecord &record);
    // Once per connection or datagram, when it is over.
    void connectionFinished(const pl::net::ListenerRecord &record);
    void statsChanged(const pl::net::ListenerStats &stats);

private:
    void acceptPending();
    void readDatagrams();
    void onConnectionHeader(const ListenerRecord &record);
    void onConnectionFinished(ListenerConnection *connection, const ListenerRecord &record);
    void count(const ListenerRecord &record);

    ListenerConfig m_config;
    QTcpServer *m_server = nullptr;
    QUdpSocket *m_udp = nullptr;
    ListenerStats m_stats;
    quint64 m_nextId = 1;
    QString m_error;
};

} // namespace pl::net

Q_DECLARE_METATYPE(pl::net::ListenerStats)
