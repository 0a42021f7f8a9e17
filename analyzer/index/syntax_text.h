// Pure text helpers of the fact extractor: they work on source text alone
// (no syntax tree, no extractor state), so they are easy to test and reuse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fe::detail {

// At most 40 bytes of `s` (37 and "..." when longer): names of value variables.
std::string shorten(std::string_view s);

// The string one escape sequence of a string literal stands for
// (`\n`, `\x41`, `\u{1F600}`…); hosts and URLs are compared cooked.
std::string unescapeSequence(std::string_view e);

// A code point as UTF-8.
std::string encodeUtf8(uint32_t cp);

// A callee's text without whitespace (its first 200 bytes): fingerprints and reports.
std::string compactCalleeText(std::string_view t);

// An argument's text without whitespace and comments, with one quote style and no
// trailing commas: stable under reformatting (fingerprints). Reads at most 4096
// bytes of `t` and stops after about 300 bytes of output.
std::string normaliseArgumentText(std::string_view t);

// onChange, onSubmit, onDrop…: `on` and a capital letter (an event prop of an element).
bool isEventProp(std::string_view name);

}  // namespace fe::detail
