#include "requestsummary.h"

#include "perf/bytehash.h"

namespace pl::capture {

RequestSummary::RequestSummary(Fields fields) : m_data(new Data(std::move(fields))) {}

const RequestSummary::Fields &RequestSummary::fields() const
{
    static const Fields kNone;
    return m_data ? *m_data : kNone;
}

bool RequestSummary::operator==(const RequestSummary &o) const
{
    if (m_data == o.m_data)
        return true;
    const Fields &a = fields();
    const Fields &b = o.fields();
    return a.kind == b.kind && a.text == b.text && a.method == b.method && a.path == b.path &&
           a.host == b.host && a.userAgent == b.userAgent && a.sni == b.sni && a.alpn == b.alpn;
}

std::size_t RequestSummaryCache::setOf(std::string_view key)
{
    return perf::hashBytes(key) & (kSets - 1);
}

} // namespace pl::capture
