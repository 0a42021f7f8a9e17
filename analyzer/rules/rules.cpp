// Rule metadata and the rule engine (see rules.h).
#include "rules/rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "manifest/egress_match.h"

namespace fe {

const char* levelName(Level level) {
  switch (level) {
    case Level::Note:
      return "note";
    case Level::Warning:
      return "warning";
    case Level::Error:
      return "error";
  }
  return "warning";
}

const std::vector<RuleInfo>& allRules() {
  static const std::vector<RuleInfo> rules = {
      {"FE001", "external-egress", Level::Note, "A call sends data outside Atlassian",
       "A network call in the app's code leaves Atlassian: its destination is not a Forge platform "
       "channel. Every such call is listed so a reviewer can check it against the app's security "
       "policy; it is not a problem by itself, but a 'no external servers' claim cannot hold while "
       "any remains.",
       3.0, "high"},
      {"FE002", "customer-data-egress", Level::Error, "Customer data reaches an external call",
       "Customer data (user identity, product data, app storage, user input, event data, install "
       "context or web trigger requests) flows into the URL, headers or body of a call that leaves "
       "Atlassian. This contradicts a 'customer data stays on Atlassian' policy. Remove the flow, "
       "send only non-customer values, or document the destination as a sub-processor.",
       8.0, "high"},
      {"FE003", "undeclared-egress", Level::Error,
       "The destination is not declared in manifest.yml",
       "The call's destination is not allowed by the manifest's permissions.external lists, "
       "matched "
       "the way Forge matches them (scheme, wildcards, ports). The runtime would block the call, "
       "or "
       "the manifest hides egress that the code performs. Declare the address or remove the call.",
       7.0, "high"},
      {"FE004", "unresolved-egress-host", Level::Warning,
       "The destination host is not statically known",
       "The analysis cannot tell where this call goes: the host comes from an environment "
       "variable, "
       "app storage, a parameter or is computed. It is an error when the caller chooses the host "
       "(resolver payload or web trigger request): a server-side request forgery risk. Use a "
       "constant base URL, or validate the host against an allow-list.",
       6.0, "medium"},
      {"FE005", "unused-egress-permission", Level::Warning, "A declared egress address is not used",
       "The manifest declares an egress address that no code in the app calls. Unused permissions "
       "widen what the app may do and what a reviewer must trust; remove them, or keep them with a "
       "reason if the code that uses them is outside the scanned sources.",
       2.0, "medium"},
      {"FE006", "remote-egress", Level::Warning,
       "Forge Remote sends data to an app-operated server",
       "The app calls a Forge Remote (remotes[].baseUrl, endpoint modules, invokeRemote or "
       "requestRemote). Data goes to a server the vendor operates, outside Atlassian, and the app "
       "is not eligible for Runs on Atlassian.",
       5.0, "high"},
      {"FE007", "provider-egress", Level::Warning, "A call goes to an external OAuth provider",
       "The app calls an external OAuth provider through api.asUser().withProvider(...).fetch. "
       "Data "
       "goes to the provider's servers (providers.auth remotes).",
       5.0, "high"},
      {"FE008", "eud-to-non-eud-egress", Level::Error,
       "Customer data reaches an address declared inScopeEUD: false",
       "Customer data flows to an egress address the manifest declares with inScopeEUD: false, a "
       "promise that no end-user data goes there. Stop sending customer data to it, or declare it "
       "inScopeEUD: true.",
       8.0, "high"},
      {"FE009", "third-party-sdk", Level::Warning,
       "A third-party SDK talks to its vendor's servers",
       "A known SDK (analytics, AI, messaging, payments, cloud) sends requests to its vendor's "
       "servers. The vendor is a destination of the app's data and belongs in the security policy.",
       5.0, "high"},
      {"FE010", "frontend-external-resource", Level::Warning,
       "The frontend loads a resource from outside Atlassian",
       "Custom UI or UI Kit loads a script, style, font, frame, image or media from outside "
       "Atlassian. The browser contacts that server with the user's IP address and the page URL.",
       4.0, "high"},
      {"FE011", "runs-on-atlassian-ineligible", Level::Note,
       "The app is not eligible for Runs on Atlassian",
       "The manifest fails the Runs on Atlassian criteria: remotes, Connect modules, egress other "
       "than analytics with inScopeEUD: false, analytics with inScopeEUD: true, or dynamic web "
       "triggers. The message lists every reason.",
       2.0, "high"},
      {"FE012", "customer-data-logged", Level::Note, "Customer data is written to the logs",
       "Customer data reaches console logging. Forge keeps logs on Atlassian, but logs are read by "
       "the vendor's developers (forge logs) and may leave with exports.",
       3.0, "high"},
      {"FE013", "unauthorized-app-call", Level::Error,
       "An asApp() request acts on what the caller names without an authorization check",
       "A product API request made as the app (asApp()) from a user-invoked entry (resolver, "
       "invoke, Rovo action, macro) uses user input in its route, and nothing in that entry's "
       "call tree checks that the user may see or change it: no asUser() request on the same "
       "input, no @forge/api authorize() check, no function named under `authorization` in "
       ".forge-egress.yml. Any user can read or change data they have no access to.",
       8.0, "medium"},
      {"FE014", "untrusted-context", Level::Warning,
       "A payload field replaces an identity or location Forge gives in the trusted context",
       "An account id, cloud id, site URL or the issue/project/page/space of the extension is "
       "taken from the frontend payload (which the caller controls) and used in an asApp() "
       "request, a storage key or an authorization check. Forge gives the same value in the "
       "function's context, which the caller cannot forge: use that.",
       6.0, "medium"},
      {"FE015", "unvalidated-write", Level::Warning, "User input is written without validation",
       "User input (a resolver payload, a web trigger's request) reaches a write (a storage "
       "value, a product API request body) without passing a validator: a schema library's "
       "parse (zod, yup, joi, valibot, superstruct).",
       4.0, "medium"},
      {"FE016", "sql-injection", Level::Error, "User input is part of the SQL text",
       "User input is concatenated or templated into the SQL text given to @forge/sql "
       "(executeRaw, prepare, migrations) instead of being bound as a parameter.",
       9.0, "high"},
      {"FE017", "unauthenticated-webtrigger-data", Level::Error,
       "A web trigger without authentication answers with customer data",
       "A web trigger without `hmacSharedSecret` authentication returns customer data in its "
       "response (or writes what the caller sends), and compares no request value with a "
       "secret (from process.env or a stored secret). Anyone with the URL gets the data: "
       "customer data leaves Atlassian to anyone.",
       8.0, "medium"},
  };
  return rules;
}

const RuleInfo* findRule(const std::string& id) {
  for (const auto& r : allRules())
    if (id == r.id) return &r;
  return nullptr;
}

const RuleInfo* findRuleByIdOrName(const std::string& idOrName) {
  for (const auto& r : allRules())
    if (idOrName == r.id || idOrName == r.name) return &r;
  return nullptr;
}

namespace {

std::string dataList(uint8_t data) {
  std::string out;
  for (auto& n : categoryNames(data)) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string hostText(const EgressSite& e) {
  return e.host ? *e.host : "an unknown host";
}

bool isBackendList(const std::string& l) {
  return l == "fetch.backend";
}

// The fetch lists that must allow a call made on `side`.
std::string fetchListsOf(SourceSide side) {
  return side == SourceSide::Frontend  ? "fetch.client"
         : side == SourceSide::Backend ? "fetch.backend"
                                       : "fetch.backend and fetch.client";
}

// Whether a host pattern with wildcard labels (`sqs.*.amazonaws.com`, a region from
// process.env) may be `host`: each `*` stands for one or more characters of one label.
bool patternMayBe(std::string_view pattern, std::string_view host) {
  if (pattern.empty()) return host.empty();
  if (pattern[0] == '*') {
    for (size_t n = 1; n <= host.size() && host[n - 1] != '.'; ++n)
      if (patternMayBe(pattern.substr(1), host.substr(n))) return true;
    return false;
  }
  return !host.empty() && pattern[0] == host[0] && patternMayBe(pattern.substr(1), host.substr(1));
}

}  // namespace

AppVerdict applyRules(const Manifest& manifest, FlowFindings flow, const RuleOverrides& overrides,
                      const Catalog& catalog) {
  AppVerdict v;
  v.egress = std::move(flow.egress);
  v.logs = std::move(flow.logs);
  std::vector<std::string> backend, client;
  // What a fetch entry allows: its address, or for `{remote: key}` the remote's base URLs
  // (every region's).
  auto addressesOf = [&](const EgressPermission& p) {
    std::vector<std::string> out;
    if (!p.address.empty()) out.push_back(matchableAddress(p.address));
    if (p.address.empty() && !p.remote.empty())
      if (const ManifestRemote* r = manifest.findRemote(p.remote)) {
        if (!r->baseUrl.empty()) out.push_back(r->baseUrl);
        for (const auto& [region, url] : r->regionBaseUrls) out.push_back(url);
      }
    return out;
  };
  for (const auto& p : manifest.permissions) {
    for (const auto& a : addressesOf(p)) {
      if (p.list == "fetch.backend") backend.push_back(a);
      if (p.list == "fetch.client") client.push_back(a);
    }
  }
  EgressAllowList backendList(backend), clientList(client);
  for (const auto& p : manifest.permissions) {
    PermissionUse u;
    u.list = p.list;
    u.address = p.address;
    u.remote = p.remote;
    u.category = p.category;
    u.inScopeEUD = p.inScopeEUD;
    u.line = p.line;
    v.permissions.push_back(u);
  }
  auto add = [&](Finding f) {
    auto it = overrides.levels.find(f.ruleId);
    if (it != overrides.levels.end()) {
      if (!it->second) return;
      f.level = *it->second;
    }
    v.findings.push_back(std::move(f));
  };
  for (size_t i = 0; i < v.egress.size(); ++i) {
    EgressSite& e = v.egress[i];
    bool atl = e.host && catalog.isAtlassianHost(*e.host);
    bool declared = false;
    if (e.kind == SinkKind::Remote || e.kind == SinkKind::Provider) {
      declared = manifest.findRemote(e.remoteKey) != nullptr;
      if (e.host && !declared) declared = backendList.allowsBackend(e.matchUrl);
      if (e.kind == SinkKind::Provider && e.host)
        declared = declared || backendList.allowsBackend(e.matchUrl);
    } else if (e.kind == SinkKind::Resource) {
      std::vector<std::string> entries;
      for (const auto& p : manifest.permissions)
        if (p.list == e.resourceList && !p.address.empty())
          entries.push_back(matchableAddress(p.address));
      EgressAllowList list(entries);
      if (e.host) {
        std::string url = e.matchUrl.empty() ? e.protocol + "//" + *e.host + "/" : e.matchUrl;
        declared =
            list.allowsCsp(url) || (e.resourceList == "images" && isForgeDefaultImageSource(url));
      } else {
        declared = list.allowsEverything();
      }
    } else {
      bool client, backend;
      if (e.host) {
        std::string url = e.matchUrl.empty() ? e.protocol + "//" + *e.host + "/" : e.matchUrl;
        client = clientList.allowsCsp(url) || isForgeDefaultConnectSource(url);
        backend = backendList.allowsBackend(url);
      } else {
        client = clientList.allowsEverything();
        backend = backendList.allowsEverything();
      }
      // Atlassian hosts stay on Atlassian, but a plain fetch to one is still egress that
      // Forge checks (spec 3.1; no list exempts them from fetch.backend, and apps declare
      // `*.services.atlassian.com`): declared only as any other host is. A browser's
      // Content-Security-Policy allows Forge's default sources.
      // Code on both sides must be allowed on both.
      declared = e.side == SourceSide::Frontend  ? client
                 : e.side == SourceSide::Backend ? backend
                                                 : client && backend;
    }
    if (atl && !declared && e.kind != SinkKind::Http) declared = true;
    v.declared.push_back(declared);
    v.atlassian.push_back(atl);
    // Which permissions this site uses.
    for (size_t pi = 0; pi < manifest.permissions.size(); ++pi) {
      const auto& p = manifest.permissions[pi];
      if (!p.remote.empty() && p.remote == e.remoteKey) {
        v.permissions[pi].used = true;
        continue;
      }
      std::vector<std::string> addresses = addressesOf(p);
      if (addresses.empty()) continue;
      EgressAllowList one(addresses);
      bool uses = false;
      // The permission is a fetch list the call's side must pass.
      bool sameSide = (isBackendList(p.list) && e.side != SourceSide::Frontend) ||
                      (p.list == "fetch.client" && e.side != SourceSide::Backend);
      if (e.kind == SinkKind::Resource) {
        if (p.list == e.resourceList)
          uses = e.host ? one.allowsCsp(e.matchUrl.empty() ? e.protocol + "//" + *e.host + "/"
                                                           : e.matchUrl)
                        : p.address == "*";
      } else if (e.host) {
        std::string url = e.matchUrl.empty() ? e.protocol + "//" + *e.host + "/" : e.matchUrl;
        if (sameSide) uses = isBackendList(p.list) ? one.allowsBackend(url) : one.allowsCsp(url);
        // A host only partly known may be the address declared.
        if (!uses && sameSide && e.host->find('*') != std::string::npos)
          for (const auto& a : addresses)
            uses = uses || patternMayBe(*e.host, parseForgeUrl(a).hostname);
      } else {
        // A call whose host is unknown (from storage, process.env, a parameter) may be the
        // one that uses any address of its side: no "no code calls it" for those.
        uses = sameSide;
      }
      if (uses) v.permissions[pi].used = true;
    }
    Finding base;
    base.file = e.file;
    base.site = e.site;
    base.egressIndex = static_cast<int>(i);
    base.function = e.function;
    base.host = e.host.value_or("");
    base.data = e.data;
    if (!atl) {
      Finding f = base;
      f.ruleId = "FE001";
      f.level = Level::Note;
      f.message = fmt::format("{} sends a request to {}{}", e.api, hostText(e),
                              e.data ? " with " + dataList(e.data) : "");
      add(f);
      if (e.data) {
        Finding d = base;
        d.ruleId = "FE002";
        d.level = Level::Error;
        d.message = fmt::format("customer data ({}) reaches {} to {}", dataList(e.data), e.api,
                                hostText(e));
        add(d);
      }
    }
    if (!declared && e.host &&
        !(e.kind == SinkKind::Resource && e.resourceList == "images" &&
          isForgeDefaultImageSource(e.matchUrl))) {
      Finding d = base;
      d.ruleId = "FE003";
      d.level = Level::Error;
      d.message = fmt::format("{} is not allowed by permissions.external.{} in {}", *e.host,
                              e.kind == SinkKind::Resource ? e.resourceList : fetchListsOf(e.side),
                              manifest.path);
      int line = manifest.externalLine ? manifest.externalLine : manifest.permissionsLine;
      if (line) d.related.push_back({manifest.path, line, "egress permissions"});
      add(d);
    }
    // An unknown host where the side's list allows nothing at all: whatever the host turns
    // out to be, the runtime blocks it (spec 6, FE003).
    bool sideListEmpty = e.side == SourceSide::Frontend  ? client.empty()
                         : e.side == SourceSide::Backend ? backend.empty()
                                                         : client.empty() || backend.empty();
    if (!declared && !e.host && sideListEmpty &&
        (e.kind == SinkKind::Http || e.kind == SinkKind::Socket)) {
      Finding d = base;
      d.ruleId = "FE003";
      d.level = Level::Error;
      d.message = fmt::format(
          "an unknown host is not allowed: permissions.external.{} in {} "
          "allows no host",
          fetchListsOf(e.side), manifest.path);
      add(d);
    }
    if (!e.host && e.kind != SinkKind::Remote && e.kind != SinkKind::Provider) {
      Finding d = base;
      d.ruleId = "FE004";
      // Data in the URL lets the caller choose the host, unless the host is the value of an
      // environment variable (the developer's configuration, with the data only in its path).
      bool callerChooses =
          e.hostSource == "user-input" ||
          (e.hostSource != "env" && (e.urlData & (kUserInput | kWebtriggerRequest)));
      d.level = callerChooses ? Level::Error : Level::Warning;
      d.message = fmt::format("the host of {} is not statically known (from {}{}){}", e.api,
                              e.hostSource, e.hostDetail.empty() ? "" : " " + e.hostDetail,
                              callerChooses ? ": the caller chooses where the request goes" : "");
      add(d);
    }
    if (e.kind == SinkKind::Remote) {
      Finding d = base;
      d.ruleId = "FE006";
      d.level = Level::Warning;
      d.message = fmt::format("Forge Remote '{}' at {}{}", e.remoteKey, hostText(e),
                              e.data ? " receives " + dataList(e.data) : "");
      if (auto* r = manifest.findRemote(e.remoteKey))
        d.related.push_back({manifest.path, r->line, "remote " + r->key});
      add(d);
    }
    if (e.kind == SinkKind::Provider) {
      Finding d = base;
      d.ruleId = "FE007";
      d.level = Level::Warning;
      d.message = fmt::format("external OAuth provider '{}' at {}", e.providerKey, hostText(e));
      for (const auto& prov : manifest.authProviders)
        if (prov.key == e.providerKey)
          d.related.push_back({manifest.path, prov.line, "provider " + prov.key});
      add(d);
    }
    if (e.kind == SinkKind::Resource && !atl) {
      Finding d = base;
      d.ruleId = "FE010";
      d.level = Level::Warning;
      d.message =
          fmt::format("the frontend loads {} from {} ({})", e.resourceList, hostText(e), e.api);
      add(d);
    }
    if (e.kind == SinkKind::Sdk) {
      Finding d = base;
      d.ruleId = "FE009";
      d.level = Level::Warning;
      d.message = fmt::format("{} SDK ({}) sends requests to {}",
                              e.vendor.empty() ? e.api : e.vendor, e.api, hostText(e));
      add(d);
    }
    if (e.data && e.host) {
      for (const auto& p : manifest.permissions) {
        if (p.address.empty() || !p.inScopeEUD.has_value() || *p.inScopeEUD) continue;
        EgressAllowList one({matchableAddress(p.address)});
        std::string url = e.matchUrl.empty() ? e.protocol + "//" + *e.host + "/" : e.matchUrl;
        if (!one.allowsBackend(url) && !one.allowsCsp(url)) continue;
        Finding d = base;
        d.ruleId = "FE008";
        d.level = Level::Error;
        d.message = fmt::format("customer data ({}) reaches {}, declared inScopeEUD: false",
                                dataList(e.data), p.address);
        d.related.push_back({manifest.path, p.line, "declared inScopeEUD: false"});
        add(d);
        break;
      }
    }
  }
  // FE005: declared fetch addresses no code uses. A remote an OAuth provider's actions or
  // API calls go to is used by the platform on the app's behalf (the token exchange).
  auto providerRemote = [&](const std::string& remote) {
    for (const auto& prov : manifest.authProviders) {
      if (std::find(prov.remotes.begin(), prov.remotes.end(), remote) != prov.remotes.end())
        return true;
      for (const auto& [action, r] : prov.actionRemotes)
        if (r == remote) return true;
    }
    return false;
  };
  for (size_t pi = 0; pi < v.permissions.size(); ++pi) {
    const auto& p = v.permissions[pi];
    if (p.used || p.list == "navigation") continue;
    if (!p.remote.empty() && providerRemote(p.remote)) continue;
    Finding f;
    f.ruleId = "FE005";
    f.level = Level::Warning;
    f.file = manifest.path;
    f.site.line = static_cast<uint32_t>(p.line);
    f.site.column = 1;
    f.host = p.address.empty() ? p.remote : p.address;
    f.message = fmt::format("permissions.external.{} declares {} but no code calls it", p.list,
                            p.address.empty() ? "remote " + p.remote : p.address);
    add(f);
  }
  // FE011: Runs on Atlassian.
  if (!manifest.remotes.empty()) v.roaReasons.push_back("uses remote services (remotes)");
  if (manifest.hasConnectModules) v.roaReasons.push_back("has Connect modules");
  bool nonAnalytics = false, analyticsEud = false;
  for (const auto& p : manifest.permissions) {
    if (p.list == "navigation") continue;
    bool analytics = p.category == "analytics" || p.category == "ANALYTICS";
    if (!analytics)
      nonAnalytics = true;
    else if (!p.inScopeEUD.has_value() || *p.inScopeEUD)
      analyticsEud = true;
  }
  if (nonAnalytics) v.roaReasons.push_back("declares egress that is not analytics");
  if (analyticsEud) v.roaReasons.push_back("declares analytics egress with inScopeEUD: true");
  for (const auto& m : manifest.modules)
    if (m.moduleType == "webtrigger" && m.webtriggerResponseType == "dynamic") {
      v.roaReasons.push_back("has a dynamic web trigger (" + m.key + ")");
    }
  if (!v.roaReasons.empty()) {
    Finding f;
    f.ruleId = "FE011";
    f.level = Level::Note;
    f.file = manifest.path;
    f.site.line = static_cast<uint32_t>(manifest.appLine);
    f.site.column = 1;
    std::string reasons;
    for (auto& r : v.roaReasons) reasons += (reasons.empty() ? "" : "; ") + r;
    f.message = "not eligible for Runs on Atlassian: " + reasons;
    add(f);
  }
  for (size_t i = 0; i < v.logs.size(); ++i) {
    const LogSite& l = v.logs[i];
    if (!l.data) continue;
    Finding f;
    f.ruleId = "FE012";
    f.level = Level::Note;
    f.file = l.file;
    f.site = l.site;
    f.logIndex = static_cast<int>(i);
    f.function = l.function;
    f.data = l.data;
    f.message =
        fmt::format("customer data ({}) is written to the log by {}", dataList(l.data), l.api);
    add(f);
  }
  for (const PolicySite& ps : flow.policy) {
    const RuleInfo* info = findRule(ps.ruleId);
    Finding f;
    f.ruleId = ps.ruleId;
    f.level = info ? info->level : Level::Warning;
    f.file = ps.file;
    f.site = ps.site;
    f.function = ps.function;
    f.data = ps.data;
    f.message = ps.message;
    f.path = ps.path;
    add(f);
  }
  std::stable_sort(v.findings.begin(), v.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.file, a.site.line, a.site.column, a.ruleId) <
           std::tie(b.file, b.site.line, b.site.column, b.ruleId);
  });
  return v;
}

}  // namespace fe
