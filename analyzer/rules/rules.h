// The rules FE001–FE017: their stable ids, names, default levels and help
// (one place, used by every output format and the docs), and the rule
// engine that turns egress sites and the manifest into findings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/egress_site.h"
#include "manifest/manifest.h"

namespace fe {

enum class Level { Note, Warning, Error };
const char* levelName(Level level);

struct RuleInfo {
  const char* id;
  const char* name;
  Level level;
  const char* shortDescription;
  const char* help;
  double securitySeverity;  // GitHub code scanning: 0.0–10.0
  const char* precision;    // SARIF precision: high, medium, low
};

const std::vector<RuleInfo>& allRules();
const RuleInfo* findRule(const std::string& id);
// By id ("FE001") or by name ("customer-data-egress"), as configuration and comments accept.
const RuleInfo* findRuleByIdOrName(const std::string& idOrName);

struct RelatedLocation {
  std::string file;
  int line = 0;
  std::string message;
};

struct Finding {
  std::string ruleId;
  Level level = Level::Warning;
  std::string message;
  std::string file;
  SourceSite site;
  int egressIndex = -1;  // the egress site it is about, if any
  int logIndex = -1;
  std::vector<RelatedLocation> related;
  std::string fingerprint;
  std::string function;
  std::string host;
  uint8_t data = 0;
  std::vector<WitnessStep> path;  // policy findings (FE013–FE017): how the data got there
  // Set by the CI gate (issue 6): suppressions and baseline comparison.
  bool suppressed = false;
  std::string suppressionKind;  // "inSource" (// forge-egress-ignore) or "external" (config allow)
  std::string suppressionReason;
  std::string baselineState;  // "", "new", "unchanged" (absent results live in the report)
};

struct PermissionUse {
  std::string list;
  std::string address;
  std::string remote;
  std::string category;
  std::optional<bool> inScopeEUD;
  int line = 0;
  bool used = false;
};

struct RuleOverrides {
  std::map<std::string, std::optional<Level>> levels;  // nullopt = off
};

struct AppVerdict {
  std::vector<EgressSite> egress;  // with declared/atlassian filled
  std::vector<bool> declared;
  std::vector<bool> atlassian;
  std::vector<PermissionUse> permissions;
  std::vector<Finding> findings;
  std::vector<LogSite> logs;
  std::vector<std::string> roaReasons;  // Runs on Atlassian ineligibility reasons
};

AppVerdict applyRules(const Manifest& manifest, FlowFindings flow, const RuleOverrides& overrides,
                      const Catalog& catalog);

}  // namespace fe
