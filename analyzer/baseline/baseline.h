// The baseline of the CI gate (docs/ci.md): the accepted egress sites and
// findings with their fingerprints, written as sorted YAML for readable diffs,
// and the comparison that marks each result new, unchanged or absent.
#pragma once

#include <string>
#include <vector>

#include "pipeline/scan.h"

namespace fe {

inline constexpr int kBaselineVersion = 1;

// One accepted result; the same fields as an absent result.
using BaselineEntry = AbsentResult;

// Every egress site and finding of the scan (suppressed ones included).
std::vector<BaselineEntry> baselineEntries(const ScanResult& result);
std::string renderBaseline(const ScanResult& result);
// Parses a baseline file; false with the error (file:line:col and the line's
// text) in `errors`.
bool parseBaseline(const std::string& text, const std::string& displayPath,
                   std::vector<BaselineEntry>& out, Diagnostics& errors);
bool loadBaseline(const std::string& path, std::vector<BaselineEntry>& out, Diagnostics& errors);
// Sets baselineState on every finding and egress site and fills result.absent.
void compareWithBaseline(ScanResult& result, const std::vector<BaselineEntry>& baseline);

// --fail-on: "new" (unsuppressed new egress or findings, FE005 aside; every
// result is new without a baseline), "error" (unsuppressed error findings),
// "egress" (any unsuppressed external egress), "never".
bool gateFails(const ScanResult& result, const std::string& failOn);
// The results that make it fail, one by one (reports list them, --quiet prints only them).
bool egressFailsGate(const ScanResult& result, const AppReport& app, size_t egressIndex,
                     const std::string& failOn);
bool findingFailsGate(const ScanResult& result, const Finding& finding, const std::string& failOn);
// The gate fails closed: an app whose verdict is incomplete (something meant to
// be analysed was not) fails it under every --fail-on but "never", unless
// --allow-incomplete. Returns the one line that says why, or "" when it passes.
std::string incompleteGateReason(const ScanResult& result, const std::string& failOn,
                                 bool allowIncomplete);

}  // namespace fe
