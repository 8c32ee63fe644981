#include "policylayers.h"

#include "console.h"
#include "policy/checkedpolicy.h"
#include "proxy/headertext.h"

namespace pl::cli {

std::optional<int> loadPolicyLayers(const QString &command, const QStringList &paths,
                                    std::optional<policy::Dialect> dialect,
                                    QList<policy::PolicyDocument> *documents)
{
    const policy::CheckedLayers layers = policy::loadCheckedLayers(paths, dialect);
    if (layers.check == policy::PolicyCheck::Unreadable) {
        for (const QString &message : layers.errorMessages)
            usageError(command, proxy::escapedControls(message, true));
        return ExitUsage;
    }
    for (const QString &message : layers.errorMessages)
        err() << proxy::escapedControls(message, true) << Qt::endl;
    if (!layers.usable())
        return ExitInvalidInput;
    *documents += layers.documents;
    return std::nullopt;
}

} // namespace pl::cli
