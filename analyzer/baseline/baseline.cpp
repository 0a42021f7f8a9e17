// Baseline files and the gate (see baseline.h). Results are matched by
// (manifest, kind, fingerprint); line numbers are never stored, so a baseline
// only changes in a pull request when accepted egress changes.
#include "baseline/baseline.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "support/text_file.h"

namespace fe {

namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // manifest, kind, fingerprint

Key keyOf(const BaselineEntry& e) {
  return {e.manifest, e.kind, e.fingerprint};
}

bool entryLess(const BaselineEntry& a, const BaselineEntry& b) {
  return std::tie(a.manifest, a.kind, a.file, a.function, a.ruleId, a.host, a.api, a.fingerprint) <
         std::tie(b.manifest, b.kind, b.file, b.function, b.ruleId, b.host, b.api, b.fingerprint);
}

// Thrown inside the reader only; parseBaseline turns it into a Diagnostic.
struct BaselineError {
  Diagnostic diagnostic;
};

}  // namespace

std::vector<BaselineEntry> baselineEntries(const ScanResult& result) {
  std::vector<BaselineEntry> out;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    for (size_t i = 0; i < v.egress.size(); ++i) {
      const EgressSite& e = v.egress[i];
      BaselineEntry b;
      b.manifest = app.manifest.path;
      b.kind = "egress";
      b.fingerprint = i < app.egressFingerprints.size() ? app.egressFingerprints[i] : "";
      b.host = e.host.value_or("");
      b.file = e.file;
      b.function = e.function;
      b.api = e.api;
      b.data = categoryNames(e.data);
      out.push_back(std::move(b));
    }
    for (const auto& f : v.findings) {
      BaselineEntry b;
      b.manifest = app.manifest.path;
      b.kind = "finding";
      b.fingerprint = f.fingerprint;
      b.ruleId = f.ruleId;
      b.level = levelName(f.level);
      b.host = f.host;
      b.file = f.file;
      b.function = f.function;
      if (f.egressIndex >= 0 && static_cast<size_t>(f.egressIndex) < v.egress.size())
        b.api = v.egress[f.egressIndex].api;
      else if (f.logIndex >= 0 && static_cast<size_t>(f.logIndex) < v.logs.size())
        b.api = v.logs[f.logIndex].api;
      b.data = categoryNames(f.data);
      b.message = f.message;
      out.push_back(std::move(b));
    }
  }
  std::stable_sort(out.begin(), out.end(), entryLess);
  return out;
}

std::string renderBaseline(const ScanResult& result) {
  std::vector<BaselineEntry> entries = baselineEntries(result);
  YAML::Emitter y;
  y.SetIndent(2);
  y.SetNullFormat(YAML::LowerNull);
  y << YAML::BeginMap << YAML::Key << "version" << YAML::Value << kBaselineVersion;
  y << YAML::Key << "apps" << YAML::Value << YAML::BeginSeq;
  std::vector<std::string> manifests;
  for (const auto& app : result.apps) manifests.push_back(app.manifest.path);
  std::sort(manifests.begin(), manifests.end());
  for (const auto& m : manifests) {
    y << YAML::BeginMap << YAML::Key << "manifest" << YAML::Value << m;
    for (const char* kind : {"egress", "finding"}) {
      y << YAML::Key << (std::string(kind) == "egress" ? "egress" : "findings") << YAML::Value
        << YAML::BeginSeq;
      for (const auto& e : entries) {
        if (e.manifest != m || e.kind != kind) continue;
        y << YAML::BeginMap;
        if (!e.ruleId.empty()) y << YAML::Key << "rule" << YAML::Value << e.ruleId;
        if (!e.level.empty()) y << YAML::Key << "level" << YAML::Value << e.level;
        y << YAML::Key << "host" << YAML::Value;
        if (e.host.empty())
          y << YAML::Null;
        else
          y << e.host;
        y << YAML::Key << "file" << YAML::Value << e.file;
        y << YAML::Key << "function" << YAML::Value << e.function;
        if (!e.api.empty()) y << YAML::Key << "api" << YAML::Value << e.api;
        y << YAML::Key << "data" << YAML::Value << YAML::Flow << e.data;
        if (!e.message.empty()) y << YAML::Key << "message" << YAML::Value << e.message;
        y << YAML::Key << "fingerprint" << YAML::Value << e.fingerprint;
        y << YAML::EndMap;
      }
      y << YAML::EndSeq;
    }
    y << YAML::EndMap;
  }
  y << YAML::EndSeq << YAML::EndMap;
  return "# forge-egress baseline: the egress this project has accepted (docs/ci.md).\n"
         "# Regenerate after accepting a change: forge-egress baseline . -o "
         ".forge-egress-baseline.yml\n" +
         std::string(y.c_str()) + "\n";
}

bool parseBaseline(const std::string& text, const std::string& displayPath,
                   std::vector<BaselineEntry>& out, Diagnostics& errors) {
  auto fail = [&](const YAML::Node& n, const std::string& msg) {
    YAML::Mark m = n.Mark();
    throw BaselineError{diagnosticAt("baseline", displayPath, text, m.line, m.column, msg)};
  };
  auto str = [&](const YAML::Node& map, const char* key) -> std::string {
    const YAML::Node n = map[key];
    if (!n || n.IsNull()) return "";
    if (!n.IsScalar()) fail(n, fmt::format("{}: expected a string", key));
    return n.Scalar();
  };
  try {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw BaselineError{
          diagnosticAt("baseline-syntax", displayPath, text, e.mark.line, e.mark.column, e.msg)};
    }
    if (!root.IsMap()) fail(root, "not a forge-egress baseline (expected version and apps)");
    if (!root["version"] || !root["version"].IsScalar() ||
        root["version"].Scalar() != std::to_string(kBaselineVersion))
      fail(root["version"] ? root["version"] : root,
           fmt::format("unsupported baseline version (expected {})", kBaselineVersion));
    const YAML::Node apps = root["apps"];
    if (!apps || !apps.IsSequence()) fail(apps ? apps : root, "apps: expected a list");
    for (const auto& app : apps) {
      if (!app.IsMap()) fail(app, "apps: expected a mapping with manifest, egress, findings");
      std::string manifest = str(app, "manifest");
      if (manifest.empty()) fail(app, "manifest: required");
      for (const char* list : {"egress", "findings"}) {
        const YAML::Node entries = app[list];
        if (!entries || entries.IsNull()) continue;
        if (!entries.IsSequence()) fail(entries, fmt::format("{}: expected a list", list));
        for (const auto& e : entries) {
          if (!e.IsMap()) fail(e, "expected a mapping");
          BaselineEntry b;
          b.manifest = manifest;
          b.kind = std::string(list) == "egress" ? "egress" : "finding";
          b.fingerprint = str(e, "fingerprint");
          if (b.fingerprint.empty()) fail(e, "fingerprint: required");
          b.ruleId = str(e, "rule");
          b.level = str(e, "level");
          b.host = str(e, "host");
          b.file = str(e, "file");
          b.function = str(e, "function");
          b.api = str(e, "api");
          b.message = str(e, "message");
          if (const YAML::Node d = e["data"]; d && d.IsSequence())
            for (const auto& c : d)
              if (c.IsScalar()) b.data.push_back(c.Scalar());
          out.push_back(std::move(b));
        }
      }
    }
  } catch (const BaselineError& e) {
    errors.push_back(e.diagnostic);
    return false;
  } catch (const YAML::Exception& e) {
    errors.push_back(
        diagnosticAt("baseline-syntax", displayPath, text, e.mark.line, e.mark.column, e.msg));
    return false;
  }
  return true;
}

bool loadBaseline(const std::string& path, std::vector<BaselineEntry>& out, Diagnostics& errors) {
  std::string text;
  ReadStatus st = readTextFile(path, 256ull << 20, text);
  if (st != ReadStatus::Ok) {
    Diagnostic d;
    d.code = "baseline-unreadable";
    d.file = path;
    d.message = "cannot read the baseline file";
    errors.push_back(std::move(d));
    return false;
  }
  return parseBaseline(text, path, out, errors);
}

void compareWithBaseline(ScanResult& result, const std::vector<BaselineEntry>& baseline) {
  result.baselineGiven = true;
  std::set<Key> accepted, current;
  for (const auto& b : baseline) accepted.insert(keyOf(b));
  for (auto& app : result.apps) {
    const std::string& m = app.manifest.path;
    auto& v = app.verdict;
    if (app.egressGate.size() < v.egress.size()) app.egressGate.resize(v.egress.size());
    for (size_t i = 0; i < v.egress.size(); ++i) {
      Key k{m, "egress", i < app.egressFingerprints.size() ? app.egressFingerprints[i] : ""};
      app.egressGate[i].baselineState = accepted.count(k) ? "unchanged" : "new";
      current.insert(k);
    }
    for (auto& f : v.findings) {
      Key k{m, "finding", f.fingerprint};
      f.baselineState = accepted.count(k) ? "unchanged" : "new";
      current.insert(k);
    }
  }
  result.absent.clear();
  for (const auto& b : baseline)
    if (!current.count(keyOf(b))) result.absent.push_back(b);
  std::stable_sort(result.absent.begin(), result.absent.end(), entryLess);
}

bool egressFailsGate(const ScanResult& result, const AppReport& app, size_t i,
                     const std::string& failOn) {
  const auto& v = app.verdict;
  if (failOn == "never" || failOn == "error" || v.atlassian[i]) return false;
  if (i < app.egressGate.size() && app.egressGate[i].suppressed) return false;
  if (failOn == "egress") return true;
  std::string state = i < app.egressGate.size() ? app.egressGate[i].baselineState : "";
  return !result.baselineGiven || state == "new";
}

bool findingFailsGate(const ScanResult& result, const Finding& f, const std::string& failOn) {
  if (f.suppressed) return false;
  if (failOn == "error") return f.level == Level::Error;
  if (failOn == "new")
    return f.ruleId != "FE005" && (!result.baselineGiven || f.baselineState == "new");
  return false;
}

bool gateFails(const ScanResult& result, const std::string& failOn) {
  for (const auto& app : result.apps) {
    for (size_t i = 0; i < app.verdict.egress.size(); ++i)
      if (egressFailsGate(result, app, i, failOn)) return true;
    for (const auto& f : app.verdict.findings)
      if (findingFailsGate(result, f, failOn)) return true;
  }
  return false;
}

std::string incompleteGateReason(const ScanResult& result, const std::string& failOn,
                                 bool allowIncomplete) {
  if (failOn == "never" || allowIncomplete) return "";
  std::vector<std::string> apps;
  size_t reasons = 0;
  for (const auto& app : result.apps)
    if (!app.incomplete.empty()) {
      apps.push_back(app.manifest.path);
      reasons += app.incomplete.size();
    }
  if (apps.empty()) return "";
  std::string names;
  for (const auto& a : apps) names += (names.empty() ? "" : ", ") + a;
  return fmt::format(
      "the verdict for {} is incomplete ({} part{} not analysed; see the report): the gate fails "
      "closed (--allow-incomplete accepts it)",
      names, reasons, reasons == 1 ? " was" : "s were");
}

}  // namespace fe
