#pragma once

#include "ipaddress.h"
#include "prefixtable.h"

#include <QString>
#include <QStringList>

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pl::flowlog {

enum class OwnerKind
{
    Special,   // private, shared, loopback...: never a public destination
    Inventory, // the user's own public address (EIP, SLB...)
    Provider   // a cloud provider's range
};

struct Owner
{
    OwnerKind kind = OwnerKind::Provider;
    std::string provider; // "alibaba", "aws", or as the ranges file says
    std::string service;  // "OSS", "S3"...; empty when unknown
    std::string region;
    std::string label;
    std::string resourceId;    // inventory
    std::string vpcId;         // inventory
    std::string accountId;     // inventory
    std::string inventoryKind; // EIP, SLB, NLB, NAT_EIP, ECS_PUBLIC
};

// The ranges the check takes for no public peer's (private, loopback,
// multicast...), with the documentation ranges when they are taken for
// private too: the queries of `flowlog query` test the same.
std::vector<std::string_view> specialCidrs(bool documentationPrivate);

// Who owns a destination address: longest prefix first over the built-in
// special ranges, the inventory and the provider ranges (flow-logs.md).
class Ownership
{
public:
    // The built-in private, shared and special ranges; the documentation
    // ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) only
    // when documentationPrivate.
    explicit Ownership(bool documentationPrivate = false);

    // Each loader returns its errors ("file:line: reason" for every bad
    // line, up to 20, then how many more); good lines are kept either way.
    QStringList loadInventoryCsv(const QString &path);
    QStringList loadCidrCsv(const QString &path);
    QStringList loadAwsIpRanges(const QString &path);
    QStringList loadAlibabaPublicIps(const QString &path);

    // Adds one prefix directly (tests, generated inputs).
    void addPrefix(const IpPrefix &prefix, const Owner &owner);

    // Call after loading, before lookup().
    void build();

    // nullptr when no prefix covers the address (public, owner unknown).
    const Owner *lookup(const IpAddress &address) const;
    bool isSpecial(const IpAddress &address) const;
    // The inventory entry for an address, private ones included (NAT
    // sources, instances without vm-id); nullptr when none.
    const Owner *lookupInventory(const IpAddress &address) const;

    std::size_t prefixCount() const { return m_table.prefixCount(); }
    const Owner &owner(std::int32_t index) const { return m_owners[std::size_t(index)]; }
    // Index for owner(), or -1; special ranges first.
    std::int32_t lookupIndex(const IpAddress &address) const;

private:
    std::int32_t addOwner(Owner owner);
    void add(std::string_view cidr, std::int32_t owner, int priority);

    PrefixTable m_special; // checked first: a special range is never public
    PrefixTable m_table;
    std::deque<Owner> m_owners;
    std::unordered_map<std::string, std::int32_t> m_ownerIndex; // an owner's fields -> index
};

// The private path a cloud service offers, by its name in the provider's
// ranges or in AWS's pkt-dst-aws-service.
enum class ServicePath
{
    Gateway,   // a gateway endpoint (OSS, S3, DynamoDB)
    Interface, // an interface endpoint (PrivateLink); also a service not named
    None       // none: content delivery, DNS health checks, any customer's EC2
};
ServicePath servicePath(std::string_view service);
// AWS's name for "any of its services" in ip-ranges.json and
// pkt-dst-aws-service: it names no service.
bool isAnyService(std::string_view service);

} // namespace pl::flowlog
