#include "explanation.h"

#include "policytr.h"

#include <QJsonArray>
#include <QStringBuilder>

namespace pl::policy {

QString StatementRef::label() const
{
    return sid.isEmpty() ? QStringLiteral("#%1").arg(index + 1) : sid;
}

QString ConditionCheck::note() const
{
    switch (outcome) {
    case ConditionOutcome::Matched:
    case ConditionOutcome::NotMatched:
        return {};
    case ConditionOutcome::MissingKey:
        return matched
                   ? PolicyText::tr("missing context: key absent, so the negated operator is true")
                   : PolicyText::tr("missing context: key absent, so the operator is false");
    case ConditionOutcome::MissingIfExists:
        return PolicyText::tr("key absent: ...IfExists is true");
    case ConditionOutcome::BadActualValue:
        return PolicyText::tr("the request value is not valid for this operator");
    case ConditionOutcome::NoValidPolicyValue:
        return PolicyText::tr("none of the policy values is valid for this operator");
    }
    return {};
}

namespace {

QString where(const StatementRef &ref)
{
    QString s = ref.layerName;
    if (ref.pos.valid())
        s += (s.isEmpty() ? QString() : QStringLiteral(" ")) +
             PolicyText::tr("line %1").arg(ref.pos.line);
    return s;
}

QString list(const QStringList &values)
{
    if (values.size() == 1)
        return values.constFirst();
    return QLatin1Char('[') + values.join(QLatin1String(", ")) + QLatin1Char(']');
}

QJsonObject provenanceJson(const Provenance &p)
{
    QJsonObject o{{QStringLiteral("origin"), QLatin1String(originName(p.origin))},
                  {QStringLiteral("text"), p.text()}};
    if (p.offset >= 0) {
        o.insert(QStringLiteral("offset"), p.offset);
        o.insert(QStringLiteral("length"), p.length);
    }
    return o;
}

} // namespace

QString Explanation::summary() const
{
    const QString layer =
        denyingLayer >= 0 && layers.size() > 1 ? layers.at(denyingLayer).name : QString();
    return decisionSummary(decision, decisive, layer);
}

QString decisionSummary(Decision decision, const QList<StatementRef> &decisive,
                        const QString &denyingLayerName)
{
    const QString name = QLatin1String(decisionName(decision));
    if (decision == Decision::ImplicitDeny) {
        QString s = name + QLatin1String(": ") + PolicyText::tr("no statement allowed the request");
        if (!denyingLayerName.isEmpty())
            s += QLatin1String(" (") + PolicyText::tr("layer %1").arg(denyingLayerName) +
                 QLatin1Char(')');
        return s;
    }
    QStringList refs;
    for (const StatementRef &r : decisive)
        refs << QStringLiteral("%1 (%2)").arg(r.label(), where(r));
    return name + QLatin1Char(' ') + PolicyText::tr("by %1").arg(refs.join(QLatin1String(", ")));
}

QString Explanation::text() const
{
    QString s = summary() + QLatin1Char('\n');
    for (const LayerCheck &layer : layers) {
        if (layers.size() > 1)
            s += QStringLiteral("layer %1: %2\n")
                     .arg(layer.name, QLatin1String(decisionName(layer.decision)));
        for (const StatementCheck &st : layer.statements) {
            s += QStringLiteral("  %1 %2 %3 (%4): %5%6\n")
                     .arg(st.decisive ? QStringLiteral("=>") : QStringLiteral("  "),
                          QLatin1String(effectName(st.ref.effect)), st.ref.label(), where(st.ref),
                          st.matched ? PolicyText::tr("matched") : PolicyText::tr("not matched"),
                          st.decisive ? QLatin1String(", ") + PolicyText::tr("decisive")
                                      : QString());
            for (const ElementCheck &e : st.elements) {
                s += QStringLiteral("       %1 %2 %3, actual %4 [%5]\n")
                         .arg(e.matched ? QStringLiteral("ok ") : QStringLiteral("NO "), e.element,
                              list(e.expected), e.missing ? PolicyText::tr("(absent)") : e.actual,
                              e.provenance.text());
            }
            for (const ConditionCheck &c : st.conditions) {
                const QString actual = c.present ? list(c.actual) + QLatin1String(" [") +
                                                       c.provenance.text() + QLatin1Char(']')
                                                 : PolicyText::tr("(absent)");
                s += QStringLiteral("       %1 %2 %3 expects %4, actual %5")
                         .arg(c.matched ? QStringLiteral("ok ") : QStringLiteral("NO "),
                              c.operatorName, c.key, list(c.expected), actual);
                const QString note = c.note();
                if (!note.isEmpty())
                    s += QLatin1String(" -- ") + note;
                s += QLatin1Char('\n');
            }
        }
    }
    if (!missing.isEmpty())
        s += PolicyText::tr("missing context: %1").arg(missing.join(QLatin1String(", "))) +
             QLatin1Char('\n');
    return s;
}

QJsonObject statementRefJson(const StatementRef &ref)
{
    QJsonObject o{{QStringLiteral("index"), ref.index},
                  {QStringLiteral("layer"), ref.layer},
                  {QStringLiteral("effect"), QLatin1String(effectName(ref.effect))},
                  {QStringLiteral("line"), ref.pos.line},
                  {QStringLiteral("column"), ref.pos.column}};
    if (!ref.sid.isEmpty())
        o.insert(QStringLiteral("sid"), ref.sid);
    if (!ref.layerName.isEmpty())
        o.insert(QStringLiteral("policy"), ref.layerName);
    return o;
}

QJsonObject Explanation::toJson() const
{
    QJsonArray layerArray;
    for (const LayerCheck &layer : layers) {
        QJsonArray statements;
        for (const StatementCheck &st : layer.statements) {
            QJsonObject so = statementRefJson(st.ref);
            so.insert(QStringLiteral("matched"), st.matched);
            so.insert(QStringLiteral("decisive"), st.decisive);
            QJsonArray elements;
            for (const ElementCheck &e : st.elements) {
                QJsonObject eo{{QStringLiteral("element"), e.element},
                               {QStringLiteral("expected"), QJsonArray::fromStringList(e.expected)},
                               {QStringLiteral("matched"), e.matched},
                               {QStringLiteral("provenance"), provenanceJson(e.provenance)}};
                if (e.missing)
                    eo.insert(QStringLiteral("missing"), true);
                else
                    eo.insert(QStringLiteral("actual"), e.actual);
                elements.append(eo);
            }
            so.insert(QStringLiteral("elements"), elements);
            QJsonArray conditions;
            for (const ConditionCheck &c : st.conditions) {
                QJsonObject co{{QStringLiteral("operator"), c.operatorName},
                               {QStringLiteral("key"), c.key},
                               {QStringLiteral("expected"), QJsonArray::fromStringList(c.expected)},
                               {QStringLiteral("matched"), c.matched},
                               {QStringLiteral("line"), c.pos.line}};
                if (c.present) {
                    co.insert(QStringLiteral("actual"), QJsonArray::fromStringList(c.actual));
                    co.insert(QStringLiteral("provenance"), provenanceJson(c.provenance));
                } else {
                    co.insert(QStringLiteral("missing"), true);
                }
                const QString note = c.note();
                if (!note.isEmpty())
                    co.insert(QStringLiteral("note"), note);
                conditions.append(co);
            }
            so.insert(QStringLiteral("conditions"), conditions);
            statements.append(so);
        }
        layerArray.append(
            QJsonObject{{QStringLiteral("policy"), layer.name},
                        {QStringLiteral("decision"), QLatin1String(decisionName(layer.decision))},
                        {QStringLiteral("statements"), statements}});
    }
    QJsonArray decisiveArray;
    for (const StatementRef &r : decisive)
        decisiveArray.append(statementRefJson(r));
    QJsonObject o{{QStringLiteral("decision"), QLatin1String(decisionName(decision))},
                  {QStringLiteral("statements"), decisiveArray},
                  {QStringLiteral("missing"), QJsonArray::fromStringList(missing)},
                  {QStringLiteral("summary"), summary()},
                  {QStringLiteral("explanation"), layerArray}};
    if (denyingLayer >= 0 && layers.size() > 1)
        o.insert(QStringLiteral("layer"), layers.at(denyingLayer).name);
    return o;
}

} // namespace pl::policy
