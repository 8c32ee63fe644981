#pragma once

namespace pl::perf {

// Lets the C heap grow in 4 MiB steps and keeps blocks under 16 MiB off
// mmap (glibc only; nothing elsewhere). Why: reading a capture allocates and
// frees a few small blocks per connection and a list per batch; with glibc's
// defaults the heap top shrank and regrew, and batch lists were mapped and
// unmapped, all the time (the page faults it saves are in bench/README.md,
// "Capture reading"). Call once, early in main().
void growHeapInLargeSteps();

// One malloc arena for every thread from now on (glibc only). Why: the
// flow-log check's parse and shard threads each grew an arena of their own,
// and what one thread freed (a batch, a shard's tables) was not reused by
// another: its peak on 2 million records is 68 MiB with one arena and 77
// MiB with one per thread, in the same time (bench/README.md, fourteenth
// session). Call before the threads start.
void oneHeapArena();

} // namespace pl::perf
