// The catalog's YAML subset (see catalog_yaml.h): lines by indentation for block nodes, a
// character cursor for flow collections.
#include "catalog/catalog_yaml.h"

#include <string>
#include <vector>

namespace fe {

namespace {

struct Line {
  int indent;
  std::string_view text;  // without the indentation, the comment and trailing blanks
};

bool reservedStart(char c) {
  return c == '&' || c == '*' || c == '!' || c == '|' || c == '>' || c == '\'' || c == '%' ||
         c == '@' || c == '`';
}

YAML::Node scalar(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return YAML::Node();
  return YAML::Node(std::string(s));
}

class SubsetReader {
 public:
  explicit SubsetReader(std::string_view text) {
    size_t pos = 0;
    while (pos <= text.size() && ok_) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      addLine(text.substr(pos, end - pos));
      pos = end + 1;
    }
  }

  bool read(YAML::Node& out) {
    if (!ok_) return false;
    if (lines_.empty()) {
      out = YAML::Node();
      return true;
    }
    out = block();
    return ok_ && pos_ == lines_.size();
  }

 private:
  std::vector<Line> lines_;
  size_t pos_ = 0;
  bool ok_ = true;

  void addLine(std::string_view l) {
    int indent = 0;
    while (static_cast<size_t>(indent) < l.size() && l[static_cast<size_t>(indent)] == ' ')
      ++indent;
    if (static_cast<size_t>(indent) < l.size() && l[static_cast<size_t>(indent)] == '\t') {
      ok_ = false;  // tabs: leave it to yaml-cpp
      return;
    }
    l.remove_prefix(static_cast<size_t>(indent));
    // A comment starts at '#' at the line's start or after a blank, outside quotes.
    bool quoted = false;
    for (size_t i = 0; i < l.size(); ++i) {
      char c = l[i];
      if (quoted) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '#' && (i == 0 || l[i - 1] == ' ')) {
        l = l.substr(0, i);
        break;
      }
    }
    while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.remove_suffix(1);
    if (l.empty()) return;
    if (l == "---" || l == "...") {
      ok_ = false;  // documents
      return;
    }
    lines_.push_back({indent, l});
  }

  static bool isDash(std::string_view t) { return t == "-" || t.rfind("- ", 0) == 0; }

  // `key: value` or `key:`: the key (unquoted) and the value's text.
  bool splitKey(std::string_view t, std::string& key, std::string_view& value) {
    size_t colon;
    if (!t.empty() && t[0] == '"') {
      size_t close = 1;
      std::string unq;
      if (!readQuoted(t, close, unq) || close >= t.size() || t[close] != ':') return false;
      key = unq;
      colon = close;
    } else {
      colon = std::string_view::npos;
      for (size_t i = 0; i < t.size(); ++i)
        if (t[i] == ':' && (i + 1 == t.size() || t[i + 1] == ' ')) {
          colon = i;
          break;
        }
      if (colon == std::string_view::npos || colon == 0) return false;
      if (reservedStart(t[0]) || t[0] == '[' || t[0] == '{') return false;
      key = std::string(t.substr(0, colon));
    }
    value = t.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return true;
  }

  // A double-quoted string from t[i] == '"'; i ends after the closing quote.
  bool readQuoted(std::string_view t, size_t& i, std::string& out) {
    if (i < t.size() && t[i] == '"') ++i;
    while (i < t.size()) {
      char c = t[i++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i >= t.size()) return false;
      char e = t[i++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        default:
          return false;  // other escapes: yaml-cpp's
      }
    }
    return false;
  }

  YAML::Node block() {
    if (pos_ >= lines_.size()) return YAML::Node();
    return isDash(lines_[pos_].text) ? sequence(lines_[pos_].indent) : mapping(lines_[pos_].indent);
  }

  // A value on a line (after `key:` or `- `), with the lines a flow collection continues on.
  YAML::Node inlineValue(std::string_view v) {
    if (v.empty()) return YAML::Node();
    if (v[0] == '[' || v[0] == '{') {
      std::string text(v);
      while (!balanced(text)) {
        if (pos_ >= lines_.size()) {
          ok_ = false;
          return YAML::Node();
        }
        text += ' ';
        text += lines_[pos_++].text;
      }
      size_t i = 0;
      YAML::Node n = flow(text, i);
      skipBlanks(text, i);
      if (i != text.size()) ok_ = false;
      return n;
    }
    if (v[0] == '"') {
      size_t i = 0;
      std::string s;
      if (!readQuoted(v, i, s) || i != v.size()) ok_ = false;
      return YAML::Node(s);
    }
    if (reservedStart(v[0])) ok_ = false;
    return scalar(v);
  }

  static bool balanced(const std::string& t) {
    int depth = 0;
    bool quoted = false;
    for (size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (quoted) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if (c == ']' || c == '}') {
        --depth;
      }
    }
    return depth <= 0 && !quoted;
  }

  static void skipBlanks(const std::string& t, size_t& i) {
    while (i < t.size() && t[i] == ' ') ++i;
  }

  // After an item of a flow collection: `,` (more items) or its closing bracket (true); any
  // other character stops the reader.
  bool closesAfterItem(const std::string& t, size_t& i, char close) {
    skipBlanks(t, i);
    if (i < t.size() && (t[i] == ',' || t[i] == close)) return t[i++] == close;
    ok_ = false;
    return true;
  }

  YAML::Node flow(const std::string& t, size_t& i) {
    skipBlanks(t, i);
    if (i >= t.size()) {
      ok_ = false;
      return YAML::Node();
    }
    char c = t[i];
    if (c == '[') {
      ++i;
      YAML::Node seq(YAML::NodeType::Sequence);
      while (ok_) {
        skipBlanks(t, i);
        if (i < t.size() && t[i] == ']') {
          ++i;
          break;
        }
        seq.push_back(flow(t, i));
        if (closesAfterItem(t, i, ']')) break;
      }
      return seq;
    }
    if (c == '{') {
      ++i;
      YAML::Node map(YAML::NodeType::Map);
      while (ok_) {
        skipBlanks(t, i);
        if (i < t.size() && t[i] == '}') {
          ++i;
          break;
        }
        std::string key = flowPlainOrQuoted(t, i, true);
        skipBlanks(t, i);
        if (i >= t.size() || t[i] != ':') {
          ok_ = false;
          break;
        }
        ++i;
        skipBlanks(t, i);
        YAML::Node value;
        if (i < t.size() && t[i] != ',' && t[i] != '}') value = flow(t, i);
        map.force_insert(key, value);
        if (closesAfterItem(t, i, '}')) break;
      }
      return map;
    }
    if (c == '"') {
      std::string s;
      if (!readQuoted(t, i, s)) ok_ = false;
      return YAML::Node(s);
    }
    if (reservedStart(c)) {
      ok_ = false;
      return YAML::Node();
    }
    return scalar(flowPlainOrQuoted(t, i, false));
  }

  // A plain scalar in a flow collection: up to `,` `]` `}`, or a `:` that ends a key.
  std::string flowPlainOrQuoted(const std::string& t, size_t& i, bool key) {
    if (i < t.size() && t[i] == '"') {
      std::string s;
      if (!readQuoted(t, i, s)) ok_ = false;
      return s;
    }
    size_t start = i;
    while (i < t.size()) {
      char c = t[i];
      if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{') break;
      if (c == ':' && (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == ',' || t[i + 1] == '}' ||
                       t[i + 1] == ']' || key))
        break;
      ++i;
    }
    size_t end = i;
    while (end > start && t[end - 1] == ' ') --end;
    return t.substr(start, end - start);
  }

  YAML::Node sequence(int indent) {
    YAML::Node seq(YAML::NodeType::Sequence);
    while (ok_ && pos_ < lines_.size() && lines_[pos_].indent == indent &&
           isDash(lines_[pos_].text)) {
      std::string_view rest = lines_[pos_].text.substr(1);
      int offset = 1;
      while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
        ++offset;
      }
      std::string key;
      std::string_view value;
      if (rest.empty()) {
        ++pos_;
        seq.push_back(pos_ < lines_.size() && lines_[pos_].indent > indent ? block()
                                                                           : YAML::Node());
      } else if (rest[0] != '[' && rest[0] != '{' && !isDash(rest) && splitKey(rest, key, value)) {
        // `- key: value` opens a mapping whose keys line up with `key`.
        lines_[pos_] = {indent + offset, rest};
        seq.push_back(mapping(indent + offset));
      } else if (isDash(rest)) {
        ok_ = false;  // `- - x`: nested inline sequences, yaml-cpp's
      } else {
        ++pos_;
        seq.push_back(inlineValue(rest));
      }
    }
    if (pos_ < lines_.size() && lines_[pos_].indent > indent) ok_ = false;
    return seq;
  }

  YAML::Node mapping(int indent) {
    YAML::Node map(YAML::NodeType::Map);
    while (ok_ && pos_ < lines_.size() && lines_[pos_].indent == indent &&
           !isDash(lines_[pos_].text)) {
      std::string key;
      std::string_view value;
      if (!splitKey(lines_[pos_].text, key, value)) {
        ok_ = false;
        break;
      }
      ++pos_;
      YAML::Node v;
      if (!value.empty()) {
        v = inlineValue(value);
      } else if (pos_ < lines_.size() &&
                 (lines_[pos_].indent > indent ||
                  (lines_[pos_].indent == indent && isDash(lines_[pos_].text)))) {
        v = block();
      }
      map.force_insert(key, v);
    }
    if (ok_ && pos_ < lines_.size() && lines_[pos_].indent > indent) ok_ = false;
    return map;
  }
};

}  // namespace

bool readCatalogYaml(std::string_view text, YAML::Node& out) {
  SubsetReader reader(text);
  return reader.read(out);
}

}  // namespace fe
