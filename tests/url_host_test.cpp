// Differential test of support/url_host.h against Node's own `new URL()`:
// tests/data/url_cases.jsonl lists tricky URLs (one JSON string a line); Node
// computes the expected protocol, hostname and port at test time, so the table
// grows without anyone working out answers by hand. Skipped where Node is absent.
#include "support/url_host.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

const char* kNodeScript = R"JS(
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l.length);
for (const line of lines) {
  const input = JSON.parse(line);
  let out;
  try {
    const u = new URL(input);
    out = { ok: true, protocol: u.protocol, hostname: u.hostname, port: u.port };
  } catch (e) {
    out = { ok: false };
  }
  console.log(JSON.stringify(out));
}
)JS";

std::string runCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("URL hosts are what Node's URL parser resolves (differential - tests/data)",
          "[url][differential]") {
  if (std::system("node --version >/dev/null 2>&1") != 0) {
    WARN("skipped: node is not installed (scripts/setup.sh installs it)");
    return;
  }
  std::string casesPath = std::string(FORGE_EGRESS_SOURCE_DIR) + "/tests/data/url_cases.jsonl";
  std::vector<std::string> inputs;
  {
    std::ifstream in(casesPath);
    std::string line;
    while (std::getline(in, line))
      if (!line.empty()) inputs.push_back(nlohmann::json::parse(line).get<std::string>());
  }
  REQUIRE(inputs.size() >= 150);
  fe::test::TempDir dir;
  dir.write("node_url.js", kNodeScript);
  std::string output =
      runCommand("node " + (dir.path() / "node_url.js").string() + " '" + casesPath + "'");
  std::vector<nlohmann::json> expected;
  size_t start = 0;
  while (start < output.size()) {
    size_t nl = output.find('\n', start);
    if (nl == std::string::npos) nl = output.size();
    if (nl > start) expected.push_back(nlohmann::json::parse(output.substr(start, nl - start)));
    start = nl + 1;
  }
  REQUIRE(expected.size() == inputs.size());
  size_t compared = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& e = expected[i];
    auto ours = fe::parseUrlDestination(inputs[i]);
    INFO("URL " << nlohmann::json(inputs[i]).dump() << "  node: " << e.dump());
    if (!e["ok"].get<bool>()) {
      CHECK_FALSE(ours.has_value());
      ++compared;
      continue;
    }
    std::string protocol = e["protocol"].get<std::string>();
    if (protocol != "http:" && protocol != "https:" && protocol != "ws:" && protocol != "wss:" &&
        protocol != "ftp:") {
      CHECK_FALSE(ours.has_value());  // no network host: mailto:, data:, file:, javascript:
      ++compared;
      continue;
    }
    std::string hostname = e["hostname"].get<std::string>();
    if (hostname.empty()) {
      CHECK_FALSE(ours.has_value());
      ++compared;
      continue;
    }
    REQUIRE(ours.has_value());
    CHECK(ours->scheme + ":" == protocol);
    CHECK(ours->host == hostname);
    CHECK(ours->port == e["port"].get<std::string>());
    ++compared;
  }
  CHECK(compared == inputs.size());
}

TEST_CASE("a scheme-relative URL is https and a prefix counts once its authority ends", "[url]") {
  auto d = fe::parseUrlDestination("//cdn.example.com/lib.js");
  REQUIRE(d);
  CHECK(d->scheme == "https");
  CHECK(d->host == "cdn.example.com");
  CHECK_FALSE(fe::parseUrlDestination("https://api.exam", false));
  auto p = fe::parseUrlDestination("https://API.example.com/v1/", false);
  REQUIRE(p);
  CHECK(p->host == "api.example.com");
}
