// The reports people read (issue 14): the text summary line and the gate's reason, --quiet,
// GitHub workflow commands, and the Markdown evidence report with its data-flow diagram.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "baseline/baseline.h"
#include "report/gate_summary.h"
#include "report/github_report.h"
#include "report/html_report.h"
#include "report/markdown_report.h"
#include "report/text_report.h"
#include "test_support.h"

using namespace fe;
using namespace fe::test;

namespace {

// One declared destination with customer data, one undeclared, one FE001 inventory per site.
ScanResult twoDestinations() {
  std::string src =
      "import Resolver from '@forge/resolver';\n"
      "import { fetch } from '@forge/api';\n"
      "const resolver = new Resolver();\n"
      "resolver.define('k', async ({ payload }) => {\n"
      "  await fetch('https://api.example.com/a', { body: payload.text });\n"
      "  await fetch('https://api.example.com/b');\n"
      "  await fetch('https://other.example.org/c');\n"
      "});\n"
      "export const handler = resolver.getDefinitions();\n";
  return scanFiles({{"manifest.yml", manifestFor("resolver", {"https://api.example.com"})},
                    {"src/index.js", src}});
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

std::string lastLine(const std::string& text) {
  size_t end = text.find_last_not_of('\n');
  size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - start);
}

}  // namespace

TEST_CASE("gate: the decision gives the exit code and says why", "[report][gate]") {
  ScanResult r = twoDestinations();
  GateDecision error = decideGate(r, "error", false);
  CHECK(error.exitCode == 1);
  CHECK(error.reason.find("error finding") != std::string::npos);
  CHECK(error.reason.find("FE003") != std::string::npos);
  GateDecision egress = decideGate(r, "egress", false);
  CHECK(egress.exitCode == 1);
  CHECK(egress.reason.find("3 external call sites to 2 destinations (1 undeclared)") !=
        std::string::npos);
  CHECK(decideGate(r, "never", false).exitCode == 0);
  CHECK(decideGate(r, "error", false).exitCode == (gateFails(r, "error") ? 1 : 0));
  r.apps[0].incomplete.push_back("src/big.js was not analysed");
  GateDecision incomplete = decideGate(r, "never", false);
  CHECK(incomplete.exitCode == 0);  // --fail-on never never fails
  incomplete = decideGate(r, "egress", false);
  CHECK(incomplete.exitCode == 1);
  CHECK(incomplete.reason.find("incomplete") != std::string::npos);
  CHECK(decideGate(r, "egress", true).reason.find("incomplete") == std::string::npos);
}

TEST_CASE(
    "text: one summary line last - errors - then warnings - then notes - FE001 per destination",
    "[report][text]") {
  ScanResult r = twoDestinations();
  TextOptions options;
  options.gate = decideGate(r, "error", false);
  std::string text = renderText(r, options);
  std::string last = lastLine(text);
  CHECK(last.find("2 destinations: 1 undeclared, 1 with customer data") == 0);
  CHECK(last.find("exit 1: ") != std::string::npos);
  // Three FE001 notes, one line per destination.
  CHECK(count(text, "FE001 egress to api.example.com: 2 call sites") == 1);
  CHECK(count(text, "FE001 egress to other.example.org: 1 call site") == 1);
  size_t firstError = text.find(": error FE"), firstWarning = text.find(": warning FE"),
         firstNote = text.find("note FE");
  REQUIRE(firstError != std::string::npos);
  REQUIRE(firstNote != std::string::npos);
  CHECK(firstError < firstNote);
  if (firstWarning != std::string::npos) CHECK(firstError < firstWarning);
  if (firstWarning != std::string::npos) CHECK(firstWarning < firstNote);
}

TEST_CASE("text: --quiet prints only what fails the gate and the summary", "[report][text]") {
  ScanResult r = twoDestinations();
  TextOptions options;
  options.quiet = true;
  options.failOn = "error";
  options.gate = decideGate(r, "error", false);
  std::string text = renderText(r, options);
  CHECK(text.find("policy:") == std::string::npos);
  CHECK(text.find("FE001") == std::string::npos);  // notes do not fail the gate
  CHECK(text.find("error FE003") != std::string::npos);
  CHECK(lastLine(text).find("exit 1:") != std::string::npos);
  options.failOn = "egress";
  options.gate = decideGate(r, "egress", false);
  text = renderText(r, options);
  CHECK(count(text, ": egress ") == 3);
  CHECK(text.find("error FE003") == std::string::npos);
}

TEST_CASE("github: workflow commands with escaped properties and data", "[report][github]") {
  CHECK(githubEscapeData("50% a\nb\r") == "50%25 a%0Ab%0D");
  CHECK(githubEscapeProperty("src/a,b:c.js") == "src/a%2Cb%3Ac.js");
  ScanResult r = twoDestinations();
  std::string out = renderGithub(r, decideGate(r, "error", false));
  CHECK(out.find("::error file=src/index.js,line=7,col=9,title=FE003::") != std::string::npos);
  CHECK(count(out, "title=FE001::") == 2);  // one per destination
  CHECK(lastLine(out).rfind("::error title=forge-egress::", 0) == 0);
  for (size_t at = 0; at < out.size();) {  // every line is a workflow command
    CHECK(out.compare(at, 2, "::") == 0);
    at = out.find('\n', at) + 1;
  }
}

TEST_CASE("markdown: claims - destinations - a Mermaid diagram - cut to fit a PR comment",
          "[report][markdown]") {
  ScanResult r = twoDestinations();
  GateDecision gate = decideGate(r, "error", false);
  std::string md = renderMarkdown(r, gate);
  CHECK(md.rfind("# forge-egress report", 0) == 0);
  CHECK(md.find("| other.example.org | **no** | backend | none |") != std::string::npos);
  CHECK(md.find("| api.example.com | yes | backend | user-input |") != std::string::npos);
  CHECK(md.find("```mermaid\nflowchart LR\n") != std::string::npos);
  CHECK(md.find("[[\"other.example.org (undeclared)\"]]") != std::string::npos);
  CHECK(md.find("([\"user-input\"])") != std::string::npos);
  CHECK(md.find("| customer data stays on Atlassian | ❌ fails |") != std::string::npos);
  CHECK(md == renderMarkdown(r, gate));  // deterministic
  // Too long for a comment: the details go, the report says so, and it fits.
  std::string small = renderMarkdown(r, gate, 1500);
  CHECK(small.size() <= 1500);
  CHECK(small.find("left out to fit a pull-request comment") != std::string::npos);
  CHECK(small.find("# forge-egress report") == 0);
}

TEST_CASE("markdown: with a baseline - what is new comes first", "[report][markdown]") {
  ScanResult r = twoDestinations();
  compareWithBaseline(r, {});  // an empty baseline: everything is new
  std::string md = renderMarkdown(r, decideGate(r, "new", false));
  size_t fresh = md.find("## New since the baseline");
  size_t app = md.find("## manifest.yml");
  REQUIRE(fresh != std::string::npos);
  REQUIRE(app != std::string::npos);
  CHECK(fresh < app);
  CHECK(md.find("| egress | manifest.yml | src/index.js:7 | @forge/api fetch to other.example.org "
                "(undeclared) |") != std::string::npos);
}

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Anything that would make a browser fetch: scripts, links, images, frames, CSS urls and imports.
bool loadsSomething(const std::string& html) {
  static const std::regex load(
      R"((<script|<link|<img|<iframe|<object|<embed|@import|url\(|\b(src|href|srcset|action)\s*=))",
      std::regex::icase);
  return std::regex_search(html, load);
}
}  // namespace

TEST_CASE("html: one self-contained page with the diagram as inline SVG", "[report][html]") {
  CHECK(htmlEscape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  ScanResult r = twoDestinations();
  // An untrusted file name and message must not become markup.
  r.apps[0].verdict.findings[0].message = "<script>alert(1)</script>";
  std::string html = renderHtml(r, decideGate(r, "error", false));
  CHECK(html.rfind("<!doctype html>", 0) == 0);
  CHECK(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  CHECK(html.find(">other.example.org (undeclared)</text>") != std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK_FALSE(loadsSomething(html));
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("<details><summary><span class=\"mono\">src/index.js:5</span>") !=
        std::string::npos);  // a row expands to its witness path
  CHECK(html == renderHtml(r, decideGate(r, "error", false)));
}

TEST_CASE("html: headless Chromium renders the page - which loads nothing", "[report][html]") {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) {
    WARN("chromium is not installed (scripts/setup.sh installs it for CI): rendering not checked");
    return;
  }
  ScanResult r = twoDestinations();
  TempDir dir;
  auto page = dir.path() / "report.html", png = dir.path() / "report.png",
       dom = dir.path() / "dom.html";
  std::ofstream(page, std::ios::binary) << renderHtml(r, decideGate(r, "error", false));
  std::string flags =
      "--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions "
      "--user-data-dir='" +
      (dir.path() / "profile").string() + "'";
  std::string url = "file://" + page.string();
  int shot =
      std::system(("timeout 120 chromium " + flags + " --window-size=1200,1400 --screenshot='" +
                   png.string() + "' '" + url + "' >/dev/null 2>&1")
                      .c_str());
  CHECK(shot == 0);
  std::string image = slurp(png);
  REQUIRE(image.size() > 8);
  CHECK(image.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  CHECK(image.size() > 20000);  // a drawn page, not a blank one
  int dumped = std::system(("timeout 120 chromium " + flags + " --dump-dom '" + url + "' > '" +
                            dom.string() + "' 2>/dev/null")
                               .c_str());
  CHECK(dumped == 0);
  std::string rendered = slurp(dom);
  CHECK(rendered.find("forge-egress report") != std::string::npos);
  CHECK(rendered.find("<svg") != std::string::npos);
  CHECK_FALSE(loadsSomething(rendered));  // nothing the page would fetch, after parsing too
}

TEST_CASE("text: with a baseline - what is new comes first", "[report][text]") {
  ScanResult r = twoDestinations();
  compareWithBaseline(r, {});  // an empty baseline: everything is new
  TextOptions options;
  options.gate = decideGate(r, "new", false);
  std::string text = renderText(r, options);
  CHECK(text.rfind("new since the baseline (", 0) == 0);
  size_t listed = text.find("src/index.js:7:9  @forge/api fetch to other.example.org (undeclared)");
  REQUIRE(listed != std::string::npos);
  CHECK(listed < text.find("manifest.yml"));
  compareWithBaseline(r, baselineEntries(r));  // the scan accepted as is: nothing new
  options.gate = decideGate(r, "new", false);
  text = renderText(r, options);
  CHECK(text.rfind("new since the baseline: nothing", 0) == 0);
  CHECK(lastLine(text).find("exit 0: nothing new since the baseline") != std::string::npos);
}
