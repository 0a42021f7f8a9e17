// Splitting an app into independently solvable groups (see partition.h).
#include "flow/partition.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string_view>
#include <tuple>

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

namespace {

std::string_view extensionOf(std::string_view path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return path.substr(dot);
}

// Whether file b's imports mean what file a's do: each resolves to nothing but the file
// itself in both, and the linker's notes on what an unresolved one names agree.
bool importsResolveAlike(const FileFacts& a, uint32_t ia, const FileFacts& b, uint32_t ib,
                         const ModuleResolver& resolver) {
  auto alike = [&](const std::string& spec) {
    int ta = resolver.resolve(a.path, spec), tb = resolver.resolve(b.path, spec);
    if ((ta >= 0) != (tb >= 0)) return false;
    if (ta >= 0) return static_cast<uint32_t>(ta) == ia && static_cast<uint32_t>(tb) == ib;
    return resolver.namesUnreadCode(a.path, spec) == resolver.namesUnreadCode(b.path, spec) &&
           resolver.namesNothing(a.path, spec) == resolver.namesNothing(b.path, spec);
  };
  for (const auto& imp : a.imports)
    if (imp.pattern || !alike(imp.specifier)) return false;  // a pattern: other files, or none
  for (const auto& r : a.reexports)
    if (!alike(r.specifier)) return false;
  return true;
}

// Files that stand alone as a part and repeat an earlier file's text in its context:
// sameAs[i] = that earlier file. The keyed digest, the byte count and the fact counts must
// all agree.
std::vector<int> identicalAloneFiles(
    const std::vector<FileFacts>& files, const ModuleResolver& resolver, DisjointSets& parts,
    const std::function<std::optional<std::string>(const std::string&)>& contextOf) {
  const uint32_t n = static_cast<uint32_t>(files.size());
  std::vector<int> sameAs(n, -1);
  if (!contextOf) return sameAs;
  std::vector<uint32_t> partFiles(n, 0);
  for (uint32_t i = 0; i < n; ++i) ++partFiles[parts.find(i)];
  using Key = std::tuple<uint64_t, uint64_t, size_t, size_t, size_t, std::string, std::string>;
  std::map<Key, std::vector<uint32_t>> seen;  // earlier alone files of each key
  for (uint32_t i = 0; i < n; ++i) {
    const FileFacts& f = files[i];
    if (!f.parsed || partFiles[parts.find(i)] != 1) continue;
    std::optional<std::string> context = contextOf(f.path);
    if (!context) continue;
    Key key{f.textHash,         f.bytes,          f.vars.size(),
            f.calls.size(),     f.strings.size(), std::string(extensionOf(f.path)),
            std::move(*context)};
    auto& earlier = seen[key];
    for (uint32_t e : earlier)
      if (importsResolveAlike(files[e], e, f, i, resolver)) {
        sameAs[i] = static_cast<int>(e);
        break;
      }
    if (sameAs[i] < 0) earlier.push_back(i);
  }
  return sameAs;
}

}  // namespace

FilePartition partitionFiles(
    const std::vector<FileFacts>& files, const ModuleResolver& resolver,
    const std::function<int(const std::string&)>& realmOf, const PartitionLimits& limits,
    const std::function<std::optional<std::string>(const std::string&)>& contextOf) {
  const uint32_t n = static_cast<uint32_t>(files.size());
  uint64_t total = 0;
  for (const auto& f : files) total += f.vars.size();
  FilePartition out;
  out.sameAs.assign(n, -1);
  out.groups.resize(1);
  for (uint32_t i = 0; i < n; ++i) out.groups[0].push_back(i);
  if (n < 2 || total < limits.minSplitVars || limits.maxGroups < 2) return out;

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
    for (const auto& imp : files[i].imports) {
      if (!imp.pattern) {
        link(imp.specifier);
        continue;
      }
      for (int t : resolver.resolvePattern(files[i].path, imp.specifier))
        if (static_cast<uint32_t>(t) < n) parts.unite(i, static_cast<uint32_t>(t));
    }
    for (const auto& r : files[i].reexports) link(r.specifier);
  }
  if (limits.shareIdenticalFiles)
    out.sameAs = identicalAloneFiles(files, resolver, parts, contextOf);
  std::vector<uint64_t> size(n, 0);
  for (uint32_t i = 0; i < n; ++i) size[parts.find(i)] += files[i].vars.size() + 1;
  std::vector<uint32_t> roots;
  for (uint32_t i = 0; i < n; ++i)
    if (parts.find(i) == i && out.sameAs[i] < 0) roots.push_back(i);
  if (roots.size() < 2) {
    out.groups[0].clear();
    for (uint32_t i = 0; i < n; ++i)
      if (out.sameAs[i] < 0) out.groups[0].push_back(i);
    return out;
  }

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
  for (uint32_t i = 0; i < n; ++i)
    if (out.sameAs[i] < 0) groups[groupOfRoot[parts.find(i)]].push_back(i);
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.front() < b.front(); });
  out.groups = std::move(groups);
  return out;
}

}  // namespace fe
