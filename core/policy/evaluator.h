#pragma once

#include "explanation.h"
#include "policydocument.h"
#include "policyrequest.h"

#include <QList>

#include <memory>
#include <span>

namespace pl::policy {

struct CompiledSet;

// The decision and the statements that made it, without the full tree.
struct Verdict
{
    Decision decision = Decision::ImplicitDeny;
    int denyingLayer = -1; // first layer that did not allow
    QList<StatementRef> decisive;
};

// One or more policy documents evaluated as layers (for example the endpoint
// policy, then the backend policy): a request is allowed only if every layer
// allows it, and the first layer that does not is reported. Compiled once at
// construction; copies share the compiled form; const methods are safe to
// call from several threads.
class PolicySet
{
public:
    PolicySet();
    explicit PolicySet(const QList<PolicyDocument> &layers);
    explicit PolicySet(const PolicyDocument &document) : PolicySet(QList<PolicyDocument>{document})
    {}

    const QList<PolicyDocument> &layers() const { return m_layers; }
    // Statements over all layers; batch hit counters are indexed by
    // flatIndex(layer, statement).
    int statementCount() const;
    int flatIndex(int layer, int statement) const;
    StatementRef statementRef(int layer, int statement) const;
    // The document's name, or "policy N" when it has none.
    QString layerName(int layer) const;

    // Fastest: stops at the first deciding statement.
    Decision decide(const PolicyRequest &request) const;
    // Every statement is evaluated; hits (size statementCount(), optional)
    // counts each statement that matched.
    Verdict evaluate(const PolicyRequest &request, std::span<std::uint64_t> hits = {}) const;
    // The whole tree, for people.
    Explanation explain(const PolicyRequest &request) const;

private:
    QList<PolicyDocument> m_layers;
    std::shared_ptr<const CompiledSet> m_compiled;
};

} // namespace pl::policy
