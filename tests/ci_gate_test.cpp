// The CI gate end to end (issue 6): a git repository in a temporary folder
// with fixtures/gate-app, the baseline and scan commands read from docs/ci.md
// run with the real binary, and the four changes of the issue.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeAll(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command in `dir`, capturing stdout, stderr and the exit code.
Run sh(const fs::path& dir, const std::string& command) {
  fs::path out = dir / ".test-stdout", err = dir / ".test-stderr";
  std::string full = "cd " + quote(dir.string()) + " && " + command + " > " + quote(out.string()) +
                     " 2> " + quote(err.string());
  int status = std::system(full.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = readAll(out);
  r.err = readAll(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

// The forge-egress command lines of docs/ci.md's fenced code blocks, from
// "forge-egress (scan|baseline)" to the end of the command.
std::vector<std::string> docCommands(const std::string& sub) {
  std::string doc = readAll(fs::path(FORGE_EGRESS_SOURCE_DIR) / "docs" / "ci.md");
  std::vector<std::string> out;
  std::istringstream in(doc);
  std::string line;
  bool fenced = false;
  const std::regex command("(^|[\\s:-])(forge-egress " + sub + "( [^\"&|;{]*)?)");
  while (std::getline(in, line)) {
    if (line.find("```") != std::string::npos) {
      fenced = !fenced;
      continue;
    }
    std::smatch m;
    if (!fenced || !std::regex_search(line, m, command)) continue;
    std::string c = m[2].str();
    while (!c.empty() && (c.back() == ' ' || c.back() == '\r')) c.pop_back();
    out.push_back(c);
  }
  return out;
}

// The single command of docs/ci.md for `sub` (every occurrence must agree).
std::string docCommand(const std::string& sub) {
  auto all = docCommands(sub);
  REQUIRE_FALSE(all.empty());
  for (const auto& c : all) CHECK(c == all.front());
  return all.front();
}

std::string withBinary(const std::string& command) {
  return quote(FORGE_EGRESS_BINARY) + command.substr(std::string("forge-egress").size());
}

std::vector<std::string> split(const std::string& command) {
  std::vector<std::string> words;
  std::istringstream in(command);
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

std::string flagValue(const std::string& command, const std::string& flag) {
  auto w = split(command);
  for (size_t i = 0; i + 1 < w.size(); ++i)
    if (w[i] == flag) return w[i + 1];
  return "";
}

// A git repository holding the fixture app with a committed baseline.
struct GateRepo {
  fe::test::TempDir tmp;
  fs::path root;
  std::string scan = docCommand("scan");
  std::string baseline = docCommand("baseline");

  GateRepo() {
    root = tmp.path() / "repo";
    fs::copy(fs::path(FORGE_EGRESS_SOURCE_DIR) / "fixtures" / "gate-app", root,
             fs::copy_options::recursive);
    const std::string git =
        "git -c user.name=gate -c user.email=gate@example.invalid -c init.defaultBranch=main ";
    REQUIRE(sh(root, git + "init -q && " + git + "add -A && " + git + "commit -q -m app").code ==
            0);
    Run b = sh(root, withBinary(baseline));
    INFO(b.err);
    REQUIRE(b.code == 0);
    REQUIRE(fs::exists(root / flagValue(baseline, "-o")));
    REQUIRE(sh(root, git + "add -A && " + git + "commit -q -m baseline").code == 0);
  }
  fs::path file(const std::string& rel) const { return root / rel; }
  void edit(const std::string& rel, const std::string& from, const std::string& to) const {
    std::string text = readAll(file(rel));
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    writeAll(file(rel), text);
  }
  // The docs' scan command; and the same with JSON written aside, to inspect.
  Run gate() const { return sh(root, withBinary(scan)); }
  nlohmann::json gateJson() const {
    Run r = sh(root, withBinary(scan) + " --json-output .gate.json");
    nlohmann::json j = nlohmann::json::parse(readAll(root / ".gate.json"));
    fs::remove(root / ".gate.json");
    return j;
  }
};

int lineOf(const fs::path& file, const std::string& needle) {
  std::istringstream in(readAll(file));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(needle) != std::string::npos) return n;
  return 0;
}

struct Site {
  std::string file;
  int line;
  std::string host;
  bool operator<(const Site& o) const {
    return std::tie(file, line, host) < std::tie(o.file, o.line, o.host);
  }
};

// Every (file, line, host) of a result marked new, egress and findings alike.
std::set<Site> newSites(const nlohmann::json& j, int* newEgress = nullptr) {
  std::set<Site> out;
  int egress = 0;
  for (const auto& app : j["apps"]) {
    for (const auto& e : app["egress"])
      if (e["baselineState"] == "new") {
        ++egress;
        out.insert({e["file"], e["line"], e["host"].is_null() ? "" : e["host"].get<std::string>()});
      }
    for (const auto& f : app["findings"])
      if (f["baselineState"] == "new") out.insert({f["file"], f["line"], ""});
  }
  if (newEgress) *newEgress = egress;
  return out;
}

}  // namespace

TEST_CASE("ci gate: docs/ci.md commands are the ones this test runs", "[gate]") {
  const std::string scan = docCommand("scan");
  const std::string baseline = docCommand("baseline");
  // Three places use the scan command (Bitbucket, GitHub, pre-commit) and they agree.
  CHECK(docCommands("scan").size() >= 3);
  // The baseline written is the baseline read; CI fails on new egress and writes SARIF.
  CHECK_FALSE(flagValue(baseline, "-o").empty());
  CHECK(flagValue(scan, "--baseline") == flagValue(baseline, "-o"));
  CHECK(flagValue(scan, "--fail-on") == "new");
  CHECK(flagValue(scan, "--sarif-output") == "forge-egress.sarif");
  CHECK(split(scan).at(2) == split(baseline).at(2));  // the same scan root
  // The SARIF the workflows upload is the file the scan writes.
  std::string doc = readAll(fs::path(FORGE_EGRESS_SOURCE_DIR) / "docs" / "ci.md");
  CHECK(doc.find("sarif_file: forge-egress.sarif") != std::string::npos);
  CHECK(doc.find("- forge-egress.sarif") != std::string::npos);
}

TEST_CASE("ci gate: an unchanged repository passes and writes SARIF", "[gate]") {
  GateRepo repo;
  Run r = repo.gate();
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(fs::exists(repo.file(flagValue(repo.scan, "--sarif-output"))));
  auto j = repo.gateJson();
  CHECK(newSites(j).empty());
  CHECK(j["baseline"]["absent"].empty());
}

TEST_CASE("ci gate (1): a new fetch to a new host fails - naming only that site", "[gate]") {
  GateRepo repo;
  repo.edit("src/index.js", "  await ping();\n}",
            "  await ping();\n  await fetch('https://collector.newvendor.example/v1/events', { "
            "method: 'POST' });\n}");
  int line = lineOf(repo.file("src/index.js"), "collector.newvendor.example");
  REQUIRE(line > 0);
  Run r = repo.gate();
  INFO(r.out << r.err);
  CHECK(r.code == 1);
  CHECK(r.out.find("[new]") != std::string::npos);
  auto j = repo.gateJson();
  int egress = 0;
  auto sites = newSites(j, &egress);
  CHECK(egress == 1);
  for (const auto& s : sites) {
    CHECK(s.file == "src/index.js");
    CHECK(s.line == line);
    if (!s.host.empty()) CHECK(s.host == "collector.newvendor.example");
  }
  CHECK(j["baseline"]["absent"].empty());
  std::string sarif = readAll(repo.file(flagValue(repo.scan, "--sarif-output")));
  CHECK(sarif.find("\"baselineState\": \"new\"") != std::string::npos);
}

TEST_CASE("ci gate (2): 20 lines above every egress and a reformatted file pass", "[gate]") {
  GateRepo repo;
  std::string pad;
  for (int i = 0; i < 20; ++i) pad += "  // padding line " + std::to_string(i) + "\n";
  repo.edit("src/index.js", "  await fetch('https://api.vendor.example",
            pad + "  await fetch('https://api.vendor.example");
  repo.edit("src/index.js", "const resolver = new Resolver();",
            pad + "const resolver = new Resolver();");
  // notify.js reformatted (quotes, indentation, line breaks, trailing commas,
  // no semicolons) with 20 lines above each call.
  std::string padded4;
  for (int i = 0; i < 20; ++i)
    padded4 += "    const unused" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  writeAll(repo.file("src/lib/notify.js"),
           "// Outgoing notifications of the gate fixture.\n"
           "import { fetch } from \"@forge/api\"\n"
           "\n"
           "export async function notify(text) {\n" +
               padded4 +
               "    await fetch(\n"
               "        \"https://hooks.slack.com/services/T000/B000/XXXX\",\n"
               "        {\n"
               "            method: \"POST\",\n"
               "            body: JSON.stringify({ text }),\n"
               "        },\n"
               "    )\n"
               "}\n"
               "\n"
               "export async function ping() {\n" +
               padded4 +
               "    await fetch(\"https://status.vendor.example/ping\", {\n"
               "        method: \"GET\",\n"
               "    })\n"
               "}\n");
  Run r = repo.gate();
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  auto j = repo.gateJson();
  CHECK(newSites(j).empty());
  CHECK(j["baseline"]["absent"].empty());
  // The lines did move.
  bool moved = false;
  for (const auto& e : j["apps"][0]["egress"])
    moved = moved || (e["file"] == "src/lib/notify.js" && e["line"].get<int>() > 20);
  CHECK(moved);
  // A scan started from another directory, with absolute paths, agrees.
  Run elsewhere = sh(repo.tmp.path(),
                     withBinary("forge-egress scan " + quote(repo.root.string()) + " --baseline " +
                                quote((repo.root / flagValue(repo.scan, "--baseline")).string()) +
                                " --fail-on new"));
  INFO(elsewhere.out << elsewhere.err);
  CHECK(elsewhere.code == 0);
}

TEST_CASE("ci gate (3): an existing call that gains context.accountId fails - that site new",
          "[gate]") {
  GateRepo repo;
  repo.edit("src/index.js", "body: JSON.stringify({ summary: 'sync requested', site: 'gate-app' })",
            "body: JSON.stringify({ summary: 'sync requested', site: 'gate-app', user: "
            "context.accountId })");
  int line = lineOf(repo.file("src/index.js"), "await fetch('https://api.vendor.example");
  Run r = repo.gate();
  INFO(r.out << r.err);
  CHECK(r.code == 1);
  auto j = repo.gateJson();
  int egress = 0;
  auto sites = newSites(j, &egress);
  CHECK(egress == 1);
  REQUIRE_FALSE(sites.empty());
  for (const auto& s : sites) {
    CHECK(s.file == "src/index.js");
    CHECK(s.line == line);
    if (!s.host.empty()) CHECK(s.host == "api.vendor.example");
  }
  for (const auto& e : j["apps"][0]["egress"])
    if (e["baselineState"] == "new") CHECK(e["data"] == nlohmann::json::array({"user-identity"}));
  // The same site without the data is what the baseline had: absent now.
  bool oldAbsent = false;
  for (const auto& a : j["baseline"]["absent"])
    oldAbsent = oldAbsent ||
                (a["kind"] == "egress" && a["host"] == "api.vendor.example" && a["data"].empty());
  CHECK(oldAbsent);
}

TEST_CASE("ci gate (4): a removed egress passes and is reported absent", "[gate]") {
  GateRepo repo;
  repo.edit("src/lib/notify.js",
            "  await fetch('https://status.vendor.example/ping', { method: 'GET' });\n", "");
  Run r = repo.gate();
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("absent:") != std::string::npos);
  CHECK(r.out.find("status.vendor.example") != std::string::npos);
  auto j = repo.gateJson();
  bool egressAbsent = false;
  for (const auto& a : j["baseline"]["absent"])
    egressAbsent = egressAbsent || (a["kind"] == "egress" && a["host"] == "status.vendor.example" &&
                                    a["file"] == "src/lib/notify.js" && a["function"] == "ping");
  CHECK(egressAbsent);
  int egress = 0;
  newSites(j, &egress);
  CHECK(egress == 0);
}
