// The solver's index from (object token, field name) to the field's variable.
//
// Each token keeps its fields in a std::map by name, which gives the deterministic
// name order every walk over an object's fields relies on. Looking a field up there
// costs log2(n) node visits, each a pointer chased and a string compared; the
// namespace objects of bundled compilers and SDKs have thousands of fields, and
// every load and store through them asks. This open-addressing table answers the
// same question with one hash of the name and, as a rule, one probe. It stores a
// pointer to the name held by the map's node: map nodes never move and fields are
// never removed, so the pointer lives as long as the solver.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "support/flat_set.h"

namespace fe {

class FieldIndex {
 public:
  static constexpr uint32_t kMissing = ~uint32_t{0};

  static uint64_t hashName(std::string_view name) { return std::hash<std::string_view>{}(name); }

  // The variable of `name` on `token`, or kMissing; `hash` is hashName(name).
  uint32_t find(uint32_t token, std::string_view name, uint64_t hash) const {
    if (slots_.empty()) return kMissing;
    uint64_t h = keyHash(token, hash);
    for (size_t i = h & mask_; slots_[i].name; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.hash == h && s.token == token && *s.name == name) return s.var;
    }
    return kMissing;
  }

  // `name` must outlive the index (the token's map node holds it). Not yet present.
  void insert(uint32_t token, const std::string* name, uint64_t hash, uint32_t var) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    place(Slot{name, keyHash(token, hash), token, var});
    ++size_;
  }

 private:
  struct Slot {
    const std::string* name = nullptr;  // null: an empty slot
    uint64_t hash = 0;                  // of the token and the name
    uint32_t token = 0;
    uint32_t var = 0;
  };

  static uint64_t keyHash(uint32_t token, uint64_t nameHash) {
    return detail::mix64(nameHash ^ (static_cast<uint64_t>(token) * 0x9e3779b97f4a7c15ull));
  }
  void place(const Slot& s) {
    size_t i = s.hash & mask_;
    while (slots_[i].name) i = (i + 1) & mask_;
    slots_[i] = s;
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (s.name) place(s);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace fe
