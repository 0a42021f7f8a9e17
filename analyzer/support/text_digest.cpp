// Keyed text digest (see text_digest.h).
#include "support/text_digest.h"

#include <cstring>
#include <random>

namespace fe {

namespace {

constexpr uint64_t kPrime = (uint64_t{1} << 61) - 1;

uint64_t mulMod(uint64_t a, uint64_t b) {
  unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  uint64_t lo = static_cast<uint64_t>(p) & kPrime;
  uint64_t hi = static_cast<uint64_t>(p >> 61);
  uint64_t r = lo + hi;
  return r >= kPrime ? r - kPrime : r;
}

uint64_t randomPoint() {
  std::random_device device;
  uint64_t x = (uint64_t{device()} << 32) ^ device();
  return 2 + x % (kPrime - 3);  // neither 0 nor 1: every word counts
}

}  // namespace

uint64_t textDigest(std::string_view text) {
  static const uint64_t point = randomPoint();
  // Seven bytes a word (below 2^56 < 2^61), the length first so that texts that differ
  // only by trailing zero bytes differ.
  uint64_t h = text.size() % kPrime;
  size_t i = 0;
  for (; i + 7 <= text.size(); i += 7) {
    uint64_t w = 0;
    std::memcpy(&w, text.data() + i, 7);
    h = mulMod(h, point) + w;
    if (h >= kPrime) h -= kPrime;
  }
  uint64_t w = 0;
  std::memcpy(&w, text.data() + i, text.size() - i);
  h = mulMod(h, point) + w;
  return h >= kPrime ? h - kPrime : h;
}

}  // namespace fe
