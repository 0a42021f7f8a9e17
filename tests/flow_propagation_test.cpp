// The data-flow engine, one small snippet per propagation form of product.md §3.3
// and per destination form of §3.2. Each test scans a tiny app and pins down the
// host, hostSource and data categories of the egress call on a marked line.
//
// Conventions: a sink call starts on a line that ends with a `// SINK…` marker
// comment; `lineOf` finds that line (1-based) in the exact text written to disk.
#include <catch2/catch.hpp>
#include <optional>
#include <sstream>

#include "snippet_checks.h"
#include "test_support.h"

namespace {

using fe::test::checkSink;
using fe::test::describe;
using fe::test::hostsAt;
using fe::test::lineOf;

using fe::test::dataAt;
using fe::test::egressAt;
using fe::test::hasFinding;
using fe::test::hostAt;
using fe::test::manifestFor;
using fe::test::scanFiles;
using Files = std::map<std::string, std::string>;
using Data = std::vector<std::string>;

const Data kNone{};

// A resolver module: `body` goes between the Resolver setup and the export.
std::string resolverModule(const std::string& body, const std::string& imports = "") {
  return "import Resolver from '@forge/resolver';\n" + imports +
         "const resolver = new Resolver();\n" + body +
         "export const handler = resolver.getDefinitions();\n";
}

// A snippet in src/index.js: the sink marked `marker` posts to a literal URL.
void checkLiteralSink(const fe::ScanResult& r, const std::string& src, const std::string& marker,
                      const Data& data, const std::string& file = "src/index.js") {
  INFO("sink " << marker);
  checkSink(r, file, lineOf(src, marker), "api.example.com", "literal", data);
}

std::optional<fe::Level> findingLevel(const fe::ScanResult& r, const std::string& ruleId,
                                      const std::string& file, int line) {
  for (const auto& app : r.apps)
    for (const auto& f : app.verdict.findings)
      if (f.ruleId == ruleId && f.file == file && static_cast<int>(f.site.line) == line)
        return f.level;
  return std::nullopt;
}

}  // namespace

// ---------------------------------------------------------------- sources

TEST_CASE("flow: resolver sources carry their categories", "[flow]") {
  const std::string src = resolverModule(
      R"(resolver.define('k', async ({ payload, context }) => {
  await fetch('https://api.example.com/a', { method: 'POST', body: payload.text }); // SINK1
  await fetch('https://api.example.com/b', { method: 'POST', body: context.accountId }); // SINK2
  await fetch('https://api.example.com/c', { method: 'POST', body: context.cloudId }); // SINK3
  const res = await api.asApp().requestJira(route`/rest/api/3/issue/KEY-1`);
  const issue = await res.json();
  await fetch('https://api.example.com/d', { method: 'POST', body: JSON.stringify(issue) }); // SINK4
  const saved = await kvs.get('settings');
  await fetch('https://api.example.com/e', { method: 'POST', body: JSON.stringify(saved) }); // SINK5
});
)",
      "import api, { route } from '@forge/api';\nimport { kvs } from '@forge/kvs';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK1", {"user-input"});
  checkLiteralSink(r, src, "SINK2", {"user-identity"});
  checkLiteralSink(r, src, "SINK3", {"install-context"});
  checkLiteralSink(r, src, "SINK4", {"product-data"});
  checkLiteralSink(r, src, "SINK5", {"app-storage"});
  const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, "SINK1"));
  REQUIRE(e != nullptr);
  CHECK(e->entryPoints == std::vector<std::string>{"resolver:k"});
  CHECK_FALSE(e->path.empty());
  CHECK(hasFinding(r, "FE002", "src/index.js", lineOf(src, "SINK1")));
}

// ---------------------------------------------------------------- assignments

TEST_CASE("flow: assignments pass values along", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  let a = payload.text;
  let b;
  b = a;
  const c = b;
  var d = c;
  await fetch('https://api.example.com/a', { method: 'POST', body: d }); // SINK1
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK1", {"user-input"});
}

TEST_CASE("flow: `arguments` holds what the caller passed - declared parameters or not", "[flow]") {
  // Elements of `arguments` are one abstract element (as for arrays): arguments[1] holds
  // the URL and the text, so only the body is read through it here.
  const std::string src = resolverModule(R"(function send(url) {
  return fetch(url, { method: 'POST', body: arguments[1] }); // SINK1
}
function outer(url) {
  const inner = () => fetch(url, { method: 'POST', body: arguments[1] }); // SINK2
  return inner();
}
resolver.define('k', async ({ payload }) => {
  await send('https://api.example.com/a', payload.text);
  await outer('https://api.example.com/b', payload.text);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK1")) == "api.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK1")) == Data{"user-input"});
  // An arrow function sees the enclosing function's arguments.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK2")) == "api.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK2")) == Data{"user-input"});
}

TEST_CASE("flow: f.call and f.apply call f with the arguments they pass", "[flow]") {
  const std::string src = resolverModule(R"(function post(url, body) {
  return fetch(url, { method: 'POST', body }); // SINK1
}
function put(url, body) {
  return fetch(url, { method: 'PUT', body }); // SINK2
}
function wrap(fn) { return function () { return fn.apply(this, arguments); }; }
const send = wrap((url, body) => fetch(url, { method: 'POST', body })); // SINK3
resolver.define('k', async ({ payload }) => {
  await post.call(null, 'https://api.example.com/a', payload.text);
  await put.apply(null, ['https://api.example.com/b', payload.text]);
  await send('https://api.example.com/c', payload.text);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK1")) == "api.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK1")) == Data{"user-input"});
  // Array elements are one abstract element: apply's URL and body reach both parameters,
  // so beside the site to api.example.com there is one to a host the text decides.
  bool putHost = false, sendHost = false;
  for (const auto& e : r.apps[0].verdict.egress) {
    if (e.site.line == static_cast<uint32_t>(lineOf(src, "SINK2")) && e.host &&
        *e.host == "api.example.com" && fe::categoryNames(e.data) == Data{"user-input"})
      putHost = true;
    if (e.site.line == static_cast<uint32_t>(lineOf(src, "SINK3")) && e.host &&
        *e.host == "api.example.com" && fe::categoryNames(e.data) == Data{"user-input"})
      sendHost = true;
  }
  CHECK(putHost);
  CHECK(sendHost);  // through `arguments` and apply
}

TEST_CASE("flow: a library sink called through call - apply or Reflect.apply is a sink", "[flow]") {
  // A fetch wrapper (logging, retries) calls the saved fetch with apply and `arguments`.
  const std::string src = resolverModule(R"(const originalFetch = fetch;
function loggedFetch() {
  console.log('fetch', arguments[0]);
  return originalFetch.apply(this, arguments); // SINK_WRAP
}
resolver.define('k', async ({ payload }) => {
  await fetch.call(globalThis, 'https://a.example.com/x', { method: 'POST', body: payload.text }); // SINK_CALL
  await fetch.apply(null, ['https://b.example.com/y', { method: 'POST', body: payload.text }]); // SINK_APPLY
  await Reflect.apply(fetch, undefined, ['https://c.example.com/z', { body: payload.text }]); // SINK_REFLECT
  await loggedFetch('https://d.example.com/w', { method: 'POST', body: payload.text });
  await fetch.call(null, 'https://e.example.com/constant'); // SINK_CLEAN
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_CALL")) == "a.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_CALL")) == Data{"user-input"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_CLEAN")).empty());
  // apply's array is one abstract element: URL and options both stand for each argument.
  auto reaches = [&](const char* marker, const std::string& host) {
    for (const auto& e : r.apps[0].verdict.egress)
      if (e.site.line == static_cast<uint32_t>(lineOf(src, marker)) && e.host && *e.host == host &&
          fe::categoryNames(e.data) == Data{"user-input"})
        return true;
    return false;
  };
  CHECK(reaches("SINK_APPLY", "b.example.com"));
  CHECK(reaches("SINK_REFLECT", "c.example.com"));
  CHECK(reaches("SINK_WRAP", "d.example.com"));
  // Reflect.apply does not call fetch a second time with arguments of its own (an unknown URL).
  size_t reflectSites = 0;
  for (const auto& e : r.apps[0].verdict.egress)
    reflectSites += e.site.line == static_cast<uint32_t>(lineOf(src, "SINK_REFLECT"));
  CHECK(reflectSites == 1);
}

TEST_CASE("flow: a constant through a shared helper does not hide the helper's unresolved URL",
          "[flow]") {
  // The shape of an SDK's fetch handler: a feature probe gives the Request helper a
  // constant, and the real request a URL made from a parameter nothing in the app passes.
  const std::string src =
      resolverModule(R"(const createRequest = (url, init) => new Request(url, init);
const keepAlive = 'keepalive' in createRequest('https://[::1]');
export class Transport {
  async handle(request) {
    const url = `${request.protocol}//${request.hostname}${request.path}`;
    return fetch(createRequest(url, { method: 'POST', body: request.body })); // SINK_SHARED
  }
}
function send(url, body) {
  return fetch(url, { method: 'POST', body }); // SINK_SEND
}
resolver.define('k', async ({ payload }) => {
  await send('https://a.example.com/x', payload.text);
  return keepAlive;
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_SHARED")) ==
        std::vector<std::string>{"?unknown", "[::1]"});
  // A helper whose every caller is resolved still says only its hosts.
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_SEND")) ==
        std::vector<std::string>{"a.example.com"});
}

TEST_CASE("flow: a URL from a response beside a constant is an unknown host too", "[flow]") {
  // Pagination: the first page is a constant, the next ones are whatever the server answers.
  const std::string src = resolverModule(R"(async function* pages(start) {
  let url = start;
  while (url) {
    const r = await fetch(url); // SINK_PAGE
    const j = await r.json();
    yield j.items;
    url = j.next;
  }
}
async function once() {
  const r = await fetch('https://config.example.com/cfg'); // SINK_CFG
  return r.json();
}
resolver.define('k', async () => {
  for await (const items of pages('https://pages.example.com/start')) console.log(items.length);
  const cfg = await once();
  return cfg.name;
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_PAGE")) ==
        std::vector<std::string>{"?unknown", "pages.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_CFG")) ==
        std::vector<std::string>{"config.example.com"});
}

TEST_CASE("flow: methods written to an ES5 constructor's prototype are the instances' methods",
          "[flow]") {
  // `F.prototype.m = function …` (older libraries, Babel's loose output): F.prototype had no
  // object to write to, so the method was never called and its fetch had no host nor data.
  const std::string src = resolverModule(R"(var Client = (function () {
  function Client(base) { this.base = base; }
  Client.prototype.send = function (path, body) {
    return fetch(this.base + path, { method: 'POST', body: body }); // SINK_PROTO
  };
  return Client;
})();
var early = new Later('https://later.example.com');
function Later(base) { this.base = base; }
Later.prototype.go = function (body) { return fetch(this.base, { method: 'PUT', body: body }); }; // SINK_LATER
resolver.define('k', async ({ payload }) => {
  await new Client('https://proto.example.com').send('/p', payload.text);
  await early.go(payload.text);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_PROTO")) ==
        std::vector<std::string>{"proto.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_PROTO")) == Data{"user-input"});
  // The instance is made before the method is written: it inherits it all the same.
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_LATER")) ==
        std::vector<std::string>{"later.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_LATER")) == Data{"user-input"});
}

TEST_CASE(
    "flow: prototype chains set by hand - util.inherits - Object.create and TypeScript's "
    "ES5 __extends",
    "[flow]") {
  const std::string src = resolverModule(R"(var util = require('util');
var __extends = (this && this.__extends) || (function () {
  var extendStatics = function (d, b) {
    extendStatics = Object.setPrototypeOf || function (d, b) { for (var p in b) d[p] = b[p]; };
    return extendStatics(d, b);
  };
  return function (d, b) {
    extendStatics(d, b);
    function __() { this.constructor = d; }
    d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
  };
})();
function Parent(u) { this.u = u; }
Parent.prototype.post = function (b) { return fetch(this.u, { method: 'POST', body: b }); }; // SINK_PARENT
function ViaUtil(u) { Parent.call(this, u); }
util.inherits(ViaUtil, Parent);
function ViaCreate(u) { Parent.call(this, u); }
ViaCreate.prototype = Object.create(Parent.prototype);
var Base = (function () {
  function Base(url) { this.url = url; }
  Base.prototype.send = function (b) { return fetch(this.url, { method: 'PUT', body: b }); }; // SINK_TS
  return Base;
}());
var Api = (function (_super) {
  __extends(Api, _super);
  function Api() { return _super.call(this, 'https://tses5.example.com') || this; }
  return Api;
}(Base));
var proto = { ping: function (b) { return fetch('https://proto-of.example.com', { method: 'POST', body: b }); } }; // SINK_SET
var plain = {};
Object.setPrototypeOf(plain, proto);
resolver.define('k', async ({ payload }) => {
  await new ViaUtil('https://inherits.example.com').post(payload.text);
  await new ViaCreate('https://create.example.com').post(payload.text);
  await new Api().send(payload.text);
  await plain.ping(payload.text);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_PARENT")) ==
        std::vector<std::string>{"create.example.com", "inherits.example.com"});
  for (const auto& e : r.apps[0].verdict.egress)
    if (e.site.line == static_cast<uint32_t>(lineOf(src, "SINK_PARENT")))
      CHECK(fe::categoryNames(e.data) == Data{"user-input"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_TS")) ==
        std::vector<std::string>{"tses5.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_TS")) == Data{"user-input"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_SET")) == Data{"user-input"});
}

TEST_CASE("flow: a number literal in a concatenation or a template is its digits", "[flow]") {
  // The port was an unknown part inside the host, so the host read as unknown.
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  await fetch('https://plus.example.com:' + 8443 + '/x', { method: 'POST', body: payload.text }); // SINK_PLUS
  await fetch(`https://tmpl.example.com:${9090}/v${2}`, { method: 'POST', body: payload.text }); // SINK_TMPL
  await fetch(`https://hex.example.com:${0x1F}/`, { method: 'POST', body: payload.text }); // SINK_HEX
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_PLUS")) == "plus.example.com:8443");
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_TMPL")) == "tmpl.example.com:9090");
  const fe::EgressSite* tmpl = egressAt(r, "src/index.js", lineOf(src, "SINK_TMPL"));
  REQUIRE(tmpl);
  CHECK(tmpl->url == "https://tmpl.example.com:9090/v2");
  // Other number forms are not folded: still some text the analysis does not know.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_HEX")) == "null");
}

TEST_CASE("flow: a const bound to a number literal is its digits in a URL", "[flow]") {
  // `const PORT = 8443` at the top of a module, used in the URLs of its functions.
  const std::string src = resolverModule(R"(const PORT = 8443;
const HTTP = 80;
const HOST = 'api.example.com';
const base = `https://${HOST}:${PORT}`;
let retries = 3;
resolver.define('k', async ({ payload }) => {
  await fetch('https://sum.example.com:' + (HTTP + 1) + '/s', { method: 'POST', body: payload.text }); // SINK_SUM
  await fetch('https://plus.example.com:' + PORT + '/x', { method: 'POST', body: payload.text }); // SINK_PLUS
  await fetch(base + '/y', { method: 'POST', body: payload.text }); // SINK_BASE
  await fetch('https://let.example.com:' + retries, { method: 'POST', body: payload.text }); // SINK_LET
  retries = retries - 1;
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_PLUS")) == "plus.example.com:8443");
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_BASE")) == "api.example.com:8443");
  // A `let` may change: it stays some text the analysis does not know.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_LET")) == "null");
  // Arithmetic on the constant is a number, not the digits joined ("801").
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_SUM")) == "null");
}

TEST_CASE("flow: a bound function is the function it was bound from", "[flow]") {
  const std::string src = resolverModule(R"(const go = fetch.bind(globalThis);
function send(url, body) {
  return fetch(url, { method: 'POST', body }); // SINK_APP
}
const sendBound = send.bind(null);
class Client {
  constructor(base) { this.base = base; }
  send(body) { return fetch(this.base + '/v1', { method: 'POST', body }); } // SINK_THIS
}
const client = new Client('https://c.example.com');
const post = client.send.bind(client); // BIND
resolver.define('k', async ({ payload }) => {
  await go('https://a.example.com/x', { method: 'POST', body: payload.text }); // SINK_LIB
  await sendBound('https://b.example.com/y', payload.text);
  await post(payload.text);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_LIB")) == "a.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_LIB")) == Data{"user-input"});
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_APP")) == "b.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_APP")) == Data{"user-input"});
  // Called with no receiver, the bound method still sees the `this` it was bound to.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_THIS")) == "c.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_THIS")) == Data{"user-input"});
  // The bind itself calls nothing: no site at the line that binds.
  CHECK(egressAt(r, "src/index.js", lineOf(src, "BIND")) == nullptr);
}

TEST_CASE("flow: call and bind with spread or bound arguments lose nothing", "[flow]") {
  const std::string src = resolverModule(R"(import { GraphQLClient } from 'graphql-request';
function id(x) { return x; }
resolver.define('k', async ({ payload }) => {
  const t = id.call(...[null, payload.text]);
  await fetch('https://s.example.com/a', { method: 'POST', body: t }); // SPREAD
  const send = fetch.bind(null, 'https://x.example.com/p', { method: 'POST', body: payload.text }); // BOUND
  await send();
  const c = new GraphQLClient('https://gql.example.com/graphql', { fetch });
  await c.request.call(c, 'query { a }', { v: payload.text }); // CLIENT
  const later = c.request.bind(c); // CLIENT_BIND
  await later('query { b }', { v: payload.text });
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SPREAD")) == Data{"user-input"});
  // Arguments bound with bind: a call where they are bound, with them.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "BOUND")) == "x.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "BOUND")) == Data{"user-input"});
  // A client's method called through call: one site (egressAt: exactly one), not two.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "CLIENT")) == "gql.example.com");
  // Binding a client's method sends nothing.
  CHECK(egressAt(r, "src/index.js", lineOf(src, "CLIENT_BIND")) == nullptr);
}

// ---------------------------------------------------------------- destructuring

TEST_CASE("flow: object and array destructuring - with defaults - rest and nesting", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const { text } = payload;
  await fetch('https://api.example.com/a', { method: 'POST', body: text }); // SINK_PLAIN
  const { name = 'anonymous' } = payload;
  await fetch('https://api.example.com/b', { method: 'POST', body: name }); // SINK_DEFAULT_SRC
  const { missing = context.accountId } = {};
  await fetch('https://api.example.com/c', { method: 'POST', body: missing }); // SINK_DEFAULT_VAL
  const { id, ...rest } = payload;
  await fetch('https://api.example.com/d', { method: 'POST', body: JSON.stringify(rest) }); // SINK_REST
  const { user: { email } } = payload;
  await fetch('https://api.example.com/e', { method: 'POST', body: email }); // SINK_NESTED
  const [first, ...others] = payload.items;
  await fetch('https://api.example.com/f', { method: 'POST', body: first }); // SINK_ARRAY
  await fetch('https://api.example.com/g', { method: 'POST', body: JSON.stringify(others) }); // SINK_ARRAY_REST
  const { accountId: who } = context;
  await fetch('https://api.example.com/h', { method: 'POST', body: who }); // SINK_RENAMED
});
resolver.define('p', async ({ payload: { text } }) => {
  await fetch('https://api.example.com/i', { method: 'POST', body: text }); // SINK_PARAM
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_PLAIN", {"user-input"});
  checkLiteralSink(r, src, "SINK_DEFAULT_SRC", {"user-input"});
  checkLiteralSink(r, src, "SINK_DEFAULT_VAL", {"user-identity"});
  checkLiteralSink(r, src, "SINK_REST", {"user-input"});
  checkLiteralSink(r, src, "SINK_NESTED", {"user-input"});
  checkLiteralSink(r, src, "SINK_ARRAY", {"user-input"});
  checkLiteralSink(r, src, "SINK_ARRAY_REST", {"user-input"});
  checkLiteralSink(r, src, "SINK_RENAMED", {"user-identity"});
  checkLiteralSink(r, src, "SINK_PARAM", {"user-input"});
}

// ---------------------------------------------------------------- spread

TEST_CASE("flow: object and array spread", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const body = { ...payload, extra: 1 };
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify(body) }); // SINK_OBJ
  const list = ['fixed', ...payload.items];
  await fetch('https://api.example.com/b', { method: 'POST', body: list.join(',') }); // SINK_ARR
  const merged = { a: 1, ...{ who: context.accountId } };
  await fetch('https://api.example.com/c', { method: 'POST', body: merged.who }); // SINK_FIELD
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_OBJ", {"user-input"});
  checkLiteralSink(r, src, "SINK_ARR", {"user-input"});
  checkLiteralSink(r, src, "SINK_FIELD", {"user-identity"});
}

TEST_CASE("flow: a property after a spread - or a rest pattern - leaves out the names it sets",
          "[flow]") {
  // `{ ...defaults, baseURL: x }`: the later property wins, so the default's host is never
  // the destination; `{ token, ...rest }`: rest holds every field but token.
  const std::string src =
      resolverModule(R"(const defaults = { timeout: 5, baseURL: 'https://default.example.com' };
resolver.define('k', async ({ payload, context }) => {
  const settings = { ...defaults, baseURL: 'https://api.example.com' };
  await fetch(`${settings.baseURL}/a`); // SINK_OVERRIDE
  const before = { baseURL: 'https://api.example.com', ...defaults };
  await fetch(`${before.baseURL}/b`); // SINK_SPREAD_WINS
  const { secret, ...rest } = { secret: context.accountId, label: 'fixed' };
  await fetch('https://api.example.com/c', { method: 'POST', body: JSON.stringify(rest) }); // SINK_REST
  const { label, ...others } = { secret: context.accountId, label: 'fixed' };
  await fetch('https://api.example.com/d', { method: 'POST', body: JSON.stringify(others) }); // SINK_OTHERS
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(fe::test::hostsAt(r, "src/index.js", lineOf(src, "SINK_OVERRIDE")) ==
        std::vector<std::string>{"api.example.com"});
  CHECK(fe::test::hostsAt(r, "src/index.js", lineOf(src, "SINK_SPREAD_WINS")) ==
        std::vector<std::string>{"api.example.com", "default.example.com"});
  checkLiteralSink(r, src, "SINK_REST", kNone);
  checkLiteralSink(r, src, "SINK_OTHERS", {"user-identity"});
}

// ---------------------------------------------------------------- literals and member access

TEST_CASE("flow: object and array literals and member access", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const obj = { data: { nested: context.cloudId }, label: 'fixed' };
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify(obj) }); // SINK_OBJ
  await fetch('https://api.example.com/b', { method: 'POST', body: obj.data.nested }); // SINK_MEMBER
  await fetch('https://api.example.com/c', { method: 'POST', body: obj['data'] }); // SINK_SUBSCRIPT
  await fetch('https://api.example.com/d', { method: 'POST', body: obj.label }); // SINK_CONST_FIELD
  const arr = [1, payload.value];
  await fetch('https://api.example.com/e', { method: 'POST', body: JSON.stringify(arr) }); // SINK_ARR
  await fetch('https://api.example.com/f', { method: 'POST', body: arr[1] }); // SINK_INDEX
  await fetch('https://api.example.com/g', { headers: { 'X-User': context.accountId } }); // SINK_HEADERS
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_OBJ", {"install-context"});
  checkLiteralSink(r, src, "SINK_MEMBER", {"install-context"});
  checkLiteralSink(r, src, "SINK_SUBSCRIPT", {"install-context"});
  checkLiteralSink(r, src, "SINK_CONST_FIELD", kNone);
  checkLiteralSink(r, src, "SINK_ARR", {"user-input"});
  checkLiteralSink(r, src, "SINK_INDEX", {"user-input"});
  checkLiteralSink(r, src, "SINK_HEADERS", {"user-identity"});
}

// ---------------------------------------------------------------- strings

TEST_CASE("flow: template literals - + and += concatenation", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const t = `id=${payload.id}&v=1`;
  await fetch('https://api.example.com/a', { method: 'POST', body: t }); // SINK_TEMPLATE
  const p = 'user=' + context.accountId;
  await fetch('https://api.example.com/b', { method: 'POST', body: p }); // SINK_PLUS
  let s = 'q=';
  s += payload.q;
  await fetch('https://api.example.com/c', { method: 'POST', body: s }); // SINK_PLUS_EQ
  const c = 'site='.concat(context.cloudId);
  await fetch('https://api.example.com/d', { method: 'POST', body: c }); // SINK_CONCAT
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_TEMPLATE", {"user-input"});
  checkLiteralSink(r, src, "SINK_PLUS", {"user-identity"});
  checkLiteralSink(r, src, "SINK_PLUS_EQ", {"user-input"});
  checkLiteralSink(r, src, "SINK_CONCAT", {"install-context"});
}

TEST_CASE("flow: string methods keep the data", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  await fetch('https://api.example.com/a', { method: 'POST', body: payload.s.slice(1, 4) }); // SINK_SLICE
  await fetch('https://api.example.com/b', { method: 'POST', body: payload.s.trim() }); // SINK_TRIM
  await fetch('https://api.example.com/c', { method: 'POST', body: payload.s.toLowerCase() }); // SINK_LOWER
  await fetch('https://api.example.com/d', { method: 'POST', body: payload.s.replace('a', 'b') }); // SINK_REPLACE
  await fetch('https://api.example.com/e', { method: 'POST', body: 'x-y'.replace('-', payload.s) }); // SINK_REPLACE_ARG
  const parts = payload.s.split(',');
  await fetch('https://api.example.com/f', { method: 'POST', body: parts[0] }); // SINK_SPLIT
  await fetch('https://api.example.com/g', { method: 'POST', body: parts.join(';') }); // SINK_JOIN
  await fetch('https://api.example.com/h', { method: 'POST', body: '{k}'.replace(/{(\w+)}/g, (_, n) => payload[n]) }); // SINK_REPLACER
  await fetch('https://api.example.com/i', { method: 'POST', body: 'ab'.replace('a', () => 'z') }); // SINK_REPLACER_CONST
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* m : {"SINK_SLICE", "SINK_TRIM", "SINK_LOWER", "SINK_REPLACE", "SINK_REPLACE_ARG",
                        "SINK_SPLIT", "SINK_JOIN", "SINK_REPLACER"})
    checkLiteralSink(r, src, m, {"user-input"});
  checkLiteralSink(r, src, "SINK_REPLACER_CONST", kNone);
}

// ---------------------------------------------------------------- arrays and callbacks

TEST_CASE("flow: array methods and their callbacks", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const names = payload.items.map((i) => i.name);
  await fetch('https://api.example.com/a', { method: 'POST', body: names.join(',') }); // SINK_MAP
  const kept = payload.items.filter((i) => i.ok);
  await fetch('https://api.example.com/b', { method: 'POST', body: JSON.stringify(kept) }); // SINK_FILTER
  const total = payload.items.reduce((acc, i) => acc + i.name, '');
  await fetch('https://api.example.com/d', { method: 'POST', body: total }); // SINK_REDUCE
  const hit = payload.items.find((i) => i.id === 1);
  await fetch('https://api.example.com/e', { method: 'POST', body: hit.name }); // SINK_FIND
  const ids = [];
  ids.push(context.accountId);
  await fetch('https://api.example.com/f', { method: 'POST', body: JSON.stringify(ids) }); // SINK_PUSH
  await fetch('https://api.example.com/g', { method: 'POST', body: ids.join(',') }); // SINK_JOIN
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_MAP", {"user-input"});
  checkLiteralSink(r, src, "SINK_FILTER", {"user-input"});
  checkLiteralSink(r, src, "SINK_REDUCE", {"user-input"});
  checkLiteralSink(r, src, "SINK_FIND", {"user-input"});
  checkLiteralSink(r, src, "SINK_PUSH", {"user-identity"});
  checkLiteralSink(r, src, "SINK_JOIN", {"user-identity"});
}

TEST_CASE("flow: forEach callbacks over customer data", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  const out = [];
  payload.items.forEach((i) => { out.push(i.name); });
  await fetch('https://api.example.com/c', { method: 'POST', body: out.join(',') }); // SINK_FOREACH
  payload.items.forEach(async (i) => {
    await fetch('https://api.example.com/h', { method: 'POST', body: i.name }); // SINK_IN_CALLBACK
  });
  payload.items.map(async (i) => {
    await fetch('https://api.example.com/m', { method: 'POST', body: i.name }); // SINK_IN_MAP
  });
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_FOREACH", {"user-input"});
  checkLiteralSink(r, src, "SINK_IN_CALLBACK", {"user-input"});
  checkLiteralSink(r, src, "SINK_IN_MAP", {"user-input"});
  const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, "SINK_IN_CALLBACK"));
  REQUIRE(e != nullptr);
  CHECK(e->entryPoints == std::vector<std::string>{"resolver:k"});
}

TEST_CASE("flow: a reduce accumulator seeded with customer data", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ context }) => {
  const header = ['a', 'b'].reduce((acc, part) => acc + '/' + part, context.accountId);
  await fetch('https://api.example.com/a', { method: 'POST', body: header }); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK", {"user-identity"});
}

TEST_CASE("flow: promise then callbacks", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  const upper = await Promise.resolve(payload.text).then((t) => t.toUpperCase());
  await fetch('https://api.example.com/b', { method: 'POST', body: upper }); // SINK_CHAIN
});
)",
                                         "import { kvs } from '@forge/kvs';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_CHAIN", {"user-input"});
}

TEST_CASE("flow: then callback on a storage read", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  await kvs.get('settings').then((saved) => {
    return fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify(saved) }); // SINK_THEN
  });
});
)",
                                         "import { kvs } from '@forge/kvs';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_THEN", {"app-storage"});
  const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, "SINK_THEN"));
  REQUIRE(e != nullptr);
  CHECK(e->entryPoints == std::vector<std::string>{"resolver:k"});
}

// ---------------------------------------------------------------- JSON, URLSearchParams, Object.*

TEST_CASE("flow: JSON.stringify and JSON.parse", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const s = JSON.stringify({ who: context.accountId, n: 1 });
  await fetch('https://api.example.com/a', { method: 'POST', body: s }); // SINK_STRINGIFY
  const parsed = JSON.parse(payload.raw);
  await fetch('https://api.example.com/b', { method: 'POST', body: parsed.field }); // SINK_PARSE
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_STRINGIFY", {"user-identity"});
  checkLiteralSink(r, src, "SINK_PARSE", {"user-input"});
}

TEST_CASE("flow: URLSearchParams", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const params = new URLSearchParams({ q: payload.q, page: '1' });
  await fetch('https://api.example.com/a', { method: 'POST', body: params }); // SINK_PARAMS
  await fetch('https://api.example.com/b', { method: 'POST', body: params.toString() }); // SINK_TOSTRING
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_PARAMS", {"user-input"});
  checkLiteralSink(r, src, "SINK_TOSTRING", {"user-input"});
}

TEST_CASE("flow: URLSearchParams append and set", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const extra = new URLSearchParams();
  extra.append('who', context.accountId);
  await fetch('https://api.example.com/c', { method: 'POST', body: extra.toString() }); // SINK_APPEND
  const q = new URLSearchParams({ page: '1' });
  q.set('q', payload.q);
  await fetch(`https://api.example.com/search?${q}`); // SINK_SET
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_APPEND", {"user-identity"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_SET"), "api.example.com", "constant",
            {"user-input"});
}

TEST_CASE("flow: Object.assign - Object.entries and Object.values", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const copy = Object.assign({}, { a: payload.x });
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify(copy) }); // SINK_ASSIGN
  const target = { fixed: 1 };
  Object.assign(target, { who: context.accountId });
  await fetch('https://api.example.com/b', { method: 'POST', body: JSON.stringify(target) }); // SINK_ASSIGN_TARGET
  const pairs = Object.entries(payload);
  await fetch('https://api.example.com/c', { method: 'POST', body: JSON.stringify(pairs) }); // SINK_ENTRIES
  const vals = Object.values({ site: context.cloudId });
  await fetch('https://api.example.com/d', { method: 'POST', body: vals.join(',') }); // SINK_VALUES
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_ASSIGN", {"user-input"});
  checkLiteralSink(r, src, "SINK_ASSIGN_TARGET", {"user-identity"});
  checkLiteralSink(r, src, "SINK_ENTRIES", {"user-input"});
  checkLiteralSink(r, src, "SINK_VALUES", {"install-context"});
}

// ---------------------------------------------------------------- functions

TEST_CASE("flow: await and async functions return data", "[flow]") {
  const std::string src = resolverModule(R"(async function loadMe() {
  const res = await api.asApp().requestJira(route`/rest/api/3/myself`);
  return res.json();
}
const loadName = async (ctx) => (await ctx.accountId);
resolver.define('k', async ({ context }) => {
  const me = await loadMe();
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify(me) }); // SINK_ASYNC
  const name = await loadName(context);
  await fetch('https://api.example.com/b', { method: 'POST', body: name }); // SINK_ARROW
});
)",
                                         "import api, { route } from '@forge/api';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_ASYNC", {"product-data"});
  checkLiteralSink(r, src, "SINK_ARROW", {"user-identity"});
}

TEST_CASE("flow: closures see captured variables", "[flow]") {
  const std::string src = resolverModule(R"(function makeSender(token) {
  return (msg) => fetch('https://api.example.com/a', { method: 'POST', headers: { Authorization: token }, body: msg }); // SINK_FACTORY
}
resolver.define('k', async ({ payload, context }) => {
  const who = context.accountId;
  const send = async () => {
    await fetch('https://api.example.com/b', { method: 'POST', body: who }); // SINK_CAPTURE
  };
  await send();
  await makeSender(payload.token)('hello');
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_FACTORY", {"user-input"});
  checkLiteralSink(r, src, "SINK_CAPTURE", {"user-identity"});
}

TEST_CASE("flow: a helper's parameter read by its callback or closure reaches the caller's sink",
          "[flow]") {
  // Call/return matching: the value comes back through the callback's return (map's, each's,
  // the returned closure's), then from the helper's parameter; the frames of the closure and
  // of what called it are left there, the helper's own caller stays matched. A field the
  // helper writes is read by another call: any activation may have written it.
  const std::string src = resolverModule(R"(function titles(p) { return [1].map(() => p.title); }
function each(xs, cb) { return cb(xs[0]); }
function viaEach(p) { return each([1], () => p.title); }
function reader(p) { return () => p.title; }
function store(o, p) { o.v = p.title; }
function load(o) { return o.v; }
function same(x) { return x; }
resolver.define('k', async ({ payload }) => {
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify(titles(payload)) }); // SINK_MAP
  await fetch('https://api.example.com/b', { method: 'POST', body: viaEach(payload) }); // SINK_EACH
  const read = reader(payload);
  await fetch('https://api.example.com/c', { method: 'POST', body: read() }); // SINK_CLOSURE
  const box = {};
  store(box, payload);
  await fetch('https://api.example.com/d', { method: 'POST', body: load(box) }); // SINK_FIELD
  same(payload.title);
  await fetch('https://api.example.com/e', { method: 'POST', body: same('fixed') }); // SINK_SAME
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_MAP", {"user-input"});
  checkLiteralSink(r, src, "SINK_EACH", {"user-input"});
  checkLiteralSink(r, src, "SINK_CLOSURE", {"user-input"});
  checkLiteralSink(r, src, "SINK_FIELD", {"user-input"});
  checkLiteralSink(r, src, "SINK_SAME", kNone);
}

TEST_CASE("flow: a thrown error carries its message to the catch that posts it", "[flow]") {
  // An error made from product data in another file, caught by the caller and sent to an
  // error tracker; a catch whose block only throws a constant sees only that constant.
  const std::string src = resolverModule(R"(import { check } from './check';
async function report(err) {
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify({ m: err.message }) }); // SINK_CAUGHT
}
resolver.define('k', async ({ payload }) => {
  try {
    check(payload);
  } catch (e) {
    await report(e);
  }
  try {
    throw new Error('constant');
  } catch (e2) {
    await fetch('https://api.example.com/b', { method: 'POST', body: e2.message }); // SINK_LOCAL
  }
  try {
    try {
      check(payload);
    } finally {
      console.info('done');
    }
  } catch (e3) {
    await fetch('https://api.example.com/c', { method: 'POST', body: String(e3) }); // SINK_FINALLY
  }
});
)");
  const std::string check = R"(export function check(p) {
  if (!p.ok) throw new Error(`Ticket ${p.title} is not ready`);
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"src/check.js", check}});
  checkLiteralSink(r, src, "SINK_CAUGHT", {"user-input"});
  checkLiteralSink(r, src, "SINK_LOCAL", kNone);
  checkLiteralSink(r, src, "SINK_FINALLY", {"user-input"});
}

TEST_CASE(
    "flow: promise rejection handlers get the thrown error - and callbacks run for their entry",
    "[flow]") {
  const std::string src = resolverModule(R"(async function risky(p) {
  if (!p.ok) throw new Error(`Ticket ${p.title} failed`);
}
resolver.define('k', async ({ payload }) => {
  await risky(payload).catch((e) => fetch('https://api.example.com/a', { method: 'POST', body: e.message })); // SINK_CATCH
  risky(payload).then(() => 1, (e) => fetch('https://api.example.com/b', { method: 'POST', body: String(e) })); // SINK_THEN
  risky(payload).finally(() => fetch('https://api.example.com/c')); // SINK_FINALLY
  setTimeout(() => fetch('https://api.example.com/d'), 10); // SINK_TIMER
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_CATCH", {"user-input"});
  checkLiteralSink(r, src, "SINK_THEN", {"user-input"});
  checkLiteralSink(r, src, "SINK_FINALLY", kNone);
  checkLiteralSink(r, src, "SINK_TIMER", kNone);
  // The handlers run for the resolver that chains them: not dead code.
  for (const char* marker : {"SINK_CATCH", "SINK_THEN", "SINK_FINALLY", "SINK_TIMER"}) {
    INFO(marker);
    const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, marker));
    REQUIRE(e != nullptr);
    CHECK(e->entryPoints == std::vector<std::string>{"resolver:k"});
  }
}

TEST_CASE("flow: a package's own functions pass their arguments' data (lodash - Ramda)", "[flow]") {
  // `_.map(list, f)` was read as the array method `map` of the module `_`, whose elements
  // are nothing: the list's data was dropped and the verdict read clean.
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  await fetch('https://api.example.com/a', { method: 'POST', body: _.map(payload.items, (i) => i.name).join() }); // SINK_MAP
  await fetch('https://api.example.com/b', { method: 'POST', body: _.trim(payload.text) }); // SINK_TRIM
  await fetch('https://api.example.com/c', { method: 'POST', body: JSON.stringify(_.chain(payload.items).map('name').value()) }); // SINK_CHAIN
  await fetch('https://api.example.com/d', { method: 'POST', body: R.join(',', payload.tags) }); // SINK_RAMDA
  await fetch('https://api.example.com/e', { method: 'POST', body: _.trim('  fixed ') }); // SINK_CONST
});
)",
                                         "import _ from 'lodash';\nimport * as R from 'ramda';\n");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* m : {"SINK_MAP", "SINK_TRIM", "SINK_CHAIN", "SINK_RAMDA"})
    checkLiteralSink(r, src, m, {"user-input"});
  checkLiteralSink(r, src, "SINK_CONST", kNone);
}

TEST_CASE("flow: a String.raw template keeps its host", "[flow][strings]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  await fetch(String.raw`https://api.example.com/items/${payload.id}`, { method: 'POST', body: payload.text }); // SINK_RAW
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(hostAt(r, "src/index.js", lineOf(src, "SINK_RAW")) == "api.example.com");
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_RAW")) ==
        std::vector<std::string>{"user-input"});
}

// ---------------------------------------------------------------- classes

TEST_CASE("flow: classes - fields - constructor parameters and methods", "[flow]") {
  const std::string src = resolverModule(R"(class Client {
  base = 'https://api.example.com';
  constructor(user) {
    this.user = user;
  }
  describe() {
    return { who: this.user };
  }
  async send() {
    return fetch(this.base + '/x', { method: 'POST', body: JSON.stringify(this.describe()) }); // SINK_METHOD
  }
}
resolver.define('k', async ({ context }) => {
  await new Client(context.accountId).send();
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_METHOD"), "api.example.com", "constant",
            {"user-identity"});
}

TEST_CASE("flow: inheritance with extends and super", "[flow]") {
  const std::string src = resolverModule(R"(class Base {
  constructor(url) {
    this.url = url;
  }
  post(body) {
    return fetch(this.url, { method: 'POST', body }); // SINK_INHERITED
  }
}
class Api extends Base {
  constructor() {
    super('https://api.example.com/v1');
  }
  postAll(items) {
    return super.post(JSON.stringify(items));
  }
}
resolver.define('k', async ({ payload }) => {
  await new Api().postAll(payload.items);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_INHERITED"), "api.example.com", "constant",
            {"user-input"});
}

TEST_CASE("flow: TypeScript parameter properties", "[flow]") {
  const std::string src = resolverModule(R"(class Client {
  constructor(private readonly token: string, public readonly base: string = 'https://api.example.com') {}
  async ping(): Promise<Response> {
    return fetch(`${this.base}/ping`, { headers: { Authorization: `Bearer ${this.token}` } }); // SINK_PARAM_PROP
  }
}
resolver.define('k', async ({ context }) => {
  await new Client(context.accountId).ping();
});
)");
  Files files{{"src/index.ts", src}};
  auto r = scanFiles(files);
  checkSink(r, "src/index.ts", lineOf(src, "SINK_PARAM_PROP"), "api.example.com", "constant",
            {"user-identity"});
}

// ---------------------------------------------------------------- wrappers

TEST_CASE("flow: higher-order wrappers around resolver handlers", "[flow]") {
  const std::string src = resolverModule(R"(const withAuth = (fn) => async (req) => {
  if (!req.context.accountId) throw new Error('no user');
  return fn(req);
};
function withLogging(fn) {
  return async function (req) {
    return await fn(req);
  };
}
const named = async ({ payload }) => {
  await fetch('https://api.example.com/a', { method: 'POST', body: payload.text }); // SINK_NAMED
};
resolver.define('x', withAuth(named));
resolver.define('y', withLogging(withAuth(async ({ context }) => {
  await fetch('https://api.example.com/b', { method: 'POST', body: context.cloudId }); // SINK_INLINE
})));
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_NAMED", {"user-input"});
  checkLiteralSink(r, src, "SINK_INLINE", {"install-context"});
}

// Engine bug: the closure a wrapper returns is shared by every wrapped handler, so
// each handler is reported as reached by every resolver key that uses the wrapper.
TEST_CASE("flow: wrapped handlers are reached only by their own resolver key", "[flow][!mayfail]") {
  const std::string src = resolverModule(R"(const withAuth = (fn) => async (req) => {
  if (!req.context.accountId) throw new Error('no user');
  return fn(req);
};
function withLogging(fn) {
  return async function (req) {
    return await fn(req);
  };
}
const named = async ({ payload }) => {
  await fetch('https://api.example.com/a', { method: 'POST', body: payload.text }); // SINK_NAMED
};
resolver.define('x', withAuth(named));
resolver.define('y', withLogging(withAuth(async ({ context }) => {
  await fetch('https://api.example.com/b', { method: 'POST', body: context.cloudId }); // SINK_INLINE
})));
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  const fe::EgressSite* named = egressAt(r, "src/index.js", lineOf(src, "SINK_NAMED"));
  REQUIRE(named != nullptr);
  CHECK(named->entryPoints == std::vector<std::string>{"resolver:x"});
  const fe::EgressSite* inl = egressAt(r, "src/index.js", lineOf(src, "SINK_INLINE"));
  REQUIRE(inl != nullptr);
  CHECK(inl->entryPoints == std::vector<std::string>{"resolver:y"});
}

// ---------------------------------------------------------------- TypeScript

TEST_CASE("flow: TypeScript types - as - non-null - satisfies and generics", "[flow]") {
  const std::string src = resolverModule(R"(interface Payload { text?: string; items: string[] }
type Body = { who: string };
function wrap<T>(value: T): { value: T } {
  return { value };
}
resolver.define('k', async ({ payload, context }: { payload: Payload; context: any }) => {
  const text = (payload as Payload).text!;
  await fetch('https://api.example.com/a', { method: 'POST', body: text }); // SINK_AS
  const body = { who: context.accountId } satisfies Body;
  await fetch('https://api.example.com/b', { method: 'POST', body: JSON.stringify(body) }); // SINK_SATISFIES
  const w = wrap<string[]>(<string[]>payload.items);
  await fetch('https://api.example.com/c', { method: 'POST', body: JSON.stringify(w.value) }); // SINK_GENERIC
  const site: string = context.cloudId as unknown as string;
  await fetch('https://api.example.com/d', { method: 'POST', body: site }); // SINK_ANNOTATED
});
)");
  // Angle-bracket assertions are not valid in .tsx; this is a .ts file.
  auto r = scanFiles({{"src/index.ts", src}});
  checkLiteralSink(r, src, "SINK_AS", {"user-input"}, "src/index.ts");
  checkLiteralSink(r, src, "SINK_SATISFIES", {"user-identity"}, "src/index.ts");
  checkLiteralSink(r, src, "SINK_GENERIC", {"user-input"}, "src/index.ts");
  checkLiteralSink(r, src, "SINK_ANNOTATED", {"install-context"}, "src/index.ts");
}

TEST_CASE("flow: await of a method call with type arguments keeps its receiver", "[flow]") {
  // tree-sitter reads `await c.post<T>(x)` as `(await c.post)<T>(x)`: without the fix the
  // method lost `this`, and with it the host its constructor stored.
  const std::string src = resolverModule(R"(class Client {
  private base: string;
  constructor(base = 'https://api.example.com') { this.base = base; }
  send<T>(body: string): Promise<T> {
    return fetch(this.base + '/send', { method: 'POST', body }) as unknown as Promise<T>; // SINK
  }
}
resolver.define('k', async ({ context }: { context: any }) => {
  const client = new Client();
  const reply = await client.send<{ ok: boolean }>(context.accountId);
  return reply;
});
)");
  auto r = scanFiles({{"src/index.ts", src}});
  checkSink(r, "src/index.ts", lineOf(src, "SINK"), "api.example.com", "constant",
            {"user-identity"});
}

TEST_CASE("flow: a write to a setter's name runs the setter", "[flow]") {
  // `api.token = secret` runs `set token(v)`, which keeps it where a getter reads it back.
  const std::string src = resolverModule(R"(import { kvs } from '@forge/kvs';
class Api {
  #token = '';
  set token(v) { this.#token = v; }
  get auth() { return `Bearer ${this.#token}`; }
  send(body) {
    return fetch('https://api.example.com/x', { method: 'POST', headers: { Authorization: this.auth }, body }); // SINK_CLASS
  }
}
const settings = {
  saved: '',
  set key(v) { this.saved = v; },
};
resolver.define('k', async () => {
  const api = new Api();
  api.token = await kvs.getSecret('token');
  await api.send('fixed');
  settings.key = await kvs.getSecret('other');
  await fetch('https://api.example.com/y', { method: 'POST', body: settings.saved }); // SINK_LITERAL
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_CLASS", {"app-storage"});
  checkLiteralSink(r, src, "SINK_LITERAL", {"app-storage"});
}

TEST_CASE("flow: a method nothing calls runs on what its class's constructor makes", "[flow]") {
  // Dead code is still reported (spec 2): `this.http` resolves to the client the constructor
  // made, so the site has its host.
  const std::string src = resolverModule(R"(import axios from 'axios';
class Client {
  constructor() { this.http = axios.create({ baseURL: 'https://api.example.com' }); }
  ping() { return this.http.get('/health'); } // SINK
  list() { return fetch('https://api.example.com/list'); }
}
resolver.define('k', async () => new Client().list());
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  CHECK(fe::test::hostsAt(r, "src/index.js", lineOf(src, "SINK")) ==
        std::vector<std::string>{"api.example.com"});
}

TEST_CASE("flow: an array method of product data returns what its callback returns", "[flow]") {
  // `issues.map(() => true)` is constants: a constant never becomes customer data. Before, the
  // call's result was a member of the response and took its category.
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  const res = await api.asUser().requestJira(route`/rest/api/3/search/jql?jql=x`);
  const { issues } = await res.json();
  const flags = issues.map(() => true);
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify({ flags }) }); // SINK_CONST
  const keys = issues.map((issue) => issue.key);
  await fetch('https://api.example.com/b', { method: 'POST', body: JSON.stringify(keys) }); // SINK_KEYS
  const some = issues.slice(0, 2);
  await fetch('https://api.example.com/c', { method: 'POST', body: JSON.stringify(some) }); // SINK_SLICE
  const body = await api.asUser().requestJira(route`/rest/api/3/myself`).then((r) => r.json());
  await fetch('https://api.example.com/d', { method: 'POST', body: JSON.stringify(body) }); // SINK_THEN
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_CONST", kNone);
  checkLiteralSink(r, src, "SINK_KEYS", {"product-data"});
  checkLiteralSink(r, src, "SINK_SLICE", {"product-data"});
  checkLiteralSink(r, src, "SINK_THEN", {"product-data"});
}

TEST_CASE("flow: a response's status is clean - an issue's status is product data", "[flow]") {
  // `status` describes a response on what a call returned; below it, in the response's data,
  // it is a field like any other (the issue's workflow status).
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  const res = await api.asUser().requestJira(route`/rest/api/3/issue/A-1`);
  await fetch('https://api.example.com/a', { method: 'POST', body: String(res.status) }); // SINK_RESPONSE
  const issue = await res.json();
  await fetch('https://api.example.com/b', { method: 'POST', body: issue.fields.status.name }); // SINK_FIELD
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_RESPONSE", kNone);
  checkLiteralSink(r, src, "SINK_FIELD", {"product-data"});
}

TEST_CASE("flow: TypeScript enums and decorators", "[flow]") {
  const std::string src = resolverModule(R"(enum Endpoint {
  Items = 'https://api.example.com/items',
}
function logged(target: any, key: string, desc: PropertyDescriptor): PropertyDescriptor {
  return desc;
}
class Service {
  @logged
  async send(body: string): Promise<Response> {
    return fetch(Endpoint.Items, { method: 'POST', body }); // SINK_DECORATED
  }
}
resolver.define('k', async ({ payload }) => {
  await new Service().send(payload.text);
});
)");
  auto r = scanFiles({{"src/index.ts", src}});
  checkSink(r, "src/index.ts", lineOf(src, "SINK_DECORATED"), "api.example.com", "constant",
            {"user-input"});
}

// ---------------------------------------------------------------- precision

TEST_CASE("flow precision: a constant never becomes customer data", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload, context }) => {
  const secret = payload.text;
  const fixed = 'fixed';
  await fetch('https://api.example.com/a', { method: 'POST', body: fixed }); // SINK_CONST
  const label = payload.flag ? 'yes' : 'no';
  await fetch('https://api.example.com/b', { method: 'POST', body: label }); // SINK_TERNARY
  const meta = JSON.stringify({ version: 1, kind: 'ping' });
  await fetch('https://api.example.com/c', { method: 'POST', body: meta }); // SINK_STRINGIFY_CONST
  const when = Date.now();
  await fetch('https://api.example.com/d', { method: 'POST', body: String(when) }); // SINK_DATE
  const mixed = { user: context.accountId, kind: 'ping' };
  await fetch('https://api.example.com/e', { method: 'POST', body: mixed.kind }); // SINK_CONST_FIELD
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_CONST", kNone);
  checkLiteralSink(r, src, "SINK_TERNARY", kNone);
  checkLiteralSink(r, src, "SINK_STRINGIFY_CONST", kNone);
  checkLiteralSink(r, src, "SINK_DATE", kNone);
  checkLiteralSink(r, src, "SINK_CONST_FIELD", kNone);
  CHECK_FALSE(hasFinding(r, "FE002", "src/index.js", lineOf(src, "SINK_CONST")));
}

TEST_CASE("flow precision: a local overwritten with a constant no longer carries its data",
          "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  let body = payload.text;
  body = 'reset';
  await fetch('https://api.example.com/a', { method: 'POST', body }); // SINK_OVERWRITTEN
  let later = 'fixed';
  later = payload.text;
  await fetch('https://api.example.com/b', { method: 'POST', body: later }); // SINK_REASSIGNED
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_OVERWRITTEN", kNone);
  checkLiteralSink(r, src, "SINK_REASSIGNED", {"user-input"});
}

TEST_CASE("flow precision: a local read before it is reassigned does not see the later value",
          "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  let url = 'https://api.example.com/b';
  await fetch('https://api.example.com/c', { method: 'POST', body: url }); // SINK_BEFORE
  url = payload.next;
  await fetch('https://api.example.com/d', { method: 'POST', body: url }); // SINK_AFTER
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_BEFORE", kNone);
  checkLiteralSink(r, src, "SINK_AFTER", {"user-input"});
}

TEST_CASE("flow precision: values do not leak between unrelated resolvers", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('a', async (req) => {
  const body = req.payload.text;
  await fetch('https://a.example.com/x', { method: 'POST', body }); // SINK_A
});
resolver.define('b', async (req) => {
  const body = 'static';
  await fetch('https://b.example.com/x', { method: 'POST', body }); // SINK_B
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_A"), "a.example.com", "literal", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_B"), "b.example.com", "literal", kNone);
  const fe::EgressSite* b = egressAt(r, "src/index.js", lineOf(src, "SINK_B"));
  REQUIRE(b != nullptr);
  CHECK(b->entryPoints == std::vector<std::string>{"resolver:b"});
}

TEST_CASE("flow precision: a shared helper does not carry one resolver's data into another",
          "[flow]") {
  // Both resolvers call the same pure helper; only 'a' passes customer data.
  const std::string src = resolverModule(R"(function normalise(value) {
  return value.trim();
}
resolver.define('a', async ({ payload }) => {
  await fetch('https://a.example.com/x', { method: 'POST', body: normalise(payload.text) }); // SINK_A
});
resolver.define('b', async () => {
  await fetch('https://b.example.com/x', { method: 'POST', body: normalise(' static ') }); // SINK_B
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_A"), "a.example.com", "literal", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_B"), "b.example.com", "literal", kNone);
}

TEST_CASE("flow precision: helpers nested ten deep - each called three times - stay per caller",
          "[flow]") {
  // Ten levels of helpers, each calling the next three times: 3^10 call stacks. The
  // constant's path matches its calls and returns at every level, so it stays clean, and
  // the payload's keeps its data, whichever query comes first (what one query learns is
  // kept for the next).
  std::ostringstream helpers;
  for (int i = 0; i < 10; ++i) {
    helpers << "function h" << i << "(x) {\n  return ";
    if (i == 9)
      helpers << "x + '-'";
    else
      helpers << "h" << i + 1 << "(x) + h" << i + 1 << "(x) + h" << i + 1 << "(x)";
    helpers << ";\n}\n";
  }
  const std::string src =
      resolverModule(helpers.str() + R"(resolver.define('a', async ({ payload }) => {
  await fetch('https://b.example.com/x', { method: 'POST', body: h0('static') }); // SINK_B
  await fetch('https://a.example.com/x', { method: 'POST', body: h0(payload.text) }); // SINK_A
  await fetch('https://c.example.com/x', { method: 'POST', body: h0('other') }); // SINK_C
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_A"), "a.example.com", "literal", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_B"), "b.example.com", "literal", kNone);
  checkSink(r, "src/index.js", lineOf(src, "SINK_C"), "c.example.com", "literal", kNone);
}

TEST_CASE("flow: every handler of a twelve-entry dispatch table runs with the event", "[flow]") {
  // More functions reach the table's dynamic read than a variable holds one by one: the
  // summarised handlers still run, with the event's data, from the entry point.
  std::ostringstream handlers;
  for (int i = 0; i < 12; ++i)
    handlers << "async function h" << i << "(e) { return fetch('https://h" << i
             << ".example.com/x', { method: 'POST', body: e.issue.key }); } // SINK_" << i << "\n";
  handlers << "const table = {";
  for (int i = 0; i < 12; ++i) handlers << " t" << i << ": h" << i << ",";
  handlers << " };\n";
  const std::string src =
      handlers.str() +
      "export async function handler(event) { return table[event.type](event); }\n";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  for (int i = 0; i < 12; ++i) {
    std::ostringstream host, marker;
    host << "h" << i << ".example.com";
    marker << "SINK_" << i;
    checkSink(r, "src/index.js", lineOf(src, marker.str()), host.str(), "literal", {"event-data"});
    const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, marker.str()));
    REQUIRE(e != nullptr);
    CHECK(e->entryPoints == std::vector<std::string>{"fn"});
  }
}

TEST_CASE("flow: the event reaches a wrapper that twenty callers pass different objects to",
          "[flow]") {
  // More objects reach `data` than a variable holds one by one: they are summarised, and the
  // event among them is still customer data at the sink, also after a copy and a field read.
  std::ostringstream callers;
  for (int i = 0; i < 20; ++i)
    callers << "async function f" << i << "(e) { return request('api.example.com', "
            << (i % 3 == 0 ? std::string("e.issue") : "{ k: " + std::to_string(i) + " }")
            << "); }\n";
  const std::string src = R"(async function request(host, data) {
  const payload = data;
  const key = payload.key;
  await fetch('https://' + host + '/a', { method: 'POST', body: JSON.stringify(payload) }); // SINK_BODY
  return fetch('https://k.example.com/' + key); // SINK_KEY
}
)" + callers.str() + R"(export async function handler(event) {
  await Promise.all([f0(event), f1(event), f2(event), f3(event), f4(event), f5(event), f6(event),
    f7(event), f8(event), f9(event), f10(event), f11(event), f12(event), f13(event), f14(event),
    f15(event), f16(event), f17(event), f18(event), f19(event)]);
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_BODY"), "api.example.com", "constant",
            {"event-data"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_KEY"), "k.example.com", "constant",
            {"event-data"});
}

TEST_CASE(
    "flow precision: a callback that reads its helper's parameter follows the helper's caller",
    "[flow]") {
  // The closure inside `wrap` reads `wrap`'s parameter: its data is the caller of `wrap`'s,
  // through two levels of helpers.
  const std::string src = resolverModule(R"(function wrap(v) {
  const read = () => v;
  return read();
}
function outer(v) {
  return wrap(v);
}
resolver.define('a', async ({ payload }) => {
  await fetch('https://a.example.com/x', { method: 'POST', body: outer(payload.text) }); // SINK_A
  await fetch('https://b.example.com/x', { method: 'POST', body: outer('static') }); // SINK_B
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK_A"), "a.example.com", "literal", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "SINK_B"), "b.example.com", "literal", kNone);
}

TEST_CASE("flow precision: a local function or const named fetch is not a network call", "[flow]") {
  const std::string fnSrc = resolverModule(R"(function fetch(key) {
  return { key };
}
resolver.define('k', async ({ payload }) => {
  return fetch('https://api.example.com/a', payload.text); // NOT_A_SINK
});
)");
  auto r1 = scanFiles({{"src/index.js", fnSrc}});
  INFO(describe(r1));
  CHECK(hostAt(r1, "src/index.js", lineOf(fnSrc, "NOT_A_SINK")) == "missing");
  CHECK(fe::test::countEgress(r1) == 0);

  const std::string constSrc = resolverModule(R"(const fetch = (url, init) => ({ url, init });
resolver.define('k', async ({ payload }) => {
  return fetch('https://api.example.com/a', { body: payload.text }); // NOT_A_SINK
});
)");
  auto r2 = scanFiles({{"src/index.js", constSrc}});
  INFO(describe(r2));
  CHECK(hostAt(r2, "src/index.js", lineOf(constSrc, "NOT_A_SINK")) == "missing");
  CHECK(fe::test::countEgress(r2) == 0);
}

TEST_CASE("flow precision: response.status and .length are not data", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  const res = await api.asApp().requestJira(route`/rest/api/3/search`);
  await fetch('https://api.example.com/a', { method: 'POST', body: String(res.status) }); // SINK_STATUS
  const { issues } = await res.json();
  await fetch('https://api.example.com/b', { method: 'POST', body: `count=${issues.length}` }); // SINK_LENGTH
  await fetch('https://api.example.com/c', { method: 'POST', body: String(payload.items.length) }); // SINK_INPUT_LENGTH
  await fetch('https://api.example.com/d', { method: 'POST', body: JSON.stringify(issues) }); // SINK_ISSUES
});
)",
                                         "import api, { route } from '@forge/api';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkLiteralSink(r, src, "SINK_STATUS", kNone);
  checkLiteralSink(r, src, "SINK_LENGTH", kNone);
  checkLiteralSink(r, src, "SINK_INPUT_LENGTH", kNone);
  checkLiteralSink(r, src, "SINK_ISSUES", {"product-data"});
}

// ---------------------------------------------------------------- destinations (§3.2)

TEST_CASE("destination: a literal URL", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  await fetch('https://api.example.com/v1/items'); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "literal", kNone);
  CHECK_FALSE(hasFinding(r, "FE004", "src/index.js", lineOf(src, "SINK")));
}

TEST_CASE("destination: a const in the same file", "[flow]") {
  const std::string src = resolverModule(R"(const BASE = 'https://api.example.com';
resolver.define('k', async () => {
  await fetch(BASE + '/v1/items'); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", kNone);
}

TEST_CASE("destination: a const in another file", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  await fetch(`${API_BASE}/v1/items`); // SINK
});
)",
                                         "import { API_BASE } from './config';\n");
  auto r = scanFiles({{"src/index.js", src},
                      {"src/config.js", "export const API_BASE = 'https://api.example.com';\n"}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", kNone);
}

TEST_CASE("destination: a template with a constant base and a dynamic path keeps the host",
          "[flow]") {
  const std::string src = resolverModule(R"(const BASE = 'https://api.example.com';
resolver.define('k', async ({ payload }) => {
  await fetch(`${BASE}/issues/${payload.key}`); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
  CHECK_FALSE(hasFinding(r, "FE004", "src/index.js", lineOf(src, "SINK")));
}

TEST_CASE("destination: process.env gives an unknown host from env", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  await fetch(process.env.API_URL + '/v1/items'); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  const int line = lineOf(src, "SINK");
  checkSink(r, "src/index.js", line, "null", "env", kNone);
  const fe::EgressSite* e = egressAt(r, "src/index.js", line);
  REQUIRE(e != nullptr);
  CHECK(e->hostDetail == "API_URL");
  CHECK(findingLevel(r, "FE004", "src/index.js", line) ==
        std::optional<fe::Level>(fe::Level::Warning));
}

TEST_CASE("destination: process.env read by destructuring or through an alias is env too",
          "[flow]") {
  // The catalog's `environments`: a member of process.env read by name, however reached.
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  const { AUDIT_URL } = process.env;
  await fetch(`${AUDIT_URL}/events`); // SINK_DESTRUCTURED
  const env = process.env;
  await fetch(env.SEARCH_URL + '/q'); // SINK_ALIAS
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* marker : {"SINK_DESTRUCTURED", "SINK_ALIAS"}) {
    INFO(marker);
    checkSink(r, "src/index.js", lineOf(src, marker), "null", "env", kNone);
  }
  const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, "SINK_DESTRUCTURED"));
  REQUIRE(e != nullptr);
  CHECK(e->hostDetail == "AUDIT_URL");
}

TEST_CASE("destination: data in the path of a URL whose host is from env does not choose it",
          "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  await fetch(`${process.env.SEARCH_URL}?q=${payload.q}`); // SINK
  await fetch(payload.base + '/x'); // CHOSEN
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  const int line = lineOf(src, "SINK");
  checkSink(r, "src/index.js", line, "null", "env", {"user-input"});
  CHECK(findingLevel(r, "FE004", "src/index.js", line) ==
        std::optional<fe::Level>(fe::Level::Warning));
  CHECK(findingLevel(r, "FE004", "src/index.js", lineOf(src, "CHOSEN")) ==
        std::optional<fe::Level>(fe::Level::Error));
}

TEST_CASE("destination: a URL from the resolver payload is chosen by the caller", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  await fetch(payload.url); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  const int line = lineOf(src, "SINK");
  checkSink(r, "src/index.js", line, "null", "user-input", {"user-input"});
  CHECK(findingLevel(r, "FE004", "src/index.js", line) ==
        std::optional<fe::Level>(fe::Level::Error));
}

TEST_CASE("destination: a URL read from app storage", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async () => {
  const endpoint = await kvs.get('endpoint');
  await fetch(endpoint); // SINK
});
)",
                                         "import { kvs } from '@forge/kvs';\n");
  auto r = scanFiles({{"src/index.js", src}});
  const int line = lineOf(src, "SINK");
  checkSink(r, "src/index.js", line, "null", "storage", {"app-storage"});
  CHECK(findingLevel(r, "FE004", "src/index.js", line) ==
        std::optional<fe::Level>(fe::Level::Warning));
}

TEST_CASE("destination: a parameter of a function nobody calls", "[flow]") {
  const std::string src = resolverModule(R"(export async function send(url) {
  return fetch(url); // SINK
}
resolver.define('k', async () => 'ok');
)");
  auto r = scanFiles({{"src/index.js", src}});
  const int line = lineOf(src, "SINK");
  checkSink(r, "src/index.js", line, "null", "parameter", kNone);
  const fe::EgressSite* e = egressAt(r, "src/index.js", line);
  REQUIRE(e != nullptr);
  CHECK(e->entryPoints.empty());
}

TEST_CASE("destination: an axios.create({baseURL}) instance", "[flow]") {
  const std::string src = resolverModule(
      R"(const client = axios.create({ baseURL: 'https://api.example.com/v2', timeout: 5000 });
resolver.define('k', async ({ payload }) => {
  await client.post('/items', { name: payload.name }); // SINK
});
)",
      "import axios from 'axios';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("destination: node:https request(options) with req.write(body)", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  const req = https.request({ hostname: 'api.example.com', path: '/v1/items', method: 'POST' }); // SINK
  req.write(JSON.stringify({ text: payload.text }));
  req.end();
});
)",
                                         "import https from 'node:https';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("destination: a default parameter value", "[flow]") {
  const std::string src =
      resolverModule(R"(async function post(body, url = 'https://api.example.com/v1/items') {
  return fetch(url, { method: 'POST', body }); // SINK
}
resolver.define('k', async ({ payload }) => {
  await post(payload.text);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("destination: a value returned by a helper function", "[flow]") {
  const std::string src = resolverModule(R"(function apiBase() {
  return 'https://api.example.com';
}
const itemUrl = (id) => `${apiBase()}/items/${id}`;
resolver.define('k', async ({ context }) => {
  await fetch(itemUrl(context.cloudId)); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant",
            {"install-context"});
}

TEST_CASE("destination: a TypeScript enum member", "[flow]") {
  const std::string src = resolverModule(R"(enum Hosts {
  Primary = 'https://api.example.com',
  Backup = 'https://backup.example.com',
}
resolver.define('k', async () => {
  await fetch(`${Hosts.Primary}/v1/items`); // SINK
});
)");
  auto r = scanFiles({{"src/index.ts", src}});
  checkSink(r, "src/index.ts", lineOf(src, "SINK"), "api.example.com", "constant", kNone);
}

TEST_CASE("destination: += builds a URL on a constant base", "[flow]") {
  const std::string src = resolverModule(R"(const BASE = 'https://api.example.com';
resolver.define('k', async ({ payload }) => {
  let url = BASE;
  url += '/v1/' + payload.id;
  await fetch(url); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
}

TEST_CASE("destination: concat keeps the whole URL", "[flow]") {
  const std::string src = resolverModule(R"(const BASE = 'https://api.example.com';
resolver.define('k', async () => {
  await fetch(BASE.concat('/v2/items')); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  const int line = lineOf(src, "SINK");
  checkSink(r, "src/index.js", line, "api.example.com", "constant", kNone);
  const fe::EgressSite* e = egressAt(r, "src/index.js", line);
  REQUIRE(e != nullptr);
  CHECK(e->url == "https://api.example.com/v2/items");
}

TEST_CASE("destination: new URL(path - base) and toString() - href stays unknown", "[flow]") {
  const std::string src = resolverModule(R"(const BASE = 'https://api.example.com';
resolver.define('k', async ({ payload }) => {
  const u = new URL(`/issues/${payload.key}`, BASE);
  await fetch(u.toString()); // SINK
  const v = new URL('https://ok.example.com/a');
  v.hostname = payload.host;
  await fetch(v.href, { body: payload.text }); // HREF
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "api.example.com", "constant", {"user-input"});
  // The host was set from the payload after the URL was made: its href goes wherever the
  // payload says, so the host is unknown, never only the host it was made with.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "HREF")) == "null");
}

TEST_CASE("destination: a URL object's host edited after it was made", "[flow]") {
  const std::string src = resolverModule(R"(resolver.define('k', async ({ payload }) => {
  const a = new URL('https://made.example.com/v1/items?x=1');
  a.hostname = 'edited.example.com';
  await fetch(a.toString(), { body: payload.text }); // TOSTRING
  await fetch(`${a}`); // TEMPLATE
  const b = new URL('https://made.example.com:8443/v1');
  b.host = 'other.example.com';
  await fetch(b.href); // HOST
  const c = new URL('https://made.example.com/v1');
  c.hostname = payload.host;
  await fetch(c, { method: 'POST', body: payload.text }); // DATA
  const d = new URL('https://kept.example.com/v1');
  const port = d.port;
  await fetch(d.href + port); // READ
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  // Flow-insensitive: the host it was made with and the edited one, with the path kept.
  auto sitesAt = [&](const char* marker) {
    std::vector<std::string> out;
    for (const auto& app : r.apps)
      for (const auto& e : app.verdict.egress)
        if (e.file == "src/index.js" && e.site.line == static_cast<uint32_t>(lineOf(src, marker)))
          out.push_back((e.host ? *e.host : "?") + " " + e.url);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(sitesAt("TOSTRING") ==
        std::vector<std::string>{"edited.example.com https://edited.example.com/v1/items?x=1",
                                 "made.example.com https://made.example.com/v1/items?x=1"});
  CHECK(sitesAt("TEMPLATE") == sitesAt("TOSTRING"));
  // `host` takes the port with it; `hostname` would keep it.
  CHECK(sitesAt("HOST") ==
        std::vector<std::string>{"made.example.com:8443 https://made.example.com:8443/v1",
                                 "other.example.com https://other.example.com/v1"});
  // A host from the payload: the host is unknown, and user input.
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "DATA")) == std::vector<std::string>{"?user-input"});
  // Reading a field is not an edit.
  CHECK(hostAt(r, "src/index.js", lineOf(src, "READ")) == "kept.example.com");
}

TEST_CASE("flow: trigger events and webtrigger requests carry their categories", "[flow]") {
  const std::string trig = R"(export async function handler(event, context) {
  await fetch('https://api.example.com/a', { method: 'POST', body: JSON.stringify(event.issue) }); // SINK
}
)";
  auto r1 = scanFiles({{"src/index.js", trig}, {"manifest.yml", manifestFor("trigger")}});
  checkLiteralSink(r1, trig, "SINK", {"event-data"});

  const std::string web = R"(export async function handler(request) {
  await fetch(request.queryParameters.target[0]); // SINK
}
)";
  auto r2 = scanFiles({{"src/index.js", web}, {"manifest.yml", manifestFor("webtrigger")}});
  const int line = lineOf(web, "SINK");
  checkSink(r2, "src/index.js", line, "null", "user-input", {"webtrigger-request"});
  CHECK(findingLevel(r2, "FE004", "src/index.js", line) ==
        std::optional<fe::Level>(fe::Level::Error));
}

// Issue class: a for…of/for…in head assigns only when the body runs, so the
// value the variable held before the loop survives; a loop over outside data
// adds an unknown host next to the known one.
TEST_CASE("flow: a loop head keeps what the variable held before the loop", "[flow][loops]") {
  const std::string src = resolverModule(
      R"(resolver.define('k', async ({ payload }) => {
  let u = 'https://a.example/x';
  for (u of payload.urls) {}
  await fetch(u); // OF
  let k = 'https://b.example/y';
  for (k in payload) {}
  await fetch(k); // IN
  let c = 'https://c.example/z';
  for (const item of payload.urls) { c = item; }
  await fetch(c); // BODY
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  auto hostsAt = [&](const std::string& marker) {
    std::vector<std::string> hosts;
    for (const auto& e : r.apps.at(0).verdict.egress)
      if (e.file == "src/index.js" && static_cast<int>(e.site.line) == lineOf(src, marker))
        hosts.push_back(e.host ? *e.host : "null");
    std::sort(hosts.begin(), hosts.end());
    return hosts;
  };
  CHECK(hostsAt("OF") == std::vector<std::string>{"a.example", "null"});
  // for…in: the keys of outside data are chosen by whoever sent it, so they may be any URL
  // (before, only the known host showed: a URL partly from data reported the constant alone).
  CHECK(hostsAt("IN") == std::vector<std::string>{"b.example", "null"});
  CHECK(hostsAt("BODY") == std::vector<std::string>{"c.example", "null"});
}

// Issue class: members with modifiers (`private static async`) are still static members.
TEST_CASE("flow: static methods with access modifiers keep their call edges", "[flow][classes]") {
  const std::string src = resolverModule(
      R"(class Client {
  private static async send(body: string) {
    await fetch('https://s.example/x', { method: 'POST', body }); // SEND
  }
  public static async go(payload: any) {
    await this.send(payload.text);
  }
  protected static build(x: string) { return 'https://p.example/' + x; }
  static async run(p: any) { await fetch(Client.build(p.k), { method: 'POST', body: p.v }); } // RUN
  public static get base() { return 'https://g.example'; }
  get(url: string) { return fetch(url); }
}
resolver.define('k', async ({ payload }) => { await Client.go(payload); await Client.run(payload); });
)");
  auto r = scanFiles({{"src/index.ts", src}});
  checkSink(r, "src/index.ts", lineOf(src, "SEND"), "s.example", "literal", {"user-input"});
  checkSink(r, "src/index.ts", lineOf(src, "RUN"), "p.example", "constant", {"user-input"});
}

TEST_CASE("flow: an override hides the method it overrides - super calls the parent's",
          "[flow][classes]") {
  const std::string src = resolverModule(
      R"(class Base {
  post(url, body) { return fetch(url, { method: 'POST', body }); } // SINK
  static create() { return new this(); }
}
class Api extends Base {
  post(path, body) { return super.post('https://override.example.com' + path, body); }
  static create() { return super.create(); }
}
resolver.define('k', async ({ payload }) => {
  const run = () => Api.create().post('/items', payload.text);
  await run();
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  // Only Api.post is called on an Api: Base.post runs through super with the full URL, never
  // with the relative path (which would make the host unknown).
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK")) ==
        std::vector<std::string>{"override.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK")) == std::vector<std::string>{"user-input"});
}

TEST_CASE("flow: a TypeScript `this` parameter is not an argument", "[flow]") {
  const std::string src = resolverModule(
      R"(function send(this: Window | void, body: string, to?: string) {
  return fetch(to ?? 'https://this-param.example.com/', { method: 'POST', body }); // SINK
}
resolver.define('k', async ({ payload }) => { await send.call(undefined, payload.text); });
)");
  auto r = scanFiles({{"src/index.ts", src}});
  checkSink(r, "src/index.ts", lineOf(src, "SINK"), "this-param.example.com", "constant",
            {"user-input"});
}

TEST_CASE("flow: decorators run on the class and its members", "[flow][classes]") {
  // TypeScript's experimentalDecorators (and Babel's legacy plugin): a class decorator gets
  // the class; a method decorator gets the prototype, the name and a descriptor, and what it
  // leaves in `descriptor.value` is the method from then on.
  const std::string src = resolverModule(
      R"(function Endpoint(url: string) {
  return (target: any) => { target.prototype.endpoint = url; };
}
function Audited(target: any, key: string, descriptor: PropertyDescriptor) {
  const original = descriptor.value;
  descriptor.value = function (...args: any[]) {
    fetch('https://audit.example.net/log', { method: 'POST', body: JSON.stringify(args) }); // AUDIT
    return original.apply(this, args);
  };
  return descriptor;
}
@Endpoint('https://decorated.example.com/hook')
class Notifier {
  endpoint!: string;
  @Audited
  notify(d: unknown) { return fetch(this.endpoint, { method: 'POST', body: JSON.stringify(d) }); } // NOTIFY
}
resolver.define('k', async ({ payload }) => { await new Notifier().notify(payload.text); });
)");
  auto r = scanFiles({{"src/index.ts", src}});
  // The host the class decorator stored on the prototype.
  checkSink(r, "src/index.ts", lineOf(src, "NOTIFY"), "decorated.example.com", "constant",
            {"user-input"});
  // The wrapper the method decorator installed runs with the call's arguments.
  checkSink(r, "src/index.ts", lineOf(src, "AUDIT"), "audit.example.net", "literal",
            {"user-input"});

  // The 2023 standard's form: (method, context), and the function it returns is the method.
  const std::string std2023 = resolverModule(
      R"(function logged(value: any, context: ClassMethodDecoratorContext) {
  return function (this: any, ...args: any[]) {
    fetch('https://log.example.org/calls', { method: 'POST', body: JSON.stringify(args) }); // LOG
    return value.call(this, ...args);
  };
}
class Sender {
  @logged
  send(d: string) { return fetch('https://send.example.org/', { method: 'POST', body: d }); } // SEND
}
resolver.define('k', async ({ payload }) => { await new Sender().send(payload.text); });
)");
  auto r2 = scanFiles({{"src/index.ts", std2023}});
  checkSink(r2, "src/index.ts", lineOf(std2023, "LOG"), "log.example.org", "literal",
            {"user-input"});
  checkSink(r2, "src/index.ts", lineOf(std2023, "SEND"), "send.example.org", "literal",
            {"user-input"});
}

TEST_CASE("flow: getters read `this` - and static members are inherited", "[flow][classes]") {
  const std::string src = resolverModule(
      R"(class Linear {
  base = 'https://api.linear.example';
  get endpoint() { return `${this.base}/graphql`; }
  async send(body) { return fetch(this.endpoint, { method: 'POST', body }); } // GETTER
}
const cfg = { host: 'cfg.example.org', get url() { return `https://${this.host}/v1`; } };
class Http {
  static async post(path, body) { return fetch(`https://http.example.net${path}`, { method: 'POST', body }); } // STATIC
}
class Trello extends Http {
  static card(c) { return this.post('/cards', c); }
}
resolver.define('k', async ({ payload }) => {
  await new Linear().send(payload.text);
  await fetch(cfg.url, { method: 'POST', body: payload.text }); // OBJECT_GETTER
  await Trello.card(payload.card);
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "GETTER"), "api.linear.example", "constant",
            {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "OBJECT_GETTER"), "cfg.example.org", "constant",
            {"user-input"});
  // Reached through the subclass's `this.post`: the parent's static method, with the data.
  checkSink(r, "src/index.js", lineOf(src, "STATIC"), "http.example.net", "constant",
            {"user-input"});
}

TEST_CASE("flow: what a generator yields is what iterating it gives", "[flow]") {
  const std::string src = resolverModule(
      R"(async function* pages(start) {
  let page = await start.next();
  yield page;
  yield* [start.extra];
}
function* constants() { yield 'https://c.example/a'; }
resolver.define('k', async ({ payload }) => {
  for await (const p of pages(payload)) {
    await fetch('https://sink.example/p', { method: 'POST', body: JSON.stringify(p) }); // YIELD
  }
  for (const u of constants()) await fetch(u); // CONSTANTS
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "YIELD"), "sink.example", "literal", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "CONSTANTS"), "c.example", "constant", {});
}

// Issue class: TypeScript syntax in a .js file (Babel's TypeScript preset).
TEST_CASE("flow: TypeScript syntax in a .js file is analysed with the TSX grammar",
          "[flow][grammar]") {
  const std::string src = resolverModule(
      R"(interface Body { text: string }
const send = async (body: Body): Promise<void> => {
  await fetch('https://ts.example/x', { method: 'POST', body: body.text as string }); // SINK
};
resolver.define('k', async ({ payload }) => { await send(payload as Body); });
)");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "ts.example", "literal", {"user-input"});
  bool noted = false;
  for (const auto& d : r.diagnostics) noted = noted || d.code == "grammar-fallback";
  CHECK(noted);
  for (const auto& d : r.diagnostics) CHECK(d.code != "parse-error");
}

// Issue class: a variable written inside a callback and returned by the enclosing function.
TEST_CASE("flow: a variable a callback writes reaches the caller through the return",
          "[flow][closures]") {
  const std::string src = resolverModule(
      R"(async function collect(key) {
  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
  const issue = await res.json();
  let text = '';
  issue.fields.comment.comments.forEach(c => { text += c.body; });
  return text;
}
resolver.define('k', async ({ payload }) => {
  const text = await collect(payload.key);
  await fetch('https://cb.example/x', { method: 'POST', body: text }); // SINK
});
)",
      "import api, { route } from '@forge/api';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "SINK"), "cb.example", "literal", {"product-data"});
}

// Issue class: resolvers registered in a loop over Object.entries.
TEST_CASE("flow: resolvers defined in a loop over Object.entries are entry points",
          "[flow][entries]") {
  const std::string src = R"(import Resolver from '@forge/resolver';
const handlers = {
  go: async ({ payload }) => {
    await fetch('https://loop.example/x', { method: 'POST', body: payload.text }); // FOREACH
  },
};
const more = {
  run: async ({ payload }) => {
    await fetch('https://loop2.example/x', { method: 'POST', body: payload.text }); // FOROF
  },
};
const resolver = new Resolver();
Object.entries(handlers).forEach(([name, fn]) => resolver.define(name, fn));
for (const [k, f] of Object.entries(more)) resolver.define(k, f);
export const handler = resolver.getDefinitions();
)";
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "FOREACH"), "loop.example", "literal", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "FOROF"), "loop2.example", "literal", {"user-input"});
  const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, "FOREACH"));
  REQUIRE(e);
  CHECK_FALSE(e->entryPoints.empty());
}

// Issue class: a Request object carries the URL and the body to fetch.
TEST_CASE("flow: fetch(new Request(url - init)) takes host and data from the Request",
          "[flow][request]") {
  const std::string src = resolverModule(
      R"(resolver.define('k', async ({ payload }) => {
  const req = new Request('https://req.example/x', { method: 'POST', body: payload.text });
  await fetch(req); // GLOBAL
  const r2 = new UndiciRequest('https://undici.example/y', { method: 'POST', body: payload.text });
  await undiciFetch(r2); // UNDICI
});
)",
      "import { fetch as undiciFetch, Request as UndiciRequest } from 'undici';\n");
  auto r = scanFiles({{"src/index.js", src}});
  checkSink(r, "src/index.js", lineOf(src, "GLOBAL"), "req.example", "constant", {"user-input"});
  checkSink(r, "src/index.js", lineOf(src, "UNDICI"), "undici.example", "constant", {"user-input"});
}

namespace {
using fe::test::hostsAt;
using Hosts = std::vector<std::string>;
}  // namespace

TEST_CASE("flow: a URL that is data or a constant reports the constant's host and an unknown one",
          "[flow][strings]") {
  // Customer data as a whole value in the URL position: the caller picks the destination,
  // whatever default the code also has. Before, only the default's host was reported.
  const std::string src = R"(import api, { storage } from '@forge/api';
async function post(url, body) {
  return fetch(url, { method: 'POST', body }); // SINK_HELPER
}
export async function handler(req) {
  const body = JSON.parse(req.body);
  await fetch(body.target || 'https://default.example.com/x', { method: 'POST' }); // SINK_OR
  const saved = await storage.get('endpoint');
  await fetch(saved ?? 'https://fallback.example.com/'); // SINK_STORED
  await post('https://api.example.com/v1', 'x');
  await post(body.callback, 'y');
  return { statusCode: 200 };
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("webtrigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_OR")) ==
        Hosts{"?user-input", "default.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_STORED")) ==
        Hosts{"?storage", "fallback.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_HELPER")) ==
        Hosts{"?user-input", "api.example.com"});
}

TEST_CASE("a handler wrapped by a package's function is the function it wraps", "[flow][entry]") {
  // `withSentry(async (event) => …)`: the wrapper forwards the platform's call, so the function
  // gets the entry's parameters. Before, it was dead code and the event's data reached nothing.
  const std::string src = R"(import { withSentry } from 'sentry-forge-wrapper';
export const handler = withSentry(async (event) => {
  await fetch('https://hooks.example.com/x', { method: 'POST', body: JSON.stringify(event.issue) }); // SINK
});
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].incomplete.empty());
  const fe::EgressSite* site = egressAt(r, "src/index.js", lineOf(src, "SINK"));
  REQUIRE(site != nullptr);
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK")) == std::vector<std::string>{"event-data"});
  CHECK(site->entryPoints == std::vector<std::string>{"fn"});
}

TEST_CASE("flow: array edits - Array.from's mapper - encoders and frozen objects keep the data",
          "[flow][builtins]") {
  // Each of these dropped the event's data (or the host) before: the builtin had no summary.
  const std::string src = R"(import querystring from 'node:querystring';
const D = Object.freeze({ base: 'https://api.example.com' });
async function job(e) {
  const a = [e.issue.key];
  await fetch(D.base + '/x', { method: 'POST', body: JSON.stringify(a.splice(0)) }); // SPLICE
  const parts = Array.from({ length: 2 }, (_, i) => [e.issue.summary].slice(i));
  await fetch('https://api.example.com/c', { method: 'POST', body: JSON.stringify(parts) }); // FROM
  await fetch('https://api.example.com/q?' + querystring.encode({ s: e.issue.summary })); // QS
  const bytes = new TextEncoder().encode(e.issue.summary);
  await fetch('https://api.example.com/t', { method: 'POST', body: bytes }); // ENCODER
  await fetch('https://api.example.com/a', { method: 'POST', body: [e.issue].at(-1).key }); // AT
  const w = ['x'].with(0, e.issue.key);
  await fetch('https://api.example.com/w', { method: 'POST', body: JSON.stringify(w) }); // WITH
  await fetch('https://api.example.com/k', { method: 'POST', body: 'constant'.slice(1) }); // CLEAN
}
module.exports = Object.freeze({ handler: job });
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  const std::vector<std::string> event{"event-data"};
  for (const char* marker : {"SPLICE", "FROM", "QS", "ENCODER", "AT", "WITH"}) {
    INFO(marker);
    CHECK(dataAt(r, "src/index.js", lineOf(src, marker)) == event);
    const fe::EgressSite* site = egressAt(r, "src/index.js", lineOf(src, marker));
    REQUIRE(site != nullptr);
    CHECK(site->host == std::optional<std::string>("api.example.com"));
    CHECK(site->entryPoints == std::vector<std::string>{"fn"});
  }
  CHECK(dataAt(r, "src/index.js", lineOf(src, "CLEAN")).empty());
}

TEST_CASE("flow: a URL template filled in by replace keeps its host", "[flow][strings]") {
  // `.replace(':id', id)` on a constant URL: the text before the pattern stays known. Before,
  // the result had no known text, so the host was unknown and, with the caller's data in the
  // path, an FE004 error said the caller chose the destination.
  const std::string src = R"(const BASE = 'https://api.example.com';
export async function handler(req) {
  const payload = JSON.parse(req.body);
  await fetch('https://api.example.com/v1/:id'.replace(':id', payload.id)); // SINK_PATH
  await fetch(`${BASE}/v1/{a}/{b}`.replaceAll('{a}', payload.a)); // SINK_ALL
  await fetch('https://old.example.com/x'.replace('old', 'new')); // SINK_EXACT
  await fetch('https://:host/x'.replace(':host', payload.host)); // SINK_HOST
  await fetch(payload.url.replace('http:', 'https:')); // SINK_DATA
  return { statusCode: 200 };
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("webtrigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_PATH")) == Hosts{"api.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_ALL")) == Hosts{"api.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_EXACT")) == Hosts{"new.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_HOST")) == Hosts{"?user-input"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_DATA")) == Hosts{"?user-input"});
  CHECK_FALSE(hasFinding(r, "FE004", "src/index.js", lineOf(src, "SINK_PATH")));
}

TEST_CASE("flow: a resolver request sent or copied whole carries its payload and context",
          "[flow][sources]") {
  // Before, only context.accountId (user identity) was in the whole request: the payload the
  // UI sent and the context were lost from `JSON.stringify(req)` and copies of req.
  const std::string src = R"(import Resolver from '@forge/resolver';
const resolver = new Resolver();
resolver.define('a', async (req) => {
  await fetch('https://api.example.com/1', { method: 'POST', body: JSON.stringify(req) }); // WHOLE
  const copy = { ...req };
  await fetch('https://api.example.com/2', { method: 'POST', body: copy.payload.lang }); // SPREAD
  const assigned = Object.assign({}, req);
  await fetch('https://api.example.com/3', { method: 'POST', body: assigned.payload.x }); // ASSIGN
});
export const handler = resolver.getDefinitions();
)";
  auto r = scanFiles({{"src/index.js", src}});
  INFO(describe(r));
  auto has = [&](const char* marker, const std::string& category) {
    auto data = dataAt(r, "src/index.js", lineOf(src, marker));
    return std::find(data.begin(), data.end(), category) != data.end();
  };
  for (const char* marker : {"WHOLE", "SPREAD", "ASSIGN"}) {
    INFO(marker);
    CHECK(has(marker, "user-input"));
    CHECK(has(marker, "install-context"));
  }
}

TEST_CASE("flow: a property defined with a value or a getter holds what they give",
          "[flow][builtins]") {
  // Object.defineProperty had no summary: the value or what the getter returns was lost.
  const std::string src = R"(export async function handler(e) {
  const o = {};
  Object.defineProperty(o, 's', { value: e.issue.key });
  await fetch('https://api.example.com/a', { method: 'POST', body: o.s }); // VALUE
  const g = {};
  Object.defineProperty(g, 't', { get: () => e.issue.summary });
  await fetch('https://api.example.com/b', { method: 'POST', body: g.t }); // GETTER
  const c = {};
  Object.defineProperty(c, 'u', { value: 'https://other.example.com/' });
  await fetch(c.u, { method: 'POST', body: 'x' }); // HOST
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  CHECK(dataAt(r, "src/index.js", lineOf(src, "VALUE")) == std::vector<std::string>{"event-data"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "GETTER")) == std::vector<std::string>{"event-data"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "HOST")) == Hosts{"other.example.com"});
}

TEST_CASE("flow: event or product data beside a constant URL is an unknown host too",
          "[flow][strings]") {
  // Data whose origin names no host kind (event data, a product API's reply) as a whole URL:
  // the site said only the constant's host before, and the URL from the data was lost.
  const std::string src = R"(import api from '@forge/api';
async function lookup() {
  const r = await api.asApp().requestJira('/rest/api/3/myself');
  return (await r.json()).avatarUrl;
}
export async function handler(event) {
  await fetch(event.flag ? 'https://api.example.com/a' : event.target); // SINK_EVENT
  await fetch(event.flag ? 'https://api.example.com/b' : await lookup()); // SINK_PRODUCT
  await fetch(event.flag ? 'https://api.example.com/c' : 'https://other.example.com/'); // SINK_CONST
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_EVENT")) ==
        Hosts{"?unknown", "api.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_PRODUCT")) ==
        Hosts{"?unknown", "api.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_CONST")) ==
        Hosts{"api.example.com", "other.example.com"});
}

TEST_CASE("flow: data or a constant at the start of a template or concatenation is any host too",
          "[flow][strings]") {
  // `${payload.url || DEFAULT}/hook`: the constant is one alternative, the caller's value the
  // other. Before, the concatenation kept only the constant's strings: the caller's host was
  // lost and the site looked declared.
  const std::string src = R"(export async function handler(req) {
  const body = JSON.parse(req.body);
  const base = body.target || 'https://default.example.com';
  await fetch(`${base}/hook`); // SINK_TEMPLATE
  await fetch((body.target ?? 'https://default.example.com') + '/hook'); // SINK_CONCAT
  await fetch(new URL('/v1', body.base || 'https://default.example.com')); // SINK_JOIN
  await fetch(`https://api.example.com/items/${body.item || 'all'}`); // SINK_PATH
  const fixed = process.env.HOOK || 'https://default.example.com';
  await fetch(`${fixed}/x`); // SINK_ENV
  return { statusCode: 200 };
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("webtrigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_TEMPLATE")) ==
        Hosts{"?user-input", "default.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_CONCAT")) ==
        Hosts{"?user-input", "default.example.com"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_JOIN")) ==
        Hosts{"?user-input", "default.example.com"});
  // Data only in the path: the host stays the constant's.
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_PATH")) == Hosts{"api.example.com"});
  // An environment variable is no customer data: its own unknown host, not a user-input one.
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_ENV")) ==
        Hosts{"?env", "default.example.com"});
}

TEST_CASE("flow: an unknown label of a known domain is a pattern host", "[flow][strings]") {
  // `https://${page}.statuspage.io/…`: the strings keep the known text after the unknown part,
  // so the host is *.statuspage.io, declared by the manifest's wildcard. A payload's value
  // there may be any host (`evil.example/x?`): still an unknown host.
  const std::string src = R"(export async function handler(req) {
  const page = process.env.STATUS_PAGE;
  await fetch(`https://${page}.statuspage.io/api/v2/status.json`); // SINK_ENV
  const body = JSON.parse(req.body);
  await fetch(`https://${body.sub}.statuspage.io/api`); // SINK_PAYLOAD
  await fetch(`https://api.example.com/v2/${page}/ack?x=1`); // SINK_PATH
  return { statusCode: 200 };
}
)";
  auto r = scanFiles(
      {{"src/index.js", src},
       {"manifest.yml", manifestFor("webtrigger", {"'*.statuspage.io'", "api.example.com"})}});
  INFO(describe(r));
  const int env = lineOf(src, "SINK_ENV");
  CHECK(hostsAt(r, "src/index.js", env) == Hosts{"*.statuspage.io"});
  const fe::EgressSite* e = egressAt(r, "src/index.js", env);
  REQUIRE(e != nullptr);
  CHECK(e->hostSource == "pattern");
  CHECK(e->url == "https://{…}.statuspage.io/api/v2/status.json");
  CHECK_FALSE(findingLevel(r, "FE003", "src/index.js", env).has_value());
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_PAYLOAD")) == Hosts{"?user-input"});
  const fe::EgressSite* path = egressAt(r, "src/index.js", lineOf(src, "SINK_PATH"));
  REQUIRE(path != nullptr);
  CHECK(path->url == "https://api.example.com/v2/{…}/ack?x=1");
}

TEST_CASE("flow: data inside a URL the strings describe adds no unknown host", "[flow][strings]") {
  // Concatenation, a template, new URL(path, base), a Request and a query string from an
  // object: the host is in the constant part, the data only in the path or query.
  const std::string src = R"(export async function handler(req) {
  const body = JSON.parse(req.body);
  await fetch('https://api.example.com/users/' + body.id); // SINK_CONCAT
  await fetch(`https://api.example.com/items/${body.item}?q=${body.q}`); // SINK_TEMPLATE
  await fetch(new URL(`/v1/${body.id}`, 'https://api.example.com')); // SINK_URL
  await fetch(new Request('https://api.example.com/r/' + body.id, { method: 'POST' })); // SINK_REQUEST
  await fetch(`https://api.example.com/search?${new URLSearchParams(body)}`); // SINK_QUERY
  const url = new URL('https://api.example.com/u');
  url.searchParams.set('id', body.id);
  await fetch(url.toString()); // SINK_TOSTRING
  return { statusCode: 200 };
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("webtrigger")}});
  INFO(describe(r));
  for (const char* marker : {"SINK_CONCAT", "SINK_TEMPLATE", "SINK_URL", "SINK_REQUEST",
                             "SINK_QUERY", "SINK_TOSTRING"}) {
    INFO(marker);
    CHECK(hostsAt(r, "src/index.js", lineOf(src, marker)) == Hosts{"api.example.com"});
  }
}

TEST_CASE("flow: a module's default export read as .default is the module (CommonJS resolvers)",
          "[flow][modules]") {
  // require('@forge/resolver').default and a namespace import's .default are what
  // `import Resolver from '@forge/resolver'` binds: the resolver's sources and entry points.
  for (const char* head :
       {"const Resolver = require('@forge/resolver').default;\n",
        "import * as R from '@forge/resolver';\nconst Resolver = R.default;\n"}) {
    const std::string src = std::string(head) + R"(const r = new Resolver();
r.define('a', async ({ payload }) => fetch('https://api.example.com/a', { method: 'POST', body: payload.msg })); // SINK
exports.handler = r.getDefinitions();
)";
    auto r = scanFiles({{"src/index.js", src}});
    INFO(head << describe(r));
    checkLiteralSink(r, src, "SINK", {"user-input"});
    const fe::EgressSite* e = egressAt(r, "src/index.js", lineOf(src, "SINK"));
    REQUIRE(e);
    CHECK(e->entryPoints == std::vector<std::string>{"resolver:a"});
  }
}

TEST_CASE("flow: TypeScript's export = and import = require() link files", "[flow][modules]") {
  const std::string send =
      "function send(body: string) {\n"
      "  return fetch('https://api.example.com/s', { method: 'POST', body }); // SINK\n"
      "}\n"
      "export = send;\n";
  const std::string index = R"(import Resolver from '@forge/resolver';
import send from './send';
import send2 = require('./send');
const r = new Resolver();
r.define('a', async ({ payload }) => send(payload.text));
r.define('b', async ({ context }) => send2(context.accountId));
export const handler = r.getDefinitions();
)";
  auto r = scanFiles({{"src/index.ts", index}, {"src/send.ts", send}});
  INFO(describe(r));
  checkLiteralSink(r, send, "SINK", {"user-identity", "user-input"}, "src/send.ts");
  const fe::EgressSite* e = egressAt(r, "src/send.ts", lineOf(send, "SINK"));
  REQUIRE(e);
  CHECK(e->entryPoints == std::vector<std::string>{"resolver:a", "resolver:b"});
}

TEST_CASE("flow: a sink passed as a callback is a call of it with the callback's arguments",
          "[flow][callbacks]") {
  const std::string src = R"(export async function handler(event) {
  const urls = ['https://a.example.com/1', 'https://b.example.com/2'];
  await Promise.all(urls.map(fetch)); // SINK_MAP
  await Promise.resolve(event.issue.self).then(fetch); // SINK_THEN
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK_MAP")) ==
        Hosts{"a.example.com", "b.example.com"});
  // The resolved value is the URL: event data, so the host is unknown.
  auto then = hostsAt(r, "src/index.js", lineOf(src, "SINK_THEN"));
  REQUIRE(then.size() == 1);
  CHECK(then[0][0] == '?');
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK_THEN")) == Data{"event-data"});
}

TEST_CASE("flow: a relative path on a base with no known text is an unknown host - not same-origin",
          "[flow][frontend]") {
  // In the browser a relative URL goes to the page's own origin, but not when the client was
  // given a base URL: then it goes wherever the base says, which the analysis does not know.
  std::string manifest =
      "modules:\n  jira:issuePanel:\n    - key: p\n      resource: ui\n      title: P\n"
      "resources:\n  - key: ui\n    path: static/ui/build\n"
      "app:\n  id: ari:cloud:ecosystem::app/x\n  runtime:\n    name: nodejs22.x\n";
  const std::string http = R"(import axios from 'axios';
export const vite = axios.create({ baseURL: import.meta.env.VITE_API_URL });
export const win = axios.create({ baseURL: window.__API_BASE__ });
export const own = axios.create({ timeout: 1000 });
)";
  const std::string app = R"(import { view } from '@forge/bridge';
import { vite, win, own } from './http';
export async function load() {
  const ctx = await view.getContext();
  await vite.get(`/users/${ctx.accountId}`); // VITE
  await win.get('/ping'); // WIN
  await own.get('/same-origin'); // OWN
}
)";
  auto r = scanFiles({{"manifest.yml", manifest},
                      {"static/ui/package.json", "{}"},
                      {"static/ui/build/index.html", "<html></html>\n"},
                      {"static/ui/src/http.js", http},
                      {"static/ui/src/index.js", app}});
  INFO(describe(r));
  const std::string f = "static/ui/src/index.js";
  CHECK(hostsAt(r, f, lineOf(app, "VITE")) == Hosts{"?env"});
  CHECK(dataAt(r, f, lineOf(app, "VITE")) == Data{"user-identity"});
  CHECK(hostsAt(r, f, lineOf(app, "WIN")) == Hosts{"?unknown"});
  CHECK(hostsAt(r, f, lineOf(app, "OWN")).empty());
}

TEST_CASE("flow: a timer calls its callback with the arguments after the delay",
          "[flow][callbacks]") {
  const std::string src = R"(import { fetch } from '@forge/api';
export async function handler(event) {
  setTimeout(fetch, 10, 'https://a.example.com/x', { method: 'POST', body: event.issue.key }); // TIMER
  setImmediate(fetch, 'https://b.example.com/y', { method: 'POST', body: event.issue.id }); // IMMEDIATE
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "TIMER")) == Hosts{"a.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "TIMER")) == Data{"event-data"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "IMMEDIATE")) == Hosts{"b.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "IMMEDIATE")) == Data{"event-data"});
}

TEST_CASE("flow: a class extends a class of another file - with or without a constructor",
          "[flow][classes]") {
  // The imported class arrives through the linker after the subclass's file is read: the
  // prototype chain and the implicit constructor follow it whenever it arrives.
  const std::string base = R"(import { fetch } from '@forge/api';
export class Base {
  constructor() { this.baseUrl = 'https://api.example.com'; }
  post(path, body) { return fetch(`${this.baseUrl}${path}`, { method: 'POST', body }); } // SINK
}
)";
  const std::string index = R"(import { Base } from './base';
export class Plain extends Base {}
export class Named extends Base {
  static create() { return new Named(); }
  send(t) { return this.post('/named', t); }
}
export async function handler(event) {
  await new Plain().post('/plain', event.issue.key);
  await Named.create().send(event.issue.id);
}
)";
  auto r = scanFiles(
      {{"src/index.js", index}, {"src/base.js", base}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/base.js", lineOf(base, "SINK")) == Hosts{"api.example.com"});
  CHECK(dataAt(r, "src/base.js", lineOf(base, "SINK")) == Data{"event-data"});
  const fe::EgressSite* e = egressAt(r, "src/base.js", lineOf(base, "SINK"));
  REQUIRE(e);
  CHECK(e->entryPoints == std::vector<std::string>{"fn"});
}

TEST_CASE("flow: what an EventEmitter emits reaches its listeners", "[flow][callbacks]") {
  const std::string bus = R"(import { EventEmitter } from 'node:events';
import { fetch } from '@forge/api';
export const bus = new EventEmitter();
bus.on('status-changed', (change, who) =>
  fetch('https://hooks.example.com/in', { method: 'POST', body: JSON.stringify({ change, who }) })); // SINK
)";
  const std::string index = R"(import { bus } from './bus';
export async function handler(event) {
  bus.emit('status-changed', { key: event.issue.key }, 'constant');
}
)";
  auto r = scanFiles(
      {{"src/index.js", index}, {"src/bus.js", bus}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/bus.js", lineOf(bus, "SINK")) == Hosts{"hooks.example.com"});
  CHECK(dataAt(r, "src/bus.js", lineOf(bus, "SINK")) == Data{"event-data"});
}

TEST_CASE("flow: implicit constructors forward up a chain of classes", "[flow][classes]") {
  const std::string src = R"(class A {
  constructor(key) { this.url = 'https://a.example.com/x'; this.key = key; }
  send() { return fetch(this.url, { method: 'POST', body: this.key }); } // SINK
}
class B extends A {}
class C extends B {}
export async function handler(event) {
  await new C(event.issue.key).send();
}
)";
  auto r = scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
  INFO(describe(r));
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SINK")) == Hosts{"a.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK")) == Data{"event-data"});
}

TEST_CASE("flow: a tuple keeps each element at its index", "[flow][arrays]") {
  // `const [config, issue] = await Promise.all([…])`: each name gets its own element, not
  // both (facts.h, tuples). Constants never become customer data.
  const std::string src = resolverModule(
      R"(const U = 'https://tuple.example.com/';
function send([a, b]) {
  fetch(U + 'send-a', { method: 'POST', body: a }); // SEND_A
  fetch(U + 'send-b', { method: 'POST', body: b }); // SEND_B
}
function pair(v) { return ['constant', v]; }
resolver.define('k', async ({ payload }) => {
  const data = payload.text;
  const [token, body] = await Promise.all([Promise.resolve('constant'), data]);
  fetch(U + 'all-0', { method: 'POST', body: token }); // ALL_0
  fetch(U + 'all-1', { method: 'POST', body }); // ALL_1
  Promise.all(['constant', data]).then(([a, b]) => {
    fetch(U + 'then-0', { method: 'POST', body: a }); // THEN_0
    fetch(U + 'then-1', { method: 'POST', body: b }); // THEN_1
  });
  send(['constant', data]);
  const [r0, r1] = pair(data);
  fetch(U + 'returned-0', { method: 'POST', body: r0 }); // RETURNED_0
  fetch(U + 'returned-1', { method: 'POST', body: r1 }); // RETURNED_1
  const [, h1] = ['constant', data];
  fetch(U + 'hole-1', { method: 'POST', body: h1 }); // HOLE_1
  const [[n0, n1], n2] = [['constant', data], 'constant'];
  fetch(U + 'nested-0', { method: 'POST', body: n0 }); // NESTED_0
  fetch(U + 'nested-1', { method: 'POST', body: n1 }); // NESTED_1
  fetch(U + 'nested-2', { method: 'POST', body: n2 }); // NESTED_2
  const t = ['constant', data];
  fetch(U + 'index-0', { method: 'POST', body: t[0] }); // INDEX_0
  fetch(U + 'index-1', { method: 'POST', body: t[1] }); // INDEX_1
  const [base, path] = ['https://tuple-host.example.com', '/v1/' + data];
  fetch(base + path); // URL
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  const std::vector<std::string> none, input{"user-input"};
  for (const char* m :
       {"SEND_A", "ALL_0", "THEN_0", "RETURNED_0", "NESTED_0", "NESTED_2", "INDEX_0"}) {
    INFO(m);
    CHECK(dataAt(r, "src/index.js", lineOf(src, m)) == none);
  }
  for (const char* m :
       {"SEND_B", "ALL_1", "THEN_1", "RETURNED_1", "HOLE_1", "NESTED_1", "INDEX_1"}) {
    INFO(m);
    CHECK(dataAt(r, "src/index.js", lineOf(src, m)) == input);
  }
  // Both parts of the URL come from one literal: the host is known and only it.
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "URL")) ==
        std::vector<std::string>{"tuple-host.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "URL")) == input);
}

TEST_CASE("flow: a tuple changed after it was made reads every element at each index",
          "[flow][arrays]") {
  // Sound before precise: a write, an in-place reorder or a copy moves elements between
  // indices, so the data must be found at any of them.
  const std::string src = resolverModule(
      R"(const U = 'https://tuple.example.com/';
resolver.define('k', async ({ payload }) => {
  const data = payload.text;
  const p1 = [data, 'constant']; p1.reverse();
  fetch(U + 'reverse', { method: 'POST', body: p1[1] }); // REVERSE
  const p2 = ['constant', 'constant']; p2[0] = data; const [w0] = p2;
  fetch(U + 'written', { method: 'POST', body: w0 }); // WRITTEN
  const p3 = ['constant', 'constant']; p3[payload.n] = data;
  fetch(U + 'dynamic', { method: 'POST', body: p3[1] }); // DYNAMIC
  const p4 = [data, 'constant']; p4.unshift('constant');
  fetch(U + 'unshift', { method: 'POST', body: p4[1] }); // UNSHIFT
  const p5 = [data, 'constant']; p5.sort();
  fetch(U + 'sort', { method: 'POST', body: p5[1] }); // SORT
  const p6 = ['constant', data]; p6.shift();
  fetch(U + 'shift', { method: 'POST', body: p6[0] }); // SHIFT
  const [, ...rest] = ['constant', data];
  fetch(U + 'rest', { method: 'POST', body: rest[0] }); // REST
  const copy = [...['constant', data]];
  fetch(U + 'copy', { method: 'POST', body: copy[0] }); // COPY
  const obj = { ...['constant', data] };
  fetch(U + 'object', { method: 'POST', body: obj[1] }); // OBJECT
  for (const e of ['constant', data]) fetch(U + 'each', { method: 'POST', body: e }); // EACH
  const p7 = ['constant', 'constant']; Object.assign(p7, [data]);
  fetch(U + 'assign', { method: 'POST', body: p7[0] }); // ASSIGN
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* m : {"REVERSE", "WRITTEN", "DYNAMIC", "UNSHIFT", "SORT", "SHIFT", "REST", "COPY",
                        "OBJECT", "EACH", "ASSIGN"}) {
    INFO(m);
    CHECK(dataAt(r, "src/index.js", lineOf(src, m)) == std::vector<std::string>{"user-input"});
  }
}

TEST_CASE("destination: a tuple joined into a URL", "[flow][arrays][hosts]") {
  const std::string src = resolverModule(
      R"(const BASE = 'https://join.example.com';
resolver.define('k', async ({ payload }) => {
  await fetch([BASE, 'rest', payload.id].join('/'), { method: 'POST', body: payload.text }); // SLASH
  await fetch(['https://empty-separator.example.com/', payload.id].join('')); // EMPTY
  const later = [BASE, 'x'];
  later.push(payload.host);
  await fetch(later.join('/')); // PUSHED
  const list = [payload.host, BASE];
  list.reverse();
  await fetch(list.join('')); // REORDERED
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "SLASH")) ==
        std::vector<std::string>{"join.example.com"});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SLASH")) == std::vector<std::string>{"user-input"});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "EMPTY")) ==
        std::vector<std::string>{"empty-separator.example.com"});
  // An element written after the literal, or elements moved in place: the text is not
  // known, so neither is the host (never the literal's host alone).
  for (const char* m : {"PUSHED", "REORDERED"}) {
    INFO(m);
    auto hosts = hostsAt(r, "src/index.js", lineOf(src, m));
    REQUIRE(hosts.size() == 1);
    CHECK(hosts[0].rfind('?', 0) == 0);
  }
}

TEST_CASE("flow: an array index written as a number or as text is the same element",
          "[flow][arrays]") {
  // `t['1']`, `t[1]`, `{1: x}` and a computed key whose text is "1" name one property:
  // a write one way is seen by a read another way (before, `t['1']` read nothing).
  const std::string src = resolverModule(
      R"(const U = 'https://index.example.com/';
resolver.define('k', async ({ payload }) => {
  const data = payload.text;
  const t = ['constant', data];
  fetch(U + 'text-index', { method: 'POST', body: t['1'] }); // TEXT_INDEX
  const copy = { ...t };
  fetch(U + 'spread-copy', { method: 'POST', body: copy['1'] }); // SPREAD_COPY
  const o = { 1: data };
  fetch(U + 'number-key', { method: 'POST', body: o[1] }); // NUMBER_KEY
  const w = {};
  w['2'] = data;
  fetch(U + 'text-write', { method: 'POST', body: w[2] }); // TEXT_WRITE
  const key = '1';
  fetch(U + 'computed', { method: 'POST', body: t[key] }); // COMPUTED
  fetch(U + 'other-index', { method: 'POST', body: ['constant', 'constant', data]['0'] }); // OTHER
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* m : {"TEXT_INDEX", "SPREAD_COPY", "NUMBER_KEY", "TEXT_WRITE", "COMPUTED"}) {
    INFO(m);
    CHECK(dataAt(r, "src/index.js", lineOf(src, m)) == std::vector<std::string>{"user-input"});
  }
  CHECK(dataAt(r, "src/index.js", lineOf(src, "OTHER")).empty());
}

TEST_CASE("flow: Reflect.set writes a property and Array.of makes elements of every argument",
          "[flow][arrays]") {
  const std::string src = resolverModule(
      R"(const U = 'https://reflect.example.com/';
resolver.define('k', async ({ payload }) => {
  const o = { url: 'constant' };
  Reflect.set(o, 'body', payload.text);
  fetch(U + 'set', { method: 'POST', body: o.body }); // REFLECT_SET
  const a = Array.of('a', 'b', 'c', 'd', 'e', 'f', payload.text);
  fetch(U + 'of', { method: 'POST', body: a[6] }); // ARRAY_OF
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* m : {"REFLECT_SET", "ARRAY_OF"}) {
    INFO(m);
    CHECK(dataAt(r, "src/index.js", lineOf(src, m)) == std::vector<std::string>{"user-input"});
  }
}

TEST_CASE("flow: Object.entries gives key-value pairs - the value at index 1", "[flow][arrays]") {
  const std::string src = resolverModule(
      R"(const endpoints = { a: 'https://entry-a.example.com', b: 'https://entry-b.example.com' };
resolver.define('k', async ({ payload }) => {
  Object.entries(endpoints).forEach(([name, url]) => fetch(url, { method: 'POST', body: payload.text })); // VALUE
  for (const [name] of Object.entries(endpoints)) fetch('https://keys.example.com/' + name); // KEY
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "VALUE")) ==
        std::vector<std::string>{"entry-a.example.com", "entry-b.example.com"});
  // The key is not a value of the object: no value's host becomes part of its URL.
  CHECK(hostsAt(r, "src/index.js", lineOf(src, "KEY")) ==
        std::vector<std::string>{"keys.example.com"});
}

TEST_CASE("flow: Promise.allSettled's records hold each promise's value", "[flow][arrays]") {
  // Before, `r.value` of an app object read nothing: the data reached the sink unseen.
  const std::string src = resolverModule(
      R"(function load(text) { return { text }; }
resolver.define('k', async ({ payload }) => {
  const [r] = await Promise.allSettled([load(payload.text)]);
  await fetch('https://settled.example.com', { method: 'POST', body: r.value.text }); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK")) == std::vector<std::string>{"user-input"});
}

TEST_CASE("flow: a Map entry or an entries() pair destructured keeps the value's data",
          "[flow][arrays]") {
  // A Map's elements are its keys and values themselves, not pairs; `[k, v]` of one of them
  // read nothing, and the data reached the sink unseen.
  const std::string src = resolverModule(
      R"(resolver.define('k', async ({ payload }) => {
  const items = [{ text: payload.text }];
  for (const [i, item] of items.entries())
    await fetch('https://entries.example.com', { method: 'POST', body: item.text }); // ENTRIES
  const byKey = new Map([['k', { text: payload.text }]]);
  for (const [k, v] of byKey)
    await fetch('https://map.example.com', { method: 'POST', body: v.text }); // MAP
  for (const [k, v] of byKey.entries())
    await fetch('https://map-entries.example.com', { method: 'POST', body: v.text }); // MAP_ENTRIES
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* m : {"ENTRIES", "MAP", "MAP_ENTRIES"}) {
    INFO(m);
    CHECK(dataAt(r, "src/index.js", lineOf(src, m)) == std::vector<std::string>{"user-input"});
  }
}

TEST_CASE("flow: the keys of a Map keyed by data carry the data", "[flow][arrays]") {
  // `keys()` had no summary: the keys lost their data (only the receiver's own taint passed).
  const std::string src = resolverModule(
      R"(resolver.define('k', async ({ payload }) => {
  const seen = new Map();
  seen.set(payload.text, 1);
  for (const k of seen.keys())
    await fetch('https://keys.example.com', { method: 'POST', body: k }); // SINK
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  CHECK(dataAt(r, "src/index.js", lineOf(src, "SINK")) == std::vector<std::string>{"user-input"});
}

TEST_CASE("flow: next() by hand and an Array.prototype method called through call",
          "[flow][arrays]") {
  // Both lost the data: next() had no summary, and the forwarded call of
  // `Array.prototype.forEach.call(list, cb)` no method name for the catalog's summaries.
  const std::string src = resolverModule(
      R"(resolver.define('k', async ({ payload }) => {
  const byKey = new Map([['k', { text: payload.text }]]);
  const first = byKey.values().next().value;
  await fetch('https://next.example.com', { method: 'POST', body: first.text }); // NEXT
  Array.prototype.forEach.call([payload], (p) =>
    fetch('https://proto.example.com', { method: 'POST', body: p.text })); // PROTO
});
)");
  auto r = scanFiles({{"src/index.js", src}});
  for (const char* m : {"NEXT", "PROTO"}) {
    INFO(m);
    CHECK(dataAt(r, "src/index.js", lineOf(src, m)) == std::vector<std::string>{"user-input"});
  }
}
