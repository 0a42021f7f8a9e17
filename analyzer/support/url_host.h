// The destination of a URL as Node's WHATWG `URL` parser resolves it: scheme,
// host and port. Forge code runs on Node, so a host is what `new URL(u)`
// gives, not what a regular expression finds: userinfo is dropped (the last
// `@` of the authority wins), a backslash ends the authority of http(s)/ws(s)
// URLs, ASCII is lower-cased, internationalised names become punycode
// (libidn2, UTS #46 non-transitional), percent-encoded hosts are decoded,
// IPv4 written in hex, octal or as one integer becomes dotted decimal, IPv6
// literals keep their brackets (compressed), and a port equal to the scheme's
// default is dropped. The trailing dot of a fully qualified name is kept, as
// Node keeps it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fe {

struct UrlDestination {
  std::string scheme;  // lower case, without ':' ("https")
  std::string host;    // hostname as Node's url.hostname (IPv6 with brackets)
  std::string port;    // "" when absent or the scheme's default
  std::string rest;    // path, query and fragment as written ('\\' as '/' in http(s)/ws(s))
};

// Parses an absolute URL (or a scheme-relative one, `//host/…`, taken as https).
// `complete` is false when the text is only a prefix of the URL (the code
// appends more): the authority then counts only if it ends inside the text.
// Returns nullopt when there is no host Node would accept.
std::optional<UrlDestination> parseUrlDestination(std::string_view url, bool complete = true);

// The URL as permission matching should see it: scheme://host[:port] from the
// parse above and the rest as written; the text itself when it does not parse.
std::string normalisedUrl(std::string_view url);

// A host as Node's URL parser normalises it (lower case, punycode, IPv4
// numbers); nullopt when Node rejects it.
std::optional<std::string> normaliseHost(std::string_view host, bool special = true);

}  // namespace fe
