// Helpers for tests: write a small app into a temporary folder, scan it with
// the library API, and look up egress sites and findings.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/scan.h"

namespace fe::test {

// A temporary folder removed at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// A manifest with one function `fn` (handler index.handler) used by a module
// of `moduleType` ("function", "trigger", "webtrigger", "resolver", …) and the
// given fetch.backend addresses.
std::string manifestFor(const std::string& moduleType = "resolver",
                        const std::vector<std::string>& backend = {});

// Scans files (relative path -> content); a manifest.yml is added when absent. One
// thread unless options.jobs says otherwise.
ScanResult scanFiles(const std::map<std::string, std::string>& files, ScanOptions options = {});

// The single egress site at file:line (nullptr when none or several).
const EgressSite* egressAt(const ScanResult& result, const std::string& file, int line);
std::vector<std::string> dataAt(const ScanResult& result, const std::string& file, int line);
bool hasFinding(const ScanResult& result, const std::string& ruleId, const std::string& file,
                int line);
int countEgress(const ScanResult& result);
// The host of the egress at file:line, "null" for unknown, "missing" when absent.
std::string hostAt(const ScanResult& result, const std::string& file, int line);
// Every host reported at file:line, sorted; an unknown host reads "?" + its source
// ("?user-input").
std::vector<std::string> hostsAt(const ScanResult& result, const std::string& file, int line);

}  // namespace fe::test
