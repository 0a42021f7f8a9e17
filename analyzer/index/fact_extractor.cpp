// The one traversal of a syntax tree (see fact_extractor.h): extractFacts runs
// an Extractor (extractor.h) over the tree. This file holds the traversal's
// entry and the node helpers every part of it shares; the parts themselves are
// in versioned_bindings.cpp and the extract_*.cpp files.
#include "index/fact_extractor.h"

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "index/extractor.h"
#include "index/syntax_text.h"

namespace fe {
namespace detail {

void Extractor::run(TSNode root) {
  FunctionContext top;
  top.index = kTopLevel;
  top.thisVar = newVar("this", root);
  top.returnVar = kNoVar;
  top.name = "";
  functions_.push_back(top);
  scopes_.push_back(Scope{{}, true});
  facts_.moduleVar = newVar("module", root);
  facts_.exportsVar = newVar("exports", root);
  alloc(facts_.moduleVar, AllocKind::ModuleObject, 0, root);
  alloc(facts_.exportsVar, AllocKind::ExportsObject, 0, root);
  facts_.stores.push_back({facts_.moduleVar, "exports", kNoVar, facts_.exportsVar, site(root)});
  declareFixed("module", facts_.moduleVar, BindingKind::Const);
  declareFixed("exports", facts_.exportsVar, BindingKind::Const);
  hoist(root);
  visitChildren(root);
  finishBindings();
  scanSuppressions(root);
}

// The named children of n, collected with a cursor: O(children), where
// ts_node_named_child(n, i) in a loop would be quadratic on long blocks.
Extractor::Kids Extractor::kids(TSNode n) const {
  Kids out;
  if (isNull(n)) return out;
  TSTreeCursor& cursor = cursorAt(n);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(c)) out.push_back(c);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  return out;
}

// The one cursor the child walks below share, moved to n: making a cursor allocates its
// stack, and these walks run once per node. A walk must end before the next one starts.
TSTreeCursor& Extractor::cursorAt(TSNode n) const {
  if (kidsCursorMade_) {
    ts_tree_cursor_reset(&kidsCursor_, n);
  } else {
    kidsCursor_ = ts_tree_cursor_new(n);
    kidsCursorMade_ = true;
  }
  return kidsCursor_;
}

// The elements of an array literal or array pattern with their indices: a hole
// (`[, b]`) takes an index too, so positions count the commas, not the named children.
std::vector<std::pair<TSNode, uint32_t>> Extractor::indexedElements(TSNode n) const {
  std::vector<std::pair<TSNode, uint32_t>> out;
  if (isNull(n)) return out;
  TSTreeCursor& cursor = cursorAt(n);
  uint32_t index = 0;
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (!ts_node_is_named(c)) {
        if (std::string_view(ts_node_type(c)) == ",") ++index;
      } else if (kind(c) != NodeKind::Comment) {
        out.emplace_back(c, index);
      }
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  return out;
}

// Whether n has an anonymous child token of this type: a keyword the grammar
// keeps as a token of the node (`async`, `readonly`, `type`, `default`), never
// one inside a child node or a name that merely starts with the keyword.
bool Extractor::hasToken(TSNode n, std::string_view type) const {
  if (isNull(n)) return false;
  bool found = false;
  TSTreeCursor& cursor = cursorAt(n);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      found = !ts_node_is_named(c) && type == ts_node_type(c);
    } while (!found && ts_tree_cursor_goto_next_sibling(&cursor));
  }
  return found;
}

// The declaring keyword of a lexical_declaration or of a for…in/for…of head:
// the child in the grammar's `kind` field that is `const`, `let` or `var`, or
// "" when there is none (`for (x of xs)` assigns an existing variable).
std::string_view Extractor::declarationKeyword(TSNode n) const {
  if (isNull(n) || f_.kind == 0) return {};
  std::string_view keyword;
  TSTreeCursor& cursor = cursorAt(n);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      if (ts_tree_cursor_current_field_id(&cursor) != f_.kind) continue;
      std::string_view type = ts_node_type(ts_tree_cursor_current_node(&cursor));
      if (type == "const" || type == "let" || type == "var") keyword = type;
    } while (keyword.empty() && ts_tree_cursor_goto_next_sibling(&cursor));
  }
  return keyword;
}

// What a declaration or a for…in/for…of head declares: `var` (a variable_declaration,
// or a head's `var`), `const`, else `let`.
BindingKind Extractor::declaredKind(TSNode n) const {
  if (kind(n) == NodeKind::VariableDeclaration) return BindingKind::Var;
  std::string_view keyword = declarationKeyword(n);
  return keyword == "const" ? BindingKind::Const
         : keyword == "var" ? BindingKind::Var
                            : BindingKind::Let;
}

VarId Extractor::stringVar(std::string value, TSNode at, bool literal) {
  // Appended, not `"'" + shorten(value)`: GCC 12 warns falsely (-Wrestrict) on that form.
  VarId v = newVar(literal ? std::string("'").append(shorten(value)).append("'") : "string", at);
  facts_.strings.push_back({v, std::move(value), literal});
  return v;
}

bool Extractor::tooDeep(TSNode n) {
  if (depth_ < options_.maxDepth) return false;
  if (!reportedDepth_) {
    reportedDepth_ = true;
    TSPoint p = ts_node_start_point(n);
    facts_.diagnostics.push_back({Severity::Warning, "nesting-limit", facts_.path, int(p.row + 1),
                                  int(p.column + 1),
                                  fmt::format("syntax nested deeper than {} levels; the analysis "
                                              "of this part of the file is incomplete",
                                              options_.maxDepth)});
  }
  return true;
}

std::string Extractor::stringContent(TSNode s) {
  std::string out;
  for (TSNode c : kids(s)) {
    NodeKind ck = kind(c);
    if (ck == NodeKind::StringFragment)
      out += text(c);
    else if (ck == NodeKind::EscapeSequence)
      out += unescapeSequence(text(c));
  }
  return out;
}

}  // namespace detail

void extractFacts(const LanguageInfo& language, TSNode root, std::string_view source,
                  const ExtractOptions& options, FileFacts& facts) {
  detail::Extractor extractor(language, source, options, facts);
  extractor.run(root);
}

}  // namespace fe
