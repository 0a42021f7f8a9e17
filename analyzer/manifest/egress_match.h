// Egress address matching exactly as Forge does it (@forge/egress 3.0.0 parseUrl, isValidUrl,
// isValidUrlCSP), plus the Atlassian hosts and Custom UI CSP defaults that need no manifest entry.
// See forge-platform.md §2 and §3.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fe {

// The result of @forge/egress parseUrl. Nothing is normalised: the hostname keeps any port and
// userinfo and its case.
struct ForgeUrl {
  std::string protocol;  // e.g. "https:"; "https:" when the text has no scheme
  std::string hostname;  // text up to the first '/', e.g. "example.com:8443"
  std::string pathname;  // the rest, or "/"
};

// parseUrl: protocol is the shortest prefix ending in ':' (default "https:"); then leading '/'
// and '\' are stripped, the text is cut at '?' and '#', and split at the first '/'.
ForgeUrl parseForgeUrl(std::string_view url);

// One permission list (e.g. all `fetch.backend` addresses), matched as EgressFilteringService.
class EgressAllowList {
 public:
  // Empty entries are dropped (as @forge/api and @forge/bridge do before building the service).
  explicit EgressAllowList(std::vector<std::string> entries);

  // isValidUrl (fetch.backend): protocol equal, hostname equal to an entry or matching a `*`
  // entry's glob; the path is ignored. A bare "*" entry allows everything.
  bool allowsBackend(std::string_view url) const;
  // isValidUrlCSP (fetch.client and resource lists): as allowsBackend, except that an "http:"
  // entry also allows "https:" and "ws:" also "wss:", and the entry's path must match: "/" any,
  // ending in "/" a prefix, otherwise exactly.
  bool allowsCsp(std::string_view url) const;

  bool empty() const { return entries_.empty(); }
  bool allowsEverything() const { return allowsEverything_; }  // containsWildCardEgress
  const std::vector<std::string>& entries() const { return entries_; }

 private:
  struct Wildcard {
    ForgeUrl url;
    std::string glob;  // percent-decoded hostname; '*' matches any run of characters
  };
  bool matches(std::string_view url, bool csp) const;

  std::vector<std::string> entries_;
  std::vector<ForgeUrl> exact_;
  std::vector<Wildcard> wildcards_;
  bool allowsEverything_ = false;
};

// atlassian.com, atlassian.net, jira.com, atl-paas.net, atlassian-dev.net, bitbucket.org,
// trello.com, statuspage.io and their subdomains. Case-insensitive; port and userinfo ignored.
// A full URL is accepted too (its hostname is used).
bool isAtlassianHost(std::string_view host);

// A manifest address with its host spelled as Node's URL parser spells hosts (lower case,
// punycode), the form of the URLs forge-egress checks against it (support/url_host.h
// normalisedUrl): an address written as the code writes the URL (`ABCD-dsn.algolia.net`,
// `bücher.example`) then matches it, as Forge's literal comparison of the two texts does.
// A wildcard address is only lower-cased. Everything else stays as written.
std::string matchableAddress(std::string_view address);

// Custom UI CSP sources that @forge/csp allows without any manifest entry (forge-platform.md §3).
// img-src: api.atlassian.com, api.media.atlassian.com, assets-media.atlassian.com, the avatar /
// emoji / teams CDNs on *.public.atl-paas.net,
// object-store.atlassian.com/os/ecosystem/installation/, secure.gravatar.com, images.unsplash.com,
// data: and blob:.
bool isForgeDefaultImageSource(std::string_view url);
// connect-src: api.atlassian.com/metal/ingest and the emoji gateway paths, as.atlassian.com, the
// media gateway (api.media.atlassian.com), forge-outbound-proxy.services.atlassian.com, the FOS
// hosts (tdp-os.services.atlassian.com, object-store.atlassian.com) and
// forge.cdn.prod.atlassian-dev.net.
bool isForgeDefaultConnectSource(std::string_view url);

}  // namespace fe
