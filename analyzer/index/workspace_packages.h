// Packages of a monorepo that live inside the app (`packages/shared/package.json` named
// `@acme/shared`), so that `import { send } from '@acme/shared'` reaches their files the way
// a workspace link in node_modules does at run time. Only package.json files in folders that
// hold (or are above) the app's source files are read, through the resolver's reader.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fe {

class WorkspacePackages {
 public:
  // files: the app's source files (relative to the scan root); readText reads a file by
  // that relative path.
  void build(const std::vector<std::string>& files,
             const std::function<bool(const std::string&, std::string&)>& readText);
  // The files a bare specifier may name, most likely first: `exports` (its import, module,
  // require, node and default conditions), then `main`, `module`, `source`, then
  // `src/index` and `index`; for a subpath, the `exports` entry or the path in the package.
  // Each is a path without guaranteed extension, for the resolver's probing. Empty when no
  // package of the workspace has the specifier's name.
  std::vector<std::string> candidates(const std::string& specifier) const;
  // The files a `#name` subpath import names, by the `imports` field of the package.json
  // nearest the importing file (Node's package scope): an exact key, else the longest `*`
  // pattern; targets inside that package only.
  std::vector<std::string> importCandidates(const std::string& fromFile,
                                            const std::string& specifier) const;

 private:
  struct Package {
    std::string dir;
    nlohmann::json manifest;
  };
  std::map<std::string, Package> byName_;
  // Every folder with a package.json, and its `imports` map (null when it has none).
  std::map<std::string, nlohmann::json> scopes_;
};

}  // namespace fe
