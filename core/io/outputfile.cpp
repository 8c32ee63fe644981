#include "outputfile.h"

#include <QByteArray>
#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace pl::io {
namespace {

// Paths that name an open descriptor or a kernel object even when they
// resolve to a regular file (/dev/stdout redirected to a file): the shell
// holds that file open, so replacing it would lose the output.
bool isDescriptorPath(const QString &path)
{
    return path.startsWith(QLatin1String("/dev/")) || path.startsWith(QLatin1String("/proc/"));
}

bool writeInPlace(const QString &path)
{
    if (path == QLatin1String("-"))
        return true;
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return false; // does not exist yet: a new regular file
    return !S_ISREG(st.st_mode) || isDescriptorPath(path);
}

} // namespace

OutputFile::OutputFile(const QString &path) : m_path(path) {}

OutputFile::~OutputFile() = default;

QString OutputFile::open()
{
    m_inPlace = writeInPlace(m_path);
    if (!m_inPlace) {
        auto save = std::make_unique<QSaveFile>(m_path);
        if (!save->open(QIODevice::WriteOnly))
            return save->errorString();
        m_device = std::move(save);
        return {};
    }
    // Unbuffered, so that every write's failure (a full disk, a closed
    // pipe) is seen at the write that failed. O_APPEND: a FIFO or device
    // does not care, and a file behind /dev/stdout keeps what was already
    // printed into it (no truncation).
    const bool standardOutput = m_path == QLatin1String("-");
    if (standardOutput)
        std::fflush(stdout); // what the program printed before stays first
    const int fd = standardOutput ? ::dup(STDOUT_FILENO)
                                  : ::open(QFile::encodeName(m_path).constData(),
                                           O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        return QString::fromLocal8Bit(std::strerror(errno));
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::WriteOnly | QIODevice::Unbuffered,
                    QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return file->errorString();
    }
    m_device = std::move(file);
    return {};
}

void OutputFile::write(const QByteArray &bytes)
{
    if (!m_device || m_writeFailed)
        return;
    if (m_device->write(bytes) != bytes.size())
        m_writeFailed = true;
}

QString OutputFile::flush()
{
    if (!m_device)
        return QStringLiteral("not open");
    if (m_writeFailed || !m_device->flush())
        return m_device->errorString().isEmpty() ? QString::fromLocal8Bit(std::strerror(EIO))
                                                 : m_device->errorString();
    return {};
}

QString OutputFile::commit()
{
    if (!m_device)
        return QStringLiteral("not open");
    if (!m_inPlace) {
        auto *save = static_cast<QSaveFile *>(m_device.get());
        // QSaveFile remembers failed writes and then refuses to commit.
        if (!save->commit())
            return save->errorString();
        return {};
    }
    QString error;
    if (m_writeFailed || !m_device->flush())
        error = m_device->errorString();
    m_device->close();
    if (error.isEmpty() && m_writeFailed)
        error = QString::fromLocal8Bit(std::strerror(EIO));
    return error;
}

QString writeOutputFile(const QString &path, const QByteArray &bytes)
{
    OutputFile file(path);
    QString error = file.open();
    if (!error.isEmpty())
        return error;
    file.write(bytes);
    return file.commit();
}

QString writeOutputFiles(const QList<OutputFileContent> &files)
{
    std::vector<std::unique_ptr<OutputFile>> open;
    open.reserve(static_cast<std::size_t>(files.size()));
    for (const OutputFileContent &f : files) {
        auto file = std::make_unique<OutputFile>(f.path);
        QString error = file->open();
        if (error.isEmpty()) {
            file->write(f.bytes);
            error = file->flush();
        }
        if (!error.isEmpty())
            return f.path + QStringLiteral(": ") + error; // the others' copies are discarded
        open.push_back(std::move(file));
    }
    for (std::size_t i = 0; i < open.size(); ++i) {
        const QString error = open[i]->commit();
        if (!error.isEmpty())
            return files.at(static_cast<qsizetype>(i)).path + QStringLiteral(": ") + error;
    }
    return {};
}

} // namespace pl::io
