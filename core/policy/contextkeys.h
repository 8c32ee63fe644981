#pragma once

#include "policytypes.h"

#include <QList>
#include <QString>

namespace pl::policy {

enum class KeyType : std::uint8_t
{
    String,
    Number,
    Bool,
    Ip,
    Date
};

enum class KeySource : std::uint8_t
{
    Traffic, // the header, the connection or the payload provide it
    User     // only a typed request provides it (RAM/IAM request context)
};

// A condition key of policy-language.md.
struct ContextKeyInfo
{
    const char *name;
    KeyType type;
    KeySource source;
    const char *dialect; // "acs", "aws" or nullptr when any dialect knows it
    const char *description;
};

// Every documented key, for lint and the GUI's request form.
const QList<ContextKeyInfo> &contextKeys();
// nullptr when unknown; pp:Tlv/0xNN is known for every NN.
const ContextKeyInfo *findContextKey(QStringView name);
QString keyTypeName(KeyType type);

} // namespace pl::policy
