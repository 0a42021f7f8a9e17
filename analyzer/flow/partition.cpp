// Splitting an app into independently solvable groups (see partition.h).
#include "flow/partition.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace fe {

DisjointSets::DisjointSets(size_t n) : parent_(n) {
  std::iota(parent_.begin(), parent_.end(), 0u);
}

uint32_t DisjointSets::find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void DisjointSets::unite(uint32_t a, uint32_t b) {
  a = find(a);
  b = find(b);
  if (a == b) return;
  if (b < a) std::swap(a, b);
  parent_[b] = a;
}

std::vector<std::vector<uint32_t>> partitionFiles(
    const std::vector<FileFacts>& files, const ModuleResolver& resolver,
    const std::function<int(const std::string&)>& realmOf, const PartitionLimits& limits) {
  const uint32_t n = static_cast<uint32_t>(files.size());
  uint64_t total = 0;
  for (const auto& f : files) total += f.vars.size();
  std::vector<std::vector<uint32_t>> whole(1);
  for (uint32_t i = 0; i < n; ++i) whole[0].push_back(i);
  if (n < 2 || total < limits.minSplitVars || limits.maxGroups < 2) return whole;

  // Parts: files connected by any import the linker will resolve, in either direction,
  // and the files of one page.
  DisjointSets parts(n);
  std::map<int, uint32_t> realmFirst;
  for (uint32_t i = 0; i < n; ++i) {
    int realm = realmOf ? realmOf(files[i].path) : -1;
    if (realm >= 0) parts.unite(i, realmFirst.emplace(realm, i).first->second);
    auto link = [&](const std::string& spec) {
      int t = resolver.resolve(files[i].path, spec);
      if (t >= 0 && static_cast<uint32_t>(t) < n) parts.unite(i, static_cast<uint32_t>(t));
    };
    for (const auto& imp : files[i].imports) link(imp.specifier);
    for (const auto& r : files[i].reexports) link(r.specifier);
  }
  std::vector<uint64_t> size(n, 0);
  for (uint32_t i = 0; i < n; ++i) size[parts.find(i)] += files[i].vars.size() + 1;
  std::vector<uint32_t> roots;
  for (uint32_t i = 0; i < n; ++i)
    if (parts.find(i) == i) roots.push_back(i);
  if (roots.size() < 2) return whole;

  // Largest part first into the lightest group (longest-processing-time packing);
  // ties by first file, so the packing is a function of the input alone.
  std::stable_sort(roots.begin(), roots.end(),
                   [&](uint32_t a, uint32_t b) { return size[a] > size[b]; });
  size_t groupCount = std::min<size_t>(limits.maxGroups, roots.size());
  std::vector<uint64_t> load(groupCount, 0);
  std::vector<uint32_t> groupOfRoot(n, 0);
  for (uint32_t r : roots) {
    size_t g = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    load[g] += size[r];
    groupOfRoot[r] = static_cast<uint32_t>(g);
  }
  std::vector<std::vector<uint32_t>> groups(groupCount);
  for (uint32_t i = 0; i < n; ++i) groups[groupOfRoot[parts.find(i)]].push_back(i);
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.front() < b.front(); });
  return groups;
}

}  // namespace fe
