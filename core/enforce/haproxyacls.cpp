#include "haproxyacls.h"

#include "policy/ipmatch.h"

namespace pl::enforce {

QByteArray haproxyFamilyAcls()
{
    // As text an IPv6 source holds a ':'; an IPv4-mapped one starts
    // "::ffff:" (inet_ntop's form, which HAProxy's ip-to-string cast uses).
    return "    # IPv4 and IPv6 sources apart, as the policy judges them.\n"
           "    acl pl_src_ipv6 src -m sub :\n"
           "    acl pl_src_mapped src -m beg -i ::ffff:\n";
}

QByteArray haproxyAddressAcls(const QByteArray &name, const QStringList &cidrs)
{
    // A CIDR inside ::ffff:0:0/96 counts as IPv4: the policy holds IPv4
    // addresses there. The result goes through a session variable: an
    // HAProxy condition has no parentheses to AND a guard into an OR.
    QByteArray v4;
    QByteArray v6;
    for (const QString &v : cidrs) {
        const std::optional<policy::IpRange> range = policy::parseIpRange(v);
        if (!range)
            continue;
        (range->prefix >= 96 && range->network.v4 ? v4 : v6) += " " + v.trimmed().toUtf8();
    }
    QByteArray out;
    const QByteArray set = "    tcp-request session set-var(sess." + name + ") bool(true) if ";
    if (!v4.isEmpty()) {
        out += "    acl " + name + "_v4 src" + v4 + "\n";
        out += set + name + "_v4 !pl_src_ipv6\n";
        out += set + name + "_v4 pl_src_mapped\n";
    }
    if (!v6.isEmpty()) {
        out += "    acl " + name + "_v6 src" + v6 + "\n";
        out += set + name + "_v6 pl_src_ipv6 !pl_src_mapped\n";
    }
    return out + "    acl " + name + " var(sess." + name + ") -m bool\n";
}

} // namespace pl::enforce
