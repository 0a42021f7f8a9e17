// Build output the app's code imports (see imported_build_output.h).
#include "pipeline/imported_build_output.h"

#include <algorithm>
#include <map>
#include <set>

#include "index/module_resolver.h"

namespace fe {

std::vector<size_t> importedBuildOutput(
    const std::vector<FileFacts>& files, const std::vector<int>& owner,
    const std::vector<int>& builtOwner, const std::vector<size_t>& round,
    const std::function<bool(const std::string&, std::string&)>& readRel) {
  std::set<int> apps;
  for (int a : builtOwner)
    if (a >= 0) apps.insert(a);
  std::set<size_t> found;
  for (int app : apps) {
    // The app's files, analysed or not, in the order the app lists them.
    std::vector<size_t> index;
    std::vector<std::string> paths;
    for (size_t i = 0; i < files.size(); ++i) {
      bool built = i < builtOwner.size() && builtOwner[i] == app;
      if (owner[i] != app && !built) continue;
      index.push_back(i);
      paths.push_back(files[i].path);
    }
    ModuleResolver resolver(paths, readRel);
    for (size_t i : round) {
      if (owner[i] != app) continue;
      auto follow = [&](const std::string& spec) {
        int t = resolver.resolve(files[i].path, spec);
        if (t < 0) return;
        size_t target = index[static_cast<size_t>(t)];
        if (target < builtOwner.size() && builtOwner[target] == app) found.insert(target);
      };
      for (const auto& imp : files[i].imports) follow(imp.specifier);
      for (const auto& r : files[i].reexports) follow(r.specifier);
    }
  }
  return {found.begin(), found.end()};
}

}  // namespace fe
