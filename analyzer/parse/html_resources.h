// Reads a built Custom UI index.html for the external resources the browser
// loads: <script src>, <link href> (stylesheets, fonts, icons), <img src>,
// <iframe src>, <video|audio|source src>. A small tag scanner, linear in the
// file, that tolerates any input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fe {

struct HtmlResource {
  std::string tag;  // script, link, img, iframe, video, audio, source, embed, object
  std::string url;
  std::string list;  // manifest list: scripts, styles, fonts, images, frames, media
  int line = 0;
  int column = 0;
};

std::vector<HtmlResource> scanHtmlResources(std::string_view html);

}  // namespace fe
