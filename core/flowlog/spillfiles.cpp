#include "spillfiles.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace pl::flowlog {

SpillFiles::SpillFiles(std::size_t partitions) : m_files(partitions, nullptr) {}

SpillFiles::~SpillFiles()
{
    for (std::FILE *f : m_files)
        if (f)
            std::fclose(f);
}

bool SpillFiles::fail(const std::string &what)
{
    if (m_error.empty())
        m_error = what + ": " + std::strerror(errno);
    return false;
}

bool SpillFiles::open()
{
    m_opened = true;
    // QDir::tempPath() is empty when TMPDIR names no directory: say so
    // rather than write elsewhere.
    const QString temp = QDir::tempPath();
    if (temp.isEmpty()) {
        errno = ENOENT;
        return fail("cannot use the temporary directory " +
                    QFile::encodeName(qEnvironmentVariable("TMPDIR")).toStdString());
    }
    const std::string dir = QFile::encodeName(temp).toStdString();
    for (std::FILE *&f : m_files) {
        std::string path = dir + "/plinspect-flowlog-XXXXXX";
        const int fd = ::mkstemp(path.data());
        if (fd < 0)
            return fail("cannot create a spill file in " + dir);
        ::unlink(path.c_str()); // anonymous from now on: gone when closed
        f = ::fdopen(fd, "w+b");
        if (!f) {
            ::close(fd);
            return fail("cannot open a spill file in " + dir);
        }
    }
    return true;
}

bool SpillFiles::write(std::size_t partition, const void *record, std::size_t size)
{
    if (!m_error.empty() || (!m_opened && !open()))
        return false;
    if (std::fwrite(record, 1, size, m_files[partition]) != size)
        return fail("cannot write a spill file in " +
                    QFile::encodeName(QDir::tempPath()).toStdString());
    m_bytes += size;
    return true;
}

bool SpillFiles::rewind(std::size_t partition)
{
    if (!m_error.empty())
        return false;
    std::FILE *f = m_files[partition];
    // Nothing was ever written (files are opened by the first write; a log
    // without inbound records spills no port), or the partition was
    // dropped: an empty partition, not an error.
    if (!f)
        return true;
    if (std::fflush(f) != 0 || std::fseek(f, 0, SEEK_SET) != 0)
        return fail("cannot read back a spill file");
    return true;
}

bool SpillFiles::read(std::size_t partition, void *record, std::size_t size)
{
    if (!m_error.empty() || !m_files[partition])
        return false;
    const std::size_t got = std::fread(record, 1, size, m_files[partition]);
    if (got == size)
        return true;
    if (std::ferror(m_files[partition]) || got != 0)
        fail("cannot read back a spill file");
    return false;
}

void SpillFiles::drop(std::size_t partition)
{
    if (std::FILE *&f = m_files[partition]) {
        std::fclose(f);
        f = nullptr;
    }
}

} // namespace pl::flowlog
