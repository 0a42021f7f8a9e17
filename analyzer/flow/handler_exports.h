// A manifest handler whose file has no such export (`handler: index.onIssueCreated` where
// index.js exports only a default object): the platform calls nothing the tool read, so the
// code that runs for the function is unknown. Each is a `handler-missing` warning at the
// function's manifest line, which makes the verdict incomplete (pipeline/scan.cpp).
#pragma once

#include "flow/solver.h"
#include "manifest/manifest.h"
#include "support/diagnostic.h"

namespace fe {

void reportMissingHandlerExports(const FlowSolver& solver, const Manifest& manifest,
                                 Diagnostics& out);

}  // namespace fe
