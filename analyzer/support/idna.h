// Domain names to their ASCII form (IDNA), as Node's URL parser does: UTS #46
// processing through libidn2 in native builds (idna_libidn2.cpp); the WebAssembly
// build, which has no libidn2, lowercases and Punycode-encodes each label without
// UTS #46's mapping tables (idna_punycode.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fe {

// `domain` is percent-decoded UTF-8. Nullopt when it is not a valid domain.
std::optional<std::string> domainToAscii(std::string_view domain);

// RFC 3492 Punycode of one label's UTF-8 text, without the "xn--" prefix;
// nullopt for invalid UTF-8.
std::optional<std::string> punycodeEncode(std::string_view label);

}  // namespace fe
