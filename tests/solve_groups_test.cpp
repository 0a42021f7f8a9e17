// Large apps are solved in independent groups (flow/partition.h, pipeline/solve_app.h):
// files no import connects and no page loads together. These tests force the split on
// small apps (PartitionLimits::minSplitVars = 0) and check that the groups are the ones
// the imports and pages make, and that the results are those of one whole-app solve.
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>

#include "flow/partition.h"
#include "snippet_checks.h"
#include "test_support.h"

namespace {

using fe::test::dataAt;
using fe::test::hostAt;
using fe::test::lineOf;
using fe::test::scanFiles;

fe::FileFacts fileWith(const std::string& path, size_t vars,
                       const std::vector<std::string>& imports = {}) {
  fe::FileFacts f;
  f.path = path;
  f.parsed = true;
  f.textHash = vars;  // the tests' files of one size have one text
  f.bytes = vars * 10;
  f.vars.resize(vars);
  for (const auto& spec : imports) {
    fe::ImportFact imp;
    imp.target = 0;
    imp.specifier = spec;
    imp.kind = fe::ImportKind::Require;
    f.imports.push_back(imp);
  }
  return f;
}

fe::FilePartition partitionOf(
    const std::vector<fe::FileFacts>& files, fe::PartitionLimits limits,
    std::function<int(const std::string&)> realmOf = {},
    std::function<std::optional<std::string>(const std::string&)> contextOf = {}) {
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  fe::ModuleResolver resolver(paths, [](const std::string&, std::string&) { return false; });
  return fe::partitionFiles(files, resolver, realmOf, limits, contextOf);
}

std::vector<std::vector<uint32_t>> partition(const std::vector<fe::FileFacts>& files,
                                             fe::PartitionLimits limits,
                                             std::function<int(const std::string&)> realmOf = {}) {
  return partitionOf(files, limits, realmOf).groups;
}

fe::ScanOptions splitEverything() {
  fe::ScanOptions options;
  options.partition.minSplitVars = 0;
  options.jobs = 2;
  return options;
}

// Egress sites as comparable text: file, line, api, host and data.
std::vector<std::string> egressSummary(const fe::ScanResult& r) {
  std::vector<std::string> out;
  for (const auto& app : r.apps)
    for (const auto& e : app.verdict.egress) {
      std::string line =
          e.file + ":" + std::to_string(e.site.line) + " " + e.api + " " + (e.host ? *e.host : "?");
      for (const auto& d : fe::categoryNames(e.data)) line += " " + d;
      out.push_back(line);
    }
  return out;
}

// Everything a scan reports about its files, as comparable text: egress sites with their
// witness steps, diagnostics and the reasons a verdict is incomplete.
std::vector<std::string> fullSummary(const fe::ScanResult& r) {
  std::vector<std::string> out = egressSummary(r);
  for (const auto& app : r.apps) {
    for (const auto& e : app.verdict.egress)
      for (const auto& step : e.path)
        out.push_back("  " + step.file + ":" + std::to_string(step.line) + " " + step.label);
    for (const auto& why : app.incomplete) out.push_back("incomplete: " + why);
  }
  for (const auto& d : r.diagnostics)
    out.push_back(d.file + ":" + std::to_string(d.line) + " " + d.code + " " + d.message);
  return out;
}

}  // namespace

TEST_CASE("partition: a small app is one group", "[flow][partition]") {
  std::vector<fe::FileFacts> files{fileWith("src/a.js", 10), fileWith("src/b.js", 10)};
  auto groups = partition(files, fe::PartitionLimits{});
  REQUIRE(groups.size() == 1);
  CHECK(groups[0] == std::vector<uint32_t>{0, 1});
}

TEST_CASE("partition: imports and pages join files - in either direction", "[flow][partition]") {
  std::vector<fe::FileFacts> files{
      fileWith("src/index.js", 10, {"./lib"}),   // 0, imports 2
      fileWith("src/lib.js", 10),                // 1, alone
      fileWith("src/lib/index.js", 10),          // 2
      fileWith("src/tool.js", 10, {"./index"}),  // 3, imports 0
      fileWith("static/ui/a.js", 10),            // 4, page
      fileWith("static/ui/b.js", 10),            // 5, page
  };
  fe::PartitionLimits limits;
  limits.minSplitVars = 0;
  auto groups = partition(files, limits, [](const std::string& path) {
    return path.rfind("static/ui/", 0) == 0 ? 0 : -1;
  });
  // `./lib` is src/lib.js (a file before a folder), so index.js, lib.js and tool.js meet.
  REQUIRE(groups.size() == 3);
  CHECK(groups[0] == std::vector<uint32_t>{0, 1, 3});
  CHECK(groups[1] == std::vector<uint32_t>{2});
  CHECK(groups[2] == std::vector<uint32_t>{4, 5});
}

TEST_CASE("partition: parts are packed largest first into at most maxGroups groups",
          "[flow][partition]") {
  std::vector<fe::FileFacts> files{fileWith("a.js", 100), fileWith("b.js", 60),
                                   fileWith("c.js", 50), fileWith("d.js", 10)};
  fe::PartitionLimits limits;
  limits.minSplitVars = 0;
  limits.maxGroups = 2;
  auto groups = partition(files, limits);
  // a (101), then b (61) into the other group, c (51) beside b, d (11) beside a: 112 each.
  REQUIRE(groups.size() == 2);
  CHECK(groups[0] == std::vector<uint32_t>{0, 3});
  CHECK(groups[1] == std::vector<uint32_t>{1, 2});
}

TEST_CASE("solve groups: results are those of one whole-app solve", "[flow][partition]") {
  const std::string index =
      "import Resolver from '@forge/resolver';\n"
      "import { send } from './lib/send';\n"
      "const resolver = new Resolver();\n"
      "resolver.define('k', async ({ payload }) => send(payload.text));\n"
      "export const handler = resolver.getDefinitions();\n";
  const std::string send =
      "import { fetch } from '@forge/api';\n"
      "const base = 'https://api.vendor.example';\n"
      "export const send = (body) => fetch(base + '/v1', { method: 'POST', body }); // SINK\n";
  const std::string vendored =
      "const cdn = 'https://cdn.tools.example/';\n"
      "export function ping(x) { return fetch(cdn + x); } // SINK\n";
  std::map<std::string, std::string> app{{"manifest.yml", fe::test::manifestFor()},
                                         {"src/index.js", index},
                                         {"src/lib/send.js", send},
                                         {"src/vendor/tool.js", vendored}};
  auto whole = scanFiles(app);
  auto split = scanFiles(app, splitEverything());
  REQUIRE(whole.apps.size() == 1);
  REQUIRE(split.apps.size() == 1);
  CHECK(whole.apps[0].stats.groups == 1);
  // The handler with what it imports, the vendored file, the resource's frontend file.
  CHECK(split.apps[0].stats.groups == 3);
  CHECK(egressSummary(split) == egressSummary(whole));
  CHECK(hostAt(split, "src/lib/send.js", lineOf(send, "SINK")) == "api.vendor.example");
  CHECK(dataAt(split, "src/lib/send.js", lineOf(send, "SINK")) ==
        std::vector<std::string>{"user-input"});
  CHECK(hostAt(split, "src/vendor/tool.js", lineOf(vendored, "SINK")) == "cdn.tools.example");
  CHECK(split.apps[0].incomplete.empty());
  // The handler's file is in one group: no group says it is missing.
  for (const auto& d : split.diagnostics) CHECK(d.code != "handler-missing");
}

TEST_CASE("solve groups: scripts of one Custom UI page share their globals", "[flow][partition]") {
  const std::string manifest =
      "modules:\n  jira:issuePanel:\n    - key: p\n      resource: ui\n      title: P\n"
      "resources:\n  - key: ui\n    path: static/ui/build\n"
      "app:\n  id: ari:cloud:ecosystem::app/x\n  runtime:\n    name: nodejs22.x\n";
  const std::string config = "window.appConfig = { api: 'https://page.example.org/collect' };\n";
  const std::string main =
      "const title = document.title;\n"
      "fetch(window.appConfig.api, { method: 'POST', body: title }); // SINK\n";
  std::map<std::string, std::string> app{{"manifest.yml", manifest},
                                         {"static/ui/build/index.html",
                                          "<html><script src=\"config.js\"></script>"
                                          "<script src=\"main.js\"></script></html>\n"},
                                         {"static/ui/build/config.js", config},
                                         {"static/ui/build/main.js", main}};
  auto whole = scanFiles(app);
  auto split = scanFiles(app, splitEverything());
  CHECK(split.apps[0].stats.groups == 1);  // one page: one realm
  CHECK(egressSummary(split) == egressSummary(whole));
  CHECK(hostAt(split, "static/ui/build/main.js", lineOf(main, "SINK")) == "page.example.org");
}

TEST_CASE("solve groups: the same output with one thread and two", "[flow][partition]") {
  std::map<std::string, std::string> app{
      {"manifest.yml", fe::test::manifestFor()},
      {"src/index.js",
       "import { fetch } from '@forge/api';\n"
       "export const handler = () => fetch('https://a.example/');\n"}};
  for (int i = 0; i < 6; ++i)
    app["src/pkg" + std::to_string(i) + "/main.js"] =
        "module.exports = (x) => fetch('https://p" + std::to_string(i) + ".example/' + x);\n";
  fe::ScanOptions one = splitEverything();
  one.jobs = 1;
  auto a = scanFiles(app, one);
  auto b = scanFiles(app, splitEverything());
  CHECK(a.apps[0].stats.groups == 8);  // index.js, six packages, the resource's file
  CHECK(egressSummary(a) == egressSummary(b));
  CHECK(egressSummary(a).size() == 7);
}

TEST_CASE("solve groups: a group that spends its share gets what the others left",
          "[flow][partition]") {
  // A small file with a knot of flows beside a large file of constants: by variables the
  // knot's share of the budget is small, but the app as a whole has room for it.
  std::string knot = "import { fetch } from '@forge/api';\n";
  for (int i = 0; i < 30; ++i)
    knot += "const o" + std::to_string(i) + " = { id: " + std::to_string(i) + " };\n";
  knot += "function setUrl(o, u) { o.url = u; o.next = o; return o; }\n";
  for (int i = 0; i < 30; ++i)
    knot += "setUrl(o" + std::to_string(i) + ", 'https://api.example.com/');\n";
  knot += "export const handler = async () => fetch(o29.url); // SINK\n";
  std::string constants;
  for (int i = 0; i < 3000; ++i)
    constants += "export const c" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
  std::map<std::string, std::string> app{{"manifest.yml", fe::test::manifestFor("function")},
                                         {"src/index.js", knot},
                                         {"src/constants.js", constants}};
  fe::ScanOptions whole;
  auto one = scanFiles(app, whole);
  REQUIRE(one.apps.size() == 1);
  uint64_t needed = one.apps[0].stats.steps;
  // Enough for one solve of the app, far more than the knot's share by variables.
  fe::ScanOptions split = splitEverything();
  split.budget.maxSteps = needed + needed / 2;
  auto r = scanFiles(app, split);
  CHECK(r.apps[0].stats.groups == 2);
  CHECK(r.apps[0].incomplete.empty());
  CHECK(hostAt(r, "src/index.js", lineOf(knot, "SINK")) == "api.example.com");
  // With less than the knot needs in all, the verdict says so.
  split.budget.maxSteps = needed / 4;
  auto tight = scanFiles(app, split);
  CHECK_FALSE(tight.apps[0].incomplete.empty());
}

TEST_CASE("solve groups: unconnected packages never share a library value", "[flow][partition]") {
  // Twelve packages, none importing another, each setting and reading a field of the same
  // third-party module. Packed into one solve, two of them would meet in that module's
  // object and each site would see the other's host; solved one by one, each sees its own.
  std::map<std::string, std::string> app{
      {"manifest.yml", fe::test::manifestFor()},
      {"src/index.js",
       "import { fetch } from '@forge/api';\n"
       "export const handler = () => fetch('https://a.example/');\n"}};
  std::string body;
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    body =
        "const cfg = require('shared-config');\n"
        "cfg.url = 'https://p" +
        n +
        ".example/';\n"
        "module.exports = () => fetch(cfg.url); // SINK\n";
    app["src/pkg" + n + "/main.js"] = body;
  }
  auto r = scanFiles(app, splitEverything());
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].stats.groups == 14);  // index.js, twelve packages, the resource's file
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    std::vector<std::string> hosts;
    for (const auto& e : r.apps[0].verdict.egress)
      if (e.file == "src/pkg" + n + "/main.js") hosts.push_back(e.host ? *e.host : "?");
    CHECK(hosts == std::vector<std::string>{"p" + n + ".example"});
  }
}

TEST_CASE("partition: a file that repeats an earlier one alone in its context takes its results",
          "[flow][partition]") {
  std::vector<fe::FileFacts> files{
      fileWith("src/a/bundle.js", 50),             // 0
      fileWith("src/b/bundle.js", 50),             // 1: a copy of 0
      fileWith("src/c/bundle.mjs", 50),            // 2: same text, another extension
      fileWith("src/d/bundle.js", 50, {"./dep"}),  // 3: same text, but imports dep.js
      fileWith("src/d/dep.js", 7),                 // 4
      fileWith("static/ui/bundle.js", 50),         // 5: same text, on the frontend
      fileWith("src/e/bundle.js", 50),             // 6: a copy of 0 too
      fileWith("src/f/other.js", 40),              // 7: another text
  };
  files[3].textHash = files[0].textHash;
  fe::PartitionLimits limits;
  limits.minSplitVars = 0;
  auto context = [](const std::string& path) -> std::optional<std::string> {
    return path.rfind("static/", 0) == 0 ? "frontend" : "backend";
  };
  auto parts = partitionOf(files, limits, {}, context);
  CHECK(parts.sameAs == std::vector<int>{-1, 0, -1, -1, -1, -1, 0, -1});
  // The copies are in no group; everything else is.
  std::vector<uint32_t> grouped;
  for (const auto& g : parts.groups) grouped.insert(grouped.end(), g.begin(), g.end());
  std::sort(grouped.begin(), grouped.end());
  CHECK(grouped == std::vector<uint32_t>{0, 2, 3, 4, 5, 7});

  // Without a context (a caller that names none), or with sharing off, every file is solved.
  CHECK(partitionOf(files, limits).sameAs == std::vector<int>(files.size(), -1));
  limits.shareIdenticalFiles = false;
  CHECK(partitionOf(files, limits, {}, context).sameAs == std::vector<int>(files.size(), -1));
}

TEST_CASE("solve groups: a bundle shipped twice is solved once with the same results",
          "[flow][partition]") {
  const std::string bundle =
      "const api = require('@forge/api');\n"
      "const cdn = 'https://cdn.tools.example/';\n"
      "async function push() {\n"
      "  const v = await api.storage.get('k');\n"
      "  const body = JSON.stringify({ v });\n"
      "  return fetch(cdn + 'v1', { method: 'POST', body }); // SINK\n"
      "}\n"
      "module.exports = { push };\n"
      "eval(globalThis.payload); // EVAL\n";
  std::map<std::string, std::string> app{
      {"manifest.yml", fe::test::manifestFor()},
      {"src/index.js",
       "import { fetch } from '@forge/api';\n"
       "export const handler = () => fetch('https://a.example/');\n"},
      {"src/vendor/tool.js", bundle},
      {"src/vendor/tool.max.js", bundle},
      {"src/zzz/tool.js", bundle}};
  fe::ScanOptions sharing = splitEverything();
  fe::ScanOptions solvingEach = splitEverything();
  solvingEach.partition.shareIdenticalFiles = false;
  auto shared = scanFiles(app, sharing);
  auto each = scanFiles(app, solvingEach);
  REQUIRE(shared.apps.size() == 1);
  CHECK(shared.apps[0].stats.sharedFiles == 2);
  CHECK(each.apps[0].stats.sharedFiles == 0);
  CHECK(shared.apps[0].stats.steps < each.apps[0].stats.steps);
  CHECK(fullSummary(shared) == fullSummary(each));
  for (const char* file : {"src/vendor/tool.js", "src/vendor/tool.max.js", "src/zzz/tool.js"}) {
    CHECK(hostAt(shared, file, lineOf(bundle, "SINK")) == "cdn.tools.example");
    CHECK(dataAt(shared, file, lineOf(bundle, "SINK")) == std::vector<std::string>{"app-storage"});
    bool evalNamed = false;
    for (const auto& why : shared.apps[0].incomplete)
      evalNamed |=
          why.rfind(std::string(file) + ":" + std::to_string(lineOf(bundle, "EVAL")), 0) == 0;
    CHECK(evalNamed);
  }
}
