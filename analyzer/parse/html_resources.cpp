// index.html resources with tree-sitter-html (see html_resources.h). One
// iterative cursor walk over the tree (no recursion: any nesting depth).
#include "parse/html_resources.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>

#include "parse/bounded_parse.h"

extern "C" const TSLanguage* tree_sitter_html(void);

namespace fe {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

// Character references a URL attribute may use (the common named ones and numeric ones).
std::string decodeEntities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    static const std::map<std::string_view, char> named{
        {"amp", '&'}, {"quot", '"'},  {"apos", '\''},  {"lt", '<'},    {"gt", '>'},
        {"sol", '/'}, {"colon", ':'}, {"period", '.'}, {"commat", '@'}};
    if (auto it = named.find(name); it != named.end()) {
      out += it->second;
      i = semi;
    } else if (!name.empty() && name[0] == '#') {
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      unsigned long cp =
          std::strtoul(std::string(name.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
      if (cp > 0 && cp < 0x80) {
        out += static_cast<char>(cp);
        i = semi;
      } else {
        out += s[i];
      }
    } else {
      out += s[i];
    }
  }
  return out;
}

struct CssUrl {
  std::string url;
  const char* list;
  size_t offset;  // where `url(` or `@import` starts
  bool import;
};

// url(…) and @import "…" in CSS text, with where each starts.
void cssUrlsAt(std::string_view css, std::vector<CssUrl>& out) {
  std::string lowered = lower(css);
  for (size_t p = lowered.find("url("); p != std::string::npos; p = lowered.find("url(", p + 4)) {
    size_t close = css.find(')', p + 4);
    if (close == std::string_view::npos) break;
    std::string v = trim(css.substr(p + 4, close - p - 4));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
      v = v.substr(1, v.size() - 2);
    bool import = p >= 7 && lowered.compare(p - 7, 7, "import ") == 0;
    // Inside an @font-face block the browser loads a font (permissions.external.fonts).
    size_t face = lowered.rfind("@font-face", p);
    bool font = face != std::string::npos && lowered.find('}', face) > p;
    out.push_back({v, import ? "styles" : font ? "fonts" : "images", import ? p - 8 : p, import});
  }
  for (size_t p = lowered.find("@import"); p != std::string::npos;
       p = lowered.find("@import", p + 7)) {
    size_t q = p + 7;
    while (q < css.size() && std::isspace(static_cast<unsigned char>(css[q]))) ++q;
    if (q < css.size() && (css[q] == '"' || css[q] == '\'')) {
      size_t e = css.find(css[q], q + 1);
      if (e != std::string_view::npos)
        out.push_back({std::string(css.substr(q + 1, e - q - 1)), "styles", p, true});
    }
  }
}

void cssUrls(std::string_view css, std::vector<std::pair<std::string, const char*>>& out) {
  std::vector<CssUrl> found;
  cssUrlsAt(css, found);
  for (auto& f : found) out.emplace_back(std::move(f.url), f.list);
}

struct Tag {
  std::string name;
  std::map<std::string, std::string> attrs;
  TSPoint start{};
};

std::string_view textOf(std::string_view src, TSNode n) {
  uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  if (a > src.size() || b > src.size() || b < a) return {};
  return src.substr(a, b - a);
}

Tag readTag(std::string_view src, TSNode tagNode) {
  Tag t;
  t.start = ts_node_start_point(tagNode);
  uint32_t n = ts_node_named_child_count(tagNode);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_named_child(tagNode, i);
    std::string_view type = ts_node_type(c);
    if (type == "tag_name") {
      t.name = lower(textOf(src, c));
    } else if (type == "attribute") {
      std::string name, value;
      uint32_t m = ts_node_named_child_count(c);
      for (uint32_t j = 0; j < m; ++j) {
        TSNode a = ts_node_named_child(c, j);
        std::string_view at = ts_node_type(a);
        if (at == "attribute_name") {
          name = lower(textOf(src, a));
        } else if (at == "attribute_value") {
          value = std::string(textOf(src, a));
        } else if (at == "quoted_attribute_value") {
          std::string_view q = textOf(src, a);
          value = q.size() >= 2 ? std::string(q.substr(1, q.size() - 2)) : std::string();
        }
      }
      // The first occurrence of an attribute wins, as in browsers.
      if (!name.empty()) t.attrs.emplace(name, decodeEntities(value));
    }
  }
  return t;
}

void addTag(const Tag& t, std::vector<HtmlResource>& out) {
  auto get = [&](const char* a) {
    auto it = t.attrs.find(a);
    return it == t.attrs.end() ? std::string() : trim(it->second);
  };
  auto add = [&](const std::string& url, const char* list) {
    if (url.empty()) return;
    out.push_back({t.name, url, list, static_cast<int>(t.start.row) + 1,
                   static_cast<int>(t.start.column) + 1});
  };
  auto srcset = [&](const char* list) {
    std::string set = get("srcset");
    size_t p = 0;
    while (p < set.size()) {
      size_t comma = set.find(',', p);
      std::string candidate =
          trim(set.substr(p, comma == std::string::npos ? std::string::npos : comma - p));
      size_t space = candidate.find_first_of(" \t\n");
      add(candidate.substr(0, space), list);
      if (comma == std::string::npos) break;
      p = comma + 1;
    }
  };
  const std::string& tag = t.name;
  if (tag == "script") {
    add(get("src"), "scripts");
  } else if (tag == "img") {
    add(get("src"), "images");
    srcset("images");
  } else if (tag == "iframe" || tag == "frame") {
    add(get("src"), "frames");
  } else if (tag == "video") {
    add(get("src"), "media");
    add(get("poster"), "images");
  } else if (tag == "audio" || tag == "track") {
    add(get("src"), "media");
  } else if (tag == "source") {
    add(get("src"), "media");
    srcset("images");
  } else if (tag == "embed") {
    add(get("src"), "media");
  } else if (tag == "object") {
    add(get("data"), "media");
  } else if (tag == "form") {
    add(get("action"), "frames");  // a submission navigates the frame to that origin
  } else if (tag == "meta" && lower(get("http-equiv")) == "refresh") {
    std::string content = get("content");
    size_t u = lower(content).find("url=");
    if (u != std::string::npos) {
      std::string target = trim(content.substr(u + 4));
      if (target.size() >= 2 && (target.front() == '\'' || target.front() == '"'))
        target = target.substr(1, target.find(target.front(), 1) - 1);
      add(target, "frames");
    }
  } else if (tag == "link") {
    std::string rel = lower(get("rel")), as = lower(get("as")), href = get("href");
    auto has = [&](const char* word) { return rel.find(word) != std::string::npos; };
    if (has("stylesheet"))
      add(href, "styles");
    else if (has("preload") || has("prefetch") || has("modulepreload"))
      add(href, as == "font"                     ? "fonts"
                : as == "image"                  ? "images"
                : as == "style"                  ? "styles"
                : as == "audio" || as == "video" ? "media"
                                                 : "scripts");
    else if (has("icon"))
      add(href, "images");
    else if (has("manifest"))
      add(href, "scripts");
    else if (!has("preconnect") && !has("dns-prefetch") && !has("canonical") && !has("alternate"))
      add(href, "styles");
  }
  std::string style = get("style");
  if (!style.empty()) {
    std::vector<std::pair<std::string, const char*>> urls;
    cssUrls(style, urls);
    for (auto& [u, list] : urls) add(u, list);
  }
}

// Whether a <script type=…> holds code the browser runs (the HTML standard's
// JavaScript MIME type essence match, or a module); JSON, templates and import
// maps are data.
bool isScriptCode(const std::string& type) {
  std::string t = lower(trim(type));
  size_t semi = t.find(';');
  if (semi != std::string::npos) t = trim(t.substr(0, semi));
  static const char* const kJs[] = {"",
                                    "module",
                                    "text/javascript",
                                    "application/javascript",
                                    "application/ecmascript",
                                    "application/x-ecmascript",
                                    "application/x-javascript",
                                    "text/ecmascript",
                                    "text/jscript",
                                    "text/livescript",
                                    "text/x-ecmascript",
                                    "text/x-javascript",
                                    "text/javascript1.0",
                                    "text/javascript1.1",
                                    "text/javascript1.2",
                                    "text/javascript1.3",
                                    "text/javascript1.4",
                                    "text/javascript1.5"};
  for (const char* j : kJs)
    if (t == j) return true;
  return false;
}

}  // namespace

std::vector<HtmlResource> scanHtmlResources(std::string_view html) {
  return readHtmlPage(html).resources;
}

HtmlPage readHtmlPage(std::string_view html) {
  HtmlPage page;
  std::vector<HtmlResource>& out = page.resources;
  bool anyScript = false;
  auto startScript = [&] {
    if (anyScript) return;
    page.script.assign(html.size(), ' ');
    for (size_t i = 0; i < html.size(); ++i)
      if (html[i] == '\n') page.script[i] = '\n';
    anyScript = true;
  };
  // Event handler attributes (`<body onload="fetch(…)">`) are code too: each becomes
  // `()=>{ value };` in place, written over the attribute's own name and quotes so that
  // lines and columns stay the page's (a handler may `return false`, legal in a function).
  auto addHandlerCode = [&](TSNode tag) {
    uint32_t n = ts_node_named_child_count(tag);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode attr = ts_node_named_child(tag, i);
      if (std::string_view(ts_node_type(attr)) != "attribute") continue;
      TSNode name = ts_node_named_child(attr, 0);
      TSNode value = ts_node_named_child(attr, 1);
      if (ts_node_is_null(name) || ts_node_is_null(value)) continue;
      std::string attrName = lower(textOf(html, name));
      if (attrName.size() < 3 || attrName.compare(0, 2, "on") != 0) continue;
      uint32_t a = ts_node_start_byte(attr), v0 = ts_node_start_byte(value),
               v1 = ts_node_end_byte(value);
      bool quoted = std::string_view(ts_node_type(value)) == "quoted_attribute_value";
      uint32_t c0 = quoted ? v0 + 1 : v0, c1 = quoted ? v1 - 1 : v1;
      if (v0 < a + 5 || c1 < c0 || v1 > html.size()) continue;
      std::string_view code = html.substr(c0, c1 - c0);
      if (code.find('\n') != std::string_view::npos) continue;  // keeps the wrapper on one line
      startScript();
      page.script.replace(a, 5, "()=>{");
      page.script.replace(c0, c1 - c0, code);
      // The closing quote (or the character after an unquoted value) ends the function.
      if (c1 < html.size() && html[c1] != '\n') page.script[c1] = '}';
      if (c1 + 1 < html.size() && html[c1 + 1] != '\n' && (quoted || html[c1] == ' '))
        page.script[c1 + 1] = ';';
    }
  };
  std::unique_ptr<TSParser, void (*)(TSParser*)> parser(ts_parser_new(), ts_parser_delete);
  if (!ts_parser_set_language(parser.get(), tree_sitter_html())) return page;
  bool exhausted = false;
  std::unique_ptr<TSTree, void (*)(TSTree*)> tree(
      parseWithinBudget(parser.get(), html, ParseBudget{}, exhausted), ts_tree_delete);
  if (!tree) return page;
  page.parsed = true;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree.get()));
  bool descend = true;
  while (true) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    std::string_view type = ts_node_type(n);
    if (descend && (type == "start_tag" || type == "self_closing_tag")) {
      Tag t = readTag(html, n);
      addTag(t, out);
      addHandlerCode(n);
    } else if (descend && type == "raw_text") {
      TSNode parent = ts_node_parent(n);
      std::string_view parentType = ts_node_is_null(parent) ? "" : ts_node_type(parent);
      if (parentType == "script_element") {
        TSNode start = ts_node_child(parent, 0);
        std::string type;
        if (!ts_node_is_null(start) && std::string_view(ts_node_type(start)) == "start_tag") {
          Tag t = readTag(html, start);
          auto it = t.attrs.find("type");
          if (it != t.attrs.end()) type = it->second;
        }
        if (isScriptCode(type)) {
          startScript();
          uint32_t b0 = ts_node_start_byte(n), b1 = ts_node_end_byte(n);
          page.script.replace(b0, b1 - b0, html.substr(b0, b1 - b0));
        }
      }
      if (parentType == "style_element") {
        std::vector<std::pair<std::string, const char*>> urls;
        cssUrls(textOf(html, n), urls);
        TSPoint p = ts_node_start_point(n);
        for (auto& [u, list] : urls)
          if (!u.empty())
            out.push_back(
                {"style", u, list, static_cast<int>(p.row) + 1, static_cast<int>(p.column) + 1});
      }
    }
    if (descend && ts_tree_cursor_goto_first_child(&cursor)) continue;
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&cursor)) break;
    descend = false;
  }
  ts_tree_cursor_delete(&cursor);
  // Only blanks: nothing to analyse.
  if (page.script.find_first_not_of(" \t\r\n") == std::string::npos) page.script.clear();
  return page;
}

std::vector<HtmlResource> scanCssResources(std::string_view css) {
  std::vector<CssUrl> found;
  cssUrlsAt(css, found);
  std::sort(found.begin(), found.end(),
            [](const CssUrl& a, const CssUrl& b) { return a.offset < b.offset; });
  std::vector<HtmlResource> out;
  int line = 1;
  size_t lineStart = 0, scanned = 0;
  for (auto& f : found) {
    for (; scanned < f.offset && scanned < css.size(); ++scanned)
      if (css[scanned] == '\n') {
        ++line;
        lineStart = scanned + 1;
      }
    HtmlResource r;
    r.tag = f.import ? "@import" : "url()";
    r.url = std::move(f.url);
    r.list = f.list;
    r.line = line;
    r.column = static_cast<int>(f.offset - lineStart) + 1;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace fe
