// Finds the Forge apps under a scan root (every manifest.yml with a top-level
// `app:`) and the source files of each app. The walk uses an explicit stack,
// never follows directory symlinks (no loops), never reads a file symlink
// whose target is outside the scan root, and skips node_modules, .git and
// build output.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/diagnostic.h"

namespace fe {

struct DiscoveryLimits {
  uint64_t maxEntries = 500000;  // directory entries visited per scan
};

struct SourceFileRef {
  std::string path;            // relative to the scan root
  bool inBuildOutput = false;  // under a build/dist folder (bundles)
  uint64_t bytes = 0;          // size when listed: the largest files are parsed first
  bool data = false;           // a .json file: a module of values, analysed when code imports it
};

struct DiscoveredTree {
  std::vector<std::string> manifests;   // relative paths of manifest.yml files, sorted
  std::vector<SourceFileRef> sources;   // every JS/TS file found, and every .json, sorted
  std::vector<std::string> otherFiles;  // tsconfig.json, index.html, package.json
  bool truncated = false;
};

// Walks `root` once.
DiscoveredTree discoverTree(const std::filesystem::path& root, const DiscoveryLimits& limits,
                            Diagnostics& diagnostics);

// Whether `path` (relative) is inside directory `dir` (relative; "" = root).
bool isUnder(const std::string& path, const std::string& dir);

// Resolves a path for reading only when it stays inside the scan root
// (following symlinks); returns false otherwise.
bool insideRoot(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace fe
