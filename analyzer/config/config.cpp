// Reads `.forge-egress.yml` (see config.h): every key is checked, and extra
// `sinks`/`sources` are loaded with the catalog reader into a copy of the
// built-in catalog, keeping the file's own line numbers in its errors.
#include "config/config.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "discover/app_discovery.h"
#include "support/text_file.h"

namespace fe {

namespace fs = std::filesystem;

namespace {

// Thrown inside the reader only; loadConfigText turns it into a Diagnostic.
struct ConfigError {
  Diagnostic diagnostic;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Checker {
  const std::string& file;
  std::string_view text;
  [[noreturn]] void fail(const YAML::Node& n, const std::string& msg) const {
    YAML::Mark m = n.Mark();
    throw ConfigError{diagnosticAt("config", file, text, m.line, m.column, msg)};
  }
  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, what + ": expected a string");
    std::string s = n.Scalar();
    if (s.empty()) fail(n, what + ": must not be empty");
    return s;
  }
  void onlyKeys(const YAML::Node& map, const std::string& what,
                const std::set<std::string>& keys) const {
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) fail(kv.first, what + ": expected a key");
      if (!keys.count(kv.first.Scalar())) {
        std::string known;
        for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
        fail(kv.first,
             fmt::format("{}: unknown key '{}' (expected {})", what, kv.first.Scalar(), known));
      }
    }
  }
};

const std::set<std::string> kTopKeys = {"allow", "authorization", "ignore",       "rules",
                                        "sarif", "sinks",         "purePackages", "sources"};
const std::set<std::string> kSinkKeys = {
    "id",     "module",  "global", "path",       "api",         "kind",           "url",
    "base",   "options", "data",   "remoteKey",  "providerKey", "providerRemote", "host",
    "scheme", "vendor",  "side",   "baseDefault"};
const std::set<std::string> kSourceKeys = {"id", "module", "global", "path", "category"};

void readAllow(const Checker& c, const YAML::Node& n, Config& out) {
  if (n.IsNull()) return;
  if (!n.IsSequence()) c.fail(n, "allow: expected a list of {host, reason}");
  for (const auto& e : n) {
    if (!e.IsMap()) c.fail(e, "allow: each entry needs `host` and `reason`");
    c.onlyKeys(e, "allow", {"host", "reason"});
    if (!e["host"]) c.fail(e, "allow: `host` is required");
    if (!e["reason"]) c.fail(e, "allow: `reason` is required (why this host is accepted)");
    AllowedHost h;
    h.pattern = lower(c.scalar(e["host"], "allow.host"));
    if (!validHostPattern(h.pattern))
      c.fail(e["host"], fmt::format("allow.host: '{}' is not a host name or a *.domain pattern",
                                    e["host"].Scalar()));
    h.reason = c.scalar(e["reason"], "allow.reason");
    out.allow.push_back(std::move(h));
  }
}

void readIgnore(const Checker& c, const YAML::Node& n, Config& out) {
  if (n.IsNull()) return;
  if (!n.IsSequence()) c.fail(n, "ignore: expected a list of path globs");
  for (const auto& e : n) out.ignore.push_back(c.scalar(e, "ignore"));
}

// `authorization: ["src/auth.js#canAccess"]`: functions that check a user's access (FE013).
void readAuthorization(const Checker& c, const YAML::Node& n, Config& out) {
  if (n.IsNull()) return;
  if (!n.IsSequence()) c.fail(n, "authorization: expected a list of path#function");
  for (const auto& e : n) {
    std::string spec = c.scalar(e, "authorization");
    size_t hash = spec.find('#');
    if (hash == std::string::npos || hash == 0 || hash + 1 == spec.size())
      c.fail(e, "authorization: expected path#function, e.g. src/auth.js#canAccessIssue");
    out.authorization.push_back(spec);
  }
}

// `sarif: {notes: true}`: the same as --sarif-notes.
void readSarif(const Checker& c, const YAML::Node& n, Config& out) {
  if (n.IsNull()) return;
  if (!n.IsMap()) c.fail(n, "sarif: expected a mapping such as {notes: true}");
  c.onlyKeys(n, "sarif", {"notes"});
  if (n["notes"]) {
    std::string v = c.scalar(n["notes"], "sarif.notes");
    if (v != "true" && v != "false") c.fail(n["notes"], "sarif.notes: expected true or false");
    out.sarifNotes = v == "true";
  }
}

void readRules(const Checker& c, const YAML::Node& n, Config& out) {
  if (n.IsNull()) return;
  if (!n.IsMap()) c.fail(n, "rules: expected a mapping of rule id to note, warning, error or off");
  for (const auto& kv : n) {
    std::string key = c.scalar(kv.first, "rules");
    const RuleInfo* rule = findRuleByIdOrName(key);
    if (!rule)
      c.fail(kv.first, fmt::format("rules: unknown rule '{}' (FE001–FE017 or a rule name)", key));
    std::string value = kv.second.IsScalar() ? lower(kv.second.Scalar()) : "";
    std::optional<Level> level;
    if (value == "note")
      level = Level::Note;
    else if (value == "warning")
      level = Level::Warning;
    else if (value == "error")
      level = Level::Error;
    else if (value != "off" && value != "false")
      c.fail(kv.second, fmt::format("rules.{}: expected note, warning, error or off", key));
    out.rules.levels[rule->id] = level;
  }
}

void checkCatalogList(const Checker& c, const YAML::Node& n, const std::string& key) {
  if (n.IsNull()) return;
  if (key == "purePackages") {
    if (!n.IsSequence()) c.fail(n, "purePackages: expected a list of package names");
    for (const auto& e : n)
      if (!e.IsScalar()) c.fail(e, "purePackages: each entry is a package name");
    return;
  }
  if (!n.IsSequence()) c.fail(n, key + ": expected a list (docs/catalog.md)");
  for (const auto& e : n) {
    if (!e.IsMap()) c.fail(e, key + ": each entry is a mapping (docs/catalog.md)");
    c.onlyKeys(e, key, key == "sinks" ? kSinkKeys : kSourceKeys);
    if (!e["module"] && !e["global"]) c.fail(e, key + ": needs `module` or `global`");
    if (key == "sinks" && e["side"]) {
      std::string side = e["side"].IsScalar() ? e["side"].Scalar() : "";
      if (side != "backend" && side != "frontend" && side != "any")
        c.fail(e["side"], "sinks.side: expected backend, frontend or any");
    }
    if (key == "sources" && !e["category"]) c.fail(e, "sources: `category` is required");
  }
}

// The configuration text with every line outside `sinks`/`sources` blanked,
// so the catalog reader reports the configuration file's own lines.
std::string catalogPart(std::string_view text, const YAML::Node& root) {
  std::vector<std::pair<int, bool>> starts;  // key line, keep
  for (const auto& kv : root) {
    std::string k = kv.first.Scalar();
    starts.push_back({kv.first.Mark().line, k == "sinks" || k == "sources" || k == "purePackages"});
  }
  std::sort(starts.begin(), starts.end());
  std::string out;
  int line = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view l =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    bool keep = false;
    for (const auto& [start, k] : starts)
      if (start <= line) keep = k;
    if (keep) out += l;
    out += '\n';
    if (end == std::string_view::npos) break;
    pos = end + 1;
    ++line;
  }
  return out;
}

}  // namespace

bool validHostPattern(std::string_view pattern) {
  std::string_view p = pattern;
  if (p.substr(0, 2) == "*.") p.remove_prefix(2);
  if (p.empty() || p.front() == '.' || p.back() == '.') return false;
  for (char ch : p) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (!(std::isalnum(u) || ch == '-' || ch == '.' || ch == '_' || ch == ':')) return false;
  }
  return p.find("..") == std::string_view::npos;
}

bool hostPatternMatches(std::string_view pattern, std::string_view host) {
  std::string h = lower(host);
  size_t colon = h.rfind(':');
  if (colon != std::string::npos && h.find(']') == std::string::npos &&
      lower(pattern).find(':') == std::string::npos)
    h.resize(colon);
  std::string p = lower(pattern);
  if (p.rfind("*.", 0) == 0) {
    std::string suffix = p.substr(1);  // ".example.com"
    return h.size() > suffix.size() &&
           h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
  }
  return h == p;
}

bool loadConfigText(std::string_view text, const std::string& displayPath, Config& out,
                    Diagnostics& errors) {
  out.path = displayPath;
  Checker c{displayPath, text};
  try {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      throw ConfigError{
          diagnosticAt("config-syntax", displayPath, text, e.mark.line, e.mark.column, e.msg)};
    }
    if (!root || root.IsNull()) return true;
    if (!root.IsMap())
      c.fail(root,
             "expected a mapping with allow, authorization, ignore, rules, sinks, sources, "
             "purePackages");
    c.onlyKeys(root, "configuration", kTopKeys);
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key == "allow")
        readAllow(c, kv.second, out);
      else if (key == "ignore")
        readIgnore(c, kv.second, out);
      else if (key == "authorization")
        readAuthorization(c, kv.second, out);
      else if (key == "rules")
        readRules(c, kv.second, out);
      else if (key == "sarif")
        readSarif(c, kv.second, out);
      else {
        checkCatalogList(c, kv.second, key);
        out.extendsCatalog = true;
      }
    }
    if (out.extendsCatalog) {
      out.catalog = builtinCatalog();
      std::string part;
      if (root.Style() == YAML::EmitterStyle::Flow) {
        YAML::Node sub;
        if (root["sinks"]) sub["sinks"] = root["sinks"];
        if (root["sources"]) sub["sources"] = root["sources"];
        if (root["purePackages"]) sub["purePackages"] = root["purePackages"];
        part = YAML::Dump(sub);
      } else {
        part = catalogPart(text, root);
      }
      Diagnostics diags;
      loadCatalogText(part, displayPath, out.catalog, diags);
      for (const auto& d : diags)
        if (d.severity == Severity::Error)
          throw ConfigError{
              diagnosticAt("config", displayPath, text, d.line - 1, d.column - 1, d.message)};
    }
  } catch (const ConfigError& e) {
    errors.push_back(e.diagnostic);
    return false;
  } catch (const YAML::Exception& e) {
    errors.push_back(
        diagnosticAt("config-syntax", displayPath, text, e.mark.line, e.mark.column, e.msg));
    return false;
  }
  return true;
}

bool loadScanConfig(const std::string& root, const std::string& explicitPath, Config& out,
                    Diagnostics& errors) {
  auto fileError = [&](const std::string& file, std::string message) {
    Diagnostic d;
    d.code = "config-unreadable";
    d.file = file;
    d.message = std::move(message);
    errors.push_back(std::move(d));
    return false;
  };
  std::error_code ec;
  std::string path = explicitPath;
  if (path.empty()) {
    fs::path dir(root);
    if (fs::is_regular_file(dir, ec))
      dir = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
    fs::path candidate = (dir / kConfigFileName).lexically_normal();
    if (!fs::is_regular_file(candidate, ec)) return true;  // no configuration: the defaults
    if (!insideRoot(dir, candidate)) {  // a symlink out of the scan root is never read
      return fileError(candidate.string(), "symlink points outside the scan root; not read");
    }
    path = candidate.string();
  }
  std::string text;
  ReadStatus st = readTextFile(fs::path(path), 1u << 20, text);
  if (st != ReadStatus::Ok) {
    return fileError(path, st == ReadStatus::TooLarge ? "configuration larger than 1 MiB"
                                                      : "cannot read the configuration file");
  }
  return loadConfigText(text, path, out, errors);
}

void applyConfig(const Config& config, ScanOptions& options) {
  for (const auto& g : config.ignore) options.ignore.push_back(g);
  for (const auto& a : config.authorization) options.authorizationFunctions.push_back(a);
  for (const auto& [id, level] : config.rules.levels) options.rules.levels[id] = level;
  for (const auto& a : config.allow) options.allow.push_back(a);
  if (config.extendsCatalog) options.catalog = &config.catalog;
}

}  // namespace fe
