#include "recordreader.h"

#include "jsonlineparser.h"
#include "linereader.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cstring>

namespace pl::flowlog {

namespace {

enum class Format
{
    JsonLines,
    Csv,
    Text
};

void addMalformed(ReadStats &stats, std::uint32_t file, std::uint64_t line, std::string reason)
{
    ++stats.malformed;
    if (stats.malformedSamples.size() < ReadStats::kMaxMalformedSamples)
        stats.malformedSamples.push_back({file, line, std::move(reason)});
}

// A column map: position -> field (or none).
using Columns = std::vector<std::optional<Field>>;

Columns columnsFromNames(const std::vector<std::string_view> &names)
{
    Columns columns;
    columns.reserve(names.size());
    for (const std::string_view name : names)
        columns.push_back(fieldFromName(name));
    return columns;
}

void splitSpaces(std::string_view line, std::vector<std::string_view> &parts)
{
    parts.clear();
    // AWS writes one space between fields: memchr finds them; runs of
    // blanks and tabs (hand-edited files) take the careful path.
    if (std::memchr(line.data(), '\t', line.size()) == nullptr) {
        const char *at = line.data();
        const char *const end = at + line.size();
        while (at < end) {
            const auto *space =
                static_cast<const char *>(std::memchr(at, ' ', std::size_t(end - at)));
            const char *const stop = space ? space : end;
            if (stop != at)
                parts.emplace_back(at, std::size_t(stop - at));
            at = stop + 1;
        }
        return;
    }
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i == line.size())
            break;
        const std::size_t from = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        parts.push_back(line.substr(from, i - from));
    }
}

// CSV fields; quoted fields have their quotes removed (a doubled quote
// inside is rare in flow logs and left doubled). False on an open quote.
bool splitCsv(std::string_view line, std::vector<std::string_view> &parts)
{
    parts.clear();
    std::size_t i = 0;
    while (true) {
        if (i < line.size() && line[i] == '"') {
            std::size_t close = i + 1;
            while (true) {
                close = line.find('"', close);
                if (close == std::string_view::npos)
                    return false;
                if (close + 1 < line.size() && line[close + 1] == '"') {
                    close += 2;
                    continue;
                }
                break;
            }
            parts.push_back(line.substr(i + 1, close - i - 1));
            i = close + 1;
            if (i < line.size() && line[i] != ',')
                return false;
        } else {
            const std::size_t comma = std::min(line.find(',', i), line.size());
            parts.push_back(line.substr(i, comma - i));
            i = comma;
        }
        if (i >= line.size())
            return true;
        ++i; // the comma
    }
}

bool startsWithDigit(std::string_view s)
{
    return !s.empty() && s.front() >= '0' && s.front() <= '9';
}

std::string countText(std::size_t got, std::size_t want)
{
    return "wrong field count (" + std::to_string(got) + ", the header has " +
           std::to_string(want) + ")";
}

class FileParser
{
public:
    FileParser(const ReadOptions &options, ReadStats &stats, std::uint32_t file)
        : m_options(options), m_stats(stats), m_file(file)
    {}

    void line(std::string_view text, std::uint64_t number, const RecordSink &sink)
    {
        if (text.find_first_not_of(" \t") == std::string_view::npos)
            return;
        if (!m_format && !detect(text))
            return; // the line was a header
        ++m_stats.lines;
        std::string reason;
        switch (*m_format) {
        case Format::JsonLines:
            reason = m_json->parse(text, m_values);
            break;
        case Format::Csv:
            reason = parseColumns(text, true);
            break;
        case Format::Text:
            reason = parseColumns(text, false);
            break;
        }
        if (reason.empty())
            reason = buildRecord(m_values, m_record);
        if (!reason.empty()) {
            addMalformed(m_stats, m_file, number, std::move(reason));
            return;
        }
        ++m_stats.records;
        sink(m_record, m_file, number);
    }

private:
    // Decides the format from the first line; false when it was a header.
    bool detect(std::string_view text)
    {
        const std::size_t first = text.find_first_not_of(" \t\xEF\xBB\xBF");
        const std::string_view t = text.substr(first);
        if (t.front() == '{') {
            m_format = Format::JsonLines;
            m_json = makeJsonLineParser();
            return true;
        }
        if (m_options.dialect != Dialect::Aws && t.find(',') != std::string_view::npos) {
            m_format = Format::Csv;
            std::vector<std::string_view> names;
            splitCsv(t, names);
            m_columns = columnsFromNames(names);
            return false;
        }
        m_format = Format::Text;
        std::vector<std::string_view> tokens;
        splitSpaces(t, tokens);
        if (!startsWithDigit(tokens.front()) && tokens.front() != "-") {
            m_columns = columnsFromNames(tokens); // a header line
            return false;
        }
        std::vector<std::string> names =
            m_options.awsFormat.empty() ? awsDefaultFormat() : m_options.awsFormat;
        m_columns.clear();
        for (const std::string &name : names)
            m_columns.push_back(fieldFromName(name));
        return true;
    }

    std::string parseColumns(std::string_view text, bool csv)
    {
        m_values.fill({});
        if (csv) {
            if (!splitCsv(text, m_parts))
                return "unterminated quote";
        } else {
            splitSpaces(text, m_parts);
        }
        if (m_parts.size() != m_columns.size())
            return countText(m_parts.size(), m_columns.size());
        for (std::size_t i = 0; i < m_parts.size(); ++i) {
            if (m_columns[i])
                m_values[std::size_t(*m_columns[i])] = m_parts[i];
        }
        return {};
    }

    const ReadOptions &m_options;
    ReadStats &m_stats;
    std::uint32_t m_file;
    std::optional<Format> m_format;
    Columns m_columns;
    FieldValues m_values{};
    FlowRecord m_record;
    std::vector<std::string_view> m_parts;
    std::unique_ptr<JsonLineParser> m_json;
};

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

std::vector<std::string> expandInputs(const QStringList &paths, QStringList &missing)
{
    std::vector<std::string> files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext())
                found << it.next();
            found.sort();
            for (const QString &f : found)
                files.push_back(QFile::encodeName(f).toStdString());
        } else if (info.exists()) {
            files.push_back(QFile::encodeName(path).toStdString());
        } else {
            missing << path;
        }
    }
    return files;
}

RecordReader::RecordReader(ReadOptions options) : m_options(std::move(options)) {}

void RecordReader::readFiles(const std::vector<std::string> &files, const RecordSink &sink,
                             ReadStats &stats, const ProgressSink &progress)
{
    for (const std::string &file : files)
        readFile(file, sink, stats, progress);
}

bool RecordReader::readFile(const std::string &path, const RecordSink &sink, ReadStats &stats,
                            const ProgressSink &progress)
{
    const auto index = std::uint32_t(stats.files.size());
    stats.files.push_back(path);
    LineReader reader;
    const std::string error = reader.open(path);
    if (!error.empty()) {
        stats.fileErrors.push_back(path + ": " + error);
        return false;
    }
    FileParser parser(m_options, stats, index);
    std::string_view line;
    std::uint64_t sinceProgress = 0;
    const std::uint64_t before = stats.compressedBytes;
    while (reader.next(line)) {
        parser.line(line, reader.lineNumber(), sink);
        if (progress && ++sinceProgress == 262144) {
            sinceProgress = 0;
            stats.compressedBytes = before + reader.compressedBytesRead();
            progress(stats);
        }
    }
    stats.compressedBytes = before + reader.compressedBytesRead();
    if (!reader.error().empty())
        stats.fileErrors.push_back(path + ": " + reader.error());
    return true;
}

} // namespace pl::flowlog
