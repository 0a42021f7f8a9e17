// The destinations and data-flow graph of an app (see report_model.h).
#include "report/report_model.h"

#include "flow/data_category.h"
#include "report/json_report.h"

namespace fe {

std::string destinationKey(const EgressSite& e) {
  return e.host ? *e.host : "unknown host (" + e.hostSource + ")";
}

std::string appTitle(const AppReport& app) {
  return app.manifest.appId.empty() ? app.manifest.path
                                    : app.manifest.path + " (" + app.manifest.appId + ")";
}

std::vector<NewResultRow> newSinceBaseline(const ScanResult& result) {
  std::vector<NewResultRow> rows;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    for (size_t i = 0; i < v.egress.size(); ++i)
      if (!v.atlassian[i] && i < app.egressGate.size() && app.egressGate[i].baselineState == "new")
        rows.push_back({"egress", app.manifest.path, v.egress[i].file, v.egress[i].site.line,
                        v.egress[i].api + " to " + destinationKey(v.egress[i]) +
                            (v.declared[i] ? "" : " (undeclared)")});
    for (const auto& f : v.findings)
      if (f.baselineState == "new" && f.ruleId != "FE001")
        rows.push_back({f.ruleId, app.manifest.path, f.file, f.site.line, f.message});
  }
  return rows;
}

std::vector<const Finding*> tabledFindings(const AppReport& app, Level level) {
  std::vector<const Finding*> out;
  for (const auto& f : app.verdict.findings)
    if (f.level == level && f.ruleId != "FE001" && f.ruleId != "FE005") out.push_back(&f);
  return out;
}

std::map<std::string, Destination> externalDestinations(const AppReport& app) {
  const auto& v = app.verdict;
  std::map<std::string, Destination> out;
  for (size_t i = 0; i < v.egress.size(); ++i) {
    if (v.atlassian[i]) continue;
    const EgressSite& e = v.egress[i];
    Destination& d = out[destinationKey(e)];
    d.host = destinationKey(e);
    d.declared = d.declared && v.declared[i];
    d.sides.insert(sideName(e.side));
    for (const auto& c : categoryNames(e.data)) d.data.insert(c);
    for (const auto& ep : e.entryPoints) d.entries.insert(ep);
    d.sites.push_back(i);
    d.fresh = d.fresh || (i < app.egressGate.size() && app.egressGate[i].baselineState == "new");
  }
  return out;
}

FlowGraph flowGraph(const AppReport& app, const std::map<std::string, Destination>& dests,
                    size_t maxDestinations) {
  FlowGraph g;
  std::map<std::pair<int, std::string>, size_t> ids;
  auto node = [&](int layer, const std::string& text, bool undeclared = false) {
    auto [it, fresh] = ids.emplace(std::make_pair(layer, text), g.nodes.size());
    if (fresh) g.nodes.push_back({layer, text, undeclared});
    return it->second;
  };
  std::map<std::string, size_t> destNode;
  for (const auto& [key, d] : dests) {
    if (destNode.size() >= maxDestinations) {
      ++g.destinationsLeftOut;
      continue;
    }
    destNode[key] = node(2, d.host + (d.declared ? "" : " (undeclared)"), !d.declared);
  }
  const auto& v = app.verdict;
  for (size_t i = 0; i < v.egress.size(); ++i) {
    if (v.atlassian[i]) continue;
    auto dn = destNode.find(destinationKey(v.egress[i]));
    if (dn == destNode.end()) continue;
    std::vector<std::string> entries = v.egress[i].entryPoints;
    if (entries.empty()) entries.push_back("no entry point");
    for (const auto& ep : entries) {
      size_t e = node(1, ep);
      g.edges.insert({e, dn->second});
      for (const auto& c : categoryNames(v.egress[i].data)) g.edges.insert({node(0, c), e});
    }
  }
  return g;
}

}  // namespace fe
