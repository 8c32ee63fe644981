#include "recordreader.h"

#include "batchparser.h"
#include "fieldsplit.h"
#include "lineparser.h"
#include "linereader.h"
#include "subscriptionmessage.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <set>
#include <sys/stat.h>

namespace pl::flowlog {

namespace {

void addMalformed(ReadStats &stats, std::uint32_t file, std::uint64_t line,
                  const std::string &reason)
{
    ++stats.malformed;
    if (stats.malformedSamples.size() < ReadStats::kMaxMalformedSamples)
        stats.malformedSamples.push_back({file, line, reason});
}

bool hasDigit(std::string_view line)
{
    for (const char c : line) {
        if (c >= '0' && c <= '9')
            return true;
    }
    return false;
}

// A problem said once, however many files have it (a directory of exports
// from one source shares its header).
void addNote(ReadStats &stats, const std::string &file, const std::string &problem)
{
    for (ReadStats::Note &note : stats.notes) {
        if (note.problem == problem) {
            if (note.lastFile != file) {
                ++note.moreFiles;
                note.lastFile = file;
            }
            return;
        }
    }
    if (stats.notes.size() < ReadStats::kMaxNotes)
        stats.notes.push_back({problem, file, file, 0});
    else
        ++stats.moreNotes;
}

// The fields of an AWS text header, kept once per distinct list: the GUI
// writes the Athena query for a table of that format.
void noteAwsFormat(ReadStats &stats, std::string_view header)
{
    std::vector<std::string_view> words;
    splitBlankSeparated(header, words);
    const std::vector<std::string> fields(words.begin(), words.end());
    if (stats.awsFormats.size() < ReadStats::kMaxAwsFormats &&
        std::find(stats.awsFormats.begin(), stats.awsFormats.end(), fields) ==
            stats.awsFormats.end())
        stats.awsFormats.push_back(fields);
}

// Why a file of this format is not of the dialect asked for; empty when it
// is (or any was).
std::string otherDialect(const LineFormat &format, Dialect dialect)
{
    const bool aws = format.isAws();
    if (dialect == Dialect::Aws && !aws)
        return std::string(format.kind == LineFormat::Kind::JsonLines ? "JSON Lines" : "CSV") +
               " with Alibaba's field names, not an AWS log (--dialect aws): not read";
    if (dialect == Dialect::Alibaba && aws)
        return std::string(format.subscription  ? "CloudWatch Logs subscription messages of AWS "
                                                  "records"
                           : format.awsMessages ? "CloudWatch Logs events of AWS records"
                           : format.awsNames    ? "an AWS log (AWS's field names)"
                                                : "AWS text") +
               ", not Alibaba SLS JSON Lines or CSV (--dialect alibaba): not read";
    return {};
}

// A Firehose delivery of CloudWatch Logs subscription messages (a log
// group's subscription filter to Firehose to S3: gzip members, JSON objects
// back to back), or the aws CLI's JSON of log events: each object's events'
// messages are AWS records of the default format or --format, handed on as
// lines of their own, numbered with the line their object starts on.
void readSubscription(BatchParser &parser, LineReader &reader, const ReadOptions &options,
                      std::uint32_t index, const std::string &name,
                      const BatchParser::Consume &consume, ReadStats &stats)
{
    auto format = std::make_shared<LineFormat>();
    format->kind = LineFormat::Kind::Text;
    format->subscription = true;
    addAwsRecordColumns(*format, options);
    format->textFields = format->columns.size();
    if (const std::string other = otherDialect(*format, options.dialect); !other.empty()) {
        stats.fileErrors.push_back(name + ": " + other);
        return;
    }
    parser.setFormat(std::move(format), index);
    reader.setJsonObjects(true);
    SubscriptionParser subscription;
    SubscriptionMessage message;
    std::string_view piece;
    while (reader.next(piece)) {
        const std::uint64_t line = reader.lineNumber();
        if (reader.lineCut()) {
            parser.addMalformed(line,
                                "JSON object of " + std::to_string(LineReader::kMaxLine >> 20) +
                                    " MiB or more: skipped (one event a line: jq -c "
                                    "'.logEvents[]' or '.events[]')",
                                consume);
            continue;
        }
        if (piece.substr(0, 3) == "\xEF\xBB\xBF") // concatenated files may bring one each
            piece.remove_prefix(3);
        if (piece.empty())
            continue;
        if (std::string reason = subscription.parse(piece, message); !reason.empty()) {
            parser.addMalformed(line, std::move(reason), consume);
            continue;
        }
        if (message.control) {
            addNote(stats, name,
                    "CloudWatch Logs control messages (the destination's health checks) "
                    "passed over");
            continue;
        }
        for (const std::string_view record : message.messages)
            parser.add(record, line, consume);
        for (std::size_t i = 0; i < message.eventsWithoutMessage; ++i)
            parser.addMalformed(line, "a CloudWatch Logs event without a string \"message\"",
                                consume);
    }
}

} // namespace

std::optional<Dialect> dialectFromName(std::string_view name)
{
    if (name == "auto")
        return Dialect::Auto;
    if (name == "alibaba")
        return Dialect::Alibaba;
    if (name == "aws")
        return Dialect::Aws;
    return std::nullopt;
}

std::vector<std::string> awsDefaultFormat()
{
    return {"version", "account-id", "interface-id", "srcaddr",   "dstaddr",
            "srcport", "dstport",    "protocol",     "packets",   "bytes",
            "start",   "end",        "action",       "log-status"};
}

namespace {

// The files under a directory, recursively, with symbolic links followed
// (a folder of links to the day's exports) and loops cut by the identity
// of each folder. Paths stay bytes: a name that is not UTF-8 is read as
// it is. Hidden entries (".DS_Store", a sync tool's temporary files) and
// entries that are no regular file (a FIFO would block) are not read, and
// counted; a folder that cannot be listed is a file error.
struct DirectoryWalk
{
    std::vector<std::string> files;
    std::size_t skipped = 0;    // hidden, or no regular file
    std::size_t writeTests = 0; // AWS's permission-check objects
    std::vector<std::string> errors;
    std::set<std::pair<dev_t, ino_t>> seen;

    void walk(const std::filesystem::path &dir)
    {
        namespace fs = std::filesystem;
        struct stat st
        {};
        if (::stat(dir.c_str(), &st) != 0 || !seen.insert({st.st_dev, st.st_ino}).second)
            return; // gone meanwhile, or a folder already walked (a loop)
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            errors.push_back(dir.string() + ": " + ec.message());
            return;
        }
        std::vector<fs::path> subdirs;
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const fs::path &entry = it->path();
            if (entry.filename().string().front() == '.') {
                ++skipped;
                continue;
            }
            std::error_code typeError;
            const fs::file_status status = fs::status(entry, typeError); // links followed
            if (fs::is_directory(status))
                subdirs.push_back(entry);
            else if (fs::is_regular_file(status) && entry.filename() == "aws-logs-write-test")
                ++writeTests; // "Permission Check Successful": in every synced bucket
            else if (fs::is_regular_file(status))
                files.push_back(entry.string());
            else
                ++skipped; // a FIFO, socket or device, or a dangling link
        }
        if (ec)
            errors.push_back(dir.string() + ": " + ec.message());
        // In name order: which of two links to one folder names its files
        // must not hang on the order the file system lists them in.
        std::sort(subdirs.begin(), subdirs.end());
        for (const fs::path &sub : subdirs)
            walk(sub);
    }
};

} // namespace

std::vector<std::string> expandInputs(const QStringList &paths, QStringList &missing,
                                      QStringList &emptyDirectories, ReadStats &stats)
{
    std::vector<std::string> files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (path == QLatin1String("-")) {
            files.emplace_back("-"); // standard input (LineReader)
        } else if (info.isDir()) {
            DirectoryWalk walk;
            walk.walk(QFile::encodeName(path).toStdString());
            std::sort(walk.files.begin(), walk.files.end());
            for (std::string &error : walk.errors)
                stats.fileErrors.push_back(std::move(error));
            if (walk.skipped > 0)
                addNote(stats, path.toStdString(),
                        walk.skipped == 1
                            ? std::string("1 hidden or special entry not read")
                            : std::to_string(walk.skipped) + " hidden or special entries not read");
            if (walk.writeTests > 0)
                addNote(stats, path.toStdString(),
                        "AWS's aws-logs-write-test object (a permission check, no flow log) "
                        "not read");
            // A folder that could not be listed is said as such, not as
            // empty.
            if (walk.files.empty() && walk.errors.empty())
                emptyDirectories << path;
            files.insert(files.end(), std::make_move_iterator(walk.files.begin()),
                         std::make_move_iterator(walk.files.end()));
        } else if (info.exists()) {
            files.push_back(QFile::encodeName(path).toStdString());
        } else {
            missing << path;
        }
    }
    // A file named twice (the same path, a link, a folder and a file in it)
    // is read once: read twice, every sum of the report doubles.
    std::set<std::pair<dev_t, ino_t>> seen;
    std::size_t kept = 0;
    for (std::string &file : files) {
        struct stat st
        {};
        if (file != "-" && ::stat(file.c_str(), &st) == 0 &&
            !seen.insert({st.st_dev, st.st_ino}).second) {
            addNote(stats, file, "the same file given more than once: read once");
            continue;
        }
        if (&files[kept] != &file)
            files[kept] = std::move(file);
        ++kept;
    }
    files.resize(kept);
    return files;
}

std::string stoppedEarlyText(const std::exception &e)
{
    return std::string("the check stopped early (") + e.what() +
           "): the report covers what was read before";
}

RecordReader::RecordReader(ReadOptions options) : m_options(std::move(options)) {}

void RecordReader::readFiles(const std::vector<std::string> &files, const RecordSink &sink,
                             ReadStats &stats, const ProgressSink &progress)
{
    BatchParser parser(BatchParser::workersFor(m_options.parseThreads));
    for (const std::string &file : files)
        readOne(parser, file, &sink, stats, progress);
}

unsigned RecordReader::shardCount() const
{
    return std::max(1u, BatchParser::workersFor(m_options.parseThreads));
}

void RecordReader::readFilesSharded(const std::vector<std::string> &files, unsigned shards,
                                    const ShardSink &sink, ReadStats &stats,
                                    const ProgressSink &progress)
{
    BatchParser parser(BatchParser::workersFor(m_options.parseThreads));
    parser.setShards(shards, sink);
    for (const std::string &file : files)
        readOne(parser, file, nullptr, stats, progress);
}

bool RecordReader::readFile(const std::string &path, const RecordSink &sink, ReadStats &stats,
                            const ProgressSink &progress)
{
    BatchParser parser(BatchParser::workersFor(m_options.parseThreads));
    return readOne(parser, path, &sink, stats, progress);
}

bool RecordReader::readOne(BatchParser &parser, const std::string &path, const RecordSink *sink,
                           ReadStats &stats, const ProgressSink &progress)
{
    const auto index = std::uint32_t(stats.files.size());
    const std::string name = path == "-" ? "<stdin>" : path; // as samples and notes say it
    stats.files.push_back(name);
    LineReader reader;
    const std::string error = reader.open(path);
    if (!error.empty()) {
        stats.fileErrors.push_back(name + ": " + error);
        return false;
    }
    std::uint64_t sinceProgress = 0;
    const std::uint64_t before = stats.compressedBytes;
    // Batches come back in line order: the sink sees the records, and the
    // malformed samples are kept, as if one thread had read them.
    const BatchParser::Consume consume = [&](const ParsedBatch &batch) {
        stats.lines += batch.lines;
        for (const auto &[line, reason] : batch.malformed)
            addMalformed(stats, index, line, reason);
        // A query's row stands for its records column's count of records.
        for (std::size_t i = 0; i < batch.records.size(); ++i) {
            addSaturating(stats.records, batch.records[i].records);
            if (sink)
                (*sink)(batch.records[i], index, batch.recordLines[i]);
        }
        sinceProgress += batch.lines;
        if (progress && sinceProgress >= 262144) {
            sinceProgress = 0;
            stats.compressedBytes = before + reader.compressedBytesRead();
            progress(stats);
        }
    };
    bool formatKnown = false;
    bool columns = false;   // CSV or text: a header may come again, or another one
    bool jsonArray = false; // "[" first: one record per line, each but the last with ","
    std::string header;
    // Behind a NAT gateway, without flow-direction, the gateway's records
    // of an instance's packets read as the gateway's own traffic: said, as
    // the counts may hold a connection more than once.
    const auto noteNatWithoutDirection = [&](const LineFormat &format) {
        const auto has = [&format](Field f) {
            return std::find(format.columns.begin(), format.columns.end(), f) !=
                   format.columns.end();
        };
        if ((has(Field::PktSrcAddr) || has(Field::PktDstAddr)) && !has(Field::Direction))
            addNote(stats, name,
                    "pkt-srcaddr/pkt-dstaddr without flow-direction: a NAT gateway's records "
                    "of an instance's connection cannot be told from its own, and such a "
                    "connection may count up to three times (add flow-direction to the format)");
    };
    // A new header row: the columns of the lines after it.
    const auto takeHeader = [&](std::shared_ptr<LineFormat> format, std::string_view line) {
        for (const std::string &problem : format->columnProblems)
            addNote(stats, name, problem);
        noteNatWithoutDirection(*format);
        if (format->kind == LineFormat::Kind::Text)
            noteAwsFormat(stats, line);
        parser.setFormat(std::move(format), index);
        header.assign(line);
    };
    // A format of another cloud than --dialect asks for, or a Transit
    // Gateway's log: a file error (where, why, what is not read), and the
    // caller stops reading.
    const auto otherCloud = [&](const LineFormat &format, const std::string &where,
                                const char *notRead) {
        const std::string other =
            format.transitGateway
                ? std::string("AWS Transit Gateway flow log (tgw-id in the header): traffic "
                              "between attachments, no instance's; read the VPC flow logs of "
                              "the VPCs instead: not read")
                : otherDialect(format, m_options.dialect);
        if (!other.empty())
            stats.fileErrors.push_back(where + ": " + other + notRead);
        return !other.empty();
    };
    const auto endOfFile = [&] {
        parser.drain(consume);
        stats.compressedBytes = before + reader.compressedBytesRead();
        if (!reader.error().empty())
            stats.fileErrors.push_back(name + ": " + reader.error());
        if (progress)
            progress(stats); // every file's end: many small files move the progress too
        return true;
    };
    if (SubscriptionParser::looksLikeOne(reader.peek())) {
        readSubscription(parser, reader, m_options, index, name, consume, stats);
        return endOfFile();
    }
    std::string_view line;
    while (reader.next(line)) {
        if (reader.lineCut()) {
            parser.addMalformed(reader.lineNumber(),
                                "line of " + std::to_string(LineReader::kMaxLine >> 20) +
                                    " MiB or more: skipped",
                                consume);
            continue;
        }
        // A UTF-8 byte-order mark (editors on Windows) is not part of the
        // line; concatenated exports bring one with each header.
        if (!line.empty() && line.front() == '\xEF' && line.substr(0, 3) == "\xEF\xBB\xBF")
            line.remove_prefix(3);
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        if (!formatKnown) {
            auto format = std::make_shared<LineFormat>();
            const FirstLine first = detectLineFormat(line, m_options, *format);
            if (first == FirstLine::Unknown) {
                // Counted malformed in its place; the next line decides.
                parser.addMalformed(reader.lineNumber(), unknownLineReason(*format), consume);
                continue;
            }
            // A file of the other cloud in a folder given as one (or a wrong
            // option): not read, said once, rather than every line counted
            // malformed or the dialect silently ignored.
            if (otherCloud(*format, name, ""))
                break;
            formatKnown = true;
            columns = format->kind != LineFormat::Kind::JsonLines;
            jsonArray = format->jsonArray;
            if (first == FirstLine::Header) {
                takeHeader(std::move(format), line);
                continue;
            }
            if (format->timestamped)
                addNote(stats, name,
                        "each line starts with a time (a CloudWatch Logs export): passed over");
            noteNatWithoutDirection(*format);
            parser.setFormat(std::move(format), index);
        } else if (!header.empty() && line == header) {
            continue; // the header row again: exports concatenated
        } else if (columns && !hasDigit(line)) {
            // Records hold numbers (addresses, ports, times), header rows
            // none: concatenated exports may bring another field set (a log
            // format changed between objects). A stray line of a word or
            // two is no header: three fields at least, and at most half of
            // its names unknown or given twice. Those problems are noted as
            // at a file's start: a header with a typo or an extra column,
            // passed over, left the lines after it read with the old
            // columns (a count taken for bytes).
            auto format = std::make_shared<LineFormat>();
            if (detectLineFormat(line, m_options, *format) == FirstLine::Header &&
                format->columns.size() >= 3 &&
                (format->columnProblems.size() * 2 <= format->columns.size() ||
                 format->transitGateway)) {
                // The other cloud's header in the middle (exports of both
                // concatenated): the rest of the file is theirs.
                if (otherCloud(*format, name + ":" + std::to_string(reader.lineNumber()),
                               " (from this line on)"))
                    break;
                takeHeader(std::move(format), line);
                continue;
            }
        }
        if (jsonArray) {
            const ArrayLine kind = jsonArrayRecord(line);
            if (kind == ArrayLine::Nothing)
                continue;
            if (kind == ArrayLine::NotARecord) {
                parser.addMalformed(reader.lineNumber(), jsonDocumentReason(), consume);
                continue;
            }
        }
        parser.add(line, reader.lineNumber(), consume);
    }
    return endOfFile();
}

} // namespace pl::flowlog
