// The policy section (report/policy_claims.h): each claim holds, fails with its first
// finding, or cannot be shown when the analysis is incomplete.
#include "report/policy_claims.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "report/json_report.h"
#include "report/text_report.h"

namespace {
fe::ScanResult scanFixture(const std::string& name) {
  fe::ScanOptions options;
  options.root = (std::filesystem::path(FORGE_EGRESS_SOURCE_DIR) / "fixtures" / name).string();
  return fe::runScan(options);
}

std::string statusOf(const fe::AppReport& app, const std::string& id) {
  for (const auto& c : fe::policyClaims(app))
    if (c.id == id) return c.status;
  return "missing";
}
}  // namespace

TEST_CASE("policy claims: a failing check fails its claim - the fixed app holds it", "[policy]") {
  auto bad = scanFixture("policy-fe013-bad");
  REQUIRE(bad.apps.size() == 1);
  CHECK(statusOf(bad.apps[0], "backend-authorization") == "fails");
  CHECK(statusOf(bad.apps[0], "validated-writes") == "holds");
  auto good = scanFixture("policy-fe013-good");
  REQUIRE(good.apps.size() == 1);
  CHECK(statusOf(good.apps[0], "backend-authorization") == "holds");

  auto web = scanFixture("policy-fe017-bad");
  CHECK(statusOf(web.apps[0], "data-stays-on-atlassian") == "fails");
  std::string text = fe::renderText(web, false);
  CHECK(text.find("customer data stays on Atlassian: fails (1 finding; first: FE017") !=
        std::string::npos);
  auto json = nlohmann::json::parse(fe::renderJson(web));
  bool found = false;
  for (const auto& c : json["apps"][0]["policy"])
    if (c["claim"] == "data-stays-on-atlassian") {
      found = true;
      CHECK(c["status"] == "fails");
      CHECK(c["first"]["ruleId"] == "FE017");
    }
  CHECK(found);
}

TEST_CASE("policy claims: an incomplete analysis cannot show a claim holds", "[policy]") {
  auto r = scanFixture("policy-fe013-good");
  REQUIRE(r.apps.size() == 1);
  r.apps[0].incomplete.push_back("a file was not analysed");
  CHECK(statusOf(r.apps[0], "backend-authorization") == "cannot-be-shown");
}
