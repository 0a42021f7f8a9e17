// A digest of a file's text that tells two different texts apart even when someone wrote
// them to collide: a polynomial over 61-bit words modulo the prime 2^61 - 1, at a point
// drawn at random once per process. For any two different texts of n words, the chance
// that they get one digest is at most n / 2^61 (Schwartz–Zippel), whatever their author
// knew, because the point is not known when the texts are written. Equal texts always get
// equal digests, so what the scan shares between identical files stays deterministic.
#pragma once

#include <cstdint>
#include <string_view>

namespace fe {

uint64_t textDigest(std::string_view text);

}  // namespace fe
