// Pure text helpers of the fact extractor: they look at source text only, never at the
// syntax tree or the extractor's state (see syntax_text.h).
#include "index/syntax_text.h"

#include <cstdint>

namespace fe::detail {

std::string shorten(std::string_view s) {
  if (s.size() <= 40) return std::string(s);
  return std::string(s.substr(0, 37)) + "...";
}

std::string unescapeSequence(std::string_view e) {
  if (e.size() < 2) return std::string(e);
  switch (e[1]) {
    case 'n':
      return "\n";
    case 't':
      return "\t";
    case 'r':
      return "\r";
    case '/':
      return "/";
    case '\\':
      return "\\";
    case '\'':
      return "'";
    case '"':
      return "\"";
    case '`':
      return "`";
    case '$':
      return "$";
    case 'b':
      return "\b";
    case 'f':
      return "\f";
    case 'v':
      return "\v";
    case '0':
      if (e.size() == 2) return std::string(1, '\0');
      return std::string(e.substr(1));
    case 'x':
    case 'u': {
      // \xHH, \uHHHH, \u{H…}: the code point, as UTF-8 (hosts and URLs are compared cooked).
      std::string_view hex = e.substr(2);
      if (!hex.empty() && hex.front() == '{') hex = hex.substr(1, hex.find('}') - 1);
      uint32_t cp = 0;
      for (char c : hex) {
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0 || cp > 0x10ffff) return std::string(e.substr(1));
        cp = cp * 16 + static_cast<uint32_t>(d);
      }
      return encodeUtf8(cp);
    }
    default:
      return std::string(e.substr(1));
  }
}

std::string encodeUtf8(uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
  return out;
}

std::string compactCalleeText(std::string_view t) {
  std::string out;
  if (t.size() > 200) t = t.substr(0, 200);
  for (char ch : t)
    if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r') out += ch;
  return out;
}

std::string normaliseArgumentText(std::string_view t) {
  if (t.size() > 4096) t = t.substr(0, 4096);
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < t.size() && out.size() < 300; ++i) {
    char ch = t[i];
    if (quote) {
      if (ch == '\\' && i + 1 < t.size()) {
        out += ch;
        out += t[++i];
        continue;
      }
      if (ch == quote) {
        quote = 0;
        out += ch == '`' ? '`' : '\'';
        continue;
      }
      out += ch;
      continue;
    }
    if (ch == '"' || ch == '\'' || ch == '`') {
      quote = ch;
      out += ch == '`' ? '`' : '\'';
      continue;
    }
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') continue;
    if (ch == '/' && i + 1 < t.size() && t[i + 1] == '/') {
      while (i < t.size() && t[i] != '\n') ++i;
      continue;
    }
    if (ch == '/' && i + 1 < t.size() && t[i + 1] == '*') {
      size_t e = t.find("*/", i + 2);
      i = e == std::string_view::npos ? t.size() : e + 1;
      continue;
    }
    if ((ch == ')' || ch == ']' || ch == '}') && !out.empty() && out.back() == ',') out.pop_back();
    out += ch;
  }
  return out;
}

bool isEventProp(std::string_view name) {
  return name.size() > 2 && name[0] == 'o' && name[1] == 'n' && name[2] >= 'A' && name[2] <= 'Z';
}

}  // namespace fe::detail
