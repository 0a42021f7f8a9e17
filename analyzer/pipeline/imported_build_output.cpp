// Build output the app's code imports (see imported_build_output.h).
#include "pipeline/imported_build_output.h"

#include <set>

namespace fe {

ImportedBuildOutput::ImportedBuildOutput(
    const std::vector<FileFacts>& files, const std::vector<int>& owner,
    const std::vector<int>& builtOwner,
    const std::function<bool(const std::string&, std::string&)>& readRel)
    : pending_(builtOwner) {
  for (int a : builtOwner)
    if (a >= 0) apps_[a];
  for (auto& [app, af] : apps_) {
    std::vector<std::string> paths;
    for (size_t i = 0; i < files.size(); ++i) {
      bool built = i < builtOwner.size() && builtOwner[i] == app;
      if (owner[i] != app && !built) continue;
      af.index.push_back(i);
      paths.push_back(files[i].path);
    }
    af.resolver = std::make_unique<ModuleResolver>(std::move(paths), readRel);
  }
}

std::vector<size_t> ImportedBuildOutput::next(const std::vector<FileFacts>& files,
                                              const std::vector<int>& owner,
                                              const std::vector<size_t>& round) {
  std::set<size_t> found;
  for (size_t i : round) {
    auto it = apps_.find(owner[i]);
    if (it == apps_.end()) continue;
    AppFiles& af = it->second;
    auto take = [&](int t) {
      if (t < 0) return;
      size_t target = af.index[static_cast<size_t>(t)];
      if (target < pending_.size() && pending_[target] == it->first) {
        pending_[target] = -1;
        found.insert(target);
      }
    };
    auto follow = [&](const std::string& spec) { take(af.resolver->resolve(files[i].path, spec)); };
    for (const auto& imp : files[i].imports) {
      if (!imp.pattern) {
        follow(imp.specifier);
        continue;
      }
      for (int t : af.resolver->resolvePattern(files[i].path, imp.specifier)) take(t);
    }
    for (const auto& r : files[i].reexports) follow(r.specifier);
  }
  return {found.begin(), found.end()};
}

}  // namespace fe
