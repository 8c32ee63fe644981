#pragma once

#include "policyplan.h"

namespace pl::enforce {

enum class ScriptLanguage : std::uint8_t
{
    Js, // njs 0.7.9
    Lua // LuaJIT (OpenResty)
};

// Keys the script runtimes derive from the header, the connection and the
// HTTP request head; refuses the others (tls:Sni) with their line.
void refuseUnscriptableKeys(const PolicyPlan &plan, QList<Refusal> &refusals);

// The policy as a statement table plus NEEDS_HTTP / NEEDS_HTTP_HEADERS,
// each statement preceded by a comment naming its line, followed by the
// runtime (core/enforce/runtime/).
QByteArray policyScript(const PolicyPlan &plan, ScriptLanguage language, const QString &header);

QByteArray njsRuntime();
QByteArray luaRuntime();

} // namespace pl::enforce
