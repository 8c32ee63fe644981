#pragma once

#include <QList>
#include <QString>

#include <memory>

class QByteArray;
class QFileDevice;

namespace pl::io {

// Where a user's output goes. A regular file is saved atomically (QSaveFile:
// the old content stays intact until the new one is complete). A device, a
// FIFO or a socket (/dev/null, a named pipe, /dev/stdout) and "-" (standard
// output) are written in place: renaming over them would replace the node
// itself, and as root `--out /dev/null` would break the machine.
class OutputFile
{
public:
    explicit OutputFile(const QString &path);
    ~OutputFile();
    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    // All three return an error message, empty on success.
    QString open();
    // Pushes what was written to the file (a full disk shows here) without
    // replacing the old file yet: the first step of saving several at once.
    QString flush();
    QString commit();

    // Short or failed writes are remembered and reported by commit().
    void write(const QByteArray &bytes);

    // True when the path is written in place rather than atomically.
    bool inPlace() const { return m_inPlace; }

private:
    QString m_path;
    std::unique_ptr<QFileDevice> m_device;
    bool m_inPlace = false;
    bool m_writeFailed = false;
};

// Opens, writes and commits in one call; returns an error message, empty on success.
QString writeOutputFile(const QString &path, const QByteArray &bytes);

// Saves a set of files that belong together (an export's configuration and
// script): every file is written and flushed to its temporary copy first, and
// only when all succeeded are they put in place, so a full disk or an
// unwritable name leaves every old file as it was. The error names the path.
struct OutputFileContent
{
    QString path;
    QByteArray bytes;
};
QString writeOutputFiles(const QList<OutputFileContent> &files);

} // namespace pl::io
