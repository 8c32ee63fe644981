#include "connectionfilter.h"

namespace pl::capture {

ConnectionFilter::ConnectionFilter(const QString &text)
{
    static const struct
    {
        const char *prefix;
        Kind kind;
    } kPrefixed[] = {
        {"vpc:", Kind::Vpc},           {"ep:", Kind::Endpoint},   {"crc:", Kind::Crc},
        {"finding:", Kind::Finding},   {"client:", Kind::Client}, {"server:", Kind::Server},
        {"decision:", Kind::Decision}, {"host:", Kind::Host},     {"sni:", Kind::Sni},
        {"method:", Kind::Method},     {"path:", Kind::Path},     {"status:", Kind::Status}};
    static const struct
    {
        const char *word;
        Kind kind;
    } kWords[] = {{"error", Kind::Error},
                  {"missing", Kind::Missing},
                  {"v1", Kind::V1},
                  {"v2", Kind::V2},
                  {"local", Kind::Local}};

    for (QString token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        Term term{Kind::Text, {}, false};
        if (token.size() > 1 && token.startsWith(QLatin1Char('-'))) {
            term.negated = true;
            token.remove(0, 1);
        }
        bool known = false;
        for (const auto &p : kPrefixed) {
            if (token.startsWith(QLatin1String(p.prefix), Qt::CaseInsensitive)) {
                term.kind = p.kind;
                term.value = token.mid(qsizetype(qstrlen(p.prefix)));
                known = true;
                break;
            }
        }
        for (const auto &w : kWords) {
            if (!known && token.compare(QLatin1String(w.word), Qt::CaseInsensitive) == 0) {
                term.kind = w.kind;
                known = true;
            }
        }
        if (!known)
            term.value = token;
        if (term.kind == Kind::Crc && term.value != QLatin1String("valid") &&
            term.value != QLatin1String("invalid") && term.value != QLatin1String("absent"))
            m_problems << token;
        bool digits = term.value.size() >= 1 && term.value.size() <= 3;
        for (const QChar ch : std::as_const(term.value))
            digits = digits && ch.isDigit();
        if (term.kind == Kind::Status && !digits)
            m_problems << token;
        m_terms.append(term);
    }
}

bool ConnectionFilter::matches(const ConnectionRow &row, QStringView decision) const
{
    for (const Term &t : m_terms)
        if (matchesTerm(t, row, decision) == t.negated)
            return false;
    return true;
}

bool ConnectionFilter::matchesTerm(const Term &t, const ConnectionRow &row,
                                   QStringView decision) const
{
    const auto has = [&t](const QString &field) {
        return field.contains(t.value, Qt::CaseInsensitive);
    };
    const Connection &c = row.connection;
    switch (t.kind) {
    case Kind::Vpc:
        return !row.vpcId().isEmpty() && has(row.vpcId());
    case Kind::Endpoint:
        return !row.endpointId().isEmpty() && has(row.endpointId());
    case Kind::Crc:
        if (row.version() != 2)
            return false;
        return (t.value == QLatin1String("valid") && row.crc() == proxy::CrcState::Valid) ||
               (t.value == QLatin1String("invalid") && row.crc() == proxy::CrcState::Invalid) ||
               (t.value == QLatin1String("absent") && row.crc() == proxy::CrcState::Absent);
    case Kind::Finding:
        return has(row.findings) || has(row.errorCode());
    case Kind::Client:
        return has(endpointText(c.client));
    case Kind::Server:
        return has(endpointText(c.server));
    case Kind::Decision:
        // "deny" matches both ExplicitDeny and ImplicitDeny.
        return !decision.isEmpty() && decision.contains(t.value, Qt::CaseInsensitive);
    case Kind::Error:
        return row.hasError();
    case Kind::Missing:
        return !c.headerPresent;
    case Kind::V1:
        return row.isV1();
    case Kind::V2:
        return row.version() == 2;
    case Kind::Local:
        return row.versionRead() && row.command() == proxy::Command::Local;
    case Kind::Host:
        return has(c.payload.fields().host);
    case Kind::Sni:
        return has(c.payload.fields().sni);
    case Kind::Method:
        return has(c.payload.fields().method);
    case Kind::Path:
        return has(c.payload.fields().path);
    case Kind::Status:
        return c.responseStatus != 0 && QString::number(c.responseStatus).startsWith(t.value);
    case Kind::Text:
        return has(endpointText(c.client)) || has(endpointText(c.server)) || has(row.ppSource()) ||
               has(row.ppDestination()) || has(row.vpcId()) || has(row.endpointId()) ||
               has(c.payload.text()) || has(c.response) || has(row.findings) ||
               has(row.errorCode()) || has(QString::number(c.firstFrame));
    }
    return false;
}

} // namespace pl::capture
