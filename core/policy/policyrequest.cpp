#include "policyrequest.h"

#include "asciicase.h"
#include "policytr.h"
#include "policytypes.h"

#include <QJsonArray>
#include <QMutex>

#include <unordered_map>

namespace pl::policy {

const char *originName(Provenance::Origin origin)
{
    switch (origin) {
    case Provenance::Origin::User:
        return "user";
    case Provenance::Origin::Header:
        return "header";
    case Provenance::Origin::Vendor:
        return "vendor";
    case Provenance::Origin::Derived:
        return "derived";
    case Provenance::Origin::Connection:
        return "connection";
    case Provenance::Origin::Payload:
        return "payload";
    case Provenance::Origin::Default:
        return "default";
    }
    return "?";
}

namespace {

// Key IDs by folded key, and the folded key and ID of every key as written
// (builders use the same few dozen literals: no folding per request).
struct KeyRegistry
{
    QMutex mutex;
    std::unordered_map<QString, int> idOfFolded;
    std::unordered_map<QString, std::pair<int, QString>> ofWritten;

    int idLocked(const QString &folded)
    {
        return idOfFolded.try_emplace(folded, static_cast<int>(idOfFolded.size())).first->second;
    }
};

KeyRegistry &keyRegistry()
{
    static KeyRegistry registry;
    return registry;
}

std::pair<int, QString> internKey(const QString &key)
{
    KeyRegistry &r = keyRegistry();
    const QMutexLocker lock(&r.mutex);
    const auto it = r.ofWritten.find(key);
    if (it != r.ofWritten.end())
        return it->second;
    QString folded = asciiLowered(key);
    const int id = r.idLocked(folded);
    return r.ofWritten.try_emplace(key, id, std::move(folded)).first->second;
}

const std::optional<IpValue> kNoIp;

} // namespace

int contextKeyId(const QString &foldedKey)
{
    KeyRegistry &r = keyRegistry();
    const QMutexLocker lock(&r.mutex);
    return r.idLocked(foldedKey);
}

const std::optional<IpValue> &ContextEntry::ip(qsizetype index) const
{
    return index < ips.size() ? ips.at(index) : kNoIp;
}

QString Provenance::source() const
{
    if (!what)
        return {};
    return arg.isEmpty() ? PolicyText::tr(what) : PolicyText::tr(what).arg(arg);
}

QString Provenance::text() const
{
    if (origin == Origin::User)
        return PolicyText::tr("typed by user");
    QString s = source();
    if (offset >= 0 && length > 0) {
        const QString where = origin == Origin::Payload ? PolicyText::tr("payload bytes %1..%2")
                                                        : PolicyText::tr("header bytes %1..%2");
        s += QLatin1String(", ") + where.arg(offset).arg(offset + length - 1);
    }
    return s;
}

void PolicyRequest::setContext(const QString &key, const QStringList &values,
                               const Provenance &provenance)
{
    auto [id, folded] = internKey(key);
    ContextEntry entry{key, std::move(folded), id, values, provenance, {}};
    for (qsizetype i = 0; i < values.size(); ++i) {
        auto ip = parseIp(values.at(i));
        if (!ip)
            continue;
        entry.ips.resize(values.size());
        entry.ips[i] = ip;
    }
    for (ContextEntry &existing : m_entries) {
        if (existing.keyId == entry.keyId) {
            existing = std::move(entry);
            return;
        }
    }
    m_entries.append(std::move(entry));
}

void PolicyRequest::removeContext(const QString &key)
{
    const int id = contextKeyId(asciiLowered(key));
    m_entries.removeIf([id](const ContextEntry &e) { return e.keyId == id; });
}

const ContextEntry *PolicyRequest::findId(int keyId) const
{
    for (const ContextEntry &e : m_entries) {
        if (e.keyId == keyId)
            return &e;
    }
    return nullptr;
}

const ContextEntry *PolicyRequest::context(const QString &key) const
{
    return contextFolded(asciiLowered(key));
}

const ContextEntry *PolicyRequest::contextFolded(const QString &foldedKey) const
{
    return findId(contextKeyId(foldedKey));
}

namespace {

std::optional<QString> scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        if (!exactInJson(v))
            return std::nullopt;
        return jsonNumberText(v);
    }
    return std::nullopt;
}

QJsonObject provenanceJson(const Provenance &p)
{
    QJsonObject o{{QStringLiteral("origin"), QLatin1String(originName(p.origin))},
                  {QStringLiteral("text"), p.text()}};
    if (p.what)
        o.insert(QStringLiteral("source"), p.source());
    if (p.offset >= 0) {
        o.insert(QStringLiteral("offset"), p.offset);
        o.insert(QStringLiteral("length"), p.length);
    }
    return o;
}

} // namespace

RequestParse requestFromJson(const QJsonObject &object)
{
    RequestParse result;
    PolicyRequest &r = result.request;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = it.key();
        if (name == QLatin1String("context")) {
            if (!it.value().isObject()) {
                result.error =
                    PolicyText::tr("\"context\" must be an object of key: value or [values]");
                return result;
            }
            const QJsonObject context = it.value().toObject();
            for (auto c = context.begin(); c != context.end(); ++c) {
                QStringList values;
                if (c.value().isArray()) {
                    for (const QJsonValue &item : c.value().toArray()) {
                        const auto text = scalarText(item);
                        if (!text) {
                            result.error =
                                PolicyText::tr(
                                    "context key %1: values must be strings, booleans or "
                                    "numbers up to 2^53 (write larger IDs as "
                                    "strings)")
                                    .arg(c.key());
                            return result;
                        }
                        values << *text;
                    }
                } else if (c.value().isNull()) {
                    continue; // absent
                } else {
                    const auto text = scalarText(c.value());
                    if (!text) {
                        result.error =
                            PolicyText::tr("context key %1: values must be strings, booleans or "
                                           "numbers up to 2^53 (write larger IDs as "
                                           "strings)")
                                .arg(c.key());
                        return result;
                    }
                    values << *text;
                }
                r.setContext(c.key(), values);
            }
            continue;
        }
        QString *field = name == QLatin1String("action")      ? &r.action
                         : name == QLatin1String("resource")  ? &r.resource
                         : name == QLatin1String("principal") ? &r.principal
                                                              : nullptr;
        if (!field) {
            result.error =
                PolicyText::tr("unknown request element \"%1\" (expected action, resource, "
                               "principal, context)")
                    .arg(name);
            return result;
        }
        if (!it.value().isString() && !it.value().isNull()) {
            result.error = PolicyText::tr("\"%1\" must be a string").arg(name);
            return result;
        }
        *field = it.value().toString();
    }
    // The derived keys, as a header gives them (policy-language.md:
    // acs:SourceIp = pp:SourceIp, acs:SourceVpc = alibaba:SourceVpc), unless
    // the request gives them itself: typed cases then judge as traffic does.
    const auto derive = [&r](const QString &key, const QString &from, const char *what) {
        const ContextEntry *source = r.context(from);
        if (!source || r.context(key))
            return;
        Provenance derived = source->provenance;
        derived.origin = Provenance::Origin::Derived;
        derived.what = what;
        derived.arg.clear();
        r.setContext(key, source->values, derived);
    };
    derive(QStringLiteral("acs:SourceIp"), QStringLiteral("pp:SourceIp"),
           QT_TRANSLATE_NOOP("pl::policy::PolicyText", "= pp:SourceIp"));
    derive(QStringLiteral("acs:SourceVpc"), QStringLiteral("alibaba:SourceVpc"),
           QT_TRANSLATE_NOOP("pl::policy::PolicyText", "= alibaba:SourceVpc"));
    if (r.action.isEmpty()) {
        r.action = QStringLiteral("tcp:Connect");
        r.actionProvenance = {Provenance::Origin::Default,
                              QT_TRANSLATE_NOOP("pl::policy::PolicyText", "no action given"),
                              -1,
                              0,
                              {}};
    }
    if (r.resource.isEmpty()) {
        r.resource = QStringLiteral("*");
        r.resourceProvenance = {Provenance::Origin::Default,
                                QT_TRANSLATE_NOOP("pl::policy::PolicyText", "no resource given"),
                                -1,
                                0,
                                {}};
    }
    return result;
}

QJsonObject requestToJson(const PolicyRequest &request, bool withProvenance)
{
    QJsonObject o{{QStringLiteral("action"), request.action},
                  {QStringLiteral("resource"), request.resource}};
    if (!request.principal.isEmpty())
        o.insert(QStringLiteral("principal"), request.principal);
    QJsonObject context;
    QJsonObject provenance;
    for (const ContextEntry &e : request.contextEntries()) {
        if (e.values.size() == 1)
            context.insert(e.key, e.values.constFirst());
        else
            context.insert(e.key, QJsonArray::fromStringList(e.values));
        provenance.insert(e.key, provenanceJson(e.provenance));
    }
    o.insert(QStringLiteral("context"), context);
    if (withProvenance) {
        provenance.insert(QStringLiteral("(action)"), provenanceJson(request.actionProvenance));
        provenance.insert(QStringLiteral("(resource)"), provenanceJson(request.resourceProvenance));
        o.insert(QStringLiteral("provenance"), provenance);
    }
    return o;
}

} // namespace pl::policy
