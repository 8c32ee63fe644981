#pragma once

#include "enforcement.h"

namespace pl::enforce {

// Address-only policies on HAProxy 2.6: bind ... accept-proxy, ACLs on src,
// fc_pp_authority and fc_pp_unique_id, tcp-request session reject.
class HaproxyGenerator : public EnforcementGenerator
{
public:
    QString target() const override { return QStringLiteral("haproxy"); }
    QString description() const override;
    EnforceResult generate(const policy::PolicyDocument &document,
                           const EnforceOptions &options) const override;
};

} // namespace pl::enforce
