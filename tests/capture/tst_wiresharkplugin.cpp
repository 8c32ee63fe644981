// The Wireshark plugin shipped with the package (resources/wireshark/
// privatelink.lua), run by the real tshark over the capture fixtures: every
// header it shows must carry the same fields as our decoder's, and its
// fields must filter.

#include "capture/captureengine.h"
#include "proxy/endpointtext.h"
#include "proxy/headertext.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace pl::capture;

namespace {

const QStringList kFields{"frame.number",
                          "pl.version",
                          "pl.command",
                          "pl.src",
                          "pl.dst",
                          "pl.crc32c",
                          "pl.vpc_id",
                          "pl.endpoint_id",
                          "pl.endpoint_service_id",
                          "pl.vpce_id",
                          "pl.azure_link_id",
                          "pl.gcp_psc_id",
                          "pl.aws_health_check_layout"};

QString plugin()
{
    return QStringLiteral(PL_SOURCE_DIR "/resources/wireshark/privatelink.lua");
}

QString fixture(const QString &name)
{
    return QStringLiteral(PL_CAPTURE_FIXTURES "/") + name;
}

QString text(pl::proxy::ByteSpan bytes)
{
    return QString::fromLatin1(reinterpret_cast<const char *>(bytes.data()),
                               static_cast<qsizetype>(bytes.size()));
}

// Our decoder's values for the same fields, "" where absent.
QStringList ours(const Connection &c)
{
    const pl::proxy::DecodeResult r = c.decodeHeader();
    const pl::proxy::ProxyHeader &h = r.header;
    const pl::proxy::VendorIds &v = h.vendor;
    const bool v2 = h.version == pl::proxy::Version::V2;
    const bool addresses = h.addressesDecoded && (h.family == pl::proxy::Family::Inet ||
                                                  h.family == pl::proxy::Family::Inet6);
    return {QString::number(c.headerFrame),
            QString::number(static_cast<int>(h.version)),
            QString::fromLatin1(pl::proxy::commandName(h.command)),
            addresses ? pl::proxy::endpointText(h, h.source) : QString(),
            addresses ? pl::proxy::endpointText(h, h.destination) : QString(),
            v2 ? QString::fromLatin1(pl::proxy::crcStateName(h.crcState)) : QString(),
            text(v.alibabaVpcId),
            text(v.alibabaEndpointId),
            text(v.alibabaEndpointServiceId),
            text(v.awsVpceId),
            v.azureLinkId ? QString::number(*v.azureLinkId) : QString(),
            v.gcpPscId ? QString::number(*v.gcpPscId) : QString(),
            v2 ? QString::number(h.awsHealthCheckLayout ? 1 : 0) : QString()};
}

} // namespace

class TestWiresharkPlugin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fieldsEqualOurDecoder_data();
    void fieldsEqualOurDecoder();
    void fieldsFilter_data();
    void fieldsFilter();

private:
    QMap<qint64, QStringList> tshark(const QString &file, const QString &filter = {});
    QString m_tshark;
};

void TestWiresharkPlugin::initTestCase()
{
    m_tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed (scripts/deps test installs it)");
}

QMap<qint64, QStringList> TestWiresharkPlugin::tshark(const QString &file, const QString &filter)
{
    QStringList args{QStringLiteral("-X"), QStringLiteral("lua_script:") + plugin(),
                     QStringLiteral("-r"), file,
                     QStringLiteral("-T"), QStringLiteral("fields"),
                     QStringLiteral("-Y"), filter.isEmpty() ? QStringLiteral("pl") : filter};
    for (const QString &f : kFields)
        args << QStringLiteral("-e") << f;
    QProcess p;
    p.start(m_tshark, args);
    QMap<qint64, QStringList> rows;
    if (!p.waitForFinished(60000))
        return rows;
    const QByteArray err = p.readAllStandardError();
    if (err.contains("Lua: Error") || err.contains("lua_script"))
        qWarning("%s", err.constData());
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        const QStringList cells = QString::fromUtf8(line).split(QLatin1Char('\t'));
        rows.insert(cells.value(0).toLongLong(), cells);
    }
    return rows;
}

void TestWiresharkPlugin::fieldsEqualOurDecoder_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("headers"); // headers the plugin must show
    QTest::newRow("alibaba") << "ethernet_v2_alibaba.pcap" << 1;
    QTest::newRow("aws health check, CRC + NOOP") << "aws_healthcheck_noop.pcap" << 1;
    QTest::newRow("aws health check, 0xEA") << "null_local_healthcheck.pcap" << 1;
    QTest::newRow("azure, gcp, local") << "loop_azure_gcp_local.pcap" << 3;
    QTest::newRow("wrong crc") << "raw_ipv4_options_badcrc.pcap" << 1;
    QTest::newRow("ipv6 aws") << "sll_ipv6_aws.pcap" << 1;
    QTest::newRow("udp") << "udp_dgram.pcap" << 2;
    QTest::newRow("v1") << "vlan_v1.pcap" << 2;
    QTest::newRow("pcapng") << "pcapng_v2.pcapng" << 1;
    QTest::newRow("two headers") << "two_headers.pcap" << 1;
}

void TestWiresharkPlugin::fieldsEqualOurDecoder()
{
    QFETCH(QString, file);
    QFETCH(int, headers);
    const QMap<qint64, QStringList> rows = tshark(fixture(file));

    CaptureEngine engine;
    QVERIFY(engine.openFile(fixture(file)));
    QList<Connection> connections;
    engine.run([&](QList<Connection> &&batch) { connections.append(std::move(batch)); });
    int compared = 0;
    for (const Connection &c : std::as_const(connections)) {
        if (!c.headerPresent || !rows.contains(static_cast<qint64>(c.headerFrame)))
            continue;
        QCOMPARE(rows.value(static_cast<qint64>(c.headerFrame)), ours(c));
        ++compared;
    }
    QCOMPARE(compared, headers);
}

void TestWiresharkPlugin::fieldsFilter_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QList<qint64>>("frames");
    QTest::newRow("vpc id") << "ethernet_v2_alibaba.pcap"
                            << "pl.vpc_id == \"vpc-bp179qeke0wzo1mr8bxhl\"" << QList<qint64>{5};
    QTest::newRow("another vpc id") << "ethernet_v2_alibaba.pcap"
                                    << "pl.vpc_id == \"vpc-other\"" << QList<qint64>{};
    QTest::newRow("crc verdict") << "raw_ipv4_options_badcrc.pcap"
                                 << "pl.crc32c == \"invalid\"" << QList<qint64>{4};
    QTest::newRow("azure link id") << "loop_azure_gcp_local.pcap"
                                   << "pl.azure_link_id == 553665985" << QList<qint64>{4};
}

void TestWiresharkPlugin::fieldsFilter()
{
    QFETCH(QString, file);
    QFETCH(QString, filter);
    QFETCH(QList<qint64>, frames);
    QCOMPARE(tshark(fixture(file), filter).keys(), frames);
}

QTEST_GUILESS_MAIN(TestWiresharkPlugin)
#include "tst_wiresharkplugin.moc"
