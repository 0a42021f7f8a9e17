// Module resolution (see module_resolver.h).
#include "index/module_resolver.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "parse/language.h"

namespace fe {

bool normalisePath(const std::string& path, std::string& out) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string seg =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  out.clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return true;
}

std::string parentDir(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

static std::string joinPath(const std::string& dir, const std::string& rel) {
  if (dir.empty()) return rel;
  if (rel.empty()) return dir;
  return dir + "/" + rel;
}

ModuleResolver::ModuleResolver(std::vector<std::string> files,
                               std::function<bool(const std::string&, std::string&)> readText,
                               std::function<bool(const std::string&)> isFile)
    : files_(std::move(files)), readText_(std::move(readText)), isFile_(std::move(isFile)) {
  for (size_t i = 0; i < files_.size(); ++i) index_[files_[i]] = static_cast<int>(i);
}

int ModuleResolver::indexOf(const std::string& path) const {
  auto it = index_.find(path);
  return it == index_.end() ? -1 : it->second;
}

bool ModuleResolver::isRelative(const std::string& s) {
  return s == "." || s == ".." || s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0 ||
         s.rfind("/", 0) == 0;
}

std::string ModuleResolver::packageName(const std::string& s) {
  size_t slash = s.find('/');
  if (!s.empty() && s[0] == '@' && slash != std::string::npos) slash = s.find('/', slash + 1);
  return slash == std::string::npos ? s : s.substr(0, slash);
}

bool ModuleResolver::namesUnreadCode(const std::string& fromFile,
                                     const std::string& specifier) const {
  if (!isFile_ || !isRelative(specifier)) return false;
  std::string target;
  std::string joined =
      specifier[0] == '/' ? specifier.substr(1) : joinPath(parentDir(fromFile), specifier);
  if (!normalisePath(joined, target) || target.empty()) return false;
  auto endsWith = [](const std::string& s, const char* suffix) {
    size_t n = std::char_traits<char>::length(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
  };
  auto code = [&](const std::string& p) {
    return !endsWith(p, ".json") && !endsWith(p, ".d.ts") && isFile_(p);
  };
  auto unread = [&](const std::string& t) {
    if (code(t) || code(t + ".node")) return true;
    for (const auto& e : kSourceExtensions)
      if (code(t + std::string(e.extension)) || code(t + "/index" + std::string(e.extension)))
        return true;
    return false;
  };
  if (unread(target)) return true;
  // A folder whose package.json `main` names a file the scan did not read.
  std::string main = mainOfFolder(target);
  return !main.empty() && main != target && unread(main);
}

bool ModuleResolver::namesNothing(const std::string& fromFile, const std::string& specifier) const {
  if (!isFile_ || !isRelative(specifier)) return false;
  // A bundler's query (`./icon.svg?react`, `./worker.js?worker`) names the file before it.
  std::string path = specifier.substr(0, specifier.find_first_of("?#"));
  if (path.empty()) return false;
  // Only code counts: a missing stylesheet, image or data file is not a program that sends
  // (`import './App.css'` without the file stays a note).
  size_t dot = path.rfind('.'), slash = path.rfind('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash) &&
      dot + 1 < path.size()) {
    std::string ext = path.substr(dot);
    bool code = false;
    for (const char* e : {".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"})
      code = code || ext == e;
    if (!code) return false;
  }
  std::string target;
  std::string joined = path[0] == '/' ? path.substr(1) : joinPath(parentDir(fromFile), path);
  if (!normalisePath(joined, target) || target.empty()) return false;
  return nothingAt(target, true);
}

bool ModuleResolver::nothingAt(const std::string& target, bool followMain) const {
  if (isFile_(target)) return false;
  for (const char* ext : {".json", ".d.ts", ".node", ".mjs", ".cjs", ".jsx", ".tsx", ".ts", ".js",
                          ".d.mts", ".d.cts", ".mts", ".cts", ".vue", ".svelte", ".css", ".scss"})
    if (isFile_(target + ext) || isFile_(target + "/index" + ext)) return false;
  // `.js` written for a `.ts` file, or for a declaration file.
  for (const char* from : {".js", ".mjs", ".cjs", ".jsx"}) {
    size_t n = std::char_traits<char>::length(from);
    if (target.size() > n && target.compare(target.size() - n, n, from) == 0) {
      std::string stem = target.substr(0, target.size() - n);
      for (const char* to : {".ts", ".tsx", ".d.ts", ".mts", ".cts"})
        if (isFile_(stem + to)) return false;
    }
  }
  if (isFile_(target + "/package.json")) {
    // A folder: Node loads the file its `main` names; one that is not there (`dist/` not
    // built or not committed) is code the checkout does not hold.
    std::string main = followMain ? mainOfFolder(target) : "";
    return !main.empty() && main != target && nothingAt(main, false);
  }
  return true;
}

namespace {

// `*` matches any run of characters, `/` included.
bool globMatches(std::string_view text, std::string_view glob) {
  size_t t = 0, g = 0, starG = std::string_view::npos, starT = 0;
  while (t < text.size()) {
    if (g < glob.size() && glob[g] == '*') {
      starG = g++;
      starT = t;
    } else if (g < glob.size() && glob[g] == text[t]) {
      ++g;
      ++t;
    } else if (starG != std::string_view::npos) {
      g = starG + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

}  // namespace

std::vector<int> ModuleResolver::resolvePattern(const std::string& fromFile,
                                                const std::string& pattern) const {
  std::vector<int> out;
  if (!isRelative(pattern) || pattern[0] == '/') return out;
  std::string glob;
  if (!normalisePath(joinPath(parentDir(fromFile), pattern), glob)) return out;
  // The names probe() would try for a specifier the glob matches.
  std::vector<std::string> globs{glob};
  auto endsWith = [&](const char* e) {
    size_t n = std::char_traits<char>::length(e);
    return glob.size() > n && glob.compare(glob.size() - n, n, e) == 0;
  };
  if (endsWith(".js")) {
    globs.push_back(glob.substr(0, glob.size() - 3) + ".ts");
    globs.push_back(glob.substr(0, glob.size() - 3) + ".tsx");
  }
  for (const auto& e : kSourceExtensions) {
    globs.push_back(glob + std::string(e.extension));
    globs.push_back(glob + "/index" + std::string(e.extension));
  }
  globs.push_back(glob + ".json");
  std::string_view fixed = std::string_view(glob).substr(0, glob.find('*'));
  for (size_t f = 0; f < files_.size(); ++f) {
    const std::string& path = files_[f];
    if (path.compare(0, fixed.size(), fixed) != 0) continue;
    for (const auto& g : globs)
      if (globMatches(path, g)) {
        out.push_back(static_cast<int>(f));
        break;
      }
    if (out.size() > kMaxPatternFiles) return {};
  }
  return out;
}

int ModuleResolver::probe(const std::string& base, bool folderMain) const {
  auto has = [&](const std::string& p) {
    auto it = index_.find(p);
    return it == index_.end() ? -1 : it->second;
  };
  int found = has(base);
  if (found >= 0) return found;
  // `.js` written for a `.ts` file (TypeScript's ESM convention).
  auto swap = [&](const char* from, std::initializer_list<const char*> to) {
    size_t n = std::char_traits<char>::length(from);
    if (base.size() > n && base.compare(base.size() - n, n, from) == 0) {
      std::string stem = base.substr(0, base.size() - n);
      for (const char* ext : to) {
        int f = has(stem + ext);
        if (f >= 0) return f;
      }
    }
    return -1;
  };
  if ((found = swap(".js", {".ts", ".tsx"})) >= 0) return found;
  if ((found = swap(".jsx", {".tsx"})) >= 0) return found;
  if ((found = swap(".mjs", {".mts"})) >= 0) return found;
  if ((found = swap(".cjs", {".cts"})) >= 0) return found;
  for (const auto& e : kSourceExtensions)
    if ((found = has(base + std::string(e.extension))) >= 0) return found;
  for (const auto& e : kSourceExtensions)
    if ((found = has(joinPath(base, "index" + std::string(e.extension)))) >= 0) return found;
  if (folderMain) {
    std::string main = mainOfFolder(base);
    if (!main.empty() && main != base) return probe(main, false);
  }
  return -1;
}

std::string ModuleResolver::mainOfFolder(const std::string& dir) const {
  if (!readText_) return "";
  std::lock_guard<std::mutex> lock(mainsMutex_);
  auto [it, fresh] = folderMains_.try_emplace(dir);
  if (!fresh) return it->second;
  std::string text;
  if (!readText_(joinPath(dir, "package.json"), text) || text.size() > (1u << 20)) return "";
  auto pkg = nlohmann::json::parse(text, nullptr, false);
  std::string norm;
  if (!pkg.is_object() || !pkg.contains("main") || !pkg["main"].is_string() ||
      !normalisePath(joinPath(dir, pkg["main"].get<std::string>()), norm))
    return "";
  // Inside the folder only: "../" in a package.json never leaves it.
  if (dir.empty() || norm.rfind(dir + "/", 0) == 0) it->second = norm;
  return it->second;
}

// tsconfig.json allows comments and trailing commas; nlohmann takes comments.
static std::string stripTrailingCommas(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      out += c;
      if (c == '\\' && i + 1 < text.size())
        out += text[++i];
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') inString = true;
    if (c == ',') {
      size_t j = i + 1;
      while (j < text.size() &&
             (text[j] == ' ' || text[j] == '\n' || text[j] == '\r' || text[j] == '\t'))
        ++j;
      if (j < text.size() && (text[j] == '}' || text[j] == ']')) continue;
    }
    out += c;
  }
  return out;
}

// How many `extends` a config may chain (a cycle stops here).
constexpr int kMaxConfigDepth = 8;

std::shared_ptr<TsConfig> ModuleResolver::loadConfig(const std::string& path, int depth) const {
  std::string text;
  if (depth > kMaxConfigDepth || !readText_(path, text)) return nullptr;
  auto json = nlohmann::json::parse(stripTrailingCommas(text), nullptr, false, true);
  if (json.is_discarded() || !json.is_object()) {
    diagnostics_.push_back({Severity::Warning, "tsconfig", path, 1, 1,
                            fmt::format("{} is not valid JSON; its paths are ignored",
                                        path.substr(path.rfind('/') + 1))});
    return nullptr;
  }
  auto cfg = std::make_shared<TsConfig>();
  cfg->dir = parentDir(path);
  if (json.contains("extends") && json["extends"].is_string()) {
    std::string ext = json["extends"].get<std::string>();
    if (ModuleResolver::isRelative(ext)) {
      std::string target;
      if (normalisePath(joinPath(cfg->dir, ext), target)) {
        if (target.size() < 5 || target.compare(target.size() - 5, 5, ".json") != 0)
          target += ".json";
        if (auto parent = loadConfig(target, depth + 1)) {
          cfg->baseUrl = parent->baseUrl;
          cfg->paths = parent->paths;
        }
      }
    }
  }
  if (json.contains("compilerOptions") && json["compilerOptions"].is_object()) {
    const auto& co = json["compilerOptions"];
    std::string base = cfg->dir;
    if (co.contains("baseUrl") && co["baseUrl"].is_string()) {
      std::string b;
      if (normalisePath(joinPath(cfg->dir, co["baseUrl"].get<std::string>()), b))
        cfg->baseUrl = b, base = b;
    } else if (!cfg->baseUrl.empty()) {
      base = cfg->baseUrl;
    }
    if (co.contains("paths") && co["paths"].is_object()) {
      cfg->paths.clear();
      for (auto it = co["paths"].begin(); it != co["paths"].end(); ++it) {
        std::vector<std::string> targets;
        if (it.value().is_array())
          for (const auto& t : it.value())
            if (t.is_string()) {
              std::string resolved;
              if (normalisePath(joinPath(base, t.get<std::string>()), resolved))
                targets.push_back(resolved);
            }
        cfg->paths.emplace_back(it.key(), targets);
      }
    }
  }
  // A solution file (`"files": [], "references": [{"path": "./tsconfig.app.json"}]`, Vite's
  // templates) holds no files and sets no paths itself: the first referenced project that
  // sets any speaks for the files under it. Only a solution file, and only at the top (a
  // package's tsconfig that references another package keeps its own settings, and a
  // referenced project's references are not followed: no chain of reads).
  bool solution = json.contains("files") && json["files"].is_array() && json["files"].empty() &&
                  !json.contains("include");
  if (depth == 0 && solution && cfg->paths.empty() && cfg->baseUrl.empty() &&
      json.contains("references") && json["references"].is_array()) {
    for (const auto& ref : json["references"]) {
      if (!ref.is_object() || !ref.contains("path") || !ref["path"].is_string()) continue;
      std::string target;
      if (!normalisePath(joinPath(cfg->dir, ref["path"].get<std::string>()), target)) continue;
      if (target.size() < 5 || target.compare(target.size() - 5, 5, ".json") != 0)
        target = joinPath(target, "tsconfig.json");
      auto project = loadConfig(target, depth + 1);
      if (project && (!project->paths.empty() || !project->baseUrl.empty())) {
        cfg->baseUrl = project->baseUrl;
        cfg->paths = project->paths;
        break;
      }
    }
  }
  return cfg;
}

const TsConfig* ModuleResolver::configFor(const std::string& fromFile) const {
  std::string dir = parentDir(fromFile);
  std::vector<std::string> visited;
  while (true) {
    auto it = configByDir_.find(dir);
    if (it != configByDir_.end()) {
      for (auto& v : visited) configByDir_[v] = it->second;
      return it->second.get();
    }
    visited.push_back(dir);
    // jsconfig.json is the same file for JavaScript projects (a Vite or CRA Custom UI app
    // declares its `@/…` paths there); a folder's tsconfig.json wins.
    for (const char* name : {"tsconfig.json", "jsconfig.json"}) {
      std::string candidate = joinPath(dir, name);
      std::string probeText;
      if (index_.count(candidate) || readText_(candidate, probeText)) {
        auto cfg = loadConfig(candidate, 0);
        for (auto& v : visited) configByDir_[v] = cfg;
        return cfg.get();
      }
    }
    if (dir.empty()) break;
    dir = parentDir(dir);
  }
  for (auto& v : visited) configByDir_[v] = nullptr;
  return nullptr;
}

int ModuleResolver::resolve(const std::string& fromFile, const std::string& specifier) const {
  if (specifier.empty()) return -1;
  std::lock_guard<std::mutex> lock(mutex_);
  if (isRelative(specifier)) {
    std::string target;
    std::string joined =
        specifier[0] == '/' ? specifier.substr(1) : joinPath(parentDir(fromFile), specifier);
    if (!normalisePath(joined, target)) return -1;
    return probe(target);
  }
  // `#x`: package.json `imports`, else a tsconfig `paths` entry may name it.
  if (specifier[0] == '#')
    if (int f = resolvePackageImport(fromFile, specifier); f >= 0) return f;
  const TsConfig* cfg = configFor(fromFile);
  if (!cfg) return resolveUnmapped(fromFile, specifier);
  // paths: an exact pattern wins, then the longest prefix before '*'.
  const std::vector<std::string>* best = nullptr;
  std::string captured;
  size_t bestLen = 0;
  bool exact = false;
  for (const auto& [pattern, targets] : cfg->paths) {
    size_t star = pattern.find('*');
    if (star == std::string::npos) {
      if (pattern == specifier) {
        best = &targets;
        captured.clear();
        exact = true;
        break;
      }
      continue;
    }
    std::string pre = pattern.substr(0, star), post = pattern.substr(star + 1);
    if (specifier.size() >= pre.size() + post.size() &&
        specifier.compare(0, pre.size(), pre) == 0 &&
        specifier.compare(specifier.size() - post.size(), post.size(), post) == 0 &&
        pre.size() >= bestLen) {
      best = &targets;
      bestLen = pre.size();
      captured = specifier.substr(pre.size(), specifier.size() - pre.size() - post.size());
    }
  }
  if (best) {
    for (const auto& t : *best) {
      std::string target = t;
      size_t star = target.find('*');
      if (star != std::string::npos && !exact) target.replace(star, 1, captured);
      std::string norm;
      if (!normalisePath(target, norm)) continue;
      int f = probe(norm);
      if (f >= 0) return f;
    }
  }
  if (!cfg->baseUrl.empty() || cfg->paths.empty()) {
    std::string norm;
    if (!cfg->baseUrl.empty() && normalisePath(joinPath(cfg->baseUrl, specifier), norm)) {
      int f = probe(norm);
      if (f >= 0) return f;
    }
  }
  return resolveUnmapped(fromFile, specifier);
}

// A specifier no tsconfig/jsconfig `paths` maps: a package of the workspace, else the
// bundler alias convention. `@/x` and `~/x` are no package names (npm scopes are never
// empty); Vite, Vue and Nuxt templates alias them to the project's `src/`, so the nearest
// folder above the importing file whose `src/x` is a file of the app is the guess.
int ModuleResolver::resolveUnmapped(const std::string& fromFile,
                                    const std::string& specifier) const {
  int f = resolveWorkspacePackage(specifier);
  if (f >= 0 || specifier.size() < 3 || (specifier[0] != '@' && specifier[0] != '~') ||
      specifier[1] != '/')
    return f;
  std::string rest = specifier.substr(2);
  for (std::string d = parentDir(fromFile);; d = parentDir(d)) {
    std::string norm;
    if (normalisePath(joinPath(joinPath(d, "src"), rest), norm))
      if ((f = probe(norm)) >= 0) return f;
    if (d.empty()) return -1;
  }
}

// `#lib/notes`: the `imports` map of the package.json nearest the importing file.
int ModuleResolver::resolvePackageImport(const std::string& fromFile,
                                         const std::string& specifier) const {
  if (!readText_) return -1;
  if (!workspaceRead_) {
    workspaceRead_ = true;
    workspace_.build(files_, readText_);
  }
  for (const auto& candidate : workspace_.importCandidates(fromFile, specifier)) {
    int f = probe(candidate);
    if (f >= 0) return f;
  }
  return -1;
}

int ModuleResolver::resolveWorkspacePackage(const std::string& specifier) const {
  if (!readText_ || specifier.empty() || specifier[0] == '#' ||
      specifier.find(':') != std::string::npos)
    return -1;  // `#internal` imports and `node:`/URL schemes are never workspace packages
  if (!workspaceRead_) {
    workspaceRead_ = true;
    workspace_.build(files_, readText_);
  }
  for (const auto& candidate : workspace_.candidates(specifier)) {
    int f = probe(candidate);
    if (f >= 0) return f;
  }
  return -1;
}

}  // namespace fe
