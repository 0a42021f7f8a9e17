// Loads catalog YAML (see catalog.h and docs/catalog.md).
#include "catalog/catalog.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <mutex>

#include "catalog/catalog_yaml.h"
#include "catalog/embedded_catalog.h"

namespace fe {

bool parsePathPattern(std::string_view text, PathPattern& out) {
  out.segments.clear();
  if (text.empty()) return true;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (!cur.empty()) out.segments.push_back(cur);
      cur.clear();
    } else if (c == '(' && i + 1 < text.size() && text[i + 1] == ')') {
      if (!cur.empty()) out.segments.push_back(cur);
      cur.clear();
      out.segments.push_back("()");
      ++i;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.segments.push_back(cur);
  return true;
}

// One alternative: a name, or a name prefix ending in '*' ("paginate*").
static bool alternativeMatches(std::string_view alt, std::string_view seg) {
  if (!alt.empty() && alt.back() == '*') {
    alt.remove_suffix(1);
    return seg.substr(0, alt.size()) == alt && seg != "()";
  }
  return alt == seg;
}

// `*` is any one member (not a call); `a|b` either; `pre*` a prefix.
static bool segmentMatches(const std::string& pattern, std::string_view seg) {
  if (pattern == "*") return seg != "()";
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t bar = pattern.find('|', start);
    std::string_view alt = std::string_view(pattern).substr(
        start, bar == std::string::npos ? std::string::npos : bar - start);
    if (alternativeMatches(alt, seg)) return true;
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return false;
}

// Iterative matcher with `**` backtracking (patterns are short; no recursion on
// input). Consumes all of `path`; returns the pattern position reached, or npos
// when the path does not align with the pattern.
static size_t alignPath(const std::vector<std::string>& segments,
                        const std::vector<std::string_view>& path) {
  size_t p = 0, s = 0, starP = std::string::npos, starS = 0;
  while (s < path.size()) {
    if (p < segments.size() && segments[p] == "**") {
      starP = p++;
      starS = s;
    } else if (p < segments.size() && segmentMatches(segments[p], path[s])) {
      ++p;
      ++s;
    } else if (starP != std::string::npos) {
      p = starP + 1;
      s = ++starS;
    } else {
      return std::string::npos;
    }
  }
  return p;
}

bool PathPattern::matches(const std::vector<std::string_view>& path) const {
  size_t p = alignPath(segments, path);
  if (p == std::string::npos) return false;
  while (p < segments.size() && segments[p] == "**") ++p;
  return p == segments.size();
}

// Whether some path that starts with `path` matches: `path` aligns with a
// prefix of the pattern (what remains can always be produced by more segments).
bool PathPattern::mayMatchExtension(const std::vector<std::string_view>& path) const {
  return alignPath(segments, path) != std::string::npos;
}

size_t PathPattern::specificity() const {
  size_t n = 0;
  for (auto& s : segments)
    if (s != "*" && s != "**") ++n;
  return n;
}

bool parseValueRef(std::string_view text, ValueRef& out) {
  out = ValueRef{};
  std::vector<std::string> parts;
  {
    std::string cur;
    for (char c : text) {
      if (c == '.') {
        parts.push_back(cur);
        cur.clear();
      } else
        cur += c;
    }
    parts.push_back(cur);
  }
  if (parts.empty() || parts[0].empty()) return false;
  size_t i = 0;
  auto number = [](std::string_view s, std::string_view prefix, int& n) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    auto rest = s.substr(prefix.size());
    if (rest.empty()) return false;
    n = 0;
    for (char c : rest) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    return true;
  };
  const std::string& head = parts[0];
  int n = 0;
  if (head == "args") {
    out.base = ValueRef::Base::Args;
    i = 1;
  } else if (head == "receiver") {
    out.base = ValueRef::Base::Receiver;
    i = 1;
  } else if (head == "return") {
    out.base = ValueRef::Base::Return;
    i = 1;
  } else if (head == "owner") {
    out.base = ValueRef::Base::Owner;
    i = 1;
  } else if (head == "module") {
    out.base = ValueRef::Base::Module;
    i = 1;
  } else if (number(head, "arg", n)) {
    out.base = ValueRef::Base::Arg;
    out.index = n;
    i = 1;
  } else if (head == "origin") {
    out.base = ValueRef::Base::Origin;
    out.originDepth = 1;
    i = 1;
    while (i < parts.size() && parts[i] == "origin") {
      ++out.originDepth;
      ++i;
    }
    if (i < parts.size() && parts[i] == "return") {
      out.index = -1;  // origin.return: the value the origin call returned
    } else {
      if (i >= parts.size() || !number(parts[i], "arg", n)) return false;
      out.index = n;
    }
    ++i;
  } else if (number(head, "callback", n)) {
    out.index = n;
    if (parts.size() < 2) return false;
    int m = 0;
    if (parts[1] == "return")
      out.base = ValueRef::Base::CallbackReturn;
    else if (number(parts[1], "param", m)) {
      out.base = ValueRef::Base::CallbackParam;
      out.paramIndex = m;
    } else
      return false;
    i = 2;
  } else {
    return false;
  }
  for (; i < parts.size(); ++i) {
    if (parts[i] == "deep")
      out.deep = true;
    else if (parts[i] == "fields")
      out.allFields = true;
    else if (parts[i] == "element")
      out.fields.push_back("[]");
    else if (!parts[i].empty())
      out.fields.push_back(parts[i]);
    else
      return false;
  }
  return true;
}

bool Catalog::isAtlassianHost(std::string_view host) const {
  std::string h(host);
  size_t colon = h.rfind(':');
  if (colon != std::string::npos && h.find(']') == std::string::npos) h.resize(colon);
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& d : atlassianDomains) {
    if (h == d) return true;
    if (h.size() > d.size() && h.compare(h.size() - d.size(), d.size(), d) == 0 &&
        h[h.size() - d.size() - 1] == '.')
      return true;
  }
  return false;
}

std::string Catalog::canonicalModule(std::string_view specifier) const {
  for (const auto& a : aliases)
    if (a.from == specifier) return a.to;
  return std::string(specifier);
}

bool Catalog::modelsModule(std::string_view module) const {
  auto names = [&](const Selector& sel) {
    for (const auto& m : sel.modules) {
      if (m == module) return true;
      if (!m.empty() && m.back() == '*' &&
          module.substr(0, m.size() - 1) == m.substr(0, m.size() - 1))
        return true;
    }
    return false;
  };
  auto any = [&](const auto& rows) {
    return std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return names(r.selector); });
  };
  return any(sinks) || any(attachments) || any(checks) || any(dynamicCode) || any(sources) ||
         any(summaries) || any(entries) || any(elementFactories) ||
         std::any_of(siteValues.begin(), siteValues.end(), names) ||
         std::any_of(environments.begin(), environments.end(), names);
}

bool Catalog::isPurePackage(std::string_view package) const {
  for (const auto& p : purePackages) {
    if (p == package) return true;
    if (!p.empty() && p.back() == '*' &&
        package.substr(0, p.size() - 1) == p.substr(0, p.size() - 1))
      return true;
  }
  return false;
}

namespace {

struct Reader {
  const std::string& file;
  Diagnostics& diags;
  void error(const YAML::Node& n, const std::string& msg) {
    YAML::Mark m = n.Mark();
    diags.push_back({Severity::Error, "catalog", file, m.line >= 0 ? m.line + 1 : 0,
                     m.column >= 0 ? m.column + 1 : 0, msg});
  }
  std::vector<std::string> strings(const YAML::Node& n) {
    std::vector<std::string> out;
    if (!n) return out;
    if (n.IsScalar())
      out.push_back(n.as<std::string>());
    else if (n.IsSequence())
      for (const auto& x : n)
        if (x.IsScalar())
          out.push_back(x.as<std::string>());
        else
          error(x, "expected a string");
    else
      error(n, "expected a string or a list of strings");
    return out;
  }
  std::vector<ValueRef> refs(const YAML::Node& n) {
    std::vector<ValueRef> out;
    for (const auto& s : strings(n)) {
      ValueRef r;
      if (parseValueRef(s, r))
        out.push_back(r);
      else
        error(n, fmt::format("'{}' is not a value reference (argN, args, receiver, origin.argN, "
                             "callbackN.return, …)",
                             s));
    }
    return out;
  }
  bool selector(const YAML::Node& entry, Selector& sel, bool allowMethod) {
    if (entry["global"]) {
      sel.global = true;
      for (auto& s : strings(entry["global"])) {
        PathPattern p;
        parsePathPattern(s, p);
        sel.paths.push_back(p);
      }
      return true;
    }
    if (allowMethod && entry["method"]) {
      sel.methods = strings(entry["method"]);
      return true;
    }
    if (!entry["module"]) {
      error(entry,
            allowMethod ? "needs `module`, `global` or `method`" : "needs `module` or `global`");
      return false;
    }
    sel.modules = strings(entry["module"]);
    std::vector<std::string> paths =
        entry["path"] ? strings(entry["path"]) : std::vector<std::string>{""};
    for (auto& s : paths) {
      PathPattern p;
      parsePathPattern(s, p);
      sel.paths.push_back(p);
    }
    return true;
  }
};

const char* kCategories[] = {"user-identity", "product-data",    "app-storage",       "user-input",
                             "event-data",    "install-context", "webtrigger-request"};

}  // namespace

void loadCatalogText(std::string_view text, const std::string& displayPath, Catalog& catalog,
                     Diagnostics& diagnostics) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    diagnostics.push_back(
        {Severity::Error, "catalog", displayPath, e.mark.line + 1, e.mark.column + 1, e.msg});
    return;
  }
  loadCatalogNode(root, displayPath, catalog, diagnostics);
}

void loadCatalogNode(const YAML::Node& root, const std::string& displayPath, Catalog& catalog,
                     Diagnostics& diagnostics) {
  Reader r{displayPath, diagnostics};
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) {
    r.error(root,
            "a catalog file is a mapping with sinks, sources, summaries, attachments, aliases");
    return;
  }
  try {
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& list = kv.second;
      if (key == "aliases") {
        if (!list.IsMap()) {
          r.error(list, "aliases: expected a mapping");
          continue;
        }
        for (const auto& a : list)
          catalog.aliases.push_back({a.first.as<std::string>(), a.second.as<std::string>()});
        continue;
      }
      if (key == "implicitGlobals") {
        if (!list.IsMap()) {
          r.error(list, "implicitGlobals: expected a mapping of global name to module");
          continue;
        }
        for (const auto& a : list)
          catalog.implicitGlobals.push_back(
              {a.first.as<std::string>(), a.second.as<std::string>()});
        continue;
      }
      if (key == "jsxResources") {
        if (!list.IsSequence()) {
          r.error(list, "jsxResources: expected a list");
          continue;
        }
        for (const auto& e : list) {
          if (!e.IsMap() || !e["element"] || !e["attribute"] || !e["list"]) {
            r.error(e, "a JSX resource needs element, attribute and list");
            continue;
          }
          catalog.jsxResources.push_back({e["element"].as<std::string>(),
                                          e["attribute"].as<std::string>(),
                                          e["list"].as<std::string>()});
        }
        continue;
      }
      if (key == "elementFactories") {
        if (!list.IsSequence()) {
          r.error(list, "elementFactories: expected a list");
          continue;
        }
        for (const auto& e : list) {
          ElementFactory f;
          if (!e.IsMap() || !r.selector(e, f.selector, false)) continue;
          if (e["element"]) f.element = e["element"].as<std::string>();
          f.tagFromArg0 = e["elementFrom"] && e["elementFrom"].as<std::string>() == "arg0";
          if (f.element.empty() && !f.tagFromArg0) {
            r.error(e, "an element factory needs element or elementFrom: arg0");
            continue;
          }
          catalog.elementFactories.push_back(std::move(f));
        }
        continue;
      }
      if (key == "assetExtensions") {
        for (auto& s : r.strings(list)) catalog.assetExtensions.push_back(s);
        continue;
      }
      if (key == "unanalysedCodeExtensions") {
        for (auto& s : r.strings(list)) catalog.unanalysedCodeExtensions.push_back(s);
        continue;
      }
      if (key == "responseMembers") {
        for (auto& s : r.strings(list)) catalog.responseMembers.push_back(s);
        continue;
      }
      if (key == "cleanMembers") {
        for (auto& s : r.strings(list)) catalog.cleanMembers.push_back(s);
        continue;
      }
      if (key == "atlassianDomains") {
        for (auto& s : r.strings(list)) catalog.atlassianDomains.push_back(s);
        continue;
      }
      if (key == "trustedContext") {
        if (!list.IsMap()) {
          r.error(list, "trustedContext: expected a mapping of payload field to context path");
          continue;
        }
        for (const auto& f : list)
          if (f.first.IsScalar() && f.second.IsScalar())
            catalog.trustedContext.emplace_back(f.first.Scalar(), f.second.Scalar());
        continue;
      }
      if (key == "siteValues" || key == "environments") {
        if (!list.IsSequence()) {
          r.error(list, key + ": expected a list of module/global and path");
          continue;
        }
        auto& into = key == "siteValues" ? catalog.siteValues : catalog.environments;
        for (const auto& e : list) {
          Selector sel;
          if (e.IsMap() && r.selector(e, sel, false)) into.push_back(std::move(sel));
        }
        continue;
      }
      if (key == "validationGuards") {
        for (auto& s : r.strings(list)) catalog.validationGuards.push_back(s);
        continue;
      }
      if (key == "purePackages") {
        // A list of names, or of lists of names (grouped by kind in the catalog file).
        if (list.IsSequence())
          for (const auto& group : list)
            for (auto& s : r.strings(group)) catalog.purePackages.push_back(s);
        else
          r.error(list, "purePackages: expected a list of package names");
        continue;
      }
      if (key == "notEgress") {
        for (auto& s : r.strings(list)) catalog.notEgress.push_back(s);
        continue;
      }
      if (key != "sinks" && key != "sources" && key != "summaries" && key != "attachments" &&
          key != "entries" && key != "checks" && key != "dynamicCode" && key != "bridges") {
        r.error(kv.first, fmt::format("unknown key '{}'", key));
        continue;
      }
      if (!list.IsSequence()) {
        r.error(list, key + ": expected a list");
        continue;
      }
      for (const auto& e : list) {
        if (!e.IsMap()) {
          r.error(e, "expected a mapping");
          continue;
        }
        std::string id = e["id"] ? e["id"].as<std::string>() : "";
        if (key == "sinks") {
          SinkModel s;
          s.id = id;
          s.file = displayPath;
          s.line = e.Mark().line + 1;
          if (!r.selector(e, s.selector, false)) continue;
          s.api = e["api"] ? e["api"].as<std::string>() : id;
          std::string kind = e["kind"] ? e["kind"].as<std::string>() : "http";
          if (kind == "http")
            s.kind = SinkKind::Http;
          else if (kind == "remote")
            s.kind = SinkKind::Remote;
          else if (kind == "provider")
            s.kind = SinkKind::Provider;
          else if (kind == "sdk")
            s.kind = SinkKind::Sdk;
          else if (kind == "socket")
            s.kind = SinkKind::Socket;
          else if (kind == "log")
            s.kind = SinkKind::Log;
          else {
            r.error(e["kind"], "kind must be http, remote, provider, sdk, socket or log");
            continue;
          }
          s.url = r.refs(e["url"]);
          s.base = r.refs(e["base"]);
          s.baseDefault = r.refs(e["baseDefault"]);
          s.options = r.refs(e["options"]);
          s.data = r.refs(e["data"]);
          s.remoteKey = r.refs(e["remoteKey"]);
          s.providerKey = r.refs(e["providerKey"]);
          s.providerRemote = r.refs(e["providerRemote"]);
          if (e["host"]) s.host = e["host"].as<std::string>();
          if (e["scheme"]) s.scheme = e["scheme"].as<std::string>();
          s.hostFrom = r.refs(e["hostFrom"]);
          if (e["hostFormat"]) s.hostFormat = e["hostFormat"].as<std::string>();
          s.socketPath = r.refs(e["socketPath"]);
          s.hostElsewhere = r.refs(e["hostElsewhere"]);
          if (e["modulePrefix"]) s.modulePrefix = e["modulePrefix"].as<std::string>();
          if (e["urlOptional"]) s.urlOptional = e["urlOptional"].as<bool>();
          if (e["local"]) s.local = e["local"].as<bool>();
          if (e["vendor"]) s.vendor = e["vendor"].as<std::string>();
          if (e["side"]) s.side = e["side"].as<std::string>();
          catalog.sinks.push_back(std::move(s));
        } else if (key == "sources") {
          SourceModel s;
          s.id = id;
          if (!r.selector(e, s.selector, false)) continue;
          s.category = e["category"] ? e["category"].as<std::string>() : "";
          if (e["inWhole"]) s.inWhole = e["inWhole"].as<bool>();
          if (e["withParent"]) s.withParent = e["withParent"].as<bool>();
          bool ok = false;
          for (auto* c : kCategories) ok = ok || s.category == c;
          if (!ok) {
            r.error(e, fmt::format("category '{}' is not one of the seven categories", s.category));
            continue;
          }
          catalog.sources.push_back(std::move(s));
        } else if (key == "entries") {
          EntryModel m;
          m.id = id;
          if (!r.selector(e, m.selector, false)) continue;
          m.named = static_cast<bool>(e["name"]);
          if (e["name"] && !parseValueRef(e["name"].as<std::string>(), m.name)) {
            r.error(e["name"], "name: expected a value reference such as arg0");
            continue;
          }
          if (e["callback"]) m.callback = e["callback"].as<int>();
          if (e["prefix"]) m.prefix = e["prefix"].as<std::string>();
          catalog.entries.push_back(std::move(m));
        } else if (key == "bridges") {
          BridgeModel b;
          b.id = id;
          if (!r.selector(e, b.selector, false)) continue;
          if (e["entryPrefix"]) b.entryPrefix = e["entryPrefix"].as<std::string>();
          if (!e["key"] || !parseValueRef(e["key"].as<std::string>(), b.key)) {
            r.error(e, "a bridge needs `key`, a value reference such as arg0");
            continue;
          }
          catalog.bridges.push_back(std::move(b));
        } else if (key == "checks") {
          CheckModel c;
          c.id = id;
          if (!r.selector(e, c.selector, false)) continue;
          std::string role = e["role"] ? e["role"].as<std::string>() : "";
          if (!checkRoleFromName(role, c.role)) {
            r.error(e, fmt::format("role '{}' is not one of app-request, user-request, "
                                   "storage-key, write, sql-text, authorization, validator, "
                                   "secret-read",
                                   role));
            continue;
          }
          c.values = r.refs(e["values"]);
          catalog.checks.push_back(std::move(c));
        } else if (key == "dynamicCode") {
          DynamicCodeModel d;
          d.id = id;
          if (!r.selector(e, d.selector, false)) continue;
          d.what = e["what"] ? e["what"].as<std::string>() : "runs code the tool cannot read";
          if (e["stringArg"]) d.stringArg = e["stringArg"].as<bool>();
          if (e["inertConstants"]) d.inertConstants = e["inertConstants"].as<bool>();
          catalog.dynamicCode.push_back(std::move(d));
        } else if (key == "attachments") {
          AttachModel a;
          a.id = id;
          if (!r.selector(e, a.selector, false)) continue;
          a.data = r.refs(e["data"]);
          if (e["originDepth"]) a.originDepth = e["originDepth"].as<int>();
          catalog.attachments.push_back(std::move(a));
        } else {
          SummaryModel s;
          s.id = id;
          if (!r.selector(e, s.selector, true)) continue;
          if (e["noDefault"]) s.noDefault = e["noDefault"].as<bool>();
          if (e["urlObject"]) s.urlObject = e["urlObject"].as<bool>();
          const YAML::Node& flows = e["flows"];
          if (flows && flows.IsSequence()) {
            for (const auto& f : flows) {
              Flow flow;
              if (!f["from"] || !f["to"] ||
                  !parseValueRef(f["from"].as<std::string>(), flow.from) ||
                  !parseValueRef(f["to"].as<std::string>(), flow.to)) {
                r.error(f, "a flow needs `from` and `to` value references");
                continue;
              }
              if (f["taint"]) flow.taintOnly = f["taint"].as<bool>();
              if (f["called"]) flow.called = f["called"].as<bool>();
              if (f["key"]) {
                if (!parseValueRef(f["key"].as<std::string>(), flow.key)) {
                  r.error(f, "`key` must be a value reference");
                  continue;
                }
                flow.hasKey = true;
              }
              if (f["op"]) {
                flow.op = f["op"].as<std::string>();
                bool replace = flow.op == "replace" || flow.op == "replaceAll";
                bool inherit = flow.op == "inherit";
                if (inherit ? f["with"] || f["by"] || flow.taintOnly
                            : (flow.op != "concat" && flow.op != "urljoin" && flow.op != "join" &&
                               !replace) ||
                                  !f["with"] ||
                                  !parseValueRef(f["with"].as<std::string>(), flow.with) ||
                                  (replace && (!f["by"] || !parseValueRef(f["by"].as<std::string>(),
                                                                          flow.by)))) {
                  r.error(f,
                          "op must be concat, urljoin or join, with a `with` value reference, "
                          "replace or replaceAll, with `with` and `by`, or inherit, alone");
                  continue;
                }
              }
              s.flows.push_back(flow);
            }
          }
          catalog.summaries.push_back(std::move(s));
        }
      }
    }
  } catch (const YAML::Exception& e) {
    diagnostics.push_back(
        {Severity::Error, "catalog", displayPath, e.mark.line + 1, e.mark.column + 1, e.msg});
  }
}

const Catalog& builtinCatalog() {
  static const Catalog catalog = [] {
    Catalog c;
    Diagnostics diags;
    for (size_t i = 0; i < kEmbeddedCatalogFileCount; ++i) {
      // The catalog's own reader (catalog_yaml.h), yaml-cpp where it declines the text.
      YAML::Node root;
      if (readCatalogYaml(kEmbeddedCatalogFiles[i].contents, root))
        loadCatalogNode(root, kEmbeddedCatalogFiles[i].path, c, diags);
      else
        loadCatalogText(kEmbeddedCatalogFiles[i].contents, kEmbeddedCatalogFiles[i].path, c, diags);
    }
    for (auto& d : diags)
      fmt::print(stderr, "forge-egress: built-in catalog {}:{}: {}\n", d.file, d.line, d.message);
    return c;
  }();
  return catalog;
}

bool checkRoleFromName(std::string_view name, CheckRole& role) {
  static const std::pair<const char*, CheckRole> kRoles[] = {
      {"app-request", CheckRole::AppRequest}, {"user-request", CheckRole::UserRequest},
      {"storage-key", CheckRole::StorageKey}, {"write", CheckRole::Write},
      {"sql-text", CheckRole::SqlText},       {"authorization", CheckRole::Authorization},
      {"validator", CheckRole::Validator},    {"secret-read", CheckRole::SecretRead}};
  for (const auto& [n, r] : kRoles)
    if (name == n) {
      role = r;
      return true;
    }
  return false;
}

}  // namespace fe
