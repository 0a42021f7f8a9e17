// Resolves import specifiers to files of the app the way Node and TypeScript
// do: relative paths with extension and index probing, `.js` specifiers that
// name `.ts` files, and tsconfig.json `baseUrl`/`paths` (following
// `extends`). It only looks at the list of files discovered for the app, so
// it never reads outside the scan root. Bare specifiers are packages: a package of the
// app's own workspace (workspace_packages.h) resolves to its files, any other is a library.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/workspace_packages.h"
#include "support/diagnostic.h"

namespace fe {

struct TsConfig {
  std::string dir;      // folder of the tsconfig (relative to the scan root)
  std::string baseUrl;  // resolved folder, "" when unset
  std::vector<std::pair<std::string, std::vector<std::string>>>
      paths;  // pattern -> targets (resolved)
};

class ModuleResolver {
 public:
  // files: paths relative to the scan root ('/'-separated). readText reads a
  // file of the app by that relative path (used for tsconfig.json only).
  ModuleResolver(std::vector<std::string> files,
                 std::function<bool(const std::string&, std::string&)> readText,
                 std::function<bool(const std::string&)> isFile = nullptr);

  // Returns the index into files, or -1 when the specifier is a package or unresolvable.
  int resolve(const std::string& fromFile, const std::string& specifier) const;
  // A relative pattern (`./locales/*.json`, each `*` any text, `/` included, as a bundler's
  // context module reads it): the files it may name, by the same probing as resolve(),
  // ascending. Empty when it is not relative or names nothing; at most kMaxPatternFiles.
  std::vector<int> resolvePattern(const std::string& fromFile, const std::string& pattern) const;
  static constexpr size_t kMaxPatternFiles = 256;
  // The index of a file of the app by its path, or -1.
  int indexOf(const std::string& path) const;
  static bool isRelative(const std::string& specifier);
  // A relative specifier that resolve() does not find but that names a file on disk Node
  // would run: a .txt or extension-less file (Node runs any extension as JavaScript), a
  // native .node addon, a file under a folder the scan leaves out. JSON is data, not code.
  // Needs isFile; false without it.
  bool namesUnreadCode(const std::string& fromFile, const std::string& specifier) const;
  // A relative specifier that names nothing on disk under any name Node or a bundler would
  // try (no source file, no JSON, no declaration file, no folder): code the checkout does not
  // hold (generated, or not committed). Needs isFile; false without it.
  bool namesNothing(const std::string& fromFile, const std::string& specifier) const;
  // The package name of a bare specifier ("@forge/api/x" -> "@forge/api").
  static std::string packageName(const std::string& specifier);
  Diagnostics takeDiagnostics() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::move(diagnostics_);
  }

 private:
  // base as a file, with extensions, as a folder's index; then (folderMain) as a folder
  // whose package.json names its `main`.
  int probe(const std::string& base, bool folderMain = true) const;
  int resolveWorkspacePackage(const std::string& specifier) const;
  int resolveUnmapped(const std::string& fromFile, const std::string& specifier) const;
  // The file a folder's package.json `main` names (inside the folder), "" when none.
  std::string mainOfFolder(const std::string& dir) const;
  bool nothingAt(const std::string& target, bool followMain) const;
  int resolvePackageImport(const std::string& fromFile, const std::string& specifier) const;
  const TsConfig* configFor(const std::string& fromFile) const;
  std::shared_ptr<TsConfig> loadConfig(const std::string& path, int depth) const;

  std::vector<std::string> files_;
  std::unordered_map<std::string, int> index_;
  std::function<bool(const std::string&, std::string&)> readText_;
  std::function<bool(const std::string&)> isFile_;
  mutable std::map<std::string, std::shared_ptr<TsConfig>> configByDir_;
  mutable Diagnostics diagnostics_;
  mutable WorkspacePackages workspace_;  // read on the first bare specifier
  mutable bool workspaceRead_ = false;
  // resolve() is called from the groups of an app solved in parallel (solve_app.h);
  // the tsconfig cache and the diagnostics are its only state.
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::string> folderMains_;  // folder -> its `main`, or ""
  mutable std::mutex mainsMutex_;  // folderMains_ is read with or without mutex_ held
};

// Normalises "a/./b/../c" to "a/c"; returns false when it climbs above the root.
bool normalisePath(const std::string& path, std::string& out);
std::string parentDir(const std::string& path);

}  // namespace fe
