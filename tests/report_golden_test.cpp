// Golden Markdown and HTML reports for fixtures/example-app and the two-app fixtures/monorepo:
// a change to either report shows up as a reviewed diff of tests/golden/. On a deliberate
// change: FORGE_EGRESS_UPDATE_GOLDEN=1, then review the diff.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/gate_summary.h"
#include "report/html_report.h"
#include "report/markdown_report.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {
const fs::path kSource = FORGE_EGRESS_SOURCE_DIR;

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void checkGolden(const std::string& actual, const fs::path& golden) {
  const char* update = std::getenv("FORGE_EGRESS_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary | std::ios::trunc) << actual;
    WARN("rewrote " << golden.string());
  }
  INFO(golden.string());
  REQUIRE(fs::exists(golden));
  CHECK(actual == readAll(golden));
}
}  // namespace

TEST_CASE("golden Markdown and HTML reports", "[report][golden]") {
  for (const char* fixture : {"example-app", "monorepo"}) {
    fe::ScanOptions options;
    options.root = (kSource / "fixtures" / fixture).string();
    options.jobs = 1;
    fe::ScanResult result = fe::runScan(options);
    REQUIRE(!result.inputError);
    fe::GateDecision gate = fe::decideGate(result, "error", false);
    checkGolden(fe::renderMarkdown(result, gate),
                kSource / "tests" / "golden" / (std::string(fixture) + ".md"));
    checkGolden(fe::renderHtml(result, gate),
                kSource / "tests" / "golden" / (std::string(fixture) + ".html"));
  }
}
