// The stylesheets of Custom UI pages: every `.css` file under a Custom UI project or bundle
// folder (the sources a bundler imports and the built files a page links), read for their
// `@import` and `url(…)` references, since a Google Fonts `@import` is egress of the page.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace fe {

struct StylesheetList {
  std::vector<std::string> files;  // relative to the scan root, '/'-separated, sorted
  bool truncated = false;  // more files than the bound, or folders nested past it: not all read
};

// Walks `dirs` (relative to root) without following directory symlinks, leaving out
// node_modules and dot-folders; at most maxFiles files, 32 folders deep.
StylesheetList findStylesheets(const std::filesystem::path& root,
                               const std::vector<std::string>& dirs, size_t maxFiles);

}  // namespace fe
