#pragma once

namespace pl::capture {

// Lets the C heap grow in 4 MiB steps (glibc only; nothing elsewhere). Why:
// reading a capture allocates and frees a few small blocks per connection,
// and with glibc's default 128 KiB padding the heap top shrank and regrew
// all the time: 5,850 page faults on the 100k-connection bench capture
// instead of 844, and 9% of `decode --stats` (with the mmap threshold below). Call once,
// early in main().
void growHeapInLargeSteps();

} // namespace pl::capture
