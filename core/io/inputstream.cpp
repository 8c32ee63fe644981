#include "inputstream.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pl::io {
namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// A read-only stdio stream that first replays the bytes already taken from
// a non-seekable descriptor, then reads the descriptor itself.
struct Replay
{
    int fd = -1;
    QByteArray prefix;
    qsizetype used = 0;
};

ssize_t replayRead(void *cookie, char *buffer, size_t size)
{
    auto *r = static_cast<Replay *>(cookie);
    if (r->used < r->prefix.size()) {
        const auto n =
            std::min<qsizetype>(static_cast<qsizetype>(size), r->prefix.size() - r->used);
        std::memcpy(buffer, r->prefix.constData() + r->used, static_cast<size_t>(n));
        r->used += n;
        return n;
    }
    for (;;) {
        const ssize_t n = ::read(r->fd, buffer, size);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

int replayClose(void *cookie)
{
    auto *r = static_cast<Replay *>(cookie);
    const int status = ::close(r->fd);
    delete r;
    return status;
}

} // namespace

InputStream openInputStream(const QString &path, int headSize)
{
    InputStream in;
    const bool standardInput = path == QLatin1String("-");
    const int fd = standardInput
                       ? ::dup(STDIN_FILENO)
                       : ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        in.error = systemError();
        return in;
    }
    struct stat st
    {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        in.error = QString::fromLocal8Bit(std::strerror(EISDIR));
        return in;
    }
    in.seekable = S_ISREG(st.st_mode);
    in.head.resize(headSize);
    qsizetype got = 0;
    while (got < headSize) {
        const ssize_t n = ::read(fd, in.head.data() + got, static_cast<size_t>(headSize - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            in.error = systemError();
            ::close(fd);
            return in;
        }
        if (n == 0)
            break;
        got += n;
    }
    in.head.resize(got);
    if (in.seekable && ::lseek(fd, 0, SEEK_SET) == 0) {
        in.stream.reset(::fdopen(fd, "rb"));
    } else {
        in.seekable = false;
        auto *replay = new Replay{fd, in.head, 0};
        const cookie_io_functions_t functions{replayRead, nullptr, nullptr, replayClose};
        in.stream.reset(::fopencookie(replay, "rb", functions));
        if (!in.stream)
            replayClose(replay);
    }
    if (!in.stream) {
        in.error = systemError();
        if (in.seekable)
            ::close(fd);
    }
    return in;
}

BoundedRead readAllBounded(std::FILE *stream, qint64 limit, const QString &path, const char *what)
{
    BoundedRead r;
    constexpr qint64 kChunk = 64 * 1024;
    for (;;) {
        const qint64 room = std::min(kChunk, limit + 1 - r.bytes.size());
        const qsizetype before = r.bytes.size();
        r.bytes.resize(before + room);
        const size_t n = std::fread(r.bytes.data() + before, 1, static_cast<size_t>(room), stream);
        r.bytes.resize(before + static_cast<qsizetype>(n));
        if (r.bytes.size() > limit) {
            r.bytes.clear();
            r.error = QStringLiteral("%1 is larger than %2, the limit for %3")
                          .arg(path, byteSizeText(limit), QLatin1String(what));
            return r;
        }
        if (n < static_cast<size_t>(room)) {
            if (std::ferror(stream))
                r.error = QStringLiteral("cannot read %1: %2").arg(path, systemError());
            return r;
        }
    }
}

BoundedRead readFileBounded(const QString &path, qint64 limit, const char *what)
{
    InputStream in = openInputStream(path, 0);
    if (!in.ok())
        return BoundedRead{{}, QStringLiteral("cannot open %1: %2").arg(path, in.error)};
    return readAllBounded(in.stream.get(), limit, path, what);
}

bool isCaptureMagic(const QByteArray &head)
{
    if (head.size() < 4)
        return false;
    const auto b = [&](int i) {
        return static_cast<quint32>(static_cast<unsigned char>(head[i]));
    };
    const quint32 magic = b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
    return magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D ||
           magic == 0x4D3CB2A1 || magic == 0x0A0D0D0A;
}

const Compression *compressionOf(const QByteArray &head)
{
    static const struct
    {
        const char *magic;
        Compression compression;
    } known[] = {{"\x1f\x8b", {"gzip", "zcat"}},
                 {"\x28\xb5\x2f\xfd", {"zstd", "zstdcat"}},
                 {"BZh", {"bzip2", "bzcat"}},
                 {"\xfd\x37\x7a\x58", {"xz", "xzcat"}},
                 {"\x04\x22\x4d\x18", {"LZ4", "lz4cat"}}};
    for (const auto &k : known)
        if (head.startsWith(k.magic))
            return &k.compression;
    return nullptr;
}

QString byteSizeText(qint64 bytes)
{
    if (bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    if (bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace pl::io
