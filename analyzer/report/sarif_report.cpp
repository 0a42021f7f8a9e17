// The sarif output format (see sarif_report.h and docs/editor.md): one SARIF
// 2.1.0 run per scan, built from the same ScanResult as the json format, with
// sorted arrays and no timestamps so the same input gives the same bytes.
#include "report/sarif_report.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>
#include <string_view>

#include "report/json_report.h"
#include "support/text_file.h"

namespace fe {

namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr const char* kSrcRoot = "%SRCROOT%";

bool isUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool isAbsolutePath(const std::string& p) {
  return !p.empty() && (p[0] == '/' || p[0] == '\\');
}

// The scan root as a '/'-separated relative prefix ("apps/jira/") when it was
// given as a relative path inside the working directory; nullopt otherwise
// (absolute, or reaching above with "..").
std::optional<std::string> relativeRootPrefix(const std::string& root, bool isFileArg) {
  std::string r = root;
  for (auto& c : r)
    if (c == '\\') c = '/';
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= r.size()) {
    size_t end = r.find('/', start);
    if (end == std::string::npos) end = r.size();
    std::string seg = r.substr(start, end - start);
    if (!seg.empty() && seg != ".") parts.push_back(seg);
    start = end + 1;
  }
  // `scan path/to/manifest.yml` scans the manifest's folder.
  if (isFileArg && !parts.empty() && parts.back() == "manifest.yml") parts.pop_back();
  if (isAbsolutePath(root)) return std::nullopt;
  std::string prefix;
  for (const auto& p : parts) {
    if (p == "..") return std::nullopt;
    prefix += p + "/";
  }
  return prefix;
}

// The last path component of the scan root, for automationDetails when the
// root is absolute or outside the working directory.
std::string rootName(const std::string& root, bool isFileArg) {
  // Absolute first: `scan ..` is named after the folder it stands for, not "..".
  std::error_code ec;
  fs::path abs = fs::absolute(fs::path(root), ec);
  fs::path p = (ec ? fs::path(root) : abs).lexically_normal();
  if (isFileArg && p.filename() == "manifest.yml") p = p.parent_path();
  std::string s = p.generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  auto slash = s.rfind('/');
  std::string name = slash == std::string::npos ? s : s.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return "scan";
  return name;
}

// Source text, read once per file, to give regions in UTF-16 code units and
// to end a region at the end of its line when the end is not known.
class SourceLines {
 public:
  explicit SourceLines(fs::path root) : root_(std::move(root)) {}

  // The text of 1-based `line` of `file` (without the line break), or nullptr.
  const std::string* line(const std::string& file, uint32_t line) {
    if (line == 0 || file.empty() || isAbsolutePath(file) || file.find("..") != std::string::npos)
      return nullptr;
    auto it = files_.find(file);
    if (it == files_.end()) {
      std::vector<std::string> lines;
      std::string text;
      if (readTextFile(root_ / file, 16ull << 20, text) == ReadStatus::Ok) {
        size_t start = 0;
        while (start <= text.size()) {
          size_t end = text.find('\n', start);
          if (end == std::string::npos) end = text.size();
          std::string l = text.substr(start, end - start);
          if (!l.empty() && l.back() == '\r') l.pop_back();
          lines.push_back(std::move(l));
          start = end + 1;
        }
      }
      it = files_.emplace(file, std::move(lines)).first;
    }
    if (line > it->second.size()) return nullptr;
    return &it->second[line - 1];
  }

 private:
  fs::path root_;
  std::map<std::string, std::vector<std::string>> files_;
};

// A 1-based byte column of `text` as a 1-based UTF-16 column.
uint32_t utf16Column(const std::string& text, uint32_t byteColumn) {
  const size_t bytes = byteColumn - 1;
  uint32_t units = 0;
  size_t i = 0;
  while (i < bytes && i < text.size()) {
    // A lead byte starts one code point (two UTF-16 units above U+FFFF);
    // continuation and invalid bytes count as one unit each.
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80           ? 1
                       : (c >> 5) == 0x6  ? 2
                       : (c >> 4) == 0xe  ? 3
                       : (c >> 3) == 0x1e ? 4
                                          : 1;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  if (bytes > text.size()) units += static_cast<uint32_t>(bytes - text.size());
  return units + 1;
}

// SARIF sourceLanguage of a file, by its extension (nullptr when unknown).
const char* sourceLanguage(const std::string& file) {
  auto dot = file.rfind('.');
  if (dot == std::string::npos || file.find('/', dot) != std::string::npos) return nullptr;
  std::string_view ext = std::string_view(file).substr(dot + 1);
  if (ext == "js" || ext == "mjs" || ext == "cjs") return "javascript";
  if (ext == "jsx") return "javascriptreact";
  if (ext == "ts" || ext == "mts" || ext == "cts") return "typescript";
  if (ext == "tsx") return "typescriptreact";
  if (ext == "yml" || ext == "yaml") return "yaml";
  if (ext == "json") return "json";
  return nullptr;
}

class SarifBuilder {
 public:
  SarifBuilder(const ScanResult& result, int exitCode, bool includeNotes)
      : result_(result),
        exitCode_(exitCode),
        includeNotes_(includeNotes),
        lines_(scanDir(result.root)) {
    bool fileArg = isFileArgument(result.root);
    auto prefix = relativeRootPrefix(result.root, fileArg);
    prefix_ = prefix.value_or("");
    prefixed_ = prefix.has_value();
    std::string name = prefixed_ && !prefix_.empty() ? prefix_.substr(0, prefix_.size() - 1)
                                                     : rootName(result.root, fileArg);
    if (prefixed_ && prefix_.empty()) name = rootName(fs::current_path().generic_string(), false);
    scanName_ = name;
    automationId_ = "forge-egress/" + name + "/";
  }

  json build() {
    collectArtifacts();
    json run;
    run["tool"] = {{"driver", driver()}};
    run["automationDetails"] = {{"description", {{"text", "forge-egress scan of " + scanName_}}},
                                {"id", automationId_}};
    run["originalUriBaseIds"] = {
        {kSrcRoot,
         {{"description",
           {{"text", prefixed_ ? "The directory forge-egress ran in (the repository root in CI); "
                                 "the scanned folder is " +
                                     (prefix_.empty() ? std::string(".") : prefix_)
                               : "The scan root: the folder given to forge-egress scan"}}}}}};
    run["artifacts"] = artifacts();
    run["invocations"] = json::array({invocation()});
    run["results"] = results();
    run["columnKind"] = "utf16CodeUnits";
    run["properties"] = {{"apps", appsSummary()}};
    json out;
    out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    out["version"] = "2.1.0";
    out["runs"] = json::array({run});
    return out;
  }

 private:
  static bool isFileArgument(const std::string& root) {
    std::error_code ec;
    return !fs::is_directory(fs::path(root), ec) && fs::path(root).filename() == "manifest.yml";
  }
  static fs::path scanDir(const std::string& root) {
    fs::path p(root.empty() ? "." : root);
    if (isFileArgument(root)) p = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    return p;
  }

  std::string uriOf(const std::string& file) const {
    if (isAbsolutePath(file)) return "file://" + sarifUriEncode(file);
    return sarifUriEncode(prefix_ + file);
  }

  json artifactLocation(const std::string& file) const {
    json a;
    a["uri"] = uriOf(file);
    if (!isAbsolutePath(file)) a["uriBaseId"] = kSrcRoot;
    auto it = artifactIndex_.find(file);
    if (it != artifactIndex_.end()) a["index"] = it->second;
    return a;
  }

  // A region from a byte-based site: UTF-16 columns when the line is known, and
  // the end of the line as the end when the site has none.
  json region(const std::string& file, SourceSite site) {
    json r;
    if (site.line == 0) return r;
    r["startLine"] = site.line;
    const std::string* text = lines_.line(file, site.line);
    if (site.column > 0) r["startColumn"] = text ? utf16Column(*text, site.column) : site.column;
    uint32_t endLine = site.endLine, endColumn = site.endColumn;
    if (endLine == 0 && text && site.column > 0) {
      endLine = site.line;
      endColumn = static_cast<uint32_t>(text->size()) + 1;
    }
    if (endLine >= site.line && endLine > 0) {
      const std::string* endText = endLine == site.line ? text : lines_.line(file, endLine);
      uint32_t ec = endColumn > 0 && endText ? utf16Column(*endText, endColumn) : endColumn;
      uint32_t sc = r.contains("startColumn") ? r["startColumn"].get<uint32_t>() : 1;
      if (endLine > site.line || ec > sc) {
        r["endLine"] = endLine;
        if (ec > 0) r["endColumn"] = ec;
      }
    }
    return r;
  }

  json physicalLocation(const std::string& file, SourceSite site) {
    json p;
    p["artifactLocation"] = artifactLocation(file);
    json r = region(file, site);
    if (!r.empty()) p["region"] = r;
    return p;
  }

  json lineLocation(const std::string& file, int line, const std::string& message) {
    SourceSite s;
    s.line = line > 0 ? static_cast<uint32_t>(line) : 0;
    json l;
    l["physicalLocation"] = physicalLocation(file, s);
    if (!message.empty()) l["message"] = {{"text", message}};
    return l;
  }

  void collectArtifacts() {
    std::set<std::string> files;
    for (const auto& app : result_.apps) {
      if (!app.manifest.path.empty()) files.insert(app.manifest.path);
      for (const auto& f : app.verdict.findings) {
        if (!f.file.empty()) files.insert(f.file);
        for (const auto& r : f.related)
          if (!r.file.empty()) files.insert(r.file);
      }
      for (const auto& e : app.verdict.egress)
        for (const auto& s : e.path)
          if (!s.file.empty()) files.insert(s.file);
      for (const auto& l : app.verdict.logs)
        for (const auto& s : l.path)
          if (!s.file.empty()) files.insert(s.file);
    }
    for (const auto& d : result_.diagnostics)
      if (!d.file.empty()) files.insert(d.file);
    int i = 0;
    for (const auto& f : files) {
      artifactIndex_[f] = i++;
      artifactOrder_.push_back(f);
    }
  }

  json artifacts() const {
    json a = json::array();
    for (const auto& f : artifactOrder_) {
      json loc = {{"uri", uriOf(f)}};
      if (!isAbsolutePath(f)) loc["uriBaseId"] = kSrcRoot;
      json art = {{"location", loc}, {"roles", {"analysisTarget"}}};
      if (const char* lang = sourceLanguage(f)) art["sourceLanguage"] = lang;
      a.push_back(art);
    }
    return a;
  }

  static json driver() {
    json rules = json::array();
    for (const auto& r : allRules()) {
      std::string helpUri = std::string(kSarifHelpUriBase) + r.id + ".md";
      json j;
      j["id"] = r.id;
      j["name"] = r.name;
      j["shortDescription"] = {{"text", std::string(r.shortDescription) + "."}};
      j["fullDescription"] = {{"text", r.help}};
      j["helpUri"] = helpUri;
      j["help"] = {
          {"text", fmt::format("{} ({}): {}.\n\n{}\n\nSee {}", r.id, r.name, r.shortDescription,
                               r.help, helpUri)},
          {"markdown",
           fmt::format("**{}** `{}`: {}.\n\n{}\n\n[What it means, an example, and how to fix or "
                       "accept it]({})",
                       r.id, r.name, r.shortDescription, r.help, helpUri)}};
      j["defaultConfiguration"] = {{"level", levelName(r.level)}};
      j["properties"] = {{"tags", {"security", "privacy", "egress"}},
                         {"security-severity", fmt::format("{:.1f}", r.securitySeverity)},
                         {"precision", r.precision}};
      rules.push_back(j);
    }
    json d;
    d["name"] = "forge-egress";
    d["semanticVersion"] = FORGE_EGRESS_VERSION;
    d["version"] = FORGE_EGRESS_VERSION;
    d["informationUri"] = kSarifInformationUri;
    d["rules"] = rules;
    return d;
  }

  static int ruleIndex(const std::string& id) {
    const auto& rules = allRules();
    for (size_t i = 0; i < rules.size(); ++i)
      if (id == rules[i].id) return static_cast<int>(i);
    return -1;
  }

  static std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  json codeFlow(const std::vector<WitnessStep>& path, const std::string& summary) {
    json locs = json::array();
    for (size_t i = 0; i < path.size(); ++i) {
      const auto& s = path[i];
      json tfl;
      tfl["location"] =
          lineLocation(s.file, s.line, s.label.empty() ? fmt::format("step {}", i + 1) : s.label);
      tfl["kinds"] = json::array({"taint"});
      tfl["nestingLevel"] = 0;
      tfl["executionOrder"] = static_cast<int>(i + 1);
      locs.push_back(tfl);
    }
    json flow;
    flow["message"] = {{"text", summary}};
    flow["threadFlows"] = json::array({{{"locations", locs}}});
    return json::array({flow});
  }

  json result(const AppReport& app, const Finding& f) {
    const auto& v = app.verdict;
    const EgressSite* e = f.egressIndex >= 0 && static_cast<size_t>(f.egressIndex) < v.egress.size()
                              ? &v.egress[f.egressIndex]
                              : nullptr;
    const LogSite* log = f.logIndex >= 0 && static_cast<size_t>(f.logIndex) < v.logs.size()
                             ? &v.logs[f.logIndex]
                             : nullptr;
    uint8_t data = e ? e->data : log ? log->data : f.data;
    std::vector<std::string> categories = categoryNames(data);
    std::optional<std::string> host;
    if (e)
      host = e->host;
    else if (!f.host.empty())
      host = f.host;

    // The message names the destination and the data, whatever the rule's wording.
    std::string text = f.message;
    if (e) {
      std::string h = host ? *host : "an unknown host";
      if (text.find(h) == std::string::npos) text += " (destination: " + h + ")";
    }
    if (!categories.empty()) {
      bool all = true;
      for (const auto& c : categories) all = all && text.find(c) != std::string::npos;
      if (!all) text += " (data: " + joinList(categories) + ")";
    }
    if (!text.empty() && text.back() != '.') text += '.';

    json r;
    r["ruleId"] = f.ruleId;
    int index = ruleIndex(f.ruleId);
    if (index >= 0) r["ruleIndex"] = index;
    r["level"] = levelName(f.level);
    r["message"] = {{"text", text}};
    json loc;
    loc["physicalLocation"] = physicalLocation(f.file.empty() ? app.manifest.path : f.file, f.site);
    if (!f.function.empty())
      loc["logicalLocations"] =
          json::array({{{"fullyQualifiedName", f.function}, {"kind", "function"}}});
    r["locations"] = json::array({loc});
    if (!f.related.empty()) {
      json rel = json::array();
      int id = 1;
      for (const auto& rl : f.related) {
        json l = lineLocation(rl.file, rl.line, rl.message);
        l["id"] = id++;
        rel.push_back(l);
      }
      r["relatedLocations"] = rel;
    }
    const std::vector<WitnessStep>* path = e     ? &e->path
                                           : log ? &log->path
                                                 : (f.path.empty() ? nullptr : &f.path);
    if (path && !path->empty() && data) {
      const auto& first = path->front();
      std::string to = e     ? fmt::format("{} to {}", e->api, host ? *host : "an unknown host")
                       : log ? log->api
                             : path->back().label;
      r["codeFlows"] =
          codeFlow(*path, fmt::format("customer data ({}) flows from {}:{} into {}",
                                      joinList(categories), prefix_ + first.file, first.line, to));
    }
    r["partialFingerprints"] = {{kSarifFingerprintKey, f.fingerprint}};
    if (f.suppressed) {
      json s;
      s["kind"] = f.suppressionKind == "inSource" ? "inSource" : "external";
      s["status"] = "accepted";
      if (!f.suppressionReason.empty()) s["justification"] = f.suppressionReason;
      r["suppressions"] = json::array({s});
    }
    if (f.baselineState == "new" || f.baselineState == "unchanged" ||
        f.baselineState == "updated" || f.baselineState == "absent")
      r["baselineState"] = f.baselineState;
    json props;
    props["app"] = app.manifest.path;
    props["host"] = host ? json(*host) : json(nullptr);
    if (e) {
      props["declared"] = static_cast<bool>(v.declared[f.egressIndex]);
      props["atlassian"] = static_cast<bool>(v.atlassian[f.egressIndex]);
    } else if (f.ruleId == "FE005") {
      props["declared"] = true;
    }
    props["data"] = categories;
    if (e) {
      props["entryPoints"] = e->entryPoints;
      props["api"] = e->api;
      props["side"] = sideName(e->side);
      props["url"] = e->url;
      props["hostSource"] = e->hostSource;
    } else if (log) {
      props["api"] = log->api;
    }
    if (!f.function.empty()) props["function"] = f.function;
    r["properties"] = props;
    return r;
  }

  json results() {
    json out = json::array();
    for (const auto& app : result_.apps)
      for (const auto& f : app.verdict.findings)
        if (includeNotes_ || f.level != Level::Note) out.push_back(result(app, f));
    return out;
  }

  json notification(const char* level, const std::string& id, const std::string& message,
                    const std::string& file, int line, int column) {
    json n;
    n["level"] = level;
    std::string text = message;
    if (!text.empty() && text.back() != '.') text += '.';
    n["message"] = {{"text", text}};
    n["descriptor"] = {{"id", id}};
    if (!file.empty()) {
      json p;
      p["artifactLocation"] = artifactLocation(file);
      if (line > 0) {
        json r = {{"startLine", line}};
        if (column > 0) r["startColumn"] = column;
        p["region"] = r;
      }
      n["locations"] = json::array({{{"physicalLocation", p}}});
    }
    return n;
  }

  json invocation() {
    json notes = json::array();
    // Paths as the user typed them (a configuration or baseline may lie outside the scan
    // root): in the message, not as an artifact location.
    if (result_.inputError)
      notes.push_back(notification("error", result_.inputError->code,
                                   diagnosticLine(*result_.inputError), "", 0, 0));
    for (const auto& d : result_.diagnostics)
      notes.push_back(notification(severityName(d.severity), d.code.empty() ? "diagnostic" : d.code,
                                   d.message, d.file, d.line, d.column));
    for (const auto& app : result_.apps) {
      if (app.incomplete.empty()) continue;
      notes.push_back(notification("warning", "incomplete-verdict",
                                   fmt::format("the verdict for {} is incomplete: {}",
                                               app.manifest.path, joinList(app.incomplete)),
                                   app.manifest.path, 0, 0));
    }
    json inv;
    inv["executionSuccessful"] = exitCode_ == 0 || exitCode_ == 1;
    inv["exitCode"] = exitCode_;
    inv["exitCodeDescription"] = exitCode_ == 0   ? "nothing fails the gate"
                                 : exitCode_ == 1 ? "findings fail the gate"
                                                  : "usage or input error";
    if (!notes.empty()) inv["toolExecutionNotifications"] = notes;
    return inv;
  }

  json appsSummary() const {
    json apps = json::array();
    for (const auto& app : result_.apps)
      apps.push_back({{"manifest", app.manifest.path},
                      {"appId", app.manifest.appId},
                      {"verdict", verdictLine(app)},
                      {"complete", app.incomplete.empty()},
                      {"runsOnAtlassian", app.verdict.roaReasons.empty()}});
    return apps;
  }

  const ScanResult& result_;
  int exitCode_;
  bool includeNotes_ = false;
  SourceLines lines_;
  std::string prefix_;
  bool prefixed_ = false;
  std::string scanName_;  // the scanned folder, for automationDetails
  std::string automationId_;
  std::map<std::string, int> artifactIndex_;
  std::vector<std::string> artifactOrder_;
};

}  // namespace

std::string sarifUriEncode(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (char ch : path) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (isUnreserved(c) || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xf];
    }
  }
  return out;
}

nlohmann::ordered_json sarifReport(const ScanResult& result, int exitCode, bool includeNotes) {
  return SarifBuilder(result, exitCode, includeNotes).build();
}

std::string renderSarif(const ScanResult& result, int exitCode, bool includeNotes) {
  // Invalid UTF-8 in messages must not abort output (URIs are already ASCII).
  return sarifReport(result, exitCode, includeNotes)
             .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace fe
