#include "checkedpolicy.h"

namespace pl::policy {

QString formatFinding(const QString &name, const LintFinding &f)
{
    return formatError(name,
                       {QStringLiteral("%1: %2 [%3]")
                            .arg(QLatin1String(lintSeverityName(f.severity)), f.message, f.code),
                        f.pos});
}

QStringList CheckedPolicy::errorMessages() const
{
    QStringList messages;
    for (const LintFinding &f : findings) {
        if (f.severity == LintSeverity::Error)
            messages << formatFinding(document.name, f);
    }
    return messages;
}

CheckedPolicy checkPolicy(const PolicyParse &parse)
{
    CheckedPolicy checked;
    checked.document = parse.document;
    const char *code = "parse";
    if (parse.read == PolicyRead::CannotOpen)
        code = "read";
    else if (parse.read == PolicyRead::TooLarge)
        code = "too-large";
    for (const PolicyError &e : parse.errors)
        checked.findings.append({LintSeverity::Error, QLatin1String(code), e.message, e.pos, -1});
    if (parse.read == PolicyRead::CannotOpen) {
        checked.check = PolicyCheck::Unreadable;
        return checked;
    }
    if (parse.ok())
        checked.findings += lintPolicy(parse.document);
    if (hasErrors(checked.findings))
        checked.check = PolicyCheck::Rejected;
    return checked;
}

CheckedPolicy checkPolicyText(const QByteArray &json, const QString &name,
                              std::optional<Dialect> dialect)
{
    return checkPolicy(parsePolicy(json, name, dialect));
}

CheckedPolicy loadCheckedPolicy(const QString &path, std::optional<Dialect> dialect)
{
    return checkPolicy(loadPolicy(path, dialect));
}

CheckedLayers loadCheckedLayers(const QStringList &paths, std::optional<Dialect> dialect)
{
    CheckedLayers layers;
    for (const QString &path : paths) {
        const CheckedPolicy checked = loadCheckedPolicy(path, dialect);
        layers.errorMessages += checked.errorMessages();
        layers.check = std::max(layers.check, checked.check);
        layers.documents.append(checked.document);
    }
    if (!layers.usable())
        layers.documents.clear();
    return layers;
}

} // namespace pl::policy
