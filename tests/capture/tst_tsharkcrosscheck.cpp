// tshark 4.0 as an independent decoder over the generated captures. Where
// both decode a header, the fields both show must agree. Where they differ
// because tshark is wrong (split headers, CRC32C, vendor subtypes, TLVs near
// the end, the AWS health-check layout), the test lists it: that list is what
// this tool adds over tshark.

#include "capture/captureengine.h"
#include "proxy/headertext.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace pl::capture;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(PL_CAPTURE_FIXTURES "/") + name;
}

// The tshark fields read, in this order.
const QStringList kFields{QStringLiteral("frame.number"),   QStringLiteral("proxy.v2.version"),
                          QStringLiteral("proxy.v2.cmd"),   QStringLiteral("proxy.src.ipv4"),
                          QStringLiteral("proxy.dst.ipv4"), QStringLiteral("proxy.src.ipv6"),
                          QStringLiteral("proxy.dst.ipv6"), QStringLiteral("proxy.srcport"),
                          QStringLiteral("proxy.dstport"),  QStringLiteral("proxy.v2.tlv.type"),
                          QStringLiteral("proxy.v1.proto"), QStringLiteral("_ws.malformed")};
enum Field
{
    Frame,
    Version,
    Cmd,
    Src4,
    Dst4,
    Src6,
    Dst6,
    SrcPort,
    DstPort,
    TlvTypes,
    V1Proto,
    Malformed
};

struct TsharkRow
{
    QStringList fields;
    QString at(Field f) const { return fields.value(f); }
};

QString addressOnly(const QString &endpoint)
{
    QString a = endpoint.left(endpoint.lastIndexOf(QLatin1Char(':')));
    if (a.startsWith(QLatin1Char('[')))
        a = a.mid(1, a.size() - 2);
    return a;
}

} // namespace

class TestTsharkCrossCheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sharedFieldsAgree_data();
    void sharedFieldsAgree();
    void cleanupTestCase();

private:
    QMap<qint64, TsharkRow> tshark(const QString &path);

    QString m_tshark;
    int m_agreements = 0;
    QStringList m_tsharkWrong;
};

void TestTsharkCrossCheck::initTestCase()
{
    m_tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed (scripts/deps test installs it)");
}

QMap<qint64, TsharkRow> TestTsharkCrossCheck::tshark(const QString &path)
{
    // The PROXY dissector is heuristic only: it must run before the
    // dissectors that own ports 80/443.
    QStringList args{QStringLiteral("-r"), path,
                     QStringLiteral("-o"), QStringLiteral("tcp.try_heuristic_first:TRUE"),
                     QStringLiteral("-o"), QStringLiteral("udp.try_heuristic_first:TRUE"),
                     QStringLiteral("-Y"), QStringLiteral("proxy"),
                     QStringLiteral("-T"), QStringLiteral("fields"),
                     QStringLiteral("-E"), QStringLiteral("separator=/t"),
                     QStringLiteral("-E"), QStringLiteral("aggregator=,")};
    for (const QString &f : kFields)
        args << QStringLiteral("-e") << f;
    QProcess p;
    p.start(m_tshark, args);
    QMap<qint64, TsharkRow> rows;
    if (!p.waitForFinished(60000))
        return rows;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        TsharkRow row{QString::fromUtf8(line).split(QLatin1Char('\t'))};
        rows.insert(row.at(Frame).toLongLong(), row);
    }
    return rows;
}

void TestTsharkCrossCheck::sharedFieldsAgree_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name : {"ethernet_v2_alibaba.pcap",
                             "vlan_v1.pcap",
                             "sll_ipv6_aws.pcap",
                             "sll2_unix.pcap",
                             "null_local_healthcheck.pcap",
                             "aws_healthcheck_noop.pcap",
                             "loop_azure_gcp_local.pcap",
                             "raw_ipv4_options_badcrc.pcap",
                             "udp_dgram.pcap",
                             "split_header.pcap",
                             "out_of_order.pcap",
                             "retransmitted.pcap",
                             "mid_stream.pcap",
                             "missing_header.pcap",
                             "two_headers.pcap",
                             "snaplen_cut.pcap",
                             "gap.pcap",
                             "bigendian.pcap",
                             "nanosecond.pcap",
                             "pcapng_v2.pcapng",
                             "pcapng_two_linktypes.pcapng",
                             "pcapng_multi_interface.pcapng",
                             "pcapng_unsupported_first_interface.pcapng",
                             "ip_fragments.pcap",
                             "tfo_syn_retransmitted.pcap",
                             "tfo_syn_retransmitted_data.pcap",
                             "tso_zero_length.pcap",
                             "tunnels_vxlan_geneve.pcap"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestTsharkCrossCheck::sharedFieldsAgree()
{
    QFETCH(QString, file);
    const QString path = fixture(file);
    QMap<qint64, TsharkRow> rows = tshark(path);

    CaptureEngine engine;
    QVERIFY(engine.openFile(path));
    QList<Connection> connections;
    engine.run([&](QList<Connection> &&batch) { connections.append(std::move(batch)); });

    const auto wrong = [&](qint64 frame, const QString &what) {
        m_tsharkWrong << QStringLiteral("%1 frame %2: %3").arg(file).arg(frame).arg(what);
    };
    for (const Connection &c : std::as_const(connections)) {
        for (const Finding &f : c.findings) {
            // tshark shows the second header as an ordinary one, no warning.
            if (f.code == FindingCode::SecondHeader && rows.remove(static_cast<qint64>(f.frame)))
                wrong(static_cast<qint64>(f.frame),
                      QStringLiteral("second PROXY header on one connection shown without a "
                                     "warning (spoofing risk)"));
        }
        if (!c.headerPresent)
            continue;
        const pl::proxy::DecodeResult r = c.decodeHeader();
        const pl::proxy::ProxyHeader &h = r.header;
        if (r.needsMoreData()) {
            // Cut by the snaplen or a lost segment: tshark decodes what is
            // there as if it were the header.
            for (auto it = rows.begin(); it != rows.end();) {
                if (static_cast<std::uint64_t>(it.key()) >= c.firstFrame &&
                    static_cast<std::uint64_t>(it.key()) <= c.lastFrame) {
                    wrong(it.key(),
                          QStringLiteral("decodes an incomplete header (%1) as if it "
                                         "were whole")
                              .arg(QLatin1String(findingCodeName(c.findings.value(0).code))));
                    it = rows.erase(it);
                } else {
                    ++it;
                }
            }
            continue;
        }
        const auto frame = static_cast<qint64>(c.headerFrame);
        if (!rows.contains(frame)) {
            QString why = QStringLiteral("header not decoded");
            if (c.hasFinding(FindingCode::Retransmission))
                why += QStringLiteral(" (retransmitted segments)");
            else if (c.headerFrame != 0)
                why += QStringLiteral(" (header split across TCP segments or out of order)");
            wrong(frame, why);
            // Frames of the same connection tshark shows instead (malformed).
            for (auto it = rows.begin(); it != rows.end();) {
                if (static_cast<std::uint64_t>(it.key()) >= c.firstFrame &&
                    static_cast<std::uint64_t>(it.key()) <= c.lastFrame && it.key() != frame) {
                    wrong(it.key(), QStringLiteral("shows a partial header as malformed"));
                    it = rows.erase(it);
                } else {
                    ++it;
                }
            }
            continue;
        }
        const TsharkRow row = rows.take(frame);
        if (h.awsHealthCheckLayout) {
            // The CRC + NOOP shape parses the standard way, so tshark shows
            // addresses made of the CRC TLV's bytes.
            if (file == QLatin1String("aws_healthcheck_noop.pcap"))
                QVERIFY2(!row.at(Src4).isEmpty(), "tshark read the health check correctly");
            wrong(frame, QStringLiteral("AWS health check read with an address block: "
                                        "addresses %1 -> %2 are garbage")
                             .arg(row.at(Src4), row.at(Dst4)));
            continue;
        }
        // Shared fields: version, command, addresses and ports.
        if (h.version == pl::proxy::Version::V1) {
            QVERIFY2(!row.at(V1Proto).isEmpty(), qPrintable(file));
        } else {
            QCOMPARE(row.at(Version), QStringLiteral("2"));
            QCOMPARE(row.at(Cmd).toInt(), static_cast<int>(h.command));
        }
        if (h.addressesDecoded &&
            (h.family == pl::proxy::Family::Inet || h.family == pl::proxy::Family::Inet6)) {
            const bool v6 = h.family == pl::proxy::Family::Inet6;
            QCOMPARE(row.at(v6 ? Src6 : Src4), addressOnly(pl::proxy::endpointText(h, h.source)));
            QCOMPARE(row.at(v6 ? Dst6 : Dst4),
                     addressOnly(pl::proxy::endpointText(h, h.destination)));
            QCOMPARE(row.at(SrcPort).toInt(), static_cast<int>(h.source.port));
            QCOMPARE(row.at(DstPort).toInt(), static_cast<int>(h.destination.port));
        }
        ++m_agreements;
        // Where tshark falls short of what the header says.
        if (h.crcState == pl::proxy::CrcState::Invalid)
            wrong(frame, QStringLiteral("CRC32C not checked (ours: crc_mismatch, received "
                                        "%1, computed %2)")
                             .arg(h.crcReceived, 8, 16, QLatin1Char('0'))
                             .arg(h.crcComputed, 8, 16, QLatin1Char('0')));
        QStringList ours;
        for (const pl::proxy::Tlv tlv : h.tlvs)
            ours << QStringLiteral("0x%1").arg(tlv.type, 2, 16, QLatin1Char('0'));
        const QStringList theirs =
            row.at(TlvTypes).isEmpty() ? QStringList{} : row.at(TlvTypes).split(QLatin1Char(','));
        if (ours != theirs)
            wrong(frame, QStringLiteral("TLVs shown %1 of %2, those starting in the last 16 "
                                        "bytes are dropped (%3 vs ours %4)")
                             .arg(theirs.size())
                             .arg(ours.size())
                             .arg(theirs.join(QLatin1Char(' ')), ours.join(QLatin1Char(' '))));
        if (h.vendor.seen != 0)
            wrong(frame, QStringLiteral("vendor TLV subtypes not decoded (VPC / endpoint / "
                                        "link IDs)"));
        if (row.at(Malformed).contains(QLatin1String("malformed")))
            wrong(frame, QStringLiteral("marks a valid header malformed"));
    }
    // Fragments that overlap with other bytes: tshark rebuilds the
    // datagram (frame 20) that a receiving host drops, so no backend ever
    // read that header; the reader gives it up and counts its fragments.
    if (file == QLatin1String("ip_fragments.pcap")) {
        QVERIFY(rows.remove(20));
        QCOMPARE(engine.counters().lostFragments, 6u);
        wrong(20, QStringLiteral("rebuilds a datagram from fragments that overlap with other "
                                 "bytes (hosts drop it: RFC 5722, Linux since 4.19)"));
    }
    // Every header tshark found, we found too.
    QStringList extra;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        extra << QString::number(it.key());
    QVERIFY2(rows.isEmpty(), qPrintable(QStringLiteral("tshark decodes frames %1 that we do not")
                                            .arg(extra.join(QLatin1Char(',')))));
}

void TestTsharkCrossCheck::cleanupTestCase()
{
    if (m_tshark.isEmpty())
        return;
    qInfo().noquote()
        << QStringLiteral("fields agreed on %1 headers decoded by both").arg(m_agreements);
    qInfo().noquote() << QStringLiteral("what tshark gets wrong that we get right (%1):")
                             .arg(m_tsharkWrong.size());
    for (const QString &line : std::as_const(m_tsharkWrong))
        qInfo().noquote() << QStringLiteral("  ") + line;
    QVERIFY(m_agreements >= 15);
    QVERIFY(!m_tsharkWrong.isEmpty());
}

QTEST_GUILESS_MAIN(TestTsharkCrossCheck)
#include "tst_tsharkcrosscheck.moc"
