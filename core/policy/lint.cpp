#include "lint.h"

#include "asciicase.h"
#include "conditionoperators.h"
#include "contextkeys.h"
#include "policytr.h"
#include "wildcard.h"

#include <QHash>

namespace pl::policy {

namespace {

class Linter
{
public:
    explicit Linter(const PolicyDocument &doc) : m_doc(doc) {}

    QList<LintFinding> run()
    {
        version();
        repeatedKeys();
        if (m_doc.statementListPos.valid() && m_doc.statements.isEmpty())
            add(LintSeverity::Warning, "empty-statement",
                PolicyText::tr("the Statement list is empty: every request is denied implicitly"),
                m_doc.statementListPos);
        for (const Statement &s : m_doc.statements)
            statement(s);
        duplicateSids();
        shadowedAllows();
        return m_findings;
    }

private:
    void add(LintSeverity severity, const char *code, const QString &message, const SourcePos &pos,
             int statement = -1)
    {
        m_findings.append({severity, QLatin1String(code), message, pos, statement});
    }

    void version()
    {
        const QString &v = m_doc.version;
        if (v.isEmpty())
            return;
        if (m_doc.dialect == Dialect::Acs && v != QLatin1String("1"))
            add(LintSeverity::Warning, "dialect-version",
                PolicyText::tr("RAM policies use Version \"1\", not \"%1\"").arg(v), {});
        if (m_doc.dialect == Dialect::Aws && v != QLatin1String("2012-10-17") &&
            v != QLatin1String("2008-10-17"))
            add(LintSeverity::Warning, "dialect-version",
                PolicyText::tr("IAM policies use Version \"2012-10-17\", not \"%1\"").arg(v), {});
    }

    // JSON keeps the last of two equal keys: which one the author meant is
    // anyone's guess ("Effect": "Deny" then "Effect": "Allow").
    void repeatedKeys()
    {
        for (const RepeatedKey &k : m_doc.repeatedKeys) {
            int statement = -1;
            if (k.path.size() >= 2 && k.path.first() == QLatin1String("Statement")) {
                bool numbered = false;
                const int index = k.path.at(1).toInt(&numbered);
                statement = numbered && k.path.size() >= 3 ? index : 0;
            }
            add(LintSeverity::Error, "duplicate-key",
                PolicyText::tr(
                    "key \"%1\" is written twice in the same object (%2); JSON keeps only the "
                    "last one")
                    .arg(k.path.constLast(), k.path.join(QLatin1Char('.'))),
                k.pos, statement);
        }
    }

    // IAM refuses a policy whose Sids repeat, and explanations name
    // statements by Sid.
    void duplicateSids()
    {
        QHash<QString, const Statement *> first;
        for (const Statement &s : m_doc.statements) {
            if (s.sid.isEmpty())
                continue;
            const auto it = first.constFind(s.sid);
            if (it == first.cend()) {
                first.insert(s.sid, &s);
                continue;
            }
            add(LintSeverity::Error, "duplicate-sid",
                PolicyText::tr(
                    "statement #%1 repeats the Sid \"%2\" of statement #%3 (line %4); Sids must "
                    "be unique")
                    .arg(s.index + 1)
                    .arg(s.sid)
                    .arg((*it)->index + 1)
                    .arg((*it)->pos.line),
                s.pos, s.index);
        }
    }

    // An empty Action list matches nothing; an empty NotAction list
    // excludes nothing, so the statement applies to everything.
    void emptyList(const Statement &s, const PatternElement &e, const QString &name)
    {
        if (!e.present || !e.values.isEmpty())
            return;
        if (e.negated)
            add(LintSeverity::Warning, "empty-not-list",
                PolicyText::tr("statement %1: empty %2 list excludes nothing, the statement "
                               "applies to every %3")
                    .arg(s.label(), QStringLiteral("Not") + name, name.toLower()),
                e.pos, s.index);
        else
            add(LintSeverity::Error, "never-matches",
                PolicyText::tr("statement %1: empty %2 list, it never matches")
                    .arg(s.label(), name),
                e.pos, s.index);
    }

    void statement(const Statement &s)
    {
        const int i = s.index;
        emptyList(s, s.action, QStringLiteral("Action"));
        if (s.action.negated && s.action.values.contains(QStringLiteral("*")))
            add(LintSeverity::Error, "never-matches",
                PolicyText::tr(
                    "statement %1: NotAction \"*\" excludes every action, it never matches")
                    .arg(s.label()),
                s.action.pos, i);
        emptyList(s, s.resource, QStringLiteral("Resource"));
        if (s.resource.negated && s.resource.values.contains(QStringLiteral("*")))
            add(LintSeverity::Error, "never-matches",
                PolicyText::tr(
                    "statement %1: NotResource \"*\" excludes every resource, it never matches")
                    .arg(s.label()),
                s.resource.pos, i);
        if (!s.resource.present)
            add(LintSeverity::Info, "no-resource",
                PolicyText::tr("statement %1 has no Resource: it applies to every resource")
                    .arg(s.label()),
                s.pos, i);
        const QLatin1String otherKind(m_doc.dialect == Dialect::Acs ? "AWS" : "RAM");
        if (s.principalKinds.contains(otherKind))
            add(LintSeverity::Warning, "dialect-principal",
                PolicyText::tr("statement %1: Principal kind \"%2\" belongs to the other dialect")
                    .arg(s.label(), otherKind),
                s.principal.pos, i);
        const bool anyPrincipal =
            s.principal.present && s.principal.values.contains(QStringLiteral("*"));
        if (s.effect == Effect::Allow && anyPrincipal && s.conditions.isEmpty())
            add(LintSeverity::Warning, "public-allow",
                PolicyText::tr("statement %1 allows any principal (\"*\") without a condition")
                    .arg(s.label()),
                s.principal.pos, i);
        for (const ConditionClause &c : s.conditions)
            condition(s, c);
        contradictions(s);
    }

    void condition(const Statement &s, const ConditionClause &c)
    {
        const int i = s.index;
        const auto spec = parseOperator(c.operatorName);
        if (!spec)
            return; // a parse error already
        if (spec->awsOnly() && m_doc.dialect == Dialect::Acs)
            add(LintSeverity::Error, "dialect-operator",
                PolicyText::tr(
                    "%1 is not valid in RAM (acs) policies: RAM has no ...IfExists and no Null")
                    .arg(c.operatorName),
                c.operatorPos, i);
        const ContextKeyInfo *key = findContextKey(c.key);
        if (!key) {
            add(LintSeverity::Warning, "unknown-key",
                PolicyText::tr("unknown condition key %1: no request will carry it unless typed")
                    .arg(c.key),
                c.keyPos, i);
        } else {
            if (key->dialect &&
                QLatin1String(key->dialect) != QLatin1String(dialectName(m_doc.dialect)))
                add(LintSeverity::Warning, "dialect-key",
                    PolicyText::tr("%1 is a key of the %2 dialect, this policy is %3")
                        .arg(c.key, QLatin1String(key->dialect),
                             QLatin1String(dialectName(m_doc.dialect))),
                    c.keyPos, i);
            if (key->source == KeySource::User)
                add(LintSeverity::Info, "user-only-key",
                    PolicyText::tr("no traffic source provides %1; only a typed request does")
                        .arg(c.key),
                    c.keyPos, i);
            misapplied(s, c, *spec, key->type);
        }
        const CompiledCondition compiled(*spec, c.key, c.values);
        for (const QString &bad : compiled.invalidValues())
            add(LintSeverity::Error, "bad-value",
                PolicyText::tr("%1 cannot use the value \"%2\"").arg(c.operatorName, bad), c.keyPos,
                i);
        if (compiled.hostBitsSet())
            add(LintSeverity::Warning, "cidr-host-bits",
                PolicyText::tr("a CIDR under %1 has host bits set; they are ignored").arg(c.key),
                c.keyPos, i);
        if (spec->family == OperatorFamily::String) {
            for (const QString &v : c.values) {
                if (hasWildcard(v)) {
                    add(LintSeverity::Warning, "wildcard-in-equals",
                        PolicyText::tr("%1 compares \"%2\" literally; use StringLike for wildcards")
                            .arg(c.operatorName, v),
                        c.keyPos, i);
                    break;
                }
            }
        }
    }

    void misapplied(const Statement &s, const ConditionClause &c, const OperatorSpec &spec,
                    KeyType type)
    {
        const auto wrong = [&](const QString &what) {
            add(LintSeverity::Warning, "misapplied-operator",
                PolicyText::tr("%1 on %2, which is %3 (%4)")
                    .arg(c.operatorName, c.key, keyTypeName(type), what),
                c.operatorPos, s.index);
        };
        switch (spec.family) {
        case OperatorFamily::Numeric:
            if (type != KeyType::Number)
                wrong(PolicyText::tr("not a number"));
            break;
        case OperatorFamily::Date:
            if (type != KeyType::Date)
                wrong(PolicyText::tr("not a date"));
            break;
        case OperatorFamily::Bool:
            if (type != KeyType::Bool)
                wrong(PolicyText::tr("not a boolean"));
            break;
        case OperatorFamily::IpAddress:
            if (type != KeyType::Ip)
                wrong(PolicyText::tr("not an IP address"));
            break;
        default:
            break;
        }
    }

    // Conditions that cannot all hold at once.
    void contradictions(const Statement &s)
    {
        for (const ConditionClause &a : s.conditions) {
            const auto sa = parseOperator(a.operatorName);
            if (!sa)
                continue;
            if (sa->family != OperatorFamily::Null && !sa->negated && !sa->ifExists) {
                const CompiledCondition ca(*sa, a.key, a.values);
                if (ca.invalidValues().size() == a.values.size())
                    add(LintSeverity::Error, "never-matches",
                        PolicyText::tr("statement %1 can never match: no value of %2 %3 is valid")
                            .arg(s.label(), a.operatorName, a.key),
                        a.keyPos, s.index);
            }
            for (const ConditionClause &b : s.conditions) {
                const auto sb = parseOperator(b.operatorName);
                if (!sb || &a == &b || !asciiEqualsIgnoreCase(a.key, b.key))
                    continue;
                // Null: true (key absent) with an operator that needs the key.
                if (sa->family == OperatorFamily::Null &&
                    a.values == QStringList{QStringLiteral("true")} &&
                    sb->family != OperatorFamily::Null && !sb->negated && !sb->ifExists)
                    add(LintSeverity::Error, "never-matches",
                        PolicyText::tr(
                            "statement %1 can never match: Null says %2 is absent, %3 needs it")
                            .arg(s.label(), a.key, b.operatorName),
                        b.keyPos, s.index);
                // StringEquals k=A and StringNotEquals k=A.
                if (sa->family == OperatorFamily::String && sb->family == OperatorFamily::String &&
                    !sa->negated && sb->negated && !sa->ifExists) {
                    bool covered = true;
                    for (const QString &v : a.values)
                        covered = covered && b.values.contains(v);
                    if (covered)
                        add(LintSeverity::Error, "never-matches",
                            PolicyText::tr(
                                "statement %1 can never match: %2 both requires and excludes the "
                                "same values")
                                .arg(s.label(), a.key),
                            b.keyPos, s.index);
                }
            }
        }
    }

    // An unconditional Deny on every action and resource leaves no Allow
    // statement any effect.
    void shadowedAllows()
    {
        for (const Statement &d : m_doc.statements) {
            const bool everything =
                d.effect == Effect::Deny && !d.action.negated &&
                d.action.values.contains(QStringLiteral("*")) &&
                (!d.resource.present ||
                 (!d.resource.negated && d.resource.values.contains(QStringLiteral("*")))) &&
                !d.principal.present && d.conditions.isEmpty();
            if (!everything)
                continue;
            for (const Statement &a : m_doc.statements) {
                if (a.effect == Effect::Allow)
                    add(LintSeverity::Warning, "shadowed",
                        PolicyText::tr(
                            "statement %1 can never allow: statement %2 denies everything")
                            .arg(a.label(), d.label()),
                        a.pos, a.index);
            }
        }
    }

    const PolicyDocument &m_doc;
    QList<LintFinding> m_findings;
};

} // namespace

QList<LintFinding> lintPolicy(const PolicyDocument &document)
{
    return Linter(document).run();
}

bool hasErrors(const QList<LintFinding> &findings)
{
    for (const LintFinding &f : findings) {
        if (f.severity == LintSeverity::Error)
            return true;
    }
    return false;
}

const char *lintSeverityName(LintSeverity severity)
{
    switch (severity) {
    case LintSeverity::Info:
        return "info";
    case LintSeverity::Warning:
        return "warning";
    case LintSeverity::Error:
        return "error";
    }
    return "?";
}

QJsonObject lintFindingJson(const LintFinding &f)
{
    QJsonObject o{{QStringLiteral("severity"), QLatin1String(lintSeverityName(f.severity))},
                  {QStringLiteral("code"), f.code},
                  {QStringLiteral("message"), f.message},
                  {QStringLiteral("line"), f.pos.line},
                  {QStringLiteral("column"), f.pos.column}};
    if (f.pos.offset >= 0)
        o.insert(QStringLiteral("offset"), f.pos.offset); // bytes into the file
    if (f.statement >= 0)
        o.insert(QStringLiteral("statement"), f.statement);
    return o;
}

} // namespace pl::policy
