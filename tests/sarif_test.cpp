// SARIF output (report/sarif_report.h): structure for every fixture app, an exact golden
// for the cross-file example app (FORGE_EGRESS_UPDATE_GOLDEN=1 rewrites it), code flows,
// suppressions, baseline states, notifications, URI encoding and determinism.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/scan.h"
#include "report/sarif_report.h"
#include "rules/rules.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kSource = FORGE_EGRESS_SOURCE_DIR;

fe::ScanResult scan(const fs::path& root, int jobs = 0) {
  fe::ScanOptions options;
  options.root = root.string();
  options.jobs = jobs;
  return fe::runScan(options);
}

std::vector<fs::path> fixtureApps() {
  std::vector<fs::path> apps;
  for (const auto& entry : fs::directory_iterator(kSource / "fixtures"))
    if (entry.is_directory() && fs::exists(entry.path() / "manifest.yml"))
      apps.push_back(entry.path());
  std::sort(apps.begin(), apps.end());
  return apps;
}

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const json* findResult(const json& run, const std::string& ruleId, const std::string& uri,
                       int line) {
  for (const auto& r : run["results"]) {
    const auto& pl = r["locations"][0]["physicalLocation"];
    if (r["ruleId"] == ruleId && pl["artifactLocation"]["uri"] == uri &&
        pl["region"]["startLine"] == line)
      return &r;
  }
  return nullptr;
}

// (uri, line) of each step of the first thread flow of a result.
std::vector<std::pair<std::string, int>> flowSteps(const json& result) {
  std::vector<std::pair<std::string, int>> steps;
  for (const auto& l : result["codeFlows"][0]["threadFlows"][0]["locations"]) {
    const auto& pl = l["location"]["physicalLocation"];
    steps.emplace_back(pl["artifactLocation"]["uri"].get<std::string>(),
                       pl["region"]["startLine"].get<int>());
  }
  return steps;
}

// Checks that hold for every SARIF log we write.
void checkStructure(const json& log, const fe::ScanResult& result) {
  REQUIRE(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "forge-egress");
  CHECK(driver["semanticVersion"] == FORGE_EGRESS_VERSION);
  const json& rules = driver["rules"];
  REQUIRE(rules.size() == fe::allRules().size());
  for (const auto& rule : rules) {
    CHECK(rule["helpUri"].get<std::string>() ==
          std::string(fe::kSarifHelpUriBase) + rule["id"].get<std::string>() + ".md");
    CHECK(fs::exists(kSource / "docs" / "rules" / (rule["id"].get<std::string>() + ".md")));
    CHECK(rule["properties"]["security-severity"].is_string());
    CHECK(rule["help"].contains("markdown"));
  }
  std::string id = run["automationDetails"]["id"];
  CHECK(id.rfind("forge-egress/", 0) == 0);
  CHECK(id.back() == '/');

  const json& artifacts = run["artifacts"];
  std::set<std::string> uris;
  for (const auto& a : artifacts)
    CHECK(uris.insert(a["location"]["uri"].get<std::string>()).second);
  auto checkArtifactLocation = [&](const json& al) {
    REQUIRE(al.contains("uri"));
    if (al.contains("index")) {
      REQUIRE(al["index"].get<size_t>() < artifacts.size());
      CHECK(artifacts[al["index"].get<size_t>()]["location"]["uri"] == al["uri"]);
    }
    if (al.contains("uriBaseId")) CHECK(al["uriBaseId"] == "%SRCROOT%");
  };

  size_t findings = 0;
  for (const auto& app : result.apps) findings += app.verdict.findings.size();
  REQUIRE(run["results"].size() == findings);
  for (const auto& r : run["results"]) {
    INFO(r.dump());
    REQUIRE(r.contains("ruleIndex"));
    CHECK(rules[r["ruleIndex"].get<size_t>()]["id"] == r["ruleId"]);
    REQUIRE(!r["locations"].empty());
    const auto& pl = r["locations"][0]["physicalLocation"];
    checkArtifactLocation(pl["artifactLocation"]);
    REQUIRE(pl.contains("region"));
    CHECK(pl["region"]["startLine"].get<int>() >= 1);
    CHECK(!r["message"]["text"].get<std::string>().empty());
    CHECK(!r["partialFingerprints"][fe::kSarifFingerprintKey].get<std::string>().empty());
    CHECK(r["properties"].contains("host"));
    CHECK(r["properties"].contains("data"));
    // A data flow has a code flow whose every step is a location with a message.
    bool dataFlows = !r["properties"]["data"].empty() && r["ruleId"] != "FE011";
    CHECK(r.contains("codeFlows") == dataFlows);
    if (r.contains("codeFlows")) {
      for (const auto& step : r["codeFlows"][0]["threadFlows"][0]["locations"]) {
        checkArtifactLocation(step["location"]["physicalLocation"]["artifactLocation"]);
        CHECK(step["location"]["physicalLocation"]["region"]["startLine"].get<int>() >= 1);
        CHECK(!step["location"]["message"]["text"].get<std::string>().empty());
      }
    }
    if (r.contains("relatedLocations"))
      for (const auto& rl : r["relatedLocations"])
        checkArtifactLocation(rl["physicalLocation"]["artifactLocation"]);
  }
  const json& inv = run["invocations"][0];
  CHECK(inv.contains("executionSuccessful"));
  CHECK(inv.contains("exitCode"));
  size_t notes =
      inv.contains("toolExecutionNotifications") ? inv["toolExecutionNotifications"].size() : 0;
  size_t incomplete = 0;
  for (const auto& app : result.apps) incomplete += app.incomplete.empty() ? 0 : 1;
  CHECK(notes == result.diagnostics.size() + incomplete + (result.inputError ? 1 : 0));
}

}  // namespace

TEST_CASE("SARIF for every fixture app has rules - locations and code flows", "[sarif]") {
  auto apps = fixtureApps();
  REQUIRE(!apps.empty());
  apps.push_back(kSource / "fixtures");  // several apps in one run
  for (const auto& app : apps) {
    INFO(app.string());
    fe::ScanResult result = scan(app);
    REQUIRE(!result.inputError);
    std::string text = fe::renderSarif(result, 0, true);
    json log = json::parse(text);
    checkStructure(log, result);
    // Same input, same bytes, whatever the thread count.
    CHECK(fe::renderSarif(scan(app, 1), 0, true) == text);
  }
}

TEST_CASE("SARIF golden for the cross-file example app", "[sarif]") {
  fe::ScanResult result = scan(kSource / "fixtures" / "example-app");
  REQUIRE(!result.inputError);
  const std::string actual = fe::renderSarif(result, 1, true);
  const fs::path golden = kSource / "tests" / "golden" / "example-app.sarif";
  const char* update = std::getenv("FORGE_EGRESS_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary | std::ios::trunc) << actual;
    WARN("rewrote " << golden.string());
  }
  REQUIRE(fs::exists(golden));
  CHECK(actual ==
        readAll(golden));  // on a mismatch: FORGE_EGRESS_UPDATE_GOLDEN=1, then review the diff

  json run = json::parse(actual)["runs"][0];
  CHECK(run["automationDetails"]["id"] == "forge-egress/example-app/");
  // product data from the Jira API in index.js reaches the Slack webhook in lib/slack.js.
  const json* slack = findResult(run, "FE002", "src/lib/slack.js", 7);
  REQUIRE(slack);
  std::string message = (*slack)["message"]["text"];
  CHECK(message.find("hooks.slack.com") != std::string::npos);
  CHECK(message.find("product-data") != std::string::npos);
  auto steps = flowSteps(*slack);
  REQUIRE(steps.size() >= 3);
  CHECK(steps.front() == std::make_pair(std::string("src/index.js"), 10));
  CHECK(steps[1] == std::make_pair(std::string("src/index.js"), 11));
  CHECK(steps[2] == std::make_pair(std::string("src/lib/slack.js"), 5));
  CHECK(steps.back() == std::make_pair(std::string("src/lib/slack.js"), 7));
  // the user's account id in index.js reaches the undeclared metrics host in lib/metrics.js.
  const json* metrics = findResult(run, "FE002", "src/lib/metrics.js", 5);
  REQUIRE(metrics);
  steps = flowSteps(*metrics);
  REQUIRE(steps.size() >= 3);
  // The source is where context.accountId is read.
  CHECK(steps.front() == std::make_pair(std::string("src/index.js"), 12));
  CHECK(steps[1] == std::make_pair(std::string("src/lib/metrics.js"), 4));
  CHECK(steps.back() == std::make_pair(std::string("src/lib/metrics.js"), 5));
  // FE003 points at the manifest's egress permissions.
  const json* undeclared = findResult(run, "FE003", "src/lib/metrics.js", 5);
  REQUIRE(undeclared);
  REQUIRE((*undeclared)["relatedLocations"].size() == 1);
  CHECK((*undeclared)["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "manifest.yml");
  CHECK((*undeclared)["properties"]["declared"] == false);
  // Full regions for code, at least a start line for the manifest.
  const auto& region = (*slack)["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startColumn"] == 10);
  CHECK(region.contains("endLine"));
  CHECK(region.contains("endColumn"));
  const json* unused = findResult(run, "FE005", "manifest.yml", 29);
  REQUIRE(unused);
  CHECK(run["invocations"][0]["exitCode"] == 1);
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("SARIF suppressions - baseline states and notifications", "[sarif]") {
  fe::ScanResult result = scan(kSource / "fixtures" / "example-app");
  REQUIRE(result.apps.size() == 1);
  auto& findings = result.apps[0].verdict.findings;
  REQUIRE(findings.size() >= 2);
  findings[0].suppressed = true;
  findings[0].suppressionKind = "inSource";
  findings[0].suppressionReason = "accepted: vendor \"X\"";
  findings[1].suppressed = true;
  findings[1].suppressionKind = "external";
  findings[0].baselineState = "unchanged";
  findings[1].baselineState = "new";
  result.apps[0].incomplete.push_back("src/big.js is larger than --max-file-size");
  fe::Diagnostic d;
  d.severity = fe::Severity::Warning;
  d.code = "parse-error";
  d.file = "src/bad\xff name#1.js";  // untrusted name: invalid UTF-8, space, '#'
  d.line = 3;
  d.column = 2;
  d.message = "syntax error near \xfe";
  result.diagnostics.push_back(d);

  json run = json::parse(fe::renderSarif(result, 2, true))["runs"][0];
  const auto& r0 = run["results"][0];
  REQUIRE(r0["suppressions"].size() == 1);
  CHECK(r0["suppressions"][0]["kind"] == "inSource");
  CHECK(r0["suppressions"][0]["justification"] == "accepted: vendor \"X\"");
  CHECK(r0["baselineState"] == "unchanged");
  CHECK(run["results"][1]["suppressions"][0]["kind"] == "external");
  CHECK(run["results"][1]["baselineState"] == "new");
  CHECK(!run["results"][2].contains("suppressions"));
  CHECK(!run["results"][2].contains("baselineState"));

  const auto& inv = run["invocations"][0];
  CHECK(inv["executionSuccessful"] == false);
  CHECK(inv["exitCode"] == 2);
  const auto& notes = inv["toolExecutionNotifications"];
  REQUIRE(notes.size() == 2);
  CHECK(notes[0]["level"] == "warning");
  CHECK(notes[0]["descriptor"]["id"] == "parse-error");
  const auto& loc = notes[0]["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "src/bad%FF%20name%231.js");
  CHECK(loc["region"]["startLine"] == 3);
  CHECK(notes[1]["descriptor"]["id"] == "incomplete-verdict");
  CHECK(notes[1]["message"]["text"].get<std::string>().find("incomplete") != std::string::npos);
  checkStructure(json::parse(fe::renderSarif(result, 2, true)), result);
}

TEST_CASE("SARIF URIs are relative to where forge-egress ran and percent-encoded", "[sarif]") {
  CHECK(fe::sarifUriEncode("src/index.js") == "src/index.js");
  CHECK(fe::sarifUriEncode("a b/c#d%e?f") == "a%20b/c%23d%25e%3Ff");
  CHECK(fe::sarifUriEncode("x:y/\xc3\xbc.js") == "x%3Ay/%C3%BC.js");

  fe::ScanResult result = scan(kSource / "fixtures" / "example-app");
  // A relative scan root: URIs carry it, so they resolve from the repository root.
  result.root = "./fixtures/example-app/";
  json run = json::parse(fe::renderSarif(result, 1))["runs"][0];
  CHECK(run["automationDetails"]["id"] == "forge-egress/fixtures/example-app/");
  for (const auto& a : run["artifacts"])
    CHECK(a["location"]["uri"].get<std::string>().rfind("fixtures/example-app/", 0) == 0);
  // A root above the working directory: URIs stay relative to the scan root.
  result.root = "../elsewhere/example-app";
  run = json::parse(fe::renderSarif(result, 1))["runs"][0];
  CHECK(run["automationDetails"]["id"] == "forge-egress/example-app/");
  CHECK(run["artifacts"][0]["location"]["uri"] == "manifest.yml");
}

TEST_CASE("SARIF leaves note-level results out unless asked", "[sarif]") {
  fe::ScanResult result = scan(kSource / "fixtures" / "example-app");
  REQUIRE(!result.inputError);
  size_t notes = 0, others = 0;
  for (const auto& app : result.apps)
    for (const auto& f : app.verdict.findings) (f.level == fe::Level::Note ? notes : others)++;
  REQUIRE(notes > 0);  // the FE001 inventory
  json lean = json::parse(fe::renderSarif(result, 1))["runs"][0]["results"];
  CHECK(lean.size() == others);
  for (const auto& r : lean) CHECK(r["level"] != "note");
  json full = json::parse(fe::renderSarif(result, 1, true))["runs"][0]["results"];
  CHECK(full.size() == notes + others);
}

TEST_CASE("SARIF automation id of a relative root names the folder it stands for", "[sarif]") {
  fe::ScanResult result = scan(kSource / "fixtures" / "example-app");
  result.root = "..";
  json run = json::parse(fe::renderSarif(result, 1))["runs"][0];
  std::string expected =
      "forge-egress/" + fs::current_path().parent_path().filename().generic_string() + "/";
  CHECK(run["automationDetails"]["id"] == expected);
  CHECK(run["automationDetails"]["id"] != "forge-egress/scan/");
}
