// The JSON Lines form of a report, the output contract of `plinspect flowlog
// check --json` (flow-logs.md). Written value by value with JsonWriter, keys
// in alphabetical order as QJsonObject printed them, counters as exact
// integers: QJsonObject trees cost more than reading 2M records (tens of
// thousands of findings, hundreds of instances).
#include "export/jsonwriter.h"
#include "flowreportformat.h"

#include <QString>

#include <algorithm>
#include <array>
#include <cstring>

namespace pl::flowlog {

namespace {

using exporting::JsonWriter;

// A report flushes to its sink when this much is formatted.
constexpr qsizetype kSinkBytes = 64 * 1024;

void text(JsonWriter &w, std::string_view key, const std::string &value)
{
    w.field(key, QString::fromStdString(value));
}

// An empty text is null.
void optionalText(JsonWriter &w, std::string_view key, const std::string &value)
{
    if (value.empty()) {
        w.key(key);
        w.null();
    } else {
        text(w, key, value);
    }
}

// Counters and times as exact integers: a double, as QJsonValue held them,
// rounded sums past 2^53 (the text and CSV reports gave other digits).
void count(JsonWriter &w, std::string_view key, std::uint64_t value)
{
    w.key(key);
    w.number(value);
}

void count(JsonWriter &w, std::string_view key, std::int64_t value)
{
    w.key(key);
    w.number(value);
}

// A count the input may not hold (a query's rows without their answers): null.
void knownCount(JsonWriter &w, std::string_view key, std::uint64_t value, bool known)
{
    w.key(key);
    if (known)
        w.number(value);
    else
        w.null();
}

void texts(JsonWriter &w, std::string_view key, const std::vector<std::string> &values)
{
    w.key(key);
    w.beginArray();
    for (const std::string &v : values)
        w.string(QString::fromStdString(v));
    w.endArray();
}

void rules(JsonWriter &w, std::string_view key, const std::map<std::string, std::uint64_t> &map)
{
    w.key(key);
    w.beginObject();
    for (const auto &[rule, n] : map) // a std::map: sorted as the keys must be
        count(w, rule, n);
    w.endObject();
}

// The classes in the order of their names.
const std::array<FindingClass, kFindingClassCount> &classesByName()
{
    static const std::array<FindingClass, kFindingClassCount> order = [] {
        std::array<FindingClass, kFindingClassCount> o{};
        for (std::size_t i = 0; i < kFindingClassCount; ++i)
            o[i] = FindingClass(i);
        std::sort(o.begin(), o.end(), [](FindingClass a, FindingClass b) {
            return std::strcmp(findingClassName(a), findingClassName(b)) < 0;
        });
        return o;
    }();
    return order;
}

void finding(JsonWriter &w, const Finding &f)
{
    const Owner &o = f.owner;
    w.beginObject();
    count(w, "bytes", f.bytes);
    knownCount(w, "bytes_in", f.bytesIn, f.inboundKnown);
    w.field("class", findingClassName(f.findingClass));
    w.field("confidence", f.highConfidence ? "high" : "low");
    w.key("destination");
    w.beginObject();
    count(w, "addrs", f.addrs);
    optionalText(w, "label", o.label);
    optionalText(w, "provider", o.provider);
    optionalText(w, "region", o.region);
    optionalText(w, "resource_id", o.resourceId);
    texts(w, "sample_addrs", f.sampleAddrs);
    optionalText(w, "service", o.service);
    optionalText(w, "vpc_id", o.vpcId);
    w.endObject();
    count(w, "first_seen", f.firstSeen);
    count(w, "flows", f.flows);
    count(w, "last_seen", f.lastSeen);
    count(w, "packets", f.packets);
    knownCount(w, "packets_in", f.packetsIn, f.inboundKnown);
    w.field("port", f.port);
    w.field("protocol", f.protocol);
    text(w, "recommendation", f.recommendation);
    count(w, "records", f.records);
    rules(w, "rules", f.rules);
    texts(w, "samples", f.samples);
    w.key("source");
    w.beginObject();
    optionalText(w, "addr", f.sourceAddr);
    optionalText(w, "eni_id", f.eniId);
    optionalText(w, "vm_id", f.vmId);
    optionalText(w, "vpc_id", f.vpcId);
    w.endObject();
    w.endObject();
}

void summary(JsonWriter &w, const FlowReport &r)
{
    w.beginObject();
    count(w, "already_private_bytes", r.alreadyPrivateBytes);
    count(w, "already_private_flows", r.alreadyPrivateFlows);
    w.key("classes");
    w.beginObject();
    for (const FindingClass c : classesByName()) {
        const ClassTotals &t = r.classes[std::size_t(c)];
        w.key(findingClassName(c));
        w.beginObject();
        count(w, "bytes", t.bytes);
        knownCount(w, "bytes_in", t.bytesIn, t.inboundKnown);
        count(w, "findings", t.findings);
        count(w, "flows", t.flows);
        count(w, "records", t.records);
        w.endObject();
    }
    w.endObject();
    texts(w, "file_errors", r.fileErrors);
    count(w, "files", std::uint64_t(r.files.size()));
    count(w, "findings", std::uint64_t(r.findings.size()));
    count(w, "flows", r.flows);
    w.key("instances");
    w.beginArray();
    for (const InstanceTotals &i : r.instances) {
        w.beginObject();
        w.key("bytes_by_class");
        w.beginObject();
        for (const FindingClass c : classesByName()) {
            if (i.bytesByClass[std::size_t(c)] > 0)
                count(w, findingClassName(c), i.bytesByClass[std::size_t(c)]);
        }
        w.endObject();
        count(w, "internet_bytes", i.internetBytes);
        knownCount(w, "internet_bytes_in", i.internetBytesIn, i.internetInboundKnown);
        count(w, "private_path_bytes", i.privatePathBytes);
        knownCount(w, "private_path_bytes_in", i.privatePathBytesIn, i.privatePathInboundKnown);
        text(w, "source", i.source);
        optionalText(w, "vpc_id", i.vpcId);
        w.endObject();
    }
    w.endArray();
    count(w, "lines", r.lines);
    count(w, "malformed", r.malformed);
    texts(w, "malformed_samples", r.malformedSamples);
    count(w, "nat_copy_bytes", r.natCopyBytes);
    count(w, "nat_copy_flows", r.natCopyFlows);
    count(w, "nodata", r.noData);
    texts(w, "notes", r.notes);
    count(w, "ok", r.ok);
    count(w, "private_destination_records", r.privateDestinationRecords);
    count(w, "private_path_bytes", r.privatePathBytes);
    knownCount(w, "private_path_bytes_in", r.privatePathBytesIn, r.privatePathInboundKnown);
    count(w, "records", r.records);
    count(w, "rejected_flows", r.rejectedFlows);
    count(w, "request_flows", r.requestFlows);
    count(w, "response_bytes", r.responseBytes);
    count(w, "response_flows", r.responseFlows);
    rules(w, "response_rules", r.responseRules);
    count(w, "skipdata", r.skipData);
    w.key("skipdata_windows");
    w.beginArray();
    for (const CoverageGap &g : r.gaps) {
        w.beginObject();
        count(w, "end", g.end);
        optionalText(w, "eni_id", g.eniId);
        text(w, "location", g.location);
        count(w, "start", g.start);
        w.endObject();
    }
    w.endArray();
    w.field("summary", true);
    count(w, "unknown_direction_records", r.unknownDirectionRecords);
    w.endObject();
}

} // namespace

void writeReportJsonLines(const FlowReport &report, const ReportSink &sink)
{
    QByteArray pending;
    for (const Finding &f : report.findings) {
        {
            JsonWriter w(pending);
            finding(w, f);
        }
        pending += '\n';
        if (pending.size() >= kSinkBytes) {
            sink(pending);
            pending.truncate(0);
        }
    }
    {
        JsonWriter w(pending);
        summary(w, report);
    }
    pending += '\n';
    sink(pending);
}

} // namespace pl::flowlog
