#pragma once

#include "policy/policydocument.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace pl::enforce {

// One file of a generated backend configuration.
struct GeneratedFile
{
    QString name; // relative, e.g. "nginx.conf", "plinspect-policy.js"
    QByteArray content;
};

// Saves generated files into dir, all or none (io::writeOutputFiles): a
// configuration without its script would not load. Returns an error
// message, empty on success.
QString saveGeneratedFiles(const QList<GeneratedFile> &files, const QString &dir);

// Something in the policy the target cannot enforce, with where it is.
struct Refusal
{
    int line = 0; // 1-based line in the policy; 0 when not tied to one
    int column = 0;
    QString statement; // "Sid" or "#2"
    QString reason;

    // "policy.json:12:9: LoginOnly: reason"
    QString text(const QString &policyName) const;
};

struct EnforceOptions
{
    QString upstreamHost = QStringLiteral("127.0.0.1");
    quint16 upstreamPort = 8080;
    QString listenAddress = QStringLiteral("0.0.0.0");
    quint16 listenPort = 8443;
    // nginx-njs: the listener serves only HTTP, so a client that sends
    // nothing after the header is never judged as tcp:Connect.
    bool httpOnly = false;
    int prereadTimeoutMs = 5000;
};

struct EnforceResult
{
    QList<GeneratedFile> files; // empty when anything was refused
    QList<Refusal> refusals;
    QStringList notes; // facts the user must know (also in the files' comments)

    bool ok() const { return refusals.isEmpty() && !files.isEmpty(); }
};

// A generator turns a policy (already accepted by checkPolicy) into one
// target's configuration, or refuses what that target cannot express.
class EnforcementGenerator
{
public:
    virtual ~EnforcementGenerator() = default;
    virtual QString target() const = 0;      // "nginx-njs"
    virtual QString description() const = 0; // one line for --help and the GUI
    virtual EnforceResult generate(const policy::PolicyDocument &document,
                                   const EnforceOptions &options) const = 0;
};

// "nginx-njs", "openresty", "nginx-realip", "haproxy", "nginx-tlv", "haproxy-tlv".
QStringList targetNames();
std::unique_ptr<EnforcementGenerator> generatorFor(QStringView target);

} // namespace pl::enforce
