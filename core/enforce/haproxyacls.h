#pragma once

#include <QByteArray>
#include <QStringList>

namespace pl::enforce {

// ACL lines both HAProxy targets write.

// The two ACLs every address condition is guarded with (pl_src_ipv6,
// pl_src_mapped); once per frontend, before the first address condition.
QByteArray haproxyFamilyAcls();

// The ACL `name` for an IpAddress condition over `cidrs`: true when the
// source (src) is in one of them, IPv4 and IPv6 kept apart as the policy
// keeps them (HAProxy itself matches 6to4 and IPv4-compatible sources
// against IPv4 CIDRs, and IPv4 sources against IPv6 CIDRs such as ::/0).
QByteArray haproxyAddressAcls(const QByteArray &name, const QStringList &cidrs);

// "--": the end of an ACL's flags, before its patterns, so that a value such
// as "-i" or "-f" is a pattern (it emptied the ACL, or broke the file).
inline constexpr char kHaproxyEndOfFlags[] = " --";

} // namespace pl::enforce
