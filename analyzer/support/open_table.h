// An open-addressing hash table of slots that carry their own hash (linear probing,
// power-of-two size, three quarters full at most). The caller hashes its key and confirms a
// candidate with a predicate, so the key itself can live elsewhere (a name in a map node, a
// token's own fields) and a slot stays a few words. A Slot has a `uint64_t hash` and an
// `empty()` that a default-constructed Slot satisfies. Nothing is ever removed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fe {

template <class Slot>
class OpenTable {
 public:
  // The slot of hash `h` for which `same(slot)` holds, or null.
  template <class Same>
  const Slot* find(uint64_t h, Same same) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = h & mask_; !slots_[i].empty(); i = (i + 1) & mask_)
      if (slots_[i].hash == h && same(slots_[i])) return &slots_[i];
    return nullptr;
  }

  // A slot that is not in the table yet.
  void insert(const Slot& s) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    place(s);
    ++size_;
  }

 private:
  void place(const Slot& s) {
    size_t i = s.hash & mask_;
    while (!slots_[i].empty()) i = (i + 1) & mask_;
    slots_[i] = s;
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (!s.empty()) place(s);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace fe
