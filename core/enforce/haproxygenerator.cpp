#include "haproxygenerator.h"

#include "policyplan.h"

#include <QRegularExpression>

namespace pl::enforce {

using namespace pl::policy;

namespace {

QByteArray hostPort(const QString &host, quint16 port)
{
    const QString h =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return (h + QLatin1Char(':') + QString::number(port)).toUtf8();
}

bool isStringKey(const QString &k)
{
    return k == QLatin1String("pp:authority") || k == QLatin1String("pp:uniqueid");
}

// HAProxy splits ACL patterns on blanks and reads '#' and quotes itself.
bool plainPattern(const QString &v)
{
    if (v.isEmpty())
        return false;
    for (const QChar c : v) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('"') ||
            c == QLatin1Char('\'') || c == QLatin1Char('\\') || c == QLatin1Char('#'))
            return false;
    }
    return true;
}

QString whyNot(const PlannedCondition &c)
{
    const QString &k = c.foldedKey;
    if (c.spec.ifExists)
        return QStringLiteral("%1: HAProxy ACLs cannot tell an absent value from a "
                              "non-matching one")
            .arg(c.operatorName);
    if (k == QLatin1String("pp:sourceip") || k == QLatin1String("acs:sourceip")) {
        if (c.spec.family != OperatorFamily::IpAddress)
            return QStringLiteral("%1 %2: src is matched against CIDRs only (IpAddress, "
                                  "NotIpAddress)")
                .arg(c.operatorName, c.key);
        return {};
    }
    if (isStringKey(k)) {
        if (c.spec.family != OperatorFamily::String &&
            c.spec.family != OperatorFamily::StringIgnoreCase &&
            c.spec.family != OperatorFamily::StringLike)
            return QStringLiteral("%1 %2: only string operators are generated for %3")
                .arg(c.operatorName, c.key,
                     k == QLatin1String("pp:authority") ? QStringLiteral("fc_pp_authority")
                                                        : QStringLiteral("fc_pp_unique_id"));
        for (const QString &v : c.values) {
            if (!plainPattern(v))
                return QStringLiteral("%1 %2: value \"%3\" is empty or has blanks, quotes, "
                                      "'#' or non-ASCII characters")
                    .arg(c.operatorName, c.key, commentSafe(v));
        }
        return {};
    }
    if (k.startsWith(QLatin1String("alibaba:")) || k == QLatin1String("acs:sourcevpc") ||
        k == QLatin1String("aws:sourcevpce") || k == QLatin1String("azure:linkid") ||
        k == QLatin1String("gcp:pscconnectionid") || k.startsWith(QLatin1String("pp:tlv/")) ||
        k == QLatin1String("pp:alpn") || k.startsWith(QLatin1String("pp:ssl")))
        return nativeTlvLimit(c.key);
    return QStringLiteral("%1: this target sees the PROXY source address (src), "
                          "fc_pp_authority and fc_pp_unique_id only; use --target nginx-njs")
        .arg(c.key);
}

QByteArray globRegex(const QString &glob)
{
    QString out = QStringLiteral("^");
    for (const QChar c : glob) {
        if (c == QLatin1Char('*'))
            out += QStringLiteral(".*");
        else if (c == QLatin1Char('?'))
            out += QLatin1Char('.');
        else if (QStringLiteral(".^$|()[]{}+").contains(c))
            out += QLatin1Char('\\') + c;
        else
            out += c;
    }
    out += QLatin1Char('$');
    return out.toUtf8();
}

QByteArray aclLine(const QByteArray &name, const PlannedCondition &c)
{
    const QString &k = c.foldedKey;
    QByteArray line = "    acl " + name + " ";
    if (c.spec.family == OperatorFamily::IpAddress) {
        line += "src";
        for (const QString &v : c.values) {
            if (parseIpRange(v))
                line += " " + v.trimmed().toUtf8();
        }
        return line + "\n";
    }
    line += k == QLatin1String("pp:authority") ? "fc_pp_authority" : "fc_pp_unique_id";
    if (c.spec.family == OperatorFamily::StringIgnoreCase)
        line += " -i -m str";
    else if (c.spec.family == OperatorFamily::StringLike)
        line += " -m reg";
    else
        line += " -m str";
    for (const QString &v : c.values)
        line += " " + (c.spec.family == OperatorFamily::StringLike ? globRegex(v) : v.toUtf8());
    return line + "\n";
}

} // namespace

QString HaproxyGenerator::description() const
{
    return QStringLiteral("HAProxy 2.6: bind accept-proxy, ACLs on src, fc_pp_authority, "
                          "fc_pp_unique_id (address-only policies)");
}

EnforceResult HaproxyGenerator::generate(const PolicyDocument &document,
                                         const EnforceOptions &options) const
{
    EnforceResult result;
    const PolicyPlan plan = planAddressOnly(document, false, whyNot, result.refusals);
    if (!result.refusals.isEmpty())
        return result;
    const QString name = policyName(document);
    result.notes << QStringLiteral(
        "the upstream gets a PROXY v2 header regenerated by HAProxy (send-proxy-v2: addresses "
        "kept, other TLVs dropped); with a LOCAL header src is the load balancer's own "
        "address");

    QByteArray acls;
    QByteArray rules;
    QList<QByteArray> allows;
    bool allowAlways = false;
    for (const PlannedStatement &s : plan.statements) {
        acls += "    # " + statementSummary(s).toUtf8() + "\n";
        QList<QByteArray> terms;
        for (qsizetype i = 0; i < s.conditions.size(); ++i) {
            const PlannedCondition &c = s.conditions.at(i);
            const QByteArray acl =
                "pl_s" + QByteArray::number(s.index) + "_c" + QByteArray::number(i);
            acls += "    # line " + QByteArray::number(c.pos.line) + ": " +
                    commentSafe(c.operatorName).toUtf8() + " " + commentSafe(c.key).toUtf8() + "\n";
            acls += aclLine(acl, c);
            terms << (c.spec.negated ? "!" + acl : acl);
        }
        if (s.effect == Effect::Deny) {
            rules += "    # " + statementSummary(s).toUtf8() + "\n";
            rules += "    tcp-request session reject" +
                     (terms.isEmpty() ? QByteArray() : " if " + terms.join(' ')) + "\n";
        } else if (terms.isEmpty()) {
            allowAlways = true;
        } else {
            allows << terms.join(' ');
        }
    }
    rules += "    # Allow statements: anything no Allow matches is denied.\n";
    if (!allowAlways)
        rules += "    tcp-request session reject" +
                 (allows.isEmpty() ? QByteArray() : " unless " + allows.join(" || ")) + "\n";

    QByteArray conf;
    conf += "# Generated by plinspect policy export --target haproxy from " + name.toUtf8() + ".\n";
    conf += "# HAProxy 2.6: the PROXY header is read by 'accept-proxy' (v1 and v2, CRC32C "
            "checked);\n# the policy is judged on src, fc_pp_authority, fc_pp_unique_id. "
            "Enforced statements:\n";
    for (const PlannedStatement &s : plan.statements)
        conf += "#   " + statementSummary(s).toUtf8() + "\n";
    for (const QString &note : result.notes)
        conf += "# Note: " + commentSafe(note).toUtf8() + "\n";
    conf += "\ndefaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n"
            "    timeout server 30s\n\n";
    conf += "frontend plinspect_policy\n";
    conf += "    bind " + hostPort(options.listenAddress, options.listenPort) + " accept-proxy\n";
    conf += acls;
    conf += rules;
    conf += "    default_backend plinspect_upstream\n\n";
    conf += "backend plinspect_upstream\n";
    conf += "    server upstream " + hostPort(options.upstreamHost, options.upstreamPort) +
            " send-proxy-v2\n";
    result.files = {{QStringLiteral("haproxy.cfg"), conf}};
    return result;
}

} // namespace pl::enforce
