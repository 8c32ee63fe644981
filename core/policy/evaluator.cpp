#include "evaluator.h"

#include "asciicase.h"
#include "compiledpolicy.h"

#include <QVarLengthArray>

namespace pl::policy {

namespace {

using Bound = QVarLengthArray<const ContextEntry *, 32>;

// The request's entry for each condition key of the set: one array lookup
// per request key, no string hashing.
Bound bind(const CompiledSet &set, const PolicyRequest &request)
{
    Bound bound(set.slotKeys.size(), nullptr);
    for (const ContextEntry &e : request.contextEntries()) {
        const auto id = static_cast<std::size_t>(e.keyId);
        if (id < set.slotOfKeyId.size() && set.slotOfKeyId[id] >= 0)
            bound[set.slotOfKeyId[id]] = &e;
    }
    return bound;
}

QString nameOf(const PolicyDocument &doc, int index)
{
    return doc.name.isEmpty() ? QStringLiteral("policy %1").arg(index + 1) : doc.name;
}

// The action case-folded once per request, on the stack for the usual short
// action names.
class FoldedAction
{
public:
    explicit FoldedAction(const QString &action) : m_text(action.size())
    {
        for (qsizetype i = 0; i < action.size(); ++i)
            m_text[i] = asciiLower(action.at(i).unicode());
    }
    QStringView view() const { return {m_text.constData(), m_text.size()}; }

private:
    QVarLengthArray<char16_t, 64> m_text;
};

} // namespace

PolicySet::PolicySet() : m_compiled(std::make_shared<CompiledSet>()) {}

PolicySet::PolicySet(const QList<PolicyDocument> &layers)
    : m_layers(layers), m_compiled(std::make_shared<CompiledSet>(compilePolicySet(layers)))
{}

int PolicySet::statementCount() const
{
    return m_compiled->statementCount;
}

int PolicySet::flatIndex(int layer, int statement) const
{
    return m_compiled->layers.at(layer).firstFlatIndex + statement;
}

QString PolicySet::layerName(int layer) const
{
    return nameOf(m_layers.at(layer), layer);
}

StatementRef PolicySet::statementRef(int layer, int statement) const
{
    const PolicyDocument &doc = m_layers.at(layer);
    const Statement &s = doc.statements.at(statement);
    return {layer, statement, s.sid, s.effect, s.pos, nameOf(doc, layer)};
}

Decision PolicySet::decide(const PolicyRequest &request) const
{
    const CompiledSet &set = *m_compiled;
    const Bound bound = bind(set, request);
    const FoldedAction folded(request.action);
    const QStringView action = folded.view();
    for (const CompiledLayer &layer : set.layers) {
        Decision d = Decision::ImplicitDeny;
        for (const int i : layer.denyFirst) {
            const CompiledStatement &s = layer.statements.at(i);
            if (s.matches(action, request, bound.constData())) {
                d = s.effect == Effect::Deny ? Decision::ExplicitDeny : Decision::Allow;
                break;
            }
        }
        if (d != Decision::Allow)
            return d;
    }
    return set.layers.isEmpty() ? Decision::ImplicitDeny : Decision::Allow;
}

Verdict PolicySet::evaluate(const PolicyRequest &request, std::span<std::uint64_t> hits) const
{
    const CompiledSet &set = *m_compiled;
    const Bound bound = bind(set, request);
    const FoldedAction folded(request.action);
    const QStringView action = folded.view();
    Verdict verdict;
    verdict.decision = set.layers.isEmpty() ? Decision::ImplicitDeny : Decision::Allow;
    QVarLengthArray<int, 16> allows;
    QVarLengthArray<int, 16> allowLayers;
    for (qsizetype l = 0; l < set.layers.size(); ++l) {
        const CompiledLayer &layer = set.layers.at(l);
        QVarLengthArray<int, 8> denies;
        qsizetype allowsBefore = allows.size();
        for (qsizetype i = 0; i < layer.statements.size(); ++i) {
            const CompiledStatement &s = layer.statements.at(i);
            if (!s.matches(action, request, bound.constData()))
                continue;
            if (!hits.empty())
                ++hits[static_cast<std::size_t>(layer.firstFlatIndex + i)];
            if (s.effect == Effect::Deny) {
                denies.append(static_cast<int>(i));
            } else {
                allows.append(static_cast<int>(i));
                allowLayers.append(static_cast<int>(l));
            }
        }
        if (verdict.denyingLayer >= 0)
            continue; // keep counting hits in later layers
        if (!denies.isEmpty() || allows.size() == allowsBefore) {
            verdict.denyingLayer = static_cast<int>(l);
            verdict.decision = denies.isEmpty() ? Decision::ImplicitDeny : Decision::ExplicitDeny;
            for (const int i : denies)
                verdict.decisive.append(statementRef(static_cast<int>(l), i));
        }
    }
    if (verdict.decision == Decision::Allow) {
        for (qsizetype k = 0; k < allows.size(); ++k)
            verdict.decisive.append(statementRef(allowLayers.at(k), allows.at(k)));
    }
    return verdict;
}

Explanation PolicySet::explain(const PolicyRequest &request) const
{
    const CompiledSet &set = *m_compiled;
    Explanation ex;
    ex.decision = set.layers.isEmpty() ? Decision::ImplicitDeny : Decision::Allow;
    for (qsizetype l = 0; l < set.layers.size(); ++l) {
        const CompiledLayer &layer = set.layers.at(l);
        const PolicyDocument &doc = m_layers.at(l);
        LayerCheck lc;
        lc.name = nameOf(doc, static_cast<int>(l));
        bool anyDeny = false;
        bool anyAllow = false;
        for (qsizetype i = 0; i < layer.statements.size(); ++i) {
            const CompiledStatement &cs = layer.statements.at(i);
            const Statement &s = doc.statements.at(i);
            StatementCheck sc;
            sc.ref = statementRef(static_cast<int>(l), static_cast<int>(i));
            bool all = true;
            ElementCheck action{s.action.negated ? QStringLiteral("NotAction")
                                                 : QStringLiteral("Action"),
                                s.action.values,
                                request.action,
                                request.actionProvenance,
                                cs.actionMatches(request.action),
                                false,
                                s.action.pos};
            all = all && action.matched;
            sc.elements.append(action);
            if (s.resource.present) {
                ElementCheck resource{s.resource.negated ? QStringLiteral("NotResource")
                                                         : QStringLiteral("Resource"),
                                      s.resource.values,
                                      request.resource,
                                      request.resourceProvenance,
                                      cs.resourceMatches(request.resource),
                                      false,
                                      s.resource.pos};
                all = all && resource.matched;
                sc.elements.append(resource);
            }
            if (s.principal.present) {
                ElementCheck principal{QStringLiteral("Principal"),
                                       s.principal.values,
                                       request.principal,
                                       request.principalProvenance,
                                       cs.principalMatches(request.principal),
                                       request.principal.isEmpty(),
                                       s.principal.pos};
                all = all && principal.matched;
                sc.elements.append(principal);
            }
            for (qsizetype c = 0; c < cs.conditions.size(); ++c) {
                const CompiledCondition &cond = cs.conditions.at(c);
                const ContextEntry *entry = request.contextFolded(cond.foldedKey());
                ConditionCheck cc;
                cc.operatorName = s.conditions.at(c).operatorName;
                cc.key = cond.key();
                cc.expected = cond.values();
                cc.pos = s.conditions.at(c).keyPos;
                cc.present = entry && !entry->values.isEmpty();
                if (cc.present) {
                    cc.actual = entry->values;
                    cc.provenance = entry->provenance;
                }
                cc.matched = cond.matches(entry);
                cc.outcome = cond.outcome(entry);
                if ((cc.outcome == ConditionOutcome::MissingKey ||
                     cc.outcome == ConditionOutcome::MissingIfExists) &&
                    !ex.missing.contains(cc.key))
                    ex.missing.append(cc.key);
                all = all && cc.matched;
                sc.conditions.append(cc);
            }
            sc.matched = all && !cs.unusable;
            anyDeny = anyDeny || (all && s.effect == Effect::Deny);
            anyAllow = anyAllow || (all && s.effect == Effect::Allow);
            lc.statements.append(sc);
        }
        lc.decision = anyDeny    ? Decision::ExplicitDeny
                      : anyAllow ? Decision::Allow
                                 : Decision::ImplicitDeny;
        ex.layers.append(lc);
    }
    for (qsizetype l = 0; l < ex.layers.size(); ++l) {
        if (ex.layers.at(l).decision != Decision::Allow) {
            ex.denyingLayer = static_cast<int>(l);
            ex.decision = ex.layers.at(l).decision;
            break;
        }
    }
    // Decisive: the matching Deny statements of the denying layer, or every
    // matching Allow when all layers allowed.
    for (qsizetype l = 0; l < ex.layers.size(); ++l) {
        if (ex.denyingLayer >= 0 && l != ex.denyingLayer)
            continue;
        for (StatementCheck &sc : ex.layers[l].statements) {
            const Effect wanted = ex.decision == Decision::Allow ? Effect::Allow : Effect::Deny;
            if (sc.matched && sc.ref.effect == wanted && ex.decision != Decision::ImplicitDeny) {
                sc.decisive = true;
                ex.decisive.append(sc.ref);
            }
        }
    }
    return ex;
}

} // namespace pl::policy
