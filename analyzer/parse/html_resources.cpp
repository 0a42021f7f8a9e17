// The index.html tag scanner (see html_resources.h).
#include "parse/html_resources.h"

#include <cctype>

namespace fe {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<HtmlResource> scanHtmlResources(std::string_view html) {
  std::vector<HtmlResource> out;
  int line = 1;
  size_t lineStart = 0;
  size_t i = 0;
  auto advanceLines = [&](size_t to) {
    for (; i < to && i < html.size(); ++i)
      if (html[i] == '\n') {
        ++line;
        lineStart = i + 1;
      }
  };
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    advanceLines(lt);
    int tagLine = line;
    int tagColumn = static_cast<int>(lt - lineStart) + 1;
    if (html.compare(lt, 4, "<!--") == 0) {
      size_t end = html.find("-->", lt + 4);
      advanceLines(end == std::string_view::npos ? html.size() : end + 3);
      continue;
    }
    size_t p = lt + 1;
    size_t nameStart = p;
    while (p < html.size() && std::isalnum(static_cast<unsigned char>(html[p]))) ++p;
    std::string tag = lower(html.substr(nameStart, p - nameStart));
    size_t gt = html.find('>', p);
    if (gt == std::string_view::npos) gt = html.size();
    std::string_view attrs = html.substr(p, gt - p);
    advanceLines(gt);
    if (tag.empty()) {
      i = lt + 1 > i ? lt + 1 : i;
      continue;
    }
    // Attributes: name="value" | name='value' | name=value
    std::string src, href, rel, as;
    size_t a = 0;
    while (a < attrs.size()) {
      while (a < attrs.size() &&
             (std::isspace(static_cast<unsigned char>(attrs[a])) || attrs[a] == '/'))
        ++a;
      size_t ns = a;
      while (a < attrs.size() && attrs[a] != '=' &&
             !std::isspace(static_cast<unsigned char>(attrs[a])) && attrs[a] != '/')
        ++a;
      std::string name = lower(attrs.substr(ns, a - ns));
      if (name.empty()) {
        ++a;
        continue;
      }
      std::string value;
      if (a < attrs.size() && attrs[a] == '=') {
        ++a;
        if (a < attrs.size() && (attrs[a] == '"' || attrs[a] == '\'')) {
          char q = attrs[a++];
          size_t e = attrs.find(q, a);
          if (e == std::string_view::npos) e = attrs.size();
          value = std::string(attrs.substr(a, e - a));
          a = e + 1;
        } else {
          size_t vs = a;
          while (a < attrs.size() && !std::isspace(static_cast<unsigned char>(attrs[a]))) ++a;
          value = std::string(attrs.substr(vs, a - vs));
        }
      }
      if (name == "src")
        src = value;
      else if (name == "href")
        href = value;
      else if (name == "rel")
        rel = lower(value);
      else if (name == "as")
        as = lower(value);
    }
    auto add = [&](const std::string& url, const char* list) {
      if (url.empty()) return;
      out.push_back({tag, url, list, tagLine, tagColumn});
    };
    if (tag == "script")
      add(src, "scripts");
    else if (tag == "img")
      add(src, "images");
    else if (tag == "iframe" || tag == "frame")
      add(src, "frames");
    else if (tag == "video" || tag == "audio" || tag == "source" || tag == "track")
      add(src, "media");
    else if (tag == "embed" || tag == "object")
      add(src, "media");
    else if (tag == "link") {
      if (rel.find("stylesheet") != std::string::npos)
        add(href, "styles");
      else if (rel.find("preload") != std::string::npos && as == "font")
        add(href, "fonts");
      else if (rel.find("preload") != std::string::npos && as == "script")
        add(href, "scripts");
      else if (rel.find("icon") != std::string::npos)
        add(href, "images");
      else if (rel.find("preconnect") == std::string::npos &&
               rel.find("dns-prefetch") == std::string::npos && !href.empty())
        add(href, "styles");
    }
    // Raw-text elements: skip their content.
    if (tag == "script" || tag == "style") {
      std::string close = "</" + tag;
      size_t e = gt;
      // case-insensitive search for the closing tag
      while (e < html.size()) {
        e = html.find("</", e);
        if (e == std::string_view::npos) {
          e = html.size();
          break;
        }
        if (lower(html.substr(e, close.size())) == close) break;
        e += 2;
      }
      advanceLines(e);
      continue;
    }
    if (i <= lt) i = lt + 1;
  }
  return out;
}

}  // namespace fe
