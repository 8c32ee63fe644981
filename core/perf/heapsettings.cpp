#include "heapsettings.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pl::perf {

void growHeapInLargeSteps()
{
#if defined(__GLIBC__)
    mallopt(M_TOP_PAD, 4 << 20);
    // Setting any of these turns glibc's adaptive mmap threshold off; without
    // a threshold of our own, every batch list (a few hundred KiB) would be
    // mapped and unmapped afresh.
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
#endif
}

void oneHeapArena()
{
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 1);
#endif
}

} // namespace pl::perf
