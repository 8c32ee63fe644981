#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace pl::fuzz {

// The input as a file the code under test opens by name (a seekable one:
// readers may open it again): one memory file per harness, rewritten for
// each input, no disk. Traps when the memory file cannot be written.
inline std::string memoryFilePath(const std::uint8_t *data, std::size_t size)
{
    static const int fd = memfd_create("fuzz-input", 0);
    if (fd < 0 || ftruncate(fd, 0) != 0)
        __builtin_trap();
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = pwrite(fd, data + done, size - done, off_t(done));
        if (n <= 0)
            __builtin_trap();
        done += std::size_t(n);
    }
    return "/proc/self/fd/" + std::to_string(fd);
}

} // namespace pl::fuzz
