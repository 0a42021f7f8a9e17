// Reads manifest.yml text into the typed Manifest model with yaml-cpp. The walk follows the
// manifest's own shape (no generic recursion), counts every node it touches against a visit
// budget (aliases can turn a small file into a huge graph) and turns wrong shapes into warnings.
#include "manifest/manifest.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <set>

namespace fe {

const ManifestFunction* Manifest::findFunction(std::string_view key) const {
  for (const ManifestFunction& f : functions)
    if (f.key == key) return &f;
  return nullptr;
}

const ManifestRemote* Manifest::findRemote(std::string_view key) const {
  for (const ManifestRemote& r : remotes)
    if (r.key == key) return &r;
  return nullptr;
}

namespace {

constexpr int kMaxDepth = 64;
constexpr long kMaxVisits = 200000;

constexpr std::array<std::string_view, 7> kResourceLists = {
    "fonts", "frames", "images", "media", "scripts", "styles", "navigation"};
constexpr std::array<std::string_view, 6> kSubViews = {"view",          "edit",   "create",
                                                       "contextConfig", "config", "target"};

struct Location {
  int line = 0;
  int column = 0;
};

Location locationOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0 || mark.column < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

Location locationOf(const YAML::Mark& mark) {
  if (mark.line < 0 || mark.column < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

bool isDigits(std::string_view s, bool (*ok)(char)) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), ok);
}

// YAML 1.2 core schema: does this plain scalar resolve to null, bool, int or float?
bool plainScalarIsNotString(std::string_view s) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"};
  if (s.empty()) return true;
  for (std::string_view w : kWords)
    if (s == w) return true;
  auto dec = [](char c) { return c >= '0' && c <= '9'; };
  auto oct = [](char c) { return c >= '0' && c <= '7'; };
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') return isDigits(s.substr(2), oct);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') return isDigits(s.substr(2), hex);
  std::string_view body = s;
  if (body[0] == '-' || body[0] == '+') body.remove_prefix(1);
  if (body == ".inf" || body == ".Inf" || body == ".INF") return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  // [0-9]+ | [0-9]*\.[0-9]* with at least one digit, then an optional exponent.
  size_t i = 0;
  size_t digits = 0;
  while (i < body.size() && dec(body[i])) ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && dec(body[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    size_t expStart = i;
    while (i < body.size() && dec(body[i])) ++i;
    if (i == expStart) return false;
  }
  return i == body.size();
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A scalar the manifest schema would see as a JSON string (quoted, or plain and not a
// number/bool/null).
bool isStringScalar(const YAML::Node& node) {
  if (!node.IsScalar()) return false;
  const std::string& tag = node.Tag();
  if (tag == "?") return !plainScalarIsNotString(node.Scalar());
  return !(endsWith(tag, ":int") || endsWith(tag, ":float") || endsWith(tag, ":bool") ||
           endsWith(tag, ":null"));
}

// `\p{Alpha}` approximated as ASCII letters plus any non-ASCII byte (UTF-8 letters).
bool isHandlerChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || c == '-' || u >= 0x80;
}

// @forge/manifest's handler regex: ^([\p{Alpha}\d_-]+(?:\/[\p{Alpha}\d_-]+)*)\.([\p{Alpha}\d_-]+)$
bool splitHandler(std::string_view handler, std::string& file, std::string& exportName) {
  const size_t dot = handler.find('.');
  if (dot == std::string_view::npos || handler.find('.', dot + 1) != std::string_view::npos)
    return false;
  const std::string_view filePart = handler.substr(0, dot);
  const std::string_view exportPart = handler.substr(dot + 1);
  if (exportPart.empty() || !std::all_of(exportPart.begin(), exportPart.end(), isHandlerChar))
    return false;
  size_t start = 0;
  while (true) {
    const size_t slash = filePart.find('/', start);
    const std::string_view segment = filePart.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment.empty() || !std::all_of(segment.begin(), segment.end(), isHandlerChar))
      return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  file = std::string(filePart);
  exportName = std::string(exportPart);
  return true;
}

std::string indexed(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string joined(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return path + "." + std::string(key);
}

class Reader {
 public:
  Reader(const std::string& file, std::vector<Diagnostic>& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  // Finds `key` in a mapping; counts the keys it looks at.
  std::optional<YAML::Node> find(const YAML::Node& map, std::string_view key) {
    if (!map.IsMap()) return std::nullopt;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!tick(it->first)) return std::nullopt;
      if (it->first.IsScalar() && it->first.Scalar() == key) return YAML::Node(it->second);
    }
    return std::nullopt;
  }

  YAML::Mark keyMark(const YAML::Node& map, std::string_view key) {
    if (!map.IsMap()) return YAML::Mark::null_mark();
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!tick(it->first)) break;
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->first.Mark();
    }
    return YAML::Mark::null_mark();
  }

  void read(const YAML::Node& root, Manifest& m) {
    Depth depth(*this, root);
    if (!depth.ok) return;
    forEachPair(root, "",
                [&](const std::string& key, const YAML::Node& keyNode, const YAML::Node& value) {
                  if (key == "app") {
                    m.appLine = locationOf(keyNode).line;
                    readApp(value, m);
                  } else if (key == "modules") {
                    readModules(value, m);
                  } else if (key == "connectModules") {
                    m.connectModulesLine = locationOf(keyNode).line;
                    readConnectModules(value, m);
                  } else if (key == "permissions") {
                    m.permissionsLine = locationOf(keyNode).line;
                    readPermissions(value, m);
                  } else if (key == "resources") {
                    readResources(value, m);
                  } else if (key == "remotes") {
                    readRemotes(value, m);
                  } else if (key == "providers") {
                    readProviders(value, m);
                  }
                });
  }

 private:
  // Guards one level of nesting in the walk.
  struct Depth {
    Depth(Reader& reader, const YAML::Node& at) : reader_(reader) {
      ok = ++reader_.depth_ <= kMaxDepth;
      if (!ok)
        reader_.limitHit(
            at, "the manifest is nested more than " + std::to_string(kMaxDepth) + " levels deep");
    }
    ~Depth() { --reader_.depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
    Reader& reader_;
    bool ok = false;
  };

  // Counts one node visit; false once the budget is spent.
  bool tick(const YAML::Node& at) {
    if (stopped_) return false;
    if (++visits_ > kMaxVisits) {
      limitHit(at, "stopped reading after " + std::to_string(kMaxVisits) +
                       " YAML nodes (anchors and aliases expand to too much); the rest of the "
                       "manifest is ignored");
      return false;
    }
    return true;
  }

  void limitHit(const YAML::Node& at, const std::string& message) {
    if (stopped_) return;
    stopped_ = true;
    const Location loc = locationOf(at);
    diagnostics_.push_back(
        Diagnostic{Severity::Warning, "manifest-limit", file_, loc.line, loc.column, message});
  }

  // A wrong shape; silent once the budget is spent (half-read nodes would only add noise).
  void warn(const YAML::Node& at, const std::string& path, const std::string& message) {
    if (stopped_) return;
    const Location loc = locationOf(at);
    diagnostics_.push_back(Diagnostic{Severity::Warning, "manifest-shape", file_, loc.line,
                                      loc.column, path + ": " + message});
  }

  // Calls f(keyText, keyNode, value) for each pair with a scalar key, skipping duplicates.
  template <class F>
  void forEachPair(const YAML::Node& map, const std::string& path, F&& f) {
    if (!map.IsMap()) return;
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!tick(it->first) || !tick(it->second)) return;
      const YAML::Node keyNode(it->first);
      if (!keyNode.IsScalar()) {
        warn(keyNode, path.empty() ? std::string("(top level)") : path, "expected a string key");
        continue;
      }
      const std::string key = keyNode.Scalar();
      if (!seen.insert(key).second) {
        warn(keyNode, joined(path, key), "duplicate key (only the first is read)");
        continue;
      }
      f(key, keyNode, YAML::Node(it->second));
      if (stopped_) return;
    }
  }

  // Calls f(index, item) for each item of a sequence.
  template <class F>
  void forEachItem(const YAML::Node& seq, F&& f) {
    if (!seq.IsSequence()) return;
    size_t index = 0;
    for (auto it = seq.begin(); it != seq.end(); ++it, ++index) {
      const YAML::Node item(*it);
      if (!tick(item)) return;
      f(index, item);
      if (stopped_) return;
    }
  }

  // True when node is a mapping; otherwise warns (unless null, which reads as "absent").
  bool expectMap(const YAML::Node& node, const std::string& path) {
    if (node.IsMap()) return true;
    if (!node.IsNull()) warn(node, path, "expected a mapping");
    return false;
  }

  bool expectList(const YAML::Node& node, const std::string& path) {
    if (node.IsSequence()) return true;
    if (!node.IsNull()) warn(node, path, "expected a list");
    return false;
  }

  // Reads map[key] as text. Numbers and booleans are accepted as written; collections warn.
  std::string textAt(const YAML::Node& map, std::string_view key, const std::string& path) {
    const std::optional<YAML::Node> value = find(map, key);
    if (!value || value->IsNull()) return {};
    if (value->IsScalar()) return value->Scalar();
    warn(*value, joined(path, key), "expected a string");
    return {};
  }

  std::optional<bool> boolAt(const YAML::Node& map, std::string_view key, const std::string& path) {
    const std::optional<YAML::Node> value = find(map, key);
    if (!value || value->IsNull()) return std::nullopt;
    if (value->IsScalar() && (value->Tag() == "?" || endsWith(value->Tag(), ":bool"))) {
      const std::string& s = value->Scalar();
      if (s == "true" || s == "True" || s == "TRUE") return true;
      if (s == "false" || s == "False" || s == "FALSE") return false;
    }
    warn(*value, joined(path, key), "expected true or false");
    return std::nullopt;
  }

  std::vector<std::string> stringList(const YAML::Node& node, const std::string& path) {
    std::vector<std::string> out;
    if (!expectList(node, path)) return out;
    forEachItem(node, [&](size_t i, const YAML::Node& item) {
      if (item.IsScalar())
        out.push_back(item.Scalar());
      else
        warn(item, indexed(path, i), "expected a string");
    });
    return out;
  }

  std::vector<std::string> stringListAt(const YAML::Node& map, std::string_view key,
                                        const std::string& path) {
    const std::optional<YAML::Node> value = find(map, key);
    if (!value) return {};
    return stringList(*value, joined(path, key));
  }

  void readApp(const YAML::Node& app, Manifest& m) {
    Depth depth(*this, app);
    if (!depth.ok) return;
    if (!app.IsMap()) {
      warn(app, "app", "expected a mapping");
      return;
    }
    m.appId = textAt(app, "id", "app");
    if (const std::optional<YAML::Node> runtime = find(app, "runtime")) {
      if (runtime->IsMap())
        m.runtime = textAt(*runtime, "name", "app.runtime");
      else if (runtime->IsScalar())
        m.runtime = runtime->Scalar();
      else if (!runtime->IsNull())
        warn(*runtime, "app.runtime", "expected a mapping");
    }
    if (const std::optional<YAML::Node> package = find(app, "package")) {
      if (expectMap(*package, "app.package")) {
        m.packageBundler = textAt(*package, "bundler", "app.package");
        m.packagePath = textAt(*package, "path", "app.package");
      }
    }
    if (const std::optional<YAML::Node> connect = find(app, "connect")) {
      if (expectMap(*connect, "app.connect"))
        m.connectRemote = textAt(*connect, "remote", "app.connect");
    }
  }

  void readModules(const YAML::Node& modules, Manifest& m) {
    Depth depth(*this, modules);
    if (!depth.ok || !expectMap(modules, "modules")) return;
    forEachPair(modules, "modules",
                [&](const std::string& type, const YAML::Node&, const YAML::Node& entries) {
                  const std::string path = "modules." + type;
                  if (!expectList(entries, path)) return;
                  Depth inner(*this, entries);
                  if (!inner.ok) return;
                  forEachItem(entries, [&](size_t i, const YAML::Node& entry) {
                    const std::string entryPath = indexed(path, i);
                    if (!expectMap(entry, entryPath)) return;
                    if (type == "function")
                      readFunction(entry, entryPath, m);
                    else if (type == "endpoint")
                      readEndpoint(entry, entryPath, m);
                    else
                      readModuleEntry(type, entry, entryPath, m);
                  });
                });
  }

  void readFunction(const YAML::Node& entry, const std::string& path, Manifest& m) {
    ManifestFunction f;
    f.key = textAt(entry, "key", path);
    f.line = locationOf(entry).line;
    const std::optional<YAML::Node> handler = find(entry, "handler");
    if (!handler || handler->IsNull()) {
      warn(entry, path, "missing `handler`");
    } else if (!handler->IsScalar()) {
      warn(*handler, path + ".handler", "expected a string");
    } else {
      f.handler = handler->Scalar();
      if (!splitHandler(f.handler, f.handlerFile, f.handlerExport))
        warn(*handler, path + ".handler",
             "invalid handler \"" + f.handler +
                 "\" (expected <file>.<export> with a single dot, e.g. \"index.run\")");
    }
    if (const std::optional<YAML::Node> providers = find(entry, "providers")) {
      if (expectMap(*providers, path + ".providers"))
        f.authProviders = stringListAt(*providers, "auth", path + ".providers");
    }
    m.functions.push_back(std::move(f));
  }

  void readEndpoint(const YAML::Node& entry, const std::string& path, Manifest& m) {
    ManifestEndpoint e;
    e.key = textAt(entry, "key", path);
    e.remote = textAt(entry, "remote", path);
    e.service = textAt(entry, "service", path);
    e.line = locationOf(entry).line;
    m.endpoints.push_back(std::move(e));
  }

  void readModuleEntry(const std::string& type, const YAML::Node& entry, const std::string& path,
                       Manifest& m) {
    ModuleUse base;
    base.moduleType = type;
    base.key = textAt(entry, "key", path);
    collectUses(entry, base, "", path, m);
    for (std::string_view sub : kSubViews) {
      if (stopped_) return;
      const std::optional<YAML::Node> view = find(entry, sub);
      if (!view || !view->IsMap()) continue;  // e.g. macro `config: true` is not a sub-view
      Depth depth(*this, *view);
      if (!depth.ok) return;
      collectUses(*view, base, std::string(sub), joined(path, sub), m);
    }
  }

  // Records one ModuleUse per code pointer of a module entry or sub-view (or one with an empty
  // role when it only names a resource).
  void collectUses(const YAML::Node& node, ModuleUse base, const std::string& subView,
                   const std::string& path, Manifest& m) {
    base.subView = subView;
    base.line = locationOf(node).line;
    const std::string resource = textAt(node, "resource", path);
    const size_t slash = resource.find('/');
    base.resource = resource.substr(0, slash);
    base.resourceEntry = slash == std::string::npos ? std::string() : resource.substr(slash + 1);
    base.render = textAt(node, "render", path);
    base.events = stringListAt(node, "events", path);
    if (base.moduleType == "webtrigger" && subView.empty()) {
      if (const std::optional<YAML::Node> response = find(node, "response")) {
        if (expectMap(*response, path + ".response"))
          base.webtriggerResponseType = textAt(*response, "type", path + ".response");
      }
      if (const std::optional<YAML::Node> request = find(node, "request")) {
        if (expectMap(*request, path + ".request"))
          base.webtriggerAuthentication = textAt(*request, "authentication", path + ".request");
      }
    }

    std::vector<ModuleUse> uses;
    const std::string function = textAt(node, "function", path);
    if (!function.empty()) {
      ModuleUse use = base;
      use.role = "function";
      use.functionKey = function;
      uses.push_back(std::move(use));
    }
    const std::string endpoint = textAt(node, "endpoint", path);
    if (!endpoint.empty()) {
      ModuleUse use = base;
      use.role = "endpoint";
      use.endpointKey = endpoint;
      uses.push_back(std::move(use));
    }
    if (const std::optional<YAML::Node> resolver = find(node, "resolver")) {
      const std::string resolverPath = path + ".resolver";
      if (expectMap(*resolver, resolverPath)) {
        const std::string resolverFunction = textAt(*resolver, "function", resolverPath);
        if (!resolverFunction.empty()) {
          ModuleUse use = base;
          use.role = "resolver";
          use.functionKey = resolverFunction;
          use.resolverMethod = textAt(*resolver, "method", resolverPath);
          uses.push_back(std::move(use));
        }
        const std::string resolverEndpoint = textAt(*resolver, "endpoint", resolverPath);
        if (!resolverEndpoint.empty()) {
          ModuleUse use = base;
          use.role = "endpoint";
          use.endpointKey = resolverEndpoint;
          uses.push_back(std::move(use));
        }
      }
    }
    if (uses.empty() && !base.resource.empty()) uses.push_back(base);
    for (ModuleUse& use : uses) m.modules.push_back(std::move(use));
  }

  void readConnectModules(const YAML::Node& value, Manifest& m) {
    if (value.IsMap()) {
      forEachPair(value, "connectModules",
                  [&](const std::string& type, const YAML::Node&, const YAML::Node& entries) {
                    const bool empty =
                        entries.IsNull() ||
                        ((entries.IsSequence() || entries.IsMap()) && entries.size() == 0) ||
                        (entries.IsScalar() && entries.Scalar().empty());
                    if (!empty) m.connectModuleTypes.push_back(type);
                  });
      m.hasConnectModules = !m.connectModuleTypes.empty();
    } else if (!value.IsNull()) {
      warn(value, "connectModules", "expected a mapping");
      m.hasConnectModules = !(value.IsSequence() && value.size() == 0);
    }
  }

  void readPermissions(const YAML::Node& permissions, Manifest& m) {
    Depth depth(*this, permissions);
    if (!depth.ok || !expectMap(permissions, "permissions")) return;
    if (const std::optional<YAML::Node> scopes = find(permissions, "scopes")) {
      if (scopes->IsMap()) {  // older manifests; @forge/bridge reads the keys
        forEachPair(*scopes, "permissions.scopes",
                    [&](const std::string& key, const YAML::Node&, const YAML::Node&) {
                      m.scopes.push_back(key);
                    });
      } else {
        m.scopes = stringList(*scopes, "permissions.scopes");
      }
    }
    const YAML::Mark externalMark = keyMark(permissions, "external");
    m.externalLine = locationOf(externalMark).line;
    if (const std::optional<YAML::Node> external = find(permissions, "external"))
      readExternal(*external, m);
  }

  void readExternal(const YAML::Node& external, Manifest& m) {
    Depth depth(*this, external);
    if (!depth.ok || !expectMap(external, "permissions.external")) return;
    forEachPair(
        external, "permissions.external",
        [&](const std::string& key, const YAML::Node&, const YAML::Node& value) {
          const std::string path = "permissions.external." + key;
          if (key == "fetch") {
            if (!expectMap(value, path)) return;
            Depth inner(*this, value);
            if (!inner.ok) return;
            forEachPair(value, path,
                        [&](const std::string& side, const YAML::Node&, const YAML::Node& list) {
                          if (side == "backend" || side == "client")
                            readEgressList("fetch." + side, list, path + "." + side, m);
                        });
          } else if (key == "configurable") {
            if (expectMap(value, path))
              m.externalConfigurableEnabled = boolAt(value, "enabled", path).value_or(false);
          } else if (std::find(kResourceLists.begin(), kResourceLists.end(), key) !=
                     kResourceLists.end()) {
            readEgressList(key, value, path, m);
          }
        });
  }

  void readEgressList(const std::string& list, const YAML::Node& items, const std::string& path,
                      Manifest& m) {
    if (!expectList(items, path)) return;
    Depth depth(*this, items);
    if (!depth.ok) return;
    const bool fetchList = list == "fetch.backend" || list == "fetch.client";
    forEachItem(items, [&](size_t i, const YAML::Node& item) {
      const std::string itemPath = indexed(path, i);
      EgressPermission p;
      p.list = list;
      const Location loc = locationOf(item);
      p.line = loc.line;
      p.column = loc.column;
      if (isStringScalar(item)) {
        p.address = item.Scalar();
        p.plainString = true;
        m.permissions.push_back(std::move(p));
        return;
      }
      if (!item.IsMap()) {
        warn(item, itemPath, "expected a string or {address}");
        return;
      }
      const std::optional<YAML::Node> address = find(item, "address");
      const std::optional<YAML::Node> remote = find(item, "remote");
      if (address) {
        if (!isStringScalar(*address))
          warn(*address, itemPath + ".address", "expected a string");
        else if (address->Scalar().empty())
          warn(*address, itemPath + ".address", "expected a non-empty string");
        else
          p.address = address->Scalar();
      }
      if (remote) {
        if (remote->IsScalar())
          p.remote = remote->Scalar();
        else
          warn(*remote, itemPath + ".remote", "expected a string");
        if (!fetchList)
          warn(*remote, itemPath + ".remote",
               "{remote} entries are only allowed in fetch.backend and fetch.client");
      }
      if (p.address.empty() && p.remote.empty()) {
        if (!address && !remote) warn(item, itemPath, "expected a string or {address}");
        return;
      }
      if (const std::optional<YAML::Node> category = find(item, "category")) {
        if (category->IsScalar()) {
          std::string lowered = category->Scalar();
          std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          if (lowered == "analytics") {
            p.category = "analytics";
            if (category->Scalar() != "analytics")
              warn(*category, itemPath + ".category", "expected \"analytics\" (lowercase)");
          } else {
            p.category = category->Scalar();
            warn(*category, itemPath + ".category", "expected \"analytics\"");
          }
        } else if (!category->IsNull()) {
          warn(*category, itemPath + ".category", "expected a string");
        }
      }
      p.inScopeEUD = boolAt(item, "inScopeEUD", itemPath);
      forEachPair(
          item, itemPath,
          [&](const std::string& key, const YAML::Node& keyNode, const YAML::Node&) {
            if (key != "address" && key != "remote" && key != "category" && key != "inScopeEUD")
              warn(keyNode, joined(itemPath, key), "unknown field of an egress entry");
          });
      m.permissions.push_back(std::move(p));
    });
  }

  void readResources(const YAML::Node& resources, Manifest& m) {
    if (!expectList(resources, "resources")) return;
    Depth depth(*this, resources);
    if (!depth.ok) return;
    forEachItem(resources, [&](size_t i, const YAML::Node& entry) {
      const std::string path = indexed("resources", i);
      if (!expectMap(entry, path)) return;
      ManifestResource r;
      r.key = textAt(entry, "key", path);
      r.path = textAt(entry, "path", path);
      r.line = locationOf(entry).line;
      m.resources.push_back(std::move(r));
    });
  }

  void readRemotes(const YAML::Node& remotes, Manifest& m) {
    if (!expectList(remotes, "remotes")) return;
    Depth depth(*this, remotes);
    if (!depth.ok) return;
    forEachItem(remotes, [&](size_t i, const YAML::Node& entry) {
      const std::string path = indexed("remotes", i);
      if (!expectMap(entry, path)) return;
      ManifestRemote r;
      r.key = textAt(entry, "key", path);
      r.line = locationOf(entry).line;
      if (const std::optional<YAML::Node> baseUrl = find(entry, "baseUrl"))
        readBaseUrl(*baseUrl, path + ".baseUrl", r);
      r.operations = stringListAt(entry, "operations", path);
      if (const std::optional<YAML::Node> storage = find(entry, "storage")) {
        if (expectMap(*storage, path + ".storage"))
          r.storageInScopeEUD = boolAt(*storage, "inScopeEUD", path + ".storage");
      }
      m.remotes.push_back(std::move(r));
    });
  }

  void readBaseUrl(const YAML::Node& baseUrl, const std::string& path, ManifestRemote& r) {
    if (baseUrl.IsScalar()) {
      r.baseUrl = baseUrl.Scalar();
      return;
    }
    if (!baseUrl.IsMap()) {
      if (!baseUrl.IsNull()) warn(baseUrl, path, "expected a string or a region map");
      return;
    }
    bool hasDefault = false;
    std::string first;
    bool haveFirst = false;
    forEachPair(baseUrl, path,
                [&](const std::string& region, const YAML::Node&, const YAML::Node& url) {
                  if (!url.IsScalar()) {
                    warn(url, joined(path, region), "expected a string");
                    return;
                  }
                  if (!haveFirst) {
                    first = url.Scalar();
                    haveFirst = true;
                  }
                  if (region == "default") {
                    r.baseUrl = url.Scalar();
                    hasDefault = true;
                  } else {
                    r.regionBaseUrls.emplace_back(region, url.Scalar());
                  }
                });
    std::sort(r.regionBaseUrls.begin(), r.regionBaseUrls.end());
    if (!hasDefault) {
      warn(baseUrl, path, "the region map has no `default` (using the first region's URL)");
      r.baseUrl = first;
    }
  }

  void readProviders(const YAML::Node& providers, Manifest& m) {
    Depth depth(*this, providers);
    if (!depth.ok || !expectMap(providers, "providers")) return;
    const std::optional<YAML::Node> auth = find(providers, "auth");
    if (!auth || !expectList(*auth, "providers.auth")) return;
    Depth inner(*this, *auth);
    if (!inner.ok) return;
    forEachItem(*auth, [&](size_t i, const YAML::Node& entry) {
      const std::string path = indexed("providers.auth", i);
      if (!expectMap(entry, path)) return;
      AuthProvider p;
      p.key = textAt(entry, "key", path);
      p.name = textAt(entry, "name", path);
      p.integration = textAt(entry, "integration", path);
      p.remotes = stringListAt(entry, "remotes", path);
      p.line = locationOf(entry).line;
      if (const std::optional<YAML::Node> actions = find(entry, "actions")) {
        const std::string actionsPath = path + ".actions";
        if (expectMap(*actions, actionsPath)) {
          forEachPair(*actions, actionsPath,
                      [&](const std::string& action, const YAML::Node&, const YAML::Node& value) {
                        const std::string actionPath = joined(actionsPath, action);
                        if (!expectMap(value, actionPath)) return;
                        const std::string remote = textAt(value, "remote", actionPath);
                        if (!remote.empty()) p.actionRemotes.emplace_back(action, remote);
                      });
        }
      }
      m.authProviders.push_back(std::move(p));
    });
  }

  const std::string& file_;
  std::vector<Diagnostic>& diagnostics_;
  long visits_ = 0;
  int depth_ = 0;
  bool stopped_ = false;
};

Diagnostic errorAt(const std::string& file, const char* code, Location loc, std::string message) {
  return Diagnostic{Severity::Error, code, file, loc.line, loc.column, std::move(message)};
}

// Some line of the text starts with `app:` (a top-level block key).
bool hasAppLine(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (line.substr(0, 4) == "app:" || line.substr(0, 6) == "\"app\":" ||
        line.substr(0, 6) == "'app':")
      return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace

bool looksLikeForgeManifest(std::string_view text) {
  try {
    if (text.find("app") == std::string_view::npos) return false;
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (...) {
      return hasAppLine(text);
    }
    if (!root.IsMap()) return false;
    long budget = 10000;
    for (auto it = root.begin(); it != root.end() && budget-- > 0; ++it)
      if (it->first.IsScalar() && it->first.Scalar() == "app") return true;
    return false;
  } catch (...) {
    return false;
  }
}

std::optional<Manifest> readManifest(std::string_view text, const std::string& displayPath,
                                     std::vector<Diagnostic>& diagnostics) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.push_back(
        errorAt(displayPath, "manifest-syntax", locationOf(e.mark), "YAML nesting is too deep"));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    Location loc = locationOf(e.mark);
    if (loc.line == 0) loc = {1, 1};
    diagnostics.push_back(errorAt(displayPath, "manifest-syntax", loc, e.msg));
    return std::nullopt;
  } catch (const std::exception& e) {
    diagnostics.push_back(errorAt(displayPath, "manifest-syntax", {},
                                  std::string("could not parse YAML: ") + e.what()));
    return std::nullopt;
  } catch (...) {
    diagnostics.push_back(errorAt(displayPath, "manifest-syntax", {}, "could not parse YAML"));
    return std::nullopt;
  }

  Manifest manifest;
  manifest.path = displayPath;
  try {
    Location rootLoc = locationOf(root);
    if (rootLoc.line == 0) rootLoc = {1, 1};
    if (!root.IsMap()) {
      diagnostics.push_back(errorAt(displayPath, "manifest-shape", rootLoc,
                                    "expected a mapping with an `app` key at the top level"));
      return std::nullopt;
    }
    Reader reader(displayPath, diagnostics);
    if (!reader.find(root, "app")) {
      diagnostics.push_back(errorAt(displayPath, "manifest-shape", rootLoc,
                                    "missing the required top-level `app` key"));
      return std::nullopt;
    }
    reader.read(root, manifest);
  } catch (const std::exception& e) {
    diagnostics.push_back(errorAt(displayPath, "manifest-shape", {},
                                  std::string("could not read the manifest: ") + e.what()));
  } catch (...) {
    diagnostics.push_back(
        errorAt(displayPath, "manifest-shape", {}, "could not read the manifest"));
  }
  return manifest;
}

}  // namespace fe
