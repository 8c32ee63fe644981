#pragma once

#include <QString>

class QJsonValue;

#include <cstdint>
#include <optional>

namespace pl::policy {

enum class Effect : std::uint8_t
{
    Allow,
    Deny
};

// The outcome of judging a request (policy-language.md, "Evaluation").
enum class Decision : std::uint8_t
{
    Allow,
    ExplicitDeny,
    ImplicitDeny
};

// Alibaba Cloud RAM ("acs") or AWS IAM ("aws"): decides which operators and
// keys lint accepts; evaluation is the same.
enum class Dialect : std::uint8_t
{
    Acs,
    Aws
};

// A place in a policy text. line and column are 1-based (column counts
// characters); offset is the byte offset in the UTF-8 text and textOffset
// the QString (UTF-16) index an editor uses.
struct SourcePos
{
    int offset = -1;
    int textOffset = -1;
    int line = 0;
    int column = 0;

    bool valid() const { return line > 0; }
    bool operator==(const SourcePos &) const = default;
};

const char *effectName(Effect effect);       // "Allow", "Deny"
const char *decisionName(Decision decision); // "Allow", "ExplicitDeny", "ImplicitDeny"
const char *dialectName(Dialect dialect);    // "acs", "aws"
std::optional<Decision> decisionFromName(QStringView name);
// JSON numbers are doubles: integers past 2^53 have lost digits by the time
// they are read (a 64-bit gcp:PscConnectionId), so such values are refused
// and must be written as strings. Qt keeps 64-bit integers whole, so 2^53 + 1
// (2^53 as a double) is refused too: every integer past 2^53 alike.
bool exactInJson(const QJsonValue &number);
// The number as a policy value's text: integers in full, others in 17 digits.
QString jsonNumberText(const QJsonValue &number);
std::optional<Dialect> dialectFromName(QStringView name);

} // namespace pl::policy
