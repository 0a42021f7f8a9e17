// `.forge-egress.yml` (config/config.h): every key read and applied to a scan,
// and every error reported with file:line:col (the CLI turns it into exit 2).
#include "config/config.h"

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_support.h"

using fe::Config;
using fe::loadConfigText;

namespace {

Config parseOk(const std::string& text) {
  Config c;
  fe::Diagnostics errors;
  INFO(text);
  bool ok = loadConfigText(text, ".forge-egress.yml", c, errors);
  INFO((errors.empty() ? "" : fe::renderDiagnostic(errors.front())));
  REQUIRE(ok);
  return c;
}

// The error of a bad configuration, on one line: "file:line:col: message".
std::string parseError(const std::string& text) {
  Config c;
  fe::Diagnostics errors;
  INFO(text);
  REQUIRE_FALSE(loadConfigText(text, ".forge-egress.yml", c, errors));
  REQUIRE(errors.size() == 1);
  return fe::diagnosticLine(errors.front());
}

const std::string kApp =
    "import Resolver from '@forge/resolver';\n"                                        // 1
    "import { fetch } from '@forge/api';\n"                                            // 2
    "import { post } from '@acme/http';\n"                                             // 3
    "const resolver = new Resolver();\n"                                               // 4
    "resolver.define('go', async ({ payload, context }) => {\n"                        // 5
    "  await fetch('https://api.vendor.example/x', { method: 'POST' });\n"             // 6
    "  await post('https://in-house.example/collect', { who: context.accountId });\n"  // 7
    "});\n"                                                                            // 8
    "export const handler = resolver.getDefinitions();\n";                             // 9

}  // namespace

TEST_CASE("config: empty or comment-only files are the defaults", "[gate]") {
  Config c = parseOk("");
  CHECK(c.allow.empty());
  CHECK(c.ignore.empty());
  CHECK(c.rules.levels.empty());
  CHECK_FALSE(c.extendsCatalog);
  parseOk("# nothing yet\n");
}

TEST_CASE("config: every key is read", "[gate]") {
  Config c = parseOk(
      "allow:\n"
      "  - host: API.Vendor.example\n"
      "    reason: our backend\n"
      "  - host: \"*.sentry.io\"\n"
      "    reason: error reports\n"
      "ignore:\n"
      "  - \"**/__tests__/**\"\n"
      "  - scripts/\n"
      "rules:\n"
      "  FE001: off\n"
      "  FE004: error\n"
      "  unused-egress-permission: note\n"
      "  FE012: warning\n"
      "sinks:\n"
      "  - id: acme-post\n"
      "    api: acme post\n"
      "    module: \"@acme/http\"\n"
      "    path: post\n"
      "    url: arg0\n"
      "    data: [arg0, arg1]\n"
      "sources:\n"
      "  - {id: acme-profile, category: user-identity, module: \"@acme/profile\", path: "
      "\"getProfile()\"}\n");
  REQUIRE(c.allow.size() == 2);
  CHECK(c.allow[0].pattern == "api.vendor.example");
  CHECK(c.allow[0].reason == "our backend");
  CHECK(c.allow[1].pattern == "*.sentry.io");
  CHECK(c.ignore == std::vector<std::string>{"**/__tests__/**", "scripts/"});
  REQUIRE(c.rules.levels.count("FE001"));
  CHECK_FALSE(c.rules.levels.at("FE001").has_value());
  CHECK(c.rules.levels.at("FE004") == fe::Level::Error);
  CHECK(c.rules.levels.at("FE005") == fe::Level::Note);
  CHECK(c.rules.levels.at("FE012") == fe::Level::Warning);
  REQUIRE(c.extendsCatalog);
  CHECK(c.catalog.sinks.size() == fe::builtinCatalog().sinks.size() + 1);
  CHECK(c.catalog.sinks.back().id == "acme-post");
  CHECK(c.catalog.sinks.back().line == 15);  // the configuration file's own line
  CHECK(c.catalog.sources.size() == fe::builtinCatalog().sources.size() + 1);
  CHECK(c.catalog.sources.back().category == "user-identity");
}

TEST_CASE("config: host patterns", "[gate]") {
  using fe::hostPatternMatches;
  CHECK(hostPatternMatches("api.example.com", "api.example.com"));
  CHECK(hostPatternMatches("api.example.com", "API.example.com:8443"));
  CHECK_FALSE(hostPatternMatches("api.example.com", "evil-api.example.com"));
  CHECK(hostPatternMatches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(hostPatternMatches("*.example.com", "example.com"));
  CHECK_FALSE(hostPatternMatches("*.example.com", "badexample.com"));
  CHECK(fe::validHostPattern("*.example.com"));
  CHECK_FALSE(fe::validHostPattern("*"));
  CHECK_FALSE(fe::validHostPattern("https://example.com"));
  CHECK_FALSE(fe::validHostPattern("example.com/path"));
}

TEST_CASE("config: every error names file:line:col", "[gate]") {
  struct Case {
    const char* text;
    const char* where;
    const char* message;
  };
  const Case cases[] = {
      {"alow: []\n", ".forge-egress.yml:1:1:", "unknown key 'alow'"},
      {"- allow\n", ".forge-egress.yml:1:1:", "expected a mapping"},
      {"allow: [\n", ".forge-egress.yml:", ""},  // YAML syntax
      {"allow: api.example.com\n", ".forge-egress.yml:1:8:", "allow: expected a list"},
      {"allow:\n  - api.example.com\n", ".forge-egress.yml:2:5:", "needs `host` and `reason`"},
      {"allow:\n  - host: api.example.com\n", ".forge-egress.yml:2:5:", "`reason` is required"},
      {"allow:\n  - reason: x\n", ".forge-egress.yml:2:5:", "`host` is required"},
      {"allow:\n  - host: a.example\n    reason: \"\"\n",
       ".forge-egress.yml:3:13:", "must not be empty"},
      {"allow:\n  - host: a.example\n    reason: x\n    why: y\n",
       ".forge-egress.yml:4:5:", "unknown key 'why'"},
      {"allow:\n  - host: https://a.example/\n    reason: x\n",
       ".forge-egress.yml:2:11:", "not a host name"},
      {"allow:\n  - host: [a]\n    reason: x\n", ".forge-egress.yml:2:11:", "expected a string"},
      {"ignore: dist\n", ".forge-egress.yml:1:9:", "ignore: expected a list"},
      {"ignore:\n  - {a: b}\n", ".forge-egress.yml:2:5:", "ignore: expected a string"},
      {"rules: [FE001]\n", ".forge-egress.yml:1:8:", "rules: expected a mapping"},
      {"rules:\n  FE099: off\n", ".forge-egress.yml:2:3:", "unknown rule 'FE099'"},
      {"rules:\n  FE001: loud\n",
       ".forge-egress.yml:2:10:", "expected note, warning, error or off"},
      {"rules:\n  FE001: [error]\n",
       ".forge-egress.yml:2:10:", "expected note, warning, error or off"},
      {"sinks: {}\n", ".forge-egress.yml:1:8:", "sinks: expected a list"},
      {"sinks:\n  - fetch\n", ".forge-egress.yml:2:5:", "each entry is a mapping"},
      {"sinks:\n  - id: x\n    module: m\n    urll: arg0\n",
       ".forge-egress.yml:4:5:", "unknown key 'urll'"},
      {"sinks:\n  - id: x\n    url: arg0\n",
       ".forge-egress.yml:2:5:", "needs `module` or `global`"},
      {"sinks:\n  - id: x\n    module: m\n    side: server\n",
       ".forge-egress.yml:4:11:", "backend, frontend or any"},
      {"sinks:\n  - id: x\n    module: m\n    kind: carrier-pigeon\n",
       ".forge-egress.yml:4:11:", "kind must be"},
      {"rules:\n  FE001: note\nsinks:\n  - id: x\n    module: m\n    url: argument0\n",
       ".forge-egress.yml:6:10:", "not a value reference"},
      {"sources:\n  - id: s\n    module: m\n", ".forge-egress.yml:2:5:", "`category` is required"},
      {"sources:\n  - id: s\n    module: m\n    category: secrets\n",
       ".forge-egress.yml:2:5:", "not one of the seven categories"},
      {"sources:\n  - id: s\n    module: m\n    category: user-identity\n    method: get\n",
       ".forge-egress.yml:5:5:", "unknown key 'method'"},
  };
  for (const auto& c : cases) {
    std::string error = parseError(c.text);
    INFO(c.text << " -> " << error);
    CHECK(error.rfind(c.where, 0) == 0);
    CHECK(error.find(c.message) != std::string::npos);
    CHECK(error.find('\n') == std::string::npos);
  }
}

TEST_CASE("config: an error prints its line and a caret under the column", "[gate]") {
  Config c;
  fe::Diagnostics errors;
  REQUIRE_FALSE(loadConfigText("allow:\n\t- host: api.example.com\n", "cfg.yml", c, errors));
  REQUIRE(errors.size() == 1);
  // A tab before the column stays a tab, so the caret lines up in any terminal.
  fe::Diagnostic d = errors[0];
  CHECK(d.file == "cfg.yml");
  CHECK(d.line == 2);
  CHECK(d.excerpt == "\t- host: api.example.com");
  std::string rendered = fe::renderDiagnostic(d);
  CHECK(rendered.rfind("cfg.yml:2:", 0) == 0);
  CHECK(rendered.substr(rendered.find('\n')) ==
        "\n\t- host: api.example.com\n" + std::string(d.column > 1 ? "\t" : "") +
            std::string(static_cast<size_t>(std::max(d.column - 2, 0)), ' ') + "^");
}

TEST_CASE("config: found at the scan root - or named by --config", "[gate]") {
  fe::test::TempDir dir;
  Config none;
  fe::Diagnostics errors;
  REQUIRE(fe::loadScanConfig(dir.path().string(), "", none, errors));
  CHECK(none.path.empty());

  dir.write(".forge-egress.yml", "ignore: [dist]\n");
  Config found;
  REQUIRE(fe::loadScanConfig(dir.path().string(), "", found, errors));
  CHECK(found.ignore == std::vector<std::string>{"dist"});
  dir.write("manifest.yml", "app: {}\n");
  Config viaManifest;  // a scan of PATH/manifest.yml reads PATH/.forge-egress.yml
  REQUIRE(fe::loadScanConfig((dir.path() / "manifest.yml").string(), "", viaManifest, errors));
  CHECK(viaManifest.ignore == std::vector<std::string>{"dist"});

  Config missing;
  CHECK_FALSE(
      fe::loadScanConfig(dir.path().string(), (dir.path() / "nope.yml").string(), missing, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].file.find("nope.yml") != std::string::npos);
}

TEST_CASE("config: applied to a scan (allow - ignore - rules - sinks - sources)", "[gate]") {
  Config c = parseOk(
      "allow:\n"
      "  - host: api.vendor.example\n"
      "    reason: reviewed in SEC-1\n"
      "ignore: [generated/]\n"
      "rules:\n"
      "  FE003: warning\n"
      "  FE011: off\n"
      "sinks:\n"
      "  - {id: acme-post, api: acme post, module: \"@acme/http\", path: post, url: arg0, data: "
      "[arg0, arg1]}\n");
  fe::ScanOptions options;
  fe::applyConfig(c, options);
  auto result = fe::test::scanFiles(
      {{"src/index.js", kApp}, {"generated/other.js", "fetch('https://ignored.example/');\n"}},
      options);
  REQUIRE(result.apps.size() == 1);
  const auto& app = result.apps[0];
  // The in-house sink is egress, with the account id.
  CHECK(fe::test::hostAt(result, "src/index.js", 7) == "in-house.example");
  CHECK(fe::test::dataAt(result, "src/index.js", 7) == std::vector<std::string>{"user-identity"});
  // ignore
  for (const auto& e : app.verdict.egress) CHECK(e.file != "generated/other.js");
  // rules: FE003 downgraded, FE011 off
  bool fe003 = false;
  for (const auto& f : app.verdict.findings) {
    CHECK(f.ruleId != "FE011");
    if (f.ruleId == "FE003") {
      fe003 = true;
      CHECK(f.level == fe::Level::Warning);
    }
  }
  CHECK(fe003);
  // allow: the vendor site and its findings are suppressed (external), the other is not.
  for (size_t i = 0; i < app.verdict.egress.size(); ++i) {
    bool vendor = app.verdict.egress[i].host == std::optional<std::string>("api.vendor.example");
    CHECK(app.egressGate[i].suppressed == vendor);
    if (vendor) {
      CHECK(app.egressGate[i].suppressionKind == "external");
      CHECK(app.egressGate[i].suppressionReason == "reviewed in SEC-1");
    }
  }
  for (const auto& f : app.verdict.findings)
    if (f.egressIndex >= 0) CHECK(f.suppressed == (f.host == "api.vendor.example"));
}

TEST_CASE("config: a bad configuration exits 2 with one line naming file:line", "[gate]") {
  fe::test::TempDir dir;
  dir.write("manifest.yml", fe::test::manifestFor());
  dir.write("src/index.js", kApp);
  dir.write(".forge-egress.yml", "rules:\n  FE001: loud\n");
  std::string err = (dir.path() / "err.txt").string();
  std::string cmd = std::string("'") + FORGE_EGRESS_BINARY + "' scan '" + dir.path().string() +
                    "' > /dev/null 2> '" + err + "'";
  int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  std::ifstream in(err);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  // One error, then the line it is on and a caret under its column.
  const std::string expected =
      ".forge-egress.yml:2:10: rules.FE001: expected note, warning, error or off\n"
      "  FE001: loud\n"
      "         ^\n";
  REQUIRE(text.size() >= expected.size());
  CHECK(text.substr(text.size() - expected.size()) == expected);
  CHECK(text.rfind("forge-egress: ", 0) == 0);
  CHECK(std::count(text.begin(), text.end(), '\n') == 3);

  // --config names another file; a missing one is an input error too.
  std::string cmd2 = std::string("'") + FORGE_EGRESS_BINARY + "' scan '" + dir.path().string() +
                     "' --config '" + (dir.path() / "missing.yml").string() + "' > /dev/null 2>&1";
  status = std::system(cmd2.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
}
