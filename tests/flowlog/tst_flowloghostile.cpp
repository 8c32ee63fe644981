// The flow-log check on broken and hostile input, as users' files come:
// escaped JSON strings, byte-order marks, a stray first line, records run
// together, over-long lines, cut gzip/zstd downloads, impossible values,
// counters that would wrap, and output text a spreadsheet would run. Each
// case is counted and located (or refused with a reason), never a crash, a
// silent loss or a wrong total.

#include "flowlog/flowanalyzer.h"
#include "flowlog/flowreportformat.h"
#include "flowlog/ownership.h"
#include "flowlog/recordreader.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <lz4frame.h>
#include <sstream>
#include <zlib.h>
#include <zstd.h>

using namespace pl::flowlog;

namespace {

struct Read
{
    ReadStats stats;
    std::vector<std::string> vmIds, vpcIds; // copied in the sink, per record
    std::vector<std::string> sources;       // "address port"
    std::vector<std::uint64_t> lines;
};

Read readPath(const std::string &path, ReadOptions options = {})
{
    Read r;
    RecordReader reader(options);
    reader.readFiles(
        {path},
        [&r](const FlowRecord &rec, std::uint32_t, std::uint64_t line) {
            r.vmIds.emplace_back(rec.vmId);
            r.vpcIds.emplace_back(rec.vpcId);
            r.sources.push_back(ipAddressText(rec.src) + " " + std::to_string(rec.srcPort));
            r.lines.push_back(line);
        },
        r.stats);
    return r;
}

// A file of two records: the first read, the second malformed for
// `reason`. The caller returns when QTest::currentTestFailed().
void expectSecondMalformed(const Read &r, const std::string &reason)
{
    QCOMPARE(r.stats.records, 1u);
    QCOMPARE(r.stats.malformed, 1u);
    QCOMPARE(r.stats.malformedSamples.front().reason, reason);
}

std::string writeFile(const QTemporaryDir &dir, const char *name, const std::string &bytes)
{
    const std::string path = dir.filePath(QString::fromLatin1(name)).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string jsonRecord(int i, const std::string &vmId = "i-1")
{
    return R"({"eni-id":"eni-)" + std::to_string(i) + R"(","vm-id":")" + vmId +
           R"(","log-status":"OK","direction":"out","action":"ACCEPT","protocol":"6",)"
           R"("srcaddr":"10.0.0.1","srcport":"40000","dstaddr":"1.1.1.1","dstport":"443",)"
           R"("bytes":"100","start":"1720775400","end":"1720775460"})";
}

// The line with some keys' raw JSON values replaced, or added when absent
// (a key twice is itself malformed). "key=value;key=value".
std::string withFields(std::string line, const QString &changes)
{
    for (const QString &change : changes.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = change.indexOf(QLatin1Char('='));
        const std::string name = "\"" + change.left(eq).toStdString() + "\":";
        const std::string value = change.mid(eq + 1).toStdString();
        const std::size_t at = line.find(name);
        if (at == std::string::npos) {
            line.insert(line.size() - 1, "," + name + value);
            continue;
        }
        const std::size_t from = at + name.size();
        line.replace(from, line.find_first_of(",}", from) - from, value);
    }
    return line;
}

std::string gzipped(const std::string &text)
{
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY); // gzip wrapper
    std::string out(deflateBound(&zs, uLong(text.size())) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    zs.avail_in = uInt(text.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

std::string zstdCompressed(const std::string &text)
{
    std::string out(ZSTD_compressBound(text.size()), '\0');
    out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
    return out;
}

// As the zstd tool writes it: with the frame's content checksum, which is
// what lets a decoder see damage inside a block.
std::string zstdWithChecksum(const std::string &text)
{
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
    std::string out(ZSTD_compressBound(text.size()), '\0');
    out.resize(ZSTD_compress2(cctx, out.data(), out.size(), text.data(), text.size()));
    ZSTD_freeCCtx(cctx);
    return out;
}

std::string lz4Compressed(const std::string &text)
{
    LZ4F_preferences_t preferences{};
    preferences.frameInfo.blockSizeID = LZ4F_max64KB; // several blocks
    std::string out(LZ4F_compressFrameBound(text.size(), &preferences), '\0');
    out.resize(LZ4F_compressFrame(out.data(), out.size(), text.data(), text.size(), &preferences));
    return out;
}

FlowReport analyse(const std::string &path)
{
    Ownership ownership;
    FlowAnalyzer analyzer(ownership);
    RecordReader reader;
    ReadStats stats;
    reader.readFiles(
        {path},
        [&analyzer](const FlowRecord &r, std::uint32_t file, std::uint64_t line) {
            analyzer.add(r, file, line);
        },
        stats);
    return analyzer.finish(stats);
}

} // namespace

class TestFlowlogHostile : public QObject
{
    Q_OBJECT

private slots:
    void escapedValuesKeepTheirOwnText();
    void oddLines_data();
    void oddLines();
    void truncatedDownloadsAreErrors_data();
    void truncatedDownloadsAreErrors();
    void corruptDataIsAnErrorWithItsByte_data();
    void corruptDataIsAnErrorWithItsByte();
    void containersNotReadAreNamed_data();
    void containersNotReadAreNamed();
    void impossibleValuesAreMalformed_data();
    void impossibleValuesAreMalformed();
    void wordsThatAreNoNullAreMalformed();
    void skippableFramesLeadToZstdOrLz4_data();
    void skippableFramesLeadToZstdOrLz4();
    void sumsDoNotWrap();
    void csvOutputIsSafe();
    void headerColumnsNotReadAreSaid();
    void csvQuotesInInput();
    void natFieldsWithoutDirectionAreNoted();
    void concatenatedFormats();
    void ownershipInputs();
};

void TestFlowlogHostile::escapedValuesKeepTheirOwnText()
{
    // Escaped strings are unescaped into the JSON parser's buffer, which the
    // next line reuses: every record must keep its own text, batches of
    // lines on worker threads included (they used to carry the last line's
    // or freed bytes).
    std::string text;
    for (int i = 0; i < 5000; ++i) {
        const std::string line = jsonRecord(i, "i-\\u0041" + std::to_string(i) + "\\/x");
        text += withFields(line, QStringLiteral(R"(vpc-id="vpc-\"%1\"")").arg(i % 7)) + "\n";
    }
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "escaped.jsonl", text);
    for (const int threads : {0, 2}) {
        ReadOptions options;
        options.parseThreads = threads;
        const Read r = readPath(path, options);
        QCOMPARE(r.stats.malformed, 0u);
        QCOMPARE(r.vmIds.size(), std::size_t(5000));
        for (std::size_t i = 0; i < r.vmIds.size(); ++i) {
            QCOMPARE(r.vmIds[i], "i-A" + std::to_string(i) + "/x");
            QCOMPARE(r.vpcIds[i], "vpc-\"" + std::to_string(i % 7) + "\"");
        }
    }
}

void TestFlowlogHostile::oddLines_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("awsFormat");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("malformed");
    QTest::addColumn<int>("lines");
    QTest::addColumn<QString>("firstBad"); // line: reason (start of)

    const QByteArray bom = "\xEF\xBB\xBF";
    const auto rec = [](int i) {
        return QByteArray::fromStdString(jsonRecord(i));
    };
    const QByteArray three = rec(1) + "\n" + rec(2) + "\n" + rec(3) + "\n";
    QTest::newRow("a byte-order mark alone") << bom << QString() << 0 << 0 << 0 << QString();
    QTest::newRow("a byte-order mark, then a blank line")
        << bom + "\r\n" + three << QString() << 3 << 0 << 3 << QString();
    QTest::newRow("a byte-order mark before JSON")
        << bom + three << QString() << 3 << 0 << 3 << QString();
    QTest::newRow("a stray first line") << "oops\n" + three << QString() << 3 << 1 << 4
                                        << QStringLiteral("1: neither a flow-log record");
    QTest::newRow("a number first") << "42\n" + three << QString() << 3 << 1 << 4
                                    << QStringLiteral("1: neither a flow-log record");
    QTest::newRow("two records on one line")
        << rec(1) + "\n" + rec(2) + rec(3) + "\n" + rec(4) + "\n"
        << QString() << 2 << 1 << 3 << QStringLiteral("2: not JSON");
    QTest::newRow("lines ended by CR alone")
        << rec(1) + "\r" + rec(2) + "\r" + rec(3) + "\r" << QString() << 0 << 1 << 1
        << QStringLiteral("1: not JSON");
    const QByteArray header =
        "srcaddr,dstaddr,srcport,dstport,protocol,direction,action,log-status\n";
    const QByteArray row = "10.0.0.1,1.1.1.1,40000,443,6,out,ACCEPT,OK\n";
    QTest::newRow("CSV exports concatenated: the header again")
        << header + row + row + header + row << QString() << 3 << 0 << 3 << QString();
    const QByteArray cloudWatch = "eni-cw1 10.0.0.1 1.1.1.1 40000 443 6 1 100 1720775400 "
                                  "1720775460 ACCEPT OK\n";
    QTest::newRow("a header-less export whose first field is the ENI")
        << cloudWatch + cloudWatch
        << QStringLiteral("interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                          "start end action log-status")
        << 2 << 0 << 2 << QString();
    // A JSON array with a record per line is read; pretty-printed (jq
    // without -c, a console download), every line is malformed and the
    // first says what to do.
    QTest::newRow("a JSON array, a record per line") << "[\n" + rec(1) + ",\n" + rec(2) + "\n]\n"
                                                     << QString() << 2 << 0 << 2 << QString();
    QTest::newRow("a JSON array, commas on lines of their own")
        << "[\n" + rec(1) + "\n,\n" + rec(2) + " ,\n  ]\n"
        << QString() << 2 << 0 << 2 << QString();
    QTest::newRow("a pretty-printed JSON array")
        << QByteArray("[\n  {\n    \"eni-id\": \"eni-1\"\n  }\n]\n") << QString() << 0 << 3 << 3
        << QStringLiteral("2: a JSON document (an array");
    QTest::newRow("a JSON array opened on the first record's line")
        << "[" + rec(1) + ",\n" + rec(2) + "]\n"
        << QString() << 0 << 2 << 2 << QStringLiteral("1: a JSON document (an array");
    QTest::newRow("a pretty-printed object")
        << QByteArray("{\n  \"eni-id\": \"eni-1\",\n  \"srcaddr\": \"10.0.0.1\"\n}\n") << QString()
        << 0 << 4 << 4 << QStringLiteral("1: a JSON document (an array");
    // CloudWatch Logs events, one per line: each message is an AWS record.
    const auto event = [](const QByteArray &message) -> QByteArray { // not a QStringBuilder
        return "{\"timestamp\":1720775460000,\"message\":\"" + message + "\"}\n";
    };
    const QByteArray v2 = "2 1 eni-cw1 10.0.0.1 1.1.1.1 40000 443 6 1 100 1720775400 1720775460 "
                          "ACCEPT OK";
    QTest::newRow("CloudWatch events, the default format")
        << event(v2) + event(v2) << QString() << 2 << 0 << 2 << QString();
    QTest::newRow("CloudWatch events, a message with JSON escapes")
        << event(v2) + event(QByteArray(v2).replace(' ', "\\u0020")) << QString() << 2 << 0 << 2
        << QString();
    QTest::newRow("CloudWatch events of a custom format, given")
        << event(cloudWatch.trimmed())
        << QStringLiteral("interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                          "start end action log-status")
        << 1 << 0 << 1 << QString();
    QTest::newRow("CloudWatch events of a custom format, not given")
        << event(cloudWatch.trimmed()) + event(v2) << QString() << 1 << 1 << 2
        << QStringLiteral("1: wrong field count (12, the format has 14) in the message: give "
                          "the log's format with --format");
    QTest::newRow("a CloudWatch event without its message")
        << event(v2) + "{\"timestamp\":1720775460000}\n"
        << QString() << 1 << 1 << 2
        << QStringLiteral("2: a JSON object without a flow-log record or a \"message\"");
    // CloudWatch Logs subscription messages as Firehose writes them to S3:
    // JSON objects back to back, each event's message an AWS record.
    const auto subscription = [](const QList<QByteArray> &messages,
                                 const QByteArray &group = "flow-logs") -> QByteArray {
        QByteArray events;
        for (const QByteArray &m : messages)
            events += (events.isEmpty() ? "" : ",") + QByteArray("{\"id\":\"1\",\"message\":\"") +
                      m + "\"}";
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"" + group +
               "\",\"logEvents\":[" + events + "]}";
    };
    const QByteArray control =
        "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"message\":"
        "\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";
    QTest::newRow("subscription messages back to back")
        << control + subscription({v2, v2}) + subscription({v2}) << QString() << 3 << 0 << 3
        << QString();
    QTest::newRow("subscription messages a line each, CRLF, a byte-order mark")
        << bom + subscription({v2}) + "\r\n\r\n" + subscription({v2}) + "\r\n"
        << QString() << 2 << 0 << 2 << QString();
    QTest::newRow("pretty-printed subscription messages (jq .): numbered by their lines")
        << "{\n  \"messageType\": \"DATA_MESSAGE\",\n  \"logEvents\": [\n    {\"message\": \"" +
               v2 + "\"}\n  ]\n}\n{\n  \"logEvents\": 3\n}\n"
        << QString() << 1 << 1 << 2 << QStringLiteral("7: a CloudWatch Logs message without");
    // What `aws logs filter-log-events` and `get-log-events` print.
    QTest::newRow("aws logs filter-log-events output, pretty-printed")
        << "{\n    \"events\": [\n        {\n            \"logStreamName\": \"eni-cw1-all\",\n"
           "            \"timestamp\": 1720775460000,\n            \"message\": \"" +
               v2 +
               "\",\n            \"eventId\": \"1\"\n        },\n        {\n"
               "            \"message\": \"" +
               v2 + "\"\n        }\n    ],\n    \"searchedLogStreams\": []\n}\n"
        << QString() << 2 << 0 << 2 << QString();
    QTest::newRow("aws logs get-log-events output, compact")
        << "{\"events\":[{\"timestamp\":1,\"message\":\"" + v2 +
               "\"}],\"nextForwardToken\":\"f/1\",\"nextBackwardToken\":\"b/1\"}"
        << QString() << 1 << 0 << 1 << QString();
    QTest::newRow("a subscription's health check alone")
        << control << QString() << 0 << 0 << 0 << QString();
    QTest::newRow("braces and escaped quotes inside a subscription's strings")
        << subscription({v2}, "a}{b\\\"}]") + subscription({v2}, "[{") << QString() << 2 << 0 << 2
        << QString();
    QTest::newRow("text between subscription messages")
        << subscription({v2}) + "\noops\n" + subscription({v2}) << QString() << 2 << 1 << 3
        << QStringLiteral("2: not a CloudWatch Logs subscription message: not JSON");
    QTest::newRow("a subscription message cut short")
        << subscription({v2}) + "\n" + subscription({v2}).chopped(5) << QString() << 1 << 1 << 2
        << QStringLiteral("2: not a CloudWatch Logs subscription message: not JSON");
    QTest::newRow("a subscription message without its events")
        << subscription({v2}) + "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":7}" << QString()
        << 1 << 1 << 2 << QStringLiteral("1: a CloudWatch Logs message without a \"logEvents\"");
    QTest::newRow("a subscription event without a message")
        << subscription({v2}).replace("]}", ",{\"id\":\"2\",\"message\":null}]}") << QString() << 1
        << 1 << 2 << QStringLiteral("1: a CloudWatch Logs event without a string \"message\"");
    QTest::newRow("subscription events of a custom format, not given")
        << subscription({cloudWatch.trimmed(), v2}) << QString() << 1 << 1 << 2
        << QStringLiteral("1: wrong field count (12, the format has 14) in a subscription event: "
                          "give the log's format with --format");
    QTest::newRow("subscription events of a custom format, given")
        << subscription({cloudWatch.trimmed()})
        << QStringLiteral("interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                          "start end action log-status")
        << 1 << 0 << 1 << QString();
    QTest::newRow("a subscription message over 16 MiB: skipped, the next one read")
        << subscription({v2}) + "\n" + subscription({v2}, QByteArray(17 << 20, 'x')) +
               subscription({v2})
        << QString() << 2 << 1 << 3 << QStringLiteral("2: JSON object of 16 MiB or more: skipped");
    QTest::newRow("a line over 16 MiB: one line, skipped, numbers kept")
        << rec(1) + "\n" + QByteArray(17 << 20, 'x') + "\nbad\n" + rec(2) + "\n"
        << QString() << 2 << 2 << 4 << QStringLiteral("2: line of 16 MiB or more");
}

void TestFlowlogHostile::oddLines()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, awsFormat);
    QFETCH(int, records);
    QFETCH(int, malformed);
    QFETCH(int, lines);
    QFETCH(QString, firstBad);
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "odd.log", bytes.toStdString());
    ReadOptions options;
    for (const QString &name : awsFormat.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        options.awsFormat.push_back(name.toStdString());
    const Read r = readPath(path, options);
    QCOMPARE(r.stats.records, std::uint64_t(records));
    QCOMPARE(r.stats.malformed, std::uint64_t(malformed));
    QCOMPARE(r.stats.lines, std::uint64_t(lines));
    if (!firstBad.isEmpty()) {
        QVERIFY(!r.stats.malformedSamples.empty());
        const Malformed &m = r.stats.malformedSamples.front();
        const QString got =
            QString::number(m.line) + QStringLiteral(": ") + QString::fromStdString(m.reason);
        QVERIFY2(got.startsWith(firstBad), qPrintable(got));
    }
}

void TestFlowlogHostile::truncatedDownloadsAreErrors_data()
{
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += jsonRecord(i) + "\n";
    const std::string gz = gzipped(text);
    const std::string zst = zstdCompressed(text);
    const std::string lz4 = lz4Compressed(text);
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("cut");
    QTest::addColumn<int>("records"); // -1: some, not all (of 5000, or of 10000 for two frames)
    QTest::newRow("gzip, whole") << QByteArray::fromStdString(gz) << false << 5000;
    QTest::newRow("gzip, cut in the middle")
        << QByteArray::fromStdString(gz.substr(0, gz.size() / 2)) << true << -1;
    QTest::newRow("gzip, without its trailer")
        << QByteArray::fromStdString(gz.substr(0, gz.size() - 8)) << true << 5000;
    QTest::newRow("gzip, magic bytes only") << QByteArray("\x1f\x8b") << true << 0;
    QTest::newRow("zstd, whole") << QByteArray::fromStdString(zst) << false << 5000;
    QTest::newRow("zstd, two frames, the second cut")
        << QByteArray::fromStdString(zst + zst.substr(0, zst.size() / 3)) << true << -1;
    QTest::newRow("LZ4 frame, whole") << QByteArray::fromStdString(lz4) << false << 5000;
    QTest::newRow("LZ4, two frames, the second cut")
        << QByteArray::fromStdString(lz4 + lz4.substr(0, lz4.size() / 2)) << true << -1;
    QTest::newRow("LZ4, after a skippable frame")
        << QByteArray("\x51\x2a\x4d\x18\x02\x00\x00\x00hi", 10) + QByteArray::fromStdString(lz4)
        << false << 5000;
    QTest::newRow("zstd, after a skippable frame")
        << QByteArray("\x50\x2a\x4d\x18\x04\x00\x00\x00meta", 12) + QByteArray::fromStdString(zst)
        << false << 5000;
    // Skippable frames longer than the reader's first read (256 KiB), one
    // ending exactly there, and one cut short.
    const auto skippable = [](std::uint32_t length) -> QByteArray {
        QByteArray frame("\x5e\x2a\x4d\x18", 4);
        for (int i = 0; i < 4; ++i)
            frame += char((length >> (8 * i)) & 0xFF);
        return frame + QByteArray(int(length), 'm');
    };
    QTest::newRow("zstd, after a skippable frame of 300 KiB")
        << skippable(300 * 1024) + QByteArray::fromStdString(zst) << false << 5000;
    QTest::newRow("LZ4, after two skippable frames, one ending at 256 KiB")
        << skippable(256 * 1024 - 8) + skippable(3) + QByteArray::fromStdString(lz4) << false
        << 5000;
    QTest::newRow("cut inside a skippable frame of 1 MiB")
        << skippable(1024 * 1024).left(600 * 1024) << true << 0;
}

void TestFlowlogHostile::truncatedDownloadsAreErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, cut);
    QFETCH(int, records);
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "download.bin", bytes.toStdString()));
    if (records >= 0)
        QCOMPARE(r.stats.records, std::uint64_t(records));
    else
        QVERIFY(r.stats.records > 0 && r.stats.records % 5000 != 0);
    if (!cut) {
        QVERIFY(r.stats.fileErrors.empty());
        return;
    }
    QCOMPARE(r.stats.fileErrors.size(), std::size_t(1));
    const std::string &error = r.stats.fileErrors.front();
    QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
    // A cut download stops at the file's last byte: the error says where.
    if (error.find("inside compressed data") != std::string::npos)
        QVERIFY2(error.find(" at byte " + std::to_string(bytes.size()) + " ") != std::string::npos,
                 error.c_str());
}

void TestFlowlogHostile::corruptDataIsAnErrorWithItsByte_data()
{
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += jsonRecord(i) + "\n";
    // 64 bytes of 0xFF from the middle on: no valid deflate block or zstd
    // sequence survives that.
    const auto damaged = [](std::string bytes) {
        const std::size_t at = bytes.size() / 2;
        bytes.replace(at, 64, std::string(64, '\xFF'));
        return QByteArray::fromStdString(bytes);
    };
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("codec");
    QTest::newRow("gzip") << damaged(gzipped(text)) << QStringLiteral("gzip: ");
    QTest::newRow("zstd with its checksum")
        << damaged(zstdWithChecksum(text)) << QStringLiteral("zstd: ");
}

void TestFlowlogHostile::corruptDataIsAnErrorWithItsByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, codec);
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "damaged.bin", bytes.toStdString()));
    QCOMPARE(r.stats.fileErrors.size(), std::size_t(1));
    const std::string &error = r.stats.fileErrors.front();
    QVERIFY2(error.find(codec.toStdString()) != std::string::npos, error.c_str());
    // The byte named is past the damage's start and inside the file.
    const std::size_t at = error.find(" at byte ");
    QVERIFY2(at != std::string::npos, error.c_str());
    const auto offset = std::stoull(error.substr(at + 9));
    QVERIFY2(offset >= std::uint64_t(bytes.size() / 2) && offset <= std::uint64_t(bytes.size()),
             error.c_str());
    // What came before the damage is still read.
    QVERIFY(r.stats.records > 0 && r.stats.records < 5000);
}

void TestFlowlogHostile::containersNotReadAreNamed_data()
{
    // Binary files a user may hold flow logs in: one clear file error, no
    // line counted, instead of thousands of malformed lines of bytes.
    QTest::addColumn<QByteArray>("magic");
    QTest::addColumn<QString>("error"); // start of the file error; empty: read as text
    QTest::newRow("Parquet (AWS delivery)")
        << QByteArray("PAR1") << QStringLiteral("Apache Parquet");
    QTest::newRow("bzip2") << QByteArray("BZh9") << QStringLiteral("bzip2 data");
    QTest::newRow("xz") << QByteArray("\xFD"
                                      "7zXZ\0",
                                      6)
                        << QStringLiteral("xz data");
    QTest::newRow("ZIP") << QByteArray("PK\x03\x04") << QStringLiteral("ZIP archive");
    // Not those magic numbers: read as text, every line malformed.
    QTest::newRow("BZh without a level digit") << QByteArray("BZhx") << QString();
    QTest::newRow("PAR without the 1") << QByteArray("PAR2") << QString();
}

void TestFlowlogHostile::containersNotReadAreNamed()
{
    QFETCH(QByteArray, magic);
    QFETCH(QString, error);
    std::string bytes = magic.toStdString();
    for (int i = 0; i < 2000; ++i)
        bytes += std::string(1, char(0x80 + i % 100)) + "\x01,x\n";
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "flowlogs.bin", bytes));
    QCOMPARE(r.stats.records, std::uint64_t(0));
    if (error.isEmpty()) {
        QVERIFY(r.stats.fileErrors.empty());
        QCOMPARE(r.stats.malformed, std::uint64_t(2000));
        return;
    }
    QCOMPARE(r.stats.malformed, std::uint64_t(0));
    QCOMPARE(r.stats.lines, std::uint64_t(0));
    QCOMPARE(r.stats.fileErrors.size(), std::size_t(1));
    const QString said = QString::fromStdString(r.stats.fileErrors.front());
    QVERIFY2(said.contains(QStringLiteral("flowlogs.bin: ") + error), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("at byte 0")), qPrintable(said));
}

void TestFlowlogHostile::impossibleValuesAreMalformed_data()
{
    QTest::addColumn<QString>("fields"); // changes to the typical record
    QTest::addColumn<QString>("reason"); // empty: a record
    QTest::addColumn<qulonglong>("records");
    QTest::newRow("typical") << QString() << QString() << 1ull;
    QTest::newRow("tcp-flags above a byte")
        << QStringLiteral(R"(tcp-flags="300")") << QStringLiteral("bad tcp-flags '300'") << 0ull;
    QTest::newRow("negative tcp-flags")
        << QStringLiteral(R"(tcp-flags="-2")") << QStringLiteral("bad tcp-flags '-2'") << 0ull;
    QTest::newRow("milliseconds for seconds")
        << QStringLiteral(R"(start="1720775400000";end="1720775460000")")
        << QStringLiteral("bad start '1720775400000'") << 0ull;
    QTest::newRow("before 1970") << QStringLiteral(R"(start="-100")")
                                 << QStringLiteral("bad start '-100'") << 0ull;
    QTest::newRow("end before start")
        << QStringLiteral(R"(start="1720775460";end="1720775400")")
        << QStringLiteral("end 1720775400 before start 1720775460") << 0ull;
    QTest::newRow("destination port missing, source port given")
        << QStringLiteral(R"(dstport="-")") << QStringLiteral("missing dstport") << 0ull;
    QTest::newRow("source port missing on a raw record")
        << QStringLiteral(R"(srcport="")") << QStringLiteral("missing srcport") << 0ull;
    QTest::newRow("a negative protocol")
        << QStringLiteral(R"(protocol="-1")") << QStringLiteral("bad protocol '-1'") << 0ull;
    QTest::newRow("a bad NAT address names its field")
        << QStringLiteral(R"(pkt-dstaddr="999.1.1.1")")
        << QStringLiteral("bad pkt-dstaddr '999.1.1.1'") << 0ull;
    QTest::newRow("one field under two names, two values")
        << QStringLiteral(R"(interface-id="eni-other")")
        << QStringLiteral("eni-id given twice with different values") << 0ull;
    QTest::newRow("direction under both names, the same way")
        << QStringLiteral(R"(flow-direction="egress")") << QString() << 1ull;
    QTest::newRow("direction under both names, two ways")
        << QStringLiteral(R"(flow-direction="ingress")")
        << QStringLiteral("direction given twice with different values") << 0ull;
    QTest::newRow("a second name saying nothing")
        << QStringLiteral(R"(instance-id="-")") << QString() << 1ull;
    QTest::newRow("one field under two names, one value")
        << QStringLiteral(R"(interface-id="eni-1")") << QString() << 1ull;
    QTest::newRow("a records field on a raw record counts one")
        << QStringLiteral(R"(records="1000")") << QString() << 1ull;
    // Counts and ports written as decimals (JSON numbers of a float
    // encoder, a dataframe's export) are whole numbers; a fraction is not.
    QTest::newRow("whole numbers written as decimals")
        << QStringLiteral(R"(bytes=2048.0;packets="10.00";dstport=443.0;start="1720775400.")")
        << QString() << 1ull;
    QTest::newRow("a fraction of a byte")
        << QStringLiteral(R"(bytes=2048.5)") << QStringLiteral("bad bytes '2048.5'") << 0ull;
    QTest::newRow("a fraction of a second") << QStringLiteral(R"(start="1720775400.25")")
                                            << QStringLiteral("bad start '1720775400.25'") << 0ull;
    QTest::newRow("a decimal point alone")
        << QStringLiteral(R"(bytes=".0")") << QStringLiteral("bad bytes '.0'") << 0ull;
}

void TestFlowlogHostile::impossibleValuesAreMalformed()
{
    QFETCH(QString, fields);
    QFETCH(QString, reason);
    QFETCH(qulonglong, records);
    const std::string line = withFields(jsonRecord(1), fields);
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "values.jsonl", line + "\n"));
    QCOMPARE(r.stats.records, std::uint64_t(records));
    if (reason.isEmpty()) {
        QCOMPARE(r.stats.malformed, 0u);
        return;
    }
    QCOMPARE(r.stats.malformed, 1u);
    QCOMPARE(QString::fromStdString(r.stats.malformedSamples.front().reason), reason);
}

void TestFlowlogHostile::wordsThatAreNoNullAreMalformed()
{
    // A value starting with 'n' that is not null ("nan", "nul") made
    // simdjson's is_null() an error, which, taken as a bool, threw and
    // ended the process.
    std::string text;
    for (const char *word : {"nan", "nul", "nulll", "null"})
        text +=
            withFields(jsonRecord(1), QStringLiteral("srcport=%1").arg(QLatin1String(word))) + "\n";
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "words.jsonl", text));
    // null says "no value": that record has a destination port and no
    // source port, malformed too, for its own reason.
    QCOMPARE(r.stats.records, 0u);
    QCOMPARE(r.stats.malformed, 4u);
    QCOMPARE(r.stats.malformedSamples.back().reason, std::string("missing srcport"));
}

void TestFlowlogHostile::skippableFramesLeadToZstdOrLz4_data()
{
    // Skippable frames are zstd's and LZ4's only: before anything else, or
    // before the file's end, they are no file of theirs (and were read as
    // text before their skipping was added).
    const std::string text = jsonRecord(1) + "\n";
    const QByteArray frame("\x50\x2a\x4d\x18\x02\x00\x00\x00hi", 10);
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error"); // empty: read
    QTest::newRow("zstd") << frame + QByteArray::fromStdString(zstdCompressed(text)) << QString();
    QTest::newRow("LZ4") << frame + QByteArray::fromStdString(lz4Compressed(text)) << QString();
    QTest::newRow("text") << frame + QByteArray::fromStdString(text)
                          << QStringLiteral("skippable frames not followed by zstd or LZ4 data");
    QTest::newRow("gzip") << frame + QByteArray::fromStdString(gzipped(text))
                          << QStringLiteral("skippable frames not followed by zstd or LZ4 data");
    QTest::newRow("nothing after them")
        << frame + frame
        << QStringLiteral("the file ends after its skippable frames, before any data (truncated?)");
}

void TestFlowlogHostile::skippableFramesLeadToZstdOrLz4()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "framed.bin", bytes.toStdString()));
    if (error.isEmpty()) {
        QVERIFY(r.stats.fileErrors.empty());
        QCOMPARE(r.stats.records, 1u);
        return;
    }
    QCOMPARE(r.stats.records, 0u);
    QCOMPARE(r.stats.malformed, 0u);
    QCOMPARE(r.stats.fileErrors.size(), std::size_t(1));
    QVERIFY2(r.stats.fileErrors.front().ends_with(error.toStdString()),
             r.stats.fileErrors.front().c_str());
}

void TestFlowlogHostile::sumsDoNotWrap()
{
    // Two records of 2^64-1 bytes and one more flow: totals stop at the
    // largest value, and the JSON report writes it exactly (a double rounded
    // it past 2^53).
    std::string text;
    for (const char *bytes : {"18446744073709551615", "18446744073709551615", "7"}) {
        text +=
            withFields(jsonRecord(1), QStringLiteral("bytes=\"%1\"").arg(QLatin1String(bytes))) +
            "\n";
    }
    // 2^53 + 1
    text += withFields(jsonRecord(2, "i-2"), QStringLiteral(R"(bytes="9007199254740993")")) + "\n";
    QTemporaryDir dir;
    const FlowReport report = analyse(writeFile(dir, "big.jsonl", text));
    QCOMPARE(report.malformed, 0u);
    QCOMPARE(report.findings.size(), std::size_t(2));
    QCOMPARE(report.findings[0].bytes, UINT64_MAX);
    QCOMPARE(report.findings[0].records, 3u);
    QCOMPARE(report.findings[1].bytes, 9007199254740993ull);
    const QByteArray json = reportJsonLines(report);
    QVERIFY(json.contains(R"("bytes":18446744073709551615)"));
    QVERIFY(json.contains(R"("bytes":9007199254740993)"));
}

void TestFlowlogHostile::csvOutputIsSafe()
{
    // IDs come from the logs: a bare CR must not end the row, and text a
    // spreadsheet would run as a formula is written as text.
    std::string text = jsonRecord(1, "i-cr\\rx") + "\n" + jsonRecord(2, "=HYPERLINK(\\\"x\\\")") +
                       "\n" + jsonRecord(3, "@SUM(1)") + "\n" + jsonRecord(4, "<img src=x>") + "\n";
    QTemporaryDir dir;
    const FlowReport report = analyse(writeFile(dir, "ids.jsonl", text));
    QCOMPARE(report.findings.size(), std::size_t(4));
    const QByteArray csv = reportCsv(report);
    QVERIFY(csv.contains("\"i-cr\rx\""));
    QVERIFY(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","));
    QVERIFY(csv.contains(",'@SUM(1),"));
    // Rows: the header and one per finding, whatever the IDs hold.
    QCOMPARE(csv.count('\n'), 5);
    // On a terminal and in Markdown, control characters are shown, not sent.
    QVERIFY(!reportText(report).contains('\r'));
    QVERIFY(reportText(report).contains("i-cr\\x0dx"));
    // Markdown escapes the backslash too, and whatever would be markup.
    const QByteArray markdown = reportMarkdown(report);
    QVERIFY(!markdown.contains('\r'));
    QVERIFY(markdown.contains("i-cr\\\\x0dx"));
    QVERIFY(markdown.contains("@SUM(1)"));
    // Every "<img" is escaped: text, not an HTML tag.
    QVERIFY(markdown.count("<img") > 0);
    QCOMPARE(markdown.count("\\<img src=x\\>"), markdown.count("<img"));
}

void TestFlowlogHostile::headerColumnsNotReadAreSaid()
{
    // A typo in a header names no field: said once for the file, and the
    // port it should have given is missing on every line, not port 0.
    const std::string text = "interface-id srcaddr dstaddr srcport dst-port protocol packets "
                             "bytes start end action log-status az-id\n"
                             "eni-1 10.0.0.1 1.1.1.1 40000 443 6 1 100 1720775400 1720775460 "
                             "ACCEPT OK use1-az1\n";
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "typo.log", text));
    // A note, not an error: the rest of the file is read (az-id is a field
    // the check does not read: no note).
    QVERIFY(r.stats.fileErrors.empty());
    QCOMPARE(r.stats.notes.size(), std::size_t(1));
    QVERIFY2(r.stats.notes.front().problem.find("column 5 'dst-port' is no flow-log field") !=
                 std::string::npos,
             r.stats.notes.front().problem.c_str());
    QCOMPARE(r.stats.records, 0u);
    QCOMPARE(QString::fromStdString(r.stats.malformedSamples.front().reason),
             QStringLiteral("missing dstport"));
    // Two columns for one field: said once, and a line where they differ
    // is malformed, as in JSON (which one is right would be a guess).
    const std::string twice = "srcaddr,dstaddr,srcport,dstport,protocol,log-status,dstaddr\n"
                              "10.0.0.1,1.1.1.1,40000,443,6,OK,1.1.1.1\n"
                              "10.0.0.1,1.1.1.1,40000,443,6,OK,2.2.2.2\n";
    const Read t = readPath(writeFile(dir, "twice.csv", twice));
    expectSecondMalformed(t, "dstaddr given twice with different values");
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(t.stats.notes.size(), std::size_t(1));
    QVERIFY(t.stats.notes.front().problem.find("columns 2 and 7 give the same field") !=
            std::string::npos);
    // The words the check reads in any case agree in any case: "ACCEPT"
    // and "accept" in two columns are one action.
    const std::string cases = "srcaddr dstaddr srcport dstport protocol action log-status action "
                              "log-status\n"
                              "10.0.0.1 1.1.1.1 40000 443 6 ACCEPT OK accept ok\n"
                              "10.0.0.1 1.1.1.1 40000 443 6 ACCEPT OK reject OK\n";
    expectSecondMalformed(readPath(writeFile(dir, "cases.log", cases)),
                          "action given twice with different values");
}

void TestFlowlogHostile::natFieldsWithoutDirectionAreNoted()
{
    // A NAT gateway's record of an instance's packet (ingress on its
    // interface) reads, without flow-direction, as the gateway's own
    // request: the connection then counts more than once, and the file's
    // note says why.
    const std::string header = "interface-id srcaddr dstaddr srcport dstport protocol packets "
                               "bytes start end action log-status pkt-srcaddr pkt-dstaddr";
    const std::string record = "eni-nat 10.0.1.5 10.0.0.220 50100 443 6 12 4000 1616729292 "
                               "1616729349 ACCEPT OK 10.0.1.5 203.0.113.5";
    QTemporaryDir dir;
    const Read without = readPath(writeFile(dir, "nat.log", header + "\n" + record + "\n"));
    QCOMPARE(without.stats.notes.size(), std::size_t(1));
    QVERIFY2(without.stats.notes.front().problem.find("without flow-direction") !=
                 std::string::npos,
             without.stats.notes.front().problem.c_str());
    const Read with =
        readPath(writeFile(dir, "nat.log", header + " flow-direction\n" + record + " ingress\n"));
    QVERIFY(with.stats.notes.empty());
    QCOMPARE(with.stats.records, 1u);
}

void TestFlowlogHostile::csvQuotesInInput()
{
    // RFC 4180: a doubled quote inside a quoted field is one quote.
    const std::string text = "vm-id,vpc-id,srcaddr,dstaddr,srcport,dstport,protocol,log-status\n"
                             "\"i-\"\"q\"\"\",\"vpc, a\",10.0.0.1,1.1.1.1,40000,443,6,OK\n";
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "quotes.csv", text));
    QCOMPARE(r.stats.malformed, 0u);
    QCOMPARE(r.vmIds, std::vector<std::string>{"i-\"q\""});
    QCOMPARE(r.vpcIds, std::vector<std::string>{"vpc, a"});
    // A blank after a closing quote: the quote is closed, the line is
    // still no CSV, and the reason says why.
    const std::string after = "vm-id,vpc-id,srcaddr,dstaddr,srcport,dstport,protocol,log-status\n"
                              "\"i-1\" ,vpc-1,10.0.0.1,1.1.1.1,40000,443,6,OK\n"
                              "\"i-1,vpc-1,10.0.0.1,1.1.1.1,40000,443,6,OK\n";
    const Read a = readPath(writeFile(dir, "after.csv", after));
    QCOMPARE(a.stats.malformed, 2u);
    QCOMPARE(a.stats.malformedSamples.at(0).reason, std::string("text after a closing quote"));
    QCOMPARE(a.stats.malformedSamples.at(1).reason, std::string("unterminated quote"));
}

void TestFlowlogHostile::concatenatedFormats()
{
    // Objects of two log formats joined (cat, or a pipe from the bucket):
    // each header row sets the columns of the lines after it. Same field
    // count, other order: read with the old columns, the addresses swapped.
    const std::string v2 = "version account-id interface-id srcaddr dstaddr srcport dstport "
                           "protocol packets bytes start end action log-status\n"
                           "2 1 eni-1 10.0.0.1 1.1.1.1 40000 443 6 1 100 1720775400 1720775460 "
                           "ACCEPT OK\n";
    const std::string other = "version account-id interface-id dstaddr srcaddr dstport srcport "
                              "protocol packets bytes start end action log-status\n"
                              "2 1 eni-2 1.1.1.1 10.0.0.2 443 40001 6 1 100 1720775400 "
                              "1720775460 ACCEPT OK\n";
    QTemporaryDir dir;
    const Read r = readPath(writeFile(dir, "joined.log", v2 + other + v2));
    QCOMPARE(r.stats.malformed, 0u);
    QCOMPARE(r.sources,
             (std::vector<std::string>{"10.0.0.1 40000", "10.0.0.2 40001", "10.0.0.1 40000"}));
    QVERIFY(r.stats.notes.empty());
    // Each format once, in the order first seen (the GUI's Athena query is
    // for a table of the logs' one format): the v2 header again adds none.
    // A CRLF export gives the same fields.
    const auto words = [](const std::string &header) {
        std::vector<std::string> out;
        std::istringstream in(header);
        for (std::string w; in >> w;)
            out.push_back(w);
        return out;
    };
    const std::vector<std::string> v2Fields = words(v2.substr(0, v2.find('\n')));
    QCOMPARE(r.stats.awsFormats, (std::vector<std::vector<std::string>>{
                                     v2Fields, words(other.substr(0, other.find('\n')))}));
    std::string crlf = v2;
    crlf.insert(crlf.find('\n'), "\r");
    QCOMPARE(readPath(writeFile(dir, "crlf.log", crlf)).stats.awsFormats,
             (std::vector<std::vector<std::string>>{v2Fields}));
    // SLS CSV exports joined: each brings its byte-order mark, and a header
    // row with digits (Athena's _col0) is still the header again. A stray
    // word alone on a line is a malformed line, not a new header.
    const std::string csv = "\xEF\xBB\xBF"
                            "vm-id,srcaddr,dstaddr,srcport,dstport,protocol,log-status,_col0\n"
                            "i-1,10.0.0.1,1.1.1.1,40000,443,6,OK,x\n";
    const Read c = readPath(writeFile(dir, "joined.csv", csv + csv + "end\n" + csv));
    QCOMPARE(c.vmIds, (std::vector<std::string>{"i-1", "i-1", "i-1"}));
    QCOMPARE(c.stats.malformed, 1u);
    QCOMPARE(c.stats.malformedSamples.front().line, 5u);
    QVERIFY(c.stats.awsFormats.empty()); // no AWS text header
    // A header in the middle with a name that is no field (a typo), with
    // a column more, or with a field twice is still the header of the
    // lines after it, its problems noted as at a file's start. Passed
    // over, it left them read with the old columns: packets and bytes
    // swapped, every line of a longer format malformed.
    const std::string typo = "version account-id interface-id dstaddr srcaddr dstport srcport "
                             "protocol bytes packets start end action log-status-x\n"
                             "2 1 eni-2 1.1.1.1 10.0.0.2 443 40001 6 5000 20 1720775400 "
                             "1720775460 ACCEPT OK\n";
    const std::string longer = "version account-id interface-id dstaddr srcaddr dstport srcport "
                               "protocol packets bytes start end action log-status note\n"
                               "2 1 eni-2 1.1.1.1 10.0.0.2 443 40001 6 1 100 1720775400 "
                               "1720775460 ACCEPT OK x\n";
    const std::string twice = "version account-id interface-id dstaddr srcaddr dstport srcport "
                              "protocol packets bytes start end action log-status eni-id\n"
                              "2 1 eni-2 1.1.1.1 10.0.0.2 443 40001 6 1 100 1720775400 "
                              "1720775460 ACCEPT OK eni-2\n";
    for (const std::string &changed : {typo, longer, twice}) {
        const Read m = readPath(writeFile(dir, "changed.log", v2 + changed));
        QCOMPARE(m.stats.malformed, 0u);
        QCOMPARE(m.sources, (std::vector<std::string>{"10.0.0.1 40000", "10.0.0.2 40001"}));
        QCOMPARE(m.stats.notes.size(), std::size_t(1));
    }
    // The note names the typo.
    const Read m = readPath(writeFile(dir, "typo.log", v2 + typo));
    QVERIFY2(m.stats.notes.front().problem.find("'log-status-x' is no flow-log field") !=
                 std::string::npos,
             m.stats.notes.front().problem.c_str());
}

void TestFlowlogHostile::ownershipInputs()
{
    QTemporaryDir dir;
    const auto path = [&dir](const char *name, const std::string &text) {
        return QString::fromStdString(writeFile(dir, name, text));
    };
    Ownership own;
    // Quoted fields keep their commas and quotes; a byte-order mark is not
    // part of the header; every bad line is named.
    const QString ranges = path("ranges.csv", "\xEF\xBB\xBF"
                                              "cidr,provider,service,region,label\n"
                                              "118.178.0.0/16,\"alibaba, inc\",OSS,cn-hangzhou,"
                                              "\"la\"\"bel\"\n"
                                              "bad1,a,b,c,d\n"
                                              "47.100.0.0/16,alibaba,SLS,cn-hangzhou,x\n"
                                              "10.9.0.0/33,a,b,c,d\n"
                                              "1.2.3.0/24,a,\"open\n");
    const QStringList errors = own.loadCidrCsv(ranges);
    QCOMPARE(errors,
             (QStringList{
                 ranges + QStringLiteral(":3: not a CIDR: bad1"),
                 ranges + QStringLiteral(":5: not a CIDR: 10.9.0.0/33"),
                 ranges + QStringLiteral(
                              ":6: a quoted field left open, or text after its closing quote")}));
    // ip-ranges.json of the wrong shape is said, not taken as empty.
    QCOMPARE(own.loadAwsIpRanges(path("a.json", R"({"prefixes":"nope"})")).size(), 1);
    QVERIFY(own.loadAwsIpRanges(path("b.json", "{}"))
                .front()
                .contains(QLatin1String("no prefixes or ipv6_prefixes list")));
    QVERIFY(own.loadAwsIpRanges(path("c.json", R"({"prefixes":[{"ip_prefix":52}]})"))
                .front()
                .contains(QLatin1String("prefixes[0]: no ip_prefix text")));
    QVERIFY(own.loadAwsIpRanges(path("d.json", R"({"prefixes":[{"ip_prefix":"52.95.0.0/16",)"
                                               R"("service":"S3","region":"us-east-1"}]})"))
                .isEmpty());
    own.build();
    const Owner *oss = own.lookup(*parseIpAddress("118.178.0.10"));
    QVERIFY(oss);
    QCOMPARE(oss->provider, std::string("alibaba, inc"));
    QCOMPARE(oss->service, std::string("OSS"));
    QCOMPARE(oss->label, std::string("la\"bel"));
    QVERIFY(own.lookup(*parseIpAddress("47.100.0.1"))); // after a bad line
    QCOMPARE(own.lookup(*parseIpAddress("52.95.1.1"))->service, std::string("S3"));
}

QTEST_GUILESS_MAIN(TestFlowlogHostile)
#include "tst_flowloghostile.moc"
