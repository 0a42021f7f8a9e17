// The project configuration `.forge-egress.yml` (docs/ci.md): accepted hosts,
// ignored paths, rule levels and extra catalog sinks/sources. Strict: an
// unknown key or a bad value is an error with file:line:col (exit 2).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "pipeline/scan.h"
#include "rules/rules.h"

namespace fe {

inline constexpr const char* kConfigFileName = ".forge-egress.yml";

struct Config {
  std::string path;  // the file read; empty when there is none
  std::vector<AllowedHost> allow;
  std::vector<std::string> ignore;
  std::vector<std::string> authorization;  // path#function that check a user's access (FE013)
  RuleOverrides rules;
  bool sarifNotes = false;      // `sarif: {notes: true}`: note-level results in SARIF too
  bool extendsCatalog = false;  // `sinks` or `sources` given
  Catalog catalog;              // the built-in catalog plus them, when extendsCatalog
};

// Parses configuration text; false with the error (file:line:col and the
// line's text) in `errors`.
bool loadConfigText(std::string_view text, const std::string& displayPath, Config& out,
                    Diagnostics& errors);
// The configuration of a scan of `root`: `explicitPath` (--config) when
// given, else `.forge-egress.yml` at the scan root when it exists.
bool loadScanConfig(const std::string& root, const std::string& explicitPath, Config& out,
                    Diagnostics& errors);
// Puts the configuration into scan options; `config` must outlive the scan.
void applyConfig(const Config& config, ScanOptions& options);

// "api.example.com" or "*.example.com" (any subdomain); case-insensitive,
// a port on the host is ignored.
bool hostPatternMatches(std::string_view pattern, std::string_view host);
bool validHostPattern(std::string_view pattern);

}  // namespace fe
