#include "scriptpolicy.h"

namespace pl::enforce {

using namespace pl::policy;

namespace {

const char *opName(OperatorFamily family)
{
    switch (family) {
    case OperatorFamily::String:
        return "str";
    case OperatorFamily::StringIgnoreCase:
        return "stri";
    case OperatorFamily::StringLike:
        return "like";
    case OperatorFamily::Numeric:
        return "num";
    case OperatorFamily::Bool:
        return "bool";
    case OperatorFamily::IpAddress:
        return "ip";
    case OperatorFamily::Null:
        return "null";
    case OperatorFamily::Date:
        break;
    }
    return "date";
}

const char *cmpName(Comparison c)
{
    switch (c) {
    case Comparison::Equal:
        return "eq";
    case Comparison::Less:
        return "lt";
    case Comparison::LessOrEqual:
        return "le";
    case Comparison::Greater:
        return "gt";
    case Comparison::GreaterOrEqual:
        return "ge";
    }
    return "eq";
}

struct Syntax
{
    ScriptLanguage language;
    QByteArray str(const QString &s) const
    {
        return language == ScriptLanguage::Js ? jsString(s) : luaString(s);
    }
    QByteArray list(const QList<QByteArray> &items) const
    {
        const QByteArray body = items.join(", ");
        return language == ScriptLanguage::Js ? QByteArray("[" + body + "]")
                                              : QByteArray("{" + body + "}");
    }
    QByteArray strings(const QStringList &values) const
    {
        QList<QByteArray> items;
        for (const QString &v : values)
            items << str(v);
        return list(items);
    }
    QByteArray field(const char *name, const QByteArray &value) const
    {
        return language == ScriptLanguage::Js ? QByteArray(QByteArray(name) + ": " + value)
                                              : QByteArray(QByteArray(name) + " = " + value);
    }
    QByteArray boolean(bool b) const { return b ? "true" : "false"; }
    QByteArray object(const QList<QByteArray> &fields) const
    {
        return QByteArray("{" + fields.join(", ") + "}");
    }
    QByteArray comment() const { return language == ScriptLanguage::Js ? "//" : "--"; }
};

QByteArray conditionLiteral(const Syntax &x, const PlannedCondition &c)
{
    QList<QByteArray> bools;
    for (bool b : c.bools)
        bools << x.boolean(b);
    QList<QByteArray> ranges;
    for (const IpRange &r : c.ranges) {
        QList<QByteArray> bytes;
        for (const std::uint8_t b : r.network.bytes)
            bytes << QByteArray::number(b);
        ranges << x.list({x.list(bytes), QByteArray::number(r.prefix)});
    }
    return x.object({
        x.field("op", x.str(QLatin1String(opName(c.spec.family)))),
        x.field("cmp", x.str(QLatin1String(cmpName(c.spec.comparison)))),
        x.field("neg", x.boolean(c.spec.negated)),
        x.field("ifExists", x.boolean(c.spec.ifExists)),
        x.field("key", x.str(c.foldedKey)),
        x.field("values", x.strings(c.values)),
        x.field("bools", x.list(bools)),
        x.field("ranges", x.list(ranges)),
    });
}

} // namespace

void refuseUnscriptableKeys(const PolicyPlan &plan, QList<Refusal> &refusals)
{
    for (const PlannedStatement &s : plan.statements) {
        for (const PlannedCondition &c : s.conditions) {
            if (c.foldedKey == QLatin1String("tls:sni"))
                refusals.append(refusalAt(
                    s, c.keyPos,
                    QStringLiteral("tls:Sni: the generated script does not parse TLS "
                                   "ClientHello messages (use pp:Authority, which load balancers "
                                   "fill with the SNI)")));
        }
    }
}

QByteArray policyScript(const PolicyPlan &plan, ScriptLanguage language, const QString &header)
{
    const Syntax x{language};
    const bool js = language == ScriptLanguage::Js;
    QByteArray out;
    for (const QString &line : header.split(QLatin1Char('\n')))
        out +=
            x.comment() + (line.isEmpty() ? QByteArray() : " " + commentSafe(line).toUtf8()) + "\n";
    out += "\n";
    out += js ? "var NEEDS_HTTP = " : "local NEEDS_HTTP = ";
    out += x.boolean(needsHttp(plan)) + (js ? ";\n" : "\n");
    const bool headers = usesKey(plan, u"http:host") || usesKey(plan, u"http:useragent");
    out += js ? "var NEEDS_HTTP_HEADERS = " : "local NEEDS_HTTP_HEADERS = ";
    out += x.boolean(headers) + (js ? ";\n" : "\n");
    out += js ? "var STATEMENTS = [\n" : "local STATEMENTS = {\n";
    for (const PlannedStatement &s : plan.statements) {
        out += "    " + x.comment() + " " + statementSummary(s).toUtf8() + "\n";
        QList<QByteArray> conds;
        for (const PlannedCondition &c : s.conditions) {
            conds << "\n        " + x.comment() + " line " + QByteArray::number(c.pos.line) + ": " +
                         commentSafe(c.operatorName).toUtf8() + " " + commentSafe(c.key).toUtf8() +
                         "\n        " + conditionLiteral(x, c);
        }
        QList<QByteArray> fields{
            x.field("line", QByteArray::number(s.line)),
            x.field("sid", x.str(s.label)),
            x.field("effect", x.str(QLatin1String(effectName(s.effect)))),
            x.field("actions", x.strings(s.actions)),
            x.field("actionNeg", x.boolean(s.actionNegated)),
            x.field("resources",
                    s.hasResource ? x.strings(s.resources) : QByteArray(js ? "null" : "nil")),
            x.field("resourceNeg", x.boolean(s.resourceNegated)),
            x.field("conds", x.list(conds)),
        };
        out += "    " + x.object(fields) + ",\n";
    }
    out += js ? "];\n\n" : "}\n\n";
    out += js ? njsRuntime() : luaRuntime();
    return out;
}

} // namespace pl::enforce
