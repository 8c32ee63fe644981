#include "linereader.h"

#include <cerrno>
#include <cstring>
#include <lz4frame.h>
#include <string_view>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

namespace pl::flowlog {

namespace {

constexpr std::size_t kChunk = 256 * 1024;

std::uint32_t littleEndian32(const unsigned char *p)
{
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

// zstd and LZ4 share their skippable frames: 5x 2a 4d 18, a 32-bit length,
// the bytes (metadata a decoder passes over).
bool isSkippableFrame(std::uint32_t magic)
{
    return (magic & 0xFFFFFFF0u) == 0x184D2A50u;
}

constexpr std::uint32_t kZstdMagic = 0xFD2FB528u;
constexpr std::uint32_t kLz4Magic = 0x184D2204u;
constexpr std::uint32_t kLz4LegacyMagic = 0x184C2102u; // lz4 -l

// Files that users hold flow logs in but the check does not read, named
// by their magic bytes at byte 0: without this a binary file reads as
// thousands of malformed lines. AWS delivers flow logs to S3 as Parquet
// when asked to; the others are archives and codecs Debian's tools open.
const char *unreadContainer(const unsigned char *magic, std::size_t size)
{
    const auto startsWith = [&](std::string_view bytes) {
        return size >= bytes.size() && std::memcmp(magic, bytes.data(), bytes.size()) == 0;
    };
    if (startsWith("PAR1"))
        return "Apache Parquet file (magic 'PAR1' at byte 0) is not read: deliver the flow "
               "logs as text, or convert it to text with its header line";
    if (startsWith("BZh") && size >= 4 && magic[3] >= '1' && magic[3] <= '9')
        return "bzip2 data (magic 'BZh' at byte 0) is not read: decompress it first "
               "(bzip2 -d), or recompress with gzip or zstd";
    if (startsWith(std::string_view("\xFD"
                                    "7zXZ\0",
                                    6)))
        return "xz data (magic FD 37 7A 58 5A 00 at byte 0) is not read: decompress it first "
               "(xz -d), or recompress with gzip or zstd";
    if (startsWith("PK\x03\x04"))
        return "ZIP archive (magic 'PK' 03 04 at byte 0) is not read: extract its files "
               "first";
    return nullptr;
}

} // namespace

struct LineReader::Decoder
{
    z_stream zs{};
    bool zInit = false;
    ZSTD_DStream *zstd = nullptr;
    LZ4F_dctx *lz4 = nullptr;

    ~Decoder()
    {
        if (zInit)
            inflateEnd(&zs);
        if (zstd)
            ZSTD_freeDStream(zstd);
        if (lz4)
            LZ4F_freeDecompressionContext(lz4);
    }
};

LineReader::LineReader() = default;

LineReader::~LineReader()
{
    if (m_file)
        std::fclose(m_file);
}

std::size_t LineReader::readRaw(char *data, std::size_t size)
{
    const std::size_t n = std::fread(data, 1, size, m_file);
    m_fileBytes += n;
    return n;
}

std::string LineReader::open(const std::string &path)
{
    // "-": standard input (a pipe from zcat or a cloud CLI), on a file of
    // its own so that closing it leaves descriptor 0 alone.
    if (path == "-") {
        const int fd = ::dup(0);
        m_file = fd < 0 ? nullptr : ::fdopen(fd, "rb");
    } else {
        m_file = std::fopen(path.c_str(), "rb");
    }
    if (!m_file)
        return std::strerror(errno);
    m_in.resize(kChunk);
    m_buffer.resize(kChunk + kPadding);
    m_inEnd = readRaw(m_in.data(), m_in.size());
    if (const std::string error = skipLeadingFrames(); !error.empty())
        return error;
    const auto *magic = reinterpret_cast<const unsigned char *>(m_in.data() + m_inPos);
    const std::size_t size = m_inEnd - m_inPos;
    const std::uint32_t frame = size >= 4 ? littleEndian32(magic) : 0;
    if (size >= 2 && magic[0] == 0x1F && magic[1] == 0x8B) {
        m_codec = Codec::Gzip;
        m_decoder = std::make_unique<Decoder>();
        if (inflateInit2(&m_decoder->zs, 15 + 16) != Z_OK)
            return "cannot start gzip decompression";
        m_decoder->zInit = true;
    } else if (frame == kZstdMagic) {
        m_codec = Codec::Zstd;
        m_decoder = std::make_unique<Decoder>();
        m_decoder->zstd = ZSTD_createDStream();
        if (!m_decoder->zstd)
            return "cannot start zstd decompression";
        ZSTD_initDStream(m_decoder->zstd);
    } else if (frame == kLz4LegacyMagic) {
        return "LZ4 legacy format (lz4 -l) is not read: decompress it first";
    } else if (const char *other = unreadContainer(magic, size)) {
        return other;
    } else if (frame == kLz4Magic) {
        m_codec = Codec::Lz4;
        m_decoder = std::make_unique<Decoder>();
        if (LZ4F_isError(LZ4F_createDecompressionContext(&m_decoder->lz4, LZ4F_VERSION)))
            return "cannot start LZ4 decompression";
    }
    return {};
}

// Skippable frames before the first frame are passed over here, whatever
// their size (a frame of metadata longer than one read hid the codec): the
// frame after them names the codec, and either decoder starts there as
// well as before them.
std::string LineReader::skipLeadingFrames()
{
    bool skipped = false;
    while (true) {
        if (m_inEnd - m_inPos < 8) {
            // Fewer than a frame header's bytes: the rest of them to the
            // front, then more after it.
            std::memmove(m_in.data(), m_in.data() + m_inPos, m_inEnd - m_inPos);
            m_inEnd -= m_inPos;
            m_inPos = 0;
            if (!m_rawEof) {
                const std::size_t n = readRaw(m_in.data() + m_inEnd, m_in.size() - m_inEnd);
                m_inEnd += n;
                m_rawEof = n == 0;
            }
        }
        const auto *at = reinterpret_cast<const unsigned char *>(m_in.data() + m_inPos);
        if (m_inEnd - m_inPos < 8 || !isSkippableFrame(littleEndian32(at))) {
            if (!skipped)
                return {};
            // Only zstd and LZ4 have these frames: anything else after them
            // (text, gzip, the file's end) is no file of theirs.
            const std::uint32_t magic = m_inEnd - m_inPos >= 4 ? littleEndian32(at) : 0;
            if (magic == kZstdMagic || magic == kLz4Magic)
                return {};
            return m_inEnd == m_inPos
                       ? "the file ends after its skippable frames, before any data (truncated?)"
                       : "skippable frames not followed by zstd or LZ4 data";
        }
        skipped = true;
        std::uint64_t skip = 8 + std::uint64_t(littleEndian32(at + 4));
        while (skip > m_inEnd - m_inPos) {
            skip -= m_inEnd - m_inPos;
            m_inPos = 0;
            m_inEnd = readRaw(m_in.data(), m_in.size());
            if (m_inEnd == 0)
                return std::ferror(m_file) ? "read error"
                                           : "the file ends inside a skippable frame (truncated?)";
        }
        m_inPos += std::size_t(skip);
    }
}

// Appends decompressed bytes after m_end; false when nothing more comes.
bool LineReader::fill()
{
    if (m_eof)
        return false;
    // The last kPadding bytes of m_buffer are never filled.
    if (m_end + kPadding == m_buffer.size())
        m_buffer.resize((m_buffer.size() - kPadding) * 2 + kPadding);
    char *out = m_buffer.data() + m_end;
    const std::size_t room = m_buffer.size() - kPadding - m_end;
    while (true) {
        if (m_codec == Codec::Plain && m_inPos == m_inEnd) {
            // Straight into the line buffer: no copy through m_in.
            const std::size_t n = readRaw(out, room);
            if (n == 0) {
                if (std::ferror(m_file))
                    m_error = "read error";
                m_eof = true;
                return false;
            }
            m_end += n;
            return true;
        }
        // At the end of the file a decoder may still hold output: it is
        // called without input until it gives nothing more.
        bool inputDone = false;
        if (m_inPos == m_inEnd) {
            m_inPos = 0;
            m_inEnd = m_rawEof ? 0 : readRaw(m_in.data(), m_in.size());
            if (m_inEnd == 0) {
                if (std::ferror(m_file)) {
                    m_error = "read error";
                    m_eof = true;
                    return false;
                }
                m_rawEof = true;
                inputDone = true;
            }
        }
        if (m_codec == Codec::Plain) {
            const std::size_t n = std::min(room, m_inEnd - m_inPos);
            std::memcpy(out, m_in.data() + m_inPos, n);
            m_inPos += n;
            m_end += n;
            return true;
        }
        // Each codec: bytes out, the error it met, and whether a member or
        // frame is open. Without input, a decoder between frames asks for
        // the next one's header: that is no frame begun, so the state only
        // changes then when a frame ends.
        std::size_t produced = 0;
        std::string error;
        if (m_codec == Codec::Gzip) {
            z_stream &zs = m_decoder->zs;
            zs.next_in = reinterpret_cast<Bytef *>(m_in.data() + m_inPos);
            zs.avail_in = uInt(m_inEnd - m_inPos);
            zs.next_out = reinterpret_cast<Bytef *>(out);
            zs.avail_out = uInt(room);
            const int rc = inflate(&zs, Z_NO_FLUSH);
            m_inPos = m_inEnd - zs.avail_in;
            produced = room - zs.avail_out;
            if (rc == Z_STREAM_END) {
                inflateReset(&zs); // another gzip member may follow
                m_inFrame = false;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                error = zs.msg ? zs.msg : "corrupt data";
            } else if (!inputDone) {
                m_inFrame = true; // a member begun and not ended
            }
        } else {
            // 0: a frame ended and all of it is out; else a size hint.
            std::size_t rc = 0;
            if (m_codec == Codec::Lz4) {
                std::size_t inSize = m_inEnd - m_inPos;
                produced = room;
                rc = LZ4F_decompress(m_decoder->lz4, out, &produced, m_in.data() + m_inPos, &inSize,
                                     nullptr);
                m_inPos += inSize;
                if (LZ4F_isError(rc))
                    error = LZ4F_getErrorName(rc);
            } else {
                ZSTD_inBuffer in{m_in.data() + m_inPos, m_inEnd - m_inPos, 0};
                ZSTD_outBuffer outBuffer{out, room, 0};
                rc = ZSTD_decompressStream(m_decoder->zstd, &outBuffer, &in);
                m_inPos += in.pos;
                produced = outBuffer.pos;
                if (ZSTD_isError(rc))
                    error = ZSTD_getErrorName(rc);
            }
            if (error.empty() && (!inputDone || rc == 0))
                m_inFrame = rc != 0;
        }
        m_end += produced;
        // The compressed file's offset the decoder stopped at: where to look.
        const auto at = [this] {
            return " at byte " + std::to_string(m_fileBytes - (m_inEnd - m_inPos));
        };
        if (!error.empty()) {
            m_error = std::string(codecName()) + ": " + error + at();
            m_eof = true;
            return produced > 0;
        }
        if (produced > 0)
            return true;
        if (inputDone) {
            // A cut download: the stream stops inside a member or frame.
            if (m_inFrame)
                m_error = std::string(codecName()) + ": the file ends inside compressed data" +
                          at() + " (truncated?)";
            m_eof = true;
            return false;
        }
    }
}

const char *LineReader::codecName() const
{
    switch (m_codec) {
    case Codec::Gzip:
        return "gzip";
    case Codec::Zstd:
        return "zstd";
    case Codec::Lz4:
        return "lz4";
    case Codec::Plain:
        break;
    }
    return "plain";
}

std::string_view LineReader::peek()
{
    // A decompressor may give a little at a time: enough to tell a format.
    while (m_end - m_pos < kChunk / 4 && fill()) {
    }
    return {m_buffer.data() + m_pos, m_end - m_pos};
}

void LineReader::compact()
{
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
}

bool LineReader::nextObject(std::string_view &piece)
{
    m_cut = false;
    // Blanks and ends of line between objects.
    while (true) {
        if (m_pos == m_end) {
            m_pos = m_end = 0;
            if (!fill())
                return false;
        }
        const char c = m_buffer[m_pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        m_newlines += c == '\n';
        ++m_pos;
    }
    m_lineNumber = m_newlines + 1;
    // An object ends where its braces close, strings (and their escaped
    // quotes) passed over; anything else at the top level is a piece up to
    // its end of line or the next object.
    const bool object = m_buffer[m_pos] == '{';
    std::size_t depth = 0;
    bool inString = false;
    bool escaped = false;
    bool skipping = false; // kMaxLine or more: dropped as it is scanned
    std::size_t i = m_pos;
    while (true) {
        if (i == m_end) {
            if (!skipping && i - m_pos >= kMaxLine)
                skipping = true;
            if (skipping) {
                m_pos = m_end = i = 0;
            } else {
                i -= m_pos;
                compact();
            }
            if (!fill())
                break; // the file ends inside it: what there is
            continue;
        }
        const char c = m_buffer[i];
        if (!object) {
            if (c == '\n' || c == '{')
                break;
            ++i;
            continue;
        }
        ++i;
        if (c == '\n')
            ++m_newlines;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            break;
        }
    }
    m_cut = skipping;
    piece = skipping ? std::string_view() : std::string_view(m_buffer.data() + m_pos, i - m_pos);
    if (!object && !piece.empty() && piece.back() == '\r')
        piece.remove_suffix(1);
    m_pos = i;
    return true;
}

bool LineReader::next(std::string_view &line)
{
    if (m_objects)
        return nextObject(line);
    m_cut = false;
    std::size_t searchFrom = m_pos;
    while (true) {
        const void *newline = std::memchr(m_buffer.data() + searchFrom, '\n', m_end - searchFrom);
        if (newline) {
            const std::size_t at =
                std::size_t(static_cast<const char *>(newline) - m_buffer.data());
            std::size_t length = at - m_pos;
            if (length > 0 && m_buffer[at - 1] == '\r')
                --length;
            line = std::string_view(m_buffer.data() + m_pos, length);
            m_pos = at + 1;
            ++m_lineNumber;
            return true;
        }
        // Move the partial line to the front, then read more after it.
        compact();
        if (m_end >= kMaxLine) {
            // No end of line in kMaxLine bytes: the line is skipped to its
            // end, one line still (the numbers after it stay right).
            m_pos = m_end = 0;
            skipLine();
            line = {};
            m_cut = true;
            ++m_lineNumber;
            return true;
        }
        searchFrom = m_end;
        if (!fill()) {
            if (m_end == m_pos)
                return false;
            std::size_t length = m_end - m_pos;
            if (m_buffer[m_end - 1] == '\r')
                --length;
            line = std::string_view(m_buffer.data() + m_pos, length);
            m_pos = m_end;
            ++m_lineNumber;
            return true;
        }
    }
}

void LineReader::skipLine()
{
    while (fill()) {
        if (const void *newline = std::memchr(m_buffer.data(), '\n', m_end)) {
            m_pos = std::size_t(static_cast<const char *>(newline) - m_buffer.data()) + 1;
            return;
        }
        m_end = 0;
    }
    m_pos = m_end = 0;
}

} // namespace pl::flowlog
