// domainToAscii without libidn2 (the WebAssembly build): ASCII letters lowercased,
// each label with non-ASCII text Punycode-encoded. UTS #46's mapping (case folding
// beyond ASCII, NFC, ideographic full stops) is not applied, so a host written with
// such characters may differ from Node's; ASCII hosts are identical.
#include "support/idna.h"

namespace fe {

std::optional<std::string> domainToAscii(std::string_view domain) {
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t dot = domain.find('.', start);
    std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    bool ascii = true;
    for (unsigned char c : label) ascii = ascii && c < 0x80;
    if (ascii) {
      for (char c : label) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      auto encoded = punycodeEncode(label);
      if (!encoded) return std::nullopt;
      out += "xn--" + *encoded;
    }
    if (dot == std::string_view::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

}  // namespace fe
