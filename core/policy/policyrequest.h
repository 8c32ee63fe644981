#pragma once

#include "ipmatch.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace pl::policy {

// Where a value of the request came from, so an explanation can say "TLV
// 0xE1/0x02, header bytes 40..63" instead of just a value.
struct Provenance
{
    enum class Origin : std::uint8_t
    {
        User,       // typed by the user (request file, form, test case)
        Header,     // the PROXY header (fixed part or a standard TLV)
        Vendor,     // a vendor TLV
        Derived,    // RAM/IAM name derived from another key
        Connection, // the TCP/UDP connection itself (peer, ports)
        Payload,    // the bytes after the header (HTTP, TLS)
        Default     // nothing provided it; the documented default
    };
    Provenance() = default;
    Provenance(Origin origin_, const char *what_, int offset_ = -1, int length_ = 0,
               QString arg_ = {})
        : origin(origin_), what(what_), offset(offset_), length(length_), arg(std::move(arg_))
    {}

    Origin origin = Origin::User;
    // "TLV 0xE1/0x02", "source address", "HTTP request line": untranslated
    // (context PolicyText), translated when shown; may hold a %1 for arg.
    // Building requests stays cheap and the text follows the UI language.
    const char *what = nullptr;
    int offset = -1; // first byte in the header (Header/Vendor) or payload
    int length = 0;
    QString arg;

    QString source() const;
    // "TLV 0xE1/0x02, header bytes 40..63", "typed by user".
    QString text() const;
    static Provenance user() { return {}; }
};

const char *originName(Provenance::Origin origin); // stable JSON names

// A small number for a (case-folded) context key, the same in every request
// and policy of the process, so that binding a request to a compiled policy
// is an array lookup per key instead of a string hash. Thread-safe.
int contextKeyId(const QString &foldedKey);

struct ContextEntry
{
    QString key;       // as given ("acs:SourceVpc")
    QString foldedKey; // keys compare case-insensitively
    int keyId = -1;    // contextKeyId(foldedKey)
    QStringList values;
    Provenance provenance;
    // Each value parsed once for IpAddress; empty when no value is an address.
    QList<std::optional<IpValue>> ips;

    const std::optional<IpValue> &ip(qsizetype index) const;
};

// The request being judged: action, resource, principal and context keys,
// each with its provenance.
class PolicyRequest
{
public:
    QString action;
    Provenance actionProvenance;
    QString resource;
    Provenance resourceProvenance;
    QString principal; // empty: no principal
    Provenance principalProvenance;

    void setContext(const QString &key, const QStringList &values,
                    const Provenance &provenance = Provenance::user());
    void setContext(const QString &key, const QString &value,
                    const Provenance &provenance = Provenance::user())
    {
        setContext(key, QStringList{value}, provenance);
    }
    void removeContext(const QString &key);
    void reserveContext(qsizetype count) { m_entries.reserve(count); }
    const ContextEntry *context(const QString &key) const;
    // For evaluators that fold keys once.
    const ContextEntry *contextFolded(const QString &foldedKey) const;
    const QList<ContextEntry> &contextEntries() const { return m_entries; }

private:
    const ContextEntry *findId(int keyId) const;

    QList<ContextEntry> m_entries; // a few dozen at most: scanned by key ID
};

// The request file of policy-language.md: {"action", "resource", "principal",
// "context": {key: string | [strings]}}. Values may also be numbers or
// booleans (kept as their text).
struct RequestParse
{
    PolicyRequest request;
    QString error; // empty when ok
    bool ok() const { return error.isEmpty(); }
};
RequestParse requestFromJson(const QJsonObject &object);
QJsonObject requestToJson(const PolicyRequest &request, bool withProvenance = false);

} // namespace pl::policy
