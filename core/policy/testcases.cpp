#include "testcases.h"

#include "jsonpositions.h"
#include "policytr.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace pl::policy {

std::optional<Expectation> expectationFromName(QStringView name)
{
    for (const Expectation e : {Expectation::Allow, Expectation::ExplicitDeny,
                                Expectation::ImplicitDeny, Expectation::Deny}) {
        if (name.trimmed().compare(QLatin1String(expectationName(e)), Qt::CaseInsensitive) == 0)
            return e;
    }
    return std::nullopt;
}

const char *expectationName(Expectation expectation)
{
    switch (expectation) {
    case Expectation::Allow:
        return "Allow";
    case Expectation::ExplicitDeny:
        return "ExplicitDeny";
    case Expectation::ImplicitDeny:
        return "ImplicitDeny";
    case Expectation::Deny:
        return "Deny";
    }
    return "?";
}

bool expectationMet(Expectation expectation, Decision decision)
{
    switch (expectation) {
    case Expectation::Allow:
        return decision == Decision::Allow;
    case Expectation::ExplicitDeny:
        return decision == Decision::ExplicitDeny;
    case Expectation::ImplicitDeny:
        return decision == Decision::ImplicitDeny;
    case Expectation::Deny:
        return decision != Decision::Allow;
    }
    return false;
}

TestCaseFile parseTestCasesJson(const QByteArray &json)
{
    TestCaseFile file;
    const TextPositions text(json);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        file.errors.append({parseErrorText(parseError, json), text.at(parseErrorByte(parseError))});
        return file;
    }
    const JsonPositions positions = JsonPositions::scan(json);
    // Also accept {"cases": [...]}.
    QJsonArray array = doc.array();
    QStringList base;
    if (doc.isObject() && doc.object().value(QLatin1String("cases")).isArray()) {
        array = doc.object().value(QLatin1String("cases")).toArray();
        base << QStringLiteral("cases");
    } else if (!doc.isArray()) {
        file.errors.append(
            {PolicyText::tr("a test-case file is a JSON list of {name, request, expect}"),
             text.at(0)});
        return file;
    }
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QStringList path = base + QStringList{QString::number(i)};
        const SourcePos pos = text.at(positions.valueOffset(path));
        const QJsonObject o = array.at(i).toObject();
        TestCase tc;
        tc.line = pos.line;
        tc.name = o.value(QLatin1String("name")).toString(QStringLiteral("case %1").arg(i + 1));
        const auto expect = expectationFromName(o.value(QLatin1String("expect")).toString());
        if (!expect) {
            file.errors.append(
                {PolicyText::tr(
                     "case %1: \"expect\" must be Allow, ExplicitDeny, ImplicitDeny or Deny")
                     .arg(tc.name),
                 text.at(positions.valueOffset(path + QStringList{QStringLiteral("expect")}) >= 0
                             ? positions.valueOffset(path + QStringList{QStringLiteral("expect")})
                             : positions.valueOffset(path))});
            continue;
        }
        tc.expect = *expect;
        if (!o.value(QLatin1String("request")).isObject()) {
            file.errors.append({PolicyText::tr("case %1: \"request\" must be a JSON object "
                                               "(action, resource, context)")
                                    .arg(tc.name),
                                pos});
            continue;
        }
        const RequestParse request = requestFromJson(o.value(QLatin1String("request")).toObject());
        if (!request.ok()) {
            file.errors.append({PolicyText::tr("case %1: %2").arg(tc.name, request.error), pos});
            continue;
        }
        tc.request = request.request;
        file.cases.append(tc);
    }
    return file;
}

namespace {

// One CSV record (RFC 4180 quoting); advances pos past the line end.
QStringList csvRecord(const QString &text, qsizetype &pos, int &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    while (pos < text.size()) {
        const QChar c = text.at(pos++);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (pos < text.size() && text.at(pos) == QLatin1Char('"')) {
                    field += c;
                    ++pos;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            ++line;
            break;
        } else if (c != QLatin1Char('\r')) {
            field += c;
        }
    }
    fields << field;
    return fields;
}

} // namespace

TestCaseFile parseTestCasesCsv(const QByteArray &csv)
{
    TestCaseFile file;
    const QString text = QString::fromUtf8(csv);
    qsizetype pos = 0;
    int line = 1;
    QStringList header;
    int headerLine = 0;
    while (pos < text.size()) {
        const int recordLine = line;
        const QStringList fields = csvRecord(text, pos, line);
        if (fields.size() == 1 && fields.constFirst().trimmed().isEmpty())
            continue;
        if (fields.constFirst().startsWith(QLatin1Char('#')))
            continue;
        if (header.isEmpty()) {
            for (const QString &f : fields)
                header << f.trimmed();
            headerLine = recordLine;
            if (!header.contains(QStringLiteral("expect"))) {
                file.errors.append({PolicyText::tr("the CSV header needs an \"expect\" column"),
                                    {-1, -1, headerLine, 1}});
                return file;
            }
            continue;
        }
        TestCase tc;
        tc.line = recordLine;
        tc.name = PolicyText::tr("line %1").arg(recordLine);
        bool ok = true;
        for (qsizetype i = 0; i < fields.size() && i < header.size(); ++i) {
            const QString &column = header.at(i);
            const QString value = fields.at(i).trimmed();
            if (column == QLatin1String("name")) {
                if (!value.isEmpty())
                    tc.name = value;
            } else if (column == QLatin1String("expect")) {
                const auto e = expectationFromName(value);
                if (!e) {
                    file.errors.append(
                        {PolicyText::tr("\"%1\" is not Allow, ExplicitDeny, ImplicitDeny or Deny")
                             .arg(value),
                         {-1, -1, recordLine, 1}});
                    ok = false;
                } else {
                    tc.expect = *e;
                }
            } else if (column == QLatin1String("action")) {
                tc.request.action = value;
            } else if (column == QLatin1String("resource")) {
                tc.request.resource = value;
            } else if (column == QLatin1String("principal")) {
                tc.request.principal = value;
            } else if (!value.isEmpty()) {
                tc.request.setContext(column, value.split(QLatin1Char('|')));
            }
        }
        if (fields.size() > header.size()) {
            file.errors.append({PolicyText::tr("%1 cells, the header has %2")
                                    .arg(fields.size())
                                    .arg(header.size()),
                                {-1, -1, recordLine, 1}});
            ok = false;
        }
        if (tc.request.action.isEmpty()) {
            tc.request.action = QStringLiteral("tcp:Connect");
            tc.request.actionProvenance = {
                Provenance::Origin::Default,
                QT_TRANSLATE_NOOP("pl::policy::PolicyText", "no action given"), -1, 0};
        }
        if (tc.request.resource.isEmpty()) {
            tc.request.resource = QStringLiteral("*");
            tc.request.resourceProvenance = {
                Provenance::Origin::Default,
                QT_TRANSLATE_NOOP("pl::policy::PolicyText", "no resource given"), -1, 0};
        }
        if (ok)
            file.cases.append(tc);
    }
    return file;
}

TestCaseFile parseTestCases(const QByteArray &bytes)
{
    const QByteArray head = bytes.trimmed();
    if (head.startsWith('[') || head.startsWith('{'))
        return parseTestCasesJson(bytes);
    return parseTestCasesCsv(bytes);
}

TestCaseFile loadTestCases(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        TestCaseFile result;
        result.errors.append({PolicyText::tr("cannot open: %1").arg(file.errorString()), {}});
        return result;
    }
    return parseTestCases(file.readAll());
}

TestReport runTestCases(const PolicySet &policies, const QList<TestCase> &cases)
{
    TestReport report;
    for (const TestCase &tc : cases) {
        TestResult r;
        r.testCase = &tc;
        r.explanation = policies.explain(tc.request);
        r.passed = expectationMet(tc.expect, r.explanation.decision);
        ++(r.passed ? report.passed : report.failed);
        report.results.append(r);
    }
    return report;
}

QJsonObject testResultJson(const TestResult &result)
{
    QJsonObject o = result.explanation.toJson();
    o.insert(QStringLiteral("name"), result.testCase->name);
    o.insert(QStringLiteral("expect"), QLatin1String(expectationName(result.testCase->expect)));
    o.insert(QStringLiteral("passed"), result.passed);
    o.insert(QStringLiteral("line"), result.testCase->line);
    if (result.passed)
        o.remove(QStringLiteral("explanation")); // the tree is for failures
    return o;
}

} // namespace pl::policy
