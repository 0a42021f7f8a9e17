// Inline `// forge-egress-ignore FE00N: reason` suppressions, `allow` hosts,
// and the baseline comparison and --fail-on decisions built on them.
#include <catch2/catch.hpp>

#include "baseline/baseline.h"
#include "baseline/suppressions.h"
#include "report/json_report.h"
#include "support/suppression_comment.h"
#include "test_support.h"

namespace {

std::string app(const std::string& above, const std::string& sameLine = "") {
  return "import Resolver from '@forge/resolver';\n"                  // 1
         "import { fetch } from '@forge/api';\n"                      // 2
         "const resolver = new Resolver();\n"                         // 3
         "resolver.define('go', async ({ payload, context }) => {\n"  // 4
         + above +                                                    // 5.. (each line)
         "  await fetch('https://api.vendor.example/x', { method: 'POST', body: JSON.stringify({ "
         "id: context.accountId }) });" +
         sameLine +
         "\n"
         "});\n"
         "export const handler = resolver.getDefinitions();\n";
}

const fe::Finding* finding(const fe::ScanResult& r, const std::string& rule) {
  for (const auto& a : r.apps)
    for (const auto& f : a.verdict.findings)
      if (f.ruleId == rule) return &f;
  return nullptr;
}

bool hasDiagnostic(const fe::ScanResult& r, const std::string& code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("suppression: none without a comment", "[gate]") {
  auto r = fe::test::scanFiles({{"src/index.js", app("")}});
  REQUIRE(finding(r, "FE001"));
  CHECK_FALSE(finding(r, "FE001")->suppressed);
  CHECK_FALSE(finding(r, "FE002")->suppressed);
  REQUIRE(r.apps[0].egressGate.size() == 1);
  CHECK_FALSE(r.apps[0].egressGate[0].suppressed);
  CHECK(fe::gateFails(r, "error"));
}

TEST_CASE("suppression: a comment on the line above suppresses that rule only", "[gate]") {
  auto r = fe::test::scanFiles(
      {{"src/index.js",
        app("  // forge-egress-ignore FE002: the id is hashed by the vendor SDK\n")}});
  const fe::Finding* f = finding(r, "FE002");
  REQUIRE(f);
  CHECK(f->suppressed);
  CHECK(f->suppressionKind == "inSource");
  CHECK(f->suppressionReason == "the id is hashed by the vendor SDK");
  CHECK_FALSE(finding(r, "FE001")->suppressed);
  CHECK_FALSE(finding(r, "FE003")->suppressed);
  CHECK_FALSE(r.apps[0].egressGate[0].suppressed);
  // FE003 (undeclared) is still an error.
  CHECK(fe::gateFails(r, "error"));
}

TEST_CASE("suppression: on the same line - and stacked comments above", "[gate]") {
  auto same = fe::test::scanFiles(
      {{"src/index.js", app("", " // forge-egress-ignore FE003: declared by the deploy job")}});
  CHECK(finding(same, "FE003")->suppressed);
  CHECK(finding(same, "FE003")->suppressionReason == "declared by the deploy job");

  auto stacked = fe::test::scanFiles(
      {{"src/index.js", app("  // forge-egress-ignore FE001: reviewed\n"
                            "  // forge-egress-ignore FE002: reviewed too\n"
                            "  /* forge-egress-ignore FE003: declared by the deploy job */\n")}});
  CHECK(finding(stacked, "FE001")->suppressed);
  CHECK(finding(stacked, "FE002")->suppressed);
  CHECK(finding(stacked, "FE003")->suppressed);
  CHECK(finding(stacked, "FE003")->suppressionReason == "declared by the deploy job");
  // FE001 covers the egress site itself.
  CHECK(stacked.apps[0].egressGate[0].suppressed);
  CHECK(stacked.apps[0].egressGate[0].suppressionKind == "inSource");
  CHECK_FALSE(fe::gateFails(stacked, "error"));
  CHECK_FALSE(fe::gateFails(stacked, "egress"));
  CHECK_FALSE(fe::gateFails(stacked, "new"));
}

TEST_CASE("suppression: a comment separated by code does not apply", "[gate]") {
  auto r =
      fe::test::scanFiles({{"src/index.js", app("  // forge-egress-ignore FE002: too far away\n"
                                                "  const unrelated = payload.key;\n")}});
  CHECK_FALSE(finding(r, "FE002")->suppressed);
}

TEST_CASE("suppression: without a reason it suppresses nothing and is reported", "[gate]") {
  auto r = fe::test::scanFiles({{"src/index.js", app("  // forge-egress-ignore FE002\n")}});
  CHECK_FALSE(finding(r, "FE002")->suppressed);
  REQUIRE(hasDiagnostic(r, "suppression-without-reason"));
  for (const auto& d : r.diagnostics)
    if (d.code == "suppression-without-reason") {
      CHECK(d.file == "src/index.js");
      CHECK(d.line == 5);
      CHECK(d.severity == fe::Severity::Warning);
    }
  auto colon = fe::test::scanFiles({{"src/index.js", app("  // forge-egress-ignore FE002:   \n")}});
  CHECK_FALSE(finding(colon, "FE002")->suppressed);
  CHECK(hasDiagnostic(colon, "suppression-without-reason"));
}

TEST_CASE("suppression: an unknown rule is reported", "[gate]") {
  auto r = fe::test::scanFiles({{"src/index.js", app("  // forge-egress-ignore FE999: typo\n")}});
  CHECK(hasDiagnostic(r, "suppression-unknown-rule"));
  CHECK_FALSE(finding(r, "FE001")->suppressed);
  auto none =
      fe::test::scanFiles({{"src/index.js", app("  // forge-egress-ignore: everything please\n")}});
  CHECK(hasDiagnostic(none, "suppression-unknown-rule"));
}

TEST_CASE("suppression: allowed hosts suppress the site and its findings (external)", "[gate]") {
  fe::ScanOptions options;
  options.allow.push_back({"*.vendor.example", "reviewed in SEC-7"});
  auto r = fe::test::scanFiles({{"src/index.js", app("")}}, options);
  for (const char* rule : {"FE001", "FE002", "FE003"}) {
    const fe::Finding* f = finding(r, rule);
    REQUIRE(f);
    CHECK(f->suppressed);
    CHECK(f->suppressionKind == "external");
    CHECK(f->suppressionReason == "reviewed in SEC-7");
  }
  CHECK(r.apps[0].egressGate[0].suppressed);
  CHECK_FALSE(fe::gateFails(r, "error"));
  CHECK_FALSE(fe::gateFails(r, "egress"));
  // The output keeps them, marked.
  auto j = fe::jsonReport(r);
  CHECK(j["apps"][0]["egress"][0]["suppressed"] == true);
  CHECK(j["apps"][0]["egress"][0]["suppression"]["kind"] == "external");
  CHECK(j["apps"][0]["findings"][0]["suppressed"] == true);
  CHECK(j["apps"][0]["findings"][0]["suppression"]["justification"] == "reviewed in SEC-7");
  CHECK_FALSE(j["apps"][0]["findings"][0].contains("baselineState"));
}

TEST_CASE("baseline: render - parse - compare - --fail-on new", "[gate]") {
  auto before = fe::test::scanFiles({{"src/index.js", app("")}});
  std::string text = fe::renderBaseline(before);
  CHECK(text.find("host: api.vendor.example") != std::string::npos);
  CHECK(text.find("rule: FE002") != std::string::npos);
  CHECK(text.find(" line:") == std::string::npos);  // no line numbers in a baseline
  std::vector<fe::BaselineEntry> entries;
  fe::Diagnostics errors;
  REQUIRE(fe::parseBaseline(text, "b.yml", entries, errors));
  CHECK(entries.size() == fe::baselineEntries(before).size());
  CHECK(fe::renderBaseline(before) == text);  // deterministic

  CHECK(fe::gateFails(before, "new"));  // no baseline: everything is new
  fe::ScanResult same = fe::test::scanFiles({{"src/index.js", app("\n\n\n")}});
  fe::compareWithBaseline(same, entries);
  CHECK_FALSE(fe::gateFails(same, "new"));
  CHECK(same.apps[0].egressGate[0].baselineState == "unchanged");
  CHECK(same.absent.empty());
  CHECK(fe::gateFails(same, "error"));  // still FE002/FE003 errors
  CHECK_FALSE(fe::gateFails(same, "never"));
  auto j = fe::jsonReport(same);
  CHECK(j["apps"][0]["egress"][0]["baselineState"] == "unchanged");
  CHECK(j["baseline"]["absent"].empty());

  // A new destination: new, and the gate fails.
  std::string two = app("  await fetch('https://other.example.org/y');\n");
  fe::ScanResult added = fe::test::scanFiles({{"src/index.js", two}});
  fe::compareWithBaseline(added, entries);
  CHECK(fe::gateFails(added, "new"));
  for (size_t i = 0; i < added.apps[0].verdict.egress.size(); ++i)
    CHECK(added.apps[0].egressGate[i].baselineState ==
          (added.apps[0].verdict.egress[i].host == std::optional<std::string>("other.example.org")
               ? "new"
               : "unchanged"));

  // A suppressed new result does not fail the gate.
  fe::ScanResult suppressedNew = fe::test::scanFiles(
      {{"src/index.js", app("  // forge-egress-ignore FE001: health check\n"
                            "  // forge-egress-ignore FE003: health check\n"
                            "  await fetch('https://other.example.org/y');\n")}});
  fe::compareWithBaseline(suppressedNew, entries);
  CHECK_FALSE(fe::gateFails(suppressedNew, "new"));

  // Removed egress: every entry absent, and the gate passes.
  fe::ScanResult removed =
      fe::test::scanFiles({{"src/index.js", "export const handler = () => 1;\n"}});
  fe::compareWithBaseline(removed, entries);
  CHECK_FALSE(fe::gateFails(removed, "new"));
  CHECK(removed.absent.size() == entries.size());
  bool egressAbsent = false;
  for (const auto& a : removed.absent)
    egressAbsent = egressAbsent || (a.kind == "egress" && a.host == "api.vendor.example");
  CHECK(egressAbsent);
  auto jr = fe::jsonReport(removed);
  CHECK(jr["baseline"]["absent"][0]["baselineState"] == "absent");
}

TEST_CASE("baseline: bad files are errors with file:line", "[gate]") {
  std::vector<fe::BaselineEntry> entries;
  auto errorOf = [&](const std::string& text) {
    fe::Diagnostics errors;
    CHECK_FALSE(fe::parseBaseline(text, "b.yml", entries, errors));
    REQUIRE(errors.size() == 1);
    return errors[0];
  };
  fe::Diagnostic version = errorOf("version: 2\napps: []\n");
  CHECK(fe::diagnosticLine(version).rfind("b.yml:1:", 0) == 0);
  CHECK(version.excerpt == "version: 2");
  fe::Diagnostic noFingerprint =
      errorOf("version: 1\napps:\n  - manifest: m.yml\n    egress:\n      - host: x\n");
  CHECK(fe::diagnosticLine(noFingerprint).rfind("b.yml:5:", 0) == 0);
  CHECK(noFingerprint.message.find("fingerprint") != std::string::npos);
  CHECK(fe::renderDiagnostic(noFingerprint) ==
        "b.yml:5:9: fingerprint: required\n      - host: x\n        ^");
  CHECK(errorOf("[").line >= 1);
  CHECK(errorOf("just text").code == "baseline");
}

TEST_CASE("fingerprints: stable under reformatting and lines above - not line numbers", "[gate]") {
  auto a = fe::test::scanFiles({{"src/index.js", app("")}});
  std::string reformatted =
      "import Resolver from \"@forge/resolver\"\n"
      "import { fetch } from \"@forge/api\"\n"
      "\n\n// a comment\n"
      "const resolver = new Resolver()\n"
      "resolver.define(\"go\", async ({ payload, context }) => {\n"
      "    await fetch(\n"
      "        \"https://api.vendor.example/x\", // the vendor\n"
      "        {\n"
      "            method: \"POST\",\n"
      "            body: JSON.stringify({ id: context.accountId }),\n"
      "        },\n"
      "    )\n"
      "})\n"
      "export const handler = resolver.getDefinitions()\n";
  auto b = fe::test::scanFiles({{"src/index.js", reformatted}});
  REQUIRE(a.apps[0].egressFingerprints.size() == 1);
  CHECK(a.apps[0].egressFingerprints == b.apps[0].egressFingerprints);
  std::vector<std::string> fa, fb;
  for (const auto& f : a.apps[0].verdict.findings) fa.push_back(f.fingerprint);
  for (const auto& f : b.apps[0].verdict.findings) fb.push_back(f.fingerprint);
  CHECK(fa == fb);
  // Another URL in the same function is another call site.
  auto c = fe::test::scanFiles(
      {{"src/index.js", app("  await fetch('https://api.vendor.example/y');\n")}});
  REQUIRE(c.apps[0].egressFingerprints.size() == 2);
  CHECK(c.apps[0].egressFingerprints[0] != c.apps[0].egressFingerprints[1]);
}

TEST_CASE("suppression: a marker inside a string literal suppresses nothing",
          "[gate][fail-closed]") {
  auto r = fe::test::scanFiles(
      {{"src/index.js", app("  const note = '// forge-egress-ignore FE002: not a comment';\n")}});
  REQUIRE(finding(r, "FE002"));
  CHECK_FALSE(finding(r, "FE002")->suppressed);
  CHECK(r.apps[0].suppressions.empty());
}

TEST_CASE("suppression: a list of rules and rule names - in line and block comments", "[gate]") {
  auto r = fe::test::scanFiles(
      {{"src/index.js",
        app("  /* forge-egress-ignore FE002, undeclared-egress: reviewed with the vendor */\n")}});
  REQUIRE(finding(r, "FE002"));
  CHECK(finding(r, "FE002")->suppressed);
  CHECK(finding(r, "FE002")->suppressionReason == "reviewed with the vendor");
  REQUIRE(finding(r, "FE003"));
  CHECK(finding(r, "FE003")->suppressed);
  CHECK_FALSE(finding(r, "FE001")->suppressed);
}

TEST_CASE("suppression comment syntax: one parser for ids - names - lists and reasons", "[gate]") {
  auto p = fe::parseSuppressionComment("// forge-egress-ignore FE001,FE003: because");
  REQUIRE(p);
  CHECK(p->rules == std::vector<std::string>{"FE001", "FE003"});
  CHECK(p->reason == "because");
  p = fe::parseSuppressionComment("/* forge-egress-ignore customer-data-egress why not */");
  REQUIRE(p);
  CHECK(p->rules == std::vector<std::string>{"customer-data-egress"});
  CHECK(p->reason == "why not");
  p = fe::parseSuppressionComment("// forge-egress-ignore");
  REQUIRE(p);
  CHECK(p->rules.empty());
  CHECK(p->reason.empty());
  CHECK_FALSE(fe::parseSuppressionComment("// nothing here"));
}
