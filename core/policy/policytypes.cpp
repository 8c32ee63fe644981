#include "policytypes.h"

#include <QJsonValue>

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

bool exactInJson(const QJsonValue &number)
{
    constexpr qint64 kLimit = qint64(1) << 53;
    const double d = number.toDouble();
    if (std::fabs(d) > double(kLimit))
        return false;
    const qint64 i = number.toInteger();
    return d != static_cast<double>(i) || (i <= kLimit && i >= -kLimit);
}

QString jsonNumberText(const QJsonValue &number)
{
    const double d = number.toDouble();
    return d == static_cast<double>(number.toInteger()) ? QString::number(number.toInteger())
                                                        : QString::number(d, 'g', 17);
}

} // namespace pl::policy
