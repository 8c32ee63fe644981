// The TCP flow table: many flows open at once, closed in any order, and
// flow hashes that spread over the low bits the table indexes by.

#include "capture/tcpflowtable.h"
#include "perf/bytehash.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>

using namespace pl::capture;

class TestTcpFlowTable : public QObject
{
    Q_OBJECT

private slots:
    void manyOpenFlowsCloseInAnyOrder();
    void hashesSpreadOverLowBits();
    void craftedKeysDoNotCollide();
    void aSynWithAnotherIsnIsANewConnection();
    void hashTailIsEveryByte();
};

void TestTcpFlowTable::manyOpenFlowsCloseInAnyOrder()
{
    // 3,000 connections open at once (IPv4 and IPv6), closed in a random
    // order, some reset, some 4-tuples reused after their close, some opened
    // again by a SYN while still open, some still open at the end: every
    // connection comes out once, with its own header.
    // The flow index grows several times and closes gaps in its probe runs
    // on every removal; a lost or misplaced flow would show as a missing
    // record, a wrong port or a "header missing" finding.
    QList<Connection> out;
    TcpFlowTable table(TcpFlow::Options{}, [&](Connection &&c) { out.append(std::move(c)); });
    std::uint64_t frame = 0;
    const auto send = [&](const NetEndpoint &from, const NetEndpoint &to, std::uint32_t seq,
                          std::uint8_t flags, const QByteArray &payload) {
        const pl::proxy::ByteSpan bytes(reinterpret_cast<const std::uint8_t *>(payload.constData()),
                                        static_cast<std::size_t>(payload.size()));
        ++frame;
        table.add(TcpSegment{from, to, seq, flags, bytes, static_cast<std::uint32_t>(bytes.size()),
                             frame, static_cast<std::int64_t>(frame)});
    };
    constexpr int kFlows = 3000;
    const NetEndpoint server4{{10, 0, 0, 2}, 80, false};
    const NetEndpoint server6{
        {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 80, true};
    const auto clientOf = [](int i) {
        const auto port = static_cast<std::uint16_t>(20000 + i);
        if (i % 3 == 0)
            return NetEndpoint{
                {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}, port, true};
        return NetEndpoint{
            {10, 1, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)}, port, false};
    };
    const auto serverOf = [&](int i) {
        return i % 3 == 0 ? server6 : server4;
    };
    const auto headerOf = [](int i, int round) {
        return QStringLiteral(
                   "PROXY TCP4 192.0.2.%1 198.51.100.1 %2 443\r\nGET /%3 HTTP/1.0\r\n\r\n")
            .arg(i % 250 + 1)
            .arg(20000 + i)
            .arg(round)
            .toLatin1();
    };
    const auto open = [&](int i, int round) {
        send(clientOf(i), serverOf(i), 1000, tcpflag::Syn, {});
        send(serverOf(i), clientOf(i), 5000, tcpflag::Syn | tcpflag::Ack, {});
        send(clientOf(i), serverOf(i), 1001, tcpflag::Ack, headerOf(i, round));
    };
    const auto close = [&](int i, int round) {
        const auto next = static_cast<std::uint32_t>(1001 + headerOf(i, round).size());
        if (i % 7 == 0) {
            send(clientOf(i), serverOf(i), next, tcpflag::Rst, {});
            return;
        }
        send(clientOf(i), serverOf(i), next, tcpflag::Fin | tcpflag::Ack, {});
        send(serverOf(i), clientOf(i), 5001, tcpflag::Fin | tcpflag::Ack, {});
    };
    for (int i = 0; i < kFlows; ++i)
        open(i, 0);
    QCOMPARE(table.openFlows(), std::size_t{kFlows});
    QList<int> order;
    for (int i = 0; i < kFlows; ++i)
        order.append(i);
    QRandomGenerator random(20261125);
    std::shuffle(order.begin(), order.end(), random);
    QList<int> expected; // (index, round) as index + round * kFlows, in close order
    QList<int> reopened;
    for (int k = 0; k < kFlows; ++k) {
        const int i = order[k];
        if (i % 20 == 19) {
            // A new SYN on an open 4-tuple that carried data: the old
            // connection ends there (still open), the new one stays open.
            open(i, 1);
            expected.append(i);
            reopened.append(i + kFlows);
            continue;
        }
        if (i % 10 == 9)
            continue; // left open until the end
        close(i, 0);
        expected.append(i);
        if (k % 5 == 0) { // the same 4-tuple again, while others are still open
            open(i, 1);
            close(i, 1);
            expected.append(i + kFlows);
        }
    }
    QCOMPARE(table.openFlows(), std::size_t{kFlows / 10});
    table.flush();
    for (int i = 9; i < kFlows; i += 20)
        expected.append(i); // flush(): oldest first, i.e. by index...
    expected += reopened;   // ...then those opened again, in that order
    QCOMPARE(table.openFlows(), std::size_t{0});
    QCOMPARE(out.size(), expected.size());
    for (qsizetype k = 0; k < out.size(); ++k) {
        const int i = expected[k] % kFlows;
        const int round = expected[k] / kFlows;
        const Connection &c = out[k];
        QVERIFY2(c.client == clientOf(i), qPrintable(endpointText(c.client)));
        QVERIFY(c.server == serverOf(i));
        QCOMPARE(c.headerBytes + "GET /" + QByteArray::number(round) + " HTTP/1.0\r\n\r\n",
                 headerOf(i, round));
        QCOMPARE(c.headerError, pl::proxy::ErrorCode::None);
        QCOMPARE(c.decodeHeader().header.source.port, static_cast<std::uint16_t>(20000 + i));
        QCOMPARE(c.end, i % 10 == 9 ? EndState::Open : i % 7 == 0 ? EndState::Rst : EndState::Fin);
        QVERIFY2(c.findings.isEmpty(), qPrintable(findingMessage(c.findings.value(0))));
    }
    QCOMPARE(table.straySegments(), 0u);
}

void TestTcpFlowTable::hashesSpreadOverLowBits()
{
    // The flow table and the ID and summary tables take slots from the low
    // bits of their hashes. Keys that differ only in a few bytes must still
    // spread: 1,000 random keys in 1,024 slots fill about 630 of them.
    const auto distinct = [](const auto &hashes) {
        std::set<std::uint64_t> used;
        for (const std::uint64_t h : hashes)
            used.insert(h & 1023);
        return used.size();
    };
    // One proxy to one backend: only the client port differs, with the
    // client's address below the server's (low port) and above it (high port).
    for (const int clientLast : {1, 200}) {
        QList<std::uint64_t> hashes;
        const NetEndpoint server{{10, 0, 0, 100}, 80, false};
        for (std::uint16_t port = 20000; port < 21000; ++port) {
            const NetEndpoint client{
                {10, 0, 0, static_cast<std::uint8_t>(clientLast)}, port, false};
            hashes.append(FlowKeyHash{}(FlowKey::of(client, server)));
        }
        QVERIFY2(distinct(hashes) > 550, qPrintable(QString::number(distinct(hashes))));
    }
    // Texts that differ in one or two bytes anywhere in a word.
    QList<std::uint64_t> hashes;
    for (int i = 0; i < 1000; ++i) {
        const std::string text =
            "HTTP/1." + std::to_string(i % 10) + " " + std::to_string(100 + i / 10) + " OK";
        hashes.append(pl::perf::hashBytes(text));
    }
    QVERIFY2(distinct(hashes) > 550, qPrintable(QString::number(distinct(hashes))));
}

void TestTcpFlowTable::craftedKeysDoNotCollide()
{
    // 1,000 flows whose server address cancels the client port in a fold
    // of the words by XOR (b >> 3 ^ port << 16 held constant): a capture
    // made of them put every flow in one probe run, and reading it went
    // quadratic. They must spread like any keys.
    const auto rotl = [](std::uint64_t w, int n) {
        return (w << n) | (w >> (64 - n));
    };
    const auto xorFold = [&](const FlowKey &k) {
        return k.lowIp[0] ^ rotl(k.lowIp[1], 13) ^ rotl(k.highIp[0], 29) ^ rotl(k.highIp[1], 43) ^
               (std::uint64_t{k.lowPort} << 48 | std::uint64_t{k.highPort} << 32);
    };
    const NetEndpoint client0{{10, 0, 0, 1}, 0, false};
    std::set<std::uint64_t> folds;
    std::set<std::uint64_t> homes;
    std::set<std::uint64_t> clients; // the flows are distinct
    for (std::uint32_t port = 4096; port < 5096; ++port) {
        // The server's address word (little-endian) b with b >> 3 == port << 16.
        const std::uint32_t b = (port << 16) << 3;
        NetEndpoint server{{}, 80, false};
        std::memcpy(server.ip.data(), &b, 4);
        NetEndpoint client = client0;
        client.port = static_cast<std::uint16_t>(port);
        const FlowKey key = FlowKey::of(client, server);
        QCOMPARE(key.lowPort, client.port); // the client's word is the lower
        folds.insert(xorFold(key));
        homes.insert(FlowKeyHash{}(key)&1023);
        clients.insert(std::uint64_t{port} << 32 | b);
    }
    QCOMPARE(clients.size(), std::size_t{1000});
    QCOMPARE(folds.size(), std::size_t{1}); // the keys are the adversarial ones
    QVERIFY2(homes.size() > 550, qPrintable(QString::number(homes.size())));
}

void TestTcpFlowTable::aSynWithAnotherIsnIsANewConnection()
{
    // A health check that opened and carried nothing, its close not
    // captured, then a client on the same ports with a new initial
    // sequence number: two connections, not one with a resent SYN. A SYN
    // resent with the same number stays the same connection.
    QList<Connection> out;
    TcpFlowTable table(TcpFlow::Options{}, [&](Connection &&c) { out.append(std::move(c)); });
    std::uint64_t frame = 0;
    const NetEndpoint client{{10, 0, 0, 1}, 40000, false};
    const NetEndpoint server{{10, 0, 0, 2}, 80, false};
    const auto send = [&](bool fromClient, std::uint32_t seq, std::uint8_t flags,
                          const QByteArray &payload = {}) {
        const pl::proxy::ByteSpan bytes(reinterpret_cast<const std::uint8_t *>(payload.constData()),
                                        static_cast<std::size_t>(payload.size()));
        ++frame;
        table.add(TcpSegment{fromClient ? client : server, fromClient ? server : client, seq, flags,
                             bytes, static_cast<std::uint32_t>(bytes.size()), frame,
                             static_cast<std::int64_t>(frame)});
    };
    send(true, 1000, tcpflag::Syn);
    send(true, 1000, tcpflag::Syn); // resent
    send(false, 5000, tcpflag::Syn | tcpflag::Ack);
    send(true, 1001, tcpflag::Ack);
    const QByteArray header("PROXY TCP4 192.0.2.1 198.51.100.1 40000 80\r\nGET / HTTP/1.0\r\n\r\n");
    send(true, 90000, tcpflag::Syn);
    send(false, 70000, tcpflag::Syn | tcpflag::Ack);
    send(true, 90001, tcpflag::Ack, header);
    table.flush();
    QCOMPARE(out.size(), 2);
    QCOMPARE(out[0].firstFrame, 1u);
    QVERIFY(!out[0].headerPresent);
    QCOMPARE(out[1].firstFrame, 5u);
    QVERIFY(out[1].headerPresent);
    QCOMPARE(out[1].headerError, pl::proxy::ErrorCode::None);
}

void TestTcpFlowTable::hashTailIsEveryByte()
{
    // hashBytes reads the last 1-7 bytes with two overlapping loads: it must
    // equal the plain definition (those bytes copied into a zeroed word) at
    // every length and offset, and every byte of the tail must count.
    const auto reference = [](std::string_view bytes) {
        std::uint64_t h = bytes.size() * 0x9E3779B97F4A7C15ull;
        std::size_t at = 0;
        for (; at + 8 <= bytes.size(); at += 8) {
            std::uint64_t word;
            std::memcpy(&word, bytes.data() + at, 8);
            h = (h ^ word) * 0xFF51AFD7ED558CCDull;
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
        h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93ull;
        return h ^ (h >> 32);
    };
    std::string buffer(64, '\0');
    for (std::size_t i = 0; i < buffer.size(); ++i)
        buffer[i] = static_cast<char>(0x80 + i * 37);
    for (std::size_t offset = 0; offset < 8; ++offset) {
        for (std::size_t length = 0; length <= 40; ++length) {
            const std::string_view bytes(buffer.data() + offset, length);
            QCOMPARE(pl::perf::hashBytes(bytes), reference(bytes));
            for (std::size_t flip = 0; flip < length; ++flip) {
                std::string changed(bytes);
                changed[flip] = static_cast<char>(changed[flip] ^ 0x01);
                QVERIFY(pl::perf::hashBytes(changed) != pl::perf::hashBytes(bytes));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestTcpFlowTable)
#include "tst_tcpflowtable.moc"
