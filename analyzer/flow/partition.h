// Independent parts of a large app. Code runs in the realm that loads it: the
// Node bundle of a handler (its file and what that imports), a browser page or
// iframe (everything a Custom UI project or UI Kit resource ships). Files that
// no import, require or re-export connects, and that no page loads together,
// never run in one realm, so not even globals or a package's module object
// (the library values the solver shares by name) can carry data between them:
// they are solved apart, on several cores, in smaller graphs, and without one
// library's summary object meeting another's. Unreached files (tests, scripts,
// vendored code) are parts of their own; their call sites are still reported.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "flow/budget.h"
#include "index/facts.h"
#include "index/module_resolver.h"

namespace fe {

struct FilePartition {
  // Groups of file indices (each sorted, groups ordered by their first file).
  std::vector<std::vector<uint32_t>> groups;
  // Per file: the index of an identical file whose results it takes, or -1. Such a
  // file is in no group.
  std::vector<int> sameAs;
};

// A single group of every file when the app is small or all of one piece.
// realmOf(path): files with the same number share a page (see AppSolveInput); -1: none.
// contextOf(path): what, besides its text, decides a file's results when it stands
// alone (its side, the page that loads it); nullopt when it may not take another file's
// results (an entry the manifest or the policy options name by path). Files of one
// text, one extension and one context, each a part of its own whose imports resolve
// alike, are solved once: every copy after the first takes the first's results.
FilePartition partitionFiles(
    const std::vector<FileFacts>& files, const ModuleResolver& resolver,
    const std::function<int(const std::string&)>& realmOf, const PartitionLimits& limits = {},
    const std::function<std::optional<std::string>(const std::string&)>& contextOf = {});

// Disjoint sets over 0..n-1 with path halving; the smaller index is the root, so
// the result never depends on the order unions happen in.
class DisjointSets {
 public:
  explicit DisjointSets(size_t n);
  uint32_t find(uint32_t x);
  void unite(uint32_t a, uint32_t b);

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace fe
