// Versioned bindings of the fact extractor (analyzer/index/versioned_bindings.cpp),
// observed through a scan: each test writes a small resolver, and pins down the
// data categories of the egress call on a marked line. A local variable gets a
// new version at each assignment and a phi version where branches meet; a write
// from a closure goes to the variable's summary, which every version sees;
// declarations are hoisted; for…in/for…of heads declare what their keyword says.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "snippet_checks.h"
#include "test_support.h"

namespace {

using fe::test::checkSink;
using fe::test::lineOf;
using fe::test::scanFiles;
using Data = std::vector<std::string>;

const Data kNone{};

// A resolver module: `body` goes between the Resolver setup and the export.
std::string resolverModule(const std::string& body) {
  return "import Resolver from '@forge/resolver';\n"
         "const resolver = new Resolver();\n" +
         body + "export const handler = resolver.getDefinitions();\n";
}

void checkData(const fe::ScanResult& r, const std::string& src, const std::string& marker,
               const Data& data) {
  INFO("sink " << marker);
  checkSink(r, "src/index.js", lineOf(src, marker), "api.example.com", "literal", data);
}

}  // namespace

TEST_CASE("bindings: a let overwritten with a constant no longer carries data", "[bindings]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  let body = payload.text;
  await fetch('https://api.example.com/a', { method: 'POST', body }); // SINK_BEFORE
  body = 'reset';
  await fetch('https://api.example.com/b', { method: 'POST', body }); // SINK_AFTER
  let both = payload.text;
  if (payload.flag) { both = 'x'; } else { both = 'y'; }
  await fetch('https://api.example.com/c', { method: 'POST', body: both }); // SINK_BOTH_BRANCHES
  let one = payload.text;
  if (payload.flag) { one = 'x'; }
  await fetch('https://api.example.com/d', { method: 'POST', body: one }); // SINK_ONE_BRANCH
  let maybe = payload.text;
  for (const item of payload.items) { maybe = 'x'; }
  await fetch('https://api.example.com/e', { method: 'POST', body: maybe }); // SINK_LOOP
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkData(r, src, "SINK_BEFORE", {"user-input"});
  checkData(r, src, "SINK_AFTER", kNone);
  // Both branches overwrite: the phi version holds only the two constants.
  checkData(r, src, "SINK_BOTH_BRANCHES", kNone);
  // One branch overwrites: the phi also holds the version from before the `if`.
  checkData(r, src, "SINK_ONE_BRANCH", {"user-input"});
  // A loop body may not run: after the loop the variable may still hold its data.
  checkData(r, src, "SINK_LOOP", {"user-input"});
}

TEST_CASE("bindings: a closure's write reaches the reader through the summary", "[bindings]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  let body = 'none';
  const capture = () => { body = payload.text; };
  capture();
  await fetch('https://api.example.com/a', { method: 'POST', body }); // SINK_AFTER_CALL
  let token = 'none';
  const set = () => { token = payload.token; };
  const send = () => fetch('https://api.example.com/b', { method: 'POST', body: token }); // SINK_OTHER_CLOSURE
  set();
  await send();
  let untouched = 'none';
  const look = () => untouched.length;
  look();
  await fetch('https://api.example.com/c', { method: 'POST', body: untouched }); // SINK_READ_ONLY
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkData(r, src, "SINK_AFTER_CALL", {"user-input"});
  checkData(r, src, "SINK_OTHER_CLOSURE", {"user-input"});
  // A closure that only reads the variable adds nothing to it.
  checkData(r, src, "SINK_READ_ONLY", kNone);
}

TEST_CASE("bindings: const - let and var declared in for-of heads", "[bindings]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  for (const a of payload.items) {
    await fetch('https://api.example.com/a', { method: 'POST', body: a }); // SINK_CONST
  }
  for (let b of payload.items) {
    await fetch('https://api.example.com/b', { method: 'POST', body: b }); // SINK_LET
  }
  for (var c of payload.items) {
    await fetch('https://api.example.com/c', { method: 'POST', body: c }); // SINK_VAR
  }
  await fetch('https://api.example.com/d', { method: 'POST', body: c }); // SINK_VAR_AFTER
  for (
    let e of payload.items
  ) {}
  await fetch('https://api.example.com/e', { method: 'POST', body: e }); // SINK_LET_AFTER
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkData(r, src, "SINK_CONST", {"user-input"});
  checkData(r, src, "SINK_LET", {"user-input"});
  checkData(r, src, "SINK_VAR", {"user-input"});
  // `var` belongs to the function: after the loop it holds what the loop left in it.
  checkData(r, src, "SINK_VAR_AFTER", {"user-input"});
  // `let` belongs to the loop, wherever the keyword sits in the head: the `e` after the
  // loop is another (global) variable that holds nothing.
  checkData(r, src, "SINK_LET_AFTER", kNone);
}

TEST_CASE("bindings: a hoisted function declaration is callable before its definition",
          "[bindings]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  const alias = send;
  await alias(payload.text);
  async function send(body) {
    await fetch('https://api.example.com/a', { method: 'POST', body }); // SINK_LOCAL
  }
});
resolver.define('t', async ({ payload }) => post(payload.text));
async function post(body) {
  await fetch('https://api.example.com/b', { method: 'POST', body }); // SINK_TOP_LEVEL
}
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkData(r, src, "SINK_LOCAL", {"user-input"});
  checkData(r, src, "SINK_TOP_LEVEL", {"user-input"});
}
