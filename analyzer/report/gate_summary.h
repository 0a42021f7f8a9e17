// What a scan comes to, in one line: per app and in total, the external destinations, how many
// are undeclared, carry customer data or are new since the baseline, and the CI gate's decision
// with its reason ("exit 1: 2 new undeclared destinations"). Every report ends with it, and the
// command line's exit code is the one it states.
#pragma once

#include <string>
#include <vector>

#include "pipeline/scan.h"

namespace fe {

struct DestinationCounts {
  size_t destinations = 0;  // distinct external hosts (an unknown host counts per call site)
  size_t undeclared = 0;    // of those, reached by a call the manifest does not allow
  size_t withData = 0;      // of those, reached with customer data
  size_t fresh = 0;         // of those, reached by a site new since the baseline
};

DestinationCounts countDestinations(const ScanResult& result, const AppReport& app);

struct GateDecision {
  int exitCode = 0;
  std::string reason;  // why, in a few words: "2 error findings (FE002, FE003)"
};

// The exit code of product.md §8 and its reason: 2 when an app could not be read, 1 when the
// verdict is incomplete (unless allowed) or --fail-on finds a result, 0 otherwise.
GateDecision decideGate(const ScanResult& result, const std::string& failOn, bool allowIncomplete);

// "3 destinations: 2 undeclared, 1 with customer data, 1 new — exit 1: …" (per app when
// several, then the total).
std::vector<std::string> summaryLines(const ScanResult& result, const GateDecision& gate);

}  // namespace fe
