// Test helpers (see test_support.h).
#include "test_support.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <random>

#include "flow/solver.h"

namespace fe::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = fs::temp_directory_path() /
          ("forge-egress-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void TempDir::write(const std::string& relative, const std::string& content) const {
  fs::path p = path_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

std::string manifestFor(const std::string& moduleType, const std::vector<std::string>& backend) {
  std::string m = "modules:\n";
  if (moduleType == "resolver") {
    m += "  jira:issuePanel:\n    - key: panel\n      resource: main\n      resolver:\n        "
         "function: fn\n"
         "      render: native\n      title: Panel\n";
  } else if (moduleType == "trigger") {
    m += "  trigger:\n    - key: t\n      function: fn\n      events:\n        - "
         "avi:jira:created:issue\n";
  } else if (moduleType == "webtrigger") {
    m += "  webtrigger:\n    - key: w\n      function: fn\n";
  } else if (moduleType == "scheduledTrigger") {
    m += "  scheduledTrigger:\n    - key: s\n      function: fn\n      interval: hour\n";
  } else if (moduleType == "consumer") {
    m += "  consumer:\n    - key: c\n      queue: q\n      function: fn\n";
  }
  m += "  function:\n    - key: fn\n      handler: index.handler\n";
  if (moduleType == "resolver")
    m += "resources:\n  - key: main\n    path: src/frontend/index.jsx\n";
  if (!backend.empty()) {
    m += "permissions:\n  external:\n    fetch:\n      backend:\n";
    for (const auto& b : backend) m += "        - address: " + b + "\n";
  }
  m += "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n  runtime:\n    "
       "name: nodejs22.x\n";
  return m;
}

ScanResult scanFiles(const std::map<std::string, std::string>& files, ScanOptions options) {
  TempDir dir;
  bool hasManifest = false;
  for (const auto& [path, content] : files) {
    dir.write(path, content);
    hasManifest = hasManifest || path == "manifest.yml";
  }
  if (!hasManifest) dir.write("manifest.yml", manifestFor());
  // manifestFor's resolver app declares this resource; a missing one would make
  // every verdict incomplete (as it should for a real app).
  if (!files.count("src/frontend/index.jsx") &&
      (!hasManifest ||
       files.at("manifest.yml").find("src/frontend/index.jsx") != std::string::npos))
    dir.write("src/frontend/index.jsx", "export default function App() { return null; }\n");
  options.root = dir.path().string();
  if (options.jobs == 0) options.jobs = 1;  // one thread unless a test asks for more
  return runScan(options);
}

const EgressSite* egressAt(const ScanResult& result, const std::string& file, int line) {
  const EgressSite* found = nullptr;
  for (const auto& app : result.apps)
    for (const auto& e : app.verdict.egress)
      if (e.file == file && static_cast<int>(e.site.line) == line) {
        if (found) return nullptr;
        found = &e;
      }
  return found;
}

std::vector<std::string> dataAt(const ScanResult& result, const std::string& file, int line) {
  const EgressSite* e = egressAt(result, file, line);
  if (!e) return {"<no single egress at " + file + ":" + std::to_string(line) + ">"};
  return categoryNames(e->data);
}

bool hasFinding(const ScanResult& result, const std::string& ruleId, const std::string& file,
                int line) {
  for (const auto& app : result.apps)
    for (const auto& f : app.verdict.findings)
      if (f.ruleId == ruleId && f.file == file && static_cast<int>(f.site.line) == line)
        return true;
  return false;
}

int countEgress(const ScanResult& result) {
  int n = 0;
  for (const auto& app : result.apps) n += static_cast<int>(app.verdict.egress.size());
  return n;
}

std::string hostAt(const ScanResult& result, const std::string& file, int line) {
  const EgressSite* e = egressAt(result, file, line);
  if (!e) return "missing";
  return e->host ? *e->host : "null";
}

std::vector<std::string> hostsAt(const ScanResult& result, const std::string& file, int line) {
  std::vector<std::string> out;
  for (const auto& app : result.apps)
    for (const auto& e : app.verdict.egress)
      if (e.file == file && e.site.line == static_cast<uint32_t>(line))
        out.push_back(e.host ? *e.host : "?" + e.hostSource);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace fe::test
