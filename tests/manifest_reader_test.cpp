// manifest.yml reading: the typed model (modules, permissions in all three forms with their lines,
// remotes, auth providers), diagnostics for syntax errors and wrong shapes, and bounded work on
// hostile YAML (alias bombs, deep nesting).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "manifest/manifest.h"

namespace {

// 1-based line of the first occurrence of needle in text.
int lineOf(std::string_view text, std::string_view needle) {
  const size_t pos = text.find(needle);
  REQUIRE(pos != std::string_view::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

int columnOf(std::string_view text, std::string_view needle) {
  const size_t pos = text.find(needle);
  REQUIRE(pos != std::string_view::npos);
  const size_t lineStart = text.rfind('\n', pos);
  return static_cast<int>(pos - (lineStart == std::string_view::npos ? 0 : lineStart + 1)) + 1;
}

const fe::Diagnostic* findDiagnostic(const std::vector<fe::Diagnostic>& diagnostics,
                                     std::string_view code, std::string_view messageStart = "") {
  for (const fe::Diagnostic& d : diagnostics)
    if (d.code == code &&
        std::string_view(d.message).substr(0, messageStart.size()) == messageStart)
      return &d;
  return nullptr;
}

const fe::ModuleUse* findUse(const fe::Manifest& m, std::string_view key, std::string_view role,
                             std::string_view subView = "") {
  for (const fe::ModuleUse& u : m.modules)
    if (u.key == key && u.role == role && u.subView == subView) return &u;
  return nullptr;
}

constexpr std::string_view kApp = R"(app:
  id: ari:cloud:ecosystem::app/0b7f3a0e-1111-2222-3333-444455556666
  runtime:
    name: nodejs22.x
  package:
    bundler: manual@2026
    path: build
  connect:
    key: legacy
    remote: connect-backend
modules:
  function:
    - key: main
      handler: index.run
    - key: resolver-fn
      handler: resolvers/index.handler
      providers:
        auth:
          - google
    - key: broken
      handler: src/index.ts.run
  endpoint:
    - key: remote-ep
      remote: backend
    - key: service-ep
      service: container
  jira:issuePanel:
    - key: panel
      resource: main-ui/panel
      render: native
      resolver:
        function: resolver-fn
      title: Panel
  trigger:
    - key: on-create
      function: main
      events:
        - avi:jira:created:issue
        - avi:jira:updated:issue
  webtrigger:
    - key: hook
      function: main
      response:
        type: dynamic
    - key: static-hook
      endpoint: remote-ep
      response:
        type: static
  scheduledTrigger:
    - key: hourly
      endpoint: remote-ep
      interval: hour
  consumer:
    - key: queue-consumer
      queue: jobs
      resolver:
        function: main
        method: process
  jira:customField:
    - key: field
      name: Field
      view:
        resource: field-view
        render: native
      edit:
        resource: field-edit
        resolver:
          endpoint: remote-ep
  macro:
    - key: legacy-macro
      function: main
      config: true
resources:
  - key: main-ui
    path: static/main/build
  - key: field-view
    path: src/frontend/view.jsx
)";

}  // namespace

TEST_CASE("reads app - functions - modules - endpoints and resources", "[manifest]") {
  const std::string text(kApp);
  std::vector<fe::Diagnostic> diagnostics;
  const std::optional<fe::Manifest> m = fe::readManifest(text, "app/manifest.yml", diagnostics);
  REQUIRE(m);
  CHECK(m->path == "app/manifest.yml");
  CHECK(m->appId == "ari:cloud:ecosystem::app/0b7f3a0e-1111-2222-3333-444455556666");
  CHECK(m->runtime == "nodejs22.x");
  CHECK(m->appLine == 1);
  CHECK(m->packageBundler == "manual@2026");
  CHECK(m->packagePath == "build");
  CHECK(m->connectRemote == "connect-backend");

  REQUIRE(m->functions.size() == 3);
  CHECK(m->functions[0].key == "main");
  CHECK(m->functions[0].handlerFile == "index");
  CHECK(m->functions[0].handlerExport == "run");
  CHECK(m->functions[0].line == lineOf(text, "key: main"));
  CHECK(m->functions[1].handlerFile == "resolvers/index");
  CHECK(m->functions[1].handlerExport == "handler");
  CHECK(m->functions[1].authProviders == std::vector<std::string>{"google"});
  CHECK(m->functions[2].handler == "src/index.ts.run");
  CHECK(m->functions[2].handlerFile.empty());
  const fe::Diagnostic* badHandler =
      findDiagnostic(diagnostics, "manifest-shape", "modules.function[2].handler: invalid handler");
  REQUIRE(badHandler);
  CHECK(badHandler->severity == fe::Severity::Warning);
  CHECK(badHandler->line == lineOf(text, "src/index.ts.run"));
  CHECK(badHandler->file == "app/manifest.yml");
  REQUIRE(m->findFunction("resolver-fn"));
  CHECK(m->findFunction("resolver-fn")->handler == "resolvers/index.handler");
  CHECK(m->findFunction("nope") == nullptr);

  REQUIRE(m->endpoints.size() == 2);
  CHECK(m->endpoints[0].key == "remote-ep");
  CHECK(m->endpoints[0].remote == "backend");
  CHECK(m->endpoints[1].service == "container");

  const fe::ModuleUse* panel = findUse(*m, "panel", "resolver");
  REQUIRE(panel);
  CHECK(panel->moduleType == "jira:issuePanel");
  CHECK(panel->functionKey == "resolver-fn");
  CHECK(panel->resource == "main-ui");
  CHECK(panel->resourceEntry == "panel");
  CHECK(panel->render == "native");
  CHECK(panel->line == lineOf(text, "key: panel"));

  const fe::ModuleUse* trigger = findUse(*m, "on-create", "function");
  REQUIRE(trigger);
  CHECK(trigger->moduleType == "trigger");
  CHECK(trigger->functionKey == "main");
  CHECK(trigger->events ==
        std::vector<std::string>{"avi:jira:created:issue", "avi:jira:updated:issue"});

  const fe::ModuleUse* hook = findUse(*m, "hook", "function");
  REQUIRE(hook);
  CHECK(hook->webtriggerResponseType == "dynamic");
  const fe::ModuleUse* staticHook = findUse(*m, "static-hook", "endpoint");
  REQUIRE(staticHook);
  CHECK(staticHook->endpointKey == "remote-ep");
  CHECK(staticHook->webtriggerResponseType == "static");

  const fe::ModuleUse* hourly = findUse(*m, "hourly", "endpoint");
  REQUIRE(hourly);
  CHECK(hourly->moduleType == "scheduledTrigger");
  CHECK(hourly->functionKey.empty());

  const fe::ModuleUse* consumer = findUse(*m, "queue-consumer", "resolver");
  REQUIRE(consumer);
  CHECK(consumer->functionKey == "main");

  // Sub-views are uses of their own, with the module's key and type.
  CHECK(findUse(*m, "field", "") == nullptr);  // the entry itself points at nothing
  const fe::ModuleUse* view = findUse(*m, "field", "", "view");
  REQUIRE(view);
  CHECK(view->moduleType == "jira:customField");
  CHECK(view->resource == "field-view");
  CHECK(view->render == "native");
  CHECK(view->line == lineOf(text, "resource: field-view"));
  const fe::ModuleUse* edit = findUse(*m, "field", "endpoint", "edit");
  REQUIRE(edit);
  CHECK(edit->endpointKey == "remote-ep");
  CHECK(edit->resource == "field-edit");

  // A bare `function` on a UI module (UI Kit 1); `config: true` is not a sub-view.
  CHECK(findUse(*m, "legacy-macro", "function"));
  CHECK(std::count_if(m->modules.begin(), m->modules.end(),
                      [](const fe::ModuleUse& u) { return u.key == "legacy-macro"; }) == 1);

  REQUIRE(m->resources.size() == 2);
  CHECK(m->resources[0].key == "main-ui");
  CHECK(m->resources[0].path == "static/main/build");
  CHECK(m->resources[1].line == lineOf(text, "- key: field-view"));

  CHECK_FALSE(m->hasConnectModules);
  // Only the invalid handler is reported.
  CHECK(diagnostics.size() == 1);
}

TEST_CASE("reads egress permissions in all three forms with their lines", "[manifest]") {
  const std::string text = R"(app:
  id: ari:cloud:ecosystem::app/x
permissions:
  scopes:
    - read:jira-work
    - storage:app
  external:
    fetch:
      backend:
        - api.plain.com
        - address: https://api.example.com
          category: analytics
          inScopeEUD: false
        - remote: backend
      client:
        - address: "*.client.example.com"
          inScopeEUD: true
    images:
      - https://img.example.com/assets/
    navigation:
      - address: https://nav.example.com
    configurable:
      enabled: true
)";
  std::vector<fe::Diagnostic> diagnostics;
  const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
  REQUIRE(m);
  CHECK(diagnostics.empty());
  CHECK(m->scopes == std::vector<std::string>{"read:jira-work", "storage:app"});
  CHECK(m->permissionsLine == lineOf(text, "permissions:"));
  CHECK(m->externalLine == lineOf(text, "external:"));
  CHECK(m->externalConfigurableEnabled);
  REQUIRE(m->permissions.size() == 6);

  const fe::EgressPermission& plain = m->permissions[0];
  CHECK(plain.list == "fetch.backend");
  CHECK(plain.address == "api.plain.com");
  CHECK(plain.plainString);
  CHECK(plain.line == lineOf(text, "- api.plain.com"));
  CHECK(plain.column == columnOf(text, "api.plain.com"));

  const fe::EgressPermission& object = m->permissions[1];
  CHECK(object.list == "fetch.backend");
  CHECK(object.address == "https://api.example.com");
  CHECK_FALSE(object.plainString);
  CHECK(object.category == "analytics");
  REQUIRE(object.inScopeEUD.has_value());
  CHECK_FALSE(*object.inScopeEUD);
  CHECK(object.line == lineOf(text, "- address: https://api.example.com"));

  const fe::EgressPermission& remote = m->permissions[2];
  CHECK(remote.list == "fetch.backend");
  CHECK(remote.address.empty());
  CHECK(remote.remote == "backend");
  CHECK(remote.line == lineOf(text, "- remote: backend"));

  const fe::EgressPermission& client = m->permissions[3];
  CHECK(client.list == "fetch.client");
  CHECK(client.address == "*.client.example.com");
  CHECK(client.category.empty());
  CHECK(client.inScopeEUD == std::optional<bool>(true));

  CHECK(m->permissions[4].list == "images");
  CHECK(m->permissions[4].plainString);
  CHECK(m->permissions[4].line == lineOf(text, "img.example.com"));
  CHECK(m->permissions[5].list == "navigation");
  CHECK(m->permissions[5].address == "https://nav.example.com");
}

TEST_CASE("reads remotes with a string or a region-map baseUrl", "[manifest]") {
  const std::string text = R"(app:
  id: ari:cloud:ecosystem::app/x
remotes:
  - key: backend
    baseUrl: https://backend.example.com
    operations:
      - storage
      - fetch
    storage:
      inScopeEUD: true
  - key: regional
    baseUrl:
      US: https://us.example.com
      default: https://global.example.com
      EU: https://eu.example.com
  - key: no-default
    baseUrl:
      EU: https://eu.only.example.com
      AU: https://au.only.example.com
)";
  std::vector<fe::Diagnostic> diagnostics;
  const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
  REQUIRE(m);
  REQUIRE(m->remotes.size() == 3);
  const fe::ManifestRemote* backend = m->findRemote("backend");
  REQUIRE(backend);
  CHECK(backend->baseUrl == "https://backend.example.com");
  CHECK(backend->operations == std::vector<std::string>{"storage", "fetch"});
  CHECK(backend->storageInScopeEUD == std::optional<bool>(true));
  CHECK(backend->line == lineOf(text, "- key: backend"));

  const fe::ManifestRemote* regional = m->findRemote("regional");
  REQUIRE(regional);
  CHECK(regional->baseUrl == "https://global.example.com");
  using Regions = std::vector<std::pair<std::string, std::string>>;
  CHECK(regional->regionBaseUrls ==
        Regions{{"EU", "https://eu.example.com"}, {"US", "https://us.example.com"}});
  CHECK_FALSE(regional->storageInScopeEUD.has_value());

  const fe::ManifestRemote* noDefault = m->findRemote("no-default");
  REQUIRE(noDefault);
  CHECK(noDefault->baseUrl == "https://eu.only.example.com");
  CHECK(noDefault->regionBaseUrls.size() == 2);
  const fe::Diagnostic* warning =
      findDiagnostic(diagnostics, "manifest-shape", "remotes[2].baseUrl:");
  REQUIRE(warning);
  CHECK(warning->severity == fe::Severity::Warning);
  CHECK(warning->line == lineOf(text, "EU: https://eu.only"));
  CHECK(m->findRemote("missing") == nullptr);
}

TEST_CASE("reads providers.auth in custom and predefined forms", "[manifest]") {
  const std::string text = R"(app:
  id: ari:cloud:ecosystem::app/x
providers:
  auth:
    - key: my-oauth
      name: My OAuth
      type: oauth2
      clientId: abc
      remotes:
        - oauth-server
        - api-server
      bearerMethod: authorization-header
      actions:
        authorization:
          remote: oauth-server
          path: /authorize
        exchange:
          remote: oauth-server
          path: /token
        retrieveProfile:
          remote: api-server
          path: /me
    - key: google
      integration: google
      remotes:
        - google-apis
)";
  std::vector<fe::Diagnostic> diagnostics;
  const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
  REQUIRE(m);
  CHECK(diagnostics.empty());
  REQUIRE(m->authProviders.size() == 2);
  const fe::AuthProvider& custom = m->authProviders[0];
  CHECK(custom.key == "my-oauth");
  CHECK(custom.name == "My OAuth");
  CHECK(custom.integration.empty());
  CHECK(custom.remotes == std::vector<std::string>{"oauth-server", "api-server"});
  using Actions = std::vector<std::pair<std::string, std::string>>;
  CHECK(custom.actionRemotes == Actions{{"authorization", "oauth-server"},
                                        {"exchange", "oauth-server"},
                                        {"retrieveProfile", "api-server"}});
  CHECK(custom.line == lineOf(text, "- key: my-oauth"));
  const fe::AuthProvider& predefined = m->authProviders[1];
  CHECK(predefined.integration == "google");
  CHECK(predefined.remotes == std::vector<std::string>{"google-apis"});
  CHECK(predefined.actionRemotes.empty());
}

TEST_CASE("connectModules sets hasConnectModules", "[manifest]") {
  const std::string text = R"(app:
  id: ari:cloud:ecosystem::app/x
connectModules:
  jira:adminPages:
    - key: admin
      url: /admin
  jira:webPanels: []
)";
  std::vector<fe::Diagnostic> diagnostics;
  const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
  REQUIRE(m);
  CHECK(m->hasConnectModules);
  CHECK(m->connectModuleTypes == std::vector<std::string>{"jira:adminPages"});
  CHECK(m->connectModulesLine == 3);
}

TEST_CASE("a YAML syntax error gives nullopt and a located error", "[manifest]") {
  const std::string text = "app:\n  id: x\nmodules:\n  function:\n    - key: [unclosed\n";
  std::vector<fe::Diagnostic> diagnostics;
  const std::optional<fe::Manifest> m = fe::readManifest(text, "apps/a/manifest.yml", diagnostics);
  CHECK_FALSE(m);
  REQUIRE(diagnostics.size() == 1);
  const fe::Diagnostic& d = diagnostics[0];
  CHECK(d.code == "manifest-syntax");
  CHECK(d.severity == fe::Severity::Error);
  CHECK(d.file == "apps/a/manifest.yml");
  CHECK(d.line >= 5);
  CHECK(d.column >= 1);
  CHECK_FALSE(d.message.empty());

  diagnostics.clear();
  CHECK_FALSE(fe::readManifest("app:\n  id: x\n bad: indent\n", "m.yml", diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "manifest-syntax");
  CHECK(diagnostics[0].line == 3);
}

TEST_CASE("a top level that is not a mapping with `app` gives nullopt", "[manifest]") {
  std::vector<fe::Diagnostic> diagnostics;
  CHECK_FALSE(fe::readManifest("- just\n- a list\n", "m.yml", diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "manifest-shape");
  CHECK(diagnostics[0].severity == fe::Severity::Error);
  CHECK(diagnostics[0].line == 1);
  CHECK(diagnostics[0].message.find("expected a mapping") != std::string::npos);

  diagnostics.clear();
  CHECK_FALSE(fe::readManifest("modules: {}\n", "m.yml", diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "manifest-shape");
  CHECK(diagnostics[0].message.find("app") != std::string::npos);

  diagnostics.clear();
  CHECK_FALSE(fe::readManifest("", "m.yml", diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "manifest-shape");
}

TEST_CASE("a wrong shape deeper inside warns and reading continues", "[manifest]") {
  const std::string text = R"(app:
  id: ari:cloud:ecosystem::app/x
permissions:
  scopes: read:jira-work
  external:
    fetch:
      backend:
        - api.one.com
        - address: https://api.two.com
        - 42
        - [nested, list]
        - address: https://api.three.com
          category: Marketing
          inScopeEUD: maybe
          colour: blue
        - category: analytics
    images: https://not-a-list.example.com
modules:
  trigger: not-a-list
  jira:issuePanel:
    - key: panel
      resource: ui
      resolver: not-a-map
remotes:
  - key: r
    baseUrl: https://r.example.com
)";
  std::vector<fe::Diagnostic> diagnostics;
  const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
  REQUIRE(m);
  for (const fe::Diagnostic& d : diagnostics) {
    CHECK(d.severity == fe::Severity::Warning);
    CHECK(d.code == "manifest-shape");
  }
  const fe::Diagnostic* number =
      findDiagnostic(diagnostics, "manifest-shape",
                     "permissions.external.fetch.backend[2]: expected a string or {address}");
  REQUIRE(number);
  CHECK(number->line == lineOf(text, "- 42"));
  CHECK(number->column == columnOf(text, "42"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape", "permissions.external.fetch.backend[3]:"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape",
                       "permissions.external.fetch.backend[4].category:"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape",
                       "permissions.external.fetch.backend[4].inScopeEUD:"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape",
                       "permissions.external.fetch.backend[4].colour:"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape",
                       "permissions.external.fetch.backend[5]: expected a string or {address}"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape",
                       "permissions.external.images: expected a list"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape", "permissions.scopes: expected a list"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape", "modules.trigger: expected a list"));
  CHECK(findDiagnostic(diagnostics, "manifest-shape",
                       "modules.jira:issuePanel[0].resolver: expected a mapping"));

  // The valid entries around the bad ones are still read.
  REQUIRE(m->permissions.size() == 3);
  CHECK(m->permissions[0].address == "api.one.com");
  CHECK(m->permissions[1].address == "https://api.two.com");
  CHECK(m->permissions[2].address == "https://api.three.com");
  CHECK(m->permissions[2].category == "Marketing");
  CHECK_FALSE(m->permissions[2].inScopeEUD.has_value());
  REQUIRE(m->modules.size() == 1);
  CHECK(m->modules[0].resource == "ui");
  CHECK(m->modules[0].role.empty());
  REQUIRE(m->remotes.size() == 1);
  CHECK(m->remotes[0].baseUrl == "https://r.example.com");
}

TEST_CASE("alias bombs and deep nesting finish with bounded work", "[manifest]") {
  SECTION("billion laughs") {
    std::string text = "app:\n  id: ari:cloud:ecosystem::app/x\n";
    text +=
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    const std::string names = "abcdefghij";
    for (size_t i = 1; i < names.size(); ++i) {
      text += std::string(1, names[i]) + ": &" + names[i] + " [";
      for (int k = 0; k < 10; ++k) text += std::string(k ? "," : "") + "*" + names[i - 1];
      text += "]\n";
    }
    text +=
        "permissions:\n  scopes: *j\n  external:\n    fetch:\n      backend: *j\n"
        "modules:\n  trigger: *j\n  jira:issuePanel: *j\nremotes: *j\nresources: *j\n";
    std::vector<fe::Diagnostic> diagnostics;
    const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
    REQUIRE(m);
    CHECK(m->appId == "ari:cloud:ecosystem::app/x");
  }
  SECTION("wide fan-out hits the visit budget") {
    // 3000 module entries that all alias one mapping of 3000 keys: every key lookup would scan
    // the whole mapping, billions of steps without a budget.
    std::string text = "app:\n  id: ari:cloud:ecosystem::app/x\nbig: &big\n";
    for (int i = 0; i < 3000; ++i) text += "  k" + std::to_string(i) + ": v\n";
    text += "modules:\n  trigger:\n";
    for (int i = 0; i < 3000; ++i) text += "    - *big\n";
    std::vector<fe::Diagnostic> diagnostics;
    const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
    REQUIRE(m);
    const fe::Diagnostic* limit = findDiagnostic(diagnostics, "manifest-limit");
    REQUIRE(limit);
    CHECK(limit->severity == fe::Severity::Warning);
  }
  SECTION("a self-referencing alias") {
    const std::string text =
        "app:\n  id: x\nmodules: &m\n  trigger: &t [*t, {key: a, function: f, resolver: *t}]\n";
    std::vector<fe::Diagnostic> diagnostics;
    const std::optional<fe::Manifest> m = fe::readManifest(text, "manifest.yml", diagnostics);
    REQUIRE(m);
    CHECK(findUse(*m, "a", "function"));
  }
  SECTION("deep nesting") {
    std::string text = "app: ";
    text += std::string(100000, '[');
    std::vector<fe::Diagnostic> diagnostics;
    CHECK_FALSE(fe::readManifest(text, "manifest.yml", diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].code == "manifest-syntax");
    CHECK_FALSE(fe::looksLikeForgeManifest(std::string(100000, '{')));
  }
}

TEST_CASE("looksLikeForgeManifest", "[manifest]") {
  CHECK(fe::looksLikeForgeManifest("app:\n  id: ari:cloud:ecosystem::app/x\n"));
  CHECK(fe::looksLikeForgeManifest("modules: {}\napp:\n  id: x\n"));
  CHECK(fe::looksLikeForgeManifest("{app: {id: x}}"));
  CHECK(fe::looksLikeForgeManifest(std::string(kApp)));
  // Broken YAML that still has a top-level `app:` is a manifest to report on.
  CHECK(fe::looksLikeForgeManifest("app:\n  id: x\n bad: indent\n"));
  CHECK_FALSE(fe::looksLikeForgeManifest(""));
  CHECK_FALSE(fe::looksLikeForgeManifest("name: my-package\nversion: 1.0.0\n"));
  CHECK_FALSE(fe::looksLikeForgeManifest("config:\n  app: nested\n"));
  CHECK_FALSE(fe::looksLikeForgeManifest("- app\n- other\n"));
  CHECK_FALSE(fe::looksLikeForgeManifest("application: x\n"));
  CHECK_FALSE(fe::looksLikeForgeManifest(std::string("\0\x01\xff\xfe garbage app \x80", 18)));
  CHECK_FALSE(fe::looksLikeForgeManifest("{{{{ app ]]]"));
}
