// The scan pipeline: discover → manifest → parse → index → flow → rules.
// Runs every app under the scan root and returns results that the report
// stage prints; nothing here writes output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/budget.h"
#include "manifest/manifest.h"
#include "rules/rules.h"
#include "support/diagnostic.h"

namespace fe {

// A host accepted by configuration (`allow` in .forge-egress.yml): egress to
// it and the findings about that egress are suppressed (kind "external").
struct AllowedHost {
  std::string pattern;  // "api.example.com" or "*.example.com" (subdomains)
  std::string reason;
};

// An inline `// forge-egress-ignore FE00N: reason` comment of an app's file.
struct InlineSuppression {
  std::string file;  // relative to the scan root
  uint32_t line = 0;
  std::string ruleId;
  std::string reason;
};

// The CI gate's state of one egress site (parallel to AppVerdict::egress).
struct EgressGateState {
  bool suppressed = false;
  std::string suppressionKind;  // "inSource" or "external"
  std::string suppressionReason;
  std::string baselineState;  // "", "new" or "unchanged"
};

// A baseline entry this scan no longer finds (baselineState "absent").
struct AbsentResult {
  std::string manifest;  // the app's manifest path
  std::string kind;      // "egress" or "finding"
  std::string fingerprint;
  std::string ruleId;  // findings only
  std::string level;   // findings only
  std::string host;
  std::string file;
  std::string function;
  std::string api;
  std::vector<std::string> data;
  std::string message;
};

struct ScanOptions {
  std::string root = ".";
  int jobs = 0;  // 0 = one per core
  // Larger sources are skipped (verdict incomplete). 16 MiB takes the largest single files
  // real dependencies ship (typescript.js, 9 MB) in about 10 s and 1 GB on one core.
  uint64_t maxFileBytes = 16ull << 20;
  uint64_t maxManifestBytes = 4ull << 20;
  uint32_t maxDepth = 3000;  // syntax nesting followed by the traversal
  FlowBudget budget;
  PartitionLimits partition;
  // `authorization` in .forge-egress.yml: "path#function" that check a user's access (FE013).
  std::vector<std::string> authorizationFunctions;
  RuleOverrides rules;
  const Catalog* catalog = nullptr;  // null: the built-in catalog (queries/)
  std::vector<std::string> ignore;   // path globs (relative to the scan root) never analysed
  std::vector<AllowedHost> allow;    // hosts accepted by configuration (suppressed, kind external)
};

struct AppReport {
  Manifest manifest;
  std::string dir;  // relative to the scan root
  AppVerdict verdict;
  std::vector<std::string> egressFingerprints;
  std::vector<EgressGateState> egressGate;      // parallel to verdict.egress
  std::vector<InlineSuppression> suppressions;  // inline comments in the app's files
  uint32_t files = 0;
  uint32_t functions = 0;
  std::vector<std::string> incomplete;  // why the verdict cannot be promised
  FlowStats stats;
};

struct ScanResult {
  std::string root;  // as given
  std::vector<AppReport> apps;
  Diagnostics diagnostics;  // sorted
  // Apps whose manifest could not be read (the others are still reported): the
  // scan exits 2 naming them, since nothing can be said of those apps.
  std::vector<std::string> failedApps;
  // Set when the scan could not start (no such root, no Forge app) or its configuration or
  // baseline could not be read: exit 2, and every output says why.
  std::optional<Diagnostic> inputError;
  uint32_t filesParsed = 0;
  uint64_t bytesParsed = 0;
  bool baselineGiven = false;        // --baseline: results carry baselineState
  std::vector<AbsentResult> absent;  // baseline entries no longer found (sorted)
};

ScanResult runScan(const ScanOptions& options);

}  // namespace fe
