#pragma once

#include "enforcement.h"

namespace pl::enforce {

// Address-only policies on a plain nginx 1.22 http server: listen ...
// proxy_protocol, real_ip from the header, and the policy as geo + map
// variables on $proxy_protocol_addr (403 when it denies).
class NginxRealIpGenerator : public EnforcementGenerator
{
public:
    QString target() const override { return QStringLiteral("nginx-realip"); }
    QString description() const override;
    EnforceResult generate(const policy::PolicyDocument &document,
                           const EnforceOptions &options) const override;
};

} // namespace pl::enforce
