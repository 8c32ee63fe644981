#include "policyplan.h"

#include "policy/asciicase.h"
#include "policy/contextkeys.h"
#include "policy/wildcard.h"

#include <algorithm>

namespace pl::enforce {

using namespace pl::policy;

QString Refusal::text(const QString &policyName) const
{
    QString where = policyName;
    if (line > 0)
        where += QStringLiteral(":%1:%2").arg(line).arg(column);
    return QStringLiteral("%1: %2: %3").arg(where, statement, reason);
}

void sortRefusals(QList<Refusal> &refusals)
{
    std::stable_sort(refusals.begin(), refusals.end(), [](const Refusal &a, const Refusal &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
}

Refusal refusalAt(const PlannedStatement &statement, const SourcePos &pos, const QString &reason)
{
    Refusal r;
    r.line = pos.valid() ? pos.line : statement.line;
    r.column = pos.valid() ? pos.column : 0;
    r.statement = statement.label;
    r.reason = reason;
    return r;
}

PolicyPlan planPolicy(const PolicyDocument &document)
{
    PolicyPlan plan;
    for (const Statement &s : document.statements) {
        PlannedStatement p;
        p.index = s.index;
        p.label = s.label();
        p.effect = s.effect;
        p.line = s.pos.line;
        p.actionNegated = s.action.negated;
        p.actions = s.action.values;
        p.actionPos = s.action.pos;
        p.hasResource = s.resource.present;
        p.resourceNegated = s.resource.negated;
        p.resources = s.resource.values;
        p.resourcePos = s.resource.pos;
        if (!s.action.present) {
            // No Action: the evaluator matches nothing; keep that.
            p.actions.clear();
            p.actionNegated = false;
        }
        if (s.principal.present && !s.principal.values.contains(QStringLiteral("*")))
            plan.refusals.append(refusalAt(
                p, s.principal.pos,
                QStringLiteral("Principal %1: a backend never sees the caller's principal (it "
                               "is RAM/IAM request context, not in the PROXY header or the "
                               "traffic)")
                    .arg(s.principal.values.join(QLatin1Char(',')))));
        for (const ConditionClause &c : s.conditions) {
            PlannedCondition pc;
            pc.operatorName = c.operatorName;
            pc.key = c.key;
            pc.values = c.values;
            pc.pos = c.operatorPos;
            pc.keyPos = c.keyPos;
            const auto spec = parseOperator(c.operatorName);
            const ContextKeyInfo *info = findContextKey(c.key);
            if (!spec || !info) {
                plan.refusals.append(refusalAt(
                    p, c.operatorPos,
                    QStringLiteral("%1 %2: unknown operator or key").arg(c.operatorName, c.key)));
                continue;
            }
            pc.spec = *spec;
            pc.foldedKey = policy::asciiLowered(c.key);
            if (info->source == KeySource::User) {
                plan.refusals.append(refusalAt(
                    p, c.keyPos,
                    QStringLiteral("%1: only a typed request provides this key (%2); no backend "
                                   "sees it in the PROXY header or the traffic")
                        .arg(c.key, QLatin1String(info->description))));
                continue;
            }
            if (spec->family == OperatorFamily::Date) {
                plan.refusals.append(
                    refusalAt(p, c.operatorPos,
                              QStringLiteral("%1 on %2: no key a backend sees carries a date")
                                  .arg(c.operatorName, c.key)));
                continue;
            }
            for (const QString &v : c.values) {
                switch (spec->family) {
                case OperatorFamily::Bool:
                case OperatorFamily::Null:
                    if (const auto b = parseBool(v))
                        pc.bools.append(*b);
                    break;
                case OperatorFamily::IpAddress:
                    if (const auto r = parseIpRange(v))
                        pc.ranges.append(*r);
                    break;
                default:
                    break;
                }
            }
            p.conditions.append(pc);
        }
        plan.statements.append(p);
    }
    return plan;
}

bool matchesEverything(const QStringList &patterns)
{
    for (const QString &p : patterns) {
        if (WildcardPattern(p, Qt::CaseInsensitive).matchesEverything())
            return true;
    }
    return false;
}

bool usesKey(const PolicyPlan &plan, QStringView foldedKey)
{
    for (const PlannedStatement &s : plan.statements) {
        for (const PlannedCondition &c : s.conditions) {
            if (c.foldedKey == foldedKey)
                return true;
        }
    }
    return false;
}

bool needsHttp(const PolicyPlan &plan)
{
    for (const PlannedStatement &s : plan.statements) {
        if (s.actionNegated || !matchesEverything(s.actions))
            return true;
        if (s.hasResource && (s.resourceNegated || !matchesEverything(s.resources)))
            return true;
        for (const PlannedCondition &c : s.conditions) {
            if (c.foldedKey.startsWith(QLatin1String("http:")))
                return true;
        }
    }
    return false;
}

const PlannedStatement *allowForSilentClient(const PolicyPlan &plan)
{
    for (const PlannedStatement &s : plan.statements) {
        if (s.effect != Effect::Allow)
            continue;
        bool action = false;
        for (const QString &p : s.actions)
            action = action || wildcardMatch(p, u"tcp:Connect", Qt::CaseInsensitive);
        if (action == s.actionNegated)
            continue;
        if (s.hasResource) {
            bool resource = false;
            for (const QString &p : s.resources)
                resource = resource || wildcardMatch(p, u"*", Qt::CaseSensitive);
            if (resource == s.resourceNegated)
                continue;
        }
        bool httpOnly = false;
        for (const PlannedCondition &c : s.conditions) {
            // A positive condition on an HTTP key cannot hold without a request.
            if (c.foldedKey.startsWith(QLatin1String("http:")) && !c.spec.negated &&
                !c.spec.ifExists && c.spec.family != OperatorFamily::Null)
                httpOnly = true;
        }
        if (!httpOnly)
            return &s;
    }
    return nullptr;
}

void refuseForAddressOnly(const PolicyPlan &plan, bool httpActions,
                          const std::function<QString(const PlannedCondition &)> &keyOk,
                          QList<Refusal> &refusals)
{
    for (const PlannedStatement &s : plan.statements) {
        const bool everything = !s.actionNegated && matchesEverything(s.actions);
        const bool allHttp =
            httpActions && !s.actionNegated &&
            std::any_of(s.actions.cbegin(), s.actions.cend(), [](const QString &a) {
                return a.compare(QLatin1String("http:*"), Qt::CaseInsensitive) == 0;
            });
        if (!everything && !allHttp)
            refusals.append(refusalAt(
                s, s.actionPos,
                QStringLiteral("%1 %2: this target judges connections by address only and "
                               "cannot tell actions apart (use --target nginx-njs)")
                    .arg(s.actionNegated ? QStringLiteral("NotAction") : QStringLiteral("Action"),
                         s.actions.join(QLatin1Char(',')))));
        if (s.hasResource && (s.resourceNegated || !matchesEverything(s.resources)))
            refusals.append(refusalAt(
                s, s.resourcePos,
                QStringLiteral("%1 %2: this target judges connections by address only and "
                               "cannot see paths (use --target nginx-njs)")
                    .arg(s.resourceNegated ? QStringLiteral("NotResource")
                                           : QStringLiteral("Resource"),
                         s.resources.join(QLatin1Char(',')))));
        for (const PlannedCondition &c : s.conditions) {
            const QString why = keyOk(c);
            if (!why.isEmpty())
                refusals.append(refusalAt(s, c.pos, why));
        }
    }
}

QString nativeTlvLimit(const QString &key)
{
    const QString k = policy::asciiLowered(key);
    QString where;
    if (k == QLatin1String("alibaba:endpointid"))
        where = QStringLiteral(
            "the endpoint ID is the first 0xE1 TLV in Alibaba's documented header, so nginx >= "
            "1.23.2 $proxy_protocol_tlv_0xe1 would return it, raw with its subtype byte 0x02 "
            "in front, and only while the load balancer keeps that order");
    else if (k == QLatin1String("alibaba:sourcevpc") || k == QLatin1String("acs:sourcevpc"))
        where = QStringLiteral(
            "the VPC ID travels in the second 0xE1 TLV (endpoint ID first) and nginx >= 1.23.2 "
            "$proxy_protocol_tlv_0xe1 / HAProxy >= 2.9 fc_pp_tlv(0xE1) return only the first "
            "TLV of a type, so it is never reachable that way");
    else if (k == QLatin1String("alibaba:endpointserviceid"))
        where = QStringLiteral("it shares type 0xE1 with the endpoint and VPC IDs and native "
                               "variables return only the first TLV of a type");
    else if (k == QLatin1String("aws:sourcevpce"))
        where = QStringLiteral("nginx >= 1.23.2 $proxy_protocol_tlv_0xea would return it raw "
                               "with its subtype byte 0x01 in front");
    else
        where = QStringLiteral("nginx >= 1.23.2 $proxy_protocol_tlv_0xNN and HAProxy >= 2.9 "
                               "fc_pp_tlv(0xNN) return only the first TLV of a type, raw");
    return QStringLiteral("%1: nginx 1.22 and HAProxy 2.6 expose no TLV values; %2 (use "
                          "--target nginx-njs)")
        .arg(key, where);
}

PolicyPlan planAddressOnly(const PolicyDocument &document, bool httpActions,
                           const std::function<QString(const PlannedCondition &)> &keyOk,
                           QList<Refusal> &refusals)
{
    PolicyPlan plan = planPolicy(document);
    refusals = plan.refusals;
    refuseForAddressOnly(plan, httpActions, keyOk, refusals);
    sortRefusals(refusals);
    return plan;
}

QString policyName(const PolicyDocument &document)
{
    return commentSafe(document.name.isEmpty() ? QStringLiteral("policy") : document.name);
}

QString commentSafe(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator || c.unicode() == 0x85)
            c = QLatin1Char('?');
    }
    return out;
}

QString statementSummary(const PlannedStatement &statement)
{
    return QStringLiteral("line %1, %2 %3")
        .arg(statement.line)
        .arg(QLatin1String(effectName(statement.effect)), commentSafe(statement.label));
}

namespace {

QByteArray quoted(const QString &text, bool lua)
{
    QByteArray out("\"");
    for (const char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u >= 0x20 && u < 0x7f) {
            out += c;
        } else if (lua) {
            out += QByteArray("\\") + QByteArray::number(u).rightJustified(3, '0');
        } else {
            out += QByteArray("\\x") + QByteArray::number(u, 16).rightJustified(2, '0');
        }
    }
    out += '"';
    return out;
}

} // namespace

QByteArray jsString(const QString &text)
{
    // JS \xNN is a code unit, not a byte: escape per UTF-16 unit instead.
    QByteArray out("\"");
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        if (u == '"' || u == '\\') {
            out += '\\';
            out += static_cast<char>(u);
        } else if (u >= 0x20 && u < 0x7f) {
            out += static_cast<char>(u);
        } else {
            out += QByteArray("\\u") + QByteArray::number(u, 16).rightJustified(4, '0');
        }
    }
    out += '"';
    return out;
}

QByteArray luaString(const QString &text)
{
    return quoted(text, true);
}

} // namespace pl::enforce
