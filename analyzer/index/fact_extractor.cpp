// The one traversal of a syntax tree (see fact_extractor.h). Expressions
// evaluate to value variables; statements update lexical bindings. Local
// variables get a new version at each assignment and phi variables where
// branches meet; variables shared with closures also keep a summary var.
#include "index/fact_extractor.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "support/suppression_comment.h"

namespace fe {
namespace {

enum class BindingKind : uint8_t { Const, Let, Var, Param, Function, Class, Import };

struct Binding {
  VarId summary = kNoVar;      // every value the variable ever holds
  VarId current = kNoVar;      // the version visible at this point of the owner function
  uint32_t owner = kTopLevel;  // function that declares it
  BindingKind kind = BindingKind::Let;
  bool closureWritten = false;
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

  void run(TSNode root) {
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
  // The named children of n, collected with a cursor: O(children), where
  // ts_node_named_child(n, i) in a loop would be quadratic on long blocks.
  std::vector<TSNode> kids(TSNode n) const {
    std::vector<TSNode> out;
    if (isNull(n)) return out;
    TSTreeCursor cursor = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      do {
        TSNode c = ts_tree_cursor_current_node(&cursor);
        if (ts_node_is_named(c)) out.push_back(c);
      } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
    return out;
  }

  VarId newVar(std::string name, TSNode at) {
    facts_.vars.push_back({std::move(name), isNull(at) ? SourceSite{} : site(at)});
    return static_cast<VarId>(facts_.vars.size() - 1);
  }
  VarId newVarAt(std::string name, SourceSite s) {
    facts_.vars.push_back({std::move(name), s});
    return static_cast<VarId>(facts_.vars.size() - 1);
  }
  void alloc(VarId v, AllocKind k, uint32_t index, TSNode at) {
    facts_.allocs.push_back({v, k, index, site(at)});
  }
  void copy(VarId dst, VarId src, TSNode at, bool taintOnly = false) {
    if (dst == kNoVar || src == kNoVar || dst == src) return;
    facts_.copies.push_back({dst, src, taintOnly, isNull(at) ? SourceSite{} : site(at)});
  }
  VarId stringVar(std::string value, TSNode at, bool literal) {
    VarId v = newVar(literal ? "'" + shorten(value) + "'" : "string", at);
    facts_.strings.push_back({v, std::move(value), literal});
    return v;
  }
  static std::string shorten(std::string_view s) {
    if (s.size() <= 40) return std::string(s);
    return std::string(s.substr(0, 37)) + "...";
  }
  uint32_t currentFunction() const { return functions_.back().index; }

  bool tooDeep(TSNode n) {
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
  struct DepthGuard {
    uint32_t& d;
    explicit DepthGuard(uint32_t& depth) : d(depth) { ++d; }
    ~DepthGuard() { --d; }
  };

  // --------------------------------------------------------------- bindings
  uint32_t declareFixed(const std::string& name, VarId var, BindingKind k) {
    Binding b;
    b.summary = var;
    b.current = var;
    b.owner = currentFunction();
    b.kind = k;
    b.versions.push_back(var);
    bindings_.push_back(std::move(b));
    uint32_t idx = static_cast<uint32_t>(bindings_.size() - 1);
    scopes_.back().names[name] = idx;
    return idx;
  }
  // Declares `name` in the innermost scope (or the function scope for `var`),
  // unless it is already declared there (hoisting ran first).
  uint32_t declare(const std::string& name, BindingKind k, TSNode at) {
    Scope* target = &scopes_.back();
    if (k == BindingKind::Var || k == BindingKind::Function) {
      for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
        if (it->functionScope) {
          target = &*it;
          break;
        }
        if (k == BindingKind::Function) break;  // block-level function declarations
      }
    }
    auto found = target->names.find(name);
    if (found != target->names.end()) return found->second;
    Binding b;
    b.summary = newVar(name, at);
    b.current = b.summary;
    b.owner = currentFunction();
    b.kind = k;
    b.versions.push_back(b.summary);
    bindings_.push_back(std::move(b));
    uint32_t idx = static_cast<uint32_t>(bindings_.size() - 1);
    target->names[name] = idx;
    return idx;
  }
  int lookup(std::string_view name) const {
    std::string key(name);
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      auto f = it->names.find(key);
      if (f != it->names.end()) return static_cast<int>(f->second);
    }
    return -1;
  }
  VarId readName(std::string_view name, TSNode at) {
    int b = lookup(name);
    if (b < 0) return globalVar(name, at);
    Binding& bind = bindings_[b];
    if (bind.owner != currentFunction()) return bind.summary;
    return bind.current;
  }
  VarId globalVar(std::string_view name, TSNode at) {
    std::string key(name);
    if (key == "undefined" || key == "NaN" || key == "Infinity") return kNoVar;
    auto it = globals_.find(key);
    if (it != globals_.end()) return it->second;
    VarId v = newVar(key, at);
    globals_.emplace(key, v);
    facts_.globals.emplace_back(v, key);
    return v;
  }
  // Assignment to a name: a new version in the owner function, or a write to
  // the summary from a closure.
  void writeName(std::string_view name, VarId value, TSNode at, bool declaration = false) {
    int bi = lookup(name);
    if (bi < 0) {
      // Assignment to an undeclared global: treat as a global variable.
      VarId g = globalVar(name, at);
      copy(g, value, at);
      return;
    }
    Binding& b = bindings_[bi];
    if (b.owner != currentFunction()) {
      if (value != kNoVar && value != b.summary)
        facts_.copies.push_back({b.summary, value, false, site(at), true});
      b.closureWritten = true;
      return;
    }
    if (b.kind == BindingKind::Const || b.kind == BindingKind::Function ||
        b.kind == BindingKind::Class || b.kind == BindingKind::Import) {
      copy(b.current, value, at);
      return;
    }
    // `let`/`var`/parameters: every definition is a new version, so a read
    // sees only the assignments before it (and phis where branches meet).
    VarId version = newVar(std::string(name), at);
    copy(version, value, at);
    if (conditional_ > 0 && !declaration) copy(version, b.current, at);
    copy(b.summary, version, at);
    log_.push_back({static_cast<uint32_t>(bi), b.current});
    b.current = version;
    b.versions.push_back(version);
  }
  void setCurrent(uint32_t bi, VarId v) {
    log_.push_back({bi, bindings_[bi].current});
    bindings_[bi].current = v;
  }
  // Branch bookkeeping: returns the bindings changed since `mark` with their
  // final versions, and restores the state at `mark`.
  std::vector<std::pair<uint32_t, VarId>> rewind(size_t mark) {
    std::vector<std::pair<uint32_t, VarId>> changed;
    for (size_t i = mark; i < log_.size(); ++i) {
      uint32_t b = log_[i].binding;
      bool seen = false;
      for (auto& c : changed) seen = seen || c.first == b;
      if (!seen) changed.emplace_back(b, bindings_[b].current);
    }
    for (size_t i = log_.size(); i > mark; --i)
      bindings_[log_[i - 1].binding].current = log_[i - 1].previous;
    log_.resize(mark);
    return changed;
  }
  // After branches: every binding changed in any branch gets a phi version.
  void mergeBranches(const std::vector<std::vector<std::pair<uint32_t, VarId>>>& branches,
                     bool includeBefore, TSNode at) {
    std::vector<uint32_t> touched;
    for (auto& br : branches)
      for (auto& c : br)
        if (std::find(touched.begin(), touched.end(), c.first) == touched.end())
          touched.push_back(c.first);
    std::sort(touched.begin(), touched.end());
    for (uint32_t b : touched) {
      VarId phi = newVar(facts_.vars[bindings_[b].summary].name, at);
      VarId before = bindings_[b].current;
      bool allBranchesAssign = !includeBefore;
      for (auto& br : branches) {
        VarId v = before;
        bool found = false;
        for (auto& c : br)
          if (c.first == b) {
            v = c.second;
            found = true;
          }
        if (!found) allBranchesAssign = false;
        copy(phi, v, at);
      }
      if (!allBranchesAssign) copy(phi, before, at);
      copy(bindings_[b].summary, phi, at);
      bindings_[b].versions.push_back(phi);
      setCurrent(b, phi);
    }
  }
  void finishBindings() {
    // Values written by closures may be read at any version.
    for (auto& b : bindings_) {
      if (!b.closureWritten) continue;
      for (VarId v : b.versions)
        if (v != b.summary) copy(v, b.summary, TSNode{});
    }
  }

  void pushScope(bool functionScope) { scopes_.push_back(Scope{{}, functionScope}); }
  void popScope() { scopes_.pop_back(); }

  // ---------------------------------------------------------------- hoisting
  void hoist(TSNode block) {
    for (TSNode kid : kids(block)) hoistStatement(kid);
  }
  void hoistStatement(TSNode s) {
    switch (kind(s)) {
      case NodeKind::FunctionDeclaration:
      case NodeKind::GeneratorFunctionDeclaration: {
        TSNode name = field(s, f_.name);
        if (!isNull(name)) {
          uint32_t b = declare(std::string(text(name)), BindingKind::Function, name);
          uint32_t fn = createFunction(s, std::string(text(name)));
          hoistedFunctions_[ts_node_start_byte(s)] = fn;
          VarId fv = newVar(std::string(text(name)), name);
          alloc(fv, AllocKind::Function, fn, s);
          copy(bindings_[b].current, fv, s);
        }
        break;
      }
      case NodeKind::ClassDeclaration:
      case NodeKind::AbstractClassDeclaration: {
        TSNode name = field(s, f_.name);
        if (!isNull(name)) declare(std::string(text(name)), BindingKind::Class, name);
        break;
      }
      case NodeKind::LexicalDeclaration:
      case NodeKind::VariableDeclaration: {
        bool isConst = text(s).substr(0, 5) == "const";
        BindingKind k = kind(s) == NodeKind::VariableDeclaration ? BindingKind::Var
                        : isConst                                ? BindingKind::Const
                                                                 : BindingKind::Let;
        for (TSNode d : kids(s)) {
          if (kind(d) != NodeKind::VariableDeclarator) continue;
          hoistPatternNames(field(d, f_.name), k);
        }
        break;
      }
      case NodeKind::EnumDeclaration: {
        TSNode name = field(s, f_.name);
        if (!isNull(name)) declare(std::string(text(name)), BindingKind::Const, name);
        break;
      }
      case NodeKind::ExportStatement: {
        TSNode d = field(s, f_.declaration);
        if (!isNull(d)) hoistStatement(d);
        break;
      }
      default:
        break;
    }
  }
  void hoistPatternNames(TSNode p, BindingKind k) {
    if (isNull(p)) return;
    switch (kind(p)) {
      case NodeKind::Identifier:
      case NodeKind::ShorthandPropertyIdentifierPattern:
        declare(std::string(text(p)), k, p);
        return;
      default: {
        uint32_t n = ts_node_named_child_count(p);
        for (uint32_t i = 0; i < n && n < 10000; ++i) {
          TSNode c = ts_node_named_child(p, i);
          NodeKind ck = kind(c);
          if (ck == NodeKind::PairPattern)
            hoistPatternNames(field(c, f_.value), k);
          else if (ck == NodeKind::ObjectAssignmentPattern || ck == NodeKind::AssignmentPattern)
            hoistPatternNames(field(c, f_.left), k);
          else if (ck == NodeKind::Identifier ||
                   ck == NodeKind::ShorthandPropertyIdentifierPattern ||
                   ck == NodeKind::ObjectPattern || ck == NodeKind::ArrayPattern ||
                   ck == NodeKind::RestPattern)
            hoistPatternNames(c, k);
        }
      }
    }
  }

  // --------------------------------------------------------------- functions
  uint32_t createFunction(TSNode node, std::string name) {
    FunctionFact fn;
    std::string qualified = name.empty() ? "<anonymous>" : name;
    const std::string& outer = functions_.back().name;
    if (!outer.empty()) qualified = outer + "." + qualified;
    fn.name = qualified;
    fn.site = site(node);
    fn.thisVar = newVar("this", node);
    fn.returnVar = newVar("return of " + qualified, node);
    fn.argumentsVar = newVar("arguments", node);
    fn.isArrow = kind(node) == NodeKind::ArrowFunction;
    std::string_view t = text(node);
    fn.isAsync = t.substr(0, 5) == "async";
    facts_.functions.push_back(std::move(fn));
    return static_cast<uint32_t>(facts_.functions.size() - 1);
  }

  // Processes the parameters and body of function `index` defined by `node`.
  void processFunction(TSNode node, uint32_t index, uint32_t classIndex = 0xffffffffu) {
    FunctionFact& fn = facts_.functions[index];
    FunctionContext ctx;
    ctx.index = index;
    ctx.returnVar = fn.returnVar;
    ctx.name = fn.name;
    ctx.classIndex = classIndex;
    ctx.thisVar = fn.isArrow ? functions_.back().thisVar : fn.thisVar;
    if (fn.isArrow && ctx.thisVar != kNoVar) facts_.functions[index].thisVar = ctx.thisVar;
    functions_.push_back(ctx);
    pushScope(true);
    size_t savedLog = log_.size();
    int savedConditional = conditional_;
    conditional_ = 0;
    // Parameters: `parameters` field, or a single `parameter` for `x => …`.
    TSNode params = field(node, f_.parameters);
    if (isNull(params)) params = field(node, f_.parameter);
    std::vector<VarId> paramVars;
    if (!isNull(params)) {
      if (kind(params) == NodeKind::FormalParameters) {
        for (TSNode p : kids(params)) {
          NodeKind pk = kind(p);
          if (pk == NodeKind::Comment || pk == NodeKind::Decorator) continue;
          paramVars.push_back(processParameter(p, index, static_cast<int>(paramVars.size())));
        }
      } else {
        paramVars.push_back(processParameter(params, index, 0));
      }
    }
    facts_.functions[index].params = paramVars;
    declareFixed("arguments", facts_.functions[index].argumentsVar, BindingKind::Const);
    for (VarId p : paramVars)
      facts_.stores.push_back({facts_.functions[index].argumentsVar, "[]", kNoVar, p, site(node)});
    TSNode body = field(node, f_.body);
    if (!isNull(body)) {
      if (kind(body) == NodeKind::StatementBlock) {
        hoist(body);
        visitChildren(body);
      } else {
        copy(ctx.returnVar, eval(body), body);
      }
    }
    finishFunctionScope(savedLog);
    conditional_ = savedConditional;
    popScope();
    functions_.pop_back();
  }
  void finishFunctionScope(size_t savedLog) {
    // Versions are per function: restore the enclosing function's view.
    for (size_t i = log_.size(); i > savedLog; --i)
      bindings_[log_[i - 1].binding].current = log_[i - 1].previous;
    log_.resize(savedLog);
  }

  VarId processParameter(TSNode p, uint32_t fnIndex, int position) {
    NodeKind pk = kind(p);
    TSNode pattern = p;
    TSNode defaultValue{};
    bool property = false;
    if (pk == NodeKind::RequiredParameter || pk == NodeKind::OptionalParameter) {
      pattern = field(p, f_.pattern);
      defaultValue = field(p, f_.value);
      uint32_t n = ts_node_named_child_count(p);
      for (uint32_t i = 0; i < n; ++i)
        if (kind(ts_node_named_child(p, i)) == NodeKind::AccessibilityModifier) property = true;
      std::string_view t = text(p);
      if (t.substr(0, 8) == "readonly") property = true;
    } else if (pk == NodeKind::AssignmentPattern) {
      pattern = field(p, f_.left);
      defaultValue = field(p, f_.right);
    } else if (pk == NodeKind::RestPattern) {
      facts_.functions[fnIndex].restParam = position;
    }
    std::string name = isNull(pattern) ? "param" : std::string(text(pattern));
    if (name.size() > 40) name = "param " + std::to_string(position + 1);
    VarId pv = newVar(name, isNull(pattern) ? p : pattern);
    if (!isNull(defaultValue)) {
      ++conditional_;
      copy(pv, eval(defaultValue), defaultValue);
      --conditional_;
    }
    if (!isNull(pattern)) {
      if (kind(pattern) == NodeKind::RestPattern) {
        facts_.functions[fnIndex].restParam = position;
        TSNode inner = ts_node_named_child(pattern, 0);
        if (!isNull(inner)) bindPattern(inner, pv, BindingKind::Param, true);
      } else {
        bindPattern(pattern, pv, BindingKind::Param, true);
      }
    }
    if (property && !isNull(pattern) && kind(pattern) == NodeKind::Identifier) {
      // TypeScript parameter property: `constructor(private x = …)` stores this.x.
      facts_.stores.push_back(
          {facts_.functions[fnIndex].thisVar, std::string(text(pattern)), kNoVar, pv, site(p)});
    }
    return pv;
  }

  // Binds a declaration or assignment pattern to `source`.
  void bindPattern(TSNode p, VarId source, BindingKind k, bool declaration) {
    if (isNull(p)) return;
    if (tooDeep(p)) return;
    DepthGuard guard(depth_);
    switch (kind(p)) {
      case NodeKind::Identifier:
      case NodeKind::ShorthandPropertyIdentifierPattern: {
        std::string name(text(p));
        if (declaration && k == BindingKind::Param) {
          declare(name, k, p);
        } else if (declaration && lookup(name) < 0) {
          declare(name, k, p);
        }
        writeName(name, source, p, declaration);
        return;
      }
      case NodeKind::ObjectPattern: {
        for (TSNode c : kids(p)) {
          switch (kind(c)) {
            case NodeKind::ShorthandPropertyIdentifierPattern: {
              VarId t = load(source, std::string(text(c)), c);
              bindPattern(c, t, k, declaration);
              break;
            }
            case NodeKind::PairPattern: {
              TSNode key = field(c, f_.key);
              VarId t = loadKey(source, key, c);
              bindPattern(field(c, f_.value), t, k, declaration);
              break;
            }
            case NodeKind::ObjectAssignmentPattern: {
              TSNode left = field(c, f_.left);
              VarId t = newVar(std::string(text(left)), c);
              VarId loaded = load(source, std::string(text(left)), c);
              copy(t, loaded, c);
              ++conditional_;
              copy(t, eval(field(c, f_.right)), c);
              --conditional_;
              bindPattern(left, t, k, declaration);
              break;
            }
            case NodeKind::RestPattern: {
              TSNode inner = ts_node_named_child(c, 0);
              VarId rest = newVar("rest", c);
              alloc(rest, AllocKind::Object, 0, c);
              facts_.spreads.push_back({rest, source, site(c)});
              bindPattern(inner, rest, k, declaration);
              break;
            }
            default:
              break;
          }
        }
        return;
      }
      case NodeKind::ArrayPattern: {
        for (TSNode c : kids(p)) {
          if (kind(c) == NodeKind::RestPattern) {
            bindPattern(ts_node_named_child(c, 0), source, k, declaration);
          } else {
            VarId t = load(source, "[]", c);
            bindPattern(c, t, k, declaration);
          }
        }
        return;
      }
      case NodeKind::AssignmentPattern: {
        TSNode left = field(p, f_.left);
        VarId t = newVar(std::string(text(left)), p);
        copy(t, source, p);
        ++conditional_;
        copy(t, eval(field(p, f_.right)), p);
        --conditional_;
        bindPattern(left, t, k, declaration);
        return;
      }
      case NodeKind::RestPattern:
        bindPattern(ts_node_named_child(p, 0), source, k, declaration);
        return;
      case NodeKind::MemberExpression:
      case NodeKind::SubscriptExpression:
        assignToMember(p, source);
        return;
      case NodeKind::ParenthesizedExpression:
      case NodeKind::NonNullExpression:
      case NodeKind::AsExpression:
        bindPattern(ts_node_named_child(p, 0), source, k, declaration);
        return;
      default:
        return;
    }
  }

  VarId load(VarId base, std::string name, TSNode at) {
    if (base == kNoVar) return kNoVar;
    VarId t = newVar(name == "[]" ? "element" : name, at);
    facts_.loads.push_back({t, base, std::move(name), kNoVar, site(at)});
    return t;
  }
  // Property name of an object key or pattern key: identifier, string, number or computed.
  bool staticKey(TSNode key, std::string& out) {
    switch (kind(key)) {
      case NodeKind::PropertyIdentifier:
      case NodeKind::Identifier:
      case NodeKind::ShorthandPropertyIdentifier:
      case NodeKind::PrivatePropertyIdentifier:
        out = std::string(text(key));
        return true;
      case NodeKind::String:
        out = stringContent(key);
        return true;
      case NodeKind::Number:
        out = std::string(text(key));
        return true;
      case NodeKind::ComputedPropertyName: {
        TSNode inner = ts_node_named_child(key, 0);
        if (kind(inner) == NodeKind::String) {
          out = stringContent(inner);
          return true;
        }
        return false;
      }
      default:
        return false;
    }
  }
  VarId loadKey(VarId base, TSNode key, TSNode at) {
    std::string name;
    if (staticKey(key, name)) return load(base, name, at);
    TSNode inner = kind(key) == NodeKind::ComputedPropertyName ? ts_node_named_child(key, 0) : key;
    VarId k = eval(inner);
    VarId t = newVar("computed", at);
    facts_.loads.push_back({t, base, "", k, site(at)});
    return t;
  }

  std::string stringContent(TSNode s) {
    std::string out;
    for (TSNode c : kids(s)) {
      NodeKind ck = kind(c);
      if (ck == NodeKind::StringFragment)
        out += text(c);
      else if (ck == NodeKind::EscapeSequence)
        out += unescape(text(c));
    }
    return out;
  }
  static std::string unescape(std::string_view e) {
    if (e.size() < 2) return std::string(e);
    switch (e[1]) {
      case 'n':
        return "\n";
      case 't':
        return "\t";
      case 'r':
        return "\r";
      case '/':
        return "/";
      case '\\':
        return "\\";
      case '\'':
        return "'";
      case '"':
        return "\"";
      case '`':
        return "`";
      case '$':
        return "$";
      case 'b':
        return "\b";
      case 'f':
        return "\f";
      case 'v':
        return "\v";
      case '0':
        if (e.size() == 2) return std::string(1, '\0');
        return std::string(e.substr(1));
      case 'x':
      case 'u': {
        // \xHH, \uHHHH, \u{H…}: the code point, as UTF-8 (hosts and URLs are compared cooked).
        std::string_view hex = e.substr(2);
        if (!hex.empty() && hex.front() == '{') hex = hex.substr(1, hex.find('}') - 1);
        uint32_t cp = 0;
        for (char c : hex) {
          int d = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
          if (d < 0 || cp > 0x10ffff) return std::string(e.substr(1));
          cp = cp * 16 + static_cast<uint32_t>(d);
        }
        return utf8(cp);
      }
      default:
        return std::string(e.substr(1));
    }
  }
  static std::string utf8(uint32_t cp) {
    std::string out;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
    return out;
  }

  // ------------------------------------------------------------- statements
  void visitChildren(TSNode n) {
    for (TSNode kid : kids(n)) visit(kid);
  }

  void visitBlock(TSNode n) {
    pushScope(false);
    hoist(n);
    visitChildren(n);
    popScope();
  }

  void visit(TSNode s) {
    if (isNull(s)) return;
    if (tooDeep(s)) return;
    DepthGuard guard(depth_);
    switch (kind(s)) {
      case NodeKind::Comment:
        return;
      case NodeKind::ExpressionStatement: {
        for (TSNode kid : kids(s)) eval(kid);
        return;
      }
      case NodeKind::LexicalDeclaration:
      case NodeKind::VariableDeclaration: {
        bool isConst = text(s).substr(0, 5) == "const";
        BindingKind k = kind(s) == NodeKind::VariableDeclaration ? BindingKind::Var
                        : isConst                                ? BindingKind::Const
                                                                 : BindingKind::Let;
        for (TSNode d : kids(s)) {
          if (kind(d) != NodeKind::VariableDeclarator) continue;
          TSNode name = field(d, f_.name);
          TSNode value = field(d, f_.value);
          VarId v = kNoVar;
          if (!isNull(value)) {
            std::string hint = kind(name) == NodeKind::Identifier ? std::string(text(name)) : "";
            v = evalNamed(value, hint);
          }
          if (v == kNoVar && kind(name) == NodeKind::Identifier) {
            // `let x;` declares x with no value yet (an empty version).
            if (lookup(text(name)) < 0) declare(std::string(text(name)), k, name);
            if (isNull(value)) writeName(text(name), kNoVar, name, true);
            continue;
          }
          bindPattern(name, v, k, true);
        }
        return;
      }
      case NodeKind::FunctionDeclaration:
      case NodeKind::GeneratorFunctionDeclaration: {
        auto it = hoistedFunctions_.find(ts_node_start_byte(s));
        uint32_t fn;
        if (it != hoistedFunctions_.end()) {
          fn = it->second;
        } else {
          TSNode name = field(s, f_.name);
          std::string nm = isNull(name) ? "" : std::string(text(name));
          fn = createFunction(s, nm);
          VarId fv = newVar(nm, s);
          alloc(fv, AllocKind::Function, fn, s);
          if (!nm.empty()) bindPattern(name, fv, BindingKind::Function, true);
        }
        processFunction(s, fn);
        return;
      }
      case NodeKind::ClassDeclaration:
      case NodeKind::AbstractClassDeclaration: {
        TSNode name = field(s, f_.name);
        VarId cv = processClass(s, isNull(name) ? "" : std::string(text(name)));
        if (!isNull(name)) {
          // TypeScript names classes with a type_identifier: bind by text.
          std::string nm(text(name));
          if (lookup(nm) < 0) declare(nm, BindingKind::Class, name);
          writeName(nm, cv, name, true);
        }
        return;
      }
      case NodeKind::ReturnStatement: {
        for (TSNode kid : kids(s)) {
          VarId v = eval(kid);
          copy(functions_.back().returnVar, v, s);
          if (v != kNoVar) facts_.returns.push_back({v, site(s), currentFunction()});
        }
        return;
      }
      case NodeKind::IfStatement: {
        eval(field(s, f_.condition));
        size_t mark = log_.size();
        visit(field(s, f_.consequence));
        auto a = rewind(mark);
        TSNode alt = field(s, f_.alternative);
        std::vector<std::pair<uint32_t, VarId>> b;
        if (!isNull(alt)) {
          visit(alt);
          b = rewind(mark);
        }
        mergeBranches({a, b}, isNull(alt), s);
        return;
      }
      case NodeKind::ElseClause:
        visitChildren(s);
        return;
      case NodeKind::StatementBlock:
        visitBlock(s);
        return;
      case NodeKind::ForStatement:
      case NodeKind::WhileStatement:
      case NodeKind::DoStatement:
      case NodeKind::ForInStatement: {
        pushScope(false);
        // The head of for…in/for…of assigns only when the body runs at least once: it is
        // inside the loop's versions, so what the variable held before the loop survives.
        size_t mark = log_.size();
        if (kind(s) == NodeKind::ForInStatement) visitForIn(s);
        std::vector<std::pair<uint32_t, VarId>> entry;
        for (TSNode c : kids(s)) {
          if (kind(s) == NodeKind::ForInStatement && !ts_node_eq(c, field(s, f_.body))) continue;
          NodeKind ck = kind(c);
          if (ck == NodeKind::LexicalDeclaration || ck == NodeKind::VariableDeclaration ||
              ck == NodeKind::StatementBlock || ck == NodeKind::ExpressionStatement ||
              ck == NodeKind::IfStatement || ck == NodeKind::ReturnStatement ||
              ck == NodeKind::ForStatement || ck == NodeKind::ForInStatement ||
              ck == NodeKind::WhileStatement || ck == NodeKind::TryStatement ||
              ck == NodeKind::SwitchStatement || ck == NodeKind::ThrowStatement ||
              ck == NodeKind::DoStatement)
            visit(c);
          else
            eval(c);
        }
        // Loop back edge: the versions at the loop's start also see the end of the body.
        std::vector<std::pair<uint32_t, VarId>> before;
        for (size_t i = mark; i < log_.size(); ++i)
          before.emplace_back(log_[i].binding, log_[i].previous);
        auto body = rewind(mark);
        for (auto& [b, endVersion] : body) {
          VarId start = bindings_[b].current;
          for (auto& bv : before)
            if (bv.first == b) {
              start = bv.second;
              break;
            }
          copy(start, endVersion, s);
        }
        mergeBranches({body}, true, s);
        popScope();
        return;
      }
      case NodeKind::TryStatement: {
        size_t mark = log_.size();
        visit(field(s, f_.body));
        auto a = rewind(mark);
        mergeBranches({a}, true, s);
        TSNode handler = field(s, f_.handler);
        if (!isNull(handler)) {
          size_t m2 = log_.size();
          pushScope(false);
          TSNode param = field(handler, f_.parameter);
          if (!isNull(param)) bindPattern(param, newVar("error", param), BindingKind::Let, true);
          visit(field(handler, f_.body));
          popScope();
          auto h = rewind(m2);
          mergeBranches({h}, true, s);
        }
        TSNode fin = field(s, f_.finalizer);
        if (!isNull(fin)) visitChildren(fin);
        return;
      }
      case NodeKind::SwitchStatement: {
        eval(field(s, f_.value));
        TSNode body = field(s, f_.body);
        std::vector<std::vector<std::pair<uint32_t, VarId>>> branches;
        pushScope(false);
        if (!isNull(body)) hoistSwitch(body);
        for (TSNode c : kids(body)) {
          size_t mark = log_.size();
          TSNode caseValue = field(c, f_.value);
          for (TSNode st : kids(c)) {
            if (!isNull(caseValue) && ts_node_eq(st, caseValue)) {
              eval(st);
              continue;
            }
            visit(st);
          }
          branches.push_back(rewind(mark));
        }
        popScope();
        mergeBranches(branches, true, s);
        return;
      }
      case NodeKind::ThrowStatement:
        for (TSNode kid : kids(s)) eval(kid);
        return;
      case NodeKind::LabeledStatement:
        visit(field(s, f_.body));
        return;
      case NodeKind::ImportStatement:
        visitImport(s);
        return;
      case NodeKind::ExportStatement:
        visitExport(s);
        return;
      case NodeKind::EnumDeclaration: {
        TSNode name = field(s, f_.name);
        VarId e = processEnum(s);
        if (!isNull(name)) bindPattern(name, e, BindingKind::Const, true);
        return;
      }
      case NodeKind::TypeAliasDeclaration:
      case NodeKind::InterfaceDeclaration:
      case NodeKind::AmbientDeclaration:
        return;
      case NodeKind::Module:
      case NodeKind::InternalModule: {
        TSNode body = field(s, f_.body);
        if (!isNull(body)) visitBlock(body);
        return;
      }
      case NodeKind::Error:
        visitChildren(s);
        return;
      default:
        // Expressions at statement position (e.g. inside ERROR recovery) and
        // statements we do not model: evaluate to keep calls inside them.
        eval(s);
        return;
    }
  }
  void hoistSwitch(TSNode body) {
    for (TSNode kid : kids(body)) hoist(kid);
  }

  void visitForIn(TSNode s) {
    TSNode left = field(s, f_.left);
    TSNode right = field(s, f_.right);
    VarId collection = eval(right);
    bool isOf = false;
    uint32_t c = ts_node_child_count(s);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_child(s, i);
      if (!ts_node_is_named(ch) && text(ch) == "of") isOf = true;
    }
    VarId item = isOf ? load(collection, "[]", s) : newVar("key", s);
    if (!isOf && collection != kNoVar) copy(item, collection, s, true);
    std::string_view t = text(s);
    size_t paren = t.find('(');
    std::string_view head = paren == std::string_view::npos ? t : t.substr(paren + 1, 8);
    BindingKind k = head.substr(0, 5) == "const" ? BindingKind::Const
                    : head.substr(0, 3) == "let" ? BindingKind::Let
                    : head.substr(0, 3) == "var" ? BindingKind::Var
                                                 : BindingKind::Let;
    bool decl =
        head.substr(0, 5) == "const" || head.substr(0, 3) == "let" || head.substr(0, 3) == "var";
    bindPattern(left, item, k, decl);
  }

  // ------------------------------------------------------- imports/exports
  void visitImport(TSNode s) {
    TSNode source = field(s, f_.source);
    if (isNull(source)) return;
    std::string spec = stringContent(source);
    if (text(s).substr(0, 11) == "import type") return;
    for (TSNode clause : kids(s)) {
      if (kind(clause) != NodeKind::ImportClause) continue;
      for (TSNode c : kids(clause)) {
        switch (kind(c)) {
          case NodeKind::Identifier:
            importBinding(std::string(text(c)), spec, "default", ImportKind::Default, c);
            break;
          case NodeKind::NamespaceImport: {
            TSNode id = ts_node_named_child(c, 0);
            if (!isNull(id))
              importBinding(std::string(text(id)), spec, "*", ImportKind::Namespace, c);
            break;
          }
          case NodeKind::NamedImports: {
            for (TSNode sp : kids(c)) {
              if (kind(sp) != NodeKind::ImportSpecifier) continue;
              if (text(sp).substr(0, 5) == "type ") continue;
              TSNode name = field(sp, f_.name);
              TSNode alias = field(sp, f_.alias);
              std::string imported =
                  kind(name) == NodeKind::String ? stringContent(name) : std::string(text(name));
              std::string local = isNull(alias) ? imported : std::string(text(alias));
              importBinding(local, spec, imported, ImportKind::Named, sp);
            }
            break;
          }
          default:
            break;
        }
      }
    }
  }
  void importBinding(const std::string& local, const std::string& spec, const std::string& name,
                     ImportKind k, TSNode at) {
    VarId v = newVar(local, at);
    facts_.imports.push_back({v, spec, name, k, site(at)});
    if (!spec.empty() && spec[0] != '.' && spec[0] != '/') packageImports_.insert(local);
    int existing = lookup(local);
    if (existing >= 0 && scopes_.size() == 1) {
      copy(bindings_[existing].current, v, at);
    } else {
      declareFixed(local, v, BindingKind::Import);
    }
  }

  void visitExport(TSNode s) {
    TSNode source = field(s, f_.source);
    TSNode decl = field(s, f_.declaration);
    TSNode value = field(s, f_.value);
    std::string_view t = text(s);
    bool isDefault = t.find("default") != std::string_view::npos &&
                     t.substr(0, 14).find("default") != std::string_view::npos;
    if (t.substr(0, 11) == "export type" || t.substr(0, 16) == "export interface") return;
    if (!isNull(source)) {
      std::string spec = stringContent(source);
      bool any = false;
      for (TSNode c : kids(s)) {
        if (kind(c) == NodeKind::ExportClause) {
          any = true;
          for (TSNode sp : kids(c)) {
            if (kind(sp) != NodeKind::ExportSpecifier) continue;
            TSNode name = field(sp, f_.name);
            TSNode alias = field(sp, f_.alias);
            std::string imported(text(name));
            std::string exported = isNull(alias) ? imported : std::string(text(alias));
            facts_.reexports.push_back({spec, imported, exported});
            facts_.staticExportNames.push_back(exported);
          }
        } else if (kind(c) == NodeKind::NamespaceExport) {
          any = true;
          TSNode id = ts_node_named_child(c, 0);
          std::string exported = isNull(id) ? "*" : std::string(text(id));
          facts_.reexports.push_back({spec, "*", exported});
          facts_.staticExportNames.push_back(exported);
        }
      }
      if (!any) facts_.reexports.push_back({spec, "*", "*"});
      return;
    }
    if (!isNull(decl)) {
      visit(decl);
      std::vector<std::string> names;
      declaredNames(decl, names);
      for (auto& nm : names) {
        int b = lookup(nm);
        if (b < 0) continue;
        exportName(isDefault ? "default" : nm, bindings_[b].summary);
      }
      if (isDefault && names.empty()) {
        // `export default function () {}` / `export default class {}`
        VarId v = evalNamed(decl, "default");
        exportName("default", v);
      }
      return;
    }
    if (!isNull(value)) {
      VarId v = evalNamed(value, "default");
      exportName("default", v);
      return;
    }
    for (TSNode c : kids(s)) {
      if (kind(c) != NodeKind::ExportClause) continue;
      for (TSNode sp : kids(c)) {
        if (kind(sp) != NodeKind::ExportSpecifier) continue;
        TSNode name = field(sp, f_.name);
        TSNode alias = field(sp, f_.alias);
        std::string local(text(name));
        std::string exported = isNull(alias) ? local : std::string(text(alias));
        int b = lookup(local);
        exportName(exported, b >= 0 ? bindings_[b].summary : globalVar(local, sp));
      }
    }
  }
  void exportName(const std::string& name, VarId v) {
    if (v == kNoVar) return;
    facts_.exports.push_back({name, v});
    facts_.stores.push_back({facts_.exportsVar, name, kNoVar, v, SourceSite{}});
    facts_.staticExportNames.push_back(name);
  }
  void declaredNames(TSNode decl, std::vector<std::string>& out) {
    switch (kind(decl)) {
      case NodeKind::FunctionDeclaration:
      case NodeKind::GeneratorFunctionDeclaration:
      case NodeKind::ClassDeclaration:
      case NodeKind::AbstractClassDeclaration:
      case NodeKind::EnumDeclaration: {
        TSNode name = field(decl, f_.name);
        if (!isNull(name)) out.emplace_back(text(name));
        return;
      }
      case NodeKind::LexicalDeclaration:
      case NodeKind::VariableDeclaration: {
        for (TSNode d : kids(decl)) {
          if (kind(d) == NodeKind::VariableDeclarator) patternNames(field(d, f_.name), out);
        }
        return;
      }
      default:
        return;
    }
  }
  void patternNames(TSNode p, std::vector<std::string>& out) {
    if (isNull(p)) return;
    NodeKind k = kind(p);
    if (k == NodeKind::Identifier || k == NodeKind::ShorthandPropertyIdentifierPattern) {
      out.emplace_back(text(p));
      return;
    }
    for (TSNode c : kids(p)) {
      NodeKind ck = kind(c);
      if (ck == NodeKind::PairPattern)
        patternNames(field(c, f_.value), out);
      else if (ck == NodeKind::ObjectAssignmentPattern || ck == NodeKind::AssignmentPattern)
        patternNames(field(c, f_.left), out);
      else
        patternNames(c, out);
    }
  }

  // ------------------------------------------------------------ classes/enums
  VarId processEnum(TSNode s) {
    VarId e = newVar("enum", s);
    alloc(e, AllocKind::Object, 0, s);
    TSNode body = field(s, f_.body);
    if (isNull(body)) return e;
    for (TSNode m : kids(body)) {
      if (kind(m) == NodeKind::EnumAssignment) {
        std::string key;
        if (!staticKey(field(m, f_.name), key)) continue;
        facts_.stores.push_back({e, key, kNoVar, eval(field(m, f_.value)), site(m)});
      }
    }
    return e;
  }

  VarId processClass(TSNode node, std::string name) {
    ClassFact cls;
    cls.name = name.empty() ? "<class>" : name;
    cls.site = site(node);
    cls.prototypeVar = newVar(cls.name + ".prototype", node);
    alloc(cls.prototypeVar, AllocKind::Object, 0, node);
    uint32_t classIndex = static_cast<uint32_t>(facts_.classes.size());
    facts_.classes.push_back(cls);
    VarId classVar = newVar(cls.name, node);
    alloc(classVar, AllocKind::Class, classIndex, node);
    facts_.stores.push_back({classVar, "prototype", kNoVar, cls.prototypeVar, site(node)});
    // Heritage
    for (TSNode c : kids(node)) {
      if (kind(c) != NodeKind::ClassHeritage) continue;
      TSNode expr = ts_node_named_child(c, 0);
      if (kind(expr) == NodeKind::ExtendsClause) expr = field(expr, f_.value);
      if (!isNull(expr)) facts_.classes[classIndex].superVar = eval(expr);
    }
    TSNode body = field(node, f_.body);
    // Constructor first, so field initialisers run in its context.
    TSNode ctorNode{};
    for (TSNode c : kids(body)) {
      if (kind(c) == NodeKind::MethodDefinition && text(field(c, f_.name)) == "constructor")
        ctorNode = c;
    }
    // Temporarily name the enclosing function as the class for qualified names.
    FunctionContext classCtx = functions_.back();
    classCtx.name = cls.name;
    functions_.push_back(classCtx);
    uint32_t ctor = createFunction(isNull(ctorNode) ? node : ctorNode, "constructor");
    facts_.functions[ctor].isClassConstructor = true;
    facts_.functions[ctor].classIndex = classIndex;
    facts_.functions[ctor].isArrow = false;
    facts_.classes[classIndex].constructorFunction = ctor;
    VarId ctorVar = newVar(cls.name, node);
    alloc(ctorVar, AllocKind::Function, ctor, node);
    facts_.stores.push_back({cls.prototypeVar, "constructor", kNoVar, classVar, site(node)});
    if (!isNull(ctorNode)) {
      processFunction(ctorNode, ctor, classIndex);
    } else {
      facts_.functions[ctor].params.clear();
    }
    // Members
    for (TSNode c : kids(body)) {
      NodeKind ck = kind(c);
      // Keywords before the member's name, whatever else precedes them
      // (`private static async`, `public static get`, decorators).
      bool isStatic = false, getter = false;
      {
        TSNode nameNode = field(c, f_.name);
        if (isNull(nameNode)) nameNode = field(c, f_.property);
        uint32_t nameStart = isNull(nameNode) ? ts_node_end_byte(c) : ts_node_start_byte(nameNode);
        uint32_t n = ts_node_child_count(c);
        for (uint32_t i = 0; i < n; ++i) {
          TSNode k = ts_node_child(c, i);
          if (ts_node_start_byte(k) >= nameStart) break;
          std::string_view word = ts_node_type(k);
          isStatic = isStatic || word == "static";
          getter = getter || word == "get";
        }
      }
      if (ck == NodeKind::MethodDefinition) {
        if (ts_node_eq(c, ctorNode)) continue;
        std::string key;
        TSNode nameNode = field(c, f_.name);
        if (!staticKey(nameNode, key)) key = "";
        uint32_t fn = createFunction(c, key);
        facts_.functions[fn].classIndex = classIndex;
        facts_.functions[fn].isArrow = false;
        VarId fv = newVar(key, c);
        alloc(fv, AllocKind::Function, fn, c);
        processFunction(c, fn, classIndex);
        VarId target = isStatic ? classVar : cls.prototypeVar;
        // A getter's value is what it returns.
        facts_.stores.push_back(
            {target, key, kNoVar, getter ? facts_.functions[fn].returnVar : fv, site(c)});
        if (getter) facts_.stores.push_back({target, "$getter:" + key, kNoVar, fv, site(c)});
      } else if (ck == NodeKind::FieldDefinition || ck == NodeKind::PublicFieldDefinition) {
        TSNode nameNode = field(c, f_.name);
        if (isNull(nameNode)) nameNode = field(c, f_.property);
        std::string key;
        if (!staticKey(nameNode, key)) continue;
        TSNode value = field(c, f_.value);
        if (isNull(value)) continue;
        // Instance fields are evaluated with `this` being the new instance.
        FunctionContext fieldCtx = functions_.back();
        fieldCtx.index = ctor;
        fieldCtx.thisVar = facts_.functions[ctor].thisVar;
        fieldCtx.name = cls.name + "." + key;
        if (isStatic) fieldCtx.thisVar = classVar;
        functions_.push_back(fieldCtx);
        pushScope(true);
        VarId v = evalNamed(value, key);
        popScope();
        functions_.pop_back();
        facts_.stores.push_back(
            {isStatic ? classVar : facts_.functions[ctor].thisVar, key, kNoVar, v, site(c)});
      } else if (ck == NodeKind::ClassStaticBlock) {
        TSNode b = field(c, f_.body);
        if (!isNull(b)) visitBlock(b);
      }
    }
    functions_.pop_back();
    return classVar;
  }

  // ------------------------------------------------------------ expressions
  VarId evalNamed(TSNode n, const std::string& hint) {
    NodeKind k = kind(n);
    if (k == NodeKind::FunctionExpression || k == NodeKind::ArrowFunction ||
        k == NodeKind::GeneratorFunction) {
      return functionExpression(n, hint);
    }
    if (k == NodeKind::Class) {
      TSNode name = field(n, f_.name);
      return processClass(n, isNull(name) ? hint : std::string(text(name)));
    }
    return eval(n);
  }

  VarId functionExpression(TSNode n, const std::string& hint) {
    TSNode nameNode = field(n, f_.name);
    std::string name = isNull(nameNode) ? hint : std::string(text(nameNode));
    uint32_t fn = createFunction(n, name);
    VarId fv = newVar(name.empty() ? "function" : name, n);
    alloc(fv, AllocKind::Function, fn, n);
    if (!isNull(nameNode)) {
      // A named function expression sees its own name.
      pushScope(false);
      declareFixed(name, fv, BindingKind::Const);
      processFunction(n, fn);
      popScope();
    } else {
      processFunction(n, fn);
    }
    return fv;
  }

  VarId join(std::initializer_list<VarId> parts, TSNode at, const char* name) {
    VarId t = kNoVar;
    for (VarId p : parts) {
      if (p == kNoVar) continue;
      if (t == kNoVar) t = newVar(name, at);
      copy(t, p, at);
    }
    return t;
  }

  VarId eval(TSNode n) {
    if (isNull(n)) return kNoVar;
    if (tooDeep(n)) return kNoVar;
    DepthGuard guard(depth_);
    switch (kind(n)) {
      case NodeKind::Identifier:
        return readName(text(n), n);
      case NodeKind::This:
        return functions_.back().thisVar;
      case NodeKind::String:
        return stringVar(stringContent(n), n, true);
      case NodeKind::TemplateString:
        return templateString(n);
      case NodeKind::Number:
      case NodeKind::True:
      case NodeKind::False:
      case NodeKind::Null:
      case NodeKind::Undefined:
      case NodeKind::Regex:
      case NodeKind::Comment:
        return kNoVar;
      case NodeKind::ParenthesizedExpression:
      case NodeKind::AsExpression:
      case NodeKind::SatisfiesExpression:
      case NodeKind::NonNullExpression:
      case NodeKind::TypeAssertion: {
        // The expression is the first named child that is not a type.
        uint32_t c = ts_node_named_child_count(n);
        VarId last = kNoVar;
        for (uint32_t i = 0; i < c; ++i) {
          TSNode ch = ts_node_named_child(n, i);
          if (i == 0 || kind(n) == NodeKind::ParenthesizedExpression) last = eval(ch);
          if (kind(n) != NodeKind::TypeAssertion && kind(n) != NodeKind::ParenthesizedExpression)
            break;
          if (kind(n) == NodeKind::TypeAssertion) last = eval(ts_node_named_child(n, c - 1));
          if (kind(n) == NodeKind::TypeAssertion) break;
        }
        return last;
      }
      case NodeKind::SequenceExpression: {
        VarId last = kNoVar;
        for (TSNode kid : kids(n)) last = eval(kid);
        return last;
      }
      case NodeKind::AwaitExpression: {
        VarId v = eval(ts_node_named_child(n, 0));
        if (v == kNoVar) return kNoVar;
        VarId t = newVar("await", n);
        facts_.awaits.push_back({t, v});
        return t;
      }
      case NodeKind::YieldExpression: {
        VarId v = eval(ts_node_named_child(n, 0));
        return join({v}, n, "yield");
      }
      case NodeKind::MemberExpression:
        return memberExpression(n);
      case NodeKind::SubscriptExpression: {
        VarId base = eval(field(n, f_.object));
        TSNode index = field(n, f_.index);
        if (kind(index) == NodeKind::Number) {
          return load(base, "[]", n);
        }
        if (kind(index) == NodeKind::String) return load(base, stringContent(index), n);
        VarId key = eval(index);
        if (base == kNoVar) return kNoVar;
        VarId t = newVar("element", n);
        facts_.loads.push_back({t, base, "", key, site(n)});
        return t;
      }
      case NodeKind::CallExpression:
        return callExpression(n, false);
      case NodeKind::NewExpression:
        return callExpression(n, true);
      case NodeKind::AssignmentExpression: {
        TSNode left = field(n, f_.left);
        std::string hint = kind(left) == NodeKind::Identifier ? std::string(text(left))
                           : kind(left) == NodeKind::MemberExpression
                               ? std::string(text(field(left, f_.property)))
                               : "";
        VarId v = evalNamed(field(n, f_.right), hint);
        assign(left, v, n);
        return v;
      }
      case NodeKind::AugmentedAssignmentExpression: {
        TSNode left = field(n, f_.left);
        TSNode opNode = field(n, f_.operator_);
        std::string_view op = isNull(opNode) ? std::string_view("+=") : text(opNode);
        VarId old = eval(left);
        VarId right = eval(field(n, f_.right));
        VarId v;
        if (op == "+=") {
          v = newVar(kind(left) == NodeKind::Identifier ? std::string(text(left)) : "concat", n);
          facts_.concats.push_back({v, {old, right}, site(n)});
        } else if (op == "||=" || op == "?\?=" || op == "&&=") {
          v = join({old, right}, n, "value");
        } else {
          v = newVar("number", n);
          copy(v, old, n, true);
          copy(v, right, n, true);
        }
        assign(left, v, n);
        return v;
      }
      case NodeKind::BinaryExpression: {
        TSNode opNode = field(n, f_.operator_);
        std::string_view op = isNull(opNode) ? std::string_view("") : text(opNode);
        TSNode l = field(n, f_.left), r = field(n, f_.right);
        if (op == "&&" || op == "||" || op == "??") {
          VarId a = eval(l);
          ++conditional_;
          VarId b = eval(r);
          --conditional_;
          return join({a, b}, n, "value");
        }
        VarId a = eval(l);
        VarId b = eval(r);
        if (op == "+") {
          if (a == kNoVar && b == kNoVar) return kNoVar;
          VarId t = newVar("concat", n);
          facts_.concats.push_back({t, {a, b}, site(n)});
          return t;
        }
        if (op == "-" || op == "*" || op == "/" || op == "%" || op == "**" || op == "&" ||
            op == "|" || op == "^" || op == "<<" || op == ">>" || op == ">>>") {
          if (a == kNoVar && b == kNoVar) return kNoVar;
          VarId t = newVar("number", n);
          copy(t, a, n, true);
          copy(t, b, n, true);
          return t;
        }
        if ((op == "===" || op == "!==" || op == "==" || op == "!=") && a != kNoVar && b != kNoVar)
          facts_.comparisons.push_back({a, b, site(n), currentFunction()});
        return kNoVar;  // comparisons, in, instanceof: booleans carry no data
      }
      case NodeKind::UnaryExpression: {
        TSNode opNode = field(n, f_.operator_);
        std::string_view op = isNull(opNode) ? std::string_view("") : text(opNode);
        VarId a = eval(field(n, f_.argument));
        if (op == "-" || op == "+" || op == "~") {
          if (a == kNoVar) return kNoVar;
          VarId t = newVar("number", n);
          copy(t, a, n, true);
          return t;
        }
        return kNoVar;
      }
      case NodeKind::UpdateExpression:
        eval(field(n, f_.argument));
        return kNoVar;
      case NodeKind::TernaryExpression: {
        eval(field(n, f_.condition));
        ++conditional_;
        VarId a = eval(field(n, f_.consequence));
        VarId b = eval(field(n, f_.alternative));
        --conditional_;
        return join({a, b}, n, "value");
      }
      case NodeKind::Object:
        return objectLiteral(n);
      case NodeKind::Array:
        return arrayLiteral(n);
      case NodeKind::FunctionExpression:
      case NodeKind::ArrowFunction:
      case NodeKind::GeneratorFunction:
        return functionExpression(n, "");
      case NodeKind::Class:
        return evalNamed(n, "");
      case NodeKind::SpreadElement:
        return eval(ts_node_named_child(n, 0));
      case NodeKind::JsxElement:
      case NodeKind::JsxSelfClosingElement:
        return jsxElement(n);
      case NodeKind::JsxExpression: {
        VarId last = kNoVar;
        for (TSNode kid : kids(n)) last = eval(kid);
        return last;
      }
      case NodeKind::Super:
        return kNoVar;
      case NodeKind::Decorator:
        return kNoVar;
      default: {
        // Unknown expression forms (and ERROR nodes): evaluate the parts and
        // let their taint through, never their identity.
        VarId t = kNoVar;
        for (TSNode ch : kids(n)) {
          NodeKind ck = kind(ch);
          VarId v;
          if (ck == NodeKind::ExpressionStatement || ck == NodeKind::LexicalDeclaration ||
              ck == NodeKind::VariableDeclaration || ck == NodeKind::FunctionDeclaration ||
              ck == NodeKind::ReturnStatement || ck == NodeKind::IfStatement ||
              ck == NodeKind::StatementBlock || ck == NodeKind::ClassDeclaration ||
              ck == NodeKind::ImportStatement || ck == NodeKind::ExportStatement) {
            visit(ch);
            continue;
          }
          v = eval(ch);
          if (v == kNoVar) continue;
          if (t == kNoVar) t = newVar("value", n);
          copy(t, v, n, true);
        }
        return t;
      }
    }
  }

  VarId templateString(TSNode n) {
    std::vector<VarId> parts;
    std::string pending;
    bool anySubst = false;
    for (TSNode ch : kids(n)) {
      NodeKind ck = kind(ch);
      if (ck == NodeKind::StringFragment) {
        pending += text(ch);
      } else if (ck == NodeKind::EscapeSequence) {
        pending += unescape(text(ch));
      } else if (ck == NodeKind::TemplateSubstitution) {
        anySubst = true;
        if (!pending.empty()) {
          parts.push_back(stringVar(pending, ch, true));
          pending.clear();
        }
        VarId v = kNoVar;
        for (TSNode kid : kids(ch)) v = eval(kid);
        if (v == kNoVar) v = newVar("value", ch);  // a number or boolean: some unknown text
        parts.push_back(v);
      }
    }
    if (!anySubst) return stringVar(pending, n, true);
    if (!pending.empty()) parts.push_back(stringVar(pending, n, true));
    VarId t = newVar("template", n);
    facts_.concats.push_back({t, std::move(parts), site(n)});
    return t;
  }

  VarId memberExpression(TSNode n) {
    TSNode objNode = field(n, f_.object);
    TSNode prop = field(n, f_.property);
    std::string name(text(prop));
    // process.env.X
    if (kind(objNode) == NodeKind::MemberExpression && text(objNode) == "process.env" &&
        lookup("process") < 0) {
      VarId t = newVar("process.env." + name, n);
      facts_.envs.push_back({t, name});
      return t;
    }
    VarId base = eval(objNode);
    if (base == kNoVar) return kNoVar;
    return load(base, name, n);
  }

  void assign(TSNode left, VarId v, TSNode at) {
    switch (kind(left)) {
      case NodeKind::Identifier:
        writeName(text(left), v, at);
        return;
      case NodeKind::MemberExpression:
      case NodeKind::SubscriptExpression:
        assignToMember(left, v);
        return;
      case NodeKind::ObjectPattern:
      case NodeKind::ArrayPattern:
        bindPattern(left, v, BindingKind::Let, false);
        return;
      case NodeKind::ParenthesizedExpression:
      case NodeKind::NonNullExpression:
        assign(ts_node_named_child(left, 0), v, at);
        return;
      default:
        return;
    }
  }
  void assignToMember(TSNode left, VarId v) {
    TSNode objNode = field(left, f_.object);
    VarId base = eval(objNode);
    if (base == kNoVar) return;
    if (kind(left) == NodeKind::MemberExpression) {
      std::string name(text(field(left, f_.property)));
      facts_.stores.push_back({base, name, kNoVar, v, site(left)});
      // Static export names for CommonJS: exports.x / module.exports.x / module.exports = {…}
      std::string_view ot = text(objNode);
      if ((ot == "exports" || ot == "module.exports") && lookup("exports") >= 0)
        facts_.staticExportNames.push_back(name);
      return;
    }
    TSNode index = field(left, f_.index);
    if (kind(index) == NodeKind::String) {
      facts_.stores.push_back({base, stringContent(index), kNoVar, v, site(left)});
    } else if (kind(index) == NodeKind::Number) {
      facts_.stores.push_back({base, "[]", kNoVar, v, site(left)});
    } else {
      VarId key = eval(index);
      facts_.stores.push_back({base, "", key, v, site(left)});
    }
  }

  VarId objectLiteral(TSNode n) {
    VarId o = newVar("object", n);
    alloc(o, AllocKind::Object, 0, n);
    for (TSNode ch : kids(n)) {
      switch (kind(ch)) {
        case NodeKind::Pair: {
          TSNode key = field(ch, f_.key);
          std::string name;
          bool isStatic = staticKey(key, name);
          VarId v = evalNamed(field(ch, f_.value), isStatic ? name : "");
          if (isStatic) {
            facts_.stores.push_back({o, name, kNoVar, v, site(ch)});
          } else {
            TSNode inner =
                kind(key) == NodeKind::ComputedPropertyName ? ts_node_named_child(key, 0) : key;
            facts_.stores.push_back({o, "", eval(inner), v, site(ch)});
          }
          break;
        }
        case NodeKind::ShorthandPropertyIdentifier: {
          std::string name(text(ch));
          facts_.stores.push_back({o, name, kNoVar, readName(name, ch), site(ch)});
          break;
        }
        case NodeKind::SpreadElement: {
          VarId v = eval(ts_node_named_child(ch, 0));
          if (v != kNoVar) facts_.spreads.push_back({o, v, site(ch)});
          break;
        }
        case NodeKind::MethodDefinition: {
          std::string name;
          if (!staticKey(field(ch, f_.name), name)) name = "";
          uint32_t fn = createFunction(ch, name);
          facts_.functions[fn].isArrow = false;
          VarId fv = newVar(name, ch);
          alloc(fv, AllocKind::Function, fn, ch);
          processFunction(ch, fn);
          // Methods see the object as `this` when called on it; also bind it here
          // for object-literal singletons.
          copy(facts_.functions[fn].thisVar, o, ch);
          facts_.stores.push_back({o, name, kNoVar, fv, site(ch)});
          break;
        }
        default:
          eval(ch);
          break;
      }
    }
    return o;
  }

  VarId arrayLiteral(TSNode n) {
    VarId a = newVar("array", n);
    alloc(a, AllocKind::Array, 0, n);
    for (TSNode ch : kids(n)) {
      if (kind(ch) == NodeKind::SpreadElement) {
        VarId v = eval(ts_node_named_child(ch, 0));
        VarId e = load(v, "[]", ch);
        if (e != kNoVar) facts_.stores.push_back({a, "[]", kNoVar, e, site(ch)});
        continue;
      }
      VarId v = eval(ch);
      if (v != kNoVar) facts_.stores.push_back({a, "[]", kNoVar, v, site(ch)});
    }
    return a;
  }

  std::string normalisedCallee(TSNode callee) {
    std::string out;
    std::string_view t = text(callee);
    if (t.size() > 200) t = t.substr(0, 200);
    for (char ch : t)
      if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r') out += ch;
    return out;
  }

  // The first argument's text without whitespace and comments, with one quote
  // style and no trailing commas: stable under reformatting (fingerprints).
  std::string normalisedFirstArg(TSNode args) {
    if (isNull(args)) return "";
    TSNode first{};
    bool found = false;
    for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n && !found; ++i) {
      TSNode c = ts_node_named_child(args, i);
      if (kind(c) != NodeKind::Comment) {
        first = c;
        found = true;
      }
    }
    if (!found) return "";
    std::string_view t = text(first);
    if (t.size() > 4096) t = t.substr(0, 4096);
    std::string out;
    char quote = 0;
    for (size_t i = 0; i < t.size() && out.size() < 300; ++i) {
      char ch = t[i];
      if (quote) {
        if (ch == '\\' && i + 1 < t.size()) {
          out += ch;
          out += t[++i];
          continue;
        }
        if (ch == quote) {
          quote = 0;
          out += ch == '`' ? '`' : '\'';
          continue;
        }
        out += ch;
        continue;
      }
      if (ch == '"' || ch == '\'' || ch == '`') {
        quote = ch;
        out += ch == '`' ? '`' : '\'';
        continue;
      }
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') continue;
      if (ch == '/' && i + 1 < t.size() && t[i + 1] == '/') {
        while (i < t.size() && t[i] != '\n') ++i;
        continue;
      }
      if (ch == '/' && i + 1 < t.size() && t[i + 1] == '*') {
        size_t e = t.find("*/", i + 2);
        i = e == std::string_view::npos ? t.size() : e + 1;
        continue;
      }
      if ((ch == ')' || ch == ']' || ch == '}') && !out.empty() && out.back() == ',')
        out.pop_back();
      out += ch;
    }
    return out;
  }

  VarId callExpression(TSNode n, bool isNew) {
    TSNode calleeNode = field(n, isNew ? f_.constructor : f_.function);
    TSNode argsNode = field(n, f_.arguments);
    CallFact call;
    call.site = site(n);
    call.isNew = isNew;
    call.enclosingFunction = currentFunction();
    call.calleeText = normalisedCallee(calleeNode);
    call.argText = normalisedFirstArg(argsNode);
    NodeKind ck = kind(calleeNode);
    // require('x') and import('x')
    if (!isNew && !isNull(calleeNode)) {
      std::string_view ct = text(calleeNode);
      bool isImport = ct == "import";
      if ((ct == "require" && lookup("require") < 0) || isImport) {
        TSNode first = isNull(argsNode) ? TSNode{} : ts_node_named_child(argsNode, 0);
        if (!isNull(first) && kind(first) == NodeKind::String) {
          VarId t = newVar(std::string(ct) + "('" + stringContent(first) + "')", n);
          facts_.imports.push_back({t, stringContent(first), "*",
                                    isImport ? ImportKind::Dynamic : ImportKind::Require, site(n)});
          return t;
        }
      }
    }
    if (ck == NodeKind::MemberExpression && !isNew) {
      TSNode objNode = field(calleeNode, f_.object);
      TSNode prop = field(calleeNode, f_.property);
      call.methodName = std::string(text(prop));
      if (kind(objNode) == NodeKind::Super) {
        // super.method(): look the method up on `this` (the prototype chain).
        call.receiver = functions_.back().thisVar;
      } else {
        call.receiver = eval(objNode);
      }
      if (call.receiver == kNoVar) {
        // A method on a constant (e.g. 'abc'.toUpperCase()): its result is a constant too.
        // Kept for the policy checks: `/^https:/.test(x)` may test an input before a write.
        evalArgs(argsNode, call);
        facts_.literalMethodCalls.push_back(
            {call.methodName, call.args, site(n), currentFunction()});
        return kNoVar;
      }
      call.callee = load(call.receiver, call.methodName, calleeNode);
    } else if (ck == NodeKind::Super) {
      call.isSuperCall = true;
      call.callee = kNoVar;
      call.receiver = functions_.back().thisVar;
    } else {
      call.callee = eval(calleeNode);
    }
    // Tagged template: the template is the argument.
    if (!isNull(argsNode) && kind(argsNode) == NodeKind::TemplateString) {
      call.args.push_back(templateString(argsNode));
    } else {
      evalArgs(argsNode, call);
    }
    if (call.callee == kNoVar && !call.isSuperCall) {
      // Calling something that is not a value we track: its result still
      // carries its arguments' taint.
      VarId t = kNoVar;
      for (VarId a : call.args) {
        if (a == kNoVar) continue;
        if (t == kNoVar) t = newVar("result of " + shorten(call.calleeText), n);
        copy(t, a, n, true);
      }
      return t;
    }
    call.result = newVar(shorten(call.calleeText) + "(…)", n);
    VarId result = call.result;
    facts_.calls.push_back(std::move(call));
    return result;
  }
  void evalArgs(TSNode argsNode, CallFact& call) {
    if (isNull(argsNode)) return;
    for (TSNode a : kids(argsNode)) {
      NodeKind ak = kind(a);
      if (ak == NodeKind::Comment) continue;
      if (ak == NodeKind::SpreadElement) {
        if (call.args.size() < 32) call.spreadMask |= 1u << call.args.size();
        call.args.push_back(eval(ts_node_named_child(a, 0)));
        continue;
      }
      if (call.args.empty() && ak == NodeKind::String) call.firstArgLiteral = 1;
      call.args.push_back(eval(a));
    }
  }

  // onChange, onSubmit, onDrop…: `on` and a capital letter.
  static bool isEventProp(const std::string& name) {
    return name.size() > 2 && name[0] == 'o' && name[1] == 'n' && name[2] >= 'A' && name[2] <= 'Z';
  }

  // A JSX element. One of the app's components (`<Child onData={send} />`, a capitalised
  // name) is a call of that component with a props object, so a function passed as a prop
  // and called by the child gets the child's arguments.
  VarId jsxElement(TSNode n) {
    TSNode open = kind(n) == NodeKind::JsxElement ? field(n, f_.open_tag) : n;
    if (isNull(open) && kind(n) == NodeKind::JsxElement) open = ts_node_named_child(n, 0);
    std::string element;
    VarId props = kNoVar;
    VarId elementValue = kNoVar;
    TSNode nameNode{};
    if (!isNull(open)) {
      TSNode name = field(open, f_.name);
      if (!isNull(name)) element = std::string(text(name));
      if (!element.empty() && element[0] >= 'A' && element[0] <= 'Z' &&
          kind(name) == NodeKind::Identifier) {
        nameNode = name;
        props = newVar("props of " + element, n);
        alloc(props, AllocKind::Object, 0, n);
      }
      // Event props of a DOM element or of a UI library's component get browser events; those
      // of the app's own components are called by the child with its own arguments.
      std::string root = element.substr(0, element.find('.'));
      bool domElement = !element.empty() && element[0] >= 'a' && element[0] <= 'z';
      VarId packageComponent =
          !domElement && packageImports_.count(root) > 0 && !isNull(name) ? eval(name) : kNoVar;
      bool browserEvents = domElement || packageComponent != kNoVar;
      for (TSNode attr : kids(open)) {
        if (kind(attr) == NodeKind::JsxExpression) {
          eval(attr);
          continue;
        }
        if (kind(attr) != NodeKind::JsxAttribute) continue;
        TSNode an = ts_node_named_child(attr, 0);
        TSNode av = ts_node_named_child_count(attr) > 1 ? ts_node_named_child(attr, 1) : TSNode{};
        std::string attrName = isNull(an) ? "" : std::string(text(an));
        VarId v = kNoVar;
        if (!isNull(av)) {
          if (kind(av) == NodeKind::String)
            v = stringVar(stringContent(av), av, true);
          else
            v = eval(av);
        }
        if (v != kNoVar && (attrName == "src" || attrName == "href" || attrName == "srcSet" ||
                            attrName == "poster" || attrName == "data"))
          facts_.jsxUrls.push_back({element, attrName, v, site(n), currentFunction()});
        if (props != kNoVar && v != kNoVar && !attrName.empty())
          facts_.stores.push_back({props, attrName, kNoVar, v, site(attr)});
        if (v != kNoVar && browserEvents && isEventProp(attrName)) {
          // The browser (or the UI library) calls the handler with an event: what the user
          // typed, picked or dropped is read from it (catalog sources on `$uiEvent`).
          CallFact handler;
          handler.site = site(attr);
          handler.enclosingFunction = currentFunction();
          handler.calleeText = attrName;
          handler.callee = v;
          // A package's component passes its own value: `Form.onSubmit.$p0` (catalog paths).
          handler.args.push_back(packageComponent != kNoVar
                                     ? load(load(packageComponent, attrName, attr), "$p0", attr)
                                     : globalVar("$uiEvent", attr));
          handler.result = newVar(attrName + "()", attr);
          facts_.calls.push_back(std::move(handler));
        }
      }
    }
    if (props != kNoVar) {
      CallFact call;
      call.site = site(n);
      call.enclosingFunction = currentFunction();
      call.calleeText = element;
      call.callee = eval(nameNode);
      call.args.push_back(props);
      call.result = newVar("<" + element + ">", n);
      // The element's value stands for its component (React's element `type`), so
      // `render(<App />)` hands the platform the function it will run.
      elementValue = call.callee;
      if (call.callee != kNoVar) facts_.calls.push_back(std::move(call));
    }
    if (kind(n) == NodeKind::JsxElement) {
      for (TSNode ch : kids(n)) {
        NodeKind k = kind(ch);
        if (k == NodeKind::JsxElement || k == NodeKind::JsxSelfClosingElement ||
            k == NodeKind::JsxExpression)
          eval(ch);
      }
    }
    return elementValue;
  }

  // ------------------------------------------------------------ suppressions
  // Markers are found by a text search (rare, so cheap), and count only inside a
  // comment node of the tree: a string that contains the marker suppresses nothing.
  void scanSuppressions(TSNode root) {
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

}  // namespace

void extractFacts(const LanguageInfo& language, TSNode root, std::string_view source,
                  const ExtractOptions& options, FileFacts& facts) {
  Extractor extractor(language, source, options, facts);
  extractor.run(root);
}

}  // namespace fe
