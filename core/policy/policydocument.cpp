#include "policydocument.h"

#include "conditionoperators.h"
#include "jsonpositions.h"
#include "policytr.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace pl::policy {

QString Statement::label() const
{
    return sid.isEmpty() ? QStringLiteral("#%1").arg(index + 1) : sid;
}

QString formatError(const QString &name, const PolicyError &error)
{
    if (!error.pos.valid())
        return name + QLatin1String(": ") + error.message;
    return QStringLiteral("%1:%2:%3: %4")
        .arg(name)
        .arg(error.pos.line)
        .arg(error.pos.column)
        .arg(error.message);
}

namespace {

class Parser
{
public:
    Parser(const QByteArray &json, PolicyParse &out)
        : m_out(out), m_text(json), m_json(JsonPositions::scan(json))
    {}

    SourcePos valuePos(const QStringList &path) const
    {
        return m_text.at(m_json.valueOffset(path));
    }
    SourcePos keyPos(const QStringList &path) const
    {
        const int key = m_json.keyOffset(path);
        return m_text.at(key >= 0 ? key : m_json.valueOffset(path));
    }
    void error(const SourcePos &pos, const QString &message)
    {
        m_out.errors.append({message, pos});
    }

    // A string or a list of strings ("single strings and lists are both
    // accepted wherever lists are").
    bool stringList(const QJsonValue &v, const QStringList &path, QStringList &out,
                    bool scalarsAsText)
    {
        const auto one = [&](const QJsonValue &item, const QStringList &itemPath) {
            if (item.isString()) {
                out << item.toString();
                return true;
            }
            if (scalarsAsText && item.isBool()) {
                out << (item.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
                return true;
            }
            if (scalarsAsText && item.isDouble()) {
                if (!exactInJson(item)) {
                    error(valuePos(itemPath), PolicyText::tr("the number %1 is past 2^53, where "
                                                             "JSON numbers lose digits: write it "
                                                             "as a string")
                                                  .arg(jsonNumberText(item)));
                    return false;
                }
                out << jsonNumberText(item);
                return true;
            }
            error(valuePos(itemPath), PolicyText::tr("expected a string"));
            return false;
        };
        if (v.isArray()) {
            const QJsonArray array = v.toArray();
            bool ok = true;
            for (qsizetype i = 0; i < array.size(); ++i)
                ok = one(array.at(i), path + QStringList{QString::number(i)}) && ok;
            return ok;
        }
        return one(v, path);
    }

    void patternElement(const QJsonObject &o, const QStringList &path, const QString &name,
                        const QString &negatedName, PatternElement &element)
    {
        const bool plain = o.contains(name);
        const bool negated = o.contains(negatedName);
        if (plain && negated) {
            error(
                keyPos(path + QStringList{negatedName}),
                PolicyText::tr("a statement has either %1 or %2, not both").arg(name, negatedName));
            return;
        }
        if (!plain && !negated)
            return;
        const QString key = plain ? name : negatedName;
        element.present = true;
        element.negated = negated;
        element.pos = keyPos(path + QStringList{key});
        stringList(o.value(key), path + QStringList{key}, element.values, false);
    }

    void principal(const QJsonObject &o, const QStringList &path, Statement &s)
    {
        const QLatin1String name("Principal");
        if (!o.contains(name))
            return;
        s.principal.present = true;
        s.principal.pos = keyPos(path + QStringList{name});
        const QJsonValue v = o.value(name);
        const QStringList p = path + QStringList{name};
        if (v.isObject()) {
            // {"RAM": [...]}, {"AWS": ...}, {"Service": ...}: any kind matches.
            const QJsonObject kinds = v.toObject();
            for (auto it = kinds.begin(); it != kinds.end(); ++it) {
                s.principalKinds << it.key();
                stringList(it.value(), p + QStringList{it.key()}, s.principal.values, false);
            }
            return;
        }
        stringList(v, p, s.principal.values, false);
    }

    void conditions(const QJsonValue &v, const QStringList &path, Statement &s)
    {
        if (!v.isObject()) {
            error(valuePos(path),
                  PolicyText::tr("Condition must be an object of operator: {key: values}"));
            return;
        }
        const QJsonObject ops = v.toObject();
        for (auto op = ops.begin(); op != ops.end(); ++op) {
            const QStringList opPath = path + QStringList{op.key()};
            // An unknown operator is an error; its clauses are kept so that
            // the statement, if evaluated anyway, never matches.
            if (!parseOperator(op.key()))
                error(keyPos(opPath),
                      PolicyText::tr("unknown condition operator \"%1\"").arg(op.key()));
            if (!op.value().isObject()) {
                error(valuePos(opPath),
                      PolicyText::tr("operator %1 needs an object {key: values}").arg(op.key()));
                continue;
            }
            const QJsonObject keys = op.value().toObject();
            if (keys.isEmpty())
                error(valuePos(opPath), PolicyText::tr("operator %1 names no key").arg(op.key()));
            for (auto key = keys.begin(); key != keys.end(); ++key) {
                ConditionClause clause;
                clause.operatorName = op.key();
                clause.key = key.key();
                clause.operatorPos = keyPos(opPath);
                clause.keyPos = keyPos(opPath + QStringList{key.key()});
                if (!stringList(key.value(), opPath + QStringList{key.key()}, clause.values, true))
                    continue;
                if (clause.values.isEmpty()) {
                    error(clause.keyPos,
                          PolicyText::tr("condition key %1 has no values").arg(key.key()));
                    continue;
                }
                s.conditions.append(clause);
            }
        }
    }

    void statement(const QJsonValue &v, const QStringList &path, int index)
    {
        if (!v.isObject()) {
            error(valuePos(path), PolicyText::tr("a statement must be an object"));
            return;
        }
        const QJsonObject o = v.toObject();
        Statement s;
        s.index = index;
        s.pos = valuePos(path);
        static const QStringList known{QStringLiteral("Sid"),       QStringLiteral("Effect"),
                                       QStringLiteral("Action"),    QStringLiteral("NotAction"),
                                       QStringLiteral("Resource"),  QStringLiteral("NotResource"),
                                       QStringLiteral("Principal"), QStringLiteral("Condition")};
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                error(keyPos(path + QStringList{it.key()}),
                      PolicyText::tr("unknown statement element \"%1\"").arg(it.key()));
        }
        if (o.contains(QLatin1String("Sid"))) {
            if (o.value(QLatin1String("Sid")).isString())
                s.sid = o.value(QLatin1String("Sid")).toString();
            else
                error(valuePos(path + QStringList{QStringLiteral("Sid")}),
                      PolicyText::tr("Sid must be a string"));
        }
        const QJsonValue effect = o.value(QLatin1String("Effect"));
        s.effectPos = valuePos(path + QStringList{QStringLiteral("Effect")});
        if (effect.isUndefined()) {
            error(s.pos, PolicyText::tr("statement has no Effect (Allow or Deny)"));
        } else if (effect.toString() == QLatin1String("Allow")) {
            s.effect = Effect::Allow;
        } else if (effect.toString() == QLatin1String("Deny")) {
            s.effect = Effect::Deny;
        } else {
            error(s.effectPos,
                  PolicyText::tr("Effect must be \"Allow\" or \"Deny\", not %1")
                      .arg(QString::fromUtf8(
                               QJsonDocument(QJsonArray{effect}).toJson(QJsonDocument::Compact))
                               .mid(1)
                               .chopped(1)));
        }
        patternElement(o, path, QStringLiteral("Action"), QStringLiteral("NotAction"), s.action);
        if (!s.action.present)
            error(s.pos, PolicyText::tr("statement has no Action or NotAction"));
        patternElement(o, path, QStringLiteral("Resource"), QStringLiteral("NotResource"),
                       s.resource);
        principal(o, path, s);
        if (o.contains(QLatin1String("Condition")))
            conditions(o.value(QLatin1String("Condition")),
                       path + QStringList{QStringLiteral("Condition")}, s);
        m_out.document.statements.append(s);
    }

    void document(const QJsonObject &root)
    {
        for (auto it = root.begin(); it != root.end(); ++it) {
            if (it.key() != QLatin1String("Version") && it.key() != QLatin1String("Statement") &&
                it.key() != QLatin1String("Id"))
                error(keyPos({it.key()}),
                      PolicyText::tr("unknown policy element \"%1\"").arg(it.key()));
        }
        const QJsonValue version = root.value(QLatin1String("Version"));
        if (!version.isUndefined() && !version.isString())
            error(valuePos({QStringLiteral("Version")}),
                  PolicyText::tr("Version must be a string"));
        m_out.document.version = version.toString();
        const QJsonValue statements = root.value(QLatin1String("Statement"));
        if (!statements.isUndefined())
            m_out.document.statementListPos = valuePos({QStringLiteral("Statement")});
        if (statements.isUndefined()) {
            error(m_text.at(0), PolicyText::tr("policy has no Statement"));
        } else if (statements.isArray()) {
            const QJsonArray list = statements.toArray();
            for (qsizetype i = 0; i < list.size(); ++i)
                statement(list.at(i), {QStringLiteral("Statement"), QString::number(i)},
                          static_cast<int>(i));
        } else {
            statement(statements, {QStringLiteral("Statement")}, 0);
        }
    }

    // Qt reads an undefined escape ("\q") as the letter; the cloud refuses
    // such a document, so the simulator does too.
    bool escapesAreValid(const QByteArray &json)
    {
        const int at = m_json.badEscapeOffset();
        if (at < 0)
            return true;
        error(m_text.at(at), PolicyText::tr("invalid escape sequence \\%1 (JSON has \\\" \\\\ "
                                            "\\/ \\b \\f \\n \\r \\t \\uXXXX)")
                                 .arg(QString::fromUtf8(json.mid(at + 1, 1))));
        return false;
    }

    void repeatedKeys()
    {
        for (const DuplicateKey &d : m_json.duplicateKeys())
            m_out.document.repeatedKeys.append({d.path, m_text.at(d.offset)});
    }

private:
    PolicyParse &m_out;
    TextPositions m_text;
    JsonPositions m_json;
};

} // namespace

PolicyParse parsePolicy(const QByteArray &json, const QString &name, std::optional<Dialect> dialect)
{
    PolicyParse result;
    result.document.name = name;
    result.document.text = json;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors.append(
            {parseErrorText(parseError, json), TextPositions(json).at(parseErrorByte(parseError))});
        return result;
    }
    if (!doc.isObject()) {
        result.errors.append(
            {PolicyText::tr("a policy is a JSON object"), TextPositions(json).at(0)});
        return result;
    }
    Parser parser(json, result);
    if (!parser.escapesAreValid(json))
        return result;
    parser.document(doc.object());
    parser.repeatedKeys();
    PolicyDocument &d = result.document;
    d.dialectFromVersion = !dialect.has_value();
    d.dialect =
        dialect.value_or(d.version == QLatin1String("2012-10-17") ? Dialect::Aws : Dialect::Acs);
    return result;
}

PolicyParse loadPolicy(const QString &path, std::optional<Dialect> dialect)
{
    PolicyParse failed;
    failed.document.name = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        failed.read = PolicyRead::CannotOpen;
        failed.errors.append({PolicyText::tr("cannot open: %1").arg(file.errorString()), {}});
        return failed;
    }
    // Bounded reads: a device or a pipe may never end.
    QByteArray json;
    while (json.size() <= kMaxPolicyBytes) {
        const QByteArray chunk =
            file.read(std::min<qint64>(kMaxPolicyBytes + 1 - json.size(), qint64(1) << 20));
        if (chunk.isEmpty())
            break;
        json += chunk;
    }
    if (file.error() != QFileDevice::NoError) {
        failed.read = PolicyRead::CannotOpen;
        failed.errors.append({PolicyText::tr("cannot read: %1").arg(file.errorString()), {}});
        return failed;
    }
    if (json.size() > kMaxPolicyBytes) {
        failed.read = PolicyRead::TooLarge;
        failed.errors.append({PolicyText::tr("larger than the %1 MiB limit for a policy")
                                  .arg(kMaxPolicyBytes / (1024 * 1024)),
                              {}});
        return failed;
    }
    return parsePolicy(json, path, dialect);
}

} // namespace pl::policy
