#pragma once

namespace pl::capture {

// Marks the upper halves of the AVX registers clean (VZEROUPPER) when the CPU
// has AVX; does nothing elsewhere. Why: some library code run at start-up
// (seen in Qt's command-line parser) leaves that state dirty, and from then
// on every legacy-SSE instruction in libpcap, libc and our own code pays a
// merge penalty. Measured on the 100k-connection bench capture: libpcap's
// read loop took 2.6x longer inside plinspect than in a bare program until
// the reader cleared the state before each packet. It costs a few cycles.
void clearUpperVectorState();

} // namespace pl::capture
