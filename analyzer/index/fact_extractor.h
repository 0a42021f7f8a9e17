// The one traversal of a syntax tree: walks a parsed file once and records
// its facts (values, loads, stores, calls, imports, exports, functions,
// classes) with lexical scoping and flow-sensitive versions of local
// variables, so that a variable overwritten with a constant no longer
// carries what it held.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

#include "index/facts.h"
#include "parse/language.h"

namespace fe {

struct ExtractOptions {
  // Deepest syntax nesting the traversal follows; deeper subtrees are skipped
  // with a diagnostic (the analysis of that file is then incomplete).
  uint32_t maxDepth = 3000;
};

// Fills `facts` (whose path and side are already set) from the tree of `source`.
void extractFacts(const LanguageInfo& language, TSNode root, std::string_view source,
                  const ExtractOptions& options, FileFacts& facts);

}  // namespace fe
