// Forge egress matching: one case per parseUrl step and per consequence listed in
// forge-platform.md §2, plus the Atlassian host list and the Custom UI CSP defaults of §3.
#include "manifest/egress_match.h"

#include <catch2/catch.hpp>

using fe::EgressAllowList;
using fe::parseForgeUrl;

TEST_CASE("parseUrl: protocol is the shortest prefix ending in ':'", "[egress]") {
  const fe::ForgeUrl u = parseForgeUrl("https://api.example.com/v1/items");
  CHECK(u.protocol == "https:");
  CHECK(u.hostname == "api.example.com");
  CHECK(u.pathname == "/v1/items");
  CHECK(parseForgeUrl("wss://socket.example.com").protocol == "wss:");
  CHECK(parseForgeUrl("a:b:c").protocol == "a:");
  CHECK(parseForgeUrl("a:b:c").hostname == "b:c");
}

TEST_CASE("parseUrl: a schemeless address means https:", "[egress]") {
  const fe::ForgeUrl u = parseForgeUrl("example.com/path");
  CHECK(u.protocol == "https:");
  CHECK(u.hostname == "example.com");
  CHECK(u.pathname == "/path");

  const EgressAllowList list({"example.com"});
  CHECK(list.allowsBackend("https://example.com/anything"));
  CHECK_FALSE(list.allowsBackend("http://example.com/anything"));
  CHECK_FALSE(list.allowsCsp("http://example.com/"));
}

TEST_CASE("parseUrl: strips leading slashes and backslashes - query and fragment", "[egress]") {
  const fe::ForgeUrl u = parseForgeUrl("https:///\\\\example.com/a/b?x=/y#/z");
  CHECK(u.hostname == "example.com");
  CHECK(u.pathname == "/a/b");
  const fe::ForgeUrl q = parseForgeUrl("https://example.com?next=/other");
  CHECK(q.hostname == "example.com");
  CHECK(q.pathname == "/");
  CHECK(parseForgeUrl("https://example.com#/frag").pathname == "/");
}

TEST_CASE("parseUrl: port and userinfo stay in the hostname - case is kept", "[egress]") {
  const fe::ForgeUrl u = parseForgeUrl("https://User:pw@Example.COM:8443/Path");
  CHECK(u.protocol == "https:");
  CHECK(u.hostname == "User:pw@Example.COM:8443");
  CHECK(u.pathname == "/Path");
}

TEST_CASE("parseUrl: pathname defaults to '/'", "[egress]") {
  CHECK(parseForgeUrl("https://example.com").pathname == "/");
  CHECK(parseForgeUrl("example.com").pathname == "/");
  CHECK(parseForgeUrl("").hostname.empty());
  CHECK(parseForgeUrl("").pathname == "/");
}

TEST_CASE("a wildcard does not match the apex but matches deeper subdomains", "[egress]") {
  const EgressAllowList list({"*.example.com"});
  CHECK_FALSE(list.allowsBackend("https://example.com/"));
  CHECK(list.allowsBackend("https://a.example.com/"));
  CHECK(list.allowsBackend("https://a.b.example.com/x"));
  CHECK_FALSE(list.allowsBackend("https://a.example.com.evil.net/"));
  CHECK_FALSE(list.allowsBackend("https://aXexample.com/"));  // '.' is literal, not regex '.'
  CHECK_FALSE(list.allowsBackend("https://notexample.com/"));
  CHECK(list.allowsCsp("https://a.b.example.com/img.png"));
}

TEST_CASE("a wildcard written with a scheme works the same way", "[egress]") {
  const EgressAllowList list({"https://*.example.com"});
  CHECK(list.allowsBackend("https://api.example.com/v1"));
  CHECK_FALSE(list.allowsBackend("https://example.com/v1"));
  CHECK_FALSE(list.allowsBackend("wss://api.example.com/v1"));
  // A percent-encoded star is decoded before the wildcard test, as decodeURIComponent does.
  CHECK(EgressAllowList({"%2A.example.com"}).allowsBackend("https://api.example.com"));
}

TEST_CASE("a schemeless entry never matches an http:// request", "[egress]") {
  const EgressAllowList list({"api.example.com", "*.cdn.example.com"});
  CHECK(list.allowsBackend("https://api.example.com"));
  CHECK_FALSE(list.allowsBackend("http://api.example.com"));
  CHECK_FALSE(list.allowsBackend("http://x.cdn.example.com"));
}

TEST_CASE("ports must match literally", "[egress]") {
  const EgressAllowList plain({"example.com"});
  CHECK_FALSE(plain.allowsBackend("https://example.com:8443/"));
  CHECK_FALSE(plain.allowsBackend("https://example.com:443/"));
  const EgressAllowList withPort({"https://example.com:8443"});
  CHECK(withPort.allowsBackend("https://example.com:8443/api"));
  CHECK_FALSE(withPort.allowsBackend("https://example.com/api"));
  CHECK_FALSE(withPort.allowsBackend("https://example.com:8444/api"));
}

TEST_CASE("a wildcard never matches a URL with a port", "[egress]") {
  const EgressAllowList list({"*.example.com"});
  CHECK_FALSE(list.allowsBackend("https://api.example.com:8443/"));
  CHECK_FALSE(list.allowsCsp("https://api.example.com:443/"));
}

TEST_CASE("a schemeless entry with a port is mis-parsed", "[egress]") {
  const fe::ForgeUrl entry = parseForgeUrl("example.com:8443");
  CHECK(entry.protocol == "example.com:");
  CHECK(entry.hostname == "8443");
  const EgressAllowList list({"example.com:8443"});
  CHECK_FALSE(list.allowsBackend("https://example.com:8443/"));
  CHECK_FALSE(list.allowsCsp("https://example.com:8443/"));
}

TEST_CASE("matching is case-sensitive", "[egress]") {
  CHECK_FALSE(EgressAllowList({"Example.com"}).allowsBackend("https://example.com"));
  CHECK_FALSE(EgressAllowList({"example.com"}).allowsBackend("https://EXAMPLE.com"));
  CHECK_FALSE(EgressAllowList({"*.Example.com"}).allowsBackend("https://a.example.com"));
  CHECK_FALSE(EgressAllowList({"HTTPS://example.com"}).allowsBackend("https://example.com"));
  CHECK(EgressAllowList({"Example.com"}).allowsBackend("https://Example.com"));
}

TEST_CASE("backend matching ignores the path", "[egress]") {
  const EgressAllowList list({"https://example.com/api/v1/"});
  CHECK(list.allowsBackend("https://example.com/"));
  CHECK(list.allowsBackend("https://example.com/other"));
  CHECK(EgressAllowList({"https://example.com/exact"}).allowsBackend("https://example.com/x"));
}

TEST_CASE("CSP path rules: '/' any - trailing '/' prefix - otherwise exact", "[egress]") {
  const EgressAllowList any({"https://cdn.example.com"});
  CHECK(any.allowsCsp("https://cdn.example.com/deep/path.png"));

  const EgressAllowList prefix({"https://cdn.example.com/assets/"});
  CHECK(prefix.allowsCsp("https://cdn.example.com/assets/a.png"));
  CHECK(prefix.allowsCsp("https://cdn.example.com/assets/"));
  CHECK_FALSE(prefix.allowsCsp("https://cdn.example.com/assets"));
  CHECK_FALSE(prefix.allowsCsp("https://cdn.example.com/assetsx/a.png"));
  CHECK_FALSE(prefix.allowsCsp("https://cdn.example.com/"));

  const EgressAllowList exact({"https://cdn.example.com/logo.png"});
  CHECK(exact.allowsCsp("https://cdn.example.com/logo.png"));
  CHECK(exact.allowsCsp("https://cdn.example.com/logo.png?v=2"));
  CHECK_FALSE(exact.allowsCsp("https://cdn.example.com/logo.png/x"));
  CHECK_FALSE(exact.allowsCsp("https://cdn.example.com/"));

  const EgressAllowList wildcardPrefix({"https://*.example.com/static/"});
  CHECK(wildcardPrefix.allowsCsp("https://a.example.com/static/x.js"));
  CHECK_FALSE(wildcardPrefix.allowsCsp("https://a.example.com/other/x.js"));
}

TEST_CASE("CSP: an http: entry also allows https: - ws: also wss:", "[egress]") {
  const EgressAllowList list({"http://example.com", "ws://socket.example.com", "http://*.x.com"});
  CHECK(list.allowsCsp("https://example.com/"));
  CHECK(list.allowsCsp("http://example.com/"));
  CHECK(list.allowsCsp("wss://socket.example.com/"));
  CHECK(list.allowsCsp("https://a.x.com/"));
  // Not the other way round, and never under backend semantics.
  CHECK_FALSE(EgressAllowList({"https://example.com"}).allowsCsp("http://example.com/"));
  CHECK_FALSE(EgressAllowList({"wss://socket.example.com"}).allowsCsp("ws://socket.example.com"));
  CHECK_FALSE(list.allowsBackend("https://example.com/"));
  CHECK_FALSE(list.allowsBackend("wss://socket.example.com/"));
}

TEST_CASE("a bare '*' allows everything", "[egress]") {
  const EgressAllowList list({"*"});
  CHECK(list.allowsEverything());
  CHECK(list.allowsBackend("http://anything.example:1234/x"));
  CHECK(list.allowsCsp("wss://whatever/"));
  // Only the exact entry "*" does; "*.*" is an ordinary wildcard.
  const EgressAllowList starDot({"*.*"});
  CHECK_FALSE(starDot.allowsEverything());
  CHECK(starDot.allowsBackend("https://a.b"));
  CHECK_FALSE(starDot.allowsBackend("https://localhost"));
}

TEST_CASE("empty entries are dropped - an empty list allows nothing", "[egress]") {
  const EgressAllowList list({"", ""});
  CHECK(list.empty());
  CHECK_FALSE(list.allowsBackend("https://example.com"));
  CHECK_FALSE(list.allowsCsp("https://example.com"));
  CHECK_FALSE(EgressAllowList({"example.com"}).empty());
}

TEST_CASE("wildcard matching is linear-time on hostile input", "[egress]") {
  const EgressAllowList list({"*a*a*a*a*a*a*a*a*a*a*a*a*b"});
  const std::string host(5000, 'a');
  CHECK_FALSE(list.allowsBackend("https://" + host));
  CHECK(list.allowsBackend("https://" + host + "b"));
}

TEST_CASE("Atlassian hosts", "[egress]") {
  CHECK(fe::isAtlassianHost("api.atlassian.com"));
  CHECK(fe::isAtlassianHost("ATLASSIAN.NET"));
  CHECK(fe::isAtlassianHost("mysite.atlassian.net:443"));
  CHECK(fe::isAtlassianHost("user@mysite.jira.com"));
  CHECK(fe::isAtlassianHost("avatar.public.atl-paas.net"));
  CHECK(fe::isAtlassianHost("forge.cdn.prod.atlassian-dev.net"));
  CHECK(fe::isAtlassianHost("api.bitbucket.org"));
  CHECK(fe::isAtlassianHost("trello.com"));
  CHECK(fe::isAtlassianHost("status.statuspage.io"));
  CHECK(fe::isAtlassianHost("https://mysite.atlassian.net/rest/api/3/issue"));
  CHECK_FALSE(fe::isAtlassianHost("evilatlassian.net"));
  CHECK_FALSE(fe::isAtlassianHost("atlassian.net.evil.com"));
  CHECK_FALSE(fe::isAtlassianHost("example.com"));
  CHECK_FALSE(fe::isAtlassianHost(""));
}

TEST_CASE("Custom UI CSP defaults need no manifest entry", "[egress]") {
  CHECK(fe::isForgeDefaultImageSource("https://api.atlassian.com/avatar/x.png"));
  CHECK(fe::isForgeDefaultImageSource("https://secure.gravatar.com/avatar/abc"));
  CHECK(fe::isForgeDefaultImageSource("https://images.unsplash.com/photo-1"));
  CHECK(fe::isForgeDefaultImageSource("data:image/png;base64,AAAA"));
  CHECK(fe::isForgeDefaultImageSource("blob:https://x/y"));
  CHECK(fe::isForgeDefaultImageSource(
      "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/default.png"));
  CHECK(fe::isForgeDefaultImageSource(
      "https://object-store.atlassian.com/os/ecosystem/installation/abc/img.png"));
  CHECK_FALSE(fe::isForgeDefaultImageSource("https://object-store.atlassian.com/other/img.png"));
  CHECK_FALSE(fe::isForgeDefaultImageSource("https://www.gravatar.com/avatar/abc"));
  CHECK_FALSE(fe::isForgeDefaultImageSource("https://cdn.example.com/a.png"));
  CHECK_FALSE(fe::isForgeDefaultImageSource("http://api.atlassian.com/a.png"));

  CHECK(fe::isForgeDefaultConnectSource("https://api.atlassian.com/metal/ingest"));
  CHECK_FALSE(fe::isForgeDefaultConnectSource("https://api.atlassian.com/metal/ingest/x"));
  CHECK(fe::isForgeDefaultConnectSource("https://api.atlassian.com/gateway/api/emoji/abc"));
  CHECK(fe::isForgeDefaultConnectSource("https://as.atlassian.com/api/v1/batch"));
  CHECK(fe::isForgeDefaultConnectSource("https://api.media.atlassian.com/file/1"));
  CHECK(fe::isForgeDefaultConnectSource("https://forge-outbound-proxy.services.atlassian.com/x"));
  CHECK(fe::isForgeDefaultConnectSource("https://forge.cdn.prod.atlassian-dev.net/x.js"));
  CHECK_FALSE(fe::isForgeDefaultConnectSource("https://api.atlassian.com/graphql"));
  CHECK_FALSE(fe::isForgeDefaultConnectSource("https://api.example.com/"));
}

TEST_CASE("matchableAddress spells an address's host as the checked URLs spell theirs",
          "[egress]") {
  using fe::matchableAddress;
  CHECK(matchableAddress("ABCD1234-dsn.algolia.net") == "abcd1234-dsn.algolia.net");
  CHECK(matchableAddress("https://API.Example.com/v1/") == "https://api.example.com/v1/");
  CHECK(matchableAddress("https://bücher.example") == "https://xn--bcher-kva.example");
  CHECK(matchableAddress("https://Example.com:8443/x") == "https://example.com:8443/x");
  CHECK(matchableAddress("https://*.Example.com") == "https://*.example.com");
  CHECK(matchableAddress("*") == "*");
  CHECK(matchableAddress("https://[2001:DB8::1]/") == "https://[2001:db8::1]/");
  // Matching itself stays Forge's: case-sensitive on what it is given.
  CHECK(EgressAllowList({matchableAddress("Example.com")}).allowsBackend("https://example.com"));
}
