#include "compiledpolicy.h"

#include "asciicase.h"
#include "policyrequest.h"

namespace pl::policy {

QString principalAccount(QStringView principal)
{
    bool digits = !principal.isEmpty();
    for (const QChar c : principal)
        digits = digits && c.isDigit();
    if (digits)
        return principal.toString();
    // acs:ram::ACCOUNT:...  arn:aws:iam::ACCOUNT:...
    const QList<QStringView> parts = principal.split(QLatin1Char(':'));
    if (parts.size() >= 5 &&
        ((parts.at(0) == QLatin1String("acs") && parts.at(1) == QLatin1String("ram")) ||
         (parts.at(0) == QLatin1String("arn") && parts.at(2) == QLatin1String("iam"))))
        return parts.at(parts.at(0) == QLatin1String("acs") ? 3 : 4).toString();
    return {};
}

bool PrincipalPattern::matches(QStringView principal) const
{
    if (pattern.matchesEverything())
        return true;
    if (!account.isEmpty())
        return principalAccount(principal) == account;
    return pattern.matches(principal);
}

bool CompiledStatement::actionMatches(QStringView action) const
{
    return actionMatchesFolded(asciiLowered(action));
}

bool CompiledStatement::actionMatchesFolded(QStringView foldedAction) const
{
    bool any = false;
    for (const WildcardPattern &p : actions) {
        if (p.matchesFolded(foldedAction)) {
            any = true;
            break;
        }
    }
    return any != actionNegated;
}

bool CompiledStatement::resourceMatches(QStringView resource) const
{
    if (!hasResource)
        return true;
    bool any = false;
    for (const WildcardPattern &p : resources) {
        if (p.matches(resource)) {
            any = true;
            break;
        }
    }
    return any != resourceNegated;
}

bool CompiledStatement::principalMatches(QStringView principal) const
{
    if (!hasPrincipal)
        return true;
    for (const PrincipalPattern &p : principals) {
        if (p.pattern.matchesEverything())
            return true;
        if (!principal.isEmpty() && p.matches(principal))
            return true;
    }
    return false;
}

bool CompiledStatement::matches(QStringView foldedAction, const PolicyRequest &request,
                                const ContextEntry *const *bound) const
{
    if (unusable || !actionMatchesFolded(foldedAction) || !resourceMatches(request.resource) ||
        !principalMatches(request.principal))
        return false;
    for (qsizetype i = 0; i < conditions.size(); ++i) {
        if (!conditions.at(i).matches(bound[keySlots.at(i)]))
            return false;
    }
    return true;
}

CompiledStatement compileStatement(const Statement &s, QStringList &slotKeys)
{
    CompiledStatement c;
    c.index = s.index;
    c.effect = s.effect;
    c.actionNegated = s.action.negated;
    // Actions compare case-insensitively (RAM and IAM), resources do not.
    for (const QString &a : s.action.values)
        c.actions.append(WildcardPattern(a, Qt::CaseInsensitive));
    c.hasResource = s.resource.present;
    c.resourceNegated = s.resource.negated;
    for (const QString &r : s.resource.values)
        c.resources.append(WildcardPattern(r, Qt::CaseSensitive));
    c.hasPrincipal = s.principal.present;
    for (const QString &p : s.principal.values) {
        PrincipalPattern pp{WildcardPattern(p, Qt::CaseSensitive), {}};
        const bool root = p.endsWith(QLatin1String(":root"));
        const QString account = principalAccount(p);
        if (!account.isEmpty() && (root || account == p))
            pp.account = account;
        c.principals.append(pp);
    }
    for (const ConditionClause &clause : s.conditions) {
        const auto spec = parseOperator(clause.operatorName);
        c.unusable = c.unusable || !spec;
        // A placeholder keeps conditions aligned with the document's clauses.
        c.conditions.append(
            CompiledCondition(spec.value_or(OperatorSpec{}), clause.key, clause.values));
        const QString folded = asciiLowered(clause.key);
        qsizetype slot = slotKeys.indexOf(folded);
        if (slot < 0) {
            slot = slotKeys.size();
            slotKeys.append(folded);
        }
        c.keySlots.append(static_cast<int>(slot));
    }
    return c;
}

CompiledSet compilePolicySet(const QList<PolicyDocument> &layers)
{
    CompiledSet set;
    for (const PolicyDocument &doc : layers) {
        CompiledLayer layer;
        layer.firstFlatIndex = set.statementCount;
        for (const Statement &s : doc.statements)
            layer.statements.append(compileStatement(s, set.slotKeys));
        for (const Effect effect : {Effect::Deny, Effect::Allow}) {
            for (qsizetype i = 0; i < layer.statements.size(); ++i) {
                if (layer.statements.at(i).effect == effect)
                    layer.denyFirst.append(static_cast<int>(i));
            }
        }
        set.statementCount += static_cast<int>(layer.statements.size());
        set.layers.append(layer);
    }
    for (qsizetype slot = 0; slot < set.slotKeys.size(); ++slot) {
        const auto id = static_cast<std::size_t>(contextKeyId(set.slotKeys.at(slot)));
        if (id >= set.slotOfKeyId.size())
            set.slotOfKeyId.resize(id + 1, -1);
        set.slotOfKeyId[id] = static_cast<int>(slot);
    }
    return set;
}

} // namespace pl::policy
