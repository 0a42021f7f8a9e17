// Workspace packages (see workspace_packages.h).
#include "index/workspace_packages.h"

#include <set>

#include "index/module_resolver.h"

namespace fe {

namespace {

// Bounds, so that a repository with thousands of nested package.json files (vendored
// dependencies) costs a bounded number of reads: far above any monorepo's package count.
constexpr size_t kMaxPackageFiles = 4096;
constexpr size_t kMaxPackageJsonBytes = 1 << 20;

std::string join(const std::string& dir, const std::string& rel) {
  if (dir.empty()) return rel;
  if (rel.empty()) return dir;
  return dir + "/" + rel;
}

// The targets of one `exports` value: a path, a list of fallbacks, or conditions
// (types are declarations, not code).
void conditionTargets(const nlohmann::json& v, std::vector<std::string>& out, int depth = 0) {
  if (depth > 8) return;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_array()) {
    for (const auto& e : v) conditionTargets(e, out, depth + 1);
  } else if (v.is_object()) {
    for (const char* c : {"import", "module", "require", "node", "default"})
      if (v.contains(c)) conditionTargets(v[c], out, depth + 1);
    for (const auto& [key, value] : v.items())
      if (key != "types" && key != "import" && key != "module" && key != "require" &&
          key != "node" && key != "default")
        conditionTargets(value, out, depth + 1);
  }
}

// `exports` for a subpath ("." or "./x"): the exact key, else the longest `*` pattern.
void exportTargets(const nlohmann::json& exports, const std::string& key,
                   std::vector<std::string>& out) {
  bool subpathMap =
      exports.is_object() && !exports.empty() && exports.begin().key().rfind(".", 0) == 0;
  if (!subpathMap) {
    if (key == ".") conditionTargets(exports, out);
    return;
  }
  if (exports.contains(key)) {
    conditionTargets(exports[key], out);
    return;
  }
  size_t bestLen = 0;
  std::vector<std::string> best;
  for (const auto& [pattern, value] : exports.items()) {
    size_t star = pattern.find('*');
    if (star == std::string::npos) continue;
    std::string pre = pattern.substr(0, star), post = pattern.substr(star + 1);
    if (key.size() < pre.size() + post.size() || key.compare(0, pre.size(), pre) != 0 ||
        key.compare(key.size() - post.size(), post.size(), post) != 0 || pre.size() < bestLen)
      continue;
    std::string captured = key.substr(pre.size(), key.size() - pre.size() - post.size());
    std::vector<std::string> targets;
    conditionTargets(value, targets);
    for (auto& t : targets)
      if (size_t s = t.find('*'); s != std::string::npos) t.replace(s, 1, captured);
    best = std::move(targets);
    bestLen = pre.size();
  }
  for (auto& t : best) out.push_back(std::move(t));
}

}  // namespace

void WorkspacePackages::build(
    const std::vector<std::string>& files,
    const std::function<bool(const std::string&, std::string&)>& readText) {
  std::set<std::string> dirs;
  for (const auto& f : files)
    for (std::string d = parentDir(f);; d = parentDir(d)) {
      if (!dirs.insert(d).second || d.empty()) break;
    }
  size_t read = 0;
  for (const auto& d : dirs) {
    if (read >= kMaxPackageFiles) break;
    std::string text;
    if (!readText(join(d, "package.json"), text)) continue;
    ++read;
    if (text.size() > kMaxPackageJsonBytes) continue;
    nlohmann::json pkg = nlohmann::json::parse(text, nullptr, false);
    scopes_[d] = pkg.is_object() && pkg.contains("imports") && pkg["imports"].is_object()
                     ? pkg["imports"]
                     : nlohmann::json();
    if (!pkg.is_object() || !pkg.contains("name") || !pkg["name"].is_string()) continue;
    std::string name = pkg["name"].get<std::string>();
    // Two packages of one name (a copy under a fixture folder): the shallower one, which a
    // workspace would link; equal depth, the first in path order. Deterministic either way.
    auto it = byName_.find(name);
    auto depth = [](const std::string& p) { return std::count(p.begin(), p.end(), '/'); };
    if (it != byName_.end() && depth(it->second.dir) <= depth(d)) continue;
    byName_[name] = Package{d, std::move(pkg)};
  }
}

std::vector<std::string> WorkspacePackages::importCandidates(const std::string& fromFile,
                                                             const std::string& specifier) const {
  std::vector<std::string> out;
  for (std::string d = parentDir(fromFile);; d = parentDir(d)) {
    auto it = scopes_.find(d);
    if (it != scopes_.end()) {
      if (it->second.is_null()) return out;
      // The same key and pattern rules as a subpath of `exports`.
      nlohmann::json map = nlohmann::json::object();
      for (const auto& [key, value] : it->second.items()) map["." + key] = value;
      std::vector<std::string> targets;
      exportTargets(map, "." + specifier, targets);
      for (const auto& t : targets) {
        std::string norm;
        if (t.rfind("./", 0) == 0 && normalisePath(join(d, t), norm) &&
            (d.empty() || norm.rfind(d + "/", 0) == 0))
          out.push_back(norm);
      }
      return out;
    }
    if (d.empty()) return out;
  }
}

std::vector<std::string> WorkspacePackages::candidates(const std::string& specifier) const {
  std::vector<std::string> out;
  std::string name = ModuleResolver::packageName(specifier);
  auto it = byName_.find(name);
  if (it == byName_.end()) return out;
  const Package& pkg = it->second;
  std::string subpath = specifier.size() > name.size() ? specifier.substr(name.size() + 1) : "";
  std::vector<std::string> targets;
  if (pkg.manifest.contains("exports"))
    exportTargets(pkg.manifest["exports"], subpath.empty() ? "." : "./" + subpath, targets);
  if (subpath.empty()) {
    for (const char* field : {"main", "module", "source"})
      if (pkg.manifest.contains(field) && pkg.manifest[field].is_string())
        targets.push_back(pkg.manifest[field].get<std::string>());
    // `main` names build output that is not built (dist/ is rarely committed): the sources.
    targets.push_back("src/index");
    targets.push_back("index");
  } else {
    targets.push_back(subpath);
    targets.push_back("src/" + subpath);
  }
  for (const auto& t : targets) {
    std::string norm;
    // Inside the package's folder only: "../" in a package.json never leaves it.
    if (normalisePath(join(pkg.dir, t), norm) &&
        (pkg.dir.empty() || norm.rfind(pkg.dir + "/", 0) == 0))
      out.push_back(norm);
  }
  return out;
}

}  // namespace fe
