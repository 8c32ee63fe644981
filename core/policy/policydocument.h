#pragma once

#include "policytypes.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace pl::policy {

// Action/NotAction, Resource/NotResource or Principal as written.
struct PatternElement
{
    bool present = false;
    bool negated = false; // NotAction, NotResource
    QStringList values;
    SourcePos pos; // of the element's key ("Action")
};

struct ConditionClause
{
    QString operatorName; // as written, e.g. "StringNotEqualsIfExists"
    QString key;
    QStringList values;
    SourcePos operatorPos;
    SourcePos keyPos;
};

struct Statement
{
    int index = 0; // 0-based position in Statement
    QString sid;
    Effect effect = Effect::Allow;
    PatternElement action;
    PatternElement resource;
    PatternElement principal;   // values flattened from {"RAM": [...]} / {"AWS": ...}
    QStringList principalKinds; // "RAM", "AWS", "Service"... when written as an object
    QList<ConditionClause> conditions;
    SourcePos pos;       // the statement object's opening brace
    SourcePos effectPos; // the Effect value

    // "Sid" or "#2" when it has none (1-based for people).
    QString label() const;
};

// A key written twice in one JSON object ("Effect" twice): JSON keeps the
// last one without a word, so lint refuses the document.
struct RepeatedKey
{
    QStringList path; // {"Statement", "0", "Effect"}
    SourcePos pos;    // of the later occurrence
};

struct PolicyDocument
{
    QString name; // file name or what the caller calls it
    QString version;
    Dialect dialect = Dialect::Acs;
    bool dialectFromVersion = true; // false when the caller forced it
    QList<Statement> statements;
    SourcePos statementListPos; // the Statement value; invalid when absent
    QList<RepeatedKey> repeatedKeys;
    QByteArray text;
};

struct PolicyError
{
    QString message;
    SourcePos pos;
};

// The largest policy file loadPolicy reads: far above any real policy (RAM
// and IAM cap a document at a few KiB; 40,000 generated statements take
// 15 MiB), low enough that /dev/zero or a wrong path is refused at once.
inline constexpr qsizetype kMaxPolicyBytes = qsizetype(16) * 1024 * 1024;

enum class PolicyRead : std::uint8_t
{
    Read,
    CannotOpen, // or a read error: nothing to judge
    TooLarge    // over kMaxPolicyBytes
};

struct PolicyParse
{
    PolicyDocument document;
    PolicyRead read = PolicyRead::Read;
    QList<PolicyError> errors; // JSON syntax or structure; the document is unusable if any
    bool ok() const { return errors.isEmpty(); }
};

// Parses a RAM/IAM policy. The dialect follows Version ("2012-10-17" is aws,
// anything else acs) unless given.
PolicyParse parsePolicy(const QByteArray &json, const QString &name = {},
                        std::optional<Dialect> dialect = std::nullopt);
// Reads (at most kMaxPolicyBytes) and parses a file; a read failure is one
// error without position.
PolicyParse loadPolicy(const QString &path, std::optional<Dialect> dialect = std::nullopt);

// "file:12:5: message" (or "file: message" without a position).
QString formatError(const QString &name, const PolicyError &error);

} // namespace pl::policy
