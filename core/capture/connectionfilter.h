#pragma once

#include "connectionrow.h"

#include <QList>
#include <QString>

namespace pl::capture {

// The capture filter bar's language. Terms are ANDed; a leading '-' negates.
//   vpc:TEXT  ep:TEXT  crc:valid|invalid|absent  finding:NAME  client:TEXT
//   server:TEXT  decision:allow|deny  error  missing  v1  v2  local
//   host:TEXT  sni:TEXT  method:TEXT  path:TEXT (the request's fields)
//   status:CODE (the response's HTTP status; "4" is any 4xx)
//   anything else: free text
// Matching is case-insensitive substring matching; status: matches from
// the code's first digit.
class ConnectionFilter
{
public:
    explicit ConnectionFilter(const QString &text = {});

    bool isEmpty() const { return m_terms.isEmpty(); }
    // decision: the name of the row's policy decision after a policy run
    // ("Allow", "ExplicitDeny"...), empty when not judged; the table keeps
    // it beside the row.
    bool matches(const ConnectionRow &row, QStringView decision = {}) const;
    // Terms that were not understood (e.g. "crc:maybe"), for the filter bar.
    const QStringList &problems() const { return m_problems; }

private:
    enum class Kind
    {
        Vpc,
        Endpoint,
        Crc,
        Finding,
        Client,
        Server,
        Decision,
        Error,
        Missing,
        V1,
        V2,
        Local,
        Host,
        Sni,
        Method,
        Path,
        Status,
        Text
    };
    struct Term
    {
        Kind kind;
        QString value;
        bool negated = false;
    };
    bool matchesTerm(const Term &term, const ConnectionRow &row, QStringView decision) const;

    QList<Term> m_terms;
    QStringList m_problems;
};

} // namespace pl::capture
