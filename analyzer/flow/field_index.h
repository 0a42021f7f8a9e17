// The solver's index from (object token, field name) to the field's variable.
//
// Each token keeps its fields in a std::map by name, which gives the deterministic
// name order every walk over an object's fields relies on. Looking a field up there
// costs log2(n) node visits, each a pointer chased and a string compared; the
// namespace objects of bundled compilers and SDKs have thousands of fields, and
// every load and store through them asks. This table answers the same question with
// one hash of the name and, as a rule, one probe. It stores a pointer to the name
// held by the map's node: map nodes never move and fields are never removed, so the
// pointer lives as long as the solver.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "support/flat_set.h"
#include "support/open_table.h"

namespace fe {

class FieldIndex {
 public:
  static constexpr uint32_t kMissing = ~uint32_t{0};

  static uint64_t hashName(std::string_view name) { return std::hash<std::string_view>{}(name); }

  // The variable of `name` on `token`, or kMissing; `hash` is hashName(name).
  uint32_t find(uint32_t token, std::string_view name, uint64_t hash) const {
    const Slot* s = table_.find(keyHash(token, hash),
                                [&](const Slot& c) { return c.token == token && *c.name == name; });
    return s ? s->var : kMissing;
  }

  // `name` must outlive the index (the token's map node holds it). Not yet present.
  void insert(uint32_t token, const std::string* name, uint64_t hash, uint32_t var) {
    table_.insert(Slot{name, keyHash(token, hash), token, var});
  }

 private:
  struct Slot {
    const std::string* name = nullptr;  // null: an empty slot
    uint64_t hash = 0;                  // of the token and the name
    uint32_t token = 0;
    uint32_t var = 0;
    bool empty() const { return name == nullptr; }
  };

  static uint64_t keyHash(uint32_t token, uint64_t nameHash) {
    return detail::mix64(nameHash ^ (static_cast<uint64_t>(token) * 0x9e3779b97f4a7c15ull));
  }

  OpenTable<Slot> table_;
};

}  // namespace fe
