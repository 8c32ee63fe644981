// Decoder throughput: how many PROXY headers one core can decode, and how
// much of that is the CRC32C. Inputs are the public vectors from the PROXY
// protocol reference (docs/ppv2-reference.md). Run with scripts/bench.

#include "proxy/breakdown.h"
#include "proxy/crc32c.h"
#include "proxy/header.h"

#include <benchmark/benchmark.h>
#include <string_view>
#include <vector>

namespace {

using namespace pl::proxy;

using Bytes = std::vector<std::uint8_t>;

Bytes fromHex(std::string_view hex)
{
    const auto nibble = [](char c) {
        return static_cast<std::uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    };
    Bytes out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    return out;
}

// Alibaba Cloud's documented example: 100 bytes, CRC32C first, two 0xE1 TLVs.
const Bytes kAlibaba = fromHex("0d0a0d0a000d0a515549540a21110054"
                               "0a00000e0a00000fe6c20050"
                               "0300040764b56b"
                               "e100180265702d6270316932383834383765353836313532643462"
                               "e1001a017670632d627031373971656b6530777a6f316d72386278686c"
                               "040006000000000000");

// AWS NLB PrivateLink: CRC32C, 0xEA VPC endpoint ID, NOOP padding to 100 bytes.
const Bytes kAws = [] {
    Bytes b = fromHex("0d0a0d0a000d0a515549540a21110054ac1f0771ac1f0a1fc8f20050030004e8d6892d"
                      "ea001701767063652d3038643262663135666163353030316339040024");
    b.resize(b.size() + 36, 0);
    return b;
}();

// HAProxy send-proxy-v2 with ssl and cert-cn: an SSL TLV with two sub-TLVs, no CRC.
const Bytes kHaproxySsl =
    fromHex("0d0a0d0a000d0a515549540a211100407f0000017f000001cc8a232e2000310700000000"
            "210007544c5376312e3322001f4578616d706c6520436f6d6d6f6e204e616d6520436c69"
            "656e742043657274");

const Bytes kV1Tcp4 = [] {
    constexpr std::string_view line = "PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n";
    return Bytes(line.begin(), line.end());
}();

void countHeaders(benchmark::State &state, std::size_t bytesPerItem)
{
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytesPerItem));
}

// One decode() per iteration. A vector that does not decode cleanly fails the
// benchmark: timing the error path by accident would flatter the figures.
void BM_Decode(benchmark::State &state, const Bytes &input, DecodeOptions options)
{
    const ByteSpan span(input);
    if (!decode(span, options).ok()) {
        state.SkipWithError("vector does not decode: the decoder or the vector is wrong");
        return;
    }
    for (auto _ : state) {
        benchmark::DoNotOptimize(span.data());
        DecodeResult result = decode(span, options);
        benchmark::DoNotOptimize(result);
    }
    countHeaders(state, input.size());
}
BENCHMARK_CAPTURE(BM_Decode, alibaba_crc, kAlibaba, DecodeOptions{});
BENCHMARK_CAPTURE(BM_Decode, alibaba_no_crc, kAlibaba, DecodeOptions{VendorProfile::Auto, false});
BENCHMARK_CAPTURE(BM_Decode, aws_crc, kAws, DecodeOptions{VendorProfile::Aws, true});
BENCHMARK_CAPTURE(BM_Decode, haproxy_ssl, kHaproxySsl, DecodeOptions{});
BENCHMARK_CAPTURE(BM_Decode, v1_tcp4, kV1Tcp4, DecodeOptions{});

// The GUI's byte table and the CLI's --breakdown: rows for an already decoded
// header (QString formatting, so expect it to dwarf decode()).
void BM_Breakdown(benchmark::State &state)
{
    const ByteSpan span(kAlibaba);
    const DecodeResult result = decode(span);
    qsizetype rows = 0;
    for (auto _ : state) {
        const QList<BreakdownRow> table = breakdown(result, span);
        rows = table.size();
        benchmark::DoNotOptimize(table.constData());
    }
    countHeaders(state, kAlibaba.size());
    state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_Breakdown);

// Raw checksum over the same 100 bytes, the floor for decode with CRC, and
// over 64 KiB (the largest v2 header) for the per-byte rate.
const Bytes kLarge = [] {
    Bytes b(64 * 1024);
    for (std::size_t i = 0; i < b.size(); ++i)
        b[i] = static_cast<std::uint8_t>(i * 131 + 7);
    return b;
}();

void BM_Crc32c(benchmark::State &state, const Bytes &input)
{
    const ByteSpan span(input);
    for (auto _ : state) {
        benchmark::DoNotOptimize(span.data());
        benchmark::DoNotOptimize(crc32c(span));
    }
    countHeaders(state, input.size());
}
BENCHMARK_CAPTURE(BM_Crc32c, bytes_100, kAlibaba);
BENCHMARK_CAPTURE(BM_Crc32c, bytes_64k, kLarge);

void BM_Crc32cTable(benchmark::State &state, const Bytes &input)
{
    const ByteSpan span(input);
    for (auto _ : state) {
        benchmark::DoNotOptimize(span.data());
        benchmark::DoNotOptimize(~detail::crc32cUpdateTable(0xFFFFFFFFu, span));
    }
    countHeaders(state, input.size());
}
BENCHMARK_CAPTURE(BM_Crc32cTable, bytes_100, kAlibaba);
BENCHMARK_CAPTURE(BM_Crc32cTable, bytes_64k, kLarge);

} // namespace

int main(int argc, char **argv)
{
    // crc32c() picks SSE4.2 at run time; the figures mean little without knowing which.
    benchmark::AddCustomContext("crc32c",
                                crc32cUsesHardware() ? "sse4.2 instruction" : "table (no sse4.2)");
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
