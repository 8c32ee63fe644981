#include "vectorstate.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

namespace pl::perf {

namespace {

__attribute__((target("avx"))) void zeroUpper()
{
    _mm256_zeroupper();
}

bool detectAvx()
{
    __builtin_cpu_init(); // this may run before libgcc's own initialiser
    return __builtin_cpu_supports("avx");
}

const bool kHasAvx = detectAvx();

} // namespace

void clearUpperVectorState()
{
    if (kHasAvx)
        zeroUpper();
}

} // namespace pl::perf

#else

namespace pl::perf {

void clearUpperVectorState() {}

} // namespace pl::perf

#endif
