#pragma once

#include "enforcement.h"

namespace pl::enforce {

// The vendor's OpenResty recipe, corrected: preread_by_lua_block peeks (so
// the upstream still gets the header), parses every TLV keeping the vendor
// subtypes, and enforces the policy. Only the Lua decision function is
// tested here (LuaJIT); the nginx wiring needs OpenResty, which Debian lacks.
class OpenRestyGenerator : public EnforcementGenerator
{
public:
    QString target() const override { return QStringLiteral("openresty"); }
    QString description() const override;
    EnforceResult generate(const policy::PolicyDocument &document,
                           const EnforceOptions &options) const override;
};

} // namespace pl::enforce
