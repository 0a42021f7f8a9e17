// index.html resources read with tree-sitter-html: what a browser would load.
#include "parse/html_resources.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace {

std::vector<std::string> loads(const std::string& html) {
  std::vector<std::string> out;
  for (const auto& r : fe::scanHtmlResources(html)) out.push_back(r.list + " " + r.url);
  return out;
}

}  // namespace

TEST_CASE("a quoted > in an attribute does not end the tag", "[html][fail-closed]") {
  auto r = fe::scanHtmlResources(
      "<html><body>\n<img alt=\"1 > 0\" src=\"https://tracker.example/p.gif\"></body></html>");
  REQUIRE(r.size() == 1);
  CHECK(r[0].url == "https://tracker.example/p.gif");
  CHECK(r[0].list == "images");
  CHECK(r[0].line == 2);
  CHECK(r[0].column == 1);
}

TEST_CASE("every URL-loading place of a page", "[html]") {
  std::string html =
      "<!doctype html><html><head>\n"
      "<link rel=\"stylesheet\" href=\"https://cdn.example/a.css\">\n"
      "<link rel=\"preload\" as=\"font\" href=\"https://fonts.example/f.woff2\">\n"
      "<link rel=\"prefetch\" as=\"image\" href=\"https://img.example/p.png\">\n"
      "<link rel=\"icon\" href=\"https://img.example/favicon.ico\">\n"
      "<link rel=\"preconnect\" href=\"https://ignored.example\">\n"
      "<meta http-equiv=\"refresh\" content=\"5; url=https://away.example/\">\n"
      "<style>body { background: url('https://bg.example/b.png') } @import "
      "\"https://css.example/i.css\";</style>\n"
      "<script src=\"https://js.example/x.js\"></script>\n"
      "</head><body>\n"
      "<img srcset=\"https://s1.example/a.png 1x, https://s2.example/b.png 2x\">\n"
      "<video poster=\"https://poster.example/p.jpg\"><source src=\"https://media.example/v.mp4\">"
      "<track src=\"https://media.example/t.vtt\"></video>\n"
      "<object data=\"https://obj.example/o.swf\"></object>\n"
      "<form action=\"https://form.example/submit\"></form>\n"
      "<iframe src=\"https://frame.example/\"></iframe>\n"
      "<div style=\"background-image: url(https://div.example/d.png)\"></div>\n"
      "<!-- <img src=\"https://commented.example/x.png\"> -->\n"
      "<img src=\"https://a.example/&amp;x\">\n"
      "</body></html>\n";
  auto got = loads(html);
  std::vector<std::string> want{
      "styles https://cdn.example/a.css",    "fonts https://fonts.example/f.woff2",
      "images https://img.example/p.png",    "images https://img.example/favicon.ico",
      "frames https://away.example/",        "images https://bg.example/b.png",
      "styles https://css.example/i.css",    "scripts https://js.example/x.js",
      "images https://s1.example/a.png",     "images https://s2.example/b.png",
      "images https://poster.example/p.jpg", "media https://media.example/v.mp4",
      "media https://media.example/t.vtt",   "media https://obj.example/o.swf",
      "frames https://form.example/submit",  "frames https://frame.example/",
      "images https://div.example/d.png",    "images https://a.example/&x"};
  CHECK(got == want);
}

TEST_CASE("malformed HTML never crashes and still yields what is there", "[html][hostile]") {
  CHECK(loads("").empty());
  CHECK(loads("<<<>>><img src=").empty());
  auto r = loads("<div><img src=https://x.example/a.png><p><b></div></span>");
  REQUIRE(r.size() == 1);
  CHECK(r[0] == "images https://x.example/a.png");
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  deep += "<script src=\"https://deep.example/x.js\"></script>";
  CHECK(loads(deep) == std::vector<std::string>{"scripts https://deep.example/x.js"});
}

TEST_CASE("inline scripts become one JavaScript source with the page's positions", "[html]") {
  const std::string html =
      "<html><head>\n"                                               // 1
      "<script>const u = 'https://inline.example/a';</script>\n"     // 2
      "<script type=\"application/json\">{\"fetch\": 1}</script>\n"  // 3
      "<script type=\"module\">fetch(u);</script>\n"                 // 4
      "<script type=\"text/template\"><b>fetch('x')</b></script>\n"  // 5
      "<script src=\"https://cdn.example/x.js\"></script>\n"         // 6
      "</head></html>\n";
  fe::HtmlPage page = fe::readHtmlPage(html);
  REQUIRE(page.script.size() == html.size());
  // Line breaks are kept, so line 4 of the script is line 4 of the page.
  CHECK(std::count(page.script.begin(), page.script.end(), '\n') ==
        std::count(html.begin(), html.end(), '\n'));
  size_t line2 = html.find("const u");
  CHECK(page.script.compare(line2, 7, "const u") == 0);
  size_t line4 = html.find("fetch(u)");
  CHECK(page.script.compare(line4, 8, "fetch(u)") == 0);
  // Data blocks and markup are blanked.
  CHECK(page.script.find("\"fetch\"") == std::string::npos);
  CHECK(page.script.find("fetch('x')") == std::string::npos);
  CHECK(page.script.find("<script") == std::string::npos);
  CHECK(page.resources.size() == 1);
  CHECK(fe::readHtmlPage("<html><script src=\"a.js\"></script></html>").script.empty());
}

TEST_CASE("a stylesheet's @import and url() references - with their positions", "[html]") {
  auto r = fe::scanCssResources(
      "a { color: red }\n"
      "@import url(\"https://fonts.example.org/a\");\n"
      "  @import 'https://fonts.example.org/b';\n"
      "b { background: url( https://img.example.net/x.png ) }\n"
      "c { background: url(broken\n");
  REQUIRE(r.size() == 3);
  CHECK(r[0].tag == "@import");
  CHECK(r[0].list == "styles");
  CHECK(r[0].url == "https://fonts.example.org/a");
  CHECK((r[0].line == 2 && r[0].column == 1));
  CHECK((r[1].tag == "@import" && r[1].line == 3 && r[1].column == 3));
  CHECK(r[1].url == "https://fonts.example.org/b");
  CHECK((r[2].tag == "url()" && r[2].list == "images" && r[2].line == 4 && r[2].column == 17));
  CHECK(r[2].url == "https://img.example.net/x.png");
}

TEST_CASE("a url() inside @font-face is a font - outside it an image", "[html]") {
  auto r = fe::scanCssResources(
      "@font-face { font-family: V; src: url(https://cdn.fonts.example/v.woff2) format('woff2'),\n"
      "  url('https://cdn.fonts.example/v.woff') format('woff'); }\n"
      "body { background: url(https://img.example.net/bg.png) }\n");
  REQUIRE(r.size() == 3);
  CHECK((r[0].list == "fonts" && r[0].url == "https://cdn.fonts.example/v.woff2"));
  CHECK((r[1].list == "fonts" && r[1].url == "https://cdn.fonts.example/v.woff"));
  CHECK((r[2].list == "images" && r[2].url == "https://img.example.net/bg.png"));
}
