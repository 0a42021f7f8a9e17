// The scan pipeline: discover → manifest → parse → index → flow → rules.
// Runs every app under the scan root and returns results that the report
// stage prints; nothing here writes output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/solver.h"
#include "manifest/manifest.h"
#include "rules/rules.h"
#include "support/diagnostic.h"

namespace fe {

struct ScanOptions {
  std::string root = ".";
  int jobs = 0;                             // 0 = one per core
  uint64_t maxFileBytes = 8ull << 20;       // larger sources are skipped (verdict incomplete)
  uint64_t maxManifestBytes = 4ull << 20;
  uint32_t maxDepth = 3000;                 // syntax nesting followed by the traversal
  FlowBudget budget;
  RuleOverrides rules;
  const Catalog* catalog = nullptr;  // null: the built-in catalog (queries/)
  std::vector<std::string> ignore;   // path globs (relative to the scan root) never analysed
};

struct AppReport {
  Manifest manifest;
  std::string dir;  // relative to the scan root
  AppVerdict verdict;
  std::vector<std::string> egressFingerprints;
  uint32_t files = 0;
  uint32_t functions = 0;
  std::vector<std::string> incomplete;  // why the verdict cannot be promised
  FlowStats stats;
};

struct ScanResult {
  std::string root;  // as given
  std::vector<AppReport> apps;
  Diagnostics diagnostics;  // sorted
  bool inputError = false;
  std::string inputErrorMessage;  // one line for stderr
  uint32_t filesParsed = 0;
  uint64_t bytesParsed = 0;
};

ScanResult runScan(const ScanOptions& options);

}  // namespace fe
