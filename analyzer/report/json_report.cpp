// The json output format (see json_report.h).
#include "report/json_report.h"

#include <fmt/format.h>

#include <set>

#include "report/policy_claims.h"

namespace fe {

const char* sideName(SourceSide side) {
  return side == SourceSide::Frontend ? "frontend" : side == SourceSide::Both ? "both" : "backend";
}

std::string verdictLine(const AppReport& app) {
  const auto& v = app.verdict;
  std::set<std::string> destinations;
  size_t external = 0;
  for (size_t i = 0; i < v.egress.size(); ++i) {
    if (v.atlassian[i]) continue;
    ++external;
    destinations.insert(v.egress[i].host ? *v.egress[i].host
                                         : "unknown host at " + v.egress[i].file + ":" +
                                               std::to_string(v.egress[i].site.line));
  }
  if (external == 0) {
    if (!app.incomplete.empty())
      return fmt::format(
          "incomplete: nothing external found in what was analysed, but {} part{} not "
          "analysed, so no claim can be made",
          app.incomplete.size(), app.incomplete.size() == 1 ? " was" : "s were");
    return fmt::format(
        "no external egress: the 'no external servers' claim holds for {} function{} in {} file{}",
        app.functions, app.functions == 1 ? "" : "s", app.files, app.files == 1 ? "" : "s");
  }
  size_t withData = 0;
  for (size_t i = 0; i < v.egress.size(); ++i)
    if (!v.atlassian[i] && v.egress[i].data) ++withData;
  return fmt::format("{}{} destination{} ({} call site{}, {} with customer data)",
                     app.incomplete.empty() ? "" : "incomplete: ", destinations.size(),
                     destinations.size() == 1 ? "" : "s", external, external == 1 ? "" : "s",
                     withData);
}

// CI gate fields (docs/json-output.md): `suppressed` always, the suppression
// when there is one, `baselineState` when the scan compared with a baseline.
static void addGateFields(nlohmann::ordered_json& j, const ScanResult& result, bool suppressed,
                          const std::string& kind, const std::string& reason,
                          const std::string& state) {
  j["suppressed"] = suppressed;
  if (suppressed) j["suppression"] = {{"kind", kind}, {"justification", reason}};
  if (result.baselineGiven) j["baselineState"] = state.empty() ? "new" : state;
}

nlohmann::ordered_json jsonReport(const ScanResult& result) {
  using json = nlohmann::ordered_json;
  json out;
  out["version"] = kJsonSchemaVersion;
  out["tool"] = {{"name", "forge-egress"}, {"version", FORGE_EGRESS_VERSION}};
  json apps = json::array();
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    json a;
    a["manifest"] = app.manifest.path;
    a["appId"] = app.manifest.appId;
    a["verdict"] = verdictLine(app);
    a["complete"] = app.incomplete.empty();
    a["incomplete"] = app.incomplete;
    json egress = json::array();
    for (size_t i = 0; i < v.egress.size(); ++i) {
      const EgressSite& e = v.egress[i];
      json j;
      j["file"] = e.file;
      j["line"] = e.site.line;
      j["column"] = e.site.column;
      j["api"] = e.api;
      j["side"] = sideName(e.side);
      j["host"] = e.host ? json(*e.host) : json(nullptr);
      j["url"] = e.url;
      j["hostSource"] = e.hostSource;
      j["declared"] = static_cast<bool>(v.declared[i]);
      j["atlassian"] = static_cast<bool>(v.atlassian[i]);
      j["data"] = categoryNames(e.data);
      j["entryPoints"] = e.entryPoints;
      j["function"] = e.function;
      json path = json::array();
      for (const auto& s : e.path)
        path.push_back({{"file", s.file}, {"line", s.line}, {"label", s.label}});
      j["path"] = path;
      j["fingerprint"] = i < app.egressFingerprints.size() ? app.egressFingerprints[i] : "";
      const EgressGateState gate =
          i < app.egressGate.size() ? app.egressGate[i] : EgressGateState{};
      addGateFields(j, result, gate.suppressed, gate.suppressionKind, gate.suppressionReason,
                    gate.baselineState);
      egress.push_back(j);
    }
    a["egress"] = egress;
    json perms = json::array();
    for (const auto& p : v.permissions) {
      json j;
      j["list"] = p.list;
      j["address"] = p.address.empty() ? json(nullptr) : json(p.address);
      if (!p.remote.empty()) j["remote"] = p.remote;
      j["category"] = p.category.empty() ? json(nullptr) : json(p.category);
      j["inScopeEUD"] = p.inScopeEUD ? json(*p.inScopeEUD) : json(nullptr);
      j["line"] = p.line;
      j["used"] = p.used;
      perms.push_back(j);
    }
    a["permissions"] = perms;
    json findings = json::array();
    for (const auto& f : v.findings) {
      json j;
      j["ruleId"] = f.ruleId;
      j["level"] = levelName(f.level);
      j["message"] = f.message;
      j["file"] = f.file;
      j["line"] = f.site.line;
      j["column"] = f.site.column;
      j["fingerprint"] = f.fingerprint;
      addGateFields(j, result, f.suppressed, f.suppressionKind, f.suppressionReason,
                    f.baselineState);
      findings.push_back(j);
    }
    a["findings"] = findings;
    a["runsOnAtlassian"] = {{"eligible", v.roaReasons.empty()}, {"reasons", v.roaReasons}};
    json claims = json::array();
    for (const auto& c : policyClaims(app)) {
      json j = {
          {"claim", c.id}, {"status", c.status}, {"rules", c.rules}, {"findings", c.findings}};
      if (c.first)
        j["first"] = {
            {"ruleId", c.first->ruleId}, {"file", c.first->file}, {"line", c.first->site.line}};
      claims.push_back(j);
    }
    a["policy"] = claims;
    apps.push_back(a);
  }
  out["apps"] = apps;
  // The scan could not run (exit 2): a manifest it cannot read, a bad configuration.
  if (result.inputError) {
    const Diagnostic& e = *result.inputError;
    out["error"] = {{"code", e.code},
                    {"file", e.file},
                    {"line", e.line},
                    {"column", e.column},
                    {"message", e.message}};
  }
  // Apps whose manifest could not be read (the scan exits 2): "path:line:col: reason".
  if (!result.failedApps.empty()) out["notAnalysed"] = result.failedApps;
  json diags = json::array();
  for (const auto& d : result.diagnostics) {
    diags.push_back({{"severity", severityName(d.severity)},
                     {"code", d.code},
                     {"file", d.file},
                     {"line", d.line},
                     {"column", d.column},
                     {"message", d.message}});
  }
  out["diagnostics"] = diags;
  if (result.baselineGiven) {
    json absent = json::array();
    for (const auto& b : result.absent) {
      json j;
      j["manifest"] = b.manifest;
      j["kind"] = b.kind;
      if (!b.ruleId.empty()) j["ruleId"] = b.ruleId;
      j["host"] = b.host.empty() ? json(nullptr) : json(b.host);
      j["file"] = b.file;
      j["function"] = b.function;
      j["data"] = b.data;
      if (!b.message.empty()) j["message"] = b.message;
      j["fingerprint"] = b.fingerprint;
      j["baselineState"] = "absent";
      absent.push_back(j);
    }
    out["baseline"] = {{"absent", absent}};
  }
  return out;
}

std::string renderJson(const ScanResult& result) {
  // Invalid UTF-8 in file names or strings must not abort output.
  return jsonReport(result).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace fe
