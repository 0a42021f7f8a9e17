// Build output (`dist/`, `build/`, `out/` outside a frontend) is skipped as code generated
// from the app's sources, unless the app's own code imports it: a vendored package whose
// code ships in `dist/` is code the app runs, and skipping it would read as "no egress".
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "index/facts.h"
#include "index/module_resolver.h"

namespace fe {

class ImportedBuildOutput {
 public:
  // owner[i]: the app file i is analysed in, else -1; builtOwner[i]: the app whose build
  // output file i is, else -1. One resolver per app over both, as the linker resolves.
  ImportedBuildOutput(const std::vector<FileFacts>& files, const std::vector<int>& owner,
                      const std::vector<int>& builtOwner,
                      const std::function<bool(const std::string&, std::string&)>& readRel);

  // Build output files that a file of `round` (just parsed) imports, requires or
  // re-exports and that no earlier round returned. Ascending; empty when none.
  std::vector<size_t> next(const std::vector<FileFacts>& files, const std::vector<int>& owner,
                           const std::vector<size_t>& round);

 private:
  struct AppFiles {
    std::vector<size_t> index;  // resolver index -> file index
    std::unique_ptr<ModuleResolver> resolver;
  };
  std::map<int, AppFiles> apps_;  // only apps with build output
  std::vector<int> pending_;      // builtOwner, cleared once returned
};

}  // namespace fe
