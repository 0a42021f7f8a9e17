// The typed model of a Forge app's manifest.yml and its reader. Everything later stages need to
// know about an app's declared code, egress permissions, remotes and auth providers comes from
// here, each with its 1-based line so findings can point into manifest.yml.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/diagnostic.h"

namespace fe {

// One `modules.function[]` entry.
struct ManifestFunction {
  std::string key;
  std::string handler;        // as written, e.g. "resolvers/index.handler"
  std::string handlerFile;    // part before the dot, e.g. "resolvers/index"; "" when invalid
  std::string handlerExport;  // part after the dot, e.g. "handler"; "" when invalid
  int line = 0;
  std::vector<std::string> authProviders;  // function.providers.auth
};

// One module entry (or one of its sub-views) that points at code or at a resource.
struct ModuleUse {
  std::string moduleType;   // e.g. "jira:issuePanel", "trigger", "webtrigger", "scheduledTrigger"
  std::string key;          // module key
  std::string functionKey;  // `function:` or `resolver.function` value ("" if none)
  std::string role;         // "function" (module.function), "resolver" (resolver.function),
                            // "endpoint" (module.endpoint or resolver.endpoint),
                            // "" when the entry only has a resource
  std::string resolverMethod;       // `resolver.method`: the define a queue consumer calls
  std::string endpointKey;          // when role == "endpoint"
  std::string resource;             // resource key (the part before '/' of "key/entry"), "" if none
  std::string resourceEntry;        // the part after '/' of "key/entry", "" if none
  std::string render;               // "native", "default" or ""
  std::vector<std::string> events;  // trigger events
  std::string webtriggerResponseType;    // "static"/"dynamic"/"" for webtrigger
  std::string webtriggerAuthentication;  // "hmacSharedSecret"/"none"/"" for webtrigger
  std::string subView;  // "" for the entry itself, else "view", "edit", "create", ...
  int line = 0;
};

struct ManifestResource {
  std::string key;
  std::string path;
  int line = 0;
};

// One item of a `permissions.external.*` list.
struct EgressPermission {
  std::string list;      // "fetch.backend", "fetch.client", "images", "scripts", "styles", "fonts",
                         // "frames", "media", "navigation"
  std::string address;   // "" for the {remote} form
  std::string remote;    // {remote: key} form
  std::string category;  // "analytics" or "" (other values are kept as written, with a warning)
  std::optional<bool> inScopeEUD;
  bool plainString = false;  // deprecated string form
  int line = 0;              // of the list item: for the {address} form the line of "- address:"
  int column = 0;
};

struct ManifestRemote {
  std::string key;
  std::string baseUrl;  // string form, or the region map's `default`
  std::vector<std::pair<std::string, std::string>> regionBaseUrls;  // other regions, by region
  std::vector<std::string> operations;
  std::optional<bool> storageInScopeEUD;
  int line = 0;
};

// One `modules.endpoint[]` entry.
struct ManifestEndpoint {
  std::string key;
  std::string remote;
  std::string service;
  int line = 0;
};

// One `providers.auth[]` entry, custom ({key, name, actions, ...}) or predefined ({integration}).
struct AuthProvider {
  std::string key;
  std::string name;
  std::string integration;
  std::vector<std::string> remotes;
  std::vector<std::pair<std::string, std::string>> actionRemotes;  // action name -> remote key
  int line = 0;
};

struct Manifest {
  std::string path;  // display path of manifest.yml (relative to scan root)
  std::string appId;
  std::string runtime;                      // app.runtime.name
  int appLine = 0;                          // line of the top-level `app:` key
  std::string packageBundler, packagePath;  // app.package
  std::vector<ManifestFunction> functions;
  std::vector<ModuleUse> modules;
  std::vector<ManifestResource> resources;
  std::vector<std::string> scopes;
  std::vector<EgressPermission> permissions;  // in manifest order
  std::vector<ManifestRemote> remotes;
  std::vector<ManifestEndpoint> endpoints;
  std::vector<AuthProvider> authProviders;
  std::vector<std::string> connectModuleTypes;  // connectModules keys with a non-empty value
  int connectModulesLine = 0;
  bool hasConnectModules = false;
  std::string connectRemote;  // app.connect.remote
  bool externalConfigurableEnabled = false;
  int permissionsLine = 0;  // line of the top-level `permissions:` key, 0 when absent
  int externalLine = 0;     // line of `permissions.external:`, 0 when absent

  const ManifestFunction* findFunction(std::string_view key) const;
  const ManifestRemote* findRemote(std::string_view key) const;
};

// Returns true when text has a top-level mapping with an `app:` key (cheap check used by app
// discovery). Never throws. Text that is not valid YAML counts when a line starts with `app:`,
// so a broken manifest is still read (and reported) rather than silently skipped.
bool looksLikeForgeManifest(std::string_view text);

// Reads manifest text. On a YAML syntax error, or when the top level is not a mapping with `app`,
// returns std::nullopt and appends an error Diagnostic ("manifest-syntax" or "manifest-shape").
// Wrong shapes deeper inside are Warning diagnostics ("manifest-shape", message starting with the
// YAML path, e.g. "permissions.external.fetch.backend[2]: expected a string or {address}") and
// reading continues. Alias fan-out is bounded by a node-visit budget ("manifest-limit"). Never
// throws.
std::optional<Manifest> readManifest(std::string_view text, const std::string& displayPath,
                                     std::vector<Diagnostic>& diagnostics);

}  // namespace fe
