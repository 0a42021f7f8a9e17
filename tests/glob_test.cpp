// Path globs used by `ignore` settings.
#include "support/glob.h"

#include <catch2/catch.hpp>

using fe::globMatch;
using fe::pathIgnored;

TEST_CASE("glob: star stays inside one segment") {
  CHECK(globMatch("src/*.js", "src/a.js"));
  CHECK_FALSE(globMatch("src/*.js", "src/lib/a.js"));
}

TEST_CASE("glob: double star crosses segments and matches zero folders") {
  CHECK(globMatch("src/**/*.js", "src/lib/deep/a.js"));
  CHECK(globMatch("src/**/*.js", "src/a.js"));
  CHECK(globMatch("**/test/**", "a/test/b.js"));
}

TEST_CASE("glob: question mark is one character - not a slash") {
  CHECK(globMatch("a?c", "abc"));
  CHECK_FALSE(globMatch("a?c", "a/c"));
}

TEST_CASE("ignore: folder patterns and bare names") {
  CHECK(pathIgnored("vendor", "src/vendor/x.js"));
  CHECK(pathIgnored("test/", "test/a.js"));
  CHECK(pathIgnored("*.spec.ts", "src/a.spec.ts"));
  CHECK_FALSE(pathIgnored("src/gen", "src/generated/x.js"));
}

TEST_CASE("glob: long hostile patterns stay polynomial") {
  std::string p(200, '*');
  p += "b";
  std::string s(5000, 'a');
  CHECK_FALSE(globMatch(p, s));
}
