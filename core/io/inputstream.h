#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <memory>

namespace pl::io {

struct FileCloser
{
    void operator()(std::FILE *file) const
    {
        if (file)
            std::fclose(file);
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// An input opened exactly once, with its first bytes known. A pipe, a FIFO
// or standard input ("-") cannot be opened again or rewound, so whoever
// decides what the input is (a capture? a raw header?) looks at head and
// then reads on from stream, which still starts at byte 0.
struct InputStream
{
    FilePtr stream;
    QByteArray head; // up to headSize bytes: fewer only at the end of the input
    bool seekable = false;
    QString error; // set when the input could not be opened or read

    bool ok() const { return error.isEmpty(); }
};

InputStream openInputStream(const QString &path, int headSize = 4);

// Reads the rest of stream, refusing more than limit bytes in all: a
// header, a policy or a payload file must not grow to /dev/zero's size.
// what names the input kind in the error ("a header file").
struct BoundedRead
{
    QByteArray bytes;
    QString error;
    bool ok() const { return error.isEmpty(); }
};
BoundedRead readAllBounded(std::FILE *stream, qint64 limit, const QString &path, const char *what);
BoundedRead readFileBounded(const QString &path, qint64 limit, const char *what);

// True for the four classic pcap byte orders/precisions and pcapng's block type.
bool isCaptureMagic(const QByteArray &head);
// The compression whose magic the first four bytes are (gzip, zstd, bzip2,
// xz, LZ4), else nullptr: a compressed capture is no header file.
struct Compression
{
    const char *name;
    const char *cat; // the command that decompresses to standard output
};
const Compression *compressionOf(const QByteArray &head);

// Human units for a limit: "1 MiB".
QString byteSizeText(qint64 bytes);

} // namespace pl::io
