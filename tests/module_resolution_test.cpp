// Module resolution as product.md §2 describes it (Node and TypeScript rules),
// checked through the data-flow engine: a constant or customer data crosses a
// module boundary and reaches an egress call whose host and data are pinned.
//
// Conventions: a sink call starts on a line that ends with `// SINK…`; `lineOf`
// finds that line (1-based) in the exact text written to disk.
#include <catch2/catch.hpp>
#include <sstream>

#include "index/module_resolver.h"
#include "snippet_checks.h"
#include "test_support.h"

namespace {

using fe::test::checkSink;
using fe::test::describe;
using fe::test::lineOf;

using fe::test::egressAt;
using fe::test::hostAt;
using fe::test::manifestFor;
using fe::test::scanFiles;
using Data = std::vector<std::string>;

const Data kNone{};

bool hasDiagnostic(const fe::ScanResult& r, const std::string& code, const std::string& file) {
  for (const auto& d : r.diagnostics)
    if (d.code == code && d.file == file) return true;
  return false;
}

// A resolver entry module `src/index.<ext>`: `imports` on top, `body` inside one
// resolver function whose payload and context are in scope.
std::string entry(const std::string& imports, const std::string& body) {
  return imports +
         "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\n"
         "resolver.define('k', async ({ payload, context }) => {\n" +
         body + "});\nexport const handler = resolver.getDefinitions();\n";
}

const char* kConfigEsm = "export const BASE = 'https://api.example.com';\n";

}  // namespace

// ---------------------------------------------------------------- ESM

TEST_CASE("modules: ESM named import", "[modules]") {
  const std::string src =
      entry("import { BASE } from './config';\n",
            "  await fetch(`${BASE}/items`, { method: 'POST', body: payload.text }); // SINK\n");
  auto r = scanFiles({{"src/index.js", src}, {"src/config.js", kConfigEsm}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("modules: ESM default import of a function that sends", "[modules]") {
  const std::string src =
      entry("import send from './send';\n", "  await send(context.accountId);\n");
  const std::string send = R"(export default async function send(body) {
  return fetch('https://api.example.com/items', { method: 'POST', body }); // SINK
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"src/send.js", send}});
  checkSink(r, "src/send.js", lineOf(send, "SINK"), "api.example.com", "literal",
            {"user-identity"});
  const fe::EgressSite* e = egressAt(r, "src/send.js", lineOf(send, "SINK"));
  REQUIRE(e != nullptr);
  CHECK(e->entryPoints == std::vector<std::string>{"resolver:k"});
}

TEST_CASE("modules: ESM default export of a value", "[modules]") {
  const std::string src =
      entry("import base from './config';\n", "  await fetch(base + '/items'); // SINK\n");
  auto r = scanFiles(
      {{"src/index.js", src},
       {"src/config.js", "const BASE = 'https://api.example.com';\nexport default BASE;\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", kNone);
}

TEST_CASE("modules: ESM namespace import", "[modules]") {
  const std::string src = entry(
      "import * as cfg from './config';\n",
      "  await fetch(cfg.BASE + '/items', { method: 'POST', body: context.cloudId }); // SINK\n");
  auto r = scanFiles({{"src/index.js", src}, {"src/config.js", kConfigEsm}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant",
            {"install-context"});
}

TEST_CASE("modules: aliased import", "[modules]") {
  const std::string src = entry("import { BASE as API } from './config';\n",
                                "  await fetch(`${API}/items`); // SINK\n");
  auto r = scanFiles({{"src/index.js", src}, {"src/config.js", kConfigEsm}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", kNone);
}

TEST_CASE("modules: aliased export and re-export with export {a as b} from", "[modules]") {
  const std::string src = entry("import { API_BASE, post } from './barrel';\n",
                                "  await fetch(`${API_BASE}/items`); // SINK_CONST\n"
                                "  await post(payload.text);\n");
  const std::string sender =
      R"(const sendIt = (body) => fetch('https://send.example.com/x', { method: 'POST', body }); // SINK_FN
export { sendIt as send };
)";
  auto r = scanFiles({{"src/index.js", src},
                      {"src/config.js", kConfigEsm},
                      {"src/sender.js", sender},
                      {"src/barrel.js",
                       "export { BASE as API_BASE } from './config';\nexport { send as post } from "
                       "'./sender';\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_CONST"), "api.example.com", "constant", kNone);
  checkSink(r, "src/sender.js", lineOf(sender, "SINK_FN"), "send.example.com", "literal",
            {"user-input"});
}

TEST_CASE("modules: export * from - also through a chain", "[modules]") {
  const std::string src =
      entry("import { BASE } from './outer';\n",
            "  await fetch(`${BASE}/items`, { method: 'POST', body: payload.text }); // SINK\n");
  auto r = scanFiles({{"src/index.js", src},
                      {"src/config.js", kConfigEsm},
                      {"src/inner.js", "export * from './config';\n"},
                      {"src/outer.js", "export * from './inner';\nexport const OTHER = 1;\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("modules: export * as ns from", "[modules]") {
  const std::string src =
      entry("import { cfg } from './barrel';\n", "  await fetch(cfg.BASE + '/items'); // SINK\n");
  auto r = scanFiles({{"src/index.js", src},
                      {"src/config.js", kConfigEsm},
                      {"src/barrel.js", "export * as cfg from './config';\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", kNone);
}

TEST_CASE("modules: dynamic import()", "[modules]") {
  const std::string src = entry("",
                                "  const { BASE } = await import('./config.js');\n"
                                "  await fetch(`${BASE}/a`); // SINK_DESTRUCTURED\n"
                                "  const mod = await import('./send');\n"
                                "  await mod.default(payload.text);\n");
  const std::string send = R"(export default async function send(body) {
  return fetch('https://send.example.com/x', { method: 'POST', body }); // SINK_DEFAULT
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"src/config.js", kConfigEsm}, {"src/send.js", send}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_DESTRUCTURED"), "api.example.com", "constant",
            kNone);
  checkSink(r, "src/send.js", lineOf(send, "SINK_DEFAULT"), "send.example.com", "literal",
            {"user-input"});
}

// ---------------------------------------------------------------- CommonJS

TEST_CASE("modules: require with module.exports = {...}", "[modules]") {
  const std::string src = entry(
      "const { BASE } = require('./config');\nconst cfg = require('./config');\n",
      "  await fetch(BASE + '/a', { method: 'POST', body: payload.text }); // SINK_DESTRUCTURED\n"
      "  await fetch(cfg.BASE + '/b'); // SINK_MEMBER\n");
  auto r = scanFiles(
      {{"src/index.js", src},
       {"src/config.js", "const BASE = 'https://api.example.com';\nmodule.exports = { BASE };\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_DESTRUCTURED"), "api.example.com", "constant",
            {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_MEMBER"), "api.example.com", "constant", kNone);
}

TEST_CASE("modules: module.exports = fn", "[modules]") {
  const std::string src =
      entry("const send = require('./send');\n", "  await send(context.accountId);\n");
  const std::string send = R"(module.exports = async function send(body) {
  return fetch('https://api.example.com/items', { method: 'POST', body }); // SINK
};
)";
  auto r = scanFiles({{"src/index.js", src}, {"src/send.js", send}});
  checkSink(r, "src/send.js", lineOf(send, "SINK"), "api.example.com", "literal",
            {"user-identity"});
}

TEST_CASE("modules: exports.x = ...", "[modules]") {
  const std::string src =
      entry("const cfg = require('./config');\nconst { post } = require('./config');\n",
            "  await fetch(`${cfg.BASE}/items`); // SINK_CONST\n"
            "  await post(payload.text);\n");
  const std::string config = R"(exports.BASE = 'https://api.example.com';
exports.post = (body) => fetch('https://post.example.com/x', { method: 'POST', body }); // SINK_FN
)";
  auto r = scanFiles({{"src/index.js", src}, {"src/config.js", config}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_CONST"), "api.example.com", "constant", kNone);
  checkSink(r, "src/config.js", lineOf(config, "SINK_FN"), "post.example.com", "literal",
            {"user-input"});
}

// ---------------------------------------------------------------- resolution rules

TEST_CASE("modules: extension and index resolution", "[modules]") {
  const std::string src = entry("import { BASE } from './lib';\nimport { OTHER } from './util';\n",
                                "  await fetch(`${BASE}/a`); // SINK_INDEX\n"
                                "  await fetch(`${OTHER}/b`); // SINK_EXT\n");
  auto r =
      scanFiles({{"src/index.js", src},
                 {"src/lib/index.js", kConfigEsm},
                 {"src/util.ts", "export const OTHER: string = 'https://other.example.com';\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_INDEX"), "api.example.com", "constant", kNone);
  checkSink(r, "src/index.js", lineOf(src, "SINK_EXT"), "other.example.com", "constant", kNone);
}

TEST_CASE("modules: a .js specifier that names a .ts file", "[modules]") {
  const std::string src =
      entry("import { BASE } from './config.js';\n",
            "  await fetch(`${BASE}/items`, { method: 'POST', body: payload.text }); // SINK\n");
  auto r =
      scanFiles({{"src/index.ts", src},
                 {"src/config.ts", "export const BASE: string = 'https://api.example.com';\n"}});
  checkSink(r, "src/index.ts", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("modules: .mjs and .cjs files", "[modules]") {
  const std::string src =
      entry("import { BASE } from './config.mjs';\nconst legacy = require('./legacy.cjs');\n",
            "  await fetch(`${BASE}/a`); // SINK_MJS\n"
            "  await fetch(`${legacy.LEGACY}/b`); // SINK_CJS\n");
  auto r = scanFiles(
      {{"src/index.js", src},
       {"src/config.mjs", kConfigEsm},
       {"src/legacy.cjs", "module.exports = { LEGACY: 'https://legacy.example.com' };\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_MJS"), "api.example.com", "constant", kNone);
  checkSink(r, "src/index.js", lineOf(src, "SINK_CJS"), "legacy.example.com", "constant", kNone);
}

TEST_CASE("modules: an imported .json file is a module of its values", "[modules]") {
  const std::string src = entry(
      "import config from './config.json';\nimport { hook } from './hooks.json';\n"
      "const legacy = require('../settings.json');\n",
      "  await fetch(config.api.url, { method: 'POST', body: payload.text }); // SINK_ESM\n"
      "  await fetch(hook); // SINK_NAMED\n"
      "  await fetch(legacy.base + '/x'); // SINK_CJS\n");
  auto r = scanFiles({{"src/index.js", src},
                      {"src/config.json",
                       "\xEF\xBB\xBF{ \"api\": { \"url\": \"https://cfg.example.com/v1\" } }\n"},
                      {"src/hooks.json", "{\n  \"hook\": \"https://hooks.example.org/h\"\n}\n"},
                      {"settings.json", "{ \"base\": \"https://settings.example.net\" }\n"},
                      // Not imported: read by nothing, so no values and no diagnostics from it.
                      {"src/unused.json", "{ \"url\": \"https://unused.example.com\", broken"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_ESM"), "cfg.example.com", "constant",
            {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_NAMED"), "hooks.example.org", "constant", kNone);
  checkSink(r, "src/index.js", lineOf(src, "SINK_CJS"), "settings.example.net", "constant", kNone);
  for (const auto& d : r.diagnostics) CHECK(d.file != "src/unused.json");
}

TEST_CASE("modules: tsconfig baseUrl and paths - inherited with extends", "[modules]") {
  const std::string src =
      entry("import { BASE } from '@lib/config';\nimport { OTHER } from 'shared/other';\n",
            "  await fetch(`${BASE}/a`, { method: 'POST', body: payload.text }); // SINK_PATHS\n"
            "  await fetch(`${OTHER}/b`); // SINK_BASEURL\n");
  auto r =
      scanFiles({{"src/index.ts", src},
                 {"src/lib/config.ts", "export const BASE = 'https://api.example.com';\n"},
                 {"src/shared/other.ts", "export const OTHER = 'https://other.example.com';\n"},
                 {"tsconfig.base.json",
                  "{\n  \"compilerOptions\": {\n    \"baseUrl\": \"./src\",\n"
                  "    \"paths\": { \"@lib/*\": [\"lib/*\"] }\n  }\n}\n"},
                 {"tsconfig.json",
                  "{\n  \"extends\": \"./tsconfig.base.json\",\n  \"compilerOptions\": { "
                  "\"strict\": true }\n}\n"}});
  checkSink(r, "src/index.ts", lineOf(src, "SINK_PATHS"), "api.example.com", "constant",
            {"user-input"});
  checkSink(r, "src/index.ts", lineOf(src, "SINK_BASEURL"), "other.example.com", "constant", kNone);
}

TEST_CASE("modules: TypeScript namespaces are objects of what they export", "[modules]") {
  const std::string pd =
      "export namespace PagerDuty {\n"
      "  export async function page(title: string) {\n"
      "    return fetch('https://pd.example.com/i', { method: 'POST', body: title }); // SINK_NS\n"
      "  }\n"
      "}\n"
      "export class Client {\n"
      "  go(v: string) { return fetch('https://cls.example.com/c', { method: 'POST', body: v }); "
      "} // SINK_CLASS\n"
      "}\n";
  const std::string src = entry(
      "import { PagerDuty, Client } from './pd.js';\n"
      "namespace Local { export const BASE = 'https://local.example.org'; }\n",
      "  await PagerDuty.page(payload.title);\n"
      "  await fetch(`${Local.BASE}/x`); // SINK_LOCAL\n"
      "  new Client().go(payload.v);\n");
  auto r = scanFiles({{"src/index.ts", src}, {"src/pd.ts", pd}});
  checkSink(r, "src/pd.ts", lineOf(pd, "SINK_NS"), "pd.example.com", "literal", {"user-input"});
  checkSink(r, "src/index.ts", lineOf(src, "SINK_LOCAL"), "local.example.org", "constant", kNone);
  // A class exported beside it (its name a type_identifier) is still an export.
  checkSink(r, "src/pd.ts", lineOf(pd, "SINK_CLASS"), "cls.example.com", "literal", {"user-input"});
}

TEST_CASE("modules: packages of the app's own workspace - by package.json exports and main",
          "[modules]") {
  // A monorepo: packages/* are linked into node_modules at run time; here they are found by
  // their package.json name. `main` names build output that is not there, so the sources are
  // used; `exports` maps a subpath.
  const std::string src = entry(
      "import { send } from '@acme/client';\nimport { BASE } from '@acme/config/hosts';\n"
      "import axios from 'axios';\n",
      "  await send(payload.text);\n"
      "  await fetch(`${BASE}/x`); // SINK_SUBPATH\n"
      "  await axios.post('https://axios.example.com/a', { t: payload.text }); // SINK_AXIOS\n");
  const std::string client =
      "export async function send(text) {\n"
      "  return fetch('https://client.example.com/send', { method: 'POST', body: text }); // "
      "SINK_WS\n}\n";
  auto r = scanFiles(
      {{"src/index.js", src},
       {"packages/client/package.json",
        "{ \"name\": \"@acme/client\", \"main\": \"dist/index.js\" }\n"},
       {"packages/client/src/index.js", client},
       {"packages/config/package.json",
        "{ \"name\": \"@acme/config\", \"exports\": { \"./hosts\": { \"types\": "
        "\"./hosts.d.ts\", \"default\": \"./lib/hosts.js\" } } }\n"},
       {"packages/config/lib/hosts.js", "export const BASE = 'https://config.example.com';\n"},
       // A copy of a package the catalog models stays the catalog's: the call is the sink.
       {"vendor/axios/package.json", "{ \"name\": \"axios\", \"main\": \"index.js\" }\n"},
       {"vendor/axios/index.js", "module.exports = function axios() {};\n"}});
  checkSink(r, "packages/client/src/index.js", lineOf(client, "SINK_WS"), "client.example.com",
            "literal", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_SUBPATH"), "config.example.com", "constant",
            kNone);
  checkSink(r, "src/index.js", lineOf(src, "SINK_AXIOS"), "axios.example.com", "literal",
            {"user-input"});
}

TEST_CASE("modules: an import of a module not in the checkout is a warning and the scan continues",
          "[modules]") {
  const std::string src =
      entry("import { BASE } from './missing';\n",
            "  await fetch(`${BASE}/a`, { method: 'POST', body: payload.text }); // SINK_UNKNOWN\n"
            "  await fetch('https://api.example.com/b', { method: 'POST', body: context.accountId "
            "}); // SINK_KNOWN\n");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  // Nothing on disk answers './missing': code that runs and was not read (incomplete).
  CHECK(hasDiagnostic(r, "unanalysed-code", "src/index.js"));
  REQUIRE(r.apps.size() == 1);
  CHECK_FALSE(r.apps[0].incomplete.empty());
  CHECK_FALSE(r.inputError);
  checkSink(r, "src/index.js", lineOf(src, "SINK_UNKNOWN"), "null", "unknown", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_KNOWN"), "api.example.com", "literal",
            {"user-identity"});
  CHECK(fe::test::hasFinding(r, "FE004", "src/index.js", lineOf(src, "SINK_UNKNOWN")));
}

TEST_CASE("modules: a re-export from a module not in the checkout is code that runs unread",
          "[modules]") {
  // `export … from` evaluates the module as an import does: its code runs, so a
  // specifier that names nothing on disk leaves the verdict incomplete, at its line.
  const std::string index =
      "import { fetch } from '@forge/api';\n"
      "export * from './generated/client';  // STAR\n"
      "export { handler as other } from './missing';  // NAMED\n"
      "export const handler = async () => fetch('https://api.example.com/a');\n";
  auto r = scanFiles({{"src/index.js", index}});
  INFO(describe(r));
  REQUIRE(r.apps.size() == 1);
  for (const char* mark : {"STAR", "NAMED"}) {
    bool found = false;
    for (const auto& d : r.diagnostics)
      found |=
          d.code == "unanalysed-code" && d.file == "src/index.js" && d.line == lineOf(index, mark);
    CHECK(found);
  }
  CHECK(r.apps[0].incomplete.size() >= 2);
  checkSink(r, "src/index.js", 4, "api.example.com", "literal", kNone);
}

TEST_CASE("modules: two apps in one repository do not leak values", "[modules]") {
  // Same relative paths in both apps; only app-a sends customer data.
  const std::string a =
      entry("import { BASE } from './config';\n",
            "  await fetch(`${BASE}/items`, { method: 'POST', body: payload.text }); // SINK\n");
  const std::string b =
      entry("import { BASE } from './config';\n",
            "  await fetch(`${BASE}/items`, { method: 'POST', body: 'static' }); // SINK\n");
  std::string manifestB = manifestFor();
  manifestB.replace(manifestB.find("00000000-0000-0000-0000-000000000000"), 36,
                    "11111111-1111-1111-1111-111111111111");
  // scanFiles would add a manifest at the root: write the monorepo by hand.
  fe::test::TempDir dir;
  dir.write("app-a/manifest.yml", manifestFor());
  dir.write("app-a/src/index.js", a);
  dir.write("app-a/src/config.js", "export const BASE = 'https://a.example.com';\n");
  dir.write("app-b/manifest.yml", manifestB);
  dir.write("app-b/src/index.js", b);
  dir.write("app-b/src/config.js", "export const BASE = 'https://b.example.com';\n");
  fe::ScanOptions options;
  options.root = dir.path().string();
  options.jobs = 1;
  auto r = fe::runScan(options);
  INFO(describe(r));
  REQUIRE(r.apps.size() == 2);
  checkSink(r, "app-a/src/index.js", lineOf(a, "SINK"), "a.example.com", "constant",
            {"user-input"});
  checkSink(r, "app-b/src/index.js", lineOf(b, "SINK"), "b.example.com", "constant", kNone);
  for (const auto& app : r.apps)
    for (const auto& e : app.verdict.egress) {
      INFO(app.dir << " " << e.file);
      CHECK(e.file.rfind(app.dir + "/", 0) == 0);
    }
}

TEST_CASE("modules: export { default as x } from and a default import of CommonJS", "[modules]") {
  const std::string src =
      entry("import { send } from './barrel';\nimport legacy from './legacy.cjs';\n",
            "  await send(payload.text);\n"
            "  await fetch(legacy.LEGACY + '/b'); // SINK_CJS_DEFAULT\n");
  const std::string send = R"(export default function send(body) {
  return fetch('https://api.example.com/items', { method: 'POST', body }); // SINK_SEND
}
)";
  auto r = scanFiles(
      {{"src/index.js", src},
       {"src/send.js", send},
       {"src/barrel.js", "export { default as send } from './send';\n"},
       {"src/legacy.cjs", "module.exports = { LEGACY: 'https://legacy.example.com' };\n"}});
  checkSink(r, "src/send.js", lineOf(send, "SINK_SEND"), "api.example.com", "literal",
            {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_CJS_DEFAULT"), "legacy.example.com", "constant",
            kNone);
}

TEST_CASE("modules: customer data returned by a function in another file", "[modules]") {
  const std::string src = entry("import { describeUser } from './users';\n",
                                "  const who = await describeUser(context);\n"
                                "  await fetch('https://api.example.com/a', { method: 'POST', "
                                "body: JSON.stringify(who) }); // SINK\n");
  const std::string users = R"(export async function describeUser(ctx) {
  return { id: ctx.accountId, kind: 'user' };
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"src/users.js", users}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "literal",
            {"user-identity"});
}

TEST_CASE("modules: a handler exported from another file through the manifest", "[modules]") {
  // manifest handler index.handler; index.js re-exports the resolver's definitions.
  const std::string index = "export { handler } from './resolvers/main';\n";
  const std::string main = R"(import Resolver from '@forge/resolver';
const resolver = new Resolver();
resolver.define('k', async ({ payload }) => {
  await fetch('https://api.example.com/a', { method: 'POST', body: payload.text }); // SINK
});
export const handler = resolver.getDefinitions();
)";
  auto r = scanFiles({{"src/index.js", index}, {"src/resolvers/main.js", main}});
  checkSink(r, "src/resolvers/main.js", lineOf(main, "SINK"), "api.example.com", "literal",
            {"user-input"});
  const fe::EgressSite* e = egressAt(r, "src/resolvers/main.js", lineOf(main, "SINK"));
  REQUIRE(e != nullptr);
  CHECK(e->entryPoints == std::vector<std::string>{"resolver:k"});
}

TEST_CASE("modules: a handler in index.mts and an import of a .cts file", "[modules]") {
  // One table of source extensions: the manifest's handler lookup finds .mts too.
  const std::string src =
      entry("import { BASE } from './config.cjs';\n",
            "  await fetch(`${BASE}/items`, { method: 'POST', body: payload.text }); // SINK\n");
  auto r = scanFiles({{"src/index.mts", src}, {"src/config.cts", kConfigEsm}});
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].incomplete.empty());
  checkSink(r, "src/index.mts", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("modules: one diagnostic per file and unresolved specifier - none for assets",
          "[modules]") {
  const std::string src = entry(
      "import { A, B, C } from './missing';\nimport logo from './logo.png';\n"
      "import icon from './icon.svg';\n",
      "  await fetch('https://api.example.com/b', { body: A + B + C + logo + icon });\n");
  auto r = scanFiles({{"src/index.js", src}});
  size_t notes = 0;
  for (const auto& d : r.diagnostics)
    notes += d.code == "unresolved-import" || d.code == "unanalysed-code";
  CHECK(notes == 1);
}

TEST_CASE("build output: analysed when the app's code imports it - skipped when nothing does",
          "[modules][build-output]") {
  // A vendored package whose code ships in dist/: the app runs it, so its egress counts.
  const std::string index =
      "import { send } from './vendor/tracker/dist/index.js';\n"
      "export const handler = async (payload) => { await send(payload); };\n";
  const std::string tracker =
      "import { post } from './post';\n"
      "export async function send(data) { await post(JSON.stringify(data)); }\n";
  const std::string post =
      "export const post = (body) => fetch('https://collect.tracker.example/v1', { method: "
      "'POST', body }); // SINK\n";
  const std::string stale = "fetch('https://old.build.example/'); // SINK\n";
  auto r = scanFiles({{"manifest.yml", manifestFor("function")},
                      {"src/index.js", index},
                      {"src/vendor/tracker/dist/index.js", tracker},
                      {"src/vendor/tracker/dist/post.js", post},
                      {"dist/index.js", stale}});
  REQUIRE(r.apps.size() == 1);
  // Followed through two imports inside dist/.
  CHECK(hostAt(r, "src/vendor/tracker/dist/post.js", lineOf(post, "SINK")) ==
        "collect.tracker.example");
  CHECK(fe::test::dataAt(r, "src/vendor/tracker/dist/post.js", lineOf(post, "SINK")) ==
        Data{"event-data"});
  // The app's own stale build: nothing imports it.
  CHECK(hostAt(r, "dist/index.js", 1) == "missing");
  CHECK_FALSE(hasDiagnostic(r, "unresolved-import", "src/index.js"));
}

TEST_CASE(
    "modules: an import of code in a language the tool does not read makes the verdict "
    "incomplete",
    "[modules][fail-closed]") {
  const std::string frontend =
      "import { createApp } from 'vue';\n"
      "import App from './App.vue';\n"
      "createApp(App).mount('#app');\n";
  auto r = scanFiles({{"src/frontend/index.jsx", frontend},
                      {"src/frontend/App.vue", "<script>fetch('https://x.example/')</script>\n"},
                      {"src/index.js", entry("", "return 1;\n")}});
  REQUIRE(r.apps.size() == 1);
  REQUIRE(r.apps[0].incomplete.size() == 1);
  CHECK(r.apps[0].incomplete[0].find("src/frontend/index.jsx:2") != std::string::npos);
  CHECK(r.apps[0].incomplete[0].find("./App.vue") != std::string::npos);
  CHECK(hasDiagnostic(r, "unanalysed-code", "src/frontend/index.jsx"));
  CHECK_FALSE(hasDiagnostic(r, "unresolved-import", "src/frontend/index.jsx"));
  // An asset import is a URL of the app's own files: nothing unanalysed.
  auto assets = scanFiles({{"src/frontend/index.jsx", "import logo from './logo.svg';\n"},
                           {"src/index.js", entry("", "return 1;\n")}});
  CHECK(assets.apps[0].incomplete.empty());
}

TEST_CASE(
    "modules: package.json `imports` maps #subpath specifiers - and an unmapped one is unread code",
    "[modules]") {
  const std::string src =
      entry("import { publish } from '#lib/notes';\nconst http = require('#http');\n",
            "  await publish(payload.text);\n  await http.post(context.accountId);\n");
  const std::string notes = R"(export async function publish(text) {
  return fetch('https://notes.example.com/n', { method: 'POST', body: text }); // NOTES
}
)";
  const std::string http = R"(exports.post = (body) =>
  fetch('https://http.example.com/p', { method: 'POST', body }); // HTTP
)";
  const std::string pkg =
      R"({"name": "app", "imports": {"#lib/*": "./src/lib/*.js", "#http": {"node": "./src/http.cjs"}}})";
  auto r = scanFiles({{"src/index.js", src},
                      {"src/lib/notes.js", notes},
                      {"src/http.cjs", http},
                      {"package.json", pkg}});
  checkSink(r, "src/lib/notes.js", lineOf(notes, "NOTES"), "notes.example.com", "literal",
            {"user-input"});
  checkSink(r, "src/http.cjs", lineOf(http, "HTTP"), "http.example.com", "literal",
            {"user-identity"});
  CHECK(r.apps.at(0).incomplete.empty());

  // No entry maps it: the code that runs is not in the scan.
  const std::string missing =
      entry("import { publish } from '#lib/missing';\n", "  await publish(payload.text);\n");
  auto m = scanFiles({{"src/index.js", missing},
                      {"package.json", R"({"name": "app", "imports": {"#other": "./x.js"}})"}});
  CHECK(hasDiagnostic(m, "unanalysed-code", "src/index.js"));
  CHECK_FALSE(m.apps.at(0).incomplete.empty());

  // A tsconfig `paths` entry may name a `#` specifier too.
  const std::string viaPaths =
      entry("import { publish } from '#notes';\n", "  await publish(payload.text);\n");
  auto t = scanFiles(
      {{"src/index.ts", viaPaths},
       {"src/lib/notes.ts", notes},
       {"tsconfig.json",
        R"({"compilerOptions": {"baseUrl": "./src", "paths": {"#notes": ["lib/notes.ts"]}}})"}});
  checkSink(t, "src/lib/notes.ts", lineOf(notes, "NOTES"), "notes.example.com", "literal",
            {"user-input"});
  CHECK(t.apps.at(0).incomplete.empty());
}

// ---------------------------------------------------------------- computed names

TEST_CASE("modules: a pattern names the files it matches - with probing", "[modules]") {
  fe::ModuleResolver resolver(
      {"src/index.js", "src/locales/de.json", "src/locales/en.json", "src/locales/en/extra.js",
       "src/plugins/a.ts", "src/plugins/b/index.js", "src/other.js"},
      [](const std::string&, std::string&) { return false; });
  using V = std::vector<int>;
  // `*` takes any text, `/` included (a bundler's context module reads the folder through).
  CHECK(resolver.resolvePattern("src/index.js", "./locales/*.json") == V{1, 2});
  CHECK(resolver.resolvePattern("src/index.js", "./locales/*") == V{1, 2, 3});
  // `.js` written for `.ts`, extensions and `index` probed as for one specifier.
  CHECK(resolver.resolvePattern("src/index.js", "./plugins/*.js") == V{4, 5});
  CHECK(resolver.resolvePattern("src/index.js", "./plugins/*") == V{4, 5});
  CHECK(resolver.resolvePattern("src/locales/de.json", "../plugins/*.js") == V{4, 5});
  CHECK(resolver.resolvePattern("src/index.js", "./missing/*").empty());
  CHECK(resolver.resolvePattern("src/index.js", "plugins/*").empty());  // a package name
}

TEST_CASE("modules: import and require of a computed relative name load the files it matches",
          "[modules]") {
  const std::string src = entry("",
                                "  const locale = await import(`./locales/${payload.lang}.js`);\n"
                                "  await locale.default.send(payload.text);\n"
                                "  const plugin = require('./plugins/' + payload.kind);\n"
                                "  await plugin.run(context.accountId);\n");
  const std::string en =
      "export default { send: (t) => fetch('https://en.example.com', { method: 'POST', body: t "
      "}) }; // SINK_EN\n";
  const std::string jira =
      "exports.run = (id) => fetch('https://plugin.example.com/' + id); // SINK_PLUGIN\n";
  auto r =
      scanFiles({{"src/index.js", src}, {"src/locales/en.js", en}, {"src/plugins/jira.js", jira}});
  INFO(describe(r));
  REQUIRE(r.apps.size() == 1);
  checkSink(r, "src/locales/en.js", lineOf(en, "SINK_EN"), "en.example.com", "literal",
            {"user-input"});
  checkSink(r, "src/plugins/jira.js", lineOf(jira, "SINK_PLUGIN"), "plugin.example.com", "constant",
            {"user-identity"});
  // Every module the names may load was analysed: nothing unread.
  CHECK_FALSE(hasDiagnostic(r, "unanalysed-code", "src/index.js"));
  CHECK(r.apps[0].incomplete.empty());
}

TEST_CASE("modules: a computed name that matches no analysed file is code that runs unread",
          "[modules]") {
  const std::string src =
      entry("",
            "  const a = await import(`./generated/${payload.lang}.js`); // NOTHING\n"
            "  const b = await import(`./${payload.file}`); // ANY\n"
            "  await a.send(b);\n");
  auto r = scanFiles({{"src/index.js", src}, {"src/helper.js", "export const x = 1;\n"}});
  INFO(describe(r));
  REQUIRE(r.apps.size() == 1);
  for (const char* mark : {"NOTHING", "ANY"}) {
    bool found = false;
    for (const auto& d : r.diagnostics)
      found |= d.code == "unanalysed-code" && d.line == lineOf(src, mark);
    CHECK(found);
  }
  CHECK(r.apps[0].incomplete.size() >= 2);
}

TEST_CASE("modules: a folder with a package.json loads the file its main names", "[modules]") {
  // Node loads `require('./vendor/tracker')` from the folder's package.json `main`; a `main`
  // that climbs out of the folder is not followed.
  const std::string src = entry(
      "const tracker = require('./vendor/tracker');\n"
      "const escape = require('./vendor/escape');\n",
      "  await tracker.track(payload.text);\n"
      "  await escape.send(payload.text);\n");
  const std::string track =
      "exports.track = (t) => fetch('https://track.example.com/' + t); // SINK_TRACK\n";
  const std::string outside =
      "exports.send = (t) => fetch('https://outside.example.com/' + t); // SINK_OUTSIDE\n";
  auto r = scanFiles({{"src/index.js", src},
                      {"src/vendor/tracker/package.json", "{\"main\": \"lib/track.js\"}\n"},
                      {"src/vendor/tracker/lib/track.js", track},
                      {"src/vendor/escape/package.json", "{\"main\": \"../outside.js\"}\n"},
                      {"src/vendor/outside.js", outside}});
  INFO(describe(r));
  checkSink(r, "src/vendor/tracker/lib/track.js", lineOf(track, "SINK_TRACK"), "track.example.com",
            "constant", {"user-input"});
  checkSink(r, "src/vendor/outside.js", lineOf(outside, "SINK_OUTSIDE"), "outside.example.com",
            "constant", kNone);
  CHECK(r.apps[0].incomplete.empty());

  // A `main` that is not in the checkout (dist/ not built): code that runs unread.
  const std::string unbuilt = entry("const sdk = require('./vendor/sdk'); // UNBUILT\n",
                                    "  await sdk.send(payload.text);\n");
  auto u = scanFiles({{"src/index.js", unbuilt},
                      {"src/vendor/sdk/package.json", "{\"main\": \"dist/index.js\"}\n"},
                      {"src/vendor/sdk/README.md", "# sdk\n"}});
  INFO(describe(u));
  bool unread = false;
  for (const auto& d : u.diagnostics)
    unread |= d.code == "unanalysed-code" && d.file == "src/index.js" &&
              d.line == lineOf(unbuilt, "UNBUILT");
  CHECK(unread);
  CHECK_FALSE(u.apps[0].incomplete.empty());
}

TEST_CASE("modules: jsconfig.json paths and the bundler alias @/ for src/", "[modules]") {
  const std::string send =
      "export const send = (t) => fetch('https://alias.example.com/' + t); // SINK\n";
  // jsconfig.json maps `~lib/*` (the same file as tsconfig.json, for JavaScript projects).
  const std::string viaConfig =
      entry("import { send } from '~lib/send';\n", "  await send(payload.text);\n");
  auto a = scanFiles({{"src/index.js", viaConfig},
                      {"jsconfig.json",
                       "{\"compilerOptions\": {\"baseUrl\": \".\", \"paths\": "
                       "{\"~lib/*\": [\"src/lib/*\"]}}}\n"},
                      {"src/lib/send.js", send}});
  INFO(describe(a));
  checkSink(a, "src/lib/send.js", lineOf(send, "SINK"), "alias.example.com", "constant",
            {"user-input"});
  CHECK(a.apps[0].incomplete.empty());
  // No config: `@/lib/send` is no package name; the Vite convention maps it to src/.
  const std::string viaAlias =
      entry("import { send } from '@/lib/send';\n", "  await send(context.accountId);\n");
  auto b = scanFiles({{"src/index.js", viaAlias}, {"src/lib/send.js", send}});
  INFO(describe(b));
  checkSink(b, "src/lib/send.js", lineOf(send, "SINK"), "alias.example.com", "constant",
            {"user-identity"});
  CHECK(b.apps[0].incomplete.empty());
}

TEST_CASE("modules: a tsconfig.json of references takes the paths of the project it names",
          "[modules]") {
  // Vite's React + TypeScript template: the paths live in tsconfig.app.json.
  const std::string send =
      "export const send = (t: string) => fetch('https://ref.example.com/' + t); // SINK\n";
  const std::string src =
      entry("import { send } from '#app/send';\n", "  await send(payload.text);\n");
  auto r = scanFiles(
      {{"src/index.ts", src},
       {"tsconfig.json",
        "{\"files\": [], \"references\": [{\"path\": \"./tsconfig.node.json\"},"
        " {\"path\": \"./tsconfig.app.json\"}]}\n"},
       {"tsconfig.node.json", "{\"compilerOptions\": {\"strict\": true}}\n"},
       {"tsconfig.app.json",
        "{\"compilerOptions\": {\"baseUrl\": \".\", \"paths\": {\"#app/*\": [\"src/app/*\"]}}}\n"},
       {"src/app/send.ts", send}});
  INFO(describe(r));
  checkSink(r, "src/app/send.ts", lineOf(send, "SINK"), "ref.example.com", "constant",
            {"user-input"});
  CHECK(r.apps[0].incomplete.empty());

  // A package's own tsconfig that references another project keeps its own (no) paths; a
  // solution that references itself ends.
  auto own = scanFiles({{"src/index.ts", src},
                        {"tsconfig.json",
                         "{\"compilerOptions\": {}, \"references\": [{\"path\": "
                         "\"./tsconfig.app.json\"}]}\n"},
                        {"tsconfig.app.json",
                         "{\"compilerOptions\": {\"baseUrl\": \".\", \"paths\": {\"#app/*\": "
                         "[\"src/app/*\"]}}}\n"},
                        {"src/app/send.ts", send}});
  INFO(describe(own));
  CHECK_FALSE(own.apps[0].incomplete.empty());  // `#app/send` names nothing it reads
  auto loop = scanFiles({{"src/index.ts", src},
                         {"tsconfig.json",
                          "{\"files\": [], \"references\": [{\"path\": \".\"}, {\"path\": "
                          "\".\"}, {\"path\": \"./tsconfig.json\"}]}\n"},
                         {"src/app/send.ts", send}});
  CHECK(loop.apps.size() == 1);
}

TEST_CASE("modules: the namespace of a CommonJS or JSON module has module.exports as default",
          "[modules]") {
  const std::string src = entry(
      "import * as ns from './cfg.cjs';\n",
      "  const conf = await import('./conf.json');\n"
      "  await fetch(conf.default.url, { method: 'POST', body: payload.text }); // SINK_JSON\n"
      "  await fetch(ns.default.api + '/x', { method: 'POST', body: payload.text }); // "
      "SINK_CJS\n");
  auto r = scanFiles({{"src/index.js", src},
                      {"src/conf.json", "{\"url\": \"https://json.example.com/in\"}\n"},
                      {"src/cfg.cjs", "module.exports = { api: 'https://cjs.example.com' };\n"}});
  INFO(describe(r));
  checkSink(r, "src/index.js", lineOf(src, "SINK_JSON"), "json.example.com", "constant",
            {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_CJS"), "cjs.example.com", "constant",
            {"user-input"});
}
