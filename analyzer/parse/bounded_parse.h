// A tree-sitter parse with a deterministic bound on its work (see bounded_parse.cpp for why
// and for the measurements behind the default).
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>

namespace fe {

// The budget, in tree-sitter progress checks (one per 100 parse operations): `base` plus
// `per100Bytes` for every 100 bytes of source.
struct ParseBudget {
  uint64_t base = 5000;
  uint64_t per100Bytes = 50;
};

// Parses `source` within `budget`; null when the parse failed or ran out of budget
// (`exhausted` then true). After a null result the parser is reset, ready for another parse.
TSTree* parseWithinBudget(TSParser* parser, std::string_view source, const ParseBudget& budget,
                          bool& exhausted);

}  // namespace fe
