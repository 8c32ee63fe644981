#pragma once

#include "policy/evaluator.h"
#include "policy/policydocument.h"
#include "policy/policyrequest.h"

#include <QJsonDocument>
#include <QTest>

namespace pl::test {

// A parsed policy; an unparsable fixture fails loudly instead of judging
// with an empty document.
inline policy::PolicyDocument policyDoc(const QByteArray &json, const QString &name = "p.json")
{
    const policy::PolicyParse parsed = policy::parsePolicy(json, name);
    if (!parsed.ok())
        qFatal("fixture policy does not parse: %s",
               qPrintable(policy::formatError(name, parsed.errors.constFirst())));
    return parsed.document;
}

inline policy::PolicyRequest request(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("fixture request is not JSON: %s", json.constData());
    const policy::RequestParse parsed = policy::requestFromJson(doc.object());
    if (!parsed.ok())
        qFatal("fixture request: %s", qPrintable(parsed.error));
    return parsed.request;
}

// One Allow statement on everything with this Condition object.
inline QByteArray allowIf(const QByteArray &condition, const QByteArray &version = "1")
{
    return "{\"Version\": \"" + version +
           "\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", "
           "\"Condition\": " +
           condition + "}}";
}

inline QString sourceDir()
{
    return QStringLiteral(PL_TEST_DATA_DIR "/../..");
}

} // namespace pl::test
