#pragma once

namespace pl::perf {

// Lets the C heap grow in 4 MiB steps and keeps blocks under 16 MiB off
// mmap (glibc only; nothing elsewhere). Why: reading a capture allocates and
// frees a few small blocks per connection and a list per batch; with glibc's
// defaults the heap top shrank and regrew, and batch lists were mapped and
// unmapped, all the time (the page faults it saves are in bench/README.md,
// "Capture reading"). Call once, early in main().
void growHeapInLargeSteps();

} // namespace pl::perf
