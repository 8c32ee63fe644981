#pragma once

#include "policy/policytypes.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace pl::policy {
struct PolicyDocument;
}

namespace pl::cli {

// Loads every policy as a layer, refusing any that lint rejects (a Deny it
// cannot read would fail open) and printing the findings (file:line:column)
// to stderr, escaped for the terminal. Returns std::nullopt when the layers
// may be used, else the exit status: 2 when a file cannot be opened, 1 when
// a policy is rejected.
std::optional<int> loadPolicyLayers(const QString &command, const QStringList &paths,
                                    std::optional<policy::Dialect> dialect,
                                    QList<policy::PolicyDocument> *documents);

} // namespace pl::cli
