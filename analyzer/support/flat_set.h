// An open-addressing hash set of 64-bit keys (linear probing, power-of-two
// table, splitmix64 mixing). The solver's "edge already added" checks run
// millions of times; std::unordered_set allocates a node per key and chases a
// pointer per probe, this stores keys inline. One key value is reserved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fe {

namespace detail {
// splitmix64's finaliser: every input bit reaches every output bit.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
}  // namespace detail

class FlatU64Set {
 public:
  static constexpr uint64_t kEmpty = ~uint64_t{0};  // the one key that cannot be stored

  // True when the key was not there before.
  bool insert(uint64_t key) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    size_t i = slot(key);
    while (slots_[i] != kEmpty) {
      if (slots_[i] == key) return false;
      i = (i + 1) & mask_;
    }
    slots_[i] = key;
    ++size_;
    return true;
  }
  bool contains(uint64_t key) const {
    if (slots_.empty()) return false;
    size_t i = slot(key);
    while (slots_[i] != kEmpty) {
      if (slots_[i] == key) return true;
      i = (i + 1) & mask_;
    }
    return false;
  }
  size_t size() const { return size_; }
  void clear() {
    std::vector<uint64_t>().swap(slots_);
    size_ = 0;
    mask_ = 0;
  }

 private:
  size_t slot(uint64_t key) const { return static_cast<size_t>(detail::mix64(key)) & mask_; }
  void grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, kEmpty);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (uint64_t k : old)
      if (k != kEmpty) insert(k);
  }

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

// The same for pairs of 64-bit words (the solver's call and return edges: ends and label).
// A pair whose first word is all ones cannot be stored.
class FlatU128Set {
 public:
  bool insert(uint64_t a, uint64_t b) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    size_t i = slot(a, b);
    while (slots_[i].a != FlatU64Set::kEmpty) {
      if (slots_[i].a == a && slots_[i].b == b) return false;
      i = (i + 1) & mask_;
    }
    slots_[i] = {a, b};
    ++size_;
    return true;
  }
  size_t size() const { return size_; }

 private:
  struct Pair {
    uint64_t a = FlatU64Set::kEmpty, b = 0;
  };
  size_t slot(uint64_t a, uint64_t b) const {
    return static_cast<size_t>(detail::mix64(a ^ detail::mix64(b))) & mask_;
  }
  void grow() {
    std::vector<Pair> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Pair{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Pair& p : old)
      if (p.a != FlatU64Set::kEmpty) insert(p.a, p.b);
  }

  std::vector<Pair> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace fe
