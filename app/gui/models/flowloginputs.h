#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace pl::gui {

// What a file given to the Flow logs view is: a log to check, or one of the
// ownership inputs of flow-logs.md. Told apart by content, not by name, so
// dropped files and recent entries need no dialog.
enum class FlowInputKind
{
    Log,
    CidrRanges,       // cidr,provider,service,region,label (or bare CIDRs)
    Inventory,        // ip,kind,resource_id,vpc_id,region,account_id
    AwsIpRanges,      // ip-ranges.json
    AlibabaPublicIps, // saved DescribePublicIpAddress answers
};

FlowInputKind detectFlowInput(const QString &path);
QString flowInputKindText(FlowInputKind kind);

// Everything one check reads.
struct FlowLogInputs
{
    QStringList logs;
    QStringList cidrRanges, inventories, awsIpRanges, alibabaPublicIps;
    std::vector<std::uint16_t> listeningPorts;
    // MiB of flow state kept in memory before it goes to temporary files
    // (the CLI's --memory); the default is the analyzer's.
    int memoryBudgetMiB = 48;

    // Adds a file to the list of its kind (once).
    void add(const QString &path, FlowInputKind kind);
    QStringList ownershipFiles() const;
    bool isEmpty() const { return logs.isEmpty(); }
};

// "443, 8080" -> ports; false when a part is not a port number.
bool parseListeningPorts(const QString &text, std::vector<std::uint16_t> &ports);

} // namespace pl::gui
