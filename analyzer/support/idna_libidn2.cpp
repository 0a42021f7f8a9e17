// domainToAscii through libidn2 (UTS #46, non-transitional, as Node's URL parser).
#include <idn2.h>

#include "support/idna.h"

namespace fe {

std::optional<std::string> domainToAscii(std::string_view domain) {
  std::string input(domain);
  bool ascii = true;
  for (unsigned char c : input) ascii = ascii && c < 0x80;
  char* converted = nullptr;
  int flags = IDN2_NONTRANSITIONAL | (ascii ? 0 : IDN2_NFC_INPUT);
  if (idn2_to_ascii_8z(input.c_str(), &converted, flags) != IDN2_OK) return std::nullopt;
  std::string out = converted;
  idn2_free(converted);
  return out;
}

}  // namespace fe
