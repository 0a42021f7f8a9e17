// Parses one source file with tree-sitter and extracts its facts, then frees
// the tree: only compact facts outlive this call. Syntax errors become
// diagnostics with file:line; the rest of the file is still analysed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "index/fact_extractor.h"
#include "index/facts.h"
#include "parse/bounded_parse.h"

namespace fe {

struct ParseOptions {
  ExtractOptions extract;
  uint32_t maxSyntaxErrorsReported = 3;
  // The grammar to use whatever the path says (an HTML page's inline scripts are JavaScript).
  std::optional<Grammar> grammar;
  // Tree-sitter's work on the file (parse/bounded_parse.h): past it, the file is not analysed.
  ParseBudget parseBudget;
};

// `facts.path` and `facts.side` must be set. `facts.parsed` stays false when the file could
// not be analysed (a diagnostic says why): the caller makes the verdict incomplete.
void parseSourceFile(std::string_view source, const ParseOptions& options, FileFacts& facts);

// A .json file that code imports, read as the CommonJS module `module.exports = <json>`: its
// values (the URLs of a config file) reach the code that imports it. Lines stay the file's.
void parseJsonModule(std::string_view json, const ParseOptions& options, FileFacts& facts);

}  // namespace fe
