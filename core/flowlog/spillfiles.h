#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace pl::flowlog {

// Partitions of fixed-size records on disk, for state that outgrows its
// memory budget: anonymous temporary files in TMPDIR (unlinked at once, so
// nothing is left behind whatever happens), written in turn, then read back
// one partition at a time.
class SpillFiles
{
public:
    explicit SpillFiles(std::size_t partitions);
    ~SpillFiles();
    SpillFiles(const SpillFiles &) = delete;
    SpillFiles &operator=(const SpillFiles &) = delete;

    std::size_t partitions() const { return m_files.size(); }
    bool opened() const { return m_opened; }
    // Appends a record; false (and error() says why) when the disk refuses.
    bool write(std::size_t partition, const void *record, std::size_t size);
    // Reads a partition from its start, record by record (all of `size`);
    // a partition nothing was written to reads as empty.
    bool rewind(std::size_t partition);
    bool read(std::size_t partition, void *record, std::size_t size);
    // Gives a partition's disk space back once it has been read.
    void drop(std::size_t partition);

    std::uint64_t bytesWritten() const { return m_bytes; }
    const std::string &error() const { return m_error; }

private:
    bool open();
    bool fail(const std::string &what);

    std::vector<std::FILE *> m_files;
    bool m_opened = false;
    std::uint64_t m_bytes = 0;
    std::string m_error;
};

} // namespace pl::flowlog
