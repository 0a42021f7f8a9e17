// What the human-readable reports (Markdown, HTML) show of an app, computed once: its external
// destinations with their sites, data and entry points, and the data-flow graph drawn from them
// (data categories → entry points → destinations, one node per destination).
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/scan.h"

namespace fe {

struct Destination {
  std::string host;  // or "unknown host (env)" and the like
  bool declared = true;
  bool fresh = false;  // a site new since the baseline
  std::set<std::string> sides, data, entries;
  std::vector<size_t> sites;  // indexes into the verdict's egress
};

// An app's heading: its manifest's path, with the app id when it has one.
std::string appTitle(const AppReport& app);

// Keyed and ordered by host; Atlassian hosts left out.
std::map<std::string, Destination> externalDestinations(const AppReport& app);
std::string destinationKey(const EgressSite& e);

struct FlowGraph {
  struct Node {
    int layer = 0;  // 0 data category, 1 entry point, 2 destination
    std::string text;
    bool undeclared = false;
  };
  std::vector<Node> nodes;
  std::set<std::pair<size_t, size_t>> edges;
  size_t destinationsLeftOut = 0;  // beyond the limit
};

// One row of "New since the baseline": an egress site or a finding the baseline lacks.
struct NewResultRow {
  std::string what;  // "egress" or the rule id
  std::string app;   // the manifest's path
  std::string file;
  uint32_t line = 0;
  std::string detail;  // "<api> to <destination>[ (undeclared)]", or the finding's message
};
std::vector<NewResultRow> newSinceBaseline(const ScanResult& result);

// The findings of one level that the reports list in a table of their own: all but FE001
// and FE005, which the destinations table shows.
std::vector<const Finding*> tabledFindings(const AppReport& app, Level level);

// Edges per call site, so a category is linked only to the entry points whose sites it reaches.
FlowGraph flowGraph(const AppReport& app, const std::map<std::string, Destination>& dests,
                    size_t maxDestinations = 40);

}  // namespace fe
