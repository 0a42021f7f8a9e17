// Build output (`dist/`, `build/`, `out/` outside a frontend) is skipped as code generated
// from the app's sources, unless the app's own code imports it: a vendored package whose
// code ships in `dist/` is code the app runs, and skipping it would read as "no egress".
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "index/facts.h"

namespace fe {

// Files of build output (builtOwner[i] = the app, else -1) that a file of `round` (just
// parsed, owner[i] = its app) imports, requires or re-exports, resolved as the linker
// will resolve it. Ascending; empty when there is none.
std::vector<size_t> importedBuildOutput(
    const std::vector<FileFacts>& files, const std::vector<int>& owner,
    const std::vector<int>& builtOwner, const std::vector<size_t>& round,
    const std::function<bool(const std::string&, std::string&)>& readRel);

}  // namespace fe
