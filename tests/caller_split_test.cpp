// Data per host when one helper serves several callers (flow/caller_split.cpp): a host keeps
// the categories that some caller brings along with it, and whatever cannot be told apart
// keeps them all.
#include <catch2/catch.hpp>

#include "snippet_checks.h"

using namespace fe;
using namespace fe::test;

namespace {

using Data = std::vector<std::string>;

// host -> data categories, of every site at file:line.
std::map<std::string, Data> dataByHost(const ScanResult& r, const std::string& file, int line) {
  std::map<std::string, Data> out;
  for (const auto& app : r.apps)
    for (const auto& e : app.verdict.egress)
      if (e.file == file && e.site.line == static_cast<uint32_t>(line))
        out[e.host ? *e.host : "?" + e.hostSource] = categoryNames(e.data);
  return out;
}

ScanResult scanTrigger(const std::string& src) {
  return scanFiles({{"src/index.js", src}, {"manifest.yml", manifestFor("trigger")}});
}

}  // namespace

TEST_CASE("caller split: a helper's host keeps only the data of the callers that name it",
          "[flow][callers]") {
  const std::string src = R"(async function post(url, body) {
  return fetch(url, { method: 'POST', body: JSON.stringify(body) }); // SINK
}
export async function handler(event) {
  await post('https://hooks.slack.com/services/x', { text: event.issue.fields.summary });
  await post('https://status.example.com/ping', { ok: true });
}
)";
  auto r = scanTrigger(src);
  INFO(describe(r));
  auto byHost = dataByHost(r, "src/index.js", lineOf(src, "SINK"));
  CHECK(byHost == std::map<std::string, Data>{{"hooks.slack.com", {"event-data"}},
                                              {"status.example.com", {}}});
  CHECK(hasFinding(r, "FE002", "src/index.js", lineOf(src, "SINK")));
}

TEST_CASE("caller split: the data follows its caller - whichever host comes first",
          "[flow][callers]") {
  const std::string src = R"(function send(url, text) {
  return fetch(url + '/in', { method: 'POST', body: text }); // SINK
}
export async function handler(event) {
  await send('https://a.example.com', 'constant text');
  await send('https://b.example.com', event.issue.key);
}
)";
  auto r = scanTrigger(src);
  INFO(describe(r));
  CHECK(dataByHost(r, "src/index.js", lineOf(src, "SINK")) ==
        std::map<std::string, Data>{{"a.example.com", {}}, {"b.example.com", {"event-data"}}});
}

TEST_CASE("caller split: a wrapper of the helper is split at its own callers", "[flow][callers]") {
  const std::string src = R"(function post(url, body) {
  return fetch(url, { method: 'POST', body: JSON.stringify(body) }); // SINK
}
function notify(url, payload) {
  return post(url, { payload });
}
export async function handler(event) {
  await notify('https://a.example.com/x', { ok: true });
  await notify('https://b.example.com/y', { who: event.issue.fields.summary });
}
)";
  auto r = scanTrigger(src);
  INFO(describe(r));
  CHECK(dataByHost(r, "src/index.js", lineOf(src, "SINK")) ==
        std::map<std::string, Data>{{"a.example.com", {}}, {"b.example.com", {"event-data"}}});
}

TEST_CASE("caller split: what no caller decides keeps every category", "[flow][callers]") {
  // The host is chosen inside the helper, and data reaches it through module state: no caller
  // can be told apart, so both hosts keep the data (soundness first).
  const std::string src = R"(let last = null;
function post(kind, body) {
  const url = kind === 'a' ? 'https://a.example.com/x' : 'https://b.example.com/y';
  return fetch(url, { method: 'POST', body: JSON.stringify({ body, last }) }); // SINK
}
export async function handler(event) {
  last = event.issue.key;
  await post('a', { ok: true });
  await post('b', { ok: false });
}
)";
  auto r = scanTrigger(src);
  INFO(describe(r));
  CHECK(dataByHost(r, "src/index.js", lineOf(src, "SINK")) ==
        std::map<std::string, Data>{{"a.example.com", {"event-data"}},
                                    {"b.example.com", {"event-data"}}});
}

TEST_CASE("caller split: one call site in a loop over hosts is not split", "[flow][callers]") {
  const std::string src = R"(function post(url, body) {
  return fetch(url, { method: 'POST', body }); // SINK
}
export async function handler(event) {
  for (const url of ['https://a.example.com/x', 'https://b.example.com/y'])
    await post(url, event.issue.key);
}
)";
  auto r = scanTrigger(src);
  INFO(describe(r));
  CHECK(dataByHost(r, "src/index.js", lineOf(src, "SINK")) ==
        std::map<std::string, Data>{{"a.example.com", {"event-data"}},
                                    {"b.example.com", {"event-data"}}});
}

TEST_CASE("caller split: what one activation leaves for another is not split away",
          "[flow][callers]") {
  // Each app: the data entered through one caller but really reaches both hosts, through
  // module state, `this`, another activation's return, recursion, or a URL the strings do
  // not show. Both hosts keep the data.
  const std::vector<std::string> apps = {
      // module state
      R"(const queue = [];
async function post(url, item) { queue.push(item); return fetch(url, { method: 'POST', body: JSON.stringify(queue) }); } // SINK
export async function handler(event) {
  await post('https://a.example.com/x', event.issue.key);
  await post('https://b.example.com/y', 'heartbeat');
})",
      // another activation's return
      R"(async function post(url, body) { await fetch(url, { method: 'POST', body }); return body; } // SINK
export async function handler(event) {
  const sent = await post('https://a.example.com/x', event.issue.key);
  await post('https://b.example.com/y', sent);
})",
      // a caller whose URL is none of the known hosts
      R"(async function post(url, body) { return fetch(url, { method: 'POST', body }); } // SINK
export async function handler(event) {
  const cfg = await (await fetch('https://c.example.com/config')).json();
  await post('https://a.example.com/health', 'ping');
  await post(cfg.webhook, event.issue.key);
  await post('https://b.example.com/y', 'x');
})",
      // this state
      R"(class Client {
  constructor() { this.history = []; }
  async post(url, body) { this.history.push(body); return fetch(url, { method: 'POST', body: JSON.stringify(this.history) }); } // SINK
}
const client = new Client();
export async function handler(event) {
  await client.post('https://a.example.com/x', event.issue.key);
  await client.post('https://b.example.com/y', 'x');
})",
      // an edited URL object
      R"(async function post(url, body) { return fetch(url, { method: 'POST', body }); } // SINK
export async function handler(event) {
  await post('https://b.example.com/health', 'ping');
  const u = new URL('https://placeholder.example.com/ingest');
  u.hostname = 'a.example.com';
  await post(u, event.issue.key);
})"};
  for (const std::string& src : apps) {
    auto r = scanTrigger(src);
    INFO(src << "\n" << describe(r));
    auto byHost = dataByHost(r, "src/index.js", lineOf(src, "SINK"));
    CHECK(byHost["a.example.com"] == Data{"event-data"});
    CHECK(byHost["b.example.com"] == Data{"event-data"});
  }
}
