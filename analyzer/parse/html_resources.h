// Reads a built Custom UI index.html for the external resources the browser
// loads, with tree-sitter-html (a real parser: quoted `>` in attributes,
// comments and raw-text elements are what a browser sees):
//   script/img/iframe/frame/audio/video/source/track/embed `src`, img/source
//   `srcset`, video `poster`, object `data`, link `href` (stylesheet, preload
//   and prefetch by `as`, icon, manifest), form `action`, meta http-equiv
//   refresh `content`, and `url(…)`/`@import` in style attributes and
//   <style> elements.
// Inline <script> code is returned too, for the JavaScript analysis
// (`type` absent, a JavaScript MIME type or `module`; data blocks are not code).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fe {

struct HtmlResource {
  std::string tag;  // script, link, img, iframe, video, audio, source, embed, object, form, meta…
  std::string url;  // as the browser resolves the attribute (entities decoded, trimmed)
  std::string list;  // manifest list: scripts, styles, fonts, images, frames, media
  int line = 0;
  int column = 0;
};

// A page read once: its resources, and its inline classic and module scripts as
// one JavaScript source of the page's length, with everything outside them
// blanked (line breaks kept), so positions in it are positions in the page. Empty
// when the page has no inline script code.
struct HtmlPage {
  std::vector<HtmlResource> resources;
  std::string script;
  bool parsed = false;  // false: the parser gave up (its budget), nothing was read
};

HtmlPage readHtmlPage(std::string_view html);
std::vector<HtmlResource> scanHtmlResources(std::string_view html);
// A stylesheet's `@import` and `url(…)` references (tag "@import" or "url()"), with the
// line and column where each starts: what a page that links or bundles it loads.
std::vector<HtmlResource> scanCssResources(std::string_view css);

}  // namespace fe
