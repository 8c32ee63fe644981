#include "nativetlvgenerator.h"

#include "globregex.h"
#include "haproxyacls.h"
#include "policyplan.h"

namespace pl::enforce {

using namespace pl::policy;

namespace {

const char untestedNginx[] =
    "# Needs nginx >= 1.23.2 ($proxy_protocol_tlv_* variables). UNTESTED HERE: Debian 12\n"
    "# ships nginx 1.22, so this file has never been run by plinspect's tests.\n";
const char untestedHaproxy[] =
    "# Needs HAProxy >= 2.9 (fc_pp_tlv). UNTESTED HERE: Debian 12 ships HAProxy 2.6,\n"
    "# so this file has never been run by plinspect's tests.\n";

// A TLV key reachable as the first TLV of its type.
struct TlvKey
{
    int type = 0;
    int subtype = -1; // -1: the value has no subtype byte
    const char *nginxVariable = nullptr;
    const char *haproxyFetch = nullptr;
};

TlvKey tlvKey(const QString &folded)
{
    if (folded == QLatin1String("alibaba:endpointid"))
        return {0xE1, 0x02, "$proxy_protocol_tlv_0xe1", "fc_pp_tlv(0xE1)"};
    if (folded == QLatin1String("aws:sourcevpce"))
        return {0xEA, 0x01, "$proxy_protocol_tlv_0xea", "fc_pp_tlv(0xEA)"};
    if (folded == QLatin1String("pp:authority"))
        return {0x02, -1, "$proxy_protocol_tlv_authority", "fc_pp_authority"};
    if (folded == QLatin1String("pp:uniqueid"))
        return {0x05, -1, "$proxy_protocol_tlv_unique_id", "fc_pp_unique_id"};
    return {};
}

bool isAddressKey(const QString &k)
{
    return k == QLatin1String("pp:sourceip") || k == QLatin1String("acs:sourceip");
}

// Values go into quoted config strings and regexes: keep them plain.
bool plainPattern(const QString &v)
{
    if (v.isEmpty())
        return false;
    for (const QChar c : v) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('"') ||
            c == QLatin1Char('\'') || c == QLatin1Char('\\') || c == QLatin1Char('#') ||
            c == QLatin1Char('{') || c == QLatin1Char('}') || c == QLatin1Char(';'))
            return false;
    }
    return true;
}

QString whyNot(const PlannedCondition &c, bool haproxy)
{
    const QString &k = c.foldedKey;
    const QString server =
        haproxy ? QStringLiteral("HAProxy >= 2.9") : QStringLiteral("nginx >= 1.23.2");
    if (c.spec.ifExists)
        return QStringLiteral("%1: %2 cannot tell an absent value from a non-matching one")
            .arg(c.operatorName, server);
    if (isAddressKey(k)) {
        if (c.spec.family != OperatorFamily::IpAddress)
            return QStringLiteral("%1 %2: the address is matched against CIDRs only "
                                  "(IpAddress, NotIpAddress)")
                .arg(c.operatorName, c.key);
        return {};
    }
    if (k == QLatin1String("alibaba:sourcevpc") || k == QLatin1String("acs:sourcevpc"))
        return QStringLiteral(
                   "%1: not reachable with %2: the VPC ID travels in the second 0xE1 TLV (the "
                   "endpoint ID TLV comes first) and %3 returns only the first TLV of a type "
                   "(use --target nginx-njs)")
            .arg(c.key, server,
                 haproxy ? QStringLiteral("fc_pp_tlv(0xE1)")
                         : QStringLiteral("$proxy_protocol_tlv_0xe1"));
    if (k == QLatin1String("alibaba:endpointserviceid"))
        return QStringLiteral("%1: not reachable with %2: it shares type 0xE1 with the endpoint "
                              "ID, which comes first, and only the first TLV of a type is "
                              "returned (use --target nginx-njs)")
            .arg(c.key, server);
    const TlvKey t = tlvKey(k);
    if (t.type == 0)
        return QStringLiteral("%1: this target sees the PROXY source address, pp:Authority, "
                              "pp:UniqueId, alibaba:EndpointId and aws:SourceVpce only; use "
                              "--target nginx-njs")
            .arg(c.key);
    const bool str = c.spec.family == OperatorFamily::String;
    const bool other = c.spec.family == OperatorFamily::StringIgnoreCase ||
                       c.spec.family == OperatorFamily::StringLike;
    if (!str && !(other && !(haproxy && t.subtype >= 0)))
        return QStringLiteral("%1 %2: only %3 operators are generated for this key here")
            .arg(c.operatorName, c.key,
                 haproxy && t.subtype >= 0 ? QStringLiteral("StringEquals/StringNotEquals")
                                           : QStringLiteral("string"));
    for (const QString &v : c.values) {
        if (!plainPattern(v))
            return QStringLiteral("%1 %2: value \"%3\" is empty or has blanks, quotes, '#', "
                                  "braces, ';' or non-ASCII characters")
                .arg(c.operatorName, c.key, commentSafe(v));
    }
    return {};
}

QByteArray hostPort(const QString &host, quint16 port)
{
    const QString h =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return (h + QLatin1Char(':') + QString::number(port)).toUtf8();
}

QByteArray header(const QString &target, const QString &name, const PolicyPlan &plan,
                  const QStringList &notes, const char *untested, const char *judged)
{
    QByteArray conf;
    conf += "# Generated by plinspect policy export --target " + target.toUtf8() + " from " +
            name.toUtf8() + ".\n";
    conf += untested;
    conf += QByteArray("# ") + judged + "\n# Enforced statements:\n";
    for (const PlannedStatement &s : plan.statements)
        conf += "#   " + statementSummary(s).toUtf8() + "\n";
    for (const QString &note : notes)
        conf += "# Note: " + commentSafe(note).toUtf8() + "\n";
    return conf;
}

QStringList commonNotes()
{
    return {QStringLiteral(
        "the TLV variables return only the first TLV of a type, raw (not hex, not base64); "
        "the Alibaba endpoint ID is matched as the subtype byte 0x02 followed by the ID, so "
        "if a load balancer ever sends another 0xE1 subtype first, the endpoint ID condition "
        "does not match")};
}

PolicyPlan plan(const PolicyDocument &document, bool haproxy, EnforceResult &result)
{
    return planAddressOnly(
        document, !haproxy, [haproxy](const PlannedCondition &c) { return whyNot(c, haproxy); },
        result.refusals);
}

} // namespace

QString NginxTlvGenerator::description() const
{
    return QStringLiteral("nginx >= 1.23.2 http (untested here): map on $proxy_protocol_tlv_* "
                          "and the PROXY source address; first TLV of a type only");
}

EnforceResult NginxTlvGenerator::generate(const PolicyDocument &document,
                                          const EnforceOptions &options) const
{
    EnforceResult result;
    const PolicyPlan p = plan(document, false, result);
    if (!result.refusals.isEmpty())
        return result;
    const QString name = policyName(document);
    result.notes = commonNotes();
    result.notes << QStringLiteral("nginx >= 1.23.2 and this configuration are not tested "
                                   "here (Debian 12 ships nginx 1.22)");

    QByteArray maps;
    QByteArray denyBits;
    QByteArray allowBits;
    for (const PlannedStatement &s : p.statements) {
        const QByteArray sv = "$pl_s" + QByteArray::number(s.index);
        maps += "    # " + statementSummary(s).toUtf8() + "\n";
        QByteArray bits;
        QByteArray want;
        for (qsizetype i = 0; i < s.conditions.size(); ++i) {
            const PlannedCondition &c = s.conditions.at(i);
            const QByteArray cv = sv + "_c" + QByteArray::number(i);
            maps += "    # line " + QByteArray::number(c.pos.line) + ": " +
                    commentSafe(c.operatorName).toUtf8() + " " + commentSafe(c.key).toUtf8() + "\n";
            if (isAddressKey(c.foldedKey)) {
                maps += "    geo $proxy_protocol_addr " + cv + " {\n        default 0;\n";
                for (const QString &v : c.values) {
                    if (parseIpRange(v))
                        maps += "        " + v.trimmed().toUtf8() + " 1;\n";
                }
            } else {
                const TlvKey t = tlvKey(c.foldedKey);
                const bool glob = c.spec.family == OperatorFamily::StringLike;
                QStringList alts;
                for (const QString &v : c.values)
                    alts << regexBody(v, glob);
                QByteArray re = c.spec.family == OperatorFamily::StringIgnoreCase ? "~*^" : "~^";
                if (t.subtype >= 0) {
                    maps += "    # the raw value starts with the subtype byte 0x" +
                            QByteArray::number(t.subtype, 16).rightJustified(2, '0') + "\n";
                    re += "\\x" + QByteArray::number(t.subtype, 16).rightJustified(2, '0');
                }
                re += "(?:" + alts.join(QLatin1Char('|')).toUtf8() + ")" + kRegexEnd;
                maps += "    map " + QByteArray(t.nginxVariable) + " " + cv +
                        " {\n        default 0;\n        \"" + re + "\" 1;\n";
            }
            maps += "    }\n";
            bits += cv;
            want += c.spec.negated ? "0" : "1";
        }
        if (s.conditions.isEmpty()) {
            maps += "    # no condition: always matches\n";
            (s.effect == Effect::Deny ? denyBits : allowBits) += "1";
        } else {
            maps += "    map \"" + bits + "\" " + sv + " {\n        \"" + want +
                    "\" 1;\n        default 0;\n    }\n";
            (s.effect == Effect::Deny ? denyBits : allowBits) += sv;
        }
        maps += "\n";
    }
    if (denyBits.isEmpty())
        denyBits = "0";
    if (allowBits.isEmpty())
        allowBits = "0";
    maps += "    # Any Deny wins, else any Allow, else deny.\n";
    maps +=
        "    map \"" + denyBits + "\" $pl_denied {\n        \"~1\" 1;\n        default 0;\n    }\n";
    maps += "    map \"" + allowBits +
            "\" $pl_allowed {\n        \"~1\" 1;\n        default 0;\n    }\n";
    maps += "    map \"$pl_denied$pl_allowed\" $pl_allow {\n        \"01\" 1;\n        default "
            "0;\n    }\n";

    QByteArray conf =
        header(target(), name, p, result.notes, untestedNginx,
               "nginx http with the PROXY header (listen ... proxy_protocol); the policy is\n"
               "# judged on $proxy_protocol_addr and $proxy_protocol_tlv_* (first TLV of a "
               "type, raw).");
    conf += "\nevents { worker_connections 1024; }\n\nhttp {\n";
    conf += maps;
    conf += "\n    server {\n";
    conf += "        listen " + hostPort(options.listenAddress, options.listenPort) +
            " proxy_protocol;\n";
    conf += "        if ($pl_allow = 0) {\n            return 403;\n        }\n";
    conf += "        location / {\n";
    conf += "            proxy_set_header Host $host;\n";
    conf += "            proxy_set_header X-Real-IP $proxy_protocol_addr;\n";
    conf += "            proxy_pass http://" +
            hostPort(options.upstreamHost, options.upstreamPort) + ";\n";
    conf += "        }\n    }\n}\n";
    result.files = {{QStringLiteral("nginx.conf"), conf}};
    return result;
}

QString HaproxyTlvGenerator::description() const
{
    return QStringLiteral("HAProxy >= 2.9 (untested here): ACLs on src and fc_pp_tlv; first "
                          "TLV of a type only");
}

EnforceResult HaproxyTlvGenerator::generate(const PolicyDocument &document,
                                            const EnforceOptions &options) const
{
    EnforceResult result;
    const PolicyPlan p = plan(document, true, result);
    if (!result.refusals.isEmpty())
        return result;
    const QString name = policyName(document);
    result.notes = commonNotes();
    result.notes << QStringLiteral("HAProxy >= 2.9 and this configuration are not tested here "
                                   "(Debian 12 ships HAProxy 2.6); vendor TLVs are compared "
                                   "as upper-case hex of the raw value (hex converter)");

    QByteArray acls = haproxyFamilyAcls();
    QByteArray rules;
    QList<QByteArray> allows;
    bool allowAlways = false;
    for (const PlannedStatement &s : p.statements) {
        acls += "    # " + statementSummary(s).toUtf8() + "\n";
        QList<QByteArray> terms;
        for (qsizetype i = 0; i < s.conditions.size(); ++i) {
            const PlannedCondition &c = s.conditions.at(i);
            const QByteArray acl =
                "pl_s" + QByteArray::number(s.index) + "_c" + QByteArray::number(i);
            acls += "    # line " + QByteArray::number(c.pos.line) + ": " +
                    commentSafe(c.operatorName).toUtf8() + " " + commentSafe(c.key).toUtf8() + "\n";
            QByteArray line = "    acl " + acl + " ";
            if (isAddressKey(c.foldedKey)) {
                acls += haproxyAddressAcls(acl, c.values);
                terms << (c.spec.negated ? "!" + acl : acl);
                continue;
            } else {
                const TlvKey t = tlvKey(c.foldedKey);
                if (t.subtype >= 0) {
                    acls += "    # raw value = subtype byte 0x" +
                            QByteArray::number(t.subtype, 16).rightJustified(2, '0') +
                            " + ID, as hex\n";
                    line += QByteArray(t.haproxyFetch) + ",hex -m str";
                    for (const QString &v : c.values)
                        line += " " + QByteArray(1, char(t.subtype)).toHex().toUpper() +
                                v.toUtf8().toHex().toUpper();
                } else {
                    line += t.haproxyFetch;
                    const bool glob = c.spec.family == OperatorFamily::StringLike;
                    if (c.spec.family == OperatorFamily::StringIgnoreCase)
                        line += " -i -m str";
                    else if (glob)
                        line += " -m reg";
                    else
                        line += " -m str";
                    line += kHaproxyEndOfFlags;
                    for (const QString &v : c.values)
                        line += " " + (glob ? QString(QLatin1Char('^') + regexBody(v, true) +
                                                      QLatin1String(kRegexEnd))
                                                  .toUtf8()
                                            : v.toUtf8());
                }
            }
            acls += line + "\n";
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

    QByteArray conf = header(target(), name, p, result.notes, untestedHaproxy,
                             "The PROXY header is read by 'accept-proxy'; the policy is judged "
                             "on src and fc_pp_tlv\n# (first TLV of a type, raw).");
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
