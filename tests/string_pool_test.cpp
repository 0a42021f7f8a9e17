// The hash-consed string sets the solver's variables share (flow/string_pool.h).
#include "flow/string_pool.h"

#include <catch2/catch.hpp>

namespace {
fe::AbstractString exact(const std::string& text) {
  fe::AbstractString s;
  s.kind = fe::StringKind::Exact;
  s.text = text;
  return s;
}
}  // namespace

TEST_CASE("string pool: equal sets share one id", "[strings]") {
  fe::StringSetPool pool;
  uint32_t a = pool.add(fe::StringSetPool::kEmpty, exact("https://a.example/"));
  uint32_t b = pool.add(fe::StringSetPool::kEmpty, exact("https://a.example/"));
  CHECK(a == b);
  CHECK(a != fe::StringSetPool::kEmpty);
  uint32_t ab = pool.add(a, exact("https://b.example/"));
  uint32_t ba = pool.add(pool.add(fe::StringSetPool::kEmpty, exact("https://b.example/")),
                         exact("https://a.example/"));
  CHECK(ab == ba);
  CHECK(pool.get(ab).values().size() == 2);
}

TEST_CASE("string pool: join adds every value - and changes nothing when covered", "[strings]") {
  fe::StringSetPool pool;
  uint32_t a = pool.add(fe::StringSetPool::kEmpty, exact("https://a.example/x"));
  uint32_t b = pool.add(fe::StringSetPool::kEmpty, exact("https://b.example/y"));
  uint32_t ab = pool.join(a, b);
  CHECK(pool.get(ab).values().size() == 2);
  CHECK(pool.join(ab, a) == ab);
  CHECK(pool.join(ab, fe::StringSetPool::kEmpty) == ab);
  CHECK(pool.join(fe::StringSetPool::kEmpty, ab) == ab);
  CHECK(pool.join(a, b) == ab);  // memoised: same answer
}

TEST_CASE("string pool: many values widen to their common prefix", "[strings]") {
  fe::StringSetPool pool;
  uint32_t id = fe::StringSetPool::kEmpty;
  for (int i = 0; i < 20; ++i)
    id = pool.add(id, exact("https://api.example.com/v" + std::to_string(i)));
  const auto& values = pool.get(id).values();
  REQUIRE(values.size() == 1);
  CHECK(values[0].kind == fe::StringKind::Prefix);
  CHECK(values[0].text == "https://api.example.com/v");
  CHECK(pool.get(pool.collapse(id)).values().back().origin == fe::StringOrigin::Widened);
}

TEST_CASE("strings: known text after an unknown part is kept up to the next unknown part",
          "[strings]") {
  fe::AbstractString hole;  // a parameter's value
  hole.kind = fe::StringKind::Unknown;
  hole.origin = fe::StringOrigin::Parameter;
  fe::AbstractString s = fe::concatStrings(exact("https://"), hole);
  CHECK(s.kind == fe::StringKind::Prefix);
  CHECK(s.tail.empty());
  s = fe::concatStrings(fe::concatStrings(s, exact(".statuspage.io")), exact("/api"));
  CHECK(s.text == "https://");
  CHECK(s.tail == ".statuspage.io/api");
  CHECK_FALSE(s.tailClosed);
  // A second unknown part closes the tail: what follows it is not next to the first.
  s = fe::concatStrings(fe::concatStrings(s, hole), exact("/never"));
  CHECK(s.tail == ".statuspage.io/api");
  CHECK(s.tailClosed);
  // A prefix with a tail stands for fewer strings than the bare prefix: the bare one covers
  // it, not the other way round.
  fe::StringSet set;
  CHECK(set.add(s));
  fe::AbstractString bare = fe::concatStrings(exact("https://"), hole);
  CHECK(set.add(bare));
  CHECK(set.values().size() == 1);
  CHECK(set.values()[0] == bare);
  CHECK_FALSE(set.add(s));
}
