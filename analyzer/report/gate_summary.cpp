// The one-line summary and the gate's decision (see gate_summary.h).
#include "report/gate_summary.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "baseline/baseline.h"

namespace fe {

namespace {
std::string plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string countsText(const DestinationCounts& c) {
  std::string out = plural(c.destinations, "destination", "destinations");
  if (c.destinations == 0) return out;
  out += fmt::format(": {} undeclared, {} with customer data", c.undeclared, c.withData);
  return out;
}
}  // namespace

DestinationCounts countDestinations(const ScanResult& result, const AppReport& app) {
  const auto& v = app.verdict;
  std::set<std::string> all, undeclared, withData, fresh;
  for (size_t i = 0; i < v.egress.size(); ++i) {
    if (v.atlassian[i]) continue;
    const EgressSite& e = v.egress[i];
    std::string key =
        e.host ? *e.host : "unknown host at " + e.file + ":" + std::to_string(e.site.line);
    all.insert(key);
    if (!v.declared[i]) undeclared.insert(key);
    if (e.data) withData.insert(key);
    if (result.baselineGiven && i < app.egressGate.size() &&
        app.egressGate[i].baselineState == "new")
      fresh.insert(key);
  }
  return {all.size(), undeclared.size(), withData.size(), fresh.size()};
}

GateDecision decideGate(const ScanResult& result, const std::string& failOn, bool allowIncomplete) {
  if (!result.failedApps.empty())
    return {2, plural(result.failedApps.size(), "app was", "apps were") + " not analysed"};
  std::string incomplete = incompleteGateReason(result, failOn, allowIncomplete);
  size_t incompleteApps = 0;
  for (const auto& app : result.apps) incompleteApps += !app.incomplete.empty();
  if (!incomplete.empty())
    return {1, fmt::format("the verdict of {} is incomplete (the gate fails closed)",
                           plural(incompleteApps, "app", "apps"))};
  if (failOn == "never") return {0, "--fail-on never"};
  // Count what fails, by kind.
  std::set<std::string> hosts;
  size_t sites = 0, undeclaredHosts = 0;
  std::set<std::string> undeclared;
  std::map<std::string, size_t> rules;
  size_t findings = 0;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    for (size_t i = 0; i < v.egress.size(); ++i) {
      if (!egressFailsGate(result, app, i, failOn)) continue;
      ++sites;
      std::string key = v.egress[i].host
                            ? *v.egress[i].host
                            : "?" + v.egress[i].file + ":" + std::to_string(v.egress[i].site.line);
      hosts.insert(key);
      if (!v.declared[i]) undeclared.insert(key);
    }
    for (const auto& f : v.findings)
      if (findingFailsGate(result, f, failOn)) {
        ++findings;
        ++rules[f.ruleId];
      }
  }
  undeclaredHosts = undeclared.size();
  std::string ruleList;
  for (const auto& [rule, n] : rules)
    ruleList += (ruleList.empty() ? "" : ", ") + (n == 1 ? rule : fmt::format("{} ×{}", rule, n));
  const char* fresh = result.baselineGiven ? "new " : "";
  if (failOn == "egress") {
    if (sites == 0) return {0, "no external egress"};
    return {1, fmt::format("{} to {} ({} undeclared)",
                           plural(sites, "external call site", "external call sites"),
                           plural(hosts.size(), "destination", "destinations"), undeclaredHosts)};
  }
  if (failOn == "new") {
    if (sites == 0 && findings == 0)
      return {0,
              result.baselineGiven ? "nothing new since the baseline" : "no egress, no findings"};
    std::string what;
    if (sites)
      what = fmt::format("{}{} ({} undeclared)", fresh,
                         plural(hosts.size(), "destination", "destinations"), undeclaredHosts);
    if (findings)
      what += fmt::format("{}{}{} ({})", what.empty() ? "" : " and ", fresh,
                          plural(findings, "finding", "findings"), ruleList);
    return {1, what};
  }
  if (findings == 0) return {0, "no error findings"};
  return {1, fmt::format("{} ({})", plural(findings, "error finding", "error findings"), ruleList)};
}

std::vector<std::string> summaryLines(const ScanResult& result, const GateDecision& gate) {
  std::vector<std::string> lines;
  DestinationCounts total;
  for (const auto& app : result.apps) {
    DestinationCounts c = countDestinations(result, app);
    total.destinations += c.destinations;
    total.undeclared += c.undeclared;
    total.withData += c.withData;
    total.fresh += c.fresh;
    if (result.apps.size() > 1) {
      std::string line = app.manifest.path + ": " + countsText(c);
      if (result.baselineGiven) line += fmt::format(", {} new", c.fresh);
      if (!app.incomplete.empty()) line += " (incomplete)";
      lines.push_back(line);
    }
  }
  std::string line = result.apps.size() > 1
                         ? fmt::format("{} apps, {}", result.apps.size(), countsText(total))
                         : countsText(total);
  if (result.baselineGiven && total.destinations) line += fmt::format(", {} new", total.fresh);
  line += fmt::format(" — exit {}: {}", gate.exitCode, gate.reason);
  lines.push_back(line);
  return lines;
}

}  // namespace fe
