#include "enforcement.h"

#include "haproxygenerator.h"
#include "io/outputfile.h"
#include "nativetlvgenerator.h"
#include "nginxrealipgenerator.h"
#include "njsgenerator.h"
#include "openrestygenerator.h"

#include <QDir>

namespace pl::enforce {

QStringList targetNames()
{
    return {QStringLiteral("nginx-njs"),    QStringLiteral("openresty"),
            QStringLiteral("nginx-realip"), QStringLiteral("haproxy"),
            QStringLiteral("nginx-tlv"),    QStringLiteral("haproxy-tlv")};
}

std::unique_ptr<EnforcementGenerator> generatorFor(QStringView target)
{
    if (target == u"nginx-njs")
        return std::make_unique<NjsGenerator>();
    if (target == u"openresty")
        return std::make_unique<OpenRestyGenerator>();
    if (target == u"nginx-realip")
        return std::make_unique<NginxRealIpGenerator>();
    if (target == u"haproxy")
        return std::make_unique<HaproxyGenerator>();
    if (target == u"nginx-tlv")
        return std::make_unique<NginxTlvGenerator>();
    if (target == u"haproxy-tlv")
        return std::make_unique<HaproxyTlvGenerator>();
    return nullptr;
}

QString saveGeneratedFiles(const QList<GeneratedFile> &files, const QString &dir)
{
    QList<io::OutputFileContent> contents;
    for (const GeneratedFile &f : files)
        contents.append({QDir(dir).filePath(f.name), f.content});
    return io::writeOutputFiles(contents);
}

} // namespace pl::enforce
