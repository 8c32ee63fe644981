#include "recommendation.h"

#include <QCoreApplication>

namespace pl::flowlog {

// The translation context of the recommendations (lupdate reads it).
class RecommendationText
{
    Q_DECLARE_TR_FUNCTIONS(pl::flowlog::RecommendationText)
};

namespace {

QString sentence(const char *source, bool translated)
{
    return translated ? RecommendationText::tr(source) : QString::fromLatin1(source);
}

QString orText(const std::string &s, const char *fallback, bool translated)
{
    return s.empty() ? sentence(fallback, translated) : QString::fromStdString(s);
}

} // namespace

QString recommendationText(const Finding &f, bool translated)
{
    const auto say = [translated](const char *source) {
        return sentence(source, translated);
    };
    const QString vpc =
        orText(f.vpcId, QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText", "the source VPC"),
               translated);
    const Owner &o = f.owner;
    // A service in another region than the source's: a gateway endpoint
    // reaches its own region's service only, and an interface endpoint
    // lives in one region too.
    const bool otherRegion = !f.region.empty() && !o.region.empty() && f.region != o.region;
    const bool serviceClass = f.findingClass == FindingClass::GatewayEndpoint ||
                              f.findingClass == FindingClass::InterfaceEndpoint;
    if (otherRegion && serviceClass)
        return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                     "%1 in %2 is reached from %3 in %4: an endpoint in %3 "
                                     "does not reach another region's service. Create an "
                                     "interface endpoint (PrivateLink) in a VPC of %2 and reach "
                                     "it from %3 over peering or a transit router, or use the "
                                     "service in %4"))
            .arg(QString::fromStdString(o.provider.empty() ? o.service
                                                           : o.provider + " " + o.service)
                     .trimmed(),
                 QString::fromStdString(o.region), vpc, QString::fromStdString(f.region));
    switch (f.findingClass) {
    case FindingClass::GatewayEndpoint: {
        const QString service = QString::fromStdString(o.service).toUpper();
        if (service == QLatin1String("OSS"))
            return say(QT_TRANSLATE_NOOP(
                           "pl::flowlog::RecommendationText",
                           "Create an OSS gateway endpoint in %1 and route the bucket "
                           "traffic through it (or use the OSS internal endpoint)"))
                .arg(vpc);
        return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                     "Create a gateway endpoint for %1 in %2 and add it to the "
                                     "route tables of the source subnets"))
            .arg(service, vpc);
    }
    case FindingClass::InterfaceEndpoint: {
        if (o.service.empty())
            return say(QT_TRANSLATE_NOOP(
                           "pl::flowlog::RecommendationText",
                           "The destination belongs to %1 (service unknown): identify "
                           "the service and create an interface endpoint "
                           "(PrivateLink) for it in %2"))
                .arg(orText(o.provider,
                            QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                              "a listed cloud range"),
                            translated),
                     vpc);
        const QString service =
            QString::fromStdString(o.provider.empty() ? o.service : o.provider + " " + o.service);
        if (o.region.empty())
            return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                         "Create an interface endpoint (PrivateLink) for %1 in %2"))
                .arg(service, vpc);
        return say(QT_TRANSLATE_NOOP(
                       "pl::flowlog::RecommendationText",
                       "Create an interface endpoint (PrivateLink) for %1 in %2 (%3)"))
            .arg(service, vpc, QString::fromStdString(o.region));
    }
    case FindingClass::CrossVpc:
        return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                     "%1 (%2) is in %3 of your account: publish it as an endpoint "
                                     "service and reach it from %4 over PrivateLink instead of its "
                                     "public address"))
            .arg(orText(o.resourceId,
                        QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText", "The destination"),
                        translated),
                 orText(o.inventoryKind,
                        QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText", "own"), translated),
                 orText(o.vpcId,
                        QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText", "another VPC"),
                        translated),
                 vpc);
    case FindingClass::Hairpin:
        return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                     "%1 is in the same VPC (%2): use its private address instead "
                                     "of hairpinning through a public IP"))
            .arg(orText(o.resourceId,
                        QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText", "The destination"),
                        translated),
                 vpc);
    case FindingClass::Internet: {
        // No owner at all is a default Owner (kind Provider, no service):
        // only a named service without an endpoint takes the texts below.
        if (o.kind != OwnerKind::Provider || o.service.empty())
            return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                         "Internet egress to addresses of no known owner: not a "
                                         "PrivateLink case (load provider ranges with --ranges to "
                                         "identify an owner)"));
        const QString service = QString::fromStdString(o.service).toUpper();
        const QString provider =
            orText(o.provider,
                   QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText", "a listed cloud range"),
                   translated);
        if (service == QLatin1String("EC2"))
            return say(QT_TRANSLATE_NOOP(
                           "pl::flowlog::RecommendationText",
                           "%1 EC2 addresses are public instances of any of its customers: not a "
                           "PrivateLink case unless the destination is your own (load your "
                           "inventory to tell)"))
                .arg(provider);
        return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                     "%1 %2 offers no endpoint in a VPC: this traffic stays on "
                                     "the public path (not a PrivateLink case)"))
            .arg(provider, QString::fromStdString(o.service));
    }
    case FindingClass::Rejected:
        return say(QT_TRANSLATE_NOOP("pl::flowlog::RecommendationText",
                                     "Outbound attempts to a public address were rejected by a "
                                     "security group or network ACL: check whether this traffic "
                                     "should use a private endpoint"));
    }
    return {};
}

} // namespace pl::flowlog
