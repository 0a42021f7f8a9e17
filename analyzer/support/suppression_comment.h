// The syntax of an inline suppression, one pure parser for every place that
// reads it: `forge-egress-ignore FE003: reason`, `forge-egress-ignore
// FE001,FE003: reason`, or rule names (`customer-data-egress`) as in the
// configuration. Whether the rules exist is checked where rules are known
// (baseline/suppressions.cpp); this only splits the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fe {

inline constexpr std::string_view kSuppressionMarker = "forge-egress-ignore";

struct SuppressionComment {
  std::vector<std::string> rules;  // ids or names, as written; empty when none was given
  std::string reason;              // "" when missing
};

// Parses the text after the marker inside one comment (up to the comment's end or the end of
// the line); nullopt when `comment` does not contain the marker.
std::optional<SuppressionComment> parseSuppressionComment(std::string_view comment);

}  // namespace fe
