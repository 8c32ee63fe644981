#include "policytypes.h"

#include <cmath>

namespace pl::policy {

const char *effectName(Effect effect)
{
    return effect == Effect::Allow ? "Allow" : "Deny";
}

const char *decisionName(Decision decision)
{
    switch (decision) {
    case Decision::Allow:
        return "Allow";
    case Decision::ExplicitDeny:
        return "ExplicitDeny";
    case Decision::ImplicitDeny:
        return "ImplicitDeny";
    }
    return "?";
}

const char *dialectName(Dialect dialect)
{
    return dialect == Dialect::Acs ? "acs" : "aws";
}

std::optional<Decision> decisionFromName(QStringView name)
{
    for (const Decision d : {Decision::Allow, Decision::ExplicitDeny, Decision::ImplicitDeny}) {
        if (name.compare(QLatin1String(decisionName(d)), Qt::CaseInsensitive) == 0)
            return d;
    }
    return std::nullopt;
}

std::optional<Dialect> dialectFromName(QStringView name)
{
    if (name.compare(QLatin1String("acs"), Qt::CaseInsensitive) == 0 ||
        name.compare(QLatin1String("ram"), Qt::CaseInsensitive) == 0)
        return Dialect::Acs;
    if (name.compare(QLatin1String("aws"), Qt::CaseInsensitive) == 0 ||
        name.compare(QLatin1String("iam"), Qt::CaseInsensitive) == 0)
        return Dialect::Aws;
    return std::nullopt;
}

bool exactInJson(double d)
{
    return std::fabs(d) <= 9007199254740992.0; // 2^53
}

} // namespace pl::policy
