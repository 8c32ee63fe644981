#include "pcapwriter.h"

#include "io/outputfile.h"

#include <QDateTime>
#include <QtEndian>

namespace pl::exporting {

namespace {

constexpr quint32 kLinkTypeRaw = 101; // the packet starts with the IP header

template <typename T>
void appendLe(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

template <typename T>
void appendBe(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToBigEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

quint16 checksum(const QByteArray &data, quint32 sum = 0)
{
    for (qsizetype i = 0; i + 1 < data.size(); i += 2)
        sum += (quint32{static_cast<quint8>(data[i])} << 8) | static_cast<quint8>(data[i + 1]);
    if (data.size() % 2)
        sum += quint32{static_cast<quint8>(data.back())} << 8;
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<quint16>(~sum);
}

QByteArray addressBytes(const QHostAddress &a)
{
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = a.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
    }
    QByteArray out;
    appendBe<quint32>(out, a.toIPv4Address());
    return out;
}

// IP header + transport segment; checksums filled in (tshark flags bad ones).
QByteArray ipPacket(const QHostAddress &src, const QHostAddress &dst, quint8 protocol,
                    QByteArray segment, int checksumOffset)
{
    const QByteArray s = addressBytes(src);
    const QByteArray d = addressBytes(dst);
    QByteArray pseudo = s + d;
    if (s.size() == 16) {
        appendBe<quint32>(pseudo, static_cast<quint32>(segment.size()));
        appendBe<quint32>(pseudo, protocol);
    } else {
        pseudo.append('\0');
        pseudo.append(static_cast<char>(protocol));
        appendBe<quint16>(pseudo, static_cast<quint16>(segment.size()));
    }
    const quint16 sum = checksum(pseudo + segment);
    segment[checksumOffset] = static_cast<char>(sum >> 8);
    segment[checksumOffset + 1] = static_cast<char>(sum & 0xFF);

    QByteArray ip;
    if (s.size() == 16) {
        appendBe<quint32>(ip, 0x60000000u);
        appendBe<quint16>(ip, static_cast<quint16>(segment.size()));
        ip.append(static_cast<char>(protocol));
        ip.append(static_cast<char>(64));
        ip += s + d;
    } else {
        ip.append(static_cast<char>(0x45));
        ip.append('\0');
        appendBe<quint16>(ip, static_cast<quint16>(20 + segment.size()));
        appendBe<quint32>(ip, 0x40000000u); // id 0, don't fragment
        ip.append(static_cast<char>(64));
        ip.append(static_cast<char>(protocol));
        appendBe<quint16>(ip, 0);
        ip += s + d;
        const quint16 ipSum = checksum(ip);
        ip[10] = static_cast<char>(ipSum >> 8);
        ip[11] = static_cast<char>(ipSum & 0xFF);
    }
    return ip + segment;
}

QByteArray tcpSegment(quint16 sport, quint16 dport, quint32 seq, quint32 ack, quint8 flags,
                      const QByteArray &payload)
{
    QByteArray t;
    appendBe(t, sport);
    appendBe(t, dport);
    appendBe(t, seq);
    appendBe(t, ack);
    t.append(static_cast<char>(5 << 4));
    t.append(static_cast<char>(flags));
    appendBe<quint16>(t, 65535);
    appendBe<quint16>(t, 0); // checksum, filled by ipPacket
    appendBe<quint16>(t, 0);
    return t + payload;
}

class Writer
{
public:
    Writer()
    {
        appendLe<quint32>(m_out, 0xA1B2C3D4u);
        appendLe<quint16>(m_out, 2);
        appendLe<quint16>(m_out, 4);
        appendLe<qint32>(m_out, 0);
        appendLe<quint32>(m_out, 0);
        appendLe<quint32>(m_out, 262144);
        appendLe<quint32>(m_out, kLinkTypeRaw);
        m_timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    }

    void packet(const QByteArray &bytes)
    {
        appendLe<quint32>(m_out, static_cast<quint32>(m_timeUs / 1000000));
        appendLe<quint32>(m_out, static_cast<quint32>(m_timeUs % 1000000));
        appendLe<quint32>(m_out, static_cast<quint32>(bytes.size()));
        appendLe<quint32>(m_out, static_cast<quint32>(bytes.size()));
        m_out += bytes;
        m_timeUs += 100; // 100 us apart: readable, in order
    }

    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
    qint64 m_timeUs = 0;
};

enum : quint8
{
    Fin = 0x01,
    Syn = 0x02,
    Psh = 0x08,
    Ack = 0x10
};

} // namespace

QByteArray pcapOf(const QList<CraftedConnection> &connections)
{
    Writer w;
    for (const CraftedConnection &c : connections) {
        if (c.udp) {
            QByteArray u;
            appendBe(u, c.clientPort);
            appendBe(u, c.serverPort);
            appendBe<quint16>(u, static_cast<quint16>(8 + c.clientBytes.size()));
            appendBe<quint16>(u, 0);
            w.packet(ipPacket(c.client, c.server, 17, u + c.clientBytes, 6));
            continue;
        }
        quint32 cseq = 1000, sseq = 5000;
        const auto toServer = [&](quint8 flags, const QByteArray &data) {
            w.packet(ipPacket(
                c.client, c.server, 6,
                tcpSegment(c.clientPort, c.serverPort, cseq, (flags & Ack) ? sseq : 0, flags, data),
                16));
            cseq += static_cast<quint32>(data.size()) + ((flags & (Syn | Fin)) ? 1 : 0);
        };
        const auto toClient = [&](quint8 flags, const QByteArray &data) {
            w.packet(ipPacket(c.server, c.client, 6,
                              tcpSegment(c.serverPort, c.clientPort, sseq, cseq, flags, data), 16));
            sseq += static_cast<quint32>(data.size()) + ((flags & (Syn | Fin)) ? 1 : 0);
        };
        toServer(Syn, {});
        toClient(Syn | Ack, {});
        toServer(Ack, {});
        toServer(Psh | Ack, c.clientBytes);
        if (!c.serverBytes.isEmpty())
            toClient(Psh | Ack, c.serverBytes);
        toServer(Fin | Ack, {});
        toClient(Fin | Ack, {});
        toServer(Ack, {});
    }
    return w.take();
}

QString writePcap(const QString &path, const QList<CraftedConnection> &connections)
{
    return io::writeOutputFile(path, pcapOf(connections));
}

} // namespace pl::exporting
