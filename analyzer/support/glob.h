// Path globs for `ignore` settings: `*` matches within one path segment,
// `**` across segments, `?` one character. A pattern without '/' matches the
// file name or any folder name on the path (like .gitignore).
#pragma once

#include <string_view>

namespace fe {

bool globMatch(std::string_view pattern, std::string_view path);
bool pathIgnored(std::string_view pattern, std::string_view relativePath);

}  // namespace fe
