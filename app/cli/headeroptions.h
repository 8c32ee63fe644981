#pragma once

#include "proxy/headerspec.h"

#include <optional>

class QCommandLineParser;

namespace pl::cli {

// The header options `craft` and `send` share (architecture.md, CLI contract).
void addHeaderOptions(QCommandLineParser &parser);
// Builds the spec, or returns nullopt with a message naming the bad option.
std::optional<proxy::HeaderSpec> headerSpecFromOptions(const QCommandLineParser &parser,
                                                       QString *error);

} // namespace pl::cli
