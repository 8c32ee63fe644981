// The CLI with the files people really point it at: devices, FIFOs,
// standard output, a full disk, endless inputs. Nothing the user owns may be
// replaced, no output error may pass silently, no input may grow unbounded.

#include "plinspectprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/types.h>

using pl::test::plinspect;
using pl::test::Run;

namespace {

const QStringList kCraftLocal{QStringLiteral("craft"), QStringLiteral("--command"),
                              QStringLiteral("local"), QStringLiteral("--crc32c"),
                              QStringLiteral("none")};

// 16 bytes: the v2 signature, LOCAL, UNSPEC, length 0.
const QByteArray kLocalHeader = QByteArray::fromHex("0d0a0d0a000d0a515549540a20000000");

bool isFifo(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// Runs a shell line (for redirections a QProcess cannot express).
Run shell(const QString &line)
{
    return pl::test::runProcess(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), line});
}

QString bin()
{
    return QStringLiteral(PL_PLINSPECT);
}

} // namespace

class TestCliFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void craftIntoAFifoWritesThrough_data();
    void craftIntoAFifoWritesThrough();
    void craftToStandardOutput_data();
    void craftToStandardOutput();
    void craftStillSavesRegularFilesAtomically();
    void fullDiskIsAnError_data();
    void fullDiskIsAnError();
    void endlessInputsAreCapped_data();
    void endlessInputsAreCapped();
    void guiAnswersHelpWithoutADisplay_data();
    void guiAnswersHelpWithoutADisplay();

private:
    QTemporaryDir m_dir;
};

void TestCliFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestCliFiles::craftIntoAFifoWritesThrough_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("expectStart");
    QTest::newRow("--out") << "--out" << kLocalHeader;
    // pcap magic, little-endian microseconds
    QTest::newRow("--pcap") << "--pcap" << QByteArray::fromHex("d4c3b2a1");
}

void TestCliFiles::craftIntoAFifoWritesThrough()
{
    QFETCH(QString, option);
    QFETCH(QByteArray, expectStart);
    const QString fifo = m_dir.filePath(QStringLiteral("fifo") + option);
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QProcess reader;
    reader.start(QStringLiteral("cat"), {fifo});
    QVERIFY(reader.waitForStarted());
    const Run r = plinspect(kCraftLocal + QStringList{option, fifo});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(reader.waitForFinished(10000));
    QVERIFY2(isFifo(fifo), "the FIFO was replaced by a regular file");
    QVERIFY(reader.readAllStandardOutput().startsWith(expectStart));
}

void TestCliFiles::craftToStandardOutput_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("-") << "-";
    QTest::newRow("/dev/stdout") << "/dev/stdout";
}

void TestCliFiles::craftToStandardOutput()
{
    QFETCH(QString, target);
    const Run r = plinspect(kCraftLocal + QStringList{QStringLiteral("--out"), target});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, kLocalHeader);
}

void TestCliFiles::craftStillSavesRegularFilesAtomically()
{
    const QString path = m_dir.filePath(QStringLiteral("header.bin"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("previous content, longer than the header that replaces it");
    old.close();
    const Run r = plinspect(kCraftLocal + QStringList{QStringLiteral("--out"), path});
    QCOMPARE(r.exitCode, 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), kLocalHeader);
    // A directory cannot be a target and is left alone.
    const Run dir = plinspect(kCraftLocal + QStringList{QStringLiteral("--out"), m_dir.path()});
    QCOMPARE(dir.exitCode, 2);
    QVERIFY(QFileInfo(m_dir.path()).isDir());
}

void TestCliFiles::fullDiskIsAnError_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::newRow("craft") << "craft --command local";
    QTest::newRow("craft --out -") << "craft --command local --out -";
    QTest::newRow("decode --json") << "decode --json --hex 0d0a0d0a000d0a515549540a20000000";
    QTest::newRow("decode capture --json")
        << "decode --json " PL_CAPTURE_FIXTURES "/ethernet_v2_alibaba.pcap";
    QTest::newRow("help") << "--help";
    QTest::newRow("policy lint --json")
        << "policy lint --json " PL_SOURCE_DIR "/tests/data/policy/lint-findings.json";
}

void TestCliFiles::fullDiskIsAnError()
{
    QFETCH(QString, arguments);
    const Run r = shell(bin() + QLatin1Char(' ') + arguments + QStringLiteral(" > /dev/full"));
    QVERIFY2(r.exitCode != 0, "wrote nothing and exited 0");
    QVERIFY2(r.err.contains("No space left on device"), r.err.constData());
}

void TestCliFiles::endlessInputsAreCapped_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("limit");
    QTest::newRow("decode") << QStringList{"decode", "/dev/zero"} << "1 MiB";
    QTest::newRow("send --payload-file")
        << QStringList{"send", "127.0.0.1:9", "--command", "local", "--payload-file", "/dev/zero"}
        << "64 MiB";
    QTest::newRow("send --matrix")
        << QStringList{"send", "127.0.0.1:9", "--matrix", "/dev/zero"} << "16 MiB";
}

void TestCliFiles::endlessInputsAreCapped()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, limit);
    const Run r = plinspect(arguments, 20000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(limit.toUtf8()), r.err.constData());
    QVERIFY(r.err.contains("/dev/zero"));
}

void TestCliFiles::guiAnswersHelpWithoutADisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("expect");
    QTest::newRow("--help") << "--help" << QByteArray("--sample");
    QTest::newRow("--version") << "--version" << QByteArray("privatelink-inspector ");
}

void TestCliFiles::guiAnswersHelpWithoutADisplay()
{
#ifndef PL_GUI_BINARY
    QSKIP("built without the GUI");
#else
    // Over ssh or in CI there is no display: QApplication aborts there, so
    // --help and --version must be answered before it exists.
    QFETCH(QString, option);
    QFETCH(QByteArray, expect);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PL_GUI_BINARY), {option});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains(expect));
#endif
}

QTEST_GUILESS_MAIN(TestCliFiles)
#include "tst_clifiles.moc"
