// Hash-consed string sets. The solver's variables hold an id into one pool
// instead of a StringSet of their own: the same few sets flow through most of
// a program, so equal sets are stored once, comparing two sets is comparing
// two ids, and the union of two sets is computed once and then looked up.
// On library code this took string propagation from half of the solver's
// instructions to a few percent, and most of its memory with it.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "flow/abstract_string.h"

namespace fe {

class StringSetPool {
 public:
  static constexpr uint32_t kEmpty = 0;

  StringSetPool();
  const StringSet& get(uint32_t id) const { return sets_[id]; }
  // The id of `set`: an existing one when an equal set is already pooled.
  uint32_t intern(StringSet set);
  // The id of the set `a` with every value of `b` added (memoised).
  uint32_t join(uint32_t a, uint32_t b);
  // The id of the set `a` with `value` added.
  uint32_t add(uint32_t a, AbstractString value);
  // The id of the collapsed form of `a` (see StringSet::collapse).
  uint32_t collapse(uint32_t a);
  size_t size() const { return sets_.size(); }

 private:
  std::vector<StringSet> sets_;
  std::unordered_multimap<uint64_t, uint32_t> byHash_;
  std::unordered_map<uint64_t, uint32_t> joins_;
};

}  // namespace fe
