// Hash-consed string sets (see string_pool.h).
#include "flow/string_pool.h"

#include <functional>
#include <string_view>

namespace fe {

namespace {
uint64_t hashSet(const StringSet& set) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  auto mix = [&](uint64_t x) { h = (h ^ x) * 0x100000001B3ull + (h >> 29); };
  for (const auto& v : set.values()) {
    mix(static_cast<uint64_t>(v.kind) << 8 | static_cast<uint64_t>(v.origin));
    mix(std::hash<std::string_view>{}(v.text));
    mix(std::hash<std::string_view>{}(v.detail));
    mix(std::hash<std::string_view>{}(v.tail) + (v.tailClosed ? 1 : 0));
  }
  return h;
}
}  // namespace

StringSetPool::StringSetPool() {
  intern(StringSet{});
}

uint32_t StringSetPool::intern(StringSet set) {
  uint64_t h = hashSet(set);
  auto [lo, hi] = byHash_.equal_range(h);
  for (auto it = lo; it != hi; ++it)
    if (sets_[it->second].values() == set.values()) return it->second;
  uint32_t id = static_cast<uint32_t>(sets_.size());
  sets_.push_back(std::move(set));
  byHash_.emplace(h, id);
  return id;
}

uint32_t StringSetPool::join(uint32_t a, uint32_t b) {
  if (a == b || b == kEmpty) return a;
  uint64_t key = static_cast<uint64_t>(a) << 32 | b;
  auto it = joins_.find(key);
  if (it != joins_.end()) return it->second;
  StringSet joined = sets_[a];
  uint32_t id = joined.addAll(sets_[b]) ? intern(std::move(joined)) : a;
  joins_.emplace(key, id);
  return id;
}

uint32_t StringSetPool::add(uint32_t a, AbstractString value) {
  if (sets_[a].covers(value)) return a;
  StringSet added = sets_[a];
  return added.add(std::move(value)) ? intern(std::move(added)) : a;
}

uint32_t StringSetPool::collapse(uint32_t a) {
  StringSet collapsed = sets_[a];
  collapsed.collapse();
  return intern(std::move(collapsed));
}

}  // namespace fe
