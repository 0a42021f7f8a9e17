// Variables that hold more objects than FlowBudget::maxTokensPerVar hold the summary object
// instead: the scan stays complete, and what flows through a full variable is neither
// dropped nor mixed into a constant.
#include <catch2/catch.hpp>

#include "snippet_checks.h"
#include "test_support.h"

namespace {

using fe::test::dataAt;
using fe::test::hostAt;
using fe::test::lineOf;
using fe::test::scanFiles;

// `n` object literals passed through one helper, so its parameter holds them all.
std::string manyObjects(int n) {
  std::string src;
  for (int i = 0; i < n; ++i)
    src += "const o" + std::to_string(i) + " = { id: " + std::to_string(i) + " };\n";
  src += "function setUrl(o, u) { o.url = u; return o; }\n";
  for (int i = 0; i < n; ++i)
    src += "setUrl(o" + std::to_string(i) + ", 'https://api.example.com/');\n";
  return src;
}

}  // namespace

TEST_CASE("summary: a write through a full variable reaches each object it held",
          "[flow][summary]") {
  fe::ScanOptions options;
  options.budget.maxTokensPerVar = 4;
  std::string src = "import { fetch } from '@forge/api';\n" + manyObjects(12) +
                    "export const handler = async () => fetch(o11.url); // SINK\n";
  auto r = scanFiles({{"src/index.js", src}}, options);
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].incomplete.empty());
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK")) == "api.example.com");
}

TEST_CASE("summary: customer data read through a full variable keeps its category",
          "[flow][summary]") {
  fe::ScanOptions options;
  options.budget.maxTokensPerVar = 4;
  std::string src =
      "import Resolver from '@forge/resolver';\nimport { fetch } from '@forge/api';\n" +
      manyObjects(12) +
      "function send(o) { return fetch('https://api.example.com/', { body: o.text }); } // SINK\n"
      "const resolver = new Resolver();\n"
      "resolver.define('k', ({ payload }) => { o3.text = payload.text; for (const o of [o0, o1, "
      "o2, o3, o4, o5, o6]) send(o); });\n"
      "export const handler = resolver.getDefinitions();\n";
  auto r = scanFiles({{"src/index.js", src}}, options);
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].incomplete.empty());
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK")) == std::vector<std::string>{"user-input"});
}

TEST_CASE("summary: a generic helper over many objects keeps the scan complete",
          "[flow][summary]") {
  // 200 objects through one helper: the default budget summarises instead of dropping.
  std::string src = "import { fetch } from '@forge/api';\n" + manyObjects(200) +
                    "export const handler = async () => fetch(o150.url); // SINK\n";
  auto r = scanFiles({{"src/index.js", src}});
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].incomplete.empty());
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK")) == "api.example.com");
}

TEST_CASE("summary: fields that existed before their objects were summarised are shared",
          "[flow][summary]") {
  // o8..o11 do not fit in touch's parameter: their `text` fields become the summary's, so
  // customer data stored into o10.text is read back from o11.text, and the witness path still
  // reaches the source through the shared field.
  fe::ScanOptions options;
  options.budget.maxTokensPerVar = 8;
  std::string src =
      "import Resolver from '@forge/resolver';\nimport { fetch } from '@forge/api';\n";
  for (int i = 0; i < 12; ++i) src += "const o" + std::to_string(i) + " = { text: '' };\n";
  src += "function touch(o) { return o; }\n";
  for (int i = 0; i < 12; ++i) src += "touch(o" + std::to_string(i) + ");\n";
  src +=
      "const resolver = new Resolver();\n"
      "resolver.define('k', ({ payload }) => { o10.text = payload.text; });\n"
      "resolver.define('s', () => fetch('https://api.example.com/', { body: o11.text })); // SINK\n"
      "export const handler = resolver.getDefinitions();\n";
  auto r = scanFiles({{"src/index.js", src}}, options);
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].incomplete.empty());
  int line = lineOf(src, "SINK");
  CHECK(dataAt(r, "src/index.js", line) == std::vector<std::string>{"user-input"});
  const fe::EgressSite* site = fe::test::egressAt(r, "src/index.js", line);
  REQUIRE(site != nullptr);
  bool reachesSource = false;
  for (const auto& step : site->path)
    reachesSource = reachesSource || step.label.rfind("source:", 0) == 0;
  CHECK(reachesSource);
}
