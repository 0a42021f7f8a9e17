// Parse one file and extract its facts (see source_parser.h).
#include "parse/source_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "parse/bounded_parse.h"
#include "parse/language.h"
#include "parse/parse_arena.h"
#include "support/text_digest.h"

namespace fe {

namespace {

// TypeScript 5 type-only statements the grammar does not know (`export type * from './t'`):
// an ERROR node inside one such line hides nothing that runs.
bool inTypeOnlyLine(std::string_view source, uint32_t from, uint32_t to) {
  if (to > source.size() || from > to) return false;
  size_t start = source.rfind('\n', from == 0 ? 0 : from - 1);
  start = start == std::string_view::npos || from == 0 ? 0 : start + 1;
  size_t end = source.find('\n', from);
  if (end == std::string_view::npos) end = source.size();
  if (to > end) return false;
  std::string_view line = source.substr(start, end - start);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (line.rfind("export type ", 0) != 0 && line.rfind("import type ", 0) != 0) return false;
  size_t semi = line.find(';');
  return semi == std::string_view::npos || semi == line.size() - 1;  // one statement
}

// Reports the first few ERROR / MISSING nodes, walking with an explicit stack, and notes the
// first line of text the parser could not read (facts.firstUnparsedLine).
void reportSyntaxErrors(TSNode root, std::string_view source, const ParseOptions& options,
                        FileFacts& facts) {
  if (!ts_node_has_error(root)) return;
  uint32_t reported = 0, total = 0;
  std::vector<TSNode> stack{root};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (!ts_node_has_error(n)) continue;
    bool isError = ts_node_is_error(n), isMissing = ts_node_is_missing(n);
    if (isError || isMissing) {
      ++total;
      uint32_t from = ts_node_start_byte(n), to = ts_node_end_byte(n);
      if (isError && facts.firstUnparsedLine == 0 && !inTypeOnlyLine(source, from, to))
        facts.firstUnparsedLine = ts_node_start_point(n).row + 1;
      if (reported < options.maxSyntaxErrorsReported) {
        TSPoint p = ts_node_start_point(n);
        std::string msg = isMissing ? fmt::format("syntax error: missing '{}'", ts_node_type(n))
                                    : "syntax error: this part of the file could not be parsed";
        facts.diagnostics.push_back({Severity::Warning, "parse-error", facts.path, int(p.row + 1),
                                     int(p.column + 1),
                                     msg + "; the rest of the file is still analysed"});
        ++reported;
      }
      if (isError) continue;
    }
    // Children in order via a cursor (ts_node_child(n, i) in a loop is quadratic).
    size_t start = stack.size();
    TSTreeCursor cursor = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      do stack.push_back(ts_tree_cursor_current_node(&cursor));
      while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
    std::reverse(stack.begin() + static_cast<long>(start), stack.end());
  }
  if (total > reported)
    facts.diagnostics.push_back(
        {Severity::Note, "parse-error", facts.path, 0, 0,
         fmt::format("{} more syntax errors in this file", total - reported)});
}

bool looksMinified(std::string_view s) {
  if (s.size() < 20000) return false;
  size_t lines = 1;
  for (char c : s) lines += c == '\n';
  return s.size() / lines > 500;
}

}  // namespace

void parseSourceFile(std::string_view source, const ParseOptions& options, FileFacts& facts) {
  Grammar grammar;
  if (options.grammar)
    grammar = *options.grammar;
  else if (!grammarForPath(facts.path, grammar))
    return;
  const LanguageInfo& info = languageInfo(grammar);
  facts.bytes = source.size();
  facts.textHash = textDigest(source);
  facts.minified = looksMinified(source);
  ParseArenaScope arena;  // the tree's memory, released at once when this returns
  TSParser* parser = ts_parser_new();
  if (!ts_parser_set_language(parser, info.language)) {
    facts.diagnostics.push_back({Severity::Error, "grammar", facts.path, 0, 0,
                                 "the grammar could not be loaded (ABI mismatch)"});
    ts_parser_delete(parser);
    return;
  }
  bool exhausted = false;
  TSTree* tree = parseWithinBudget(parser, source, options.parseBudget, exhausted);
  if (!tree) {
    facts.diagnostics.push_back(
        {Severity::Warning, exhausted ? "parse-budget" : "parse-error", facts.path, 0, 0,
         exhausted ? "the parser's error recovery ran past its budget on this file; not analysed"
                   : "the file could not be parsed; not analysed"});
    ts_parser_delete(parser);
    return;
  }
  TSNode root = ts_tree_root_node(tree);
  const LanguageInfo* used = &info;
  // TypeScript syntax in a .js/.jsx file (an app compiled by Babel's TypeScript
  // preset): when the JavaScript grammar finds errors and the TSX grammar parses
  // the file cleanly, the file is TSX. Minified bundles are not retried (twice
  // the parse time for what is almost never TypeScript).
  if (grammar == Grammar::JavaScript && ts_node_has_error(root) && !facts.minified) {
    const LanguageInfo& tsx = languageInfo(Grammar::Tsx);
    if (ts_parser_set_language(parser, tsx.language)) {
      // A retry that runs out of budget keeps the JavaScript tree, errors and all.
      bool retryExhausted = false;
      TSTree* retry = parseWithinBudget(parser, source, options.parseBudget, retryExhausted);
      if (retry && !ts_node_has_error(ts_tree_root_node(retry))) {
        ts_tree_delete(tree);
        tree = retry;
        root = ts_tree_root_node(tree);
        used = &tsx;
        facts.diagnostics.push_back(
            {Severity::Note, "grammar-fallback", facts.path, 0, 0,
             "TypeScript syntax in a JavaScript file: analysed with the TSX grammar, which parses "
             "it without errors"});
      } else if (retry) {
        ts_tree_delete(retry);
      }
    }
  }
  reportSyntaxErrors(root, source, options, facts);
  extractFacts(*used, root, source, options.extract, facts);
  facts.parsed = true;
  // Deleting walks every node to drop its reference (2 % of a scan); the arena's end
  // releases the same memory at once.
  if (!parseArenaHoldsAll()) ts_tree_delete(tree);
  ts_parser_delete(parser);
}

void parseJsonModule(std::string_view json, const ParseOptions& options, FileFacts& facts) {
  // A byte-order mark is not JavaScript; the text after it is the value.
  if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
  const std::string prefix = "module.exports=";
  std::string module = prefix;
  module.append(json);
  ParseOptions js = options;
  js.grammar = Grammar::JavaScript;
  size_t before = facts.diagnostics.size();
  parseSourceFile(module, js, facts);
  facts.bytes = json.size();
  // Columns on the first line are the file's own, not the wrapper's.
  for (size_t i = before; i < facts.diagnostics.size(); ++i) {
    Diagnostic& d = facts.diagnostics[i];
    int shift = static_cast<int>(prefix.size());
    if (d.line == 1 && d.column > shift) d.column -= shift;
  }
}

}  // namespace fe
