#pragma once

#include "enforcement.h"

namespace pl::enforce {

// nginx 1.22 stream + njs 0.7.9: js_preread parses the PROXY header (all
// TLVs, vendor subtypes) and the HTTP request head when the policy needs
// it, decides with the policy compiled into the script, closes on deny and
// lets proxy_pass forward the original bytes on allow.
class NjsGenerator : public EnforcementGenerator
{
public:
    QString target() const override { return QStringLiteral("nginx-njs"); }
    QString description() const override;
    EnforceResult generate(const policy::PolicyDocument &document,
                           const EnforceOptions &options) const override;
};

} // namespace pl::enforce
