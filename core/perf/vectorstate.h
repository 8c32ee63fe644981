#pragma once

namespace pl::perf {

// Marks the upper halves of the AVX registers clean (VZEROUPPER) when the CPU
// has AVX; does nothing elsewhere. Why: some library code run at start-up
// (seen in Qt's command-line parser) leaves that state dirty, and from then
// on every legacy-SSE instruction in libpcap, libc and our own code pays a
// merge penalty (libpcap's read loop inside plinspect against a bare
// program: bench/README.md, "Capture reading"). It costs a few cycles.
void clearUpperVectorState();

} // namespace pl::perf
