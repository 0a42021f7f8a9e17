// See suppression_comment.h.
#include "support/suppression_comment.h"

namespace fe {

namespace {
bool ruleChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}
bool blank(char c) {
  return c == ' ' || c == '\t';
}
}  // namespace

std::optional<SuppressionComment> parseSuppressionComment(std::string_view comment) {
  size_t pos = comment.find(kSuppressionMarker);
  if (pos == std::string_view::npos) return std::nullopt;
  std::string_view rest = comment.substr(pos + kSuppressionMarker.size());
  size_t eol = rest.find_first_of("\r\n");
  if (eol != std::string_view::npos) rest = rest.substr(0, eol);
  // A block comment's closing `*/` is not part of the reason.
  size_t close = rest.find("*/");
  if (close != std::string_view::npos) rest = rest.substr(0, close);
  SuppressionComment out;
  size_t i = 0;
  while (i < rest.size() && blank(rest[i])) ++i;
  // Rules: a comma-separated list (spaces allowed after commas), then ':' or a blank.
  while (i < rest.size() && ruleChar(rest[i])) {
    std::string rule;
    while (i < rest.size() && ruleChar(rest[i])) rule += rest[i++];
    out.rules.push_back(rule);
    size_t j = i;
    while (j < rest.size() && blank(rest[j])) ++j;
    if (j < rest.size() && rest[j] == ',') {
      i = j + 1;
      while (i < rest.size() && blank(rest[i])) ++i;
      continue;
    }
    break;
  }
  while (i < rest.size() && (rest[i] == ':' || blank(rest[i]))) ++i;
  std::string reason(rest.substr(i));
  while (!reason.empty() && (blank(reason.back()) || reason.back() == '*' || reason.back() == '/'))
    reason.pop_back();
  out.reason = reason;
  return out;
}

}  // namespace fe
