// Backend or frontend by what reaches a file (pipeline/code_side.h), not by its folder.
#include <catch2/catch.hpp>

#include "report/policy_claims.h"
#include "snippet_checks.h"
#include "test_support.h"

namespace {

using fe::SourceSide;
using fe::test::egressAt;
using fe::test::hasFinding;
using fe::test::scanFiles;

// A UI Kit resource declared as one file in src/, beside the backend.
const std::string kManifest =
    "modules:\n"
    "  jira:issuePanel:\n"
    "    - key: panel\n      resource: ui\n      resolver:\n        function: resolver\n"
    "      render: native\n      title: Panel\n"
    "  function:\n    - key: resolver\n      handler: index.handler\n"
    "resources:\n  - key: ui\n    path: src/frontend.jsx\n"
    "permissions:\n  external:\n    fetch:\n      backend:\n        - https://api.vendor.example\n"
    "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001\n"
    "  runtime:\n    name: nodejs22.x\n";

const std::string kBackend =
    "import Resolver from '@forge/resolver';\n"                              // 1
    "import { post } from './lib/http';\n"                                   // 2
    "import { shared } from './shared';\n"                                   // 3
    "const resolver = new Resolver();\n"                                     // 4
    "resolver.define('save', async ({ payload }) => post(payload.text));\n"  // 5
    "export const handler = resolver.getDefinitions();\n";                   // 6

const std::string kHttp =
    "export const post = (body) =>\n"                                         // 1
    "  fetch('https://api.vendor.example/v1', { method: 'POST', body });\n";  // 2

const std::string kShared =
    "export const shared = () => fetch('https://status.vendor.example/ping');\n";  // 1

const std::string kFrontend =
    "import { invoke } from '@forge/bridge';\n"        // 1
    "import { shared } from './shared';\n"             // 2
    "export const App = () => invoke('save', {});\n";  // 3

}  // namespace

TEST_CASE("side: a backend file in the folder of a UI Kit resource file is backend", "[side]") {
  auto r = scanFiles({{"manifest.yml", kManifest},
                      {"src/index.js", kBackend},
                      {"src/lib/http.js", kHttp},
                      {"src/shared.js", kShared},
                      {"src/frontend.jsx", kFrontend}});
  REQUIRE(r.apps.size() == 1);
  const fe::EgressSite* e = egressAt(r, "src/lib/http.js", 2);
  REQUIRE(e);
  CHECK(e->side == SourceSide::Backend);
  CHECK(e->entryPoints == std::vector<std::string>{"resolver:save"});
  CHECK(fe::test::dataAt(r, "src/lib/http.js", 2) == std::vector<std::string>{"user-input"});
  // Declared by fetch.backend: no false FE003 against fetch.client, and the permission is used.
  CHECK_FALSE(hasFinding(r, "FE003", "src/lib/http.js", 2));
  for (const auto& f : r.apps[0].verdict.findings) CHECK(f.ruleId != "FE005");
}

TEST_CASE("side: a module imported by both sides is checked against both lists", "[side]") {
  auto r = scanFiles({{"manifest.yml", kManifest},
                      {"src/index.js", kBackend},
                      {"src/lib/http.js", kHttp},
                      {"src/shared.js", kShared},
                      {"src/frontend.jsx", kFrontend}});
  const fe::EgressSite* e = egressAt(r, "src/shared.js", 1);
  REQUIRE(e);
  CHECK(e->side == SourceSide::Both);
  CHECK(hasFinding(r, "FE003", "src/shared.js", 1));
}

TEST_CASE("side: a fetch to an Atlassian host needs fetch.client or fetch.backend", "[side]") {
  std::string frontend =
      "export const load = () => fetch('https://acme.atlassian.net/rest/api/3/myself');\n";
  std::string backend = kBackend +
                        "export const me = () => "
                        "fetch('https://acme.atlassian.net/rest/api/3/myself');\n";
  auto r = scanFiles({{"manifest.yml", kManifest},
                      {"src/index.js", backend},
                      {"src/lib/http.js", kHttp},
                      {"src/shared.js", kShared},
                      {"src/frontend.jsx", kFrontend + "export { load } from './ui/load';\n"},
                      {"src/ui/load.js", frontend}});
  const fe::EgressSite* browser = egressAt(r, "src/ui/load.js", 1);
  REQUIRE(browser);
  CHECK(browser->side == SourceSide::Frontend);
  CHECK(hasFinding(r, "FE003", "src/ui/load.js", 1));
  const fe::EgressSite* server = egressAt(r, "src/index.js", 7);
  REQUIRE(server);
  CHECK(server->side == SourceSide::Backend);
  // A plain fetch is egress Forge checks even to an Atlassian host (spec 3.1): undeclared,
  // but no external server for the policy claim.
  CHECK(hasFinding(r, "FE003", "src/index.js", 7));
  auto only = scanFiles({{"src/index.js",
                          "export const handler = () => "
                          "fetch('https://acme.atlassian.net/rest/api/3/myself');\n"}});
  CHECK(hasFinding(only, "FE003", "src/index.js", 1));
  for (const auto& c : fe::policyClaims(only.apps[0]))
    if (c.id == "no-external-servers") CHECK(c.status == "holds");
}

TEST_CASE("site: a URL built on the customer's site URL goes to their own Atlassian site",
          "[side]") {
  std::string frontend =
      "import React from 'react';\n"                                                     // 1
      "import ForgeReconciler, { Image, useProductContext } from '@forge/react';\n"      // 2
      "import { view } from '@forge/bridge';\n"                                          // 3
      "const App = () => {\n"                                                            // 4
      "  const context = useProductContext();\n"                                         // 5
      "  return <Image src={`${context.siteUrl}/images/icons/x.svg`} />;\n"              // 6
      "};\n"                                                                             // 7
      "export async function me() {\n"                                                   // 8
      "  const ctx = await view.getContext();\n"                                         // 9
      "  await fetch(`${ctx.siteUrl}/rest/api/3/myself`);\n"                             // 10
      "  await fetch(`${window.location.ancestorOrigins[0]}/rest/api/3/serverInfo`);\n"  // 11
      "}\n"                                                                              // 12
      "ForgeReconciler.render(<App />);\n";
  auto r = scanFiles({{"manifest.yml", kManifest},
                      {"src/index.js", kBackend},
                      {"src/lib/http.js", kHttp},
                      {"src/shared.js", kShared},
                      {"src/frontend.jsx", frontend}});
  for (int line : {6, 10, 11}) {
    INFO("line " << line);
    const fe::EgressSite* e = egressAt(r, "src/frontend.jsx", line);
    REQUIRE(e);
    CHECK(e->host == std::optional<std::string>("*.atlassian.net"));
    CHECK(e->hostSource == "site");
  }
  CHECK_FALSE(hasFinding(r, "FE010", "src/frontend.jsx", 6));  // an image from their own site
  CHECK(
      hasFinding(r, "FE003", "src/frontend.jsx", 10));  // a browser fetch still needs fetch.client
}
