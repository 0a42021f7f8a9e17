// The scan-root walk (see app_discovery.h).
#include "discover/app_discovery.h"

#include <fmt/format.h>

#include <algorithm>

#include "parse/language.h"
#include "support/text_file.h"

namespace fe {

namespace fs = std::filesystem;

bool isUnder(const std::string& path, const std::string& dir) {
  if (dir.empty()) return true;
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
         path[dir.size()] == '/';
}

bool insideRoot(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path canonicalRoot = fs::weakly_canonical(root, ec);
  if (ec) return false;
  fs::path target = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = canonicalRoot.generic_string(), t = target.generic_string();
  return t == r || (t.size() > r.size() && t.compare(0, r.size(), r) == 0 &&
                    (r.back() == '/' || t[r.size()] == '/'));
}

static bool skippedDirectory(const std::string& name) {
  return name == "node_modules" || name == ".git" || name == ".hg" || name == ".svn" ||
         name == "coverage" || name == ".next" || name == ".turbo" || name == ".cache" ||
         name == ".forge" || name == "__snapshots__";
}

static bool buildOutputDirectory(const std::string& name) {
  return name == "build" || name == "dist" || name == "out";
}

DiscoveredTree discoverTree(const fs::path& root, const DiscoveryLimits& limits,
                            Diagnostics& diagnostics) {
  DiscoveredTree tree;
  struct Pending {
    fs::path dir;
    bool inBuild;
  };
  std::vector<Pending> stack{{root, false}};
  uint64_t entries = 0;
  while (!stack.empty()) {
    Pending current = std::move(stack.back());
    stack.pop_back();
    std::error_code ec;
    // No skip_permission_denied: an unreadable folder must be reported (and makes
    // its app's verdict incomplete), never silently skipped.
    fs::directory_iterator it(current.dir, ec);
    if (ec) {
      diagnostics.push_back({Severity::Warning, "unreadable", relativePath(root, current.dir), 0, 0,
                             "cannot read directory: " + ec.message()});
      continue;
    }
    std::vector<fs::directory_entry> children;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        diagnostics.push_back({Severity::Warning, "unreadable", relativePath(root, current.dir), 0,
                               0, "cannot list directory: " + ec.message()});
        break;
      }
      if (++entries > limits.maxEntries) {
        if (!tree.truncated)
          diagnostics.push_back(
              {Severity::Warning, "file-limit", "", 0, 0,
               fmt::format("more than {} directory entries; the rest of the tree was not scanned",
                           limits.maxEntries)});
        tree.truncated = true;
        break;
      }
      children.push_back(*it);
    }
    std::sort(children.begin(), children.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) {
                return a.path() > b.path();
              });
    for (const auto& entry : children) {
      std::string name = entry.path().filename().string();
      std::string rel = relativePath(root, entry.path());
      std::error_code e2;
      bool isLink = entry.is_symlink(e2);
      if (isLink) {
        // Directory symlinks are never followed; file symlinks only inside the root.
        if (fs::is_directory(entry.path(), e2)) continue;
        if (!insideRoot(root, entry.path())) {
          diagnostics.push_back({Severity::Note, "symlink-outside-root", rel, 0, 0,
                                 "symlink points outside the scan root; it was not read"});
          continue;
        }
      }
      if (!isLink && entry.is_directory(e2)) {
        if (skippedDirectory(name)) continue;
        stack.push_back({entry.path(), current.inBuild || buildOutputDirectory(name)});
        continue;
      }
      if (!entry.is_regular_file(e2)) continue;
      if (name == "manifest.yml" || name == "manifest.yaml") {
        if (!current.inBuild) tree.manifests.push_back(rel);
        continue;
      }
      Grammar g;
      bool json = name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
      if (grammarForPath(name, g) || json) {
        uint64_t bytes = entry.file_size(e2);
        tree.sources.push_back({rel, current.inBuild, e2 ? 0 : bytes, json});
      }
      if (name == "tsconfig.json" || name == "index.html" || name == "package.json")
        tree.otherFiles.push_back(rel);
    }
  }
  std::sort(tree.manifests.begin(), tree.manifests.end());
  std::sort(tree.sources.begin(), tree.sources.end(),
            [](const SourceFileRef& a, const SourceFileRef& b) { return a.path < b.path; });
  std::sort(tree.otherFiles.begin(), tree.otherFiles.end());
  return tree;
}

}  // namespace fe
