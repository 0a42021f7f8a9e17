// RFC 3492 Punycode, the WebAssembly build's stand-in for libidn2 (support/idna.h).
#include <catch2/catch.hpp>

#include "support/idna.h"

using fe::punycodeEncode;

TEST_CASE("Punycode encodes labels as RFC 3492 and Node do", "[url][punycode]") {
  CHECK(punycodeEncode("bücher") == "bcher-kva");
  CHECK(punycodeEncode("münchen") == "mnchen-3ya");
  CHECK(punycodeEncode("例え") == "r8jz45g");
  // RFC 3492 section 7.1, sample (A): Arabic (Egyptian).
  CHECK(punycodeEncode("ليهمابتكلموشعربي؟") == "egbpdaj6bu4bxfgehfvwxn");
  CHECK(punycodeEncode("abc") == "abc-");
}

TEST_CASE("Punycode rejects text that is not UTF-8", "[url][punycode]") {
  CHECK_FALSE(punycodeEncode("\xff").has_value());
  CHECK_FALSE(punycodeEncode("b\xc3").has_value());
  CHECK_FALSE(punycodeEncode("\xc3\x28").has_value());
}

TEST_CASE("libidn2 and the built-in Punycode agree on lowercase hosts", "[url][punycode]") {
  // What the native build computes through UTS #46 equals the plain encoding for
  // labels that need no mapping.
  for (const char* label : {"bücher", "münchen", "例え"}) {
    auto full = fe::domainToAscii(std::string(label) + ".example");
    REQUIRE(full.has_value());
    CHECK(*full == "xn--" + *punycodeEncode(label) + ".example");
  }
}
