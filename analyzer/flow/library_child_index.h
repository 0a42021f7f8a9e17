// The solver's index from (library value, member, creating call) to the library value below
// it: `axios` and "create" to `axios.create`, or the result of one call of it.
//
// libraryChild() asks it for every member read and every callback and parameter of every
// unmodelled library call, so the lookup must not build a key string or walk a tree (it did
// both, through the ordered map that still serves the rare walks over a value's members).
// The table keeps a hash of the three and the child token; the caller confirms a candidate
// against the token itself, which holds its parent, segment and creating call.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "support/flat_set.h"
#include "support/open_table.h"

namespace fe {

class LibraryChildIndex {
 public:
  static constexpr uint32_t kMissing = ~uint32_t{0};

  static uint64_t hash(uint32_t parent, std::string_view segment, uint32_t creatorCall) {
    uint64_t h = std::hash<std::string_view>{}(segment);
    return detail::mix64(h ^ detail::mix64((static_cast<uint64_t>(parent) << 32) | creatorCall));
  }

  // The child whose hash is `h` and for which `same(token)` holds, or kMissing.
  template <class Same>
  uint32_t find(uint64_t h, Same same) const {
    const Slot* s = table_.find(h, [&](const Slot& c) { return same(c.token); });
    return s ? s->token : kMissing;
  }

  void insert(uint64_t h, uint32_t token) { table_.insert(Slot{h, token}); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t token = kMissing;  // kMissing: an empty slot
    bool empty() const { return token == kMissing; }
  };

  OpenTable<Slot> table_;
};

}  // namespace fe
