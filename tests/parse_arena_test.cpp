// The parse arena (parse/parse_arena.h): tree-sitter's memory for one file is
// released at once and reused by the next file on the thread, and what a file
// yields does not depend on what the thread parsed before.
#include "parse/parse_arena.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <thread>

#include "parse/html_resources.h"
#include "parse/source_parser.h"

// The allocator tree-sitter calls (lib/src/alloc.h), to test it directly.
extern "C" {
extern void* (*ts_current_malloc)(size_t);
extern void* (*ts_current_calloc)(size_t, size_t);
extern void* (*ts_current_realloc)(void*, size_t);
extern void (*ts_current_free)(void*);
}

namespace {

// A module of `count` functions, each building a URL and posting a payload:
// many nodes, strings, calls and properties per byte.
std::string bigModule(int count) {
  std::string s = "const base = 'https://api.example.com';\n";
  for (int i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    s += "export async function send" + n + "(payload, issue) {\n" +
         "  const body = { key: issue.key, items: [payload.a" + n + ", `" + n +
         "-${issue.id}`] };\n" + "  return fetch(base + '/v" + n +
         "', { method: 'POST', body: JSON.stringify(body) });\n}\n";
  }
  return s;
}

fe::FileFacts parse(const std::string& path, const std::string& source) {
  fe::FileFacts facts;
  facts.path = path;
  facts.side = fe::SourceSide::Backend;
  fe::parseSourceFile(source, fe::ParseOptions{}, facts);
  return facts;
}

// The parts of a file's facts that the analysis reads, in a comparable form.
std::string summary(const fe::FileFacts& f) {
  std::string s = std::to_string(f.vars.size()) + " vars, " + std::to_string(f.calls.size()) +
                  " calls, " + std::to_string(f.diagnostics.size()) + " diagnostics;";
  for (const auto& str : f.strings) s += " " + str.text;
  for (const auto& c : f.calls) s += " " + c.calleeText + "@" + std::to_string(c.site.line);
  for (const auto& l : f.loads) s += " ." + l.name;
  return s;
}

}  // namespace

TEST_CASE("a file parses to the same facts whatever the thread parsed before", "[arena]") {
  std::string big = bigModule(3000);  // about 0.6 MB: several arena chunks
  std::string small =
      "export const handler = async (req) => fetch(`https://x.example.com/${req.id}`);";
  std::string broken = "function f( { fetch('https://y.example.com' + ;\n}";
  std::thread([&] {
    std::string first = summary(parse("big.js", big));
    std::string smallFirst = summary(parse("small.js", small));
    std::string brokenFirst = summary(parse("broken.js", broken));
    CHECK(first.find("fetch@4") != std::string::npos);
    CHECK(brokenFirst.find("diagnostics") != std::string::npos);
    // The same files again, in another order, on memory the earlier trees used.
    CHECK(summary(parse("broken.js", broken)) == brokenFirst);
    CHECK(summary(parse("big.js", big)) == first);
    CHECK(summary(parse("small.js", small)) == smallFirst);
    CHECK(summary(parse("big.js", big)) == first);
  }).join();
}

TEST_CASE("the arena's pages are reused by the next file - not mapped again", "[arena]") {
  std::string big = bigModule(3000);
  fe::releaseParseArenaPool();  // what earlier tests left
  std::thread([&] {
    CHECK(fe::parseArenaMappedBytes() == 0);  // a new thread has none
    parse("big.js", big);
    size_t mapped = fe::parseArenaMappedBytes();
    CHECK(mapped > 0);
    for (int i = 0; i < 3; ++i) parse("big.js", big);
    CHECK(fe::parseArenaMappedBytes() == mapped);
  }).join();
}

TEST_CASE("a large file's pages serve the next large file on another thread", "[arena]") {
  std::string big = bigModule(3000);
  fe::releaseParseArenaPool();
  size_t afterFirst = 0;
  std::string first;
  std::thread([&] {
    first = summary(parse("big.js", big));
    afterFirst = fe::parseArenaMappedBytes();  // the thread's first chunk and the pooled rest
  }).join();
  CHECK(afterFirst > size_t{4} << 20);  // more than the first chunk: some went to the pool
  std::thread([&] {
    // A fresh thread maps its own first chunk and takes the rest from the pool.
    CHECK(summary(parse("big.js", big)) == first);
    CHECK(fe::parseArenaMappedBytes() == afterFirst);
  }).join();
  fe::releaseParseArenaPool();
  std::thread([] { CHECK(fe::parseArenaMappedBytes() == 0); }).join();
}

TEST_CASE("outside a parse - tree-sitter's memory is malloc's as before", "[arena]") {
  // Custom UI pages are read with tree-sitter's HTML grammar outside any parse scope.
  std::thread([] {
    fe::HtmlPage page = fe::readHtmlPage(
        "<html><script "
        "src=\"https://cdn.example.com/a.js\"></script><script>fetch('/x')</script></html>");
    CHECK(page.resources.size() == 1);
    CHECK(page.script.find("fetch") != std::string::npos);
    CHECK(fe::parseArenaMappedBytes() == 0);
  }).join();
  std::thread([] {
    fe::ParseArenaScope outer;
    {
      fe::ParseArenaScope inner;  // nested: only the outermost end releases
    }
    CHECK(summary(parse("a.js", "fetch('https://a.example.com')")).find("fetch@1") !=
          std::string::npos);
  }).join();
}

TEST_CASE("inside a parse: calloc zeroes reused memory - realloc keeps what it moves", "[arena]") {
  std::thread([] {
    fe::ParseArenaScope scope;
    auto bytes = [](void* p) { return static_cast<unsigned char*>(p); };
    void* a = ts_current_malloc(1000);
    std::memset(a, 0xab, 1000);
    ts_current_free(a);  // the newest block: its room is given back
    void* b = ts_current_calloc(10, 100);
    CHECK(b == a);
    bool zero = true;
    for (int i = 0; i < 1000; ++i) zero = zero && bytes(b)[i] == 0;
    CHECK(zero);
    std::memset(b, 7, 1000);
    void* c = ts_current_malloc(64);  // b is no longer the newest: realloc moves it
    void* d = ts_current_realloc(b, 100000);
    CHECK(d != b);
    bool kept = true;
    for (int i = 0; i < 1000; ++i) kept = kept && bytes(d)[i] == 7;
    CHECK(kept);
    void* e = ts_current_realloc(d, 200000);  // the newest: grows in place
    CHECK(e == d);
    void* big = ts_current_malloc(size_t{64} << 20);  // larger than any chunk so far
    REQUIRE(big != nullptr);
    bytes(big)[(size_t{64} << 20) - 1] = 1;
    ts_current_free(big);
    ts_current_free(c);
    ts_current_free(e);
  }).join();
}
