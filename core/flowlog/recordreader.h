#pragma once

#include "flowrecord.h"

#include <QStringList>

#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace pl::flowlog {

class BatchParser;

enum class Dialect
{
    Auto,
    Alibaba, // SLS JSON Lines or CSV with a header row
    Aws      // space-separated text, header line or a given format
};

std::optional<Dialect> dialectFromName(std::string_view name);

// The AWS default format (version 2), used when a text file has no header
// and no format was given.
std::vector<std::string> awsDefaultFormat();

struct ReadOptions
{
    Dialect dialect = Dialect::Auto;
    // Field names of header-less AWS text (a CloudWatch export); empty: the
    // default version-2 format.
    std::vector<std::string> awsFormat;
    // Threads that parse lines (BatchParser); -1: one per core, 0: none,
    // all on the caller's. readFiles' sink runs on the caller's thread,
    // readFilesSharded's on the parse threads.
    int parseThreads = -1;
};

struct Malformed
{
    std::uint32_t file = 0; // index into ReadStats::files
    std::uint64_t line = 0;
    std::string reason;
};

struct ReadStats
{
    std::vector<std::string> files;
    std::uint64_t lines = 0;                 // non-empty lines, headers excluded
    std::uint64_t records = 0;               // records read (a query's row: its records column)
    std::uint64_t malformed = 0;             // lines that did not
    std::vector<Malformed> malformedSamples; // the first kMaxMalformedSamples
    std::vector<std::string> fileErrors;     // files that could not be read (whole or part)
    // What the reader noticed but read anyway (header columns it does not
    // know): one per problem, with the first file and how many more had it.
    struct Note
    {
        std::string problem, firstFile, lastFile;
        std::uint64_t moreFiles = 0;
    };
    std::vector<Note> notes;     // the first kMaxNotes problems
    std::uint64_t moreNotes = 0; // problems past them
    static constexpr std::size_t kMaxNotes = 20;
    std::uint64_t compressedBytes = 0;
    static constexpr std::size_t kMaxMalformedSamples = 20;
    // The field lists of the AWS text headers read, each once, in the
    // order first seen (the first kMaxAwsFormats): an Athena table over
    // these logs has them as its columns.
    std::vector<std::vector<std::string>> awsFormats;
    static constexpr std::size_t kMaxAwsFormats = 8;
};

// Called for every record; file is an index into ReadStats::files.
using RecordSink =
    std::function<void(const FlowRecord &record, std::uint32_t file, std::uint64_t line)>;
// Called for every record of a shard, on that shard's thread.
using ShardSink = std::function<void(unsigned shard, const FlowRecord &record, std::uint32_t file,
                                     std::uint64_t line)>;
// Called now and then with the lines read so far.
using ProgressSink = std::function<void(const ReadStats &stats)>;

// Expands directories (recursively, sorted, links followed) into files;
// missing paths are returned in missing, directories that hold no file (a
// download that failed, a mistyped folder) in emptyDirectories. Folders
// that cannot be listed are file errors in stats, and hidden entries or
// entries that are no regular file, which are not read, a note: nothing is
// dropped without a word.
std::vector<std::string> expandInputs(const QStringList &paths, QStringList &missing,
                                      QStringList &emptyDirectories, ReadStats &stats);

// The file error of a check an exception stopped (out of memory, a table
// full): the report then covers the records read before it.
std::string stoppedEarlyText(const std::exception &e);

// Reads every file in turn, streaming: JSON Lines (simdjson), CSV with a
// header row and AWS text are told apart by their first line.
class RecordReader
{
public:
    explicit RecordReader(ReadOptions options = {});
    void readFiles(const std::vector<std::string> &files, const RecordSink &sink, ReadStats &stats,
                   const ProgressSink &progress = {});
    // The shards readFilesSharded() can feed at once: one per parse thread.
    unsigned shardCount() const;
    // As readFiles(), but the records go to `shards` sinks on parse threads,
    // each ENI's records to one shard in line order (FlowAnalyzer's shards).
    // stats and progress stay on the caller's thread.
    void readFilesSharded(const std::vector<std::string> &files, unsigned shards,
                          const ShardSink &sink, ReadStats &stats,
                          const ProgressSink &progress = {});
    // One file; returns false when it could not be opened.
    bool readFile(const std::string &path, const RecordSink &sink, ReadStats &stats,
                  const ProgressSink &progress = {});

private:
    // sink null: the parser hands the records to its shards.
    bool readOne(BatchParser &parser, const std::string &path, const RecordSink *sink,
                 ReadStats &stats, const ProgressSink &progress);

    ReadOptions m_options;
};

} // namespace pl::flowlog
