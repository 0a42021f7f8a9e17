// The digest that decides which files of a large app share one solve (support/text_digest.h).
#include "support/text_digest.h"

#include <catch2/catch.hpp>
#include <string>

TEST_CASE("text digest: equal texts agree and near texts differ", "[support]") {
  const std::string text = "fetch('https://api.example.com/' + id, { method: 'POST' });\n";
  CHECK(fe::textDigest(text) == fe::textDigest(std::string(text)));
  std::string oneByte = text;
  oneByte[20] = 'X';
  CHECK(fe::textDigest(oneByte) != fe::textDigest(text));
  // Lengths that are and are not multiples of the seven-byte word; trailing zero bytes.
  CHECK(fe::textDigest(text + std::string(1, '\0')) != fe::textDigest(text));
  CHECK(fe::textDigest(std::string(7, '\0')) != fe::textDigest(std::string(14, '\0')));
  CHECK(fe::textDigest("") != fe::textDigest(std::string(1, '\0')));
  // Swapped words: a polynomial, not a sum.
  CHECK(fe::textDigest("aaaaaaabbbbbbb") != fe::textDigest("bbbbbbbaaaaaaa"));
}
