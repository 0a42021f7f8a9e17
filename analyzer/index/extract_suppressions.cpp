// Inline suppression comments (`// forge-egress-ignore FE00N: reason`).
#include <algorithm>

#include "index/extractor.h"
#include "support/suppression_comment.h"

namespace fe::detail {

// Markers are found by a text search (rare, so cheap), and count only inside a
// comment node of the tree: a string that contains the marker suppresses nothing.
void Extractor::scanSuppressions(TSNode root) {
  size_t pos = src_.find(kSuppressionMarker);
  while (pos != std::string_view::npos) {
    TSNode at = ts_node_descendant_for_byte_range(
        root, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + kSuppressionMarker.size()));
    std::string_view type = ts_node_is_null(at) ? "" : ts_node_type(at);
    if (type == "comment" || type == "html_comment") {
      uint32_t line = ts_node_start_point(at).row + 1 +
                      static_cast<uint32_t>(std::count(src_.begin() + ts_node_start_byte(at),
                                                       src_.begin() + pos, '\n'));
      auto parsed = parseSuppressionComment(src_.substr(pos, ts_node_end_byte(at) - pos));
      if (parsed && parsed->rules.empty())
        facts_.suppressions.push_back({line, "", parsed->reason});
      if (parsed)
        for (const auto& rule : parsed->rules)
          facts_.suppressions.push_back({line, rule, parsed->reason});
    }
    pos = src_.find(kSuppressionMarker, pos + kSuppressionMarker.size());
  }
}

}  // namespace fe::detail
