#pragma once

#include "evaluator.h"
#include "policydocument.h"
#include "policyrequest.h"

#include <QJsonObject>
#include <QList>

namespace pl::policy {

// What a test case expects. Deny accepts ExplicitDeny and ImplicitDeny.
enum class Expectation : std::uint8_t
{
    Allow,
    ExplicitDeny,
    ImplicitDeny,
    Deny
};

std::optional<Expectation> expectationFromName(QStringView name);
const char *expectationName(Expectation expectation);
bool expectationMet(Expectation expectation, Decision decision);

struct TestCase
{
    QString name;
    PolicyRequest request;
    Expectation expect = Expectation::Allow;
    int line = 0; // in the test-case file
};

struct TestCaseFile
{
    QList<TestCase> cases;
    QList<PolicyError> errors;
    bool ok() const { return errors.isEmpty(); }
};

// JSON: [{"name", "request": {...}, "expect"}]. CSV: a header row
// "name,expect,action,resource,principal,KEY..." where every further column
// is a context key; an empty cell leaves the key absent and "a|b" gives it
// several values. '#' starts a comment line.
TestCaseFile parseTestCasesJson(const QByteArray &json);
TestCaseFile parseTestCasesCsv(const QByteArray &csv);
// By content: JSON when it starts with '[' or '{', CSV otherwise.
TestCaseFile parseTestCases(const QByteArray &bytes);
TestCaseFile loadTestCases(const QString &path);

struct TestResult
{
    const TestCase *testCase = nullptr; // into the list given to runTestCases()
    Explanation explanation;
    bool passed = false;
};

struct TestReport
{
    QList<TestResult> results;
    int passed = 0;
    int failed = 0;
    bool allPassed() const { return failed == 0; }
};

TestReport runTestCases(const PolicySet &policies, const QList<TestCase> &cases);
QJsonObject testResultJson(const TestResult &result);

} // namespace pl::policy
