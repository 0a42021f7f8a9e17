// A vector of trivially copyable values that keeps the first few inline. Most of the
// solver's variables hold one to three objects and have one or two edges, and its
// watches copy a variable's objects before they run (the copy survives a reallocation of
// the variables): with std::vector each of those lists and copies was a malloc and a free,
// a tenth of a large scan's time. The inline room is what fits beside the size and the
// capacity in std::vector's 24 bytes, so a variable does not grow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace fe {

template <typename T, uint32_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "values are moved with memcpy");

 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;
  static constexpr uint32_t kInline = N;

  SmallVector() = default;
  SmallVector(std::initializer_list<T> ids) { assign(ids.begin(), ids.end()); }
  SmallVector(const SmallVector& o) { assign(o.begin(), o.end()); }
  SmallVector(SmallVector&& o) noexcept { take(o); }
  explicit SmallVector(const std::vector<T>& v) { assign(v.data(), v.data() + v.size()); }
  ~SmallVector() { release(); }

  SmallVector& operator=(const SmallVector& o) {
    if (this != &o) {
      size_ = 0;
      assign(o.begin(), o.end());
    }
    return *this;
  }
  SmallVector& operator=(SmallVector&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }

  T* data() { return onHeap() ? heap_ : inline_; }
  const T* data() const { return onHeap() ? heap_ : inline_; }
  iterator begin() { return data(); }
  iterator end() { return data() + size_; }
  const_iterator begin() const { return data(); }
  const_iterator end() const { return data() + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data()[i]; }
  T& operator[](size_t i) { return data()[i]; }
  const T& back() const { return data()[size_ - 1]; }

  void clear() { size_ = 0; }  // keeps the capacity
  void push_back(const T& id) {
    if (size_ == cap_) grow(size_ + 1);
    data()[size_++] = id;
  }
  iterator insert(const_iterator at, const T& id) {
    size_t k = static_cast<size_t>(at - begin());
    if (size_ == cap_) grow(size_ + 1);
    T* d = data();
    std::memmove(d + k + 1, d + k, (size_ - k) * sizeof(T));
    d[k] = id;
    ++size_;
    return d + k;
  }
  void swap(SmallVector& o) noexcept {
    SmallVector t(std::move(o));
    o = std::move(*this);
    *this = std::move(t);
  }
  std::vector<T> toVector() const { return {begin(), end()}; }

 private:
  bool onHeap() const { return cap_ > kInline; }
  void assign(const T* b, const T* e) {
    size_t n = static_cast<size_t>(e - b);
    if (n > cap_) grow(n);
    if (n) std::memcpy(data(), b, n * sizeof(T));
    size_ = static_cast<uint32_t>(n);
  }
  void grow(size_t need) {
    size_t cap = cap_ * 2;
    if (cap < need) cap = need;
    auto* mem = static_cast<T*>(std::malloc(cap * sizeof(T)));
    if (!mem) throw std::bad_alloc();
    if (size_) std::memcpy(mem, data(), size_ * sizeof(T));
    release();
    heap_ = mem;
    cap_ = static_cast<uint32_t>(cap);
  }
  void release() {
    if (onHeap()) std::free(heap_);
    cap_ = kInline;
  }
  // Leaves `o` empty and inline.
  void take(SmallVector& o) {
    size_ = o.size_;
    cap_ = o.cap_;
    if (o.onHeap())
      heap_ = o.heap_;
    else
      std::memcpy(inline_, o.inline_, size_ * sizeof(T));
    o.size_ = 0;
    o.cap_ = kInline;
  }

  union {
    T inline_[kInline];
    T* heap_;
  };
  uint32_t size_ = 0;
  uint32_t cap_ = kInline;
};

// Object ids: four inline.
using SmallIdVector = SmallVector<uint32_t, 4>;

}  // namespace fe
