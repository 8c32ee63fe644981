// libFuzzer entry point for the PROXY header decoder and everything that
// renders its result (breakdown rows, JSON). Memory errors are ASan's job;
// this file checks the promises the GUI and the CLI rely on: every offset,
// span and row stays inside the bytes that were given to decode().

#include "export/headerjson.h"
#include "proxy/breakdown.h"
#include "proxy/header.h"

#include <cstddef>
#include <cstdint>

namespace {

using namespace pl::proxy;

// __builtin_trap, not assert: the fuzz preset builds with NDEBUG, and a trap
// makes libFuzzer save the input as a crash reproducer.
void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

// True when inner lies within outer (an empty span anywhere up to its end).
bool within(ByteSpan inner, ByteSpan outer)
{
    if (inner.empty())
        return true;
    return inner.data() >= outer.data() &&
           inner.data() + inner.size() <= outer.data() + outer.size();
}

void checkTlvs(const TlvRange &range, const ProxyHeader &header)
{
    require(within(range.region(), header.bytes));
    for (const Tlv tlv : range) {
        require(std::uint64_t{tlv.offset} + 3 + tlv.length() <= header.bytes.size());
        require(tlv.value.data() == header.bytes.data() + tlv.valueOffset());
        require(within(tlv.value, header.bytes));
    }
}

void checkHeader(const DecodeResult &result, ByteSpan input)
{
    const ProxyHeader &h = result.header;
    require(result.error.offset <= input.size());
    require(h.bytes.size() <= input.size());
    require(h.bytes.empty() || h.bytes.data() == input.data());
    if (result.ok()) {
        require(h.totalLength <= input.size());
        require(h.bytes.size() == h.totalLength);
    }
    checkTlvs(h.tlvs, h);
    if (h.ssl.present)
        checkTlvs(h.ssl.subTlvs, h);
    for (const ByteSpan span :
         {h.alpn, h.authority, h.uniqueId, h.netns, h.v1Line, h.v1Source, h.v1Destination,
          h.source.unixPath, h.destination.unixPath, h.ssl.version, h.ssl.cn, h.ssl.cipher,
          h.vendor.alibabaVpcId, h.vendor.alibabaEndpointId, h.vendor.alibabaEndpointServiceId,
          h.vendor.awsVpceId})
        require(within(span, h.bytes));
}

void checkRows(const QList<BreakdownRow> &rows, ByteSpan input)
{
    // 64-bit sums: a row with a huge length must not wrap around and pass.
    for (const BreakdownRow &row : rows)
        require(std::uint64_t{row.offset} + row.length <= input.size());
}

void run(ByteSpan input, const DecodeOptions &options)
{
    const DecodeResult result = decode(input, options);
    checkHeader(result, input);
    const QList<BreakdownRow> rows = breakdown(result, input);
    checkRows(rows, input);
    require(pl::exporting::decodeResultJson(result).contains(QStringLiteral("header")));
    require(pl::exporting::breakdownJson(rows, input).size() == rows.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const ByteSpan input(data, size);
    for (const VendorProfile vendor :
         {VendorProfile::Auto, VendorProfile::Alibaba, VendorProfile::Aws, VendorProfile::Azure,
          VendorProfile::Gcp, VendorProfile::None})
        run(input, DecodeOptions{vendor, true});
    // The no-CRC path skips the comparison but must keep the same bounds.
    run(input, DecodeOptions{VendorProfile::Auto, false});
    return 0;
}
