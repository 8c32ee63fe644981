#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pl::flowlog {

// Reads a text file line by line with bounded memory, decompressing gzip
// (1f 8b, concatenated members too), zstd (28 b5 2f fd) or LZ4 frames
// (04 22 4d 18; SLS download jobs offer it) recognised by their magic
// bytes, whatever the file is called.
class LineReader
{
public:
    enum class Codec
    {
        Plain,
        Gzip,
        Zstd,
        Lz4
    };

    LineReader();
    ~LineReader();
    LineReader(const LineReader &) = delete;
    LineReader &operator=(const LineReader &) = delete;

    // Empty string on success, else why the file cannot be read. "-" is
    // standard input.
    std::string open(const std::string &path);
    // The next line without its end of line; false at the end (or on a
    // decompression error, or data cut short: see error()).
    bool next(std::string_view &line);
    // The line next() gave was longer than kMaxLine: skipped, given empty.
    bool lineCut() const { return m_cut; }

    // The first bytes of the (decompressed) file, read ahead and not taken:
    // up to a buffer's worth, for telling its format before reading lines.
    std::string_view peek();
    // From now on next() gives top-level JSON objects, not lines: a Firehose
    // delivery of CloudWatch Logs subscription messages writes them back to
    // back, often with no end of line in the whole file. Text between
    // objects that is no object comes as a piece of its own (to its end of
    // line or the next "{"). lineNumber() is then the line an object starts
    // on; an object of kMaxLine or more is skipped like a long line.
    void setJsonObjects(bool on) { m_objects = on; }
    static constexpr std::size_t kMaxLine = 16 * 1024 * 1024;

    // Bytes readable after the end of every line next() returns (their
    // values unspecified): enough for simdjson to parse a line in place.
    static constexpr std::size_t kPadding = 64;

    std::uint64_t lineNumber() const { return m_lineNumber; }
    std::uint64_t compressedBytesRead() const { return m_fileBytes; }
    Codec codec() const { return m_codec; }
    const std::string &error() const { return m_error; }

private:
    struct Decoder;
    bool fill();
    std::string skipLeadingFrames();
    void skipLine();
    bool nextObject(std::string_view &piece);
    void compact();
    const char *codecName() const; // in messages
    std::size_t readRaw(char *data, std::size_t size);

    std::FILE *m_file = nullptr;
    Codec m_codec = Codec::Plain;
    std::unique_ptr<Decoder> m_decoder;
    std::vector<char> m_in;
    std::size_t m_inPos = 0, m_inEnd = 0;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0, m_end = 0;
    bool m_eof = false;
    bool m_rawEof = false;  // the file is read; a decoder may hold more
    bool m_inFrame = false; // inside a gzip member, zstd or LZ4 frame
    bool m_cut = false;
    bool m_objects = false;       // setJsonObjects
    std::uint64_t m_newlines = 0; // ends of line passed, in object mode
    std::uint64_t m_lineNumber = 0;
    std::uint64_t m_fileBytes = 0;
    std::string m_error;
};

} // namespace pl::flowlog
