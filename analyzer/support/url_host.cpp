// WHATWG URL host parsing, the parts Node applies to http(s) and ws(s) URLs
// (see url_host.h). Follows the URL Standard's basic URL parser states for the
// scheme and authority, its host parser, and its IPv4/IPv6 parsers and
// serialisers; tests/url_host_test.cpp compares it with Node's `new URL()`.
#include "support/url_host.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "support/idna.h"

namespace fe {

namespace {

bool isAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isHexDigit(char c) {
  return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hexValue(char c) {
  if (isAsciiDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

const char* defaultPort(const std::string& scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return nullptr;
}

bool isSpecial(const std::string& scheme) {
  return scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" ||
         scheme == "ftp" || scheme == "file";
}

// Code points a domain may never contain (the URL Standard's "forbidden domain code point").
bool forbiddenInDomain(unsigned char c) {
  if (c <= 0x20 || c == 0x7f) return true;
  switch (c) {
    case '#':
    case '%':
    case '/':
    case ':':
    case '<':
    case '>':
    case '?':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '^':
    case '|':
      return true;
    default:
      return false;
  }
}

std::string percentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && isHexDigit(s[i + 1]) && isHexDigit(s[i + 2])) {
      out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// One IPv4 part: decimal, 0x-hex or 0-octal. nullopt when it is not a number.
std::optional<uint64_t> ipv4Number(std::string_view part) {
  if (part.empty()) return std::nullopt;
  int radix = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    part.remove_prefix(2);
    radix = 16;
  } else if (part.size() >= 2 && part[0] == '0') {
    part.remove_prefix(1);
    radix = 8;
  }
  if (part.empty()) return 0;
  uint64_t value = 0;
  for (char c : part) {
    int d;
    if (radix == 16 && isHexDigit(c))
      d = hexValue(c);
    else if (radix == 10 && isAsciiDigit(c))
      d = c - '0';
    else if (radix == 8 && c >= '0' && c <= '7')
      d = c - '0';
    else
      return std::nullopt;
    value = value * static_cast<uint64_t>(radix) + static_cast<uint64_t>(d);
    if (value > 0xffffffffull * 256) value = 0xffffffffull * 256;  // saturate: too big anyway
  }
  return value;
}

// Whether the last label is a number, so the host must parse as IPv4.
bool endsInANumber(std::string_view host) {
  std::string_view h = host;
  if (!h.empty() && h.back() == '.') h.remove_suffix(1);
  size_t dot = h.rfind('.');
  std::string_view last = dot == std::string_view::npos ? h : h.substr(dot + 1);
  if (last.empty()) return false;
  bool digits = true;
  for (char c : last) digits = digits && isAsciiDigit(c);
  return digits || ipv4Number(last).has_value();  // beyond digits, only 0x… parses
}

std::optional<std::string> parseIpv4(std::string_view host) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    parts.push_back(
        host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  if (parts.size() > 4) return std::nullopt;
  std::vector<uint64_t> numbers;
  for (auto p : parts) {
    auto n = ipv4Number(p);
    if (!n) return std::nullopt;
    numbers.push_back(*n);
  }
  for (size_t i = 0; i + 1 < numbers.size(); ++i)
    if (numbers[i] > 255) return std::nullopt;
  uint64_t limit = 1;
  for (size_t i = numbers.size(); i < 5; ++i) limit *= 256;
  if (numbers.back() >= limit) return std::nullopt;
  uint64_t ipv4 = numbers.back();
  for (size_t i = 0; i + 1 < numbers.size(); ++i) ipv4 += numbers[i] << (8 * (3 - i));
  return std::to_string((ipv4 >> 24) & 255) + "." + std::to_string((ipv4 >> 16) & 255) + "." +
         std::to_string((ipv4 >> 8) & 255) + "." + std::to_string(ipv4 & 255);
}

// The URL Standard's IPv6 parser and serialiser (compressed, lower-case hex).
std::optional<std::string> parseIpv6(std::string_view in) {
  std::array<uint16_t, 8> address{};
  int pieceIndex = 0;
  int compress = -1;
  size_t p = 0;
  auto at = [&](size_t i) { return i < in.size() ? in[i] : '\0'; };
  if (at(p) == ':') {
    if (at(p + 1) != ':') return std::nullopt;
    p += 2;
    compress = ++pieceIndex;
  }
  while (p < in.size()) {
    if (pieceIndex == 8) return std::nullopt;
    if (at(p) == ':') {
      if (compress != -1) return std::nullopt;
      ++p;
      compress = ++pieceIndex;
      continue;
    }
    uint32_t value = 0;
    int length = 0;
    while (length < 4 && isHexDigit(at(p))) {
      value = value * 16 + static_cast<uint32_t>(hexValue(at(p)));
      ++p;
      ++length;
    }
    if (at(p) == '.') {
      if (length == 0) return std::nullopt;
      p -= static_cast<size_t>(length);
      if (pieceIndex > 6) return std::nullopt;
      int numbersSeen = 0;
      while (p < in.size()) {
        int ipv4Piece = -1;
        if (numbersSeen > 0) {
          if (at(p) == '.' && numbersSeen < 4)
            ++p;
          else
            return std::nullopt;
        }
        if (!isAsciiDigit(at(p))) return std::nullopt;
        while (isAsciiDigit(at(p))) {
          int n = at(p) - '0';
          if (ipv4Piece == -1)
            ipv4Piece = n;
          else if (ipv4Piece == 0)
            return std::nullopt;
          else
            ipv4Piece = ipv4Piece * 10 + n;
          if (ipv4Piece > 255) return std::nullopt;
          ++p;
        }
        address[static_cast<size_t>(pieceIndex)] =
            static_cast<uint16_t>(address[static_cast<size_t>(pieceIndex)] * 0x100 + ipv4Piece);
        ++numbersSeen;
        if (numbersSeen == 2 || numbersSeen == 4) ++pieceIndex;
      }
      if (numbersSeen != 4) return std::nullopt;
      break;
    } else if (at(p) == ':') {
      ++p;
      if (p >= in.size()) return std::nullopt;
    } else if (p < in.size()) {
      return std::nullopt;
    }
    address[static_cast<size_t>(pieceIndex)] = static_cast<uint16_t>(value);
    ++pieceIndex;
  }
  if (compress != -1) {
    int swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex != 0 && swaps > 0) {
      std::swap(address[static_cast<size_t>(pieceIndex)],
                address[static_cast<size_t>(compress + swaps - 1)]);
      --pieceIndex;
      --swaps;
    }
  } else if (pieceIndex != 8) {
    return std::nullopt;
  }
  // Serialise: the first longest run of two or more zero pieces becomes "::".
  int best = -1, bestLen = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && address[static_cast<size_t>(j)] == 0) ++j;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  std::string out = "[";
  static const char* hex = "0123456789abcdef";
  bool ignore0 = false;
  for (int i = 0; i < 8; ++i) {
    if (ignore0 && address[static_cast<size_t>(i)] == 0) continue;
    ignore0 = false;
    if (best == i) {
      out += i == 0 ? "::" : ":";
      ignore0 = true;
      continue;
    }
    uint16_t v = address[static_cast<size_t>(i)];
    std::string piece;
    do {
      piece.insert(piece.begin(), hex[v & 15]);
      v = static_cast<uint16_t>(v >> 4);
    } while (v);
    out += piece;
    if (i != 7) out += ":";
  }
  return out + "]";
}

}  // namespace

std::optional<std::string> normaliseHost(std::string_view host, bool special) {
  if (!host.empty() && host.front() == '[') {
    if (host.back() != ']') return std::nullopt;
    return parseIpv6(host.substr(1, host.size() - 2));
  }
  if (!special) return std::string(host);  // an opaque host: kept as written
  std::string domain = percentDecode(host);
  bool ascii = true;
  for (unsigned char c : domain) ascii = ascii && c < 0x80;
  std::string out;
  if (ascii) {
    for (char c : domain) out += lower(c);
    // Punycode labels are validated the way Node does (through UTS #46).
    if (out.find("xn--") != std::string::npos) {
      auto converted = domainToAscii(out);
      if (!converted) return std::nullopt;
      out = *converted;
    }
  } else {
    auto converted = domainToAscii(domain);
    if (!converted) return std::nullopt;
    out = *converted;
    for (char& c : out) c = lower(c);
  }
  if (out.empty()) return std::nullopt;
  for (unsigned char c : out)
    if (forbiddenInDomain(c)) return std::nullopt;
  if (endsInANumber(out)) return parseIpv4(out);
  return out;
}

std::optional<UrlDestination> parseUrlDestination(std::string_view raw, bool complete) {
  // Leading C0 controls and spaces go, and so do tabs and newlines anywhere.
  std::string url;
  size_t first = 0;
  while (first < raw.size() && static_cast<unsigned char>(raw[first]) <= 0x20) ++first;
  for (size_t i = first; i < raw.size(); ++i)
    if (raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r') url += raw[i];
  if (complete)
    while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.pop_back();

  UrlDestination d;
  size_t p = 0;
  if (url.rfind("//", 0) == 0) {
    d.scheme = "https";  // scheme-relative: the page's scheme, https on Forge
  } else {
    if (url.empty() || !isAsciiAlpha(url[0])) return std::nullopt;
    while (p < url.size() && (isAsciiAlpha(url[p]) || isAsciiDigit(url[p]) || url[p] == '+' ||
                              url[p] == '-' || url[p] == '.'))
      d.scheme += lower(url[p++]);
    if (p >= url.size() || url[p] != ':') return std::nullopt;
    ++p;
  }
  bool special = isSpecial(d.scheme);
  if (d.scheme == "file") return std::nullopt;  // not a network destination
  if (special) {
    while (p < url.size() && (url[p] == '/' || url[p] == '\\')) ++p;
  } else {
    if (url.compare(p, 2, "//") != 0) return std::nullopt;  // no authority (mailto:, data:)
    p += 2;
  }
  size_t end = p;
  while (end < url.size() && url[end] != '/' && url[end] != '?' && url[end] != '#' &&
         !(special && url[end] == '\\'))
    ++end;
  if (end == url.size() && !complete) return std::nullopt;  // the code may append more host
  std::string_view authority(url.data() + p, end - p);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
    }
  } else {
    size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  if (host.empty()) return std::nullopt;
  if (!port.empty()) {
    uint64_t n = 0;
    for (char c : port) {
      if (!isAsciiDigit(c)) return std::nullopt;
      n = n * 10 + static_cast<uint64_t>(c - '0');
      if (n > 65535) return std::nullopt;
    }
    d.port = std::to_string(n);
    const char* def = defaultPort(d.scheme);
    if (def && d.port == def) d.port.clear();
  }
  auto h = normaliseHost(host, special);
  if (!h) return std::nullopt;
  d.host = *h;
  d.rest = url.substr(end);
  if (special)
    for (char& c : d.rest)
      if (c == '\\') c = '/';
  return d;
}

std::string normalisedUrl(std::string_view url) {
  auto d = parseUrlDestination(url, true);
  if (!d) return std::string(url);
  return d->scheme + "://" + d->host + (d->port.empty() ? "" : ":" + d->port) + d->rest;
}

}  // namespace fe
