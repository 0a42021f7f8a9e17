// Whole apps under fixtures/ that carry an expected.json: the egress sites (file, line,
// host, side, declared, atlassian, data) and findings it lists must be in the scan's JSON,
// and the rules it forbids must not fire. One app per fixture; written for this project.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/scan.h"
#include "report/json_report.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json readJson(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

bool matches(const json& actual, const json& want) {
  for (auto it = want.begin(); it != want.end(); ++it) {
    if (!actual.contains(it.key())) return false;
    if (it.key() == "data") {
      std::vector<std::string> a = actual["data"], w = it.value();
      std::sort(a.begin(), a.end());
      std::sort(w.begin(), w.end());
      if (a != w) return false;
    } else if (actual[it.key()] != it.value()) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("fixtures: every app with an expected.json gives what it expects", "[fixtures]") {
  fs::path root = fs::path(FORGE_EGRESS_SOURCE_DIR) / "fixtures";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    fs::path expectedPath = entry.path() / "expected.json";
    if (!fs::exists(expectedPath)) continue;
    ++checked;
    json want = readJson(expectedPath);
    fe::ScanOptions options;
    options.root = entry.path().string();
    json got = json::parse(fe::renderJson(fe::runScan(options)));
    INFO(entry.path().filename().string());
    REQUIRE(got["apps"].size() == 1);
    const json& app = got["apps"][0];
    for (const auto& e : want["egress"]) {
      INFO("egress " << e.dump());
      bool found = false;
      for (const auto& a : app["egress"]) found = found || matches(a, e);
      CHECK(found);
    }
    for (const auto& f : want["findings"]) {
      INFO("finding " << f.dump());
      bool found = false;
      for (const auto& a : app["findings"]) found = found || matches(a, f);
      CHECK(found);
    }
    // A rule id (never anywhere) or a finding pattern ({"ruleId", "file", "line"}).
    for (const auto& rule : want.value("forbidFindings", json::array())) {
      INFO("forbidden " << rule.dump());
      for (const auto& a : app["findings"]) {
        bool hit = rule.is_string() ? a["ruleId"] == rule : matches(a, rule);
        CHECK_FALSE(hit);
      }
    }
  }
  CHECK(checked >= 1);
}
