// The fact extractor's private class, shared by the files that implement it
// (fact_extractor.cpp and the extract_*.cpp / versioned_bindings.cpp files next
// to it). Nothing outside analyzer/index includes this header: the public entry
// point is extractFacts in fact_extractor.h.
//
// One Extractor walks one syntax tree once. Expressions evaluate to value
// variables; statements update lexical bindings. Local variables get a new
// version at each assignment and phi variables where branches meet; variables
// shared with closures also keep a summary var (see versioned_bindings.cpp).
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "index/fact_extractor.h"
#include "index/facts.h"
#include "parse/language.h"
#include "support/small_vector.h"

namespace fe::detail {

enum class BindingKind : uint8_t { Const, Let, Var, Param, Function, Class, Import };

struct Binding {
  VarId summary = kNoVar;      // every value the variable ever holds
  VarId current = kNoVar;      // the version visible at this point of the owner function
  uint32_t owner = kTopLevel;  // function that declares it
  BindingKind kind = BindingKind::Let;
  bool closureWritten = false;
  bool read = false;    // some expression reads it (for `arguments`, made only when read)
  bool number = false;  // a const bound to a decimal integer literal (its value is its digits)
  std::vector<VarId> versions;
};

struct Scope {
  std::unordered_map<std::string, uint32_t> names;  // name -> binding index
  bool functionScope = false;
};

struct FunctionContext {
  uint32_t index = kTopLevel;
  VarId thisVar = kNoVar;
  VarId returnVar = kNoVar;
  std::string name;
  uint32_t classIndex = 0xffffffffu;
  // A generator's iterator (`function*`, `async function*`): what it yields is its elements,
  // which `for (… of gen())` and `for await` read.
  VarId generatorVar = kNoVar;
  // The try blocks of this function the statement being read is in, innermost last: what
  // a `throw` there throws goes to that block's catch, not to every catch of the app.
  std::vector<VarId> tryThrown;
};

// Undo log entry for flow-sensitive binding versions.
struct VersionChange {
  uint32_t binding;
  VarId previous;
};

class Extractor {
 public:
  Extractor(const LanguageInfo& lang, std::string_view src, const ExtractOptions& options,
            FileFacts& facts)
      : lang_(lang), f_(lang.fields), src_(src), options_(options), facts_(facts) {}
  ~Extractor() {
    if (kidsCursorMade_) ts_tree_cursor_delete(&kidsCursor_);
  }
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  void run(TSNode root);  // fact_extractor.cpp

 private:
  // ---------------------------------------------------------------- helpers
  SourceSite site(TSNode n) const {
    TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
    return {s.row + 1, s.column + 1, e.row + 1, e.column + 1};
  }
  std::string_view text(TSNode n) const {
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    if (a > src_.size() || b > src_.size() || b < a) return {};
    return src_.substr(a, b - a);
  }
  NodeKind kind(TSNode n) const { return ts_node_is_null(n) ? NodeKind::Other : lang_.kindOf(n); }
  TSNode field(TSNode n, TSFieldId id) const {
    if (id == 0) return TSNode{};
    return ts_node_child_by_field_id(n, id);
  }
  static bool isNull(TSNode n) { return ts_node_is_null(n); }

  VarId newVar(std::string name, TSNode at) {
    facts_.vars.push_back({std::move(name), isNull(at) ? SourceSite{} : site(at)});
    return static_cast<VarId>(facts_.vars.size() - 1);
  }
  VarId newVarAt(std::string name, SourceSite s) {
    facts_.vars.push_back({std::move(name), s});
    return static_cast<VarId>(facts_.vars.size() - 1);
  }
  void alloc(VarId v, AllocKind k, uint32_t index, TSNode at) {
    facts_.allocs.push_back({v, k, index, site(at), currentFunction()});
  }
  void copy(VarId dst, VarId src, TSNode at, bool taintOnly = false) {
    if (dst == kNoVar || src == kNoVar || dst == src) return;
    facts_.copies.push_back({dst, src, taintOnly, isNull(at) ? SourceSite{} : site(at)});
  }
  uint32_t currentFunction() const { return functions_.back().index; }
  VarId thrownVar(TSNode at) {
    if (facts_.thrownVar == kNoVar) facts_.thrownVar = newVar("thrown", at);
    return facts_.thrownVar;
  }
  // Where a value thrown here goes: the innermost try block of this function, else out of
  // the function to any catch of the app.
  void throwValue(VarId v, TSNode at) {
    if (v == kNoVar) return;
    if (!functions_.back().tryThrown.empty()) {
      copy(functions_.back().tryThrown.back(), v, at);
      return;
    }
    copy(thrownVar(at), v, at);
    facts_.throws = true;
  }

  struct DepthGuard {
    uint32_t& d;
    explicit DepthGuard(uint32_t& depth) : d(depth) { ++d; }
    ~DepthGuard() { --d; }
  };

  void pushScope(bool functionScope) { scopes_.push_back(Scope{{}, functionScope}); }
  void popScope() { scopes_.pop_back(); }

  // fact_extractor.cpp: node helpers that need the extractor's state.
  // The named children: most nodes have at most four, kept inline (no malloc per node).
  using Kids = SmallVector<TSNode, 4>;
  Kids kids(TSNode n) const;
  std::vector<std::pair<TSNode, uint32_t>> indexedElements(TSNode n) const;
  TSTreeCursor& cursorAt(TSNode n) const;
  // kids()'s cursor, reset for each node: a new cursor allocates its stack every time.
  mutable TSTreeCursor kidsCursor_{};
  mutable bool kidsCursorMade_ = false;
  bool hasToken(TSNode n, std::string_view type) const;
  std::string_view declarationKeyword(TSNode n) const;
  BindingKind declaredKind(TSNode n) const;
  VarId stringVar(std::string value, TSNode at, bool literal);
  bool tooDeep(TSNode n);
  std::string stringContent(TSNode s);

  // versioned_bindings.cpp: scopes, bindings and their flow-sensitive versions; hoisting.
  uint32_t declareFixed(const std::string& name, VarId var, BindingKind k);
  uint32_t declare(const std::string& name, BindingKind k, TSNode at);
  int lookup(std::string_view name) const;
  VarId readName(std::string_view name, TSNode at);
  VarId globalVar(std::string_view name, TSNode at);
  void writeName(std::string_view name, VarId value, TSNode at, bool declaration = false);
  void setCurrent(uint32_t bi, VarId v);
  std::vector<std::pair<uint32_t, VarId>> rewind(size_t mark);
  void mergeBranches(const std::vector<std::vector<std::pair<uint32_t, VarId>>>& branches,
                     bool includeBefore, TSNode at);
  void finishBindings();
  void finishFunctionScope(size_t savedLog);
  void hoist(TSNode block);
  void hoistStatement(TSNode s);
  void hoistPatternNames(TSNode p, BindingKind k);
  void hoistSwitch(TSNode body);

  // extract_functions.cpp: function facts, parameters and bodies.
  uint32_t createFunction(TSNode node, std::string name);
  void processFunction(TSNode node, uint32_t index, uint32_t classIndex = 0xffffffffu);
  VarId processParameter(TSNode p, uint32_t fnIndex, int position);
  VarId functionExpression(TSNode n, const std::string& hint);

  // extract_patterns.cpp: destructuring, assignment targets and property keys.
  void bindPattern(TSNode p, VarId source, BindingKind k, bool declaration);
  void assign(TSNode left, VarId v, TSNode at);
  void assignToMember(TSNode left, VarId v);
  VarId load(VarId base, std::string name, TSNode at);
  VarId loadKey(VarId base, TSNode key, TSNode at);
  bool staticKeyText(TSNode key, std::string& out);
  bool staticKey(TSNode key, std::string& out);
  // Keywords before a class or object member's name, whatever else precedes them
  // (`private static async`, `public static get`, decorators).
  void memberKeywords(TSNode member, bool& isStatic, bool& getter, bool* setter = nullptr);
  bool hasStarToken(TSNode node);
  VarId namespaceObject_ = kNoVar;  // inside `namespace X {…}`: what it exports is X's
  VarId namespaceDeclaration(TSNode s);

  // extract_statements.cpp
  void visitChildren(TSNode n);
  void visitBlock(TSNode n);
  void visit(TSNode s);
  void visitForIn(TSNode s);

  // extract_modules.cpp: imports and exports.
  void visitImport(TSNode s);
  void importBinding(const std::string& local, const std::string& spec, const std::string& name,
                     ImportKind k, TSNode at);
  void visitExport(TSNode s);
  void exportName(const std::string& name, VarId v);
  void declaredNames(TSNode decl, std::vector<std::string>& out);
  void patternNames(TSNode p, std::vector<std::string>& out);

  // extract_classes.cpp: classes and enums.
  VarId processEnum(TSNode s);
  VarId processClass(TSNode node, std::string name);
  // Calls the decorator `d` (`@Endpoint(url)`: what `Endpoint(url)` returns) with args.
  VarId decoratorCall(TSNode d, std::vector<VarId> args);

  // extract_expressions.cpp (JSX included)
  VarId evalNamed(TSNode n, const std::string& hint);
  VarId join(std::initializer_list<VarId> parts, TSNode at, const char* name);
  VarId eval(TSNode n);
  VarId templateString(TSNode n);
  // The text JavaScript makes of a plain decimal integer literal (`8443`), for the strings it
  // is concatenated into; nullopt for other nodes and number forms.
  std::optional<std::string> decimalText(TSNode n);
  // A number the code writes: a decimal literal, or a const bound to one (`P + 1` of two is
  // arithmetic, not text).
  bool isNumberConstant(TSNode n) const;
  VarId memberExpression(TSNode n);
  VarId objectLiteral(TSNode n);
  VarId arrayLiteral(TSNode n);
  VarId jsxElement(TSNode n);

  // extract_calls.cpp: calls, `new`, require() and import().
  std::string normalisedFirstArg(TSNode args);
  // `./locales/${lang}.json`, `'./plugins/' + name`: the module name as a pattern with `*`
  // for each computed part (its expressions are still visited), when it starts with a
  // relative folder; nullopt otherwise.
  std::optional<std::string> modulePattern(TSNode arg);
  // calleeOverride: the callee to use instead of n's `function` field (see extract_calls.cpp).
  VarId callExpression(TSNode n, bool isNew, TSNode calleeOverride = TSNode{});
  void evalArgs(TSNode argsNode, CallFact& call);
  // `X.createElement('input', { onChange })` and `(0, X.jsx)('input', { onChange })`:
  // compiled JSX, as a bundle holds it. Calls the DOM element's event handlers with a
  // browser event, as the JSX element would (see jsxElement).
  void compiledElementEvents(TSNode calleeNode, TSNode argsNode, const CallFact& call);
  void forwardCallOrApply(const CallFact& call, TSNode calleeNode, TSNode argsNode);

  // extract_suppressions.cpp
  void scanSuppressions(TSNode root);

  const LanguageInfo& lang_;
  const FieldIds& f_;
  std::string_view src_;
  const ExtractOptions& options_;
  FileFacts& facts_;
  std::vector<Scope> scopes_;
  std::vector<Binding> bindings_;
  std::vector<FunctionContext> functions_;
  std::vector<VersionChange> log_;
  std::unordered_map<std::string, VarId> globals_;
  std::unordered_set<std::string> packageImports_;  // names imported from packages (not files)
  std::unordered_map<uint32_t, uint32_t> hoistedFunctions_;
  uint32_t depth_ = 0;
  bool reportedDepth_ = false;
  int conditional_ = 0;
};

}  // namespace fe::detail
