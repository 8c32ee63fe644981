#include "listenerrecord.h"

#include "export/connectionjson.h"
#include "proxy/bytearrayspan.h"
#include "proxy/headersummary.h"
#include "proxy/headertext.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace pl::net {

using namespace pl::proxy;

const char *recordOutcomeName(RecordOutcome outcome)
{
    switch (outcome) {
    case RecordOutcome::Ok:
        return "ok";
    case RecordOutcome::NoData:
        return "no_data";
    case RecordOutcome::MissingHeader:
        return "missing_header";
    case RecordOutcome::InvalidHeader:
        return "invalid_header";
    case RecordOutcome::PolicyMismatch:
        return "policy_mismatch";
    case RecordOutcome::Truncated:
        return "truncated";
    case RecordOutcome::HeaderTimeout:
        return "header_timeout";
    case RecordOutcome::HeaderTooLarge:
        return "header_too_large";
    case RecordOutcome::TooManyConnections:
        return "too_many_connections";
    case RecordOutcome::UpstreamFailed:
        return "upstream_failed";
    case RecordOutcome::ListenerStopped:
        return "listener_stopped";
    }
    return "ok";
}

void setAccepted(ListenerRecord &record, bool udp, const QHostAddress &client, quint16 clientPort,
                 const QHostAddress &server, quint16 serverPort)
{
    capture::Connection &c = record.connection;
    c.transport = udp ? capture::TransportProtocol::Udp : capture::TransportProtocol::Tcp;
    c.client = capture::netEndpoint(client, clientPort);
    c.server = capture::netEndpoint(server, serverPort);
    c.firstTimeNs = c.lastTimeNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
}

void setFinished(ListenerRecord &record, capture::EndState end)
{
    capture::Connection &c = record.connection;
    c.lastTimeNs = c.firstTimeNs + record.durationMs * 1000000;
    c.end = end;
    constexpr quint64 kMax = std::numeric_limits<std::uint32_t>::max();
    c.clientBytes = static_cast<std::uint32_t>(std::min(record.bytesIn, kMax));
    c.serverBytes = static_cast<std::uint32_t>(std::min(record.bytesOut, kMax));
    c.findings.clear();
    if (record.outcome == RecordOutcome::TooManyConnections)
        return; // refused unread: nothing is known of what the client sent
    if (record.bytesIn == 0)
        c.findings.append({capture::FindingCode::NoData, 0, 0});
    else if (!c.headerPresent)
        c.findings.append({capture::FindingCode::HeaderMissing, 0, 0});
}

namespace {

// The accept time as the JSON and the text show it (milliseconds, UTC).
QString acceptedText(const capture::Connection &c)
{
    return QDateTime::fromMSecsSinceEpoch(c.firstTimeNs / 1000000, Qt::UTC)
        .toString(Qt::ISODateWithMs);
}

const char *transportText(const capture::Connection &c)
{
    return capture::transportProtocolName(c.transport);
}

} // namespace

QString hostPortText(const QHostAddress &address, quint16 port)
{
    bool isV4 = false;
    address.toIPv4Address(&isV4); // "::ffff:127.0.0.1" reads as 127.0.0.1
    if (!isV4 && address.protocol() != QAbstractSocket::IPv6Protocol)
        return QStringLiteral("%1:%2").arg(address.toString()).arg(port); // null, "any"
    // As a capture writes the same endpoint.
    QString text = capture::endpointText(capture::netEndpoint(address, port));
    if (!isV4 && !address.scopeId().isEmpty()) // fe80::1%eth0: the bytes do not hold the scope
        text.insert(text.lastIndexOf(u']'), QLatin1Char('%') + address.scopeId());
    return text;
}

QJsonObject listenerRecordJson(const ListenerRecord &record, VendorProfile vendor)
{
    const capture::Connection &c = record.connection;
    // The capture connection's object (one writer for both), then what only
    // a live connection has. Counts are the listener's 64-bit ones, and the
    // response is what the listener answered (it is the server).
    QJsonObject o = exporting::connectionJson(c, vendor);
    o.insert(QStringLiteral("id"), static_cast<qint64>(record.id));
    o.insert(QStringLiteral("header_present"), c.headerPresent);
    o.insert(QStringLiteral("outcome"), QLatin1String(recordOutcomeName(record.outcome)));
    o.insert(QStringLiteral("response"), record.action);
    o.insert(QStringLiteral("decision"),
             record.decision.isEmpty() ? QJsonValue() : QJsonValue(record.decision));
    o.insert(QStringLiteral("decision_reason"),
             record.decisionReason.isEmpty() ? QJsonValue() : QJsonValue(record.decisionReason));
    o.insert(QStringLiteral("client_bytes"), static_cast<qint64>(record.bytesIn));
    o.insert(QStringLiteral("server_bytes"), static_cast<qint64>(record.bytesOut));
    o.insert(QStringLiteral("header_ms"), record.headerMs);
    o.insert(QStringLiteral("duration_ms"), record.durationMs);
    if (c.headerPresent && !c.headerBytes.isEmpty()) {
        QJsonObject header = o.value(QStringLiteral("header")).toObject();
        header.insert(QStringLiteral("hex"), hexString(c.headerSpan()));
        o.insert(QStringLiteral("header"), header);
    }
    // A header cut short by a timeout or a close shows the decoder's
    // "truncated" error: that is the story, keep it.
    if (record.outcome != RecordOutcome::Ok && !o.contains(QStringLiteral("error")))
        o.insert(
            QStringLiteral("error"),
            QJsonObject{{QStringLiteral("code"), QLatin1String(recordOutcomeName(record.outcome))},
                        {QStringLiteral("offset"), static_cast<qint64>(record.bytesIn)},
                        {QStringLiteral("message"), record.message}});
    else if (record.outcome != RecordOutcome::Ok)
        o.insert(QStringLiteral("listener_error"), record.message);
    return o;
}

QString listenerRecordText(const ListenerRecord &record, VendorProfile vendor)
{
    const capture::Connection &c = record.connection;
    QString text = QStringLiteral("%1 %2 %3 -> %4\n")
                       .arg(acceptedText(c), QLatin1String(transportText(c)),
                            capture::endpointText(c.client), capture::endpointText(c.server));
    if (!c.headerPresent) {
        text += QStringLiteral("  header: none\n");
    } else {
        const DecodeResult r = record.decodeHeader(vendor);
        const HeaderSummary s = summarizeHeader(r);
        QString line = QStringLiteral("  header: v%1").arg(s.versionNumber);
        if (s.decoded) {
            line += QLatin1Char(' ') + QLatin1String(commandName(s.command)) + QLatin1Char(' ') +
                    s.family;
            if (s.hasAddresses && s.command == Command::Proxy)
                line += QLatin1Char(' ') + s.source + QStringLiteral(" -> ") + s.destination;
            if (s.crc)
                line += QStringLiteral(", CRC32C ") + QLatin1String(crcStateName(*s.crc));
        }
        line += QStringLiteral(", %1 bytes\n").arg(c.headerBytes.size());
        text += line;
        for (const HeaderSummary::Id &id : s.ids)
            text += QStringLiteral("  %1: %2\n").arg(QLatin1String(id.key), id.value);
        const SslInfo &ssl = r.header.ssl;
        if (s.crc && ssl.present)
            text +=
                QStringLiteral("  ssl: client=%1 verify=%2%3%4\n")
                    .arg(ssl.client)
                    .arg(ssl.verify)
                    .arg(ssl.version.empty() ? QString() : QLatin1Char(' ') + utf8Text(ssl.version),
                         ssl.cn.empty() ? QString() : QStringLiteral(" CN=") + utf8Text(ssl.cn));
        if (r.error)
            text += QStringLiteral("  error: %1\n").arg(errorMessage(r.error));
        for (const Warning &w : r.warnings)
            text += QStringLiteral("  warning: %1\n").arg(warningMessage(w));
    }
    if (!c.payload.isEmpty())
        text += QStringLiteral("  payload: %1\n").arg(c.payload.text());
    if (record.outcome != RecordOutcome::Ok)
        text += QStringLiteral("  outcome: %1: %2\n")
                    .arg(QLatin1String(recordOutcomeName(record.outcome)), record.message);
    if (!record.action.isEmpty())
        text += QStringLiteral("  answered: %1\n").arg(record.action);
    if (!record.decision.isEmpty())
        text += QStringLiteral("  policy: %1\n").arg(record.decisionReason);
    return text;
}

} // namespace pl::net
