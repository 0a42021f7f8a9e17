// A reader for the subset of YAML the built-in catalog is written in (queries/*.yml): block
// mappings and sequences by indentation, flow `[…]` and `{…}` over several lines, plain and
// double-quoted scalars, comments. yaml-cpp's reader spent 95 % of an empty app's scan on
// those 88 KB (146 M instructions); this one builds the same YAML::Node tree in a fraction
// of it. Anything outside the subset (block scalars, anchors, tags, single quotes) returns
// false, and the caller reads the text with yaml-cpp instead; a test checks that both
// readers give the same tree for every catalog file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>

namespace fe {

bool readCatalogYaml(std::string_view text, YAML::Node& out);

}  // namespace fe
