// Forge's egress matching (@forge/egress 3.0.0 out/egress/*.js) re-implemented byte for byte:
// parseUrl, the exact/wildcard split of EgressFilteringService, globToRegex as a hand-written
// glob matcher, and the backend vs CSP checks. Also the Atlassian host and CSP default lists.
#include "manifest/egress_match.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "support/url_host.h"

namespace fe {
namespace {

// JavaScript's `.` does not match these: \n, \r, U+2028, U+2029 (UTF-8 E2 80 A8 / E2 80 A9).
// Marks every byte that belongs to such a line terminator.
std::vector<char> lineTerminatorBytes(std::string_view s) {
  std::vector<char> blocked(s.size(), 0);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      blocked[i] = 1;
    } else if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
               static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      blocked[i] = blocked[i + 1] = blocked[i + 2] = 1;
    }
  }
  return blocked;
}

bool hasLineTerminator(std::string_view s) {
  const std::vector<char> blocked = lineTerminatorBytes(s);
  return std::find(blocked.begin(), blocked.end(), 1) != blocked.end();
}

// globToRegex(glob).test(text): every character literal except '*', which becomes `.*`; the
// regex is anchored at both ends. Dynamic programming over (glob position, text position), so
// no input can make it backtrack exponentially.
bool globMatches(std::string_view glob, std::string_view text) {
  const size_t n = text.size();
  const std::vector<char> blocked = lineTerminatorBytes(text);
  std::vector<char> reach(n + 1, 0), next(n + 1, 0);
  reach[0] = 1;  // the empty glob prefix matches the empty text prefix
  for (size_t i = 0; i < glob.size(); ++i) {
    const char c = glob[i];
    if (c == '*') {
      if (i > 0 && glob[i - 1] == '*') continue;  // `.*.*` is `.*`
      bool open = false;
      for (size_t j = 0; j <= n; ++j) {
        if (j > 0 && blocked[j - 1]) open = false;
        open = open || reach[j];
        next[j] = open;
      }
    } else {
      next[0] = 0;
      for (size_t j = 1; j <= n; ++j) next[j] = reach[j - 1] && text[j - 1] == c;
    }
    std::swap(reach, next);
  }
  return reach[n] != 0;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// decodeURIComponent; text with a malformed escape is returned unchanged (where JavaScript
// would throw a URIError).
std::string decodeUriComponent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::string(s);
    const int hi = hexValue(s[i + 1]);
    const int lo = hexValue(s[i + 2]);
    if (hi < 0 || lo < 0) return std::string(s);
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool protocolMatchesCsp(std::string_view entry, std::string_view url) {
  return entry == url || (entry == "http:" && url == "https:") || (entry == "ws:" && url == "wss:");
}

bool pathMatches(std::string_view entry, std::string_view url) {
  if (entry == "/") return true;
  if (endsWith(entry, "/")) return startsWith(url, entry);
  return url == entry;
}

// Lower-cases scheme and host, as a browser compares CSP sources.
std::string normalisedForCsp(std::string_view url) {
  const ForgeUrl u = parseForgeUrl(url);
  return lowercase(u.protocol) + "//" + lowercase(u.hostname) + u.pathname;
}

}  // namespace

ForgeUrl parseForgeUrl(std::string_view url) {
  ForgeUrl out;
  std::string rest;
  const size_t colon = url.find(':');
  if (colon != std::string_view::npos && !hasLineTerminator(url.substr(0, colon))) {
    out.protocol = std::string(url.substr(0, colon + 1));
    rest = std::string(url.substr(colon + 1));
  } else {
    // `url.replace("https:", "")`: the first occurrence, wherever it is.
    out.protocol = "https:";
    rest = std::string(url);
    const size_t at = rest.find("https:");
    if (at != std::string::npos) rest.erase(at, 6);
  }
  size_t start = rest.find_first_not_of('/');
  if (start == std::string::npos) start = rest.size();
  while (start < rest.size() && rest[start] == '\\') ++start;
  std::string_view body(rest);
  body.remove_prefix(start);
  body = body.substr(0, body.find('?'));
  body = body.substr(0, body.find('#'));
  const size_t slash = body.find('/');
  out.hostname = std::string(body.substr(0, slash));
  out.pathname = slash == std::string_view::npos ? "/" : std::string(body.substr(slash));
  return out;
}

EgressAllowList::EgressAllowList(std::vector<std::string> entries) {
  for (std::string& entry : entries)
    if (!entry.empty()) entries_.push_back(std::move(entry));
  for (const std::string& entry : entries_) {
    if (entry == "*") allowsEverything_ = true;
    if (!startsWith(entry, "*")) exact_.push_back(parseForgeUrl(entry));
    if (entry == "*") continue;
    ForgeUrl url = parseForgeUrl(entry);
    std::string host = decodeUriComponent(url.hostname);
    if (startsWith(host, "*")) wildcards_.push_back(Wildcard{std::move(url), std::move(host)});
  }
}

bool EgressAllowList::matches(std::string_view url, bool csp) const {
  if (allowsEverything_) return true;
  const ForgeUrl u = parseForgeUrl(url);
  auto protocolOk = [&](const ForgeUrl& entry) {
    return csp ? protocolMatchesCsp(entry.protocol, u.protocol) : entry.protocol == u.protocol;
  };
  auto pathOk = [&](const ForgeUrl& entry) {
    return !csp || pathMatches(entry.pathname, u.pathname);
  };
  for (const ForgeUrl& entry : exact_)
    if (protocolOk(entry) && entry.hostname == u.hostname && pathOk(entry)) return true;
  for (const Wildcard& entry : wildcards_)
    if (protocolOk(entry.url) && globMatches(entry.glob, u.hostname) && pathOk(entry.url))
      return true;
  return false;
}

bool EgressAllowList::allowsBackend(std::string_view url) const {
  return matches(url, false);
}

bool EgressAllowList::allowsCsp(std::string_view url) const {
  return matches(url, true);
}

std::string matchableAddress(std::string_view address) {
  size_t scheme = address.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t end = address.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = address.size();
  std::string host(address.substr(start, end - start));
  if (host.empty() || host.find('@') != std::string::npos) return std::string(address);
  std::string name = host, port;
  if (host[0] == '[') {
    size_t close = host.find(']');
    if (close != std::string::npos) {
      name = host.substr(0, close + 1);
      port = host.substr(close + 1);
    }
  } else if (size_t colon = host.rfind(':'); colon != std::string::npos) {
    name = host.substr(0, colon);
    port = host.substr(colon);
  }
  std::string spelled = lowercase(name);
  if (name[0] != '*')
    if (auto n = normaliseHost(name)) spelled = *n;
  return std::string(address.substr(0, start)) + spelled + port + std::string(address.substr(end));
}

bool isAtlassianHost(std::string_view host) {
  static constexpr std::array<std::string_view, 8> kDomains = {
      "atlassian.com",     "atlassian.net", "jira.com",   "atl-paas.net",
      "atlassian-dev.net", "bitbucket.org", "trello.com", "statuspage.io"};
  std::string parsed;
  if (host.find("://") != std::string_view::npos) {
    parsed = parseForgeUrl(host).hostname;
    host = parsed;
  }
  host = host.substr(0, host.find('/'));
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (startsWith(host, "[")) return false;  // IPv6 literal
  host = host.substr(0, host.find(':'));
  if (endsWith(host, ".")) host.remove_suffix(1);
  const std::string h = lowercase(host);
  for (std::string_view domain : kDomains) {
    if (h == domain) return true;
    if (h.size() > domain.size() && endsWith(h, domain) && h[h.size() - domain.size() - 1] == '.')
      return true;
  }
  return false;
}

bool isForgeDefaultImageSource(std::string_view url) {
  const std::string lowered = lowercase(url.substr(0, 5));
  if (lowered == "data:" || lowered == "blob:") return true;
  static const EgressAllowList defaults({
      "https://api.atlassian.com",
      "https://api.media.atlassian.com",
      "https://assets-media.atlassian.com",
      "https://object-store.atlassian.com/os/ecosystem/installation/",
      "https://secure.gravatar.com",
      "https://images.unsplash.com",
  });
  const std::string normalised = normalisedForCsp(url);
  if (defaults.allowsCsp(normalised)) return true;
  // The avatar, emoji and teams CDNs, e.g.
  // avatar-management--avatars.us-west-2.prod.public.atl-paas.net.
  const ForgeUrl u = parseForgeUrl(normalised);
  if (u.protocol != "https:" || !endsWith(u.hostname, ".public.atl-paas.net")) return false;
  const std::string_view firstLabel = std::string_view(u.hostname).substr(0, u.hostname.find('.'));
  return firstLabel.find("avatar") != std::string_view::npos ||
         firstLabel.find("emoji") != std::string_view::npos ||
         firstLabel.find("teams") != std::string_view::npos;
}

bool isForgeDefaultConnectSource(std::string_view url) {
  static const EgressAllowList defaults({
      "https://api.atlassian.com/metal/ingest",
      "https://api.atlassian.com/gateway/api/emoji/",
      "https://api.atlassian.com/gateway/api/elements/emoji",
      "https://as.atlassian.com",
      "https://api.media.atlassian.com",
      "https://forge-outbound-proxy.services.atlassian.com",
      "https://tdp-os.services.atlassian.com",
      "https://object-store.atlassian.com",
      "https://forge.cdn.prod.atlassian-dev.net",
  });
  return defaults.allowsCsp(normalisedForCsp(url));
}

}  // namespace fe
